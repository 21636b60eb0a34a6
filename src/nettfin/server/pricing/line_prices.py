"""A customer-facing document line's price and line discount from the price lists and discounts (`quote`): the
one rule customer invoice lines and sales order lines follow, each naming its wire members (`LineWire`) and the
document it is priced for (`PricedFor`).

A line of an item that gives no unit price (nor a manual amount) gets the quoted price whenever its item, quantity
or unit (a sales order line: also its warehouse) is written; a line whose discount is not manual gets the best
automatic line discount whenever its item, quantity, unit or price is written (at the price it gives, if it gives
one). A line that names a discount code gets that code's discount (the percentage it sends, if any, stays the
line's), and is refused, naming the code, when the code does not apply to the document's customer and the line's
item.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy.orm import Session

from .models import ZERO
from .quote import quote


@dataclass(frozen=True)
class LineWire:
    """The wire members a kind of line is priced by."""

    unit_price: str  # the unit price it sends
    repriced_by: tuple[str, ...]  # the members that, written, price it again
    discounts: tuple[str, ...]  # the members that send a manual discount
    fixed_price: tuple[str, ...] = ()  # other members that, sent, keep the price it gives


@dataclass(frozen=True)
class PricedFor:
    """What the document gives its line's price: the customer, currency, day and the line's warehouse."""

    company_id: int
    customer_id: int | None
    currency: str | None
    on: date | None
    warehouse_id: int | None = None


class PricedLine(Protocol):
    item: Any
    quantity: Decimal
    uom: str | None
    unit_price: Decimal
    discount_code: str | None
    discount_percent: Decimal
    manual_discount: bool


def price_line(session: Session, line: PricedLine, sent: dict, wire: LineWire, document: PricedFor) -> list[str]:
    """Give the line its quoted price and discount (see the module's docstring); the refusal of a code that does
    not apply."""
    code = (sent.get("discountCode") or "").strip() or None
    touched = line.item is not None and any(member in sent for member in (*wire.repriced_by, wire.unit_price))
    priced = touched and not any(member in sent for member in (wire.unit_price, *wire.fixed_price))
    if code is None and not touched:
        return []
    if document.on is None:
        return []  # the document's own problem
    quantity = sent["quantity"] if sent.get("quantity") is not None else line.quantity
    given = sent[wire.unit_price] if sent.get(wire.unit_price) is not None else line.unit_price
    with session.no_autoflush:  # the document is being written: nothing of it may flush before it is whole
        found = quote(
            session,
            document.company_id,
            customer_id=document.customer_id,
            item_id=line.item.id if line.item is not None else None,
            quantity=quantity or ZERO,
            uom=line.uom,
            currency=document.currency,
            on=document.on,
            warehouse_id=document.warehouse_id,
            discount_code=code,
            unit_price=None if priced else given,
        )
    if found.refusal:
        return [found.refusal]
    if priced:
        line.unit_price = found.unit_price
    if any(member in sent for member in wire.discounts) or (code is None and line.manual_discount):
        return []
    line.discount_code = found.discount_code
    line.discount_percent = found.discount_percent
    line.manual_discount = False
    return []
