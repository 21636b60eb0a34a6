"""Counting the SQL statements a request costs, without the app's own background work on the same engine (the
job runner's idle polls of the `job` table, the request log's writer), which runs at its own pace: a slow
request on a loaded machine would otherwise count a poll or two of the runner's workers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event

BACKGROUND = re.compile(r'\b(?:FROM|INTO|UPDATE)\s+"?(?:job|job_write|request_log)\b', re.IGNORECASE)
# SQLite's transactions start with a BEGIN sent as a statement (db/engine.py): a background writer's would count
# as the request's, so no BEGIN counts (a request's own reads begin one transaction whatever they read).
TRANSACTION = re.compile(r"^\s*BEGIN\b", re.IGNORECASE)


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    """The statements sent while the block runs, but the background work's."""
    statements: list[str] = []

    def count(_conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        if not BACKGROUND.search(statement) and not TRANSACTION.match(statement):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)
