"""Applying a write body's changes to a master-data record, as every module's service does it: scalar
fields with the service's labels, nested addresses and contacts, references by code, and record keys that
come from a number series or from the client.

Each helper returns every problem it finds instead of raising, so a service can report them all at once and
write nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..numbering.service import number_unless_client_gives
from . import messages
from .checks import fits_column
from .shapes import address_problems, merge_nested

# Wire name -> (column attribute, the label the service uses in messages, value when cleared).
Scalars = dict[str, tuple[str, str, Any]]


def apply_scalars(record: Any, changes: dict, scalars: Scalars, *, not_negative: Collection[str] = ()) -> list[str]:
    """Set the scalar fields the client sent; `{"value": null}` restores the field's cleared value."""
    problems: list[str] = []
    table = type(record).__table__
    for wire, (attr, label, cleared) in scalars.items():
        if wire not in changes:
            continue
        value = changes[wire]
        if isinstance(value, str):
            value = value.strip() or None
        if wire in not_negative and value is not None and value < 0:
            problems.append(f"'{label}' cannot be less than 0.")
            continue
        problem = fits_column(table.c[attr], value, label)
        if problem:
            problems.append(problem)
            continue
        setattr(record, attr, cleared if value is None else value)
    return problems


def apply_nested(record: Any, changes: dict, nested: dict[str, str]) -> list[str]:
    """PATCH the addresses and contacts the client sent (wire name -> JSON column attribute)."""
    problems: list[str] = []
    for wire, attr in nested.items():
        if wire not in changes:
            continue
        merged = merge_nested(getattr(record, attr), changes[wire])
        if merged.get("countryId"):
            merged["countryId"] = merged["countryId"].upper()
        problems += address_problems(wire, merged)
        setattr(record, attr, merged)
    return problems


def find_by_code(
    session: Session, model: Any, column: InstrumentedAttribute, company_id: int, code: str, options: tuple = ()
) -> Any:
    """The company's record of that code, or None; `options` are loader options (what not to join eagerly)."""
    statement = _by_code(model, column, options)
    return session.scalars(statement, {"company_id": company_id, "code": code}).unique().first()


# A statement built anew walks its whole cache key on every run (a third of a lookup's time); one built once per
# model, key column and loader options keeps its key. Bounded: options are compared by identity, so a caller that
# built its options on every call would only churn the cache, not grow it.
@functools.lru_cache(maxsize=512)
def _by_code(model: Any, column: InstrumentedAttribute, options: tuple) -> Select:
    where = (model.company_id == bindparam("company_id"), column == bindparam("code"))
    return select(model).where(*where).options(*options)


@functools.lru_cache(maxsize=512)
def _by_codes(model: Any, column: InstrumentedAttribute, options: tuple) -> Select:
    codes = bindparam("codes", expanding=True)
    return select(model).where(model.company_id == bindparam("company_id"), column.in_(codes)).options(*options)


def resolve_code(
    session: Session, model: Any, column: InstrumentedAttribute, company_id: int, code: str | None, label: str
) -> tuple[Any, list[str]]:
    """The record a `...Id` field names, or the service's `<Label> 'X' cannot be found in the system.`"""
    if code is None or not code.strip():
        return None, []
    found = find_by_code(session, model, column, company_id, code.strip())
    if found is None:
        return None, [messages.cannot_be_found(label, code)]
    return found, []


def apply_references(
    session: Session, record: Any, company_id: int, changes: dict, references: Collection[tuple]
) -> list[str]:
    """Resolve each `(wire name, attribute, model, key column, label)` the body sends and set it on the record;
    every problem is returned, as `resolve_code` words it."""
    problems: list[str] = []
    for wire, attr, model, column, label in references:
        if wire in changes:
            found, problem = resolve_code(session, model, column, company_id, changes[wire], label)
            setattr(record, attr, found)
            problems += problem
    return problems


def load_by_codes(
    session: Session,
    model: Any,
    column: InstrumentedAttribute,
    company_id: int,
    codes: Iterable[str | None],
    options: tuple = (),
) -> dict[str, Any]:
    """The records the codes name, by code, in one query (for rendering a page of references); `options` are
    loader options, as `find_by_code` takes them."""
    wanted = {code for code in codes if code}
    if not wanted:
        return {}
    params = {"company_id": company_id, "codes": list(wanted)}
    rows = session.scalars(_by_codes(model, column, options), params).unique()
    return {getattr(row, column.key): row for row in rows}


