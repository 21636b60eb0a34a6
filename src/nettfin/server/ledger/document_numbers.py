"""Document and batch numbers (`000001`, `000002`, ...) from per-company number series, allocated inside the
writing transaction so parallel creations never share a number.

A series is created on first use, so a company gets its document series without a set-up step.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..numbering.models import NumberSeries
from ..numbering.service import allocate_number

BATCH = "BATCH"
NUMBER_WIDTH = 6


def ensure_series(session: Session, *, company_id: int, series_id: str, description: str) -> None:
    """Create the series (starting at 000001) unless it exists; concurrent first uses create it once."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(NumberSeries).values(
        company_id=company_id, series_id=series_id, description=description, last_number=0, manual=False
    )
    session.execute(statement.on_conflict_do_nothing(index_elements=[NumberSeries.company_id, NumberSeries.series_id]))


def next_document_number(
    session: Session, *, company_id: int, series_id: str, description: str, taken: Callable[[str], bool]
) -> str:
    """The next number of the series, zero-padded to six digits; numbers given by hand are skipped."""
    ensure_series(session, company_id=company_id, series_id=series_id, description=description)
    raw = allocate_number(session, company_id=company_id, series_id=series_id, taken=lambda n: taken(pad(n)))
    return pad(raw)


def pad(number: str) -> str:
    return number.zfill(NUMBER_WIDTH)
