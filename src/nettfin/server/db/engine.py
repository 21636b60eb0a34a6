"""Engines and transactions.

SQLite: WAL with `synchronous=FULL` (a commit is on disk before it is acknowledged), a busy timeout, foreign
keys, and `BEGIN IMMEDIATE` for writing transactions (a deferred transaction that reads and then writes loses
updates under concurrency); a process's writers queue for the write lock in turn (`Database.writing`).
PostgreSQL via psycopg 3, READ COMMITTED (a REPEATABLE READ engine option costs two extra round trips on every
checkout); reading sessions run without a transaction (autocommit), and a pooled connection is checked with a
round trip only when it comes back after lying unused (`PING_AFTER_IDLE_SECONDS`).

A service whose transaction can lose a race to a deadlock or a serialization failure on PostgreSQL (every
service that posts to the ledger) is decorated with `@retrying_write`, which runs it again from a fresh
transaction.
"""

from __future__ import annotations

import functools
import logging
import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

import orjson
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InvalidatePoolError
from sqlalchemy.orm import Session, sessionmaker

from ..kit.changes import note_flush, note_statement, write_pending_versions
from ..kit.events import write_pending_events
from ..kit.rendered import RENDER_CACHE_BYTES, RenderedRecords
from .prepared import Prepared

# How long a writer waits for SQLite's one write lock before its request fails. The longest write a client may
# send, a supplier invoice of 5,000 lines, kept another writer waiting 1.7 s (6.2 s on a loaded 2-core
# machine), its release 1.5 to 4 s: 60 s lets a writer queue behind several of them (docs/performance.md,
# "Long writes").
SQLITE_BUSY_TIMEOUT_SECONDS = 60
# FULL: the WAL is synced at every commit, so an acknowledged write survives a power loss (NORMAL survives a
# process crash only). The cost is measured by bench/durability.py (docs/performance.md, "Durability").
SQLITE_SYNCHRONOUS = "FULL"
# Connections SQLite's pool keeps open: as many as requests can use at once, which is the thread pool's size
# (anyio's default limiter, 40 threads), so a busy server does not open, configure and close a connection per
# request. SQLAlchemy's default (5, overflow 10) did exactly that beyond 5 requests in flight: under 16
# concurrent calls, connecting and the PRAGMAs took a third of the server's time (docs/performance.md, "HTTP
# throughput"). An idle SQLite connection costs a file handle and its page cache; they open as needed.
SQLITE_POOL_SIZE = 40
# Beyond the pool: the job runner's workers and the admin CLI's calls, which do not take a thread-pool token.
SQLITE_POOL_OVERFLOW = 10
# PostgreSQL's answers that mean "run the transaction again": a deadlock, a serialization failure.
RETRYABLE_SQLSTATES = {"40P01": "deadlock", "40001": "serialization failure"}
WRITE_ATTEMPTS = 3
# A pooled PostgreSQL connection unused for longer than this is checked (`;`, one round trip) before a call gets it,
# and replaced, with every other pooled connection, if the server dropped it (a restart, a failover, an idle
# timeout). One used more recently is handed out as it is: HikariCP's `aliveBypassWindowMs` (500 ms) does the same.
# SQLAlchemy's `pool_pre_ping` checked every checkout: two round trips of a list page's six (`_ping_when_idle`).
# The cost: a connection dropped within half a second of its last use fails the one call that gets it (SQLAlchemy
# then renews the whole pool), as every call in flight during a restart fails anyway.
PING_AFTER_IDLE_SECONDS = 0.5
_IDLE_SINCE = "nettfin_idle_since"

# Run by every writing transaction of the current context just before it commits, when set: the job runner marks
# the transactions of a job's run with it, so a run after a crash knows the change is in (jobs/runner.py).
before_commit: ContextVar[Callable[[Session], None] | None] = ContextVar("before_commit", default=None)

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


