"""Customer invoice endpoints (AR301000, /v1 and /v2): HTTP only. The routes come from a document declaration
(`kit.document_routes`); `CustomerDocuments` serves it, and the credit and debit note endpoints, over the
customer documents' use cases."""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.actions import action_result
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.document_lists import ListWindow, list_window, page_bodies, released_flag
from ..kit.document_routes import DocumentKey, DocumentResource, DocumentTexts, Expand, document_router
from ..kit.document_variants import Variant
from ..kit.keys import ResourceKey
from ..kit.render import json_response
from ..kit.responses import IfMatch, etag_header
from . import invoice_release, invoices, payments
from .attachable import CUSTOMER_INVOICES  # noqa: F401 - registered: the invoices' upload paths
from .document_schemas import (
    CustomerDocumentType,
    CustomerInvoiceDto,
    CustomerInvoiceStatus,
    CustomerInvoiceUpdateDto,
    ReverseInvoiceActionDto,
)
from .invoice_render import invoice_dto

invoice_router = APIRouter(prefix="/v1/customerinvoice", tags=["CustomerInvoice"])

_LIST_DESCRIPTION = (
    "Paged: every element carries `metadata: {totalCount, maxPageSize}`. `released` is 1 or 0. Applications "
    "are filled only with `expandApplications=true`; VAT details are always filled."
)


async def invoice_filters(
    documentType: CustomerDocumentType | None = Query(None, description="Deprecated here; still filters."),
    released: int | None = Query(None, le=INT32_MAX, description="1: released documents, 0: unreleased ones."),
    status: CustomerInvoiceStatus | None = Query(None),
    customer: str | None = Query(None, description="Filter by Customer"),
    branch: str | None = Query(None),
    project: str | None = Query(None),
    financialPeriod: str | None = Query(None, description="YYYYPP"),
    closedFinancialPeriod: str | None = Query(None, description="YYYYPP"),
    externalReference: str | None = Query(None),
    paymentReference: str | None = Query(None),
    customerRefNumber: str | None = Query(None),
    dunningLevel: int | None = Query(
        None, le=INT32_MAX, description="Accepted; nothing is dunned yet, so it matches nothing."
    ),
    dunningLetterDateTime: str | None = Query(
        None,
        description=value_description("dunningLetterDateTime", "Accepted; no dunning letters yet: matches nothing."),
    ),
    dunningLetterDateTimeCondition: str | None = Query(
        None, description=condition_description("dunningLetterDateTime")
    ),
    documentDate: str | None = Query(None, description=value_description("documentDate")),
    documentDateCondition: str | None = Query(None, description=condition_description("documentDate")),
    documentDueDate: str | None = Query(None, description=value_description("documentDueDate")),
    documentDueDateCondition: str | None = Query(None, description=condition_description("documentDueDate")),
    window: ListWindow = Depends(list_window("Reference numbers", created=True)),
) -> invoices.InvoiceFilters:
    dunning = date_condition("dunningLetterDateTime", dunningLetterDateTime, dunningLetterDateTimeCondition)
    return invoices.InvoiceFilters(
        document_type=documentType.value if documentType else None,
        released=released_flag(released),
        status="Nothing is dunned" if dunningLevel or dunning else (status.value if status else None),
        customer=customer,
        branch=branch,
        project=project,
        financial_period=financialPeriod,
        closed_period=closedFinancialPeriod,
        external_reference=externalReference,
        payment_reference=paymentReference,
        customer_ref_number=customerRefNumber,
        document_date=date_condition("documentDate", documentDate, documentDateCondition),
        due_date=date_condition("documentDueDate", documentDueDate, documentDueDateCondition),
        window=window,
    )


