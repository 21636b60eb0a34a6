"""Number series: allocated inside the writing transaction, so concurrent creations never share a number.

Master data (customers, suppliers) use the series a company starts with. Documents and batches (`000001`,
`000002`, ...) use series created on first use, so a company gets them without a set-up step.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, NamedTuple

from sqlalchemy import Boolean, String, and_, bindparam, case, cast, exists, func, literal, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from ..db.prepared import Prepared
from ..kit.changes import note_written
from .models import NumberSeries

CUSTOMER = "CUSTOMER"
SUPPLIER = "SUPPLIER"
BATCH = "BATCH"
DOCUMENT_NUMBER_WIDTH = 6

# The series a new company starts with: (series id, description, the number before the first one).
STANDARD_SERIES = (
    (CUSTOMER, "Customers", 10000),
    (SUPPLIER, "Suppliers", 50000),
)
# Master data's numbers are the counter as it is (`10001`); every other series' are padded (`000001`).
MASTER_DATA_START = {series_id: start_after + 1 for series_id, _, start_after in STANDARD_SERIES}


def create_standard_series(session: Session, *, company_id: int) -> None:
    for series_id, description, start_after in STANDARD_SERIES:
        create_series(
            session, company_id=company_id, series_id=series_id, description=description, start_after=start_after
        )


def create_series(
    session: Session,
    *,
    company_id: int,
    series_id: str,
    description: str,
    start_after: int = 0,
    manual: bool = False,
    manual_on_import: bool = False,
) -> None:
    session.add(
        NumberSeries(
            company_id=company_id,
            series_id=series_id,
            description=description,
            last_number=start_after,
            manual=manual,
            manual_on_import=manual_on_import,
        )
    )


# What a create asks of its series (whether it exists, and is manual), on the driver's cursor (db/prepared.py):
# loading the series as a record through the session was a twentieth of a customer's create.
_SETTINGS = Prepared(
    select(NumberSeries.manual, NumberSeries.manual_on_import).where(
        NumberSeries.company_id == bindparam("company_id"), NumberSeries.series_id == bindparam("series_id")
    )
)


class MissingSeries(LookupError):
    """The company has no series of that id."""


class SeriesSettings(NamedTuple):
    manual: bool
    manual_on_import: bool


def series_settings(session: Session, *, company_id: int, series_id: str) -> SeriesSettings | None:
    """The series' settings as stored (None: the company has no such series yet)."""
    found = _SETTINGS.first(session.connection(), {"company_id": company_id, "series_id": series_id})
    return None if found is None else SeriesSettings(bool(found[0]), bool(found[1]))


# The number as a record gets it, in SQL: the counter as text (`10001`), or padded with zeros to six digits as
# `pad` pads it (`000001`; a longer number as it is). On both databases: substr, length and || are in each.
_TEXT = cast(NumberSeries.last_number, String)
_PADDED = func.substr(
    literal("0" * (DOCUMENT_NUMBER_WIDTH - 1)) + _TEXT,
    case((func.length(_TEXT) < DOCUMENT_NUMBER_WIDTH, func.length(_TEXT)), else_=DOCUMENT_NUMBER_WIDTH),
)


@functools.cache
def _next_free(
    column: InstrumentedAttribute, scope: tuple[InstrumentedAttribute, ...], padded: bool, automatic_only: bool
) -> Prepared:
    """The series' next number and whether a record of the company already has it in `column` (and the `scope`
    columns' values), in one statement: the series' row is locked from this UPDATE to the commit, and the other
    creates of the series wait for it, so the question is not a round trip of its own. `automatic_only`: only a
    series that gives the number itself (not manual, and not manual on import when the client sent a number), so
    a create does not ask for the series' settings first. Built once per key column, scope and form; run on the
    driver's cursor (db/prepared.py): the ORM's UPDATE walked the statement for its cache key on every run, a
    seventh of a customer's create."""
    model = column.class_
    # SQLite writes RETURNING's columns without their table: `last_number` inside the subquery is the series' only
    # while the record's table has no column of that name.
    if "last_number" in model.__table__.c:
        raise ValueError(f"{model.__name__} has a column named last_number: its numbers cannot be checked in RETURNING")
    number = _PADDED if padded else _TEXT
    where = [model.company_id == bindparam("company"), column == number]
    where += [scoped == bindparam(f"scope_{index}") for index, scoped in enumerate(scope)]
    series = NumberSeries.__table__
    which = [series.c.company_id == bindparam("company"), series.c.series_id == bindparam("series")]
    if automatic_only:
        which += [~series.c.manual, ~and_(series.c.manual_on_import, bindparam("given", type_=Boolean))]
    return Prepared(
        update(series)
        .where(*which)
        .values(last_number=series.c.last_number + 1)
        .returning(series.c.last_number, exists(select(literal(1)).where(*where).correlate(series)))
    )


