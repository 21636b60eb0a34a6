"""API calls past the call gate (kit/call_gate.py): reads and writes are each limited to their number at once, apart
from each other; the others wait, and the non-API pages never do."""

from __future__ import annotations

import asyncio

from nettfin.server.kit.call_gate import CallGate


def _scope(method: str, path: str) -> dict:
    return {"type": "http", "method": method, "path": path}


class Held:
    """An inner app whose calls of the API stay inside until released."""

    def __init__(self) -> None:
        self.inside = 0
        self.entered: asyncio.Queue[str] = asyncio.Queue()
        self.release = asyncio.Event()

    async def __call__(self, scope, receive, send) -> None:
        self.inside += 1
        await self.entered.put(f"{scope['method']} {scope['path']}")
        if scope["path"].startswith(("/v1/", "/API/controller/")):
            await self.release.wait()
        self.inside -= 1


async def _settle() -> None:
    for _ in range(20):  # let every task that can run get as far as it can
        await asyncio.sleep(0)


def _entered(inner: Held) -> list[str]:
    return [inner.entered.get_nowait() for _ in range(inner.entered.qsize())]


def test_reads_beyond_their_limit_wait_and_writes_and_pages_pass():
    async def scenario() -> None:
        inner = Held()
        gate = CallGate(inner, reads=2, writes=1)
        reads = [asyncio.create_task(gate(_scope("GET", f"/v1/customer/{n}"), None, None)) for n in range(3)]
        await _settle()
        assert inner.inside == 2 and len(_entered(inner)) == 2  # the third read waits at the gate

        write = asyncio.create_task(gate(_scope("POST", "/v1/customer"), None, None))
        await _settle()  # a write goes in while two reads are inside
        await gate(_scope("GET", "/swagger"), None, None)  # so does a page
        await gate(_scope("GET", "/API/resources/v1/context"), None, None)  # and what is not the controller's
        assert _entered(inner) == ["POST /v1/customer", "GET /swagger", "GET /API/resources/v1/context"]

        inner.release.set()
        await asyncio.gather(*reads, write)
        assert _entered(inner) == ["GET /v1/customer/2"]  # the third read went in once one left
        assert inner.inside == 0

    asyncio.run(scenario())


def test_writes_beyond_their_limit_wait_without_keeping_reads_out():
    async def scenario() -> None:
        inner = Held()
        gate = CallGate(inner, reads=1, writes=2)
        writes = [
            asyncio.create_task(gate(_scope(method, f"/v1/customer/{n}"), None, None))
            for n, method in enumerate(["POST", "PUT", "DELETE"])
        ]
        await _settle()
        assert _entered(inner) == ["POST /v1/customer/0", "PUT /v1/customer/1"]  # the third write waits

        read = asyncio.create_task(gate(_scope("GET", "/v1/customer/9"), None, None))
        await _settle()
        assert _entered(inner) == ["GET /v1/customer/9"]  # a read goes in beside the writes waiting

        inner.release.set()
        await asyncio.gather(*writes, read)
        assert _entered(inner) == ["DELETE /v1/customer/2"]
        assert inner.inside == 0

    asyncio.run(scenario())


def test_a_limit_of_nought_lets_every_call_of_that_kind_in_at_once():
    async def scenario() -> None:
        inner = Held()
        gate = CallGate(inner, reads=0, writes=0)
        calls = [
            asyncio.create_task(gate(_scope(method, f"/API/controller/api/v1/customer/{n}"), None, None))
            for n in range(5)
            for method in ("GET", "POST")
        ]
        await _settle()
        assert inner.inside == 10
        inner.release.set()
        await asyncio.gather(*calls)

    asyncio.run(scenario())


def test_a_call_cancelled_while_inside_frees_its_place():
    async def scenario() -> None:
        inner = Held()
        gate = CallGate(inner, reads=1, writes=1)
        first = asyncio.create_task(gate(_scope("POST", "/v1/customer"), None, None))
        second = asyncio.create_task(gate(_scope("POST", "/v1/customer"), None, None))
        await _settle()
        assert inner.entered.qsize() == 1
        first.cancel()  # the client went away
        await _settle()
        assert inner.entered.qsize() == 2  # the waiting write is in
        inner.release.set()
        await second

    asyncio.run(scenario())
