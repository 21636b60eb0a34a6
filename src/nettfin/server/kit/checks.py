"""Checks that a value fits its column, so a too-long text or too-large number is a 400 naming the field
instead of a database error."""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer, SmallInteger, String

from ..db.types import MONEY_LIMIT, Money

_INT_RANGES = {
    SmallInteger: 2**15,
    BigInteger: 2**63,
    Integer: 2**31,
}


def fits_column(column, value, label: str) -> str | None:
    """A problem text if `value` cannot be stored in `column`, else None."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, String) and kind.length and len(value) > kind.length:
        return f"'{label}' is too long: {len(value)} characters, at most {kind.length} are allowed."
    if isinstance(kind, Money) and abs(value) >= MONEY_LIMIT:
        return f"'{label}' is out of range: {value} (amounts must be below {MONEY_LIMIT:,})."
    for int_type, bound in _INT_RANGES.items():
        if isinstance(kind, int_type):
            if not -bound <= value < bound:
                return f"'{label}' is out of range: {value} (accepted: {-bound} to {bound - 1})."
            break
    return None
