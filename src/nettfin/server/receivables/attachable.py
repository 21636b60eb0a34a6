"""Customer invoices, credit notes and debit notes and their lines take attachments (AR301000's files): their
upload paths. The three are one kind of owner (customer documents); each endpoint's paths find its own type."""

from __future__ import annotations

from ..attachments.models import OwnerKind
from ..attachments.registry import Attachable, Lines, Lookup, record_and_line, register
from ..kit.keys import ResourceKey
from . import invoices
from .document_models import CustomerInvoice, CustomerInvoiceLine
from .overdue_charges import OVERDUE_CHARGES


def _document(kind: invoices.Kind, number: str) -> Lookup:
    return Lookup(
        label=f"{kind.label} '{number}'",
        find=lambda session, company_id, lock: invoices.find_invoice(
            session, company_id, number, kind=kind, for_update=lock
        ),
    )


def _invoice(invoiceNumber: ResourceKey) -> Lookup:
    return _document(invoices.INVOICES, invoiceNumber)


def _credit_note(creditNoteNumber: ResourceKey) -> Lookup:
    return _document(invoices.CREDIT_NOTES, creditNoteNumber)


def _v1_credit_note(creditNoteNumber: ResourceKey) -> Lookup:
    return _document(invoices.Kind("CreditNote", "CreditNote", "Credit note", "CreditNote"), creditNoteNumber)


def _debit_note(debitNoteNumber: ResourceKey) -> Lookup:
    return _document(invoices.DEBIT_NOTES, debitNoteNumber)


def _overdue_charge(overdueChargeNumber: ResourceKey) -> Lookup:
    return _document(OVERDUE_CHARGES, overdueChargeNumber)


CUSTOMER_INVOICES = register(
    Attachable(
        kind=OwnerKind.CUSTOMER_INVOICE,
        resource=invoices.RESOURCE,
        tag="CustomerInvoice",
        owner=CustomerInvoice,
        lines=Lines(CustomerInvoiceLine, owner_column="invoice_id"),
        paths=(
            *record_and_line(
                "/v1/customerinvoice/{invoiceNumber}",
                "attach_to_customer_invoice",
                summary="Creates an attachment and associates it with an invoice.",
                line_summary="Creates an attachment and associates it with a certain invoice line.",
                lookup=_invoice,
            ),
            *record_and_line(
                "/v1/customerCreditNote/{creditNoteNumber}",
                "attach_to_customer_credit_note",
                summary="Creates an attachment and associates it with a credit note.",
                line_summary="Creates an attachment and associates it with a certain credit note line.",
                lookup=_credit_note,
            ),
            *record_and_line(
                "/v1/customerDebitNote/{debitNoteNumber}",
                "attach_to_customer_debit_note",
                summary="Creates an attachment and associates it with a debit note.",
                line_summary="Creates an attachment and associates it with a certain debit note line.",
                lookup=_debit_note,
            ),
            *record_and_line(
                "/v1/creditNote/{creditNoteNumber}",
                "attach_to_credit_note",
                summary="Creates an attachment and associates it with a Credit Note.",
                line_summary="Creates an attachment and associates it with a certain Credit Note line.",
                lookup=_v1_credit_note,
            ),
            *record_and_line(
                "/v1/customerOverdueCharge/{overdueChargeNumber}",
                "attach_to_customer_overdue_charge",
                summary="Creates an attachment and associates it with an overdue charge.",
                line_summary="Creates an attachment and associates it with a certain overdue charge line.",
                lookup=_overdue_charge,
            ),
        ),
    )
)
