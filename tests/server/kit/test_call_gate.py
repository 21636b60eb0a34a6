"""API reads past the read gate (kit/read_gate.py) are limited to its number at once; the others wait, and writes
and the non-API pages never do."""

from __future__ import annotations

import asyncio

from nettfin.server.kit.read_gate import ReadGate


def _scope(method: str, path: str) -> dict:
    return {"type": "http", "method": method, "path": path}


class Held:
    """An inner app whose API GETs stay inside until released."""

    def __init__(self) -> None:
        self.inside = 0
        self.entered: asyncio.Queue[str] = asyncio.Queue()
        self.release = asyncio.Event()

    async def __call__(self, scope, receive, send) -> None:
        self.inside += 1
        await self.entered.put(f"{scope['method']} {scope['path']}")
        if scope["method"] == "GET" and scope["path"].startswith(("/v1/", "/API/controller/")):
            await self.release.wait()
        self.inside -= 1


async def _settle() -> None:
    for _ in range(20):  # let every task that can run get as far as it can
        await asyncio.sleep(0)


def test_reads_beyond_the_limit_wait_and_writes_and_pages_pass():
    async def scenario() -> None:
        inner = Held()
        gate = ReadGate(inner, limit=2)
        reads = [asyncio.create_task(gate(_scope("GET", f"/v1/customer/{n}"), None, None)) for n in range(3)]
        await _settle()
        assert inner.inside == 2 and inner.entered.qsize() == 2  # the third read waits at the gate

        await gate(_scope("POST", "/v1/customer"), None, None)  # a write passes while two reads are inside
        await gate(_scope("GET", "/swagger"), None, None)  # so does a page
        await gate(_scope("GET", "/API/resources/v1/context"), None, None)  # and what is not the controller's
        assert [inner.entered.get_nowait() for _ in range(5)][2:] == [
            "POST /v1/customer",
            "GET /swagger",
            "GET /API/resources/v1/context",
        ]

        inner.release.set()
        await asyncio.gather(*reads)
        assert inner.entered.get_nowait() == "GET /v1/customer/2"  # the third read went in once one left
        assert inner.inside == 0

    asyncio.run(scenario())


def test_a_limit_of_nought_lets_every_read_in_at_once():
    async def scenario() -> None:
        inner = Held()
        gate = ReadGate(inner, limit=0)
        reads = [
            asyncio.create_task(gate(_scope("GET", f"/API/controller/api/v1/customer/{n}"), None, None))
            for n in range(5)
        ]
        await _settle()
        assert inner.inside == 5
        inner.release.set()
        await asyncio.gather(*reads)

    asyncio.run(scenario())


def test_a_read_cancelled_while_inside_frees_its_place():
    async def scenario() -> None:
        inner = Held()
        gate = ReadGate(inner, limit=1)
        first = asyncio.create_task(gate(_scope("GET", "/v1/customer/1"), None, None))
        second = asyncio.create_task(gate(_scope("GET", "/v1/customer/2"), None, None))
        await _settle()
        assert inner.entered.qsize() == 1
        first.cancel()  # the client went away
        await _settle()
        assert inner.entered.qsize() == 2  # the waiting read is in
        inner.release.set()
        await second

    asyncio.run(scenario())
