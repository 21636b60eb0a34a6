"""A new record and the new records of its collections inserted by one statement each on the driver's cursor,
instead of by the session's unit of work, and then the session's persistent records as if a flush had written them.

The unit of work sorts every mapper the new rows refer to (a supplier invoice's: the document, its lines and VAT
details, and the supplier, terms, VAT zone, accounts, subaccounts and items they name), asks each relationship of
each row what it must do, and runs its statements through SQLAlchemy's execution path: 1.7 ms of a 5-line
supplier invoice's 4.2 ms (docs/performance.md, "A document's insert"). For a new record and its one-to-many
children what the flush does is short to state, and `insert_new` does it:

- a row has each column's value as set on the record, else the column's default (a value, or a function of
  nothing), else NULL; None counts as not set unless the column's type stores it (JSON's `null`), as the ORM has
  it; the row version is the mapper's first; each value goes through its type's bind processing;
- a many-to-one relationship set on a record gives its foreign key the related record's column (None: NULL); a
  one-to-many collection gives its records the owner's key;
- the owner first, its key returned, then each collection's records in their order;
- the session's flush listeners run around the inserts as around a flush's (`before_flush`, `after_flush`,
  `after_flush_postexec`); a listener takes the records being inserted from `new_records(session)`, not from
  `session.new`, which holds only the flush's (the data versions and business events note them so); a mapper's
  `before_insert` and `after_insert` listeners run around its row's INSERT on the same connection (a customer's
  main location is inserted so);
- the records become the session's persistent records holding exactly the values written: nothing left to load,
  nothing left to flush. They are put in the session once, at the end: putting a record in a session walks every
  relationship it reaches (the save-update cascade), a tenth of the time saved if done twice.

Any other graph is left to the session's flush (`insert_new` returns False before doing anything): a record already
in a session, inheritance, a key other than one integer column, a server-side, SQL or context-reading default, a
many-to-many or one-to-one relationship set, a collection record with records of its own or naming another of the
graph's, a related record not yet written or of another session, anything else new, changed or deleted in the
session. Every test that creates a document or a record of the kit's resources runs through it.
"""

from __future__ import annotations

import inspect as python_inspect
import threading
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from sqlalchemy import Column, Integer, bindparam, insert, inspect
from sqlalchemy.orm import Mapper, Session, make_transient_to_detached
from sqlalchemy.orm.attributes import instance_state
from sqlalchemy.orm.exc import UnmappedColumnError
from sqlalchemy.orm.interfaces import MANYTOMANY, MANYTOONE, ONETOMANY

from .prepared import Prepared

_NOT_SET = object()
_INSERTING = "nettfin.inserting"
_NULL = object()


@dataclass(frozen=True)
class _Column:
    column: Column
    attribute: str
    default: Any  # _NOT_SET, a value, or (when `computed`) a function of nothing
    computed: bool
    keeps_none: bool  # the type stores None (JSON null) rather than NULL


@dataclass(frozen=True)
class _Pair:
    """One column of a relationship's join: this side's column key and attribute, the other side's attribute."""

    key: str
    attribute: str
    other: str


@dataclass(frozen=True)
class _Relationship:
    attribute: str
    pairs: tuple[_Pair, ...]
    collection: bool = True


@dataclass
class _Plan:
    """How one mapper's new rows are written."""

    mapper: Mapper
    key: _Column
    columns: tuple[_Column, ...]  # every column but the key
    many_to_one: tuple[_Relationship, ...]
    one_to_many: tuple[_Relationship, ...]
    version: tuple[str, str, Any] | None  # (column key, attribute, the mapper's version generator)
    statement: Prepared
    processors: dict[str, dict[str, Any]]  # per dialect: column key -> bind processor (or None)


_PLANS: dict[Mapper, _Plan | None] = {}
_LOCK = threading.Lock()


def insert_new(session: Session, root: Any) -> bool:
    """Insert `root`, a record in no session, and the records of its one-to-many collections; afterwards they are
    the session's persistent records. False, with nothing done, for a graph this does not handle."""
    if session.new or session.dirty or session.deleted:
        return False
    graph = _graph(session, root)
    if graph is None:
        return False
    records = [record for record, _ in graph]
    session.info[_INSERTING] = records
    try:
        session.dispatch.before_flush(session, None, None)
        connection = session.connection()
        _insert_all(connection, graph)
        session.dispatch.after_flush(session, None)
    finally:
        session.info.pop(_INSERTING, None)
    for record in records:
        make_transient_to_detached(record)
    session.add(root)
    session.dispatch.after_flush_postexec(session, None)
    return True


