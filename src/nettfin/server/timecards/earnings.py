"""Earning types (EP102000): the types of hour a time card's summary line is reported in.

Every company has the standard two, Regular hours and Overtime (multiplier 1.5), made on its first time card as
a new Visma.net company comes with them; the demo and a company's own set-up may add others.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..db.base import utcnow
from .models import EarningType

REGULAR = "RG"
OVERTIME = "OT"
# (code, description, overtime, invoiceable by default, multiplier)
STANDARD_EARNING_TYPES = (
    (REGULAR, "Regular hours", False, True, Decimal(1)),
    (OVERTIME, "Overtime", True, True, Decimal("1.5")),
)


def ensure_earning_types(session: Session, *, company_id: int, at: datetime | None = None) -> None:
    """The standard earning types, added where missing; a concurrent first time card adds them only once."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    moment = at or utcnow()
    rows = [
        {
            "company_id": company_id,
            "code": code,
            "description": description,
            "is_overtime": overtime,
            "is_billable": billable,
            "is_active": True,
            "overtime_multiplier": multiplier,
            "last_modified_at": moment,
        }
        for code, description, overtime, billable, multiplier in STANDARD_EARNING_TYPES
    ]
    statement = insert(EarningType).values(rows).on_conflict_do_nothing(index_elements=["company_id", "code"])
    session.execute(statement)


def earning_types(session: Session, company_id: int) -> dict[str, EarningType]:
    rows = session.scalars(select(EarningType).where(EarningType.company_id == company_id))
    return {row.code: row for row in rows}
