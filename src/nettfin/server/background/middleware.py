"""Queues an API call sent with `erp-api-background` instead of running it: 202 with the state's location.

It runs before routing (and before the case-folding of paths), so a call to an operation that does not exist is
queued too, and its stored result is the 404 a direct call gets. What it checks at once is what the real
service's gateway checks: who is calling (the same authentication and throttle count as a direct call, which
the run does not repeat), the header's value, and the body's size.
"""

from __future__ import annotations

from datetime import timedelta

import anyio
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from ..db.base import utcnow
from ..identity.auth import REPLAYED_CONTEXT, authenticate
from ..kit.errors import ApiError, error_response
from ..kit.inputs import body_too_large
from ..kit.render import json_response
from . import header, service

# Not kept with the queued request: the run is authenticated by the context stored with it.
_NOT_KEPT = frozenset({header.HEADER, "authorization", "cookie", "content-length"})


def is_api_path(path: str) -> bool:
    lowered = path.lower()
    return lowered.startswith(("/v1/", "/v2/")) or "/api/controller/api/v1/" in lowered


class BackgroundCalls:
    def __init__(self, app: ASGIApp, *, max_bytes: int, max_upload_bytes: int, retention: timedelta) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_upload_bytes = max_upload_bytes
        self.retention = retention

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or REPLAYED_CONTEXT in scope or not is_api_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        raw = headers.get(header.HEADER)
        if raw is None:
            await self.app(scope, receive, send)
            return
        try:
            response = await self._queue(scope, receive, headers, raw)
        except ApiError as error:
            response = error_response(error)
        if response is not None:
            await response(scope, receive, send)

    async def _queue(self, scope: Scope, receive: Receive, headers: Headers, raw: str):
        limit = self.max_upload_bytes if headers.get("content-type", "").startswith("multipart/") else self.max_bytes
        body = await _read(receive, limit)
        if body is None:
            return None  # the client hung up: nothing to queue
        request = Request(scope)
        context = await authenticate(request)
        notify = header.parse(raw)
        app = scope["app"]
        incoming = service.Incoming(
            method=scope["method"],
            scheme=scope.get("scheme", "http"),
            path=scope["path"],
            query=scope.get("query_string", b"").decode("latin-1"),
            url=str(request.url),
            headers=[(name, value) for name, value in headers.items() if name.lower() not in _NOT_KEPT],
            body=body,
        )
        record = await anyio.to_thread.run_sync(
            lambda: service.accept(
                app.state.db,
                context=context,
                incoming=incoming,
                notify=notify,
                retention=self.retention,
                now=utcnow(),
            )
        )
        return json_response(
            {"id": record.id, "stateLocation": record.state_location},
            status_code=202,
            headers={"Location": record.state_location},
        )


async def _read(receive: Receive, limit: int) -> bytes | None:
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        body += message.get("body", b"")
        if len(body) > limit:
            raise body_too_large(limit)
        if not message.get("more_body", False):
            return bytes(body)
