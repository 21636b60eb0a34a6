"""Customer endpoints (AR303000) and customer classes (AR201000): the declarations' routes (`customers.py`),
and those the kit does not make: the class list and class (a class has no version, so no ETag) and the
customer by its internal id. They come first: `customerClass` and `internal` are not customer numbers."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.keys import ResourceKey, internal_id
from ..kit.resource import Criteria
from ..kit.resource_bodies import resource_json
from ..kit.resource_routes import resource_router
from ..kit.responses import UPDATED_RESPONSE, IfMatch, etag_header, updated
from .customers import CUSTOMER, CUSTOMER_CLASS, CustomerClassDto, CustomerDto, CustomerUpdateDto, by_internal_id
from .customers import update_by_internal_id as update_customer

router = APIRouter(prefix=CUSTOMER.path, tags=[CUSTOMER.tag])


@router.get("/customerClass", response_model=list[CustomerClassDto], summary=CUSTOMER_CLASS.texts.list)
def list_customer_classes(request: Request, context: CompanyContext = Depends(company_context)) -> Response:
    rows, _ = CUSTOMER_CLASS.records(
        request.app.state.db, company_id=context.company_id, criteria=Criteria((), ()), page=None
    )
    return resource_json(CustomerClassDto, [CUSTOMER_CLASS.render(row) for row in rows])


@router.get("/customerClass/{customerClassId}", response_model=CustomerClassDto, summary=CUSTOMER_CLASS.texts.get)
def get_customer_class(
    request: Request, customerClassId: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    found = CUSTOMER_CLASS.get(request.app.state.db, company_id=context.company_id, key=customerClassId)
    return resource_json(CustomerClassDto, CUSTOMER_CLASS.render(found))


@router.get(
    "/internal/{internalID}",
    response_model=CustomerDto,
    summary="Get a specific customer by its internal id - ScreenId=AR303000",
)
def get_customer_by_internal_id(
    request: Request, internalID: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    customer = by_internal_id(
        request.app.state.db, company_id=context.company_id, internal_id=internal_id(internalID, what="Customer")
    )
    return resource_json(CustomerDto, CUSTOMER.render(customer), headers=etag_header(customer.row_version))


@router.put(
    "/internal/{internalID}",
    status_code=204,
    responses=UPDATED_RESPONSE,
    response_class=Response,
    summary="Update a specific customer by its internal id - ScreenId=AR303000",
)
def update_customer_by_internal_id(
    request: Request,
    internalID: ResourceKey,
    customer: CustomerUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved, ignored = update_customer(
        request.app.state.db,
        company_id=context.company_id,
        internal_id=internal_id(internalID, what="Customer"),
        dto=customer,
        if_match=if_match,
    )
    return updated(row_version=saved.row_version, dto=customer, ignored=ignored)


resource_router(CUSTOMER, company_context, router)
