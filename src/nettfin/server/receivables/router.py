"""Customer endpoints (AR303000) and customer classes (AR201000): the declarations' routes (`customers.py`),
and those the kit does not make: the customer by its internal id."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.keys import ResourceKey, internal_id
from ..kit.resource_bodies import resource_json
from ..kit.resource_routes import resource_router
from ..kit.responses import UPDATED_RESPONSE, IfMatch, etag_header, updated
from .customers import CUSTOMER, CUSTOMER_CLASS, CustomerDto, CustomerUpdateDto, by_internal_id
from .customers import update_by_internal_id as update_customer

# The routes on the customer's path the declaration does not make; they come before its `/{customerCd}`.
extra = APIRouter(prefix=CUSTOMER.path, tags=[CUSTOMER.tag])


@extra.get(
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


@extra.put(
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


# One router of every route, in matching order: the classes' `/customerClass` and `internal` are not customer
# numbers. Its routes are its own, not included routers', so that the case-insensitive routing (`kit.routing`)
# sees their templates.
router = APIRouter(
    routes=[
        *resource_router(CUSTOMER_CLASS, company_context).routes,
        *resource_router(CUSTOMER, company_context, extra).routes,
    ]
)
