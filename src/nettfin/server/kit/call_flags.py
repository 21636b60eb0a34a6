"""A server-wide setting that code deep inside a call reads, carried on the call's context: an ASGI middleware
sets a context variable for every call of the app that has it (`RenderNulls` in render.py, `InlineCalls` in
sync_work.py). Where it is not installed the variable keeps its default, so one process may serve apps that differ
(the test suite serves several)."""

from __future__ import annotations

from contextvars import ContextVar
from typing import ClassVar

from starlette.types import ASGIApp, Receive, Scope, Send


class CallFlag:
    """Sets `flag` to True for each call; a subclass names the flag."""

    flag: ClassVar[ContextVar[bool]]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = self.flag.set(True)
        try:
            await self.app(scope, receive, send)
        finally:
            self.flag.reset(token)
