"""Customer endpoints (AR303000) and customer classes (AR201000): the declarations' routes (`customers.py`),
the customer by its internal id, and the action that changes a customer's number."""

from __future__ import annotations

from fastapi import APIRouter

from ..identity.auth import company_context
from ..kit.resource_routes import ByInternalId, KeyChange, internal_id_routes, key_change_route, resource_router
from .customers import CUSTOMER, CUSTOMER_CLASS

# The routes on the customer's path the declaration does not make; they come before its `/{customerCd}`.
extra = APIRouter(prefix=CUSTOMER.path, tags=[CUSTOMER.tag])
internal_id_routes(
    CUSTOMER,
    company_context,
    extra,
    ByInternalId(
        get_param="internalID",
        put_param="internalID",
        get_summary="Get a specific customer by its internal id - ScreenId=AR303000",
        put_summary="Update a specific customer by its internal id - ScreenId=AR303000",
    ),
)
key_change_route(
    CUSTOMER,
    company_context,
    extra,
    KeyChange(
        action="changeCustomerCd",
        field="customerCd",
        dto="ChangeCustomerCdActionDto",
        result_dto="ChangeCustomerCdActionResultDto",
        summary="Updates the CustomerNr for the specified Customer",
    ),
)


# One router of every route, in matching order: the classes' `/customerClass` and `internal` are not customer
# numbers. Its routes are its own, not included routers', so that the case-insensitive routing (`kit.routing`)
# sees their templates.
router = APIRouter(
    routes=[
        *resource_router(CUSTOMER_CLASS, company_context).routes,
        *resource_router(CUSTOMER, company_context, extra).routes,
    ]
)
