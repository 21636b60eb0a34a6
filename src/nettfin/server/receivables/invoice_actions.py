"""The customer document actions beyond release and reverse (AR301000): reverse and apply to note, correct,
send to AutoInvoice, and what print and ROT/RUT read.

- **Reverse and apply to note**: a credit note reversing the released invoice (or debit note), released at once
  and applied to it (`note_applications`): both balances fall by what the invoice had left, the invoice closes.
- **Correct**: the service's correction of a released invoice: it is reversed and applied to the note as above,
  so it closes, and a new unreleased copy of it (a new number, the same customer, header and lines) is opened for
  editing; releasing the copy posts the corrected invoice. An invoice payments were applied to cannot be corrected.
- **Send to AutoInvoice**: nettfin sends nothing over the network (docs/compatibility.md); the send is recorded
  on the released document (`sendToAutoInvoice` true) and its ETag changes.
"""

from __future__ import annotations

from decimal import Decimal

from ..db.base import utcnow
from ..db.engine import Database, retrying_write
from ..kit.changes import bump_version
from ..kit.errors import BusinessError
from ..kit.responses import check_if_match
from . import invoice_release, invoices
from .document_models import CustomerInvoice
from .invoices import DEBIT_TYPES, INVOICES, RESOURCE, Kind, document_status, find_invoice
from .note_applications import Application, apply_credit_note

# The header members a correction copies onto the new invoice besides those a reversal copies.
_CORRECTION_COPIES = (
    "invoice_text",
    "customer_ref_number",
    "external_reference",
    "payment_reference",
    "payment_method_id",
    "customer_project",
    "salesperson",
    "contact_id",
    "note",
    "cash_account",
    "orig_invoice_date",
    "start_date",
    "end_date",
    "accounting_cost_ref",
    "originator_doc_ref",
    "contract_doc_ref",
    "billing_address",
    "invoice_contact",
    "exclude_debt_collection",
)


@retrying_write
def reverse_and_apply(db: Database, *, company_id: int, number: str, if_match: str | None = None) -> CustomerInvoice:
    """The released credit note reversing the invoice, applied to what the invoice has left."""
    with db.writing() as session:
        invoice = find_invoice(session, company_id, number, for_update=True)
        check_if_match(if_match, invoice.row_version)
        return _reverse_and_apply(session, invoice)


def _reverse_and_apply(session, invoice: CustomerInvoice) -> CustomerInvoice:
    note = invoice_release.reversal_note(session, invoice)
    invoice_release.release(session, note)
    if invoice.balance:
        apply_credit_note(session, note, [Application(invoice, min(invoice.balance, note.balance))])
    session.refresh(note)
    return note


@retrying_write
def correct_invoice(db: Database, *, company_id: int, number: str, if_match: str | None = None) -> CustomerInvoice:
    """The new unreleased invoice correcting the released one, which is reversed and closed."""
    with db.writing() as session:
        invoice = find_invoice(session, company_id, number, for_update=True)
        check_if_match(if_match, invoice.row_version)
        if invoice.document_type != "Invoice" or not invoice.released:
            raise BusinessError(
                f"The document {invoice.reference_number} cannot be corrected: only a released invoice can be."
            )
        if invoice.balance != invoice.amount:
            raise BusinessError(
                f"The document {invoice.reference_number} cannot be corrected: payments or credit notes are applied "
                "to it. Reverse them first."
            )
        _reverse_and_apply(session, invoice)
        copy = invoice_release.document_copy(session, invoice, "Invoice")
        for attr in _CORRECTION_COPIES:
            setattr(copy, attr, getattr(invoice, attr))
        copy.hold = False
        copy.balance = Decimal(0)
        copy.status = document_status(copy)
        session.add(copy)
        session.flush()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        return copy


