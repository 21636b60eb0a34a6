"""The price and line discount a document line gets, chosen the way Visma.net does.

The price (`choose_price`, pure): among the item's prices in the line's unit and currency that are valid on the
document's day, for the line's warehouse or all warehouses, and whose break quantity is at most the line's
quantity: the customer's own price first, then its customer price class's, then the base price; within a type a
promotional price before a regular one, then the largest break quantity, then a warehouse's own price before an
all-warehouse one, then the latest effective date. Without one, the item's default price (`source` "Item").

The line discount (`choose_discount`, pure): among the active series of line discount codes (`discountType`
Line) that apply to the line (every dimension of the code's `applicableTo`, `CustomerAndItem` being Customer and
Item, names the line's customer, item, warehouse, price class or branch; `Unconditional` applies to every line),
a promotional series only between its effective and expiration days: the breakpoint with the largest break at
most the line's quantity (`breakBy` Quantity) or amount (Amount), with the values in effect on the day (the
breakpoint's last values before its effective date); of several series the largest discount, a promotional one
on a tie. A code marked manual applies only to a line that names it. A line that names a code gets that code's
discount or, when none of its series applies, a refusal (`Quote.refusal`).

`quote` reads the candidates and applies both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..inventory.models import InventoryItem
from ..kit import messages
from ..receivables.models import Customer
from .models import ZERO, DiscountCode, DiscountSeries, SalesPrice

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
_TYPE_RANK = {"Customer": 0, "CustomerPriceClass": 1, "Base": 2}


@dataclass(frozen=True)
class Quote:
    unit_price: Decimal
    discount_percent: Decimal
    discount_amount: Decimal
    discount_code: str | None
    source: str  # Customer, CustomerPriceClass, Base or Item
    discount_series: str | None = None
    refusal: str | None = None  # why the discount code the line names does not apply to it


@dataclass(frozen=True)
class Line:
    """What a line is priced by."""

    customer_id: int | None
    item_id: int | None
    quantity: Decimal
    uom: str | None
    currency: str | None
    on: date
    warehouse_id: int | None = None
    price_class: str | None = None
    branch: str | None = None


def _valid(start: date | None, end: date | None, on: date) -> bool:
    return (start is None or start <= on) and (end is None or on <= end)


def choose_price(prices: Iterable[Any], line: Line) -> Any | None:
    """The price a line gets (see the module's docstring), or None. `prices`: rows with SalesPrice's attributes."""

    def fits(price: Any) -> bool:
        if price.price_type == "Customer":
            party = line.customer_id is not None and price.customer_id == line.customer_id
        elif price.price_type == "CustomerPriceClass":
            party = line.price_class is not None and price.price_class == line.price_class
        else:
            party = price.price_type == "Base"
        return (
            party
            and price.uom == line.uom
            and price.currency_id == line.currency
            and price.warehouse_id in (None, line.warehouse_id)
            and (price.break_qty or ZERO) <= line.quantity
            and _valid(price.effective_date, price.expiration_date, line.on)
        )

    def rank(price: Any) -> tuple:
        return (
            _TYPE_RANK[price.price_type],
            not price.promotion,
            -(price.break_qty or ZERO),
            price.warehouse_id is None,
            -(price.effective_date or date.min).toordinal(),
            getattr(price, "record_id", 0) or 0,
        )

    candidates = [price for price in prices if fits(price)]
    return min(candidates, key=rank) if candidates else None


def dimensions(applicable_to: str) -> list[str]:
    """The dimensions a code's `applicableTo` names: `CustomerAndItem` is Customer and Item."""
    return [] if applicable_to in ("", "Unconditional") else applicable_to.split("And")


def _matches(series: Any, dimension: str, line: Line) -> bool:
    wanted = {
        "Customer": ("customer_id", line.customer_id),
        "Item": ("item_id", line.item_id),
        "Warehouse": ("warehouse_id", line.warehouse_id),
        "CustomerPriceClass": ("code", line.price_class),
        "ItemPriceClass": ("code", None),
        "Branch": ("code", line.branch),
    }.get(dimension)
    if wanted is None or wanted[1] is None:
        return False
    attr, value = wanted
    return any(t.kind == dimension and getattr(t, attr) == value for t in series.targets)


def applies(series: Any, code: Any, line: Line) -> bool:
    """Whether a series of a code applies to a line, breakpoints aside."""
    if not series.active or code.discount_type != "Line":
        return False
    if series.promotional and not _valid(series.effective_date, series.expiration_date, line.on):
        return False
    return all(_matches(series, dimension, line) for dimension in dimensions(code.applicable_to))


def _values(breakpoint: Any, on: date) -> tuple[Decimal, Decimal, Decimal, Decimal] | None:
    """(break quantity, break amount, discount percent, discount amount) in effect on the day, or None."""
    if breakpoint.effective_date is None or breakpoint.effective_date <= on:
        return (
            breakpoint.break_quantity,
            breakpoint.break_amount,
            breakpoint.discount_percent,
            breakpoint.discount_amount,
        )
    last = (
        breakpoint.last_break_quantity,
        breakpoint.last_break_amount,
        breakpoint.last_discount_percent,
        breakpoint.last_discount_amount,
    )
    return None if all(value is None for value in last) else tuple(value or ZERO for value in last)


def series_discount(series: Any, line: Line, base: Decimal) -> tuple[Decimal, Decimal] | None:
    """(percent, amount) of the series' breakpoint the line reaches, or None when it reaches none."""
    reached = None
    for breakpoint in series.breakpoints:
        values = _values(breakpoint, line.on)
        if values is None:
            continue
        start = values[0] if series.break_by == "Quantity" else values[1]
        measure = line.quantity if series.break_by == "Quantity" else base
        if start <= measure and (reached is None or start >= reached[0]):
            reached = (start, values)
    if reached is None:
        return None
    _, (_, _, percent, amount) = reached
    if series.discount_by == "Percent":
        return percent, (base * percent / HUNDRED).quantize(CENT)
    if series.discount_by == "Amount":
        amount = min(amount, base) if base > 0 else ZERO
        return ((amount * HUNDRED / base) if base else ZERO), amount
    return None  # a free item discounts no amount


def choose_discount(
    series_list: Iterable[Any], line: Line, base: Decimal, *, code: str | None = None
) -> tuple[Any, Decimal, Decimal] | None:
    """(series, percent, amount) of the best line discount (see the module's docstring); `code` limits it to
    that code's series, manual ones included."""
    best = None
    for series in series_list:
        if code is not None and series.code.code != code:
            continue
        if code is None and series.code.manual:
            continue
        if not applies(series, series.code, line):
            continue
        found = series_discount(series, line, base)
        if found is None:
            continue
        key = (found[1], series.promotional)
        if best is None or key > best[0]:
            best = (key, series, *found)
    return None if best is None else best[1:]


def quote(
    session: Session,
    company_id: int,
    *,
    customer_id: int | None,
    item_id: int | None,
    quantity: Decimal,
    uom: str | None,
    currency: str | None,
    on: date,
    warehouse_id: int | None = None,
    discount_code: str | None = None,
    unit_price: Decimal | None = None,
) -> Quote:
    """The unit price and line discount of a line of `quantity` of an item for a customer on a day; the discount
    only, at the price the line gives, when `unit_price` is given (`source` "Line")."""
    line = Line(customer_id, item_id, quantity or ZERO, uom, currency, on, warehouse_id)
    prices = (
        []
        if unit_price is not None
        else session.scalars(
            select(SalesPrice).where(
                SalesPrice.company_id == company_id,
                SalesPrice.item_id == item_id,
                or_(SalesPrice.customer_id.is_(None), SalesPrice.customer_id == customer_id),
            )
        ).all()
    )
    chosen = None if unit_price is not None else choose_price(prices, line)
    if unit_price is not None:
        source = "Line"
    elif chosen is not None:
        unit_price, source = chosen.price, chosen.price_type
    else:
        item = session.get(InventoryItem, item_id) if item_id is not None else None
        unit_price, source = (item.default_price or ZERO) if item else ZERO, "Item"
    base = (line.quantity * unit_price).quantize(CENT)
    statement = (
        select(DiscountSeries)
        .join(DiscountCode, DiscountSeries.code_id == DiscountCode.id)
        .where(DiscountSeries.company_id == company_id, DiscountSeries.active.is_(True))
    )
    if discount_code is not None:
        statement = statement.where(DiscountCode.code == discount_code)
    found = choose_discount(session.scalars(statement).unique().all(), line, base, code=discount_code)
    if found is None:
        refusal = None if discount_code is None else _refusal(session, company_id, discount_code, line)
        return Quote(unit_price, ZERO, ZERO, None, source, refusal=refusal)
    series, percent, amount = found
    return Quote(unit_price, percent, amount, series.code.code, source, discount_series=series.series)


def _refusal(session: Session, company_id: int, code: str, line: Line) -> str:
    """Why a line cannot have the discount code it names: there is no such code, or none of its series applies."""
    statement = select(DiscountCode).where(DiscountCode.company_id == company_id, DiscountCode.code == code)
    found = session.scalars(statement).first()
    if found is None:
        return messages.cannot_be_found("Discount code", code)
    if found.discount_type != "Line":
        return f"Discount code '{code}' is a {found.discount_type} discount: a line takes a Line discount only."
    customer = session.get(Customer, line.customer_id) if line.customer_id is not None else None
    item = session.get(InventoryItem, line.item_id) if line.item_id is not None else None
    return (
        f"Discount code '{code}' does not apply to customer '{customer.number if customer else ''}' and item "
        f"'{item.number if item else ''}' on {line.on.isoformat()} (quantity {line.quantity.normalize():f}): "
        f"no active series of it ({found.applicable_to}) applies and reaches a breakpoint."
    )
