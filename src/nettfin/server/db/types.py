"""Column types that keep money exact and datetimes in UTC on both SQLite and PostgreSQL.

SQLite has no exact decimal type (its NUMERIC affinity stores floats) and drops timezone offsets, so
money is stored there as an integer count of 1/10,000ths and datetimes as naive UTC; PostgreSQL gets
NUMERIC(19, 4) and timestamptz. Python code only ever sees Decimal and aware UTC datetimes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy import BigInteger, DateTime, Numeric
from sqlalchemy.types import TypeDecorator

MONEY_SCALE = 4
# The largest magnitude accepted: fits both NUMERIC(19, 4) and SQLite's signed 64-bit integer of 1/10,000ths.
MONEY_LIMIT = Decimal(10) ** 14
_QUANTUM = Decimal(1).scaleb(-MONEY_SCALE)
_FACTOR = 10**MONEY_SCALE


def quantize_money(value: Decimal) -> Decimal:
    """Round to the stored scale, half to even (banker's rounding, as .NET's decimal does by default)."""
    return value.quantize(_QUANTUM, rounding=ROUND_HALF_EVEN)


class Money(TypeDecorator):
    impl = Numeric(19, MONEY_SCALE)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(19, MONEY_SCALE, asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = quantize_money(Decimal(value))
        if dialect.name == "sqlite":
            return int(value * _FACTOR)
        return value

    def result_processor(self, dialect, coltype):
        """Reading is on every list row, dozens of amounts each: skip the generic decorator's dispatch. SQLite's
        integers become Decimals by moving the point; PostgreSQL's Decimals are quantized (a NUMERIC(19, 4)
        column has scale 4 already, but a computed `coalesce(sum(...), 0)` may not)."""
        if dialect.name == "sqlite":
            return lambda value: None if value is None else _from_scaled(value)
        return lambda value: None if value is None else value.quantize(_QUANTUM, rounding=ROUND_HALF_EVEN)


_ZERO = Decimal(0).quantize(_QUANTUM)


def _from_scaled(value: int) -> Decimal:
    """1/10,000ths to a Decimal of scale 4 (`12345` is `1.2345`, `0` is `0.0000`, not `0E-4`)."""
    return Decimal(value).scaleb(-MONEY_SCALE) if value else _ZERO


class UTCDateTime(TypeDecorator):
    """Aware datetimes only; stored as UTC, read back as aware UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