@retrying_write
def send_to_auto_invoice(
    db: Database, *, company_id: int, number: str, if_match: str | None = None, kind: Kind = INVOICES
) -> CustomerInvoice:
    """Record the released document as sent to AutoInvoice."""
    with db.writing() as session:
        document = find_invoice(session, company_id, number, kind=kind, for_update=True)
        check_if_match(if_match, document.row_version)
        if not document.released:
            raise BusinessError(
                f"The document {document.reference_number} cannot be sent to AutoInvoice: it is not released. "
                "Release it first."
            )
        document.send_to_auto_invoice = True
        document.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        session.flush()
        return document


def read_document(db: Database, *, company_id: int, number: str, kind: Kind = INVOICES) -> CustomerInvoice:
    """The document with its lines and customer loaded (print and ROT/RUT read it)."""
    return invoices.get_invoice(db, company_id=company_id, number=number, kind=kind)[0]


def print_lines(document: CustomerInvoice) -> list[str]:
    """The printed document's text, line by line."""
    customer = document.customer
    sign = "" if document.document_type in DEBIT_TYPES else "-"
    lines = [
        f"{document.document_type} {document.reference_number}",
        f"Customer: {customer.number} {customer.name or ''}".rstrip(),
        f"Date: {document.document_date:%Y-%m-%d}"
        + (f"   Due: {document.due_date:%Y-%m-%d}" if document.due_date else ""),
        f"Status: {document.status}   Currency: {document.currency_id}",
        "",
    ]
    if document.invoice_text:
        lines += [document.invoice_text, ""]
    for line in document.lines:
        item = line.item.number if line.item else ""
        text = f"{line.line_number:>3} {item:<12} {(line.description or '')[:40]:<40}"
        lines.append(f"{text} {line.quantity:>10.2f} x {line.unit_price:>10.2f} = {line.amount:>12.2f}")
    lines += [
        "",
        f"Total excl. VAT: {sign}{document.detail_total:.2f}",
        f"VAT: {sign}{document.vat_total:.2f}",
        f"Total: {sign}{document.amount:.2f}   Balance: {sign}{document.balance:.2f}",
    ]
    return lines


def rot_rut(document: CustomerInvoice) -> dict:
    """The document's ROT/RUT deduction: nettfin has none (a Swedish tax deduction it does not compute), so
    nothing is deductible or distributed."""
    zero = Decimal("0.00")
    return {
        "docType": document.document_type,
        "refNbr": document.reference_number,
        "distributedAutomaticaly": False,
        "totalDeductableAmount": zero,
        "otherCost": zero,
        "materialCost": zero,
        "workPrice": zero,
        "distributedAmount": zero,
        "distribution": [],
    }


# The work types of the Swedish Tax Agency's ROT and RUT deductions, with the XML tags of its schema.
WORK_TYPES = (
    ("Rut", "Cleaning", "Stadning"),
    ("Rut", "Clothing and textile care", "KladOchTextilvard"),
    ("Rut", "Snow clearing", "Snoskottning"),
    ("Rut", "Gardening", "Tradgardsarbete"),
    ("Rut", "Babysitting", "Barnpassning"),
    ("Rut", "Personal care", "Personligomsorg"),
    ("Rut", "Moving services", "Flyttjanster"),
    ("Rut", "IT services", "ItTjanster"),
    ("Rut", "Repair of white goods", "ReparationAvVitvaror"),
    ("Rut", "Furnishing", "Moblering"),
    ("Rut", "Supervision of residence", "TillsynAvBostad"),
    ("Rut", "Transport to sale", "TransportTillForsaljning"),
    ("Rut", "Laundry at a laundry", "TvattVidTvattinrattning"),
    ("Rot", "Construction", "Bygg"),
    ("Rot", "Electrical work", "El"),
    ("Rot", "Glass and sheet metal work", "GlasPlatarbete"),
    ("Rot", "Ground drainage work", "MarkDraneringarbete"),
    ("Rot", "Masonry", "Murning"),
    ("Rot", "Painting and wallpapering", "MalningTapetsering"),
    ("Rot", "Plumbing", "Vvs"),
)


def work_types() -> list[dict]:
    return [{"rutRotType": kind, "description": text, "xmlTag": tag} for kind, text, tag in WORK_TYPES]
