"""Dropping a connection without an answer, before the request is handled or after it committed.

A fault raises `DropConnection` (before: the endpoint never runs) or marks the request's `Connection`
(after: the endpoint runs and commits, and its answer is swallowed). `ConnectionDrops` wraps the whole app,
outside Starlette's ServerErrorMiddleware (which would answer 500 instead), and drops:

- over real HTTP (uvicorn), by aborting the socket: the client sees its connection closed with no response
  (httpx2: `RemoteProtocolError: Server disconnected without sending a response.`). uvicorn's ASGI `send` is its
  request cycle's bound method, whose `transport` is the connection's;
- in process (httpx2.ASGITransport, Starlette's TestClient), where there is no socket, by raising the error an
  HTTP client raises for a dropped connection, `httpx2.RemoteProtocolError`, which both transports re-raise to
  the caller (with `raise_app_exceptions` / `raise_server_exceptions` false they report a 500 instead).
"""

from __future__ import annotations

from dataclasses import dataclass

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONNECTION = "nettfin.connection"
DROPPED = "Server disconnected without sending a response."


class DropConnection(BaseException):  # noqa: N818 - a signal, not an error: no `except Exception` may swallow it
    """Raised before the endpoint runs: the connection is dropped with nothing written."""


@dataclass
class Connection:
    drop_after: bool = False


def connection_of(scope: Scope) -> Connection:
    connection = scope.get(CONNECTION)
    if connection is None:  # an app called without ConnectionDrops around it: a connection of its own
        connection = scope[CONNECTION] = Connection()
    return connection


class ConnectionDrops:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = scope[CONNECTION] = Connection()

        async def holding(message: Message) -> None:
            if not connection.drop_after:
                await send(message)

        try:
            await self.app(scope, receive, holding)
        except DropConnection:
            pass
        else:
            if not connection.drop_after:
                return
        await _drop(send)


async def _drop(send: Send) -> None:
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None:
        import httpx2

        raise httpx2.RemoteProtocolError(DROPPED)
    transport.abort()
    # The abort reaches uvicorn's protocol on the next turn of the loop; once it has seen the client go, it
    # writes nothing (no 500 for an app that returned without answering).
    for _ in range(5):
        if getattr(cycle, "disconnected", True):
            break
        await anyio.sleep(0)
