"""Fixed statements that every call runs, compiled once per dialect and run on the driver's own cursor.

The token lookup that authenticates a call and the data versions a read is keyed by are one short statement
each, but SQLAlchemy's execution path around them (its cache key walk over the statement, the engine's event
dispatch, the result's metadata and processors) took 110 of their 145 us on SQLite; the driver's cursor takes
30 (docs/performance.md, "What every call pays"). Only for statements whose columns need no SQLAlchemy type
processing on the way out (integers, texts, booleans read with `bool()`); the rest go through SQLAlchemy.

The statement runs on the connection it is given, inside that connection's transaction: a session's
`session.connection()` has begun its transaction (and SQLite's `BEGIN`) by then.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Executable


class Prepared:
    """One statement, its SQL text and parameter order per dialect, made the first time a dialect runs it."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._compiled: dict[str, tuple[str, dict[str, Any], tuple[str, ...] | None]] = {}
        self._lock = threading.Lock()

    def _for(self, connection: Connection) -> tuple[str, dict[str, Any], tuple[str, ...] | None]:
        dialect = connection.dialect
        found = self._compiled.get(dialect.name)
        if found is None:
            with self._lock:
                compiled = self.statement.compile(dialect=dialect)
                if any(bind.expanding for bind in compiled.binds.values()):
                    raise ValueError(f"an expanding IN cannot be prepared (its SQL is made per call): {self.statement}")
                # The statement's own literals (bound at build time) with every other parameter left to the call.
                defaults = {
                    compiled.bind_names[bind]: bind.value for bind in compiled.binds.values() if not bind.required
                }
                order = tuple(compiled.positiontup) if compiled.positional else None
                found = self._compiled[dialect.name] = (compiled.string, defaults, order)
        return found

    def _run(self, connection: Connection, params: Mapping[str, Any]):
        cursor = connection.connection.dbapi_connection.cursor()
        self._execute(connection, cursor, params)
        return cursor

    def run_many(self, connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run a statement that returns nothing once per row of parameters, in their order."""
        cursor = connection.connection.dbapi_connection.cursor()
        try:
            if len(rows) > 1 and connection.dialect.name == "postgresql":
                self._execute_many(connection, cursor, rows, returning=False)
            else:
                for row in rows:
                    self._execute(connection, cursor, row)
        finally:
            cursor.close()

    def first_each(self, connection: Connection, rows: Sequence[Mapping[str, Any]]) -> list[Sequence[Any]]:
        """Run a statement with RETURNING once per row of parameters, in their order: the first row each returned.
        On PostgreSQL in one round trip (psycopg's pipeline: the statements are sent together and run one after
        the other); on SQLite, a library in the process, one after the other."""
        if len(rows) < 2 or connection.dialect.name != "postgresql":
            return [self.first(connection, row) for row in rows]
        cursor = connection.connection.dbapi_connection.cursor()
        try:
            self._execute_many(connection, cursor, rows, returning=True)
            found = [cursor.fetchone()]
            while cursor.nextset():
                found.append(cursor.fetchone())
            return found
        finally:
            cursor.close()

    @staticmethod
    def _arguments(defaults: dict[str, Any], order: tuple[str, ...] | None, params: Mapping[str, Any]) -> Any:
        """One row's parameters as the driver takes them: in the statement's order, or by name."""
        values = {**defaults, **params}
        return tuple(values[name] for name in order) if order is not None else values

    def _execute(self, connection: Connection, cursor: Any, params: Mapping[str, Any]) -> None:
        """The driver's error raised as SQLAlchemy raises it (`DBAPIError` and its kinds: what `retrying_write`
        and the error handlers know), a lost connection invalidated as SQLAlchemy invalidates it."""
        sql, defaults, order = self._for(connection)
        arguments = self._arguments(defaults, order, params)
        try:
            cursor.execute(sql, arguments)
        except connection.dialect.loaded_dbapi.Error as error:
            self._raise(connection, cursor, sql, arguments, error)

    def _execute_many(self, connection: Connection, cursor: Any, rows: Sequence[Mapping[str, Any]], *, returning: bool):
        sql, defaults, order = self._for(connection)
        arguments = [self._arguments(defaults, order, row) for row in rows]
        try:
            cursor.executemany(sql, arguments, returning=returning)
        except connection.dialect.loaded_dbapi.Error as error:
            self._raise(connection, cursor, sql, arguments, error)

    @staticmethod
    def _raise(connection: Connection, cursor: Any, sql: str, arguments: Any, error: Exception):
        dialect = connection.dialect
        lost = dialect.is_disconnect(error, connection.connection.dbapi_connection, cursor)
        if lost:
            connection.invalidate(error)
        raise DBAPIError.instance(
            sql, arguments, error, dialect.loaded_dbapi.Error, connection_invalidated=lost, dialect=dialect
        ) from error

    def first(self, connection: Connection, params: Mapping[str, Any]) -> Sequence[Any] | None:
        cursor = self._run(connection, params)
        try:
            return cursor.fetchone()
        finally:
            cursor.close()

    def all(self, connection: Connection, params: Mapping[str, Any]) -> list[Sequence[Any]]:
        cursor = self._run(connection, params)
        try:
            return cursor.fetchall()
        finally:
            cursor.close()
