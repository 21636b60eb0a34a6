"""What a customer has in CRM (`/customer/{customerCd}/contact`, `/directdebit`, `/salespersons`): HTTP only.
app.py lists this router before the customer routes. The customer's own PUT and POST write its direct debit
mandates and sales persons (`directDebitLines`, `salesPersons`): this module registers how with receivables."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.keys import ResourceKey
from ..kit.paging import Page, paging, with_metadata
from ..kit.render import json_response
from ..parties.contact_schemas import ContactDto
from ..parties.contacts import ContactFilters
from ..receivables.customer_lines import Keeper, keep_customer_lines
from ..receivables.schemas import CustomerDirectDebitDto
from . import contacts, direct_debits, salespersons
from .contact_router import LIST_NOTES, contact_filters
from .schemas import CustSalesPersonsDto

keep_customer_lines(
    "directDebitLines", Keeper(direct_debits.write_customer_mandates, direct_debits.load_customer_mandates)
)
keep_customer_lines("salesPersons", Keeper(salespersons.write_customer_salespersons))

router = APIRouter(prefix="/v1/customer", tags=["Customer"])
_paging = paging(salespersons.MAX_PAGE_SIZE)


@router.get(
    "/{customerCd}/contact",
    response_model=list[ContactDto],
    summary="Get a range of Contacts of a specific customer",
    description=LIST_NOTES,
)
def list_customer_contacts(
    request: Request,
    customerCd: ResourceKey,
    context: CompanyContext = Depends(company_context),
    filters: ContactFilters = Depends(contact_filters),
) -> Response:
    found = contacts.customer_contacts(
        request.app.state.db, company_id=context.company_id, number=customerCd, filters=filters
    )
    return json_response(found)


@router.get(
    "/{customerCd}/directdebit",
    response_model=list[CustomerDirectDebitDto],
    summary="Get the direct debit mandates of a specific customer",
    description="Not paged; the default mandate first, then in the order they were made.",
)
def list_customer_direct_debits(
    request: Request, customerCd: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    found = direct_debits.customer_mandates(request.app.state.db, company_id=context.company_id, number=customerCd)
    return json_response(found)


@router.get(
    "/{customerCd}/salespersons",
    response_model=list[CustSalesPersonsDto],
    summary="Get the sales persons of a specific customer",
    description="Paged: every element carries `metadata`. Each sales person serving the customer, at a location.",
)
def list_customer_salespersons(
    request: Request,
    customerCd: ResourceKey,
    context: CompanyContext = Depends(company_context),
    page: Page = Depends(_paging),
) -> Response:
    found, result = salespersons.customer_salespersons(
        request.app.state.db, company_id=context.company_id, number=customerCd, page=page
    )
    return json_response(with_metadata([salespersons.customer_salesperson_dto(r) for r in found], result))
