"""Sales person endpoints (`/v1/salesperson`, `/v2/salesperson`, AR205000): HTTP only; the use cases are
crm/salespersons.py. The v1 list answers one page in a `BasePaginationDto` (`pageNumber`, `pageSize`,
`totalCount`, `records`), the v2 list an array whose elements carry `metadata`."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.errors import BusinessError
from ..kit.keys import ResourceKey
from ..kit.paging import Page, paging, with_metadata
from ..kit.render import json_response
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from ..parties.contacts import active_flag
from . import salespersons
from .schemas import BasePaginationDtoOfSalesPersonDto, SalesPersonDto, SalesPersonUpdateDto

router = APIRouter(prefix="/v1/salesperson", tags=["SalesPerson"])
v2_router = APIRouter(prefix="/v2/salesperson", tags=["SalesPersonV2"])
_paging = paging(salespersons.MAX_PAGE_SIZE)


def _percent(value: str | None) -> Decimal | None:
    if value is None or not value.strip():
        return None
    try:
        return Decimal(value.strip())
    except InvalidOperation:
        raise BusinessError(
            f"The value '{value}' of parameter 'commissionPct' is not valid. Accepted values: a number."
        ) from None


async def salesperson_filters(
    salespersonCD: str | None = Query(None, description="The sales person of this id."),
    name: str | None = Query(None, description="Sales persons of this name."),
    isActive: str | None = Query(None, description="true or false."),
    commissionPct: str | None = Query(None, description="Sales persons of this commission %."),
    salesSub: str | None = Query(None, description="Sales persons of this sales subaccount."),
    greaterThanValue: str | None = Query(None, description="Sales persons whose id sorts after this one."),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
    createdDateTime: str | None = Query(None, description=value_description("createdDateTime")),
    createdDateTimeCondition: str | None = Query(None, description=condition_description("createdDateTime")),
) -> salespersons.SalesPersonFilters:
    if isActive is not None and isActive.strip():
        try:
            active = active_flag(isActive)
        except BusinessError:
            raise BusinessError(
                f"The value '{isActive}' of parameter 'isActive' is not valid. Accepted values: true, false."
            ) from None
    else:
        active = None
    return salespersons.SalesPersonFilters(
        code=salespersonCD,
        name=name,
        active=active,
        commission_pct=_percent(commissionPct),
        sales_sub=salesSub,
        greater_than=greaterThanValue,
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
        created=date_condition("createdDateTime", createdDateTime, createdDateTimeCondition),
    )


@router.get(
    "",
    response_model=BasePaginationDtoOfSalesPersonDto,
    summary="Get a range of SalesPerson - ScreenId=AR205000",
    description="One page, in sales person id order, as `records` with the page's number and size and the total count.",
)
def list_salespersons(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: salespersons.SalesPersonFilters = Depends(salesperson_filters),
    page: Page = Depends(_paging),
) -> Response:
    found, result = salespersons.list_salespersons(
        request.app.state.db, company_id=context.company_id, filters=filters, page=page
    )
    return json_response(
        {
            "pageNumber": page.number,
            "pageSize": page.size,
            "totalCount": result.total_count,
            "records": [salespersons.salesperson_dto(s) for s in found],
        }
    )


@router.post(
    "",
    status_code=201,
    response_class=Response,
    responses=CREATED_RESPONSE,
    summary="Create a SalesPerson - ScreenId=AR205000",
    description="`salespersonID` and `name` are required; `customers` lines add the customers served (at their "
    "MAIN location unless `locationID` names another).",
)
def create_salesperson(
    request: Request, dto: SalesPersonUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    found = salespersons.create_salesperson(request.app.state.db, company_id=context.company_id, changes=dto.changes())
    return created(request, found.salesperson_cd, row_version=found.row_version, dto=dto)


@router.get(
    "/{salespersonCd}",
    response_model=SalesPersonDto,
    summary="Get a specific SalesPerson - ScreenId=AR205000",
    description="The response headers include an ETag.",
)
def get_salesperson(
    request: Request, salespersonCd: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    found = salespersons.get_salesperson(request.app.state.db, company_id=context.company_id, code=salespersonCd)
    return json_response(salespersons.salesperson_dto(found), headers=etag_header(found.person.row_version))


@router.put(
    "/{salespersonCd}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a specific SalesPerson - ScreenId=AR205000",
    description="PATCH semantics; a stale If-Match gets 412. `customers` lines insert, update or delete the "
    "customers served; `salespersonID` cannot be changed.",
)
def update_salesperson(
    request: Request,
    salespersonCd: ResourceKey,
    dto: SalesPersonUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    found, ignored = salespersons.update_salesperson(
        request.app.state.db,
        company_id=context.company_id,
        code=salespersonCd,
        changes=dto.changes(),
        if_match=if_match,
    )
    return updated(row_version=found.row_version, dto=dto, ignored=ignored)


@v2_router.get(
    "",
    response_model=list[SalesPersonDto],
    summary="Get a range of SalesPerson - ScreenId=AR205000",
    description="Paged: every element carries `metadata`. In sales person id order.",
)
def list_salespersons_v2(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: salespersons.SalesPersonFilters = Depends(salesperson_filters),
    page: Page = Depends(_paging),
) -> Response:
    found, result = salespersons.list_salespersons(
        request.app.state.db, company_id=context.company_id, filters=filters, page=page
    )
    return json_response(with_metadata([salespersons.salesperson_dto(s) for s in found], result))


@v2_router.get(
    "/{salespersonCd}",
    response_model=SalesPersonDto,
    summary="Get a specific SalesPerson - ScreenId=AR205000",
    description="The response headers include an ETag.",
)
def get_salesperson_v2(
    request: Request, salespersonCd: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    return get_salesperson(request, salespersonCd, context)
