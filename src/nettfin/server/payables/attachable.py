"""Supplier documents and their lines take attachments (AP301000's files): their upload paths, by the
documents' default type (Invoice) and by a type the path names."""

from __future__ import annotations

from ..attachments.models import OwnerKind
from ..attachments.registry import Attachable, Lines, Lookup, record_and_line, register
from ..kit.keys import ResourceKey
from . import invoices
from .document_models import SupplierDocument, SupplierDocumentLine
from .document_types import document_type


def _document(kind: str, number: str) -> Lookup:
    return Lookup(
        label=f"Supplier {kind} '{number}'",
        find=lambda session, company_id, lock: invoices.find_document(
            session, company_id, kind, number, for_update=lock
        ),
    )


def _invoice(invoiceNumber: ResourceKey) -> Lookup:
    return _document("Invoice", invoiceNumber)


def _of_type(documentType: str, invoiceNumber: ResourceKey) -> Lookup:
    return _document(document_type(documentType), invoiceNumber)


SUPPLIER_DOCUMENTS = register(
    Attachable(
        kind=OwnerKind.SUPPLIER_DOCUMENT,
        resource=invoices.RESOURCE,
        tag="SupplierInvoice",
        owner=SupplierDocument,
        lines=Lines(SupplierDocumentLine, owner_column="document_id"),
        paths=(
            *record_and_line(
                "/v1/supplierInvoice/{invoiceNumber}",
                "attach_to_supplier_invoice",
                summary="Creates an attachment and associates it with an invoice (document type Invoice).",
                line_summary="Creates an attachment and associates it with a certain invoice line "
                "(document type Invoice).",
                lookup=_invoice,
            ),
            *record_and_line(
                "/v1/supplierInvoice/documentType/{documentType}/{invoiceNumber}",
                "attach_to_supplier_document",
                summary="Creates an attachment and associates it with a document of the given type.",
                line_summary="Creates an attachment and associates it with a certain line of a document of the given "
                "type.",
                lookup=_of_type,
            ),
        ),
    )
)