class CustomerDocuments:
    """The use cases of the customer documents one endpoint serves (`kind`), seen through its `variant` of the
    invoice's DTOs (none: the invoice endpoint itself)."""

    def __init__(self, kind: invoices.Kind, variant: Variant | None = None) -> None:
        self.kind, self.variant = kind, variant

    def render(self, invoice, references, applications, *, with_attachments: bool = True) -> dict:
        body = invoice_dto(invoice, references, applications, with_attachments=with_attachments)
        return self.variant.render(body) if self.variant else body

    def changes(self, dto) -> dict:
        changes = dto.changes()
        return self.variant.base_changes(changes) if self.variant else changes

    def list(self, db, *, company_id, context, filters, page, view):
        if self.kind.finds:
            filters = dataclasses.replace(filters, document_type=self.kind.finds)
        result, references = invoices.list_invoices(db, company_id=company_id, filters=filters, page=page)
        applications = (
            payments.applications_of(db, company_id=company_id, invoices=result.rows)
            if "expandApplications" in view
            else None
        )
        shown = "expandAttachments" in view
        return [self.render(i, references, applications, with_attachments=shown) for i in result.rows], result

    def list_bodies(self, db, *, company_id, context, filters, page, view):
        if self.kind.finds:
            filters = dataclasses.replace(filters, document_type=self.kind.finds)
        applied, shown = "expandApplications" in view, "expandAttachments" in view

        def rows(session, found):
            references = invoices.invoice_references(session, company_id, found)
            applications = payments.applications_in(session, company_id=company_id, invoices=found) if applied else None
            return [self.render(i, references, applications, with_attachments=shown) for i in found]

        # `self` names the rows' shape: each endpoint over the table (invoices, credit notes, debit notes) renders
        # its documents through its own variant.
        return page_bodies(
            db,
            invoices.LISTING,
            shape=self,
            company_id=company_id,
            filters=filters,
            page=page,
            view=view,
            rows=rows,
            options=invoices.READ_OPTIONS,
        )

    def get(self, db, *, company_id, context, key: DocumentKey, view):
        invoice, references = invoices.get_invoice(db, company_id=company_id, number=key.number, kind=self.kind)
        applications = payments.applications_of(db, company_id=company_id, invoices=[invoice])
        return self.render(invoice, references, applications), invoice.row_version

    def create(self, db, *, company_id, context, dto):
        return invoices.create_invoice(db, company_id=company_id, changes=self.changes(dto), kind=self.kind)

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        return invoices.update_invoice(
            db, company_id=company_id, number=key.number, changes=self.changes(dto), if_match=if_match, kind=self.kind
        )

    def delete(self, db, *, company_id, context, key: DocumentKey):
        invoices.delete_invoice(db, company_id=company_id, number=key.number, kind=self.kind)

    def release(self, db, *, company_id, context, key: DocumentKey, if_match):
        return invoice_release.release_invoice(
            db, company_id=company_id, number=key.number, if_match=if_match, kind=self.kind
        )

    def number(self, document) -> str:
        return document.reference_number


# The list's expand flags, as the real customer document lists have them.
LIST_FLAGS = (
    Expand("expandApplications"),
    Expand("expandTaxDetails", default=True),
    Expand("expandInvoiceAddress", default=True),
    Expand("expandAttachments"),
    Expand("expandDunningInformation"),
)


def customer_documents(
    documents: CustomerDocuments,
    *,
    path: str,
    v2_path: str | None,
    tag: str,
    key_param: str,
    texts: DocumentTexts,
    operations: frozenset[str] = DocumentResource.operations,
) -> DocumentResource:
    """A customer document endpoint: the invoice's filters, flags and paging over `documents`."""
    variant = documents.variant
    return DocumentResource(
        path=path,
        tag=tag,
        key_param=key_param,
        key_description="The document's reference number.",
        documents=documents,
        read_dto=variant.read_dto if variant else CustomerInvoiceDto,
        write_dto=variant.write_dto if variant else CustomerInvoiceUpdateDto,
        texts=texts,
        filters=invoice_filters,
        max_page_size=invoices.MAX_PAGE_SIZE,
        kind=documents.kind.finds,
        list_flags=LIST_FLAGS,
        v2_path=v2_path,
        operations=operations,
    )


INVOICES = customer_documents(
    CustomerDocuments(invoices.INVOICES),
    path="/v1/customerinvoice",
    v2_path="/v2/customerinvoice",
    tag="CustomerInvoice",
    key_param="invoiceNumber",
    texts=DocumentTexts(
        list="Get a range of Customer Invoices - ScreenId=AR301000",
        get="Get a specific invoice",
        create="Create an Invoice",
        update="Update an invoice",
        delete="Delete an unreleased invoice",
        release="Release an invoice: posts it to the ledger",
        list_notes=_LIST_DESCRIPTION,
    ),
)


@invoice_router.post(
    "/{invoiceNumber}/action/reverse",
    summary="Reverse a released invoice with a credit note",
    description=(
        "Creates an unreleased credit note for the invoice; its number is the last segment of `Location`. "
        "With `returnCreditNote: true` the body is the credit note, otherwise the action result."
    ),
)
def reverse_invoice(
    request: Request,
    invoiceNumber: ResourceKey,
    action: ReverseInvoiceActionDto | None = None,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    db = request.app.state.db
    note = invoice_release.reverse_invoice(db, company_id=context.company_id, number=invoiceNumber, if_match=if_match)
    base = str(request.url.replace(query="", fragment="")).split("/customerinvoice/", 1)[0]
    if action is not None and action.returnCreditNote:
        found, references = invoices.get_invoice(db, company_id=context.company_id, number=note.reference_number)
        response = json_response(invoice_dto(found, references, {}), headers=etag_header(note.row_version))
    else:
        response = action_result(note.row_version)
    response.headers["Location"] = f"{base}/customerinvoice/{note.reference_number}"
    return response


invoice_router, invoice_v2_router = document_router(INVOICES, company_context, invoice_router)
