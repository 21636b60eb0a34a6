"""What every document line computes alike: amounts rounded to the øre, dates as calendar days, the subaccount
from segments, and the discount rule. The line operations themselves are `kit/lines.py`'s.

The discount rule (customer invoice lines, purchase order lines): a percentage sent (0 to 100) sets the
percentage, an amount sent sets the amount and the percentage it makes of the line's base; either makes the
discount manual. Without an amount sent the amount follows the percentage. The discount may not exceed the
base, nor have the other sign.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from ..inventory.subaccounts import subaccount_number
from ..ledger.subaccounts import check_subaccount
from ..tax.determination import OERE, ROUNDING_RULE

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def money(value: Decimal) -> Decimal:
    """An amount rounded to the øre with the VAT module's one rule."""
    return value.quantize(OERE, rounding=ROUNDING_RULE)


def calendar_day(value: datetime | None) -> datetime | None:
    """A document date as the calendar day the client wrote, at midnight UTC (a time of day is dropped)."""
    return None if value is None else datetime(value.year, value.month, value.day, tzinfo=UTC)


def apply_line_subaccount(session: Session, line: Any, segments: list[dict] | None) -> list[str]:
    """A line's subaccount (its number) from the segments sent; none when none are sent."""
    if not segments:
        line.subaccount = None
        return []
    pairs = [(s.get("segmentId") or 0, s.get("segmentValue") or "") for s in segments]
    check = check_subaccount(session, line.company_id, pairs)
    line.subaccount = check.number or subaccount_number(segments)
    return check.problems


@dataclass(frozen=True)
class DiscountLabels:
    """How a document names the discount and the base in the refusal."""

    discount: str
    base: str


def apply_line_discount(
    line: Any, base: Decimal, *, percent: Decimal | None, amount: Decimal | None, labels: DiscountLabels
) -> list[str]:
    """Set the line's `discount_percent`, `discount_amount` and `manual_discount` by the rule above, from the
    percentage and amount the body sent (None: not sent)."""
    if percent is not None and not ZERO <= percent <= HUNDRED:
        return ["'Discount percent' must be between 0 and 100."]
    if percent is not None:
        line.discount_percent, line.manual_discount = percent, True
    elif amount is not None:
        line.discount_amount, line.manual_discount = money(amount), True
        line.discount_percent = (line.discount_amount * HUNDRED / base) if base else ZERO
    if amount is None:
        line.discount_amount = money(base * (line.discount_percent or ZERO) / HUNDRED)
    if abs(line.discount_amount) > abs(base) or (base and line.discount_amount * base < 0):
        return [f"'{labels.discount}' ({line.discount_amount:.2f}) cannot be greater than {labels.base} ({base:.2f})."]
    return []