def normalise_url(url: str) -> str:
    """Accept `postgresql://` and `postgres://` and pick the psycopg 3 driver for them."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


_BEGIN = {mode: Prepared(text(f"BEGIN {mode}")) for mode in ("DEFERRED", "IMMEDIATE")}


def _configure_sqlite(engine: Engine, synchronous: str) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event below decide how each transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        options = connection.get_execution_options()
        if options.get("isolation_level") == "AUTOCOMMIT" or options.get("sqlite_autocommit"):
            return
        # On the driver's cursor: SQLAlchemy's execution path took three quarters of the statement's time.
        _BEGIN[options.get("sqlite_begin", "DEFERRED")].run_many(connection, [{}])


def _json_text(value) -> str:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


# JSON columns (addresses, contacts, details) are read on every list row: orjson parses them several times
# faster than the standard library, which SQLAlchemy uses by default.
_JSON_CODEC = {"json_serializer": _json_text, "json_deserializer": orjson.loads}


def create_database_engine(url: str, *, sqlite_synchronous: str = SQLITE_SYNCHRONOUS) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
            pool_size=SQLITE_POOL_SIZE,
            max_overflow=SQLITE_POOL_OVERFLOW,
            **_JSON_CODEC,
        )
        _configure_sqlite(engine, sqlite_synchronous)
        return engine
    # Rows a multi-row INSERT carries (SQLAlchemy's "insertmanyvalues"; default 1,000): psycopg and PostgreSQL
    # take longer per parameter the more a statement has; a 5,000-line supplier invoice's create and release
    # took a sixth less time in statements of 100 rows than of 1,000 (docs/performance.md, "Long writes").
    # Connections kept open: more than a worker uses at once (read_concurrency + write_concurrency calls, its job
    # workers, the token endpoints), so a busy worker does not open and close one per call. With 10 kept and 16
    # creates in flight, every call past the tenth forked a PostgreSQL backend for itself.
    engine = create_engine(url, pool_size=20, max_overflow=20, insertmanyvalues_page_size=100, **_JSON_CODEC)
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """Check a pooled connection before handing it out only when it lay unused past `PING_AFTER_IDLE_SECONDS`."""

    @event.listens_for(engine, "checkin")
    def on_checkin(_dbapi_connection, record):
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def on_checkout(dbapi_connection, record, _proxy):
        since = record.info.pop(_IDLE_SINCE, None)
        if since is None or time.monotonic() - since <= PING_AFTER_IDLE_SECONDS:
            return  # new, or in use a moment ago
        dialect = engine.dialect
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if not dialect.is_disconnect(error, dbapi_connection, None):
                raise
            # The pool drops this connection and every one older, and connects anew (SQLAlchemy's checkout).
            raise InvalidatePoolError(f"the database dropped a pooled connection: {error}") from error


class ReadOnlySession(RuntimeError):
    """A reading session was asked to write: without a transaction on PostgreSQL, the write would stay."""


def _refuse_write(session: Session, _flush_context, _instances) -> None:
    if session.new or session.dirty or session.deleted:
        raise ReadOnlySession("a reading session does not write: use Database.writing()")


def _refuse_write_statement(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        raise ReadOnlySession("a reading session does not write: use Database.writing()")


class Database:
    """The one place that opens transactions. Services use `reading()` or `writing()`.

    `sqlite_synchronous` is for measuring what durability costs (bench/durability.py); leave it FULL.
    """

    def __init__(
        self, url: str, *, sqlite_synchronous: str = SQLITE_SYNCHRONOUS, render_cache_bytes: int = RENDER_CACHE_BYTES
    ) -> None:
        self.engine = create_database_engine(url, sqlite_synchronous=sqlite_synchronous)
        self.dialect = self.engine.dialect.name
        self.sqlite_synchronous = sqlite_synchronous
        # Single statements that need no transaction (the token lookup, the throttle's counters) skip BEGIN and
        # ROLLBACK round trips: they run on an autocommit connection. A SQLite connection is one already (the
        # driver's own transaction handling is off, `on_connect`) and only skips BEGIN: SQLAlchemy's AUTOCOMMIT
        # level would set and reset it with a PRAGMA on every checkout, 7 % of a list page's time under 16 calls.
        self.autocommit = (
            self.engine.execution_options(sqlite_autocommit=True)
            if self.dialect == "sqlite"
            else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        )
        write_bind = (
            self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.dialect == "sqlite" else self.engine
        )
        self._write_sessions = sessionmaker(write_bind, expire_on_commit=False)
        # SQLite has one write lock, and a writer that finds it taken sleeps in SQLite's busy handler: 1, 2, 5 ...
        # up to 100 ms a try, however soon the lock is free, and whoever tries first after it is freed wins. The
        # process's writers queue here instead, woken as soon as the one before them commits, in turn; only one of
        # them at a time asks SQLite, which then waits only for other processes. Reentrant: a writing block opened
        # inside another in one thread reaches SQLite as before. After the busy timeout a writer goes on to SQLite
        # (and its "database is locked") rather than wait here forever. One queue per file: every Database of the
        # process on it (the request log's writer has its own) takes its turn in the same one.
        self._writers = _sqlite_writers(self.engine.url.database or "") if self.dialect == "sqlite" else None
        # Which companies a writing transaction changes, for their version of everything (kit/changes.py).
        event.listen(self._write_sessions, "before_flush", note_flush)
        event.listen(self._write_sessions, "do_orm_execute", note_statement)
        # On PostgreSQL a reading session runs without a transaction: each statement sees what is committed when it
        # starts, as it would inside one at READ COMMITTED, and the call saves the BEGIN and ROLLBACK round trips (a
        # third of what a list page asked of PostgreSQL). SQLite reads keep their transaction: a snapshot of the
        # file for the whole read.
        self._read_sessions = sessionmaker(
            self.engine if self.dialect == "sqlite" else self.autocommit, expire_on_commit=False
        )
        event.listen(self._read_sessions, "before_flush", _refuse_write)
        event.listen(self._read_sessions, "do_orm_execute", _refuse_write_statement)
        # Declared resources' records as JSON, kept by their company's version of everything (kit/rendered.py);
        # the server sizes it (`render_cache_mb`).
        self.rendered = RenderedRecords(render_cache_bytes)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        # Closing (not rolling back) ends the transaction without expiring what was loaded.
        with self._read_sessions() as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A writing transaction, committed when the block ends without an exception. Its business events go to
        the webhook outbox once everything is flushed (kit/events.py), and the data versions the block bumped are
        written last (see `write_pending_versions`)."""
        queued = self._writers is not None and self._writers.acquire(timeout=SQLITE_BUSY_TIMEOUT_SECONDS)
        try:
            with self._write_sessions() as session:
                try:
                    yield session
                    session.flush()
                    write_pending_events(session)
                    hook = before_commit.get()
                    if hook is not None:
                        hook(session)
                    write_pending_versions(session)
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
        finally:
            if queued:
                self._writers.release()

    def dispose(self) -> None:
        self.engine.dispose()


