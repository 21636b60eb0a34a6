"""Adds the X-RateLimit-* headers to every counted response, digests request bodies for SameRequestLimit, and
records failed requests for ClientErrorLimit once their status is known."""

from __future__ import annotations

import hashlib

import anyio
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .policy import Throttle


class RateLimitHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        throttle: Throttle = scope["app"].state.throttle
        # Under the `off` policy too: one company's throttle may be switched on (faults/), and which company a
        # request is for is known only once it is authenticated. A request no window was set for passes as it is.
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        digest = hashlib.sha256()

        async def digesting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                digest.update(message.get("body", b""))
                if not message.get("more_body"):
                    state["body_digest"] = digest.hexdigest()
            return message

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                window = state.get("rate_limit")
                if window is not None:
                    headers = MutableHeaders(scope=message)
                    # A 429 already names the limit it hit; others report the hourly window.
                    headers.setdefault("X-RateLimit-Limit", str(window.limit))
                    headers.setdefault("X-RateLimit-Remaining", str(window.remaining))
                    headers.setdefault("X-RateLimit-Reset", str(window.reset))
                    headers.setdefault("X-RateLimit-Policy", window.policy)
                failure_key = state.get("throttle_failure_key")
                if failure_key is not None and 400 <= message["status"] != 429:
                    await anyio.to_thread.run_sync(throttle.record_failure, failure_key)
            await send(message)

        await self.app(scope, digesting_receive, sending)