def save_new(session: Session, record: Any) -> None:
    """Insert a new record (and its collections' records): by `insert_new` when it handles the graph, by the
    session's flush otherwise. Raises the database's IntegrityError either way."""
    if not insert_new(session, record):
        session.add(record)
        session.flush()


def new_records(session: Session) -> list[Any]:
    """What a flush listener takes for the records being inserted: the session's new records, and while
    `insert_new` runs the listeners, the records it writes (in no session until it is done)."""
    inserting = session.info.get(_INSERTING)
    return [*session.new, *inserting] if inserting else list(session.new)


def _graph(session: Session, root: Any) -> list[tuple[Any, _Plan]] | None:
    """The records to insert, in order (the owner, then its collections'), with their plans; None when any of them,
    or a record they name, is not what `insert_new` handles. A transient record anything else in the graph names
    would have been put in the session by the naming (the save-update cascade), which `insert_new` refuses."""
    plan = _plan(inspect(root).mapper) if instance_state(root).transient else None
    if plan is None:
        return None
    graph: list[tuple[Any, _Plan]] = [(root, plan)]
    for relationship in plan.one_to_many:
        children = root.__dict__.get(relationship.attribute)
        if children is not None and not relationship.collection:
            return None
        for child in children or ():
            child_plan = _plan(inspect(child).mapper) if instance_state(child).transient else None
            if child_plan is None or any(child.__dict__.get(nested.attribute) for nested in child_plan.one_to_many):
                return None
            graph.append((child, child_plan))
    if len({id(record) for record, _ in graph}) != len(graph):
        return None
    for record, record_plan in graph:
        for relationship in record_plan.many_to_one:
            related = record.__dict__.get(relationship.attribute)
            # The owner is written first; a record of the graph naming another of its records is the flush's.
            if related is None or related is root:
                continue
            state = instance_state(related)
            if not state.persistent or state.session_id != session.hash_key:
                return None
    return graph


def _insert_all(connection: Any, graph: list[tuple[Any, _Plan]]) -> None:
    """The owner, then its collections' records, each run of records of one mapper in one go: their
    `before_insert` listeners, their rows (one round trip on PostgreSQL, `Prepared.first_each`), their
    `after_insert` listeners, in the order the flush runs them for a mapper's records. The owner goes alone: its
    key is its records' foreign key."""
    (owner, owner_plan), records = graph[0], graph[1:]
    _insert_run(connection, owner_plan, [owner])
    for plan, run in groupby(records, key=lambda entry: entry[1]):
        _insert_run(connection, plan, [record for record, _ in run])


def _insert_run(connection: Any, plan: _Plan, records: list[Any]) -> None:
    mapper = plan.mapper
    if mapper.dispatch.before_insert:
        for record in records:
            mapper.dispatch.before_insert(mapper, connection, instance_state(record))
    processors = _processors(plan, connection.dialect)
    rows = [_row(record, plan, processors) for record in records]
    keys = plan.statement.first_each(connection, [processed for processed, _ in rows])
    for record, (_, written), (key_value,) in zip(records, rows, keys, strict=True):
        written[plan.key.attribute] = key_value
        record.__dict__.update(written)
    if mapper.dispatch.after_insert:
        for record in records:
            mapper.dispatch.after_insert(mapper, connection, instance_state(record))
    for record in records:
        values = record.__dict__
        for relationship in plan.one_to_many:
            for child in values.get(relationship.attribute) or ():
                for pair in relationship.pairs:
                    child.__dict__[pair.other] = values[pair.attribute]


