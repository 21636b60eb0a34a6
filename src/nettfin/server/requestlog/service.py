"""Reading the request log: filters (checked, each refusal naming its field), the list newest first, one call with
its bodies and what it caused, the HAR 1.2 export, clearing, and the retention the job runner applies.

Shapes are nettfin's own (the admin API's, camelCase), shared by the admin API, the admin panel's inspector and
`nettfin.testing.calls`.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl

from sqlalchemy import Select, delete, func, select, text
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..kit.errors import BusinessError, NotFound
from ..kit.render import format_instant
from . import memory
from .models import LoggedCall
from .writer import flush_process

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_STATUS = re.compile(r"^([1-5])(?:xx|XX)$")
_TEXTUAL = ("json", "text/", "x-www-form-urlencoded", "xml", "javascript")
HAR_CREATOR = {"name": "nettfin", "version": "1.0"}


@dataclass(frozen=True)
class Filters:
    company_ids: tuple[int, ...] | None = None  # None: every company's calls (and those with none)
    method: str | None = None
    path: str | None = None  # a glob: * any run of characters, ? one
    status: tuple[int, int] | None = None  # inclusive range: 404 is (404, 404), 4xx is (400, 499)
    application: str | None = None
    since: datetime | None = None
    limit: int = DEFAULT_LIMIT


def _int(field: str, raw: str, low: int, high: int, accepted: str) -> int:
    try:
        value = int(raw.strip())
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise BusinessError(f"Invalid filter '{field}': '{raw[:40]}' is not {accepted}.")
    return value


def parse_filters(
    *,
    company_id: str | None = None,
    method: str | None = None,
    path: str | None = None,
    status: str | None = None,
    application: str | None = None,
    since: str | None = None,
    limit: str | None = None,
) -> Filters:
    """Filters from query parameters (absent or empty: no filter); a bad value is a 400 naming the field and what
    it accepts."""
    companies = None
    if company_id:
        companies = (_int("companyId", company_id, 1, 2**31 - 1, "a company id (a positive whole number)"),)
    verb = None
    if method:
        verb = method.strip().upper()
        if verb not in METHODS:
            raise BusinessError(f"Invalid filter 'method': '{method[:20]}' is not one of {', '.join(METHODS)}.")
    statuses = None
    if status:
        matched = _STATUS.match(status.strip())
        if matched:
            low = int(matched.group(1)) * 100
            statuses = (low, low + 99)
        else:
            code = _int("status", status, 100, 599, "an HTTP status (100 to 599) or a class such as 4xx")
            statuses = (code, code)
    moment = None
    if since:
        try:
            moment = datetime.fromisoformat(since.strip().replace("Z", "+00:00").replace(" ", "+"))
        except ValueError:
            raise BusinessError(
                f"Invalid filter 'since': '{since[:40]}' is not a date and time in ISO 8601 "
                "(2026-12-04T10:00:00Z; without an offset it is UTC)."
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
    count = DEFAULT_LIMIT
    if limit:
        count = _int("limit", limit, 1, MAX_LIMIT, f"a whole number from 1 to {MAX_LIMIT}")
    if path is not None and len(path) > 2000:
        raise BusinessError("Invalid filter 'path': longer than 2,000 characters.")
    return Filters(
        company_ids=companies,
        method=verb,
        path=path.strip() or None if path else None,
        status=statuses,
        application=application.strip() or None if application else None,
        since=moment,
        limit=count,
    )


def parse_call_id(raw: str) -> int:
    return _int("id", raw, 1, 2**63 - 1, "a logged call's id (a positive whole number)")


def like_pattern(glob: str) -> str:
    """The glob as a LIKE pattern (escape `\\`): `*` any run, `?` one character, `%` and `_` themselves."""
    escaped = glob.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.replace("*", "%").replace("?", "_")


def _filtered(statement: Select, filters: Filters) -> Select:
    if filters.company_ids is not None:
        statement = statement.where(LoggedCall.company_id.in_(filters.company_ids))
    if filters.method:
        statement = statement.where(LoggedCall.method == filters.method)
    if filters.path:
        # Case-insensitive on both databases (the API's paths are).
        pattern = like_pattern(filters.path).lower()
        statement = statement.where(func.lower(LoggedCall.path).like(pattern, escape="\\"))
    if filters.status:
        statement = statement.where(LoggedCall.status.between(*filters.status))
    if filters.application:
        statement = statement.where(LoggedCall.application == filters.application)
    if filters.since:
        statement = statement.where(LoggedCall.started_at >= filters.since)
    return statement


def flush_buffers() -> None:
    """Write every buffered call of this process (writer.py) before a read, so it sees every call answered."""
    flush_process()


def find_calls(session: Session, filters: Filters) -> list[LoggedCall]:
    """Newest first, at most `filters.limit`."""
    statement = _filtered(select(LoggedCall), filters).order_by(LoggedCall.id.desc()).limit(filters.limit)
    return list(session.scalars(statement))


def find_call(session: Session, call_id: int, *, company_ids: tuple[int, ...] | None = None) -> LoggedCall:
    found = session.get(LoggedCall, call_id)
    if found is None or (company_ids is not None and found.company_id not in company_ids):
        raise NotFound(f"No logged call {call_id}; GET /admin/api/requests lists the calls, newest first.")
    return found


def clear(session: Session, company_id: int | None = None) -> int:
    statement = delete(LoggedCall)
    if company_id is not None:
        statement = statement.where(LoggedCall.company_id == company_id)
    return session.execute(statement).rowcount


# Calls deleted per transaction: a minute of a busy server's calls (30,000 of 64 KB) in one transaction held SQLite's
# write lock for seconds, while the log's writer and the API's writes waited.
PRUNE_CHUNK = 1_000


def prune(
    db: Database, now: datetime, *, max_age: timedelta | None, max_rows: int | None, chunk: int = PRUNE_CHUNK
) -> None:
    """The retention: calls older than `max_age`, and all but the newest `max_rows`; `chunk` calls a transaction."""
    if max_age is not None:
        _delete_in_chunks(db, LoggedCall.started_at < now - max_age, chunk)
    if max_rows is not None:
        with db.reading() as session:
            cutoff = session.scalar(select(LoggedCall.id).order_by(LoggedCall.id.desc()).offset(max_rows).limit(1))
        if cutoff is not None:
            _delete_in_chunks(db, LoggedCall.id <= cutoff, chunk)


def _delete_in_chunks(db: Database, condition: Any, chunk: int) -> None:
    while True:
        with db.writing() as session, _fast_secure_delete(session, db.dialect):
            some = select(LoggedCall.id).where(condition).order_by(LoggedCall.id).limit(chunk)
            deleted = session.execute(
                delete(LoggedCall).where(LoggedCall.id.in_(some)).execution_options(synchronize_session=False)
            ).rowcount
            if deleted and db.dialect == "sqlite":
                # The bodies' pages this connection read to free them: its cache gives them back now.
                session.execute(text("PRAGMA shrink_memory"))
        if deleted < chunk:
            memory.release(force=True)
            return


@contextmanager
def _fast_secure_delete(session: Session, dialect: str) -> Iterator[None]:
    """SQLite's `secure_delete` at FAST for the block, then as the pooled connection had it.

    Debian builds SQLite with secure_delete on: every page a deleted body freed was overwritten with zeros, 64 KB
    written to the WAL per call deleted with SQLite's one write lock held, and API writes queued behind the sweep for
    up to 1.7 s (docs/performance.md). FAST overwrites what costs no extra I/O; the log's bodies are a transient
    record, not the books, whose deletes keep the build's setting."""
    if dialect != "sqlite":
        yield
        return
    previous = int(session.execute(text("PRAGMA secure_delete")).scalar())
    session.execute(text("PRAGMA secure_delete=FAST"))
    try:
        yield
    finally:
        session.execute(text(f"PRAGMA secure_delete={previous}"))


