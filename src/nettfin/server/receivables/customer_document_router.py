"""Every customer document (`/v1/customerdocument`, AR301000 and AR302000 together) and one customer's
(`/v1/customer/{customerNumber}/document`): HTTP only. The customer's route is registered before the customer
router, whose `/{customerCd}` routes come first otherwise."""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.keys import ResourceKey
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Page, paging, with_metadata
from ..kit.render import json_response
from . import customer_documents
from .customer_document_schemas import CustomerDocumentDto
from .customers import CUSTOMER
from .invoice_router import invoice_filters
from .invoices import InvoiceFilters

router = APIRouter()
document_paging = paging(DOCUMENT_MAX_PAGE_SIZE)
LIST_DESCRIPTION = (
    "Paged: every element carries `metadata`. Invoices, debit and credit notes, credit write-offs and customer "
    "payments and prepayments, in reference number order. Filters on what payments have not (branch, project, "
    "references, due date, closed period) select documents only."
)


@dataclasses.dataclass(frozen=True)
class View:
    """The list's expand flags: accepted; the document DTO has no applications, VAT details, addresses or
    attachments to expand."""

    flags: frozenset[str]


async def document_view(
    expandApplications: bool | None = Query(None, description="Accepted; the DTO has no applications."),
    expandDunningInformation: bool | None = Query(None, description="Accepted; nothing is dunned."),
    expandAttachments: bool | None = Query(None, description="Accepted; the DTO has no attachments."),
    expandTaxDetails: bool | None = Query(None, description="Accepted; the DTO has no VAT details."),
    expandInvoiceAddress: bool | None = Query(None, description="Accepted; the DTO has no address."),
) -> View:
    return View(frozenset())


def documents_page(request: Request, company_id: int, filters: InvoiceFilters, page: Page) -> Response:
    found = customer_documents.list_documents(request.app.state.db, company_id=company_id, filters=filters, page=page)
    rows = [customer_documents.document_dto(row, found.account) for row in found.rows]
    return json_response(with_metadata(rows, found.result))


@router.get(
    "/v1/customerdocument",
    response_model=list[CustomerDocumentDto],
    tags=["CustomerDocument"],
    summary="Gets a range of Customer Documents - ScreenId=AR301000",
    description=LIST_DESCRIPTION,
)
def list_customer_documents(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: InvoiceFilters = Depends(invoice_filters),
    view: View = Depends(document_view),
    page: Page = Depends(document_paging),
) -> Response:
    return documents_page(request, context.company_id, filters, page)


@router.get(
    "/v1/customer/{customerNumber}/document",
    response_model=list[CustomerDocumentDto],
    tags=["Customer"],
    summary="Gets a range of documents for a specific customer",
    description="The customer document list (its filters and paging) of one customer's documents.",
)
def list_documents_of_customer(
    request: Request,
    customerNumber: ResourceKey,
    context: CompanyContext = Depends(company_context),
    filters: InvoiceFilters = Depends(invoice_filters),
    view: View = Depends(document_view),
    page: Page = Depends(document_paging),
) -> Response:
    CUSTOMER.find_existing(request.app.state.db, company_id=context.company_id, key=customerNumber)
    return documents_page(request, context.company_id, dataclasses.replace(filters, customer=customerNumber), page)
