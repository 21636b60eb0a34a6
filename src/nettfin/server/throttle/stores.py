"""Counter stores for the throttle: memory (one process), SQL (the default, shared by every worker through the
database) and Redis. Each increment is atomic, so with a limit of L exactly L calls get through however many
processes race for them."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Protocol

from sqlalchemy import BigInteger, Column, String, Table, delete, or_, text

from ..db.base import Base

throttle_counter = Table(
    "throttle_counter",
    Base.metadata,
    Column("key", String(200), primary_key=True),
    Column("count", BigInteger, nullable=False),
    # Epoch seconds after which the window is over and the row may be deleted.
    Column("expires_at", BigInteger, nullable=False, index=True),
)


class CounterStore(Protocol):
    def hit(self, counters: Sequence[tuple[str, int]], peek: str | None = None) -> list[int]:
        """Increment each (key, expires_at) counter and return the new counts, followed by the count of
        `peek` (read, not incremented) when one is given: one round trip for a request's whole check."""

    def count(self, key: str) -> int: ...

    def reset(self, prefixes: Sequence[str]) -> None:
        """Delete every counter whose key starts with one of the prefixes."""


class MemoryStore:
    def __init__(self) -> None:
        self._counts: dict[str, tuple[int, int]] = {}
        self._lock = threading.Lock()

    def hit(self, counters: Sequence[tuple[str, int]], peek: str | None = None) -> list[int]:
        now = int(time.time())
        with self._lock:
            result = []
            for key, expires_at in counters:
                count, _ = self._counts.get(key, (0, expires_at))
                self._counts[key] = (count + 1, expires_at)
                result.append(count + 1)
            if peek is not None:
                result.append(self._counts.get(peek, (0, 0))[0])
            if len(self._counts) > 100_000:
                self._counts = {k: v for k, v in self._counts.items() if v[1] > now}
            return result

    def count(self, key: str) -> int:
        with self._lock:
            return self._counts.get(key, (0, 0))[0]

    def reset(self, prefixes: Sequence[str]) -> None:
        with self._lock:
            self._counts = {k: v for k, v in self._counts.items() if not k.startswith(tuple(prefixes))}


class SqlStore:
    """Counters in the database, in a transaction of their own, never the request's (brief, trap 7).

    PostgreSQL: one statement (data-modifying CTEs) on an autocommit connection without waiting for the WAL
    flush — a counter lost in a crash costs nothing. SQLite: one IMMEDIATE transaction for the statements, with
    `synchronous=NORMAL` for it alone (the business data's FULL would sync the WAL on every request).
    """

    CLEANUP_EVERY = 1000

    def __init__(self, db) -> None:
        self._db = db
        self._postgres = db.dialect == "postgresql"
        self._calls = 0

    def hit(self, counters: Sequence[tuple[str, int]], peek: str | None = None) -> list[int]:
        self._calls += 1
        counts = self._hit_postgres(counters, peek) if self._postgres else self._hit_sqlite(counters, peek)
        if self._calls % self.CLEANUP_EVERY == 0:
            with self._db.autocommit.connect() as connection:
                connection.execute(delete(throttle_counter).where(throttle_counter.c.expires_at < int(time.time())))
        return counts

    def count(self, key: str) -> int:
        with self._db.autocommit.connect() as connection:
            return connection.execute(_COUNT, {"key": key}).scalar_one_or_none() or 0

    def reset(self, prefixes: Sequence[str]) -> None:
        # A key range per prefix (`prefix` <= key < `prefix` with its last character's successor): indexed, and no
        # LIKE wildcard to escape.
        ranges = [
            (throttle_counter.c.key >= prefix) & (throttle_counter.c.key < prefix[:-1] + chr(ord(prefix[-1]) + 1))
            for prefix in prefixes
        ]
        with self._db.autocommit.connect() as connection:
            connection.execute(delete(throttle_counter).where(or_(*ranges)))

    def _hit_postgres(self, counters, peek) -> list[int]:
        parts, params = [], {}
        for index, (key, expires_at) in enumerate(counters):
            params[f"k{index}"], params[f"e{index}"] = key, expires_at
            parts.append(
                f"c{index} AS (INSERT INTO throttle_counter (key, count, expires_at) VALUES (:k{index}, 1, :e{index}) "
                f"ON CONFLICT (key) DO UPDATE SET count = throttle_counter.count + 1 RETURNING count)"
            )
        columns = [f"(SELECT count FROM c{index})" for index in range(len(counters))]
        if peek is not None:
            params["peek"] = peek
            columns.append("COALESCE((SELECT count FROM throttle_counter WHERE key = :peek), 0)")
        statement = text(f"WITH {', '.join(parts)} SELECT {', '.join(columns)}")
        with self._db.autocommit.connect() as connection:
            connection.exec_driver_sql("SET synchronous_commit = off")
            return [int(value) for value in connection.execute(statement, params).one()]

    def _hit_sqlite(self, counters, peek) -> list[int]:
        """On the pooled DBAPI connection itself: SQLAlchemy's per-statement work cost more than SQLite's."""
        raw = self._db.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA synchronous=NORMAL")
            try:
                cursor.execute("BEGIN IMMEDIATE")
                try:
                    counts = [cursor.execute(_UPSERT_SQLITE, counter).fetchall()[0][0] for counter in counters]
                    if peek is not None:
                        found = cursor.execute(_COUNT_SQLITE, (peek,)).fetchall()
                        counts.append(found[0][0] if found else 0)
                    cursor.execute("COMMIT")
                except BaseException:
                    cursor.execute("ROLLBACK")
                    raise
            finally:
                cursor.execute(f"PRAGMA synchronous={self._db.sqlite_synchronous}")
        finally:
            raw.close()
        return counts


_COUNT = text("SELECT count FROM throttle_counter WHERE key = :key")
_COUNT_SQLITE = "SELECT count FROM throttle_counter WHERE key = ?"
_UPSERT_SQLITE = (
    "INSERT INTO throttle_counter (key, count, expires_at) VALUES (?, 1, ?) "
    "ON CONFLICT (key) DO UPDATE SET count = throttle_counter.count + 1 RETURNING count"
)


class RedisStore:
    def __init__(self, url: str, *, namespace: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url)
        self._prefix = f"nettfin:{namespace}:throttle:"

    def hit(self, counters: Sequence[tuple[str, int]], peek: str | None = None) -> list[int]:
        pipeline = self._redis.pipeline(transaction=True)
        for key, expires_at in counters:
            pipeline.incr(self._prefix + key)
            pipeline.expireat(self._prefix + key, expires_at)
        if peek is not None:
            pipeline.get(self._prefix + peek)
        replies = pipeline.execute()
        counts = [int(reply) for reply in replies[0 : 2 * len(counters) : 2]]
        return counts + ([int(replies[-1] or 0)] if peek is not None else [])

    def count(self, key: str) -> int:
        return int(self._redis.get(self._prefix + key) or 0)

    def reset(self, prefixes: Sequence[str]) -> None:
        for prefix in prefixes:
            keys = list(self._redis.scan_iter(match=_glob_escape(self._prefix + prefix) + "*", count=1000))
            if keys:
                self._redis.delete(*keys)


def _glob_escape(text: str) -> str:
    return "".join(f"\\{char}" if char in "*?[]\\" else char for char in text)
