"""A customer document's VAT and totals: each line's VAT ID from the customer's VAT zone and the item's VAT
category (a line's `vatCodeId` is kept only if it fits, else `TaxID '<id>' cannot be found in the system`),
VAT per VAT ID rounded as the company chooses, and the header totals."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..tax.determination import (
    DocumentKind,
    DocumentVat,
    TaxedAmount,
    VatDecision,
    VatLine,
    VatRefusal,
    calculate_vat,
    determine_vat,
)
from ..tax.models import Vat
from ..tax.service import load_vat_setup, vat_rounding
from .document_models import ZERO, CustomerInvoice


@dataclass(frozen=True)
class InvoiceVat:
    """What VAT determination made of a document: a decision per line (in line order) and the amounts."""

    decisions: tuple[VatDecision, ...]
    document: DocumentVat


def determine_invoice_vat(session: Session, invoice: CustomerInvoice) -> InvoiceVat | list[str]:
    setup = load_vat_setup(session, invoice.company_id)
    zone = invoice.vat_zone.zone_id if invoice.vat_zone is not None else None
    decisions, problems = [], []
    for index, line in enumerate(invoice.lines):
        question = VatLine(
            DocumentKind.SALES, zone, line.vat_category, invoice.document_date.date(), line.vat_code_given
        )
        outcome = determine_vat(setup, question)
        if isinstance(outcome, VatRefusal):
            problems.append(f"invoiceLines[{index}]: {outcome.message}")
        else:
            decisions.append(outcome)
    if problems:
        return problems
    amounts = [TaxedAmount(line.amount, d) for line, d in zip(invoice.lines, decisions, strict=True)]
    return InvoiceVat(tuple(decisions), calculate_vat(amounts, vat_rounding(session, invoice.company_id)))


def compute_totals(session: Session, invoice: CustomerInvoice) -> list[str]:
    """Set every line's VAT ID and VAT, the document's totals and its VAT details; or the lines' problems."""
    found = determine_invoice_vat(session, invoice)
    if isinstance(found, list):
        return found
    document = found.document
    for line, decision, line_vat in zip(invoice.lines, found.decisions, document.lines, strict=True):
        line.vat_id, line.vat_amount = decision.vat_id, line_vat.vat
    exempt = exempt_vat_ids(session, invoice.company_id)
    invoice.tax_details = _details(found)
    invoice.detail_total = sum((line.amount for line in invoice.lines), ZERO)
    invoice.discount_total = sum((line.discount_amount for line in invoice.lines), ZERO)
    invoice.vat_total = document.total
    invoice.vat_exempt_total = sum((v.taxable for v in document.lines if v.vat_id in exempt), ZERO)
    invoice.vat_taxable_total = sum((v.taxable for v in document.lines if v.vat_id and v.vat_id not in exempt), ZERO)
    invoice.amount = sum((v.taxable for v in document.lines), ZERO) + document.total
    if not invoice.released:
        invoice.balance = invoice.amount
    if invoice.amount < 0:
        return ["The document total cannot be less than 0: a credit is a credit note."]
    return []


def _details(found: InvoiceVat) -> list[dict]:
    rates = {d.vat_id: d.rate for d in found.decisions if d.vat_id is not None}
    taxable: dict[str, Decimal] = {}
    for line_vat in found.document.lines:
        if line_vat.vat_id is not None:
            taxable[line_vat.vat_id] = taxable.get(line_vat.vat_id, ZERO) + line_vat.taxable
    return [
        {
            "taxId": vat_id,
            "vatRate": format(rates[vat_id], "f"),
            "taxableAmount": format(taxable[vat_id], "f"),
            "vatAmount": format(amount, "f"),
        }
        for vat_id, amount in found.document.totals
    ]


def exempt_vat_ids(session: Session, company_id: int) -> set[str]:
    statement = select(Vat.vat_id).where(Vat.company_id == company_id, Vat.include_in_vat_exempt_total.is_(True))
    return set(session.scalars(statement))
