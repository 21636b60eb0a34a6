"""Per-company data versions: every write to a resource bumps its version inside the writing transaction.

Caches keyed by these versions are exact: any write, on any worker process, makes them miss. The list caches
(totalCount, the keyset of the next page) and the set-up documents validate against (`VersionedCache`) use
them.

`bump_version` only notes the resource; `Database.writing()` writes every noted version at the end of the
transaction, just before it commits (`write_pending_versions`: the lock order is explained there).

One version is not bumped by hand: `ANY_RECORD`, a company's version of everything it holds. Every writing
transaction that changes a row of a company moves it (`note_flush`, `note_statement`), whatever the service, so a
cache keyed by it (the rendered records, kit/rendered.py) cannot miss a change to a related record (a customer
shows its VAT zone's description and its terms' texts). It takes a new random value rather than counting up: a
company deleted and made again under the same id (SQLite reuses the highest id) starts from no version, so a
count would repeat the old company's versions and a cache would serve its records.
"""

from __future__ import annotations

import functools
import random
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from sqlalchemy import BigInteger, ForeignKey, String, bindparam, case, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from ..db.base import Base
from ..db.new_rows import new_records
from ..db.prepared import Prepared

T = TypeVar("T")


# The version of everything a company holds (see the module's docstring); no resource is named so.
ANY_RECORD = "*"
_NEUTRAL_TABLES: set[str] = set()


def renders_no_record(model: type[T]) -> type[T]:
    """Class decorator: writing this model's rows changes nothing the API renders as a record (the request log,
    the job queue, webhook deliveries, the versions themselves), so it does not move `ANY_RECORD`. Only an
    optimisation: a model not marked moves it, and the caches keyed by it miss once more than they must."""
    _NEUTRAL_TABLES.add(model.__tablename__)  # type: ignore[attr-defined]
    return model


@renders_no_record
class DataVersion(Base):
    __tablename__ = "data_version"

    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), primary_key=True)
    resource: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


_PENDING = "nettfin.pending_versions"
# Companies whose rows the transaction changed, and whether it changed rows of a company it cannot tell
# (a statement's UPDATE, a row with no `company_id`).
_WRITTEN = "nettfin.written_companies"
_UNATTRIBUTED = "nettfin.unattributed_write"


def bump_version(session: Session, *, company_id: int, resource: str) -> None:
    """The resource's version goes up by one when the transaction commits (once, however often it is bumped)."""
    session.info.setdefault(_PENDING, set()).add((company_id, resource))


def note_written(session: Session, company_id: int) -> None:
    """The transaction changed rows of the company by a statement the session does not see (one run on the
    driver's cursor, db/prepared.py): its version of everything moves as for a flushed row."""
    session.info.setdefault(_WRITTEN, set()).add(company_id)


def note_flush(session: Session, _context: Any, _instances: Any) -> None:
    """`before_flush` of every writing session: the companies of the rows about to be written."""
    written: set[int] | None = None
    for instances in (new_records(session), session.dirty, session.deleted):
        for instance in instances:
            if type(instance).__tablename__ in _NEUTRAL_TABLES:
                continue
            company = getattr(instance, "company_id", None)
            if company is None:
                session.info[_UNATTRIBUTED] = True
                continue
            if written is None:
                written = session.info.setdefault(_WRITTEN, set())
            written.add(company)


