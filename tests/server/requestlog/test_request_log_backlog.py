"""The request log when its writer falls behind (requestlog/writer.py): the buffer holds at most its bound of body
bytes; calls beyond it are kept without their bodies, which read as cut with their whole sizes. And the retention
deletes in transactions of a few calls, so a sweep of many calls leaves none behind."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from sqlalchemy import delete, func, select

from nettfin.server.kit.trace import RequestTrace
from nettfin.server.requestlog.capture import Captured
from nettfin.server.requestlog.models import LoggedCall
from nettfin.server.requestlog.service import prune
from nettfin.server.requestlog.writer import RequestLog


def _call(path: str, body: bytes) -> Captured:
    captured = Captured(
        started_at=time.time(), method="POST", path=path, query=b"", request_headers=[], trace=RequestTrace()
    )
    captured.request_body += body
    captured.request_size = len(body)
    captured.response_body += body
    captured.response_size = len(body)
    captured.status = 201
    return captured


def _rows(database, paths: list[str]) -> dict[str, LoggedCall]:
    with database.reading() as session:
        found = session.scalars(select(LoggedCall).where(LoggedCall.path.in_(paths))).all()
        return {row.path: row for row in found}


def test_calls_beyond_the_buffers_bound_are_kept_without_their_bodies(database):
    log = RequestLog(database, buffer_max_bytes=250, flush_seconds=60)
    paths = [f"/v1/backlog/{n}" for n in range(3)]
    try:
        for path in paths:
            log.record(_call(path, b"x" * 100))  # 200 body bytes a call: the second one is over the bound
        assert log.flush() == 3
    finally:
        log.close()
    rows = _rows(database, paths)
    first, *later = (rows[path] for path in paths)
    assert (first.request_body, first.response_body) == (b"x" * 100, b"x" * 100)
    assert not first.request_truncated and not first.response_truncated
    for row in later:
        assert (row.request_body, row.response_body) == (b"", b"")
        assert row.request_truncated and row.response_truncated
        assert (row.request_size, row.response_size, row.status) == (100, 100, 201)

    # A flush empties the buffer: the bound is the backlog's, not the log's.
    log = RequestLog(database, buffer_max_bytes=250, flush_seconds=60)
    try:
        log.record(_call("/v1/backlog/after", b"y" * 100))
        log.flush()
    finally:
        log.close()
    assert _rows(database, ["/v1/backlog/after"])["/v1/backlog/after"].request_body == b"y" * 100


def test_retention_deletes_in_chunks_and_leaves_only_the_newest(database):
    with database.writing() as session:
        session.execute(delete(LoggedCall))
    log = RequestLog(database, flush_seconds=60)
    try:
        for n in range(7):
            log.record(_call(f"/v1/retention/{n}", b"z"))
        log.flush()
    finally:
        log.close()

    prune(database, datetime.now(UTC), max_age=None, max_rows=2, chunk=2)  # five to delete, two a transaction

    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(LoggedCall)) == 2
        assert set(session.scalars(select(LoggedCall.path))) == {"/v1/retention/5", "/v1/retention/6"}