def missing_codes(
    session: Session, model: Any, column: InstrumentedAttribute, company_id: int, codes: dict[str, str], labels: dict
) -> list[str]:
    """`<Label> 'X' cannot be found in the system.` for each code (by wire name) that names no record."""
    found = load_by_codes(session, model, column, company_id, codes.values())
    return [messages.cannot_be_found(labels[wire], code) for wire, code in codes.items() if code not in found]


@dataclass(frozen=True)
class RecordKey:
    """How a record gets its key: the wire field, the key column, the label in messages, and the number
    series that gives keys automatically (None: the client always gives the key)."""

    field: str
    column: InstrumentedAttribute
    label: str
    series_id: str | None = None
    # Whether the write body has the key at all (a currency rate's number is the service's alone).
    sent: ClassVar[bool] = True

    def duplicate(self, key: str) -> str:
        return messages.already_exists(self.label, key, numbered=self.series_id is not None)

    def taken(self, session: Session, company_id: int, key: str) -> bool:
        return key_taken(session, self.column, company_id, key)

    def assign(self, session: Session, record: Any, changes: dict) -> tuple[list[str], list[str]]:
        """Give a new record its key (`assign_key`): (problems, ignored fields). A key made otherwise than from
        a code or a number series (a subaccount's, from its segments) is a subclass that overrides this."""
        return assign_key(session, record, changes, self)

    def ignored(self, changes: dict, key: str) -> list[str]:
        """The body's fields an update of the record `key` ignores: a key sent that differs from the path's."""
        sent = changes.get(self.field)
        sent = sent.strip() or None if isinstance(sent, str) else sent
        return [self.field] if sent not in (None, key) else []


def key_taken(
    session: Session, column: InstrumentedAttribute, company_id: int, key: str, scope: dict | None = None
) -> bool:
    """Whether a record of the company has that key, and the `scope` columns' values (a document's type)."""
    params = {"company_id": company_id, "key": key}
    params.update((f"scope_{index}", value) for index, value in enumerate((scope or {}).values()))
    return session.scalar(_taken_statement(column, tuple(scope or ())), params) is not None


@functools.cache
def _taken_statement(column: InstrumentedAttribute, scope: tuple[InstrumentedAttribute, ...]) -> Select:
    """Whether a key is taken in a company: built once per key column and scope (every create asks, some twice; a
    statement built anew walks its cache key on every run)."""
    model = column.class_
    where = [model.company_id == bindparam("company_id"), column == bindparam("key")]
    where += [scoped == bindparam(f"scope_{index}") for index, scoped in enumerate(scope)]
    return select(model.id).where(*where).limit(1)


def assign_key(session: Session, record: Any, changes: dict, key: RecordKey) -> tuple[list[str], list[str]]:
    """Give a new record its key: from the series unless the client gives it (`overrideNumberSeries`, a manual
    series, a series that keeps numbers sent on imports and one is sent, or no series); when the series gives it,
    a key sent is ignored. Returns (problems, ignored fields)."""
    given = (changes.get(key.field) or "").strip()
    company_id = record.company_id
    if key.series_id and not changes.get("overrideNumberSeries"):
        number = number_unless_client_gives(
            session, company_id=company_id, series_id=key.series_id, column=key.column, given=bool(given)
        )
        if number is not None:
            setattr(record, key.column.key, number)
            return [], [key.field] if given else []
    return take_given_key(record, given, key, lambda number: key.taken(session, company_id, number)), []


def take_given_key(record: Any, given: str, key: RecordKey, taken: Callable[[str], bool]) -> list[str]:
    """Set the key the client gave: it must be sent, fit its column and be free (`taken` says whether it is)."""
    if not given:
        return [messages.cannot_be_empty(key.label)]
    setattr(record, key.column.key, given)
    problem = fits_column(key.column.property.columns[0], given, key.label)
    if problem:
        return [problem]
    return [key.duplicate(given)] if taken(given) else []
