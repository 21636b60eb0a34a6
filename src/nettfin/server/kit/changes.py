"""Per-company data versions: every write to a resource bumps its version inside the writing transaction.

Caches keyed by these versions are exact: any write, on any worker process, makes them miss. The list caches
(totalCount, the keyset of the next page) and the set-up documents validate against (`VersionedCache`) use
them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from sqlalchemy import BigInteger, ForeignKey, String, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..db.base import Base


class DataVersion(Base):
    __tablename__ = "data_version"

    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), primary_key=True)
    resource: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


def bump_version(session: Session, *, company_id: int, resource: str) -> None:
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(DataVersion).values(company_id=company_id, resource=resource, version=1)
    statement = statement.on_conflict_do_update(
        index_elements=[DataVersion.company_id, DataVersion.resource],
        set_={"version": DataVersion.version + 1},
    )
    session.execute(statement)


def current_version(session: Session, *, company_id: int, resource: str) -> int:
    return current_versions(session, company_id=company_id, resources=(resource,))[0]


def database_of(session: Session) -> Hashable:
    """Which database a session reads: cache keys need it, because company ids and versions repeat across
    databases and one process may serve several (the test suite serves SQLite and PostgreSQL)."""
    return session.get_bind().url


def current_versions(session: Session, *, company_id: int, resources: tuple[str, ...]) -> tuple[int, ...]:
    rows = session.execute(
        select(DataVersion.resource, DataVersion.version).where(
            DataVersion.company_id == company_id, DataVersion.resource.in_(resources)
        )
    )
    found = dict(rows.all())
    return tuple(found.get(resource, 0) for resource in resources)


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


T = TypeVar("T")


class VersionedCache(Generic[T]):
    """Immutable values built from a company's data (its VAT set-up, say), kept while the data versions of the
    resources they were built from stay the same. The values must be frozen: every caller shares them."""

    def __init__(self, resources: tuple[str, ...], capacity: int = 1024) -> None:
        self.resources = resources
        self._values = Lru(capacity)

    def get(self, session: Session, company_id: int, build: Callable[[], T], *, variant: Hashable = None) -> T:
        """The value for the company's current versions (and `variant`, when a value comes in several kinds)."""
        versions = current_versions(session, company_id=company_id, resources=self.resources)
        key = (database_of(session), company_id, variant, versions)
        value = self._values.get(key)
        if value is None:
            value = build()
            self._values.put(key, value)
        return value
