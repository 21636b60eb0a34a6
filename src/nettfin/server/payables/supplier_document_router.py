"""Every supplier document (`/v1/supplierdocument`, AP301000 and AP302000 together): HTTP only. The supplier's
own list (`/v1/supplier/{supplierNumber}/document`) is `supplier_documents_page` scoped to one supplier."""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.deprecated import DEPRECATED
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Page, paging, with_metadata
from ..kit.render import json_response
from . import supplier_documents
from .document_filters import InvoiceFilters
from .invoice_router import invoice_filters
from .schemas import SupplierDocumentDto

router = APIRouter(prefix="/v1/supplierdocument", tags=["SupplierDocument"])
document_paging = paging(DOCUMENT_MAX_PAGE_SIZE)
LIST_DESCRIPTION = (
    "Paged: every element carries `metadata`. Supplier invoices, credit and debit adjustments and prepayments "
    "with supplier payments (documentType `Check` for a payment), in reference number order. `documentType` "
    "Payment and Refund select payments; `project` and `item` select invoices with such a line. `note` is "
    "filled only with `expandNote=true`."
)


@dataclasses.dataclass(frozen=True)
class View:
    note: bool


async def document_view(
    expandApproval: bool | None = Query(None, description="Accepted: nettfin has no approval information."),
    expandNote: bool | None = Query(None, description="True: fill note."),
    expandLinePrebookAccounts: bool | None = Query(None, description=DEPRECATED),
) -> View:
    return View(note=bool(expandNote))


def supplier_documents_page(
    request: Request, company_id: int, filters: InvoiceFilters, page: Page, view: View
) -> Response:
    found = supplier_documents.list_documents(request.app.state.db, company_id=company_id, filters=filters, page=page)
    rows = [supplier_documents.document_dto(row, found.names, with_note=view.note) for row in found.rows]
    return json_response(with_metadata(rows, found.result))


@router.get(
    "",
    response_model=list[SupplierDocumentDto],
    summary="Gets a range of supplier documents - ScreenId=AP301000",
    description=LIST_DESCRIPTION,
)
def list_supplier_documents(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: InvoiceFilters = Depends(invoice_filters),
    view: View = Depends(document_view),
    page: Page = Depends(document_paging),
) -> Response:
    return supplier_documents_page(request, context.company_id, filters, page, view)
