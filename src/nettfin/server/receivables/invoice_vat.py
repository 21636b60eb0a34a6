"""A customer document's VAT and totals through the document core (`documents/vat.py`): each line's VAT ID from
the customer's VAT zone and the item's VAT category (a line's `vatCodeId` is kept only if it fits, else `TaxID
'<id>' cannot be found in the system`), VAT per VAT ID rounded as the company chooses, and the header totals."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..documents.vat import DocumentVatFound, VatQuestion, determine_document_vat, exempt_vat_ids, vat_totals
from ..tax.determination import DocumentKind
from .document_models import ZERO, CustomerInvoice


def determine_invoice_vat(session: Session, invoice: CustomerInvoice) -> DocumentVatFound | list[str]:
    return determine_document_vat(
        session,
        company_id=invoice.company_id,
        kind=DocumentKind.SALES,
        zone=invoice.vat_zone.zone_id if invoice.vat_zone is not None else None,
        day=invoice.document_date.date(),
        questions=[VatQuestion(line.amount, line.vat_category, line.vat_code_given) for line in invoice.lines],
        collection="invoiceLines",
    )


def compute_totals(session: Session, invoice: CustomerInvoice) -> list[str]:
    """Set every line's VAT ID and VAT, the document's totals and its VAT details; or the lines' problems."""
    found = determine_invoice_vat(session, invoice)
    if isinstance(found, list):
        return found
    for line, decision, line_vat in zip(invoice.lines, found.decisions, found.document.lines, strict=True):
        line.vat_id, line.vat_amount = decision.vat_id, line_vat.vat
    parts = found.parts
    totals = vat_totals((v.taxable for v in found.document.lines), parts, exempt_vat_ids(session, invoice.company_id))
    invoice.tax_details = [part.detail() for part in parts]
    invoice.detail_total = sum((line.amount for line in invoice.lines), ZERO)
    invoice.discount_total = sum((line.discount_amount for line in invoice.lines), ZERO)
    invoice.vat_total = totals.vat
    invoice.vat_exempt_total = totals.exempt
    invoice.vat_taxable_total = totals.taxable
    invoice.amount = totals.amount
    if not invoice.released:
        invoice.balance = invoice.amount
    if invoice.amount < 0:
        return ["The document total cannot be less than 0: a credit is a credit note."]
    return []
