"""The process's request log buffer and its writer: captured calls (capture.py) wait in memory and are written
off the request path, in batches, one transaction per flush.

A daemon thread, started by the first call, flushes every `flush_seconds` or as soon as the buffer holds
`flush_rows` calls, and ends after a while with nothing to write (the next call starts it again). `flush()`
writes what is buffered now, from any thread; the admin API runs `flush_process()` before it reads, so a caller
sees every call its own process has answered; with several server processes, another process's calls show up
within its flush interval.
The app's lifespan flushes at shutdown (`close`).

Redaction, decoding and the application's name are worked out here, in the writer's thread. A flush that the
database refuses as a whole (a company deleted since its call) is written again call by call; a call that still
fails is dropped with a warning: the log never fails a request, nor stops the writer.
"""

from __future__ import annotations

import base64
import logging
import threading
import weakref
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote

from sqlalchemy import insert, select

from ..db.engine import Database
from ..identity.connect.models import ConnectApplication
from ..identity.models import ApiClient
from . import memory, redaction
from .models import LoggedCall

if TYPE_CHECKING:
    from .capture import Captured

log = logging.getLogger(__name__)
IDLE_FLUSHES = 40  # empty flushes (10 s at the default interval) before the thread ends
# Body bytes the buffer holds before the writer has written them. Beyond it, a call is kept without its bodies (their
# sizes kept, so they read as cut). The writer falls behind when the database is busy (a retention sweep, a long
# write): at 540 list pages a second, 64 KB each, the buffer grew by 35 MB a second, and a server's memory by 750 MB
# over 100,000 calls, which it kept.
BUFFER_MAX_BYTES = 16 * 1024 * 1024
_PROCESS: weakref.WeakSet[RequestLog] = weakref.WeakSet()  # every app's log in this process


def flush_process() -> None:
    """Write the buffers of every app in this process (the admin API's reads: an app serving the API and another
    serving the admin API, in one process, as a test may run them, still see each other's calls)."""
    for found in list(_PROCESS):
        found.flush()


