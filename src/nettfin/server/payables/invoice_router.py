"""Supplier invoice endpoints (AP301000): HTTP only.

Routes without a document type address invoices (`documentType` Invoice), as the real ones do; the
`/{documentType}/{invoiceNumber}` routes address any type. The routes come from the declaration below
(`kit.document_routes`).
"""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.deprecated import DEPRECATED
from ..kit.document_lists import ListWindow, list_window, page_bodies, released_flag
from ..kit.document_routes import Action, DocumentKey, DocumentResource, DocumentTexts, Expand, Typed, document_router
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE
from ..kit.render import json_response
from ..kit.responses import etag_header
from . import invoice_actions, invoice_release, invoices
from .attachable import SUPPLIER_DOCUMENTS  # noqa: F401 - registered: the documents' upload paths
from .document_filters import InvoiceFilters, amount_condition
from .document_schemas import (
    PrebookingUpdateDto,
    SupplierInvoiceDto,
    SupplierInvoiceStatus,
    SupplierInvoiceTypes,
    SupplierInvoiceUpdateDto,
)
from .document_types import document_type
from .invoice_render import invoice_dto

_LIST_DESCRIPTION = (
    "Paged: every element carries `metadata`. Lines and VAT details are loaded with one query per page. "
    "`note` is filled only with `expandNote=true` (a single GET always fills it)."
)


async def invoice_filters(
    supplier: str | None = Query(None, description="A supplier number."),
    documentType: SupplierInvoiceTypes | None = Query(None),
    released: int | None = Query(None, le=INT32_MAX, description="1: released documents; 0: unreleased ones."),
    status: SupplierInvoiceStatus | None = Query(None),
    project: str | None = Query(None, description="Documents with a line of this project."),
    branch: str | None = Query(None),
    financialPeriod: str | None = Query(None, description="YYYYPP"),
    item: str | None = Query(None, description="Documents with a line of this item."),
    dueDate: str | None = Query(None, description=value_description("dueDate")),
    dueDateCondition: str | None = Query(None, description=condition_description("dueDate")),
    docDate: str | None = Query(None, description=value_description("docDate")),
    docDateCondition: str | None = Query(None, description=condition_description("docDate")),
    balance: Decimal | None = Query(
        None, description=value_description("balance", "The balance, in the base currency.", formats="A number")
    ),
    balanceCondition: str | None = Query(None, description=condition_description("balance")),
    window: ListWindow = Depends(list_window("Reference numbers", created=True)),
) -> InvoiceFilters:
    return InvoiceFilters(
        supplier=supplier,
        document_type=documentType.value if documentType else None,
        released=released_flag(released),
        status=status.value if status else None,
        project=project.upper() if project else None,
        branch=branch,
        financial_period=financialPeriod,
        item=item,
        due_date=date_condition("dueDate", dueDate, dueDateCondition),
        doc_date=date_condition("docDate", docDate, docDateCondition),
        balance=amount_condition("balance", balance, balanceCondition),
        window=window,
    )


class SupplierDocuments:
    """The use cases of supplier documents, for the declaration below: the routes without a type address
    invoices, the `/{documentType}/...` routes the type they name."""

    def list(self, db, *, company_id, context, filters, page, view):
        found = invoices.list_invoices(db, company_id=company_id, filters=filters, page=page)
        note, attachments = "expandNote" in view, "expandAttachment" in view
        rows = [
            invoice_dto(d, found.rendering, with_note=note, with_attachments=attachments) for d in found.result.rows
        ]
        return rows, found.result

    def list_bodies(self, db, *, company_id, context, filters, page, view):
        note, attachments = "expandNote" in view, "expandAttachment" in view

        def rows(session, documents):
            rendering = invoices.rendering(session, company_id, documents)
            return [invoice_dto(d, rendering, with_note=note, with_attachments=attachments) for d in documents]

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
        document, rendering = invoices.get_invoice(db, company_id=company_id, document_type=key.kind, number=key.number)
        return invoice_dto(document, rendering, with_note=True), document.row_version

    def create(self, db, *, company_id, context, dto):
        return invoices.create_invoice(db, company_id=company_id, dto=dto)

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        return invoices.update_invoice(
            db, company_id=company_id, document_type=key.kind, number=key.number, dto=dto, if_match=if_match
        )

    def delete(self, db, *, company_id, context, key: DocumentKey):
        invoices.delete_invoice(db, company_id=company_id, document_type=key.kind, number=key.number)

    def release(self, db, *, company_id, context, key: DocumentKey, if_match):
        return invoice_release.release_invoice(
            db, company_id=company_id, document_type=key.kind, number=key.number, if_match=if_match
        )

    def void(self, db, *, company_id, context, key: DocumentKey, if_match):
        return invoice_release.void_invoice(
            db, company_id=company_id, document_type=key.kind, number=key.number, if_match=if_match
        )

    def prebook(self, db, *, company_id, context, key: DocumentKey, if_match, body=None):
        return invoice_actions.prebook_invoice(
            db, company_id=company_id, document_type=key.kind, number=key.number, if_match=if_match, body=body
        )

    def reverse(self, db, *, company_id, context, key: DocumentKey, if_match):
        return invoice_actions.reverse_invoice(
            db, company_id=company_id, document_type=key.kind, number=key.number, if_match=if_match
        )

    def correct(self, db, *, company_id, context, key: DocumentKey, if_match):
        return invoice_actions.correct_invoice(db, company_id=company_id, number=key.number, if_match=if_match)

    def send_to_approval(self, db, *, company_id, context, key: DocumentKey, if_match):
        return invoice_actions.send_to_approval(
            db, company_id=company_id, document_type=key.kind, number=key.number, if_match=if_match
        )

    def write_off(self, db, *, company_id, context, key: DocumentKey, if_match):
        return invoice_actions.write_off_invoice(
            db, company_id=company_id, document_type=key.kind, number=key.number, if_match=if_match
        )

    def number(self, document) -> str:
        return document.reference_number