# Shapes.


def content_type(headers: list) -> str:
    return next((value for name, value in headers if name == "content-type"), "")


def textual(mime: str) -> bool:
    return any(part in mime for part in _TEXTUAL)


def body_shape(raw: bytes, size: int, truncated: bool, headers: list) -> dict[str, Any]:
    """A body as text (JSON, forms, text) or base64, its whole size, and whether it was cut at the cap."""
    mime = content_type(headers)
    shown: dict[str, Any] = {"size": size, "truncated": truncated, "mimeType": mime}
    if not raw:
        shown["text"] = ""
    elif textual(mime) or not mime:
        shown["text"] = raw.decode("utf-8", "replace")
    else:
        shown["text"] = base64.b64encode(raw).decode()
        shown["encoding"] = "base64"
    return shown


def summary(call: LoggedCall) -> dict[str, Any]:
    return {
        "id": call.id,
        "startedAt": format_instant(call.started_at),
        "method": call.method,
        "path": call.path,
        "query": call.query,
        "companyId": call.company_id,
        "application": call.application,
        "background": call.background,
        "status": call.status,
        "latencyMs": call.latency_ms,
        "requestId": call.request_id,
        "batches": call.batches,
        "events": call.events,
    }


def detail(call: LoggedCall) -> dict[str, Any]:
    return {
        **summary(call),
        "request": {
            "headers": [{"name": name, "value": value} for name, value in call.request_headers],
            "body": body_shape(call.request_body, call.request_size, call.request_truncated, call.request_headers),
        },
        "response": {
            "headers": [{"name": name, "value": value} for name, value in call.response_headers],
            "body": body_shape(call.response_body, call.response_size, call.response_truncated, call.response_headers),
        },
    }


# HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/).


def _url(call: LoggedCall, base_url: str) -> str:
    host = next((value for name, value in call.request_headers if name == "host"), None)
    scheme = base_url.split("://", 1)[0] if "://" in base_url else "http"
    origin = f"{scheme}://{host}" if host else base_url.rstrip("/")
    return f"{origin}{call.path}" + (f"?{call.query}" if call.query else "")


def _query_string(query: str) -> list[dict]:
    return [{"name": name, "value": value} for name, value in parse_qsl(query, keep_blank_values=True)]


def _status_text(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def har_entry(call: LoggedCall, base_url: str) -> dict[str, Any]:
    request_body = body_shape(call.request_body, call.request_size, call.request_truncated, call.request_headers)
    response_body = body_shape(call.response_body, call.response_size, call.response_truncated, call.response_headers)
    request: dict[str, Any] = {
        "method": call.method,
        "url": _url(call, base_url),
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": [{"name": name, "value": value} for name, value in call.request_headers],
        "queryString": _query_string(call.query),
        "headersSize": -1,
        "bodySize": call.request_size,
    }
    if call.request_size:
        request["postData"] = {"mimeType": request_body["mimeType"], "text": request_body["text"]}
        if request_body["truncated"]:
            request["postData"]["comment"] = f"cut at {len(call.request_body)} of {call.request_size} bytes"
    content: dict[str, Any] = {
        "size": call.response_size,
        "mimeType": response_body["mimeType"],
        "text": response_body["text"],
    }
    if "encoding" in response_body:
        content["encoding"] = response_body["encoding"]
    if response_body["truncated"]:
        content["comment"] = f"cut at {len(call.response_body)} of {call.response_size} bytes"
    caused = {"companyId": call.company_id, "application": call.application, "background": call.background}
    return {
        "startedDateTime": format_instant(call.started_at),
        "time": call.latency_ms,
        "request": request,
        "response": {
            "status": call.status,
            "statusText": _status_text(call.status),
            "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": [{"name": name, "value": value} for name, value in call.response_headers],
            "content": content,
            "redirectURL": next((value for name, value in call.response_headers if name == "location"), ""),
            "headersSize": -1,
            "bodySize": call.response_size,
        },
        "cache": {},
        "timings": {"send": 0, "wait": call.latency_ms, "receive": 0},
        # Custom fields start with an underscore (HAR 1.2).
        "_nettfin": {**caused, "id": call.id, "batches": call.batches, "events": call.events},
        "comment": f"Ipp-Request-Id {call.request_id}" if call.request_id else "",
    }


def har(calls: list[LoggedCall], base_url: str) -> dict[str, Any]:
    """The calls as a HAR 1.2 log, oldest first (the order a HAR viewer replays them in)."""
    ordered = sorted(calls, key=lambda call: call.id)
    return {
        "log": {
            "version": "1.2",
            "creator": HAR_CREATOR,
            "pages": [],
            "entries": [har_entry(c, base_url) for c in ordered],
        }
    }
