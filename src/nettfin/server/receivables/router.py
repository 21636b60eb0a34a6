"""Customer endpoints (AR303000) and customer classes (AR201000): the declarations' routes (`customers.py`),
the customer by its internal id, its note and its invoices, and the action that changes a customer's number."""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.document_routes import ScopedList, scoped_list_route
from ..kit.keys import ResourceKey
from ..kit.render import json_response
from ..kit.resource_routes import ByInternalId, KeyChange, internal_id_routes, key_change_route, resource_router
from ..kit.responses import etag_header
from .customers import CUSTOMER, CUSTOMER_CLASS
from .invoice_router import INVOICES


def _customer_scope(db, *, company_id: int, key: str, filters):
    """The customer must exist; the list is of its documents."""
    CUSTOMER.find_existing(db, company_id=company_id, key=key)
    return dataclasses.replace(filters, customer=key)


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


class NoteDto(BaseModel):
    note: str | None = None


@extra.get("/{customerCd}/note", response_model=NoteDto, summary="Get a specific customer's note")
def get_customer_note(
    request: Request, customerCd: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    customer = CUSTOMER.get(request.app.state.db, company_id=context.company_id, key=customerCd)
    # A customer without a note has an empty one, as its DTO's `note` member is left out.
    return json_response({"note": customer.note} if customer.note else {}, headers=etag_header(customer.row_version))


scoped_list_route(
    INVOICES,
    company_context,
    extra,
    ScopedList(
        path="/{customerNumber}/invoice",
        param="customerNumber",
        summary="Get a range of invoices for a specific customer",
        description="The customer invoice list (its filters, flags and paging) of one customer's documents.",
        scope=_customer_scope,
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
