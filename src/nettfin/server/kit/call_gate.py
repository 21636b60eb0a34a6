"""At most a few API reads at once past this point; the others wait their turn on the event loop.

A read's work is Python (the ORM, rendering) in FastAPI's thread pool, and Python runs one thread at a time. With
16 reads in flight the pool ran 16 threads that took the interpreter from each other and from the event loop at
every switch: one worker answered fewer list pages a second than with four at a time (docs/performance.md, "HTTP
throughput"). Waiting here costs nothing: the request holds no thread, connection or lock yet.

Only reads of the API (GET and HEAD under `/v1/`, `/v2/` and `/API/controller/`) wait here. A write may wait for
SQLite's one write lock for as long as another write holds it, and must not keep reads out while it does; reads
do not take that lock.
"""

from __future__ import annotations

import asyncio
import weakref

from starlette.types import ASGIApp, Receive, Scope, Send

API_PREFIXES = ("/v1/", "/v2/", "/API/controller/")
READ_METHODS = frozenset({"GET", "HEAD"})


class ReadGate:
    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit
        # One semaphore per event loop: the test suite serves one app from two loops at once.
        self._gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary()
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.limit <= 0
            or scope["type"] != "http"
            or scope["method"] not in READ_METHODS
            or not scope["path"].startswith(API_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:
            gate = self._gates[loop] = asyncio.Semaphore(self.limit)
        async with gate:
            await self.app(scope, receive, send)
