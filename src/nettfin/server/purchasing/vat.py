"""A purchase order's VAT and totals: each line's VAT ID from the supplier's VAT zone and the line's VAT
category (the item's, unless the line names one), amounts per VAT ID, and the header totals."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..tax.determination import (
    DocumentKind,
    TaxedAmount,
    VatDecision,
    VatLine,
    VatRefusal,
    calculate_vat,
    determine_vat,
)
from ..tax.models import Vat
from ..tax.service import load_vat_setup, vat_rounding
from .models import ZERO, PurchaseOrder


def compute_totals(session: Session, order: PurchaseOrder, kind: DocumentKind) -> list[str]:
    """Set every line's VAT ID and the order's totals and VAT details; the problems of lines whose VAT
    cannot be determined otherwise."""
    setup = load_vat_setup(session, order.company_id)
    zone = order.vat_zone.zone_id if order.vat_zone is not None else None
    decisions: list[VatDecision] = []
    problems = []
    for index, line in enumerate(order.lines):
        outcome = determine_vat(setup, VatLine(kind, zone, line.tax_category, order.date.date()))
        if isinstance(outcome, VatRefusal):
            problems.append(f"lines[{index}]: {outcome.message}")
            continue
        line.vat_id = outcome.vat_id
        decisions.append(outcome)
    if problems:
        return problems
    document = calculate_vat(
        [TaxedAmount(line.amount, d) for line, d in zip(order.lines, decisions, strict=True)],
        vat_rounding(session, order.company_id),
    )
    order.tax_details = _details(session, order, document, decisions)
    exempt = _exempt_vat_ids(session, order.company_id)
    order.line_total = sum((line.amount for line in order.lines), ZERO)
    order.tax_total = document.total
    order.vat_exempt_total = sum((v.taxable for v in document.lines if v.vat_id in exempt), ZERO)
    order.order_total = sum((v.taxable for v in document.lines), ZERO) + document.total
    order.open_quantity = sum((line.order_qty for line in order.lines if not line.completed), ZERO)
    order.open_balance = order.order_total if order.status not in ("Closed", "Cancelled") else ZERO
    return []


def _details(session: Session, order: PurchaseOrder, document, decisions: list[VatDecision]) -> list[dict]:
    rates = {d.vat_id: d.rate for d in decisions if d.vat_id is not None}
    taxable: dict[str, Decimal] = {}
    for line_vat in document.lines:
        if line_vat.vat_id is not None:
            taxable[line_vat.vat_id] = taxable.get(line_vat.vat_id, ZERO) + line_vat.taxable
    return [
        {
            "taxId": vat_id,
            "vatRate": format(rates[vat_id], "f"),
            "taxableAmount": format(taxable[vat_id], "f"),
            "vatAmount": format(amount, "f"),
        }
        for vat_id, amount in document.totals
    ]


def _exempt_vat_ids(session: Session, company_id: int) -> set[str]:
    statement = select(Vat.vat_id).where(Vat.company_id == company_id, Vat.include_in_vat_exempt_total.is_(True))
    return set(session.scalars(statement))
