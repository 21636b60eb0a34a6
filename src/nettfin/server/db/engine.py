"""Engines and transactions.

SQLite: WAL, a busy timeout, foreign keys, and `BEGIN IMMEDIATE` for writing transactions (a deferred
transaction that reads and then writes loses updates under concurrency). PostgreSQL via psycopg 3, READ
COMMITTED (a REPEATABLE READ engine option costs two extra round trips on every checkout).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_SECONDS = 30


def normalise_url(url: str) -> str:
    """Accept `postgresql://` and `postgres://` and pick the psycopg 3 driver for them."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event below decide how each transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        options = connection.get_execution_options()
        if options.get("isolation_level") == "AUTOCOMMIT":
            return
        connection.exec_driver_sql(f"BEGIN {options.get('sqlite_begin', 'DEFERRED')}")


def _json_text(value) -> str:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


# JSON columns (addresses, contacts, details) are read on every list row: orjson parses them several times
# faster than the standard library, which SQLAlchemy uses by default.
_JSON_CODEC = {"json_serializer": _json_text, "json_deserializer": orjson.loads}


def create_database_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_SECONDS}, **_JSON_CODEC
        )
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True, **_JSON_CODEC)


class Database:
    """The one place that opens transactions. Services use `reading()` or `writing()`."""

    def __init__(self, url: str) -> None:
        self.engine = create_database_engine(url)
        self.dialect = self.engine.dialect.name
        # Single statements that need no transaction (the token lookup, the throttle's counters) skip BEGIN and
        # ROLLBACK round trips: they run on an autocommit connection.
        self.autocommit = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        write_bind = (
            self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.dialect == "sqlite" else self.engine
        )
        self._write_sessions = sessionmaker(write_bind, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        # Closing (not rolling back) ends the transaction without expiring what was loaded.
        with self._read_sessions() as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A writing transaction, committed when the block ends without an exception."""
        with self._write_sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()