def note_statement(state: ORMExecuteState) -> None:
    """`do_orm_execute` of every writing session: an INSERT, UPDATE or DELETE statement changes rows of a company
    the statement does not say (a GL balance's upsert): its transaction's companies are the ones it wrote."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if getattr(table, "name", None) not in _NEUTRAL_TABLES:
            state.session.info[_UNATTRIBUTED] = True


def forget_company(session: Session, company_id: int) -> None:
    """The transaction deleted the company: it has no versions left to write."""
    session.info.get(_WRITTEN, set()).discard(company_id)
    pending = _pending(session)
    pending -= {(company, resource) for company, resource in pending if company == company_id}


def _written_companies(session: Session, pending: set[tuple[int, str]]) -> set[int]:
    """The companies whose `ANY_RECORD` the transaction moves. A change it cannot attribute belongs to the
    companies it wrote otherwise (a transaction writes one company, but for the admin's), or to every company."""
    written = session.info.pop(_WRITTEN, None) or set()
    if session.info.pop(_UNATTRIBUTED, False):
        named = written | {company for company, _ in pending}
        if named:
            return named
        return set(session.scalars(select(Base.metadata.tables["company"].c.id)))
    return written


def _pending(session: Session) -> set[tuple[int, str]]:
    return session.info.get(_PENDING) or set()


def write_pending_versions(session: Session) -> None:
    """Write the versions the transaction bumped: the last statement before COMMIT (`Database.writing()`).

    The lock order of every writing transaction, and why it cannot deadlock on the versions and the GL
    balances (on PostgreSQL; SQLite's one write lock makes every order safe):

    1. the body's row locks: the document being written or released (SELECT ... FOR UPDATE), the documents a
       payment applies to (in id order), number series, subaccounts created on the fly, and last the GL
       balances (`ledger.posting._add_to_balances`, in (account, subaccount) order; a transaction posts one
       batch, only the demo seed posts several, into a company no one else can see yet);
    2. then, here and nowhere else, the data versions: upserted one after the other in (company, resource) order.

    A transaction that holds a version row is past its body: it waits only for other version rows, which every
    transaction takes in the same order, so no cycle can go through a version row; and two postings wait for
    each other's balances in one order. Before the versions were written here, each service bumped them where
    it pleased (the posting engine before its balances, a manual batch's release after them), and concurrent
    releases deadlocked between the two.
    """
    pending = session.info.pop(_PENDING, None) or set()
    pending |= {(company, ANY_RECORD) for company in _written_companies(session, pending)}
    if not pending:
        return
    rows = [
        {"company_id": company, "resource": resource, "version": _new_any_record() if resource == ANY_RECORD else 1}
        for company, resource in sorted(pending)
    ]
    # One row after the other, in (company, resource) order: the lock order above.
    connection = session.connection()
    _versions_upsert(connection.dialect.name).run_many(connection, rows)


@functools.cache
def _versions_upsert(dialect: str) -> Prepared:
    """Built once per dialect (building and compiling it took a sixth of a POST customer's time) and run on the
    driver's cursor (db/prepared.py): a new version row starts at 1 (`ANY_RECORD`'s at a random value), an
    existing one is incremented (`ANY_RECORD`'s replaced)."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(DataVersion).values(
        company_id=bindparam("company_id"), resource=bindparam("resource"), version=bindparam("version")
    )
    return Prepared(
        statement.on_conflict_do_update(
            index_elements=[DataVersion.company_id, DataVersion.resource],
            set_={
                "version": case(
                    (DataVersion.resource == ANY_RECORD, statement.excluded.version), else_=DataVersion.version + 1
                )
            },
        )
    )


def _new_any_record() -> int:
    return random.getrandbits(62) + 1


def current_version(session: Session, *, company_id: int, resource: str) -> int:
    return current_versions(session, company_id=company_id, resources=(resource,))[0]


def database_of(session: Session) -> Hashable:
    """Which database a session reads: cache keys need it, because company ids and versions repeat across
    databases and one process may serve several (the test suite serves SQLite and PostgreSQL)."""
    return session.get_bind().url


def current_versions(session: Session, *, company_id: int, resources: tuple[str, ...]) -> tuple[int, ...]:
    """Every list and GET reads these first. The statement is built once per number of resources and run on the
    driver's cursor in the session's transaction (db/prepared.py): building a select, its expanding IN and the
    ORM's execution path took 156 us of a call that took 27 through SQLAlchemy's Core (SQLite)."""
    params = {"company_id": company_id, **{f"resource_{i}": resource for i, resource in enumerate(resources)}}
    found = dict(_versions_statement(len(resources)).all(session.connection(), params))
    return tuple(found.get(resource, 0) for resource in resources)


@functools.cache
def _versions_statement(count: int) -> Prepared:
    return Prepared(
        select(DataVersion.resource, DataVersion.version).where(
            DataVersion.company_id == bindparam("company_id"),
            or_(*(DataVersion.resource == bindparam(f"resource_{i}") for i in range(count))),
        )
    )


class Lru:
    """A thread-safe least-recently-used map of bounded size."""

    def __init__(self, capacity: int) -> None:
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._capacity:
                self._items.popitem(last=False)


class VersionedCache(Generic[T]):
    """Immutable values built from a company's data (its VAT set-up, say), kept while the data versions of the
    resources they were built from stay the same. The values must be frozen: every caller shares them."""

    def __init__(self, resources: tuple[str, ...], capacity: int = 1024) -> None:
        self.resources = resources
        self._values = Lru(capacity)

    def get(self, session: Session, company_id: int, build: Callable[[], T], *, variant: Hashable = None) -> T:
        """The value for the company's current versions (and `variant`, when a value comes in several kinds)."""
        pending = _pending(session)
        if any((company_id, resource) in pending for resource in self.resources):
            # This transaction changed what the value is built from: build it from what the transaction sees,
            # and keep it from every other (the versions it would be keyed by are the ones before the change).
            return build()
        versions = current_versions(session, company_id=company_id, resources=self.resources)
        key = (database_of(session), company_id, variant, versions)
        value = self._values.get(key)
        if value is None:
            value = build()
            self._values.put(key, value)
        return value
