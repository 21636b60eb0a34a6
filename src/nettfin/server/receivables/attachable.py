"""Customer invoices and their lines take attachments (AR301000's files): their upload paths."""

from __future__ import annotations

from ..attachments.models import OwnerKind
from ..attachments.registry import Attachable, Lines, Lookup, record_and_line, register
from ..kit.keys import ResourceKey
from . import invoices
from .document_models import CustomerInvoice, CustomerInvoiceLine


def _invoice(invoiceNumber: ResourceKey) -> Lookup:
    return Lookup(
        label=f"Customer invoice '{invoiceNumber}'",
        find=lambda session, company_id, lock: invoices.find_invoice(
            session, company_id, invoiceNumber, for_update=lock
        ),
    )


CUSTOMER_INVOICES = register(
    Attachable(
        kind=OwnerKind.CUSTOMER_INVOICE,
        resource=invoices.RESOURCE,
        tag="CustomerInvoice",
        owner=CustomerInvoice,
        lines=Lines(CustomerInvoiceLine, owner_column="invoice_id"),
        paths=record_and_line(
            "/v1/customerinvoice/{invoiceNumber}",
            "attach_to_customer_invoice",
            summary="Creates an attachment and associates it with an invoice.",
            line_summary="Creates an attachment and associates it with a certain invoice line.",
            lookup=_invoice,
        ),
    )
)