class RequestLog:
    def __init__(
        self,
        db: Database,
        *,
        enabled: bool = True,
        body_cap: int = 64 * 1024,
        flush_seconds: float = 0.25,
        flush_rows: int = 500,
        buffer_max_bytes: int = BUFFER_MAX_BYTES,
    ) -> None:
        self.db = db
        self._own_db: Database | None = None
        self.enabled = enabled
        self.body_cap = body_cap
        self.flush_seconds = flush_seconds
        self.flush_rows = flush_rows
        self.buffer_max_bytes = buffer_max_bytes
        self._buffer: list[Captured] = []
        self._buffered_bytes = 0
        self._bodies_dropped = 0
        self._lock = threading.Lock()
        self._flushing = threading.Lock()  # one flush at a time, so rows are written in the order calls ended
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._names: dict[tuple[str, int], str] = {}
        _PROCESS.add(self)

    def record(self, captured: Captured) -> None:
        with self._lock:
            size = len(captured.request_body) + len(captured.response_body)
            if self._buffered_bytes + size > self.buffer_max_bytes:
                captured.request_body, captured.response_body = bytearray(), bytearray()
                self._bodies_dropped += 1
            else:
                self._buffered_bytes += size
            self._buffer.append(captured)
            if self._thread is None and not self._stopping:
                self._thread = threading.Thread(target=self._run, name="request-log-writer", daemon=True)
                self._thread.start()
            if len(self._buffer) >= self.flush_rows:
                self._wake.set()

    def flush(self) -> int:
        """Write every buffered call; returns how many were written."""
        with self._flushing:
            with self._lock:
                taken, self._buffer = self._buffer, []
                dropped, self._buffered_bytes, self._bodies_dropped = self._bodies_dropped, 0, 0
            if dropped:
                log.warning("request log: the writer fell behind; %d calls are kept without their bodies", dropped)
            if not taken:
                return 0
            try:
                rows = [self._row(captured) for captured in taken]
                self._write(rows)
            except Exception:  # the log must not stop the writer: lose this flush, not the next ones
                log.exception("request log: %d calls could not be written", len(taken))
                return 0
            return len(rows)

    def close(self) -> None:
        """Stop the writer, write what is left and let the connections go (the app's shutdown). A call recorded
        after that starts the writer again (an app served again, as tests do)."""
        with self._lock:
            self._stopping = True
            thread = self._thread
        self._wake.set()
        if thread is not None:
            thread.join(timeout=10)
        with self._lock:
            self._stopping = False
        self.flush()
        if self._own_db is not None:
            self._own_db.dispose()

    @property
    def writer_db(self) -> Database:
        """The writer's own engine on the app's database: its statements and connections are not the requests'
        (a test counting a request's SQL statements on the app's engine does not see a flush)."""
        if self._own_db is None:
            url = self.db.engine.url.render_as_string(hide_password=False)
            self._own_db = Database(url, sqlite_synchronous=self.db.sqlite_synchronous)
        return self._own_db

    def _run(self) -> None:
        idle = 0
        while True:
            self._wake.wait(self.flush_seconds)
            self._wake.clear()
            written = self.flush()
            if written:
                memory.release()
            with self._lock:
                idle = 0 if written or self._buffer else idle + 1
                if self._stopping or (idle >= IDLE_FLUSHES and not self._buffer):
                    self._thread = None
                    return

    def _write(self, rows: list[dict]) -> None:
        try:
            with self.writer_db.writing() as session:
                session.execute(insert(LoggedCall), rows)
            return
        except Exception:
            if len(rows) == 1:
                raise
        for row in rows:
            try:
                with self.writer_db.writing() as session:
                    session.execute(insert(LoggedCall), [row])
            except Exception as error:
                log.warning("request log: a call to %s was not written: %s", row["path"], error)

    # Turning a capture into a row.

    def _row(self, captured: Captured) -> dict:
        trace = captured.trace
        query = captured.query.decode("latin-1")
        request_type = _header(captured.request_headers, b"content-type")
        response_type = _header(captured.response_headers, b"content-type")
        request_body = bytes(captured.request_body)
        response_body = bytes(captured.response_body)
        request_cut = captured.request_size > len(request_body)
        response_cut = captured.response_size > len(response_body)
        secret = redaction.token_path(captured.path)
        application = self._application(trace.caller) if trace.caller is not None else None
        if secret:
            application = application or _client_of_token_call(captured.request_headers, request_body, request_type)
            query = redaction.query(query)
            request_body = redaction.body(request_body, request_type, complete=not request_cut)
            response_body = redaction.body(response_body, response_type, complete=not response_cut)
        return {
            "started_at": datetime.fromtimestamp(captured.started_at, UTC),
            "method": captured.method,
            "path": captured.path,
            "query": query,
            "company_id": trace.company_id,
            "application": application[:100] if application else None,
            "background": trace.background,
            "status": captured.status,
            "latency_ms": round(captured.latency_ms, 3),
            "request_id": _header(captured.response_headers, b"ipp-request-id") or None,
            "request_headers": redaction.headers(captured.request_headers),
            "response_headers": redaction.headers(captured.response_headers),
            "request_body": request_body,
            "request_size": captured.request_size,
            "request_truncated": request_cut,
            "response_body": response_body,
            "response_size": captured.response_size,
            "response_truncated": response_cut,
            "batches": list(trace.batches.values()),
            "events": trace.events,
        }

    def _application(self, caller) -> str | None:
        """The Connect application's client_id, the legacy API client's client id, or the token's origin."""
        if caller.application_id is not None:
            return self._name(ConnectApplication, caller.application_id)
        if caller.client_id is not None:
            return self._name(ApiClient, caller.client_id)
        return caller.origin

    def _name(self, model, row_id: int) -> str | None:
        key = (model.__tablename__, row_id)
        if key not in self._names:
            with self.writer_db.reading() as session:
                found = session.scalar(select(model.client_id).where(model.id == row_id))
            if found is None:
                return None
            self._names[key] = found
        return self._names[key]


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str:
    for key, value in headers:
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def _client_of_token_call(headers: list[tuple[bytes, bytes]], body: bytes, content_type: str) -> str | None:
    """A token call's client: HTTP Basic's user name, or the form's client_id."""
    scheme, _, credentials = _header(headers, b"authorization").partition(" ")
    if scheme.lower() == "basic":
        try:
            user = unquote(base64.b64decode(credentials.strip()).decode("utf-8").partition(":")[0])
        except ValueError:
            user = ""
        if user:
            return user
    if "x-www-form-urlencoded" in content_type:
        return dict(parse_qsl(body.decode("utf-8", "replace"))).get("client_id") or None
    return None