def allocate_number(
    session: Session,
    *,
    company_id: int,
    series_id: str,
    column: InstrumentedAttribute,
    scope: Mapping[InstrumentedAttribute, Any] | None = None,
    padded: bool = False,
) -> str:
    """The series' next number no record of the company has in `column` (with the `scope` columns' values: a
    document's type), as text (`padded`: `000001`); numbers given by hand are skipped.

    The UPDATE takes the series row's lock (PostgreSQL) inside a transaction begun IMMEDIATE (SQLite), so
    two concurrent creations serialise here and get different numbers. It changes a row of the company, which
    the transaction's data versions hear of (kit/changes.py, `note_written`).
    """
    number = number_unless_client_gives(
        session, company_id=company_id, series_id=series_id, column=column, given=None, scope=scope, padded=padded
    )
    if number is None:
        raise MissingSeries(f"number series {series_id} is missing for company {company_id}")
    return number


def number_unless_client_gives(
    session: Session,
    *,
    company_id: int,
    series_id: str,
    column: InstrumentedAttribute,
    given: bool | None,
    scope: Mapping[InstrumentedAttribute, Any] | None = None,
    padded: bool = False,
) -> str | None:
    """`allocate_number`'s number, unless the series leaves the number to the client: it is manual, or it keeps
    numbers sent on imports and the client sent one (`given`; None: the series gives it however it is set). None
    then, or when the company has no such series (`series_settings` tells which). One statement where reading the
    settings first was two."""
    scope = scope or {}
    statement = _next_free(column, tuple(scope), padded, given is not None)
    params: dict[str, Any] = {"company": company_id, "series": series_id}
    params.update((f"scope_{index}", value) for index, value in enumerate(scope.values()))
    if given is not None:
        params["given"] = given
    if session.autoflush:  # as a query through the session would: a record the session holds has its number
        session.flush()
    while True:
        found = statement.first(session.connection(), params)
        if found is None:
            return None
        number, taken = found
        note_written(session, company_id)
        held = session.identity_map.get(identity_key(NumberSeries, (company_id, series_id)))
        if held is not None:
            set_committed_value(held, "last_number", number)
        if not taken:
            return pad(str(number)) if padded else str(number)


def ensure_series(session: Session, *, company_id: int, series_id: str, description: str) -> None:
    """Create the series (starting at 000001) unless it exists; concurrent first uses create it once."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(NumberSeries).values(
        company_id=company_id, series_id=series_id, description=description, last_number=0, manual=False
    )
    session.execute(statement.on_conflict_do_nothing(index_elements=[NumberSeries.company_id, NumberSeries.series_id]))


def next_document_number(
    session: Session,
    *,
    company_id: int,
    series_id: str,
    description: str,
    column: InstrumentedAttribute,
    scope: Mapping[InstrumentedAttribute, Any] | None = None,
) -> str:
    """The next number of a document series, zero-padded to six digits, that no document of the company has in
    `column` (with the `scope` values); numbers given by hand are skipped.

    The series is made on first use: only when the UPDATE finds no series row (an INSERT ... ON CONFLICT before
    every UPDATE was a statement more per document, and on PostgreSQL a second wait for the row's lock)."""

    def allocate() -> str:
        return allocate_number(
            session, company_id=company_id, series_id=series_id, column=column, scope=scope, padded=True
        )

    try:
        return allocate()
    except MissingSeries:
        ensure_series(session, company_id=company_id, series_id=series_id, description=description)
        return allocate()


def pad(number: str) -> str:
    return number.zfill(DOCUMENT_NUMBER_WIDTH)


def series_number(series_id: str, number: int) -> str:
    """A number of the series as its records get it: padded unless the series is master data's."""
    return str(number) if series_id in MASTER_DATA_START else pad(str(number))
