"""The middleware that captures each API call for the request log: pure ASGI, outside `RequestIds` (so it sees the
response's Ipp-Request-Id) and inside `SecurityHeaders`.

On the request path it only keeps references: the first `body_cap` bytes of each body, the header lists, the
clock, and the `RequestTrace` that what runs inside fills in (kit/trace.py). The capture goes to the process's
buffer (writer.py) just before the response's last body message is passed on, so a client that has its answer
finds the call in the buffer; redaction, decoding and the database write happen off the request path.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..identity.auth import REPLAYED_CONTEXT
from ..kit.trace import RequestTrace, current_trace
from .writer import RequestLog

# The Visma API surfaces. Under /connect/ the browser pages (authorize, end session, their script) are not API calls.
LOGGED_PREFIXES = ("/v1/", "/v2/", "/API/controller/api/", "/API/resources/", "/API/security/", "/connect/")
BROWSER_PATHS = ("/connect/authorize", "/connect/endsession", "/connect/form_post.js")


def logged(path: str) -> bool:
    return path.startswith(LOGGED_PREFIXES) and not path.startswith(BROWSER_PATHS)


@dataclass
class Captured:
    """A call as the middleware saw it: raw, capped, not yet redacted."""

    started_at: float  # epoch seconds
    method: str
    path: str
    query: bytes
    request_headers: list[tuple[bytes, bytes]]
    trace: RequestTrace
    request_body: bytearray = field(default_factory=bytearray)
    request_size: int = 0
    status: int = 500
    response_headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    response_body: bytearray = field(default_factory=bytearray)
    response_size: int = 0
    latency_ms: float = 0.0


class RequestCapture:
    def __init__(self, app: ASGIApp, *, log: RequestLog) -> None:
        self.app = app
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.log.enabled or not logged(scope["path"]):
            await self.app(scope, receive, send)
            return
        cap = self.log.body_cap
        trace = RequestTrace(background=REPLAYED_CONTEXT in scope)
        captured = Captured(
            started_at=time.time(),
            method=scope["method"],
            path=scope["path"],
            query=scope.get("query_string", b""),
            request_headers=list(scope.get("headers") or []),
            trace=trace,
        )
        began = time.perf_counter()
        recorded = False

        async def receiving() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                body = message.get("body", b"")
                captured.request_size += len(body)
                room = cap - len(captured.request_body)
                if room > 0 and body:
                    captured.request_body += body[:room]
            return message

        async def sending(message: Message) -> None:
            nonlocal recorded
            kind = message["type"]
            if kind == "http.response.start":
                captured.status = message["status"]
                captured.response_headers = list(message.get("headers") or [])
            elif kind == "http.response.body":
                body = message.get("body", b"")
                captured.response_size += len(body)
                room = cap - len(captured.response_body)
                if room > 0 and body:
                    captured.response_body += body[:room]
                if not message.get("more_body", False) and not recorded:
                    recorded = True
                    captured.latency_ms = (time.perf_counter() - began) * 1000
                    self.log.record(captured)
            await send(message)

        token = current_trace.set(trace)
        try:
            await self.app(scope, receiving, sending)
        finally:
            current_trace.reset(token)
            if not recorded:  # the connection went away before the answer was complete
                captured.latency_ms = (time.perf_counter() - began) * 1000
                self.log.record(captured)
