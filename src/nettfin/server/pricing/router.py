"""The pricing routes: `/v1/customerSalesPrice` (a declared resource), `/v1/discountCode` and `/v1/discount`
(their lists in the paging envelope `{pageNumber, pageSize, totalCount, records}`, as the real documents answer),
`/v2/discountCode` and `/v2/discount` (bare arrays), and the discount series' POST, PUT, DELETE and
`updateDiscounts` actions.

No `from __future__ import annotations`: FastAPI reads the endpoints' annotations, which name DTOs made at import.
"""

from datetime import datetime
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import create_model
from starlette.responses import Response

from ..db.base import utcnow
from ..identity.auth import CompanyContext, company_context
from ..kit.conditions import parse_moment
from ..kit.keys import decode_key
from ..kit.paging import Page, paging
from ..kit.render import json_response
from ..kit.resource import Resource
from ..kit.resource_routes import criteria_dependency, resource_router
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, updated
from ..kit.wire import LineOperation, Value, WireModel
from . import discounts
from .discounts import DISCOUNT, DISCOUNT_CODE
from .prices import CUSTOMER_SALES_PRICE

price_router = resource_router(CUSTOMER_SALES_PRICE, company_context)
discount_code_v2_router = resource_router(DISCOUNT_CODE, company_context)
discount_v2_router = resource_router(DISCOUNT, company_context)


def _envelope_router(resource: Resource, path: str, summary: str) -> APIRouter:
    """The v1 list of a resource in the paging envelope."""
    page_model = create_model(
        f"BasePaginationDtoOf{resource.dto}",
        pageNumber=(int | None, None),
        pageSize=(int | None, None),
        totalCount=(int | None, None),
        records=(list[resource.read_model] | None, None),
    )
    router = APIRouter(prefix=path, tags=[resource.tag])

    @router.get("", response_model=page_model, summary=summary, name=f"list_{resource.name}_page")
    def list_page(
        request: Request,
        context: CompanyContext = Depends(company_context),
        criteria: Any = Depends(criteria_dependency(resource)),
        page: Page = Depends(paging(resource.max_page_size)),
    ) -> Response:
        rows, result = resource.records(
            request.app.state.db, company_id=context.company_id, criteria=criteria, page=page
        )
        return json_response(
            {
                "pageNumber": page.number,
                "pageSize": page.size,
                "totalCount": result.total_count,
                "records": [resource.render(row) for row in rows],
            }
        )

    return router


discount_code_router = _envelope_router(
    DISCOUNT_CODE, "/v1/discountCode", "Get a range of discount codes - ScreenId=AR209000"
)
discount_router = _envelope_router(DISCOUNT, "/v1/discount", "Get a range of discounts - ScreenId=AR209500")


class DiscountBreakpointUpdateDto(WireModel):
    """A breakpoint: `operation` plain, `lineNbr` names an existing one."""

    operation: LineOperation | None = None
    lineNbr: Value[int] | None = None
    pendingBreakAmount: Value[Decimal] | None = None
    pendingDate: Value[datetime] | None = None
    pendingDiscountPercent: Value[Decimal] | None = None
    pendingDiscountAmount: Value[Decimal] | None = None
    pendingBreakQuantity: Value[Decimal] | None = None
    breakAmount: Value[Decimal] | None = None
    discountAmount: Value[Decimal] | None = None
    discountPercent: Value[Decimal] | None = None


class DiscountUpdateDto(WireModel):
    discountCode: Value[str] | None = None
    series: Value[str] | None = None
    description: Value[str] | None = None
    discountBy: Value[str] | None = None
    breakBy: Value[str] | None = None
    promotional: Value[bool] | None = None
    active: Value[bool] | None = None
    prorateDiscount: Value[bool] | None = None
    effectiveDate: Value[datetime] | None = None
    expirationDate: Value[datetime] | None = None
    discountBreakpoints: list[DiscountBreakpointUpdateDto] | None = None


def _key(raw: str) -> str:
    return decode_key(raw).strip()


@discount_router.post(
    "",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Creates a new discount",
    description="201 with an absolute Location ending in the discount code and series.",
)
def create_discount(request: Request, body: DiscountUpdateDto, context: CompanyContext = Depends(company_context)):
    series = discounts.create_series(request.app.state.db, company_id=context.company_id, changes=body.changes())
    return created(request, (series.code.code, series.series), row_version=series.row_version, dto=body)


@discount_router.put(
    "/{discountCode}/{series}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a discount",
)
def update_discount(
    request: Request,
    discountCode: str,
    series: str,
    body: DiscountUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    record, ignored = discounts.update_series(
        request.app.state.db,
        company_id=context.company_id,
        code=_key(discountCode),
        series=_key(series),
        changes=body.changes(),
        if_match=if_match,
    )
    return updated(row_version=record.row_version, dto=body, ignored=ignored)


@discount_router.delete(
    "/{discountCode}/{series}",
    status_code=204,
    response_class=Response,
    summary="Discount delete bydiscount codeseries",
)
def delete_discount(
    request: Request, discountCode: str, series: str, context: CompanyContext = Depends(company_context)
) -> Response:
    discounts.delete_series(
        request.app.state.db, company_id=context.company_id, code=_key(discountCode), series=_key(series)
    )
    return Response(status_code=204)


def _update_discounts(request: Request, context: CompanyContext, code: str, series: str, day, if_match) -> Response:
    record = discounts.update_discounts(
        request.app.state.db,
        company_id=context.company_id,
        code=_key(code),
        series=_key(series),
        day=day,
        if_match=if_match,
    )
    return updated(row_version=record.row_version)


@discount_router.post(
    "/{discountCode}/{series}/action/updateDiscounts",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update discounts",
    description="Makes the pending breakpoint values current where their pending date is today or earlier.",
)
def update_discounts(
    request: Request,
    discountCode: str,
    series: str,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    return _update_discounts(request, context, discountCode, series, utcnow().date(), if_match)


@discount_router.post(
    "/{discountCode}/{series}/{filerDate}/action/updateDiscounts",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update discounts using a filter date",
    description=(
        "Makes the pending breakpoint values current where their pending date is on or before the filter date "
        "(`filterDate` when given, else the path's)."
    ),
)
def update_discounts_by_date(
    request: Request,
    discountCode: str,
    series: str,
    filerDate: str,
    filterDate: str | None = Query(None, description="The filter date; the path's when not given."),
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    name, text = ("filterDate", filterDate) if filterDate else ("filerDate", decode_key(filerDate))
    day = parse_moment(name, text).date()
    return _update_discounts(request, context, discountCode, series, day, if_match)


ROUTERS = [
    price_router,
    discount_code_router,
    discount_code_v2_router,
    discount_router,
    discount_v2_router,
]
