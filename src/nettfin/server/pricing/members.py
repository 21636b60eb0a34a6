"""Member kinds the pricing resources share: a record by its code, a day read as a date-time at midnight, an
amount that cannot be negative."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import InstrumentedAttribute

from ..kit.records import resolve_code
from ..kit.render import DecimalNumber
from ..kit.resource import Member, Scalar, Writing
from ..kit.wire import Value


def day_text(day: date | None) -> str | None:
    """A day as the service writes it: a date-time at midnight."""
    return None if day is None else f"{day.isoformat()}T00:00:00"


@dataclass(frozen=True)
class Code(Member):
    """Another record (`attr`, a relationship) read and written as its code (`key`, the target's code column)."""

    wire: str
    attr: str
    label: str
    key: InstrumentedAttribute
    description: str = ""

    def schema(self) -> Any:
        return str

    def read(self, record: Any) -> Any:
        target = getattr(record, self.attr)
        return None if target is None else getattr(target, self.key.key)

    def write_schema(self) -> Any | None:
        return Value[str]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        code = value.strip() or None if isinstance(value, str) else None
        if code is None:
            setattr(record, self.attr, None)
            return []
        found, problems = resolve_code(writing.session, self.key.class_, self.key, writing.company_id, code, self.label)
        if not problems:
            setattr(record, self.attr, found)
        return problems


@dataclass(frozen=True)
class Day(Member):
    """A day (column `attr`), sent and read as a date-time at midnight; the time of day sent is dropped."""

    wire: str
    attr: str
    description: str = ""

    def schema(self) -> Any:
        return str

    def read(self, record: Any) -> Any:
        return day_text(getattr(record, self.attr))

    def write_schema(self) -> Any | None:
        return Value[datetime]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        setattr(record, self.attr, None if value is None else value.date())
        return []


@dataclass(frozen=True)
class Amount(Scalar):
    """A number column (a price, a quantity, a percentage) that cannot be negative; clearing it writes 0."""

    kind: Any = DecimalNumber
    cleared: Any = Decimal(0)

    def write_schema(self) -> Any | None:
        return Value[Decimal] if self.writable else None

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        if value is not None and value < 0:
            return [f"'{self.label}' cannot be less than 0."]
        return super().write(writing, record, value)