def _made(document) -> str:
    """Where a document an action made is read."""
    return f"{document.document_type}/{quote(document.reference_number, safe='')}"


_DOCUMENTS = SupplierDocuments()
_NOT_SERVED = (
    Expand("expandLinePrebookAccounts", default=None, description=DEPRECATED),
    Expand("expandLandedCosts", default=None, description=DEPRECATED),
)
SUPPLIER_INVOICES = DocumentResource(
    path="/v1/supplierInvoice",
    tag="SupplierInvoice",
    key_param="invoiceNumber",
    key_description="The document's reference number.",
    documents=_DOCUMENTS,
    read_dto=SupplierInvoiceDto,
    write_dto=SupplierInvoiceUpdateDto,
    texts=DocumentTexts(
        list="Get a range of SupplierInvoices",
        get="Get a specific Invoice (document type Invoice)",
        create="Create a Supplier Invoice",
        update="Update an Invoice",
        delete="Delete an unreleased Invoice",
        release="Release invoice operation",
        list_notes=_LIST_DESCRIPTION,
        create_notes="201 with an absolute Location whose last segment is the new reference number.",
        release_notes="Posts the invoice to the ledger and opens it.",
    ),
    filters=invoice_filters,
    max_page_size=DOCUMENT_MAX_PAGE_SIZE,
    kind="Invoice",
    list_flags=(
        Expand("expandNote"),
        Expand("expandAttachment", description="Show each document's and line's attachments."),
        Expand("expandLandedCosts", default=None, description="Landed costs are not served: always []."),
        Expand("expandApproval", default=None, description="Accepted; `approvalStatus` is always filled."),
        Expand(
            "expandLinePrebookAccounts",
            default=None,
            description="Accepted; a prebooked document's lines always show their prebooking account.",
        ),
    ),
    get_flags=_NOT_SERVED,
    actions=(
        Action(
            "voidinvoice",
            "Void invoice operation",
            _DOCUMENTS.void,
            description="Reverses an open document nothing has been paid on; it becomes Voided.",
            typed_only=True,
        ),
        Action(
            "prebook",
            "Pre-Book invoice operation",
            _DOCUMENTS.prebook,
            description=(
                "Posts the expense and VAT against the prebooking account of the body (`accountNumber`, "
                "`subaccount` segments) instead of the supplier ledger account: the document is Prebooked, nothing "
                "is owed yet. Its release then moves the amount to the supplier ledger account; its void reverses "
                "the prebooking. Only a Balanced document (not on hold) can be prebooked."
            ),
            typed_only=True,
            body=PrebookingUpdateDto,
        ),
        Action(
            "reverse",
            "Provides an action for reversing a supplier invoice/adjustment",
            _DOCUMENTS.reverse,
            description=(
                "Makes the reversing document (a DebitAdj for an Invoice or CreditAdj, a CreditAdj for a DebitAdj) "
                "with the original's lines, releases it and sets it against the original's balance. `Location` "
                "names the reversing document; the ETag is its."
            ),
            typed_only=True,
            location=_made,
        ),
        Action(
            "sendtoapproval",
            "Send invoice to approval",
            _DOCUMENTS.send_to_approval,
            description=(
                "An unreleased document's `approvalStatus` becomes SentToApproval; "
                "`GET /supplierInvoice/approval?systemId=` reads it by its approval document's id."
            ),
            typed_only=True,
        ),
        Action(
            "writeoff",
            "Write-off invoice operation",
            _DOCUMENTS.write_off,
            description=(
                "Writes an open document's balance off against its supplier class's write-off account, when it "
                "is within the class's write-off limit; the document closes."
            ),
            typed_only=True,
        ),
        Action(
            "correct",
            "Correct invoice operation",
            _DOCUMENTS.correct,
            description=(
                "Reverses a released invoice nothing has been paid on (see `reverse`) and makes an unreleased "
                "copy to change and release in its place. `Location` names the copy; the ETag is its."
            ),
            untyped_only=True,
            location=_made,
        ),
    ),
    typed=Typed(
        document_type,
        DocumentTexts(
            list="",
            get="Get a specific document",
            create="",
            update="Update a document",
            delete="Delete an unreleased document",
            release="Release document operation",
            release_notes="Posts the document to the ledger and opens it.",
        ),
    ),
)
_approval = APIRouter(prefix=SUPPLIER_INVOICES.path, tags=[SUPPLIER_INVOICES.tag])


@_approval.get(
    "/approval",
    response_model=SupplierInvoiceDto,
    summary="Get an invoice based on the systemId. Data for a single invoice.",
    description="The document sent to approval (`action/sendtoapproval`) whose approval document `systemId` names.",
)
def get_by_approval(
    request: Request,
    systemId: str = Query(
        ..., description="SystemID referes to the approval document id created when the document is sent to approval"
    ),
    context=Depends(company_context),
) -> Response:
    document, rendering = invoice_actions.get_by_approval(
        request.app.state.db, company_id=context.company_id, system_id=systemId
    )
    return json_response(invoice_dto(document, rendering, with_note=True), headers=etag_header(document.row_version))


(router,) = document_router(SUPPLIER_INVOICES, company_context, _approval)