def _row(record: Any, plan: _Plan, processors: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The record's row as the INSERT takes it (each column's value through its type), and what the record holds
    afterwards (attribute -> value)."""
    values = record.__dict__
    row: dict[str, Any] = {}  # column key -> value before its type's processing (_NULL: NULL as it is)
    written: dict[str, Any] = {}  # attribute -> value the record holds afterwards
    for column in plan.columns:
        value = values.get(column.attribute, _NOT_SET)
        if value is None and not column.keeps_none:
            value = _NOT_SET
        if value is _NOT_SET:
            value = column.default() if column.computed else column.default
        if value is _NOT_SET:
            # The flush writes None (through the type) for a column without a default, and leaves out one whose type
            # stores None itself (JSON), which makes it NULL.
            value = _NULL if column.keeps_none else None
        row[column.column.key] = value
        written[column.attribute] = None if value is _NULL else value
    for relationship in plan.many_to_one:
        if relationship.attribute in values:
            _follow(relationship, values[relationship.attribute], row, written)
    if plan.version is not None:
        key, attribute, generator = plan.version
        row[key] = written[attribute] = generator(None)
    processed = {
        key: None if value is _NULL else processors[key](value) if processors[key] is not None else value
        for key, value in row.items()
    }
    return processed, written


def _follow(relationship: _Relationship, related: Any, row: dict, written: dict) -> None:
    """A many-to-one relationship's foreign key columns: the related record's columns, or NULL."""
    for pair in relationship.pairs:
        row[pair.key] = written[pair.attribute] = None if related is None else getattr(related, pair.other)


def _processors(plan: _Plan, dialect: Any) -> dict[str, Any]:
    found = plan.processors.get(dialect.name)
    if found is None:
        found = plan.processors[dialect.name] = {
            column.column.key: column.column.type.dialect_impl(dialect).bind_processor(dialect)
            for column in plan.columns
        }
    return found


def _plan(mapper: Mapper) -> _Plan | None:
    try:
        return _PLANS[mapper]
    except KeyError:
        pass
    with _LOCK:
        found = _PLANS[mapper] = _make_plan(mapper)
    return found


def _make_plan(mapper: Mapper) -> _Plan | None:
    """None for a mapper whose inserts this does not write (the module's docstring)."""
    table = mapper.local_table
    if mapper.inherits is not None or mapper.polymorphic_on is not None or len(mapper.tables) != 1:
        return None
    keys = list(table.primary_key.columns)
    if len(keys) != 1 or not isinstance(keys[0].type, Integer) or keys[0].default is not None:
        return None
    columns: list[_Column] = []
    for column in table.columns:
        if column.server_default is not None or column.computed is not None or column.identity is not None:
            return None
        try:
            attribute = mapper.get_property_by_column(column).key
        except UnmappedColumnError:  # a column the mapper does not map: the flush would not write it either
            return None
        default, computed = _default(column)
        if default is None:
            return None
        if column is not keys[0]:
            columns.append(_Column(column, attribute, default, computed, bool(column.type.should_evaluate_none)))
    key = _Column(keys[0], mapper.get_property_by_column(keys[0]).key, _NOT_SET, False, False)
    many_to_one, one_to_many = [], []
    for relationship in mapper.relationships:
        if relationship.viewonly:
            continue
        if relationship.direction is MANYTOMANY or relationship.post_update or relationship.secondary is not None:
            return None
        try:
            pairs = tuple(
                _Pair(
                    local.key,
                    mapper.get_property_by_column(local).key,
                    relationship.mapper.get_property_by_column(remote).key,
                )
                for local, remote in relationship.local_remote_pairs
            )
        except UnmappedColumnError:  # a join on a column either side does not map
            return None
        if relationship.direction is MANYTOONE:
            many_to_one.append(_Relationship(relationship.key, pairs))
        elif relationship.direction is ONETOMANY:
            one_to_many.append(_Relationship(relationship.key, pairs, bool(relationship.uselist)))
    version = None
    if mapper.version_id_col is not None:
        if mapper.version_id_generator is False:
            return None
        column = mapper.version_id_col
        version = (column.key, mapper.get_property_by_column(column).key, mapper.version_id_generator)
    statement = (
        insert(table)
        .values({column.column.key: bindparam(column.column.key, type_=column.column.type) for column in columns})
        .returning(keys[0])
    )
    return _Plan(mapper, key, tuple(columns), tuple(many_to_one), tuple(one_to_many), version, Prepared(statement), {})


def _default(column: Column) -> tuple[Any, bool] | tuple[None, None]:
    """(value, whether it is a function to call), (_NOT_SET, False) without a default, (None, None) for one this
    cannot compute (a sequence, an SQL expression, a function of the statement's context)."""
    default = column.default
    if default is None:
        return _NOT_SET, False
    if default.is_scalar:
        return default.arg, False
    if default.is_callable and not _takes_context(default.arg):
        return (lambda: default.arg(None)), True
    return None, None


def _takes_context(function: Any) -> bool:
    """SQLAlchemy wraps a default that takes no argument (keeping its signature); one it cannot read (`dict`) it
    calls with none."""
    try:
        return bool(python_inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return False