_FILE_WRITERS: dict[str, threading.RLock] = {}
_FILE_WRITERS_LOCK = threading.Lock()


def _sqlite_writers(database: str) -> threading.RLock:
    """The writers' queue of a SQLite file in this process (`Database.writing`)."""
    key = os.path.realpath(database) if database and database != ":memory:" else database
    with _FILE_WRITERS_LOCK:
        return _FILE_WRITERS.setdefault(key, threading.RLock())


def retryable(error: BaseException) -> str | None:
    """What PostgreSQL called the failure when running the transaction again may succeed; None otherwise (a
    client error, SQLite's "database is locked" after its busy timeout, anything else)."""
    if isinstance(error, DBAPIError):
        return RETRYABLE_SQLSTATES.get(getattr(error.orig, "sqlstate", None) or "")
    return None


def retrying_write(service: Callable[P, R]) -> Callable[P, R]:
    """Run the service again, from a fresh transaction, when PostgreSQL aborted its transaction for a deadlock
    or a serialization failure: up to `WRITE_ATTEMPTS` in all, after a short random pause, each retry logged.

    For services that own their transaction (`with db.writing()` inside) and do nothing outside it that a second
    run would repeat. The lock order (kit/changes.py, `write_pending_versions`) keeps deadlocks between nettfin's
    own writers away; this covers what no order can (a lock PostgreSQL takes for a foreign key, say).
    """

    @functools.wraps(service)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        attempt = 1
        while True:
            try:
                return service(*args, **kwargs)
            except DBAPIError as error:
                reason = retryable(error)
                if reason is None or attempt == WRITE_ATTEMPTS:
                    raise
                pause = random.uniform(0.01, 0.05) * 2 ** (attempt - 1)
                attempt += 1
                log.warning(
                    "%s.%s: %s; running it again in %.0f ms (attempt %d of %d)",
                    service.__module__,
                    service.__qualname__,
                    reason,
                    pause * 1000,
                    attempt,
                    WRITE_ATTEMPTS,
                )
                time.sleep(pause)

    return run
