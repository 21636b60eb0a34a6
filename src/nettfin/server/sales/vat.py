"""A sales order's VAT and totals through the document core (`documents/vat.py`), as a customer invoice's: each
line's VAT ID from the customer's VAT zone and the line's VAT category (the item's, unless the line names one),
VAT per VAT ID, and the header totals."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..documents.vat import VatQuestion, determine_document_vat, exempt_vat_ids, vat_totals
from ..tax.determination import DocumentKind
from .models import ZERO, SalesOrder


def compute_totals(session: Session, order: SalesOrder) -> list[str]:
    """Set every line's VAT ID and the order's totals and VAT details; the problems of lines whose VAT cannot be
    determined otherwise."""
    found = determine_document_vat(
        session,
        company_id=order.company_id,
        kind=DocumentKind.SALES,
        zone=order.vat_zone.zone_id if order.vat_zone is not None else None,
        day=order.date.date(),
        questions=[VatQuestion(line.amount, line.tax_category) for line in order.lines],
        collection="lines",
    )
    if isinstance(found, list):
        return found
    for line, decision in zip(order.lines, found.decisions, strict=True):
        line.vat_id = decision.vat_id
    parts = found.parts
    totals = vat_totals((v.taxable for v in found.document.lines), parts, exempt_vat_ids(session, order.company_id))
    order.tax_details = [part.detail() for part in parts]
    order.line_total = sum((line.amount for line in order.lines), ZERO)
    order.discount_total = sum((line.discount_amount for line in order.lines), ZERO)
    order.tax_total = totals.vat
    order.vat_exempt_total = totals.exempt
    order.vat_taxable_total = totals.taxable
    order.order_total = totals.amount
    return []
