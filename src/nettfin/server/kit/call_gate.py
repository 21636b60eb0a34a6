"""At most a few API reads, and a few API writes, at once past this point; the others wait their turn on the
event loop.

A call's work is Python (the ORM, rendering), and Python runs one thread at a time. With 16 reads in flight the
thread pool ran 16 threads that took the interpreter from each other and from the event loop at every switch:
one worker answered fewer list pages a second than with four at a time. Writes on PostgreSQL did the same, and
worse: 16 creates of one number series took their turns at the series' row lock while the thread holding it
waited for the interpreter, so two workers answered barely more creates than one (docs/performance.md, "HTTP
throughput"). Waiting here costs nothing: the request holds no thread, connection or lock yet.

Reads and writes wait apart: a write may wait for a lock (SQLite's one write lock, a PostgreSQL row) for as long
as another write holds it, and must not keep reads out while it does; reads take no such lock. Only calls of the
API (under `/v1/`, `/v2/` and `/API/controller/`) wait here. A call that only waits (a fault rule's latency) steps
out of the gate meanwhile (`stepped_aside`).
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.types import ASGIApp, Receive, Scope, Send

API_PREFIXES = ("/v1/", "/v2/", "/API/controller/")
READ_METHODS = frozenset({"GET", "HEAD"})


class CallGate:
    def __init__(self, app: ASGIApp, *, reads: int, writes: int) -> None:
        """`reads` and `writes`: how many of each at once; 0 lets every one in."""
        self.app = app
        self.limits = {True: reads, False: writes}
        # One semaphore per event loop and kind: the test suite serves one app from two loops at once.
        self._gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[bool, asyncio.Semaphore]] = (
            weakref.WeakKeyDictionary()
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API_PREFIXES):
            await self.app(scope, receive, send)
            return
        read = scope["method"] in READ_METHODS
        limit = self.limits[read]
        if limit <= 0:
            await self.app(scope, receive, send)
            return
        gates = self._gates.setdefault(asyncio.get_running_loop(), {})
        gate = gates.get(read)
        if gate is None:
            gate = gates[read] = asyncio.Semaphore(limit)
        place = scope[_PLACE] = _Place(gate)
        await place.enter()
        try:
            await self.app(scope, receive, send)
        finally:
            place.leave()


_PLACE = "nettfin.call_gate"


class _Place:
    """A call's place past its gate: held or not (it steps out while it only waits)."""

    def __init__(self, gate: asyncio.Semaphore) -> None:
        self.gate = gate
        self.held = False

    async def enter(self) -> None:
        await self.gate.acquire()
        self.held = True  # not before: a call cancelled while waiting holds nothing to give back

    def leave(self) -> None:
        if self.held:
            self.held = False
            self.gate.release()


@asynccontextmanager
async def stepped_aside(scope: dict) -> AsyncIterator[None]:
    """Out of the call's gate while the block runs, back in (waiting its turn) after: for a wait that holds nothing,
    such as a fault rule's latency, which would otherwise keep the calls behind it waiting as long."""
    place = scope.get(_PLACE)
    if place is None or not place.held:
        yield
        return
    place.leave()
    try:
        yield
    finally:
        await place.enter()
