"""Checks that a value fits its column, so a too-long text or too-large number is a 400 naming the field
instead of a database error."""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer, SmallInteger, String

from ..db.types import MONEY_LIMIT, Money

# The service's integer fields and parameters are .NET `int`s; a larger value is a client's mistake (400), and
# bounding it here keeps it away from the database, where it would overflow a column or a bind parameter.
INT32_MAX = 2**31 - 1


def parse_int32(text: str | None) -> int | None:
    """`text` as a non-negative .NET int, or None: ASCII digits only (`"²".isdigit()` is true in Python)."""
    text = (text or "").strip()
    if text.isascii() and text.isdigit() and int(text) <= INT32_MAX:
        return int(text)
    return None


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
