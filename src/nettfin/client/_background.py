"""The background API: a call sent with `erp-api-background` is answered 202 at once and run later by the service;
its state is polled at `v1/background/{id}` and its stored response read from `.../content`.

`client.background(...)` sends the call and returns a handle (`BackgroundCall`, or `AsyncBackgroundCall` on the
async client); `handle.wait()` polls until the call has run and returns its result, or raises the error a direct
call would have raised, built from the stored response the same way (`error_from`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx2

from ._errors import NettfinError, error_from
from ._resources import _Request
from ._wire import key_from_location, key_path, loads

if TYPE_CHECKING:
    from ._client import AsyncClient, Client

HEADER = "erp-api-background"
STARTED, FINISHED, FAILED = "Started", "Finished", "Failed"


class BackgroundFailed(NettfinError):
    """The service's queue could not run the call (state `Failed`): `error_message` says why, `state` is the rest.
    A call that ran and was refused (a 4xx) is not this: `wait()` raises the API error a direct call gets."""

    def __init__(self, state: BackgroundState) -> None:
        super().__init__(f"background call {state.id} failed: {state.error_message or 'no reason given'}")
        self.state = state
        self.error_message = state.error_message


class BackgroundTimeout(NettfinError, TimeoutError):
    """`wait(timeout=...)` ran out while the call was still `Started`; `state` is the last one read. The call goes
    on: `wait()` again, or read `state()` later (the service keeps it for 24 hours)."""

    def __init__(self, state: BackgroundState, timeout: float) -> None:
        super().__init__(f"background call {state.id} still {state.status} after {timeout:g} seconds")
        self.state = state


@dataclass(frozen=True)
class BackgroundState:
    """`GET v1/background/{id}`, the service's `BackgroundRequestStateDto` in snake_case; `raw` as received."""

    id: str
    status: str | None = None
    status_code: int | None = None
    received_utc: str | None = None
    started_utc: str | None = None
    finished_utc: str | None = None
    webhook_address: str | None = None
    error_message: str | None = None
    original_uri: str | None = None
    has_request_content: bool | None = None
    has_response_content: bool | None = None
    content_location: str | None = None
    response_headers: dict[str, str] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> BackgroundState:
        return cls(
            id=data.get("id") or "",
            status=data.get("status"),
            status_code=data.get("statusCode"),
            received_utc=data.get("receivedUtc"),
            started_utc=data.get("startedUtc"),
            finished_utc=data.get("finishedUtc"),
            webhook_address=data.get("webhookAddress"),
            error_message=data.get("errorMessage"),
            original_uri=data.get("originalUri"),
            has_request_content=data.get("hasRequestContent"),
            has_response_content=data.get("hasResponseContent"),
            content_location=data.get("contentLocation"),
            response_headers=dict(data.get("responseHeaders") or {}),
            raw=data,
        )

    @property
    def done(self) -> bool:
        """The call has run (Finished) or the queue gave up on it (Failed)."""
        return self.status in (FINISHED, FAILED)


@dataclass(frozen=True)
class BackgroundResult:
    """What the call answered when it ran: `status_code`, `headers` (lower-case names), the raw `content` and
    `body`, the parsed JSON when the content is JSON (else None)."""

    status_code: int
    headers: dict[str, str]
    content: bytes
    body: Any
    state: BackgroundState = field(repr=False)

    @property
    def location(self) -> str | None:
        return self.headers.get("location")

    @property
    def key(self) -> str | None:
        """A create's new key, from `Location`, as `create()` returns it."""
        return key_from_location(self.location) if self.location else None


def notify_header(notify: str | Mapping[str, str]) -> str:
    """The header's value: "none" (poll), "subscription", a URL, or a mapping: `subscription:<h>=<v>,...` (the
    pairs come back as headers of the application's `BACKGROUND_API_RESPONSE` notification)."""
    if isinstance(notify, Mapping):
        return "subscription:" + ",".join(f"{name}={value}" for name, value in notify.items())
    return notify


class _Handle:
    def __init__(self, client: Any, method: str, accepted: dict[str, Any]) -> None:
        self._client = client
        self.method = method
        self.id: str = accepted["id"]
        self.state_location: str | None = accepted.get("stateLocation")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.method} id={self.id}>"

    def _state_request(self) -> _Request:
        # The id's path under the client's own API root: the token never goes to an address the answer named.
        return _Request("GET", f"v1/background/{key_path(self.id)}")

    def _content_request(self) -> _Request:
        return _Request("GET", f"v1/background/{key_path(self.id)}/content", headers={"Accept": "*/*"})

    def _result(self, state: BackgroundState, content: bytes) -> BackgroundResult:
        """The result of a Finished call; the API error a direct call would raise when it answered 4xx or 5xx."""
        if state.status == FAILED:
            raise BackgroundFailed(state)
        headers = {name.lower(): value for name, value in state.response_headers.items()}
        status = state.status_code or 0
        if status >= 400:
            request = httpx2.Request(self.method, state.original_uri or self.state_location or "")
            raise error_from(httpx2.Response(status, headers=headers, content=content, request=request))
        json = "json" in headers.get("content-type", "application/json")
        body = loads(content) if content.strip() and json else None
        return BackgroundResult(status, headers, content, body, state)


def _waiting(timeout: float | None, poll: float):
    """Yields the pause before each next poll, growing from `poll` to 5 s; stops when the timeout has run out."""
    deadline = None if timeout is None else time.monotonic() + timeout
    pause = poll
    while deadline is None or time.monotonic() < deadline:
        left = None if deadline is None else deadline - time.monotonic()
        yield pause if left is None else max(0.0, min(pause, left))
        pause = min(pause * 1.5, max(poll, 5.0))


class BackgroundCall(_Handle):
    """A call the service has queued: `id`, `state_location`, `state()`, `wait()`, `content()`."""

    _client: Client

    def state(self) -> BackgroundState:
        return BackgroundState.from_wire(self._client._json(self._state_request()))

    def content(self) -> bytes:
        """The stored response body (404 `NotFound` until the call has run or when it had none; 410 after the
        retention)."""
        return self._client._send(self._content_request()).content

    def until_done(self, timeout: float | None = 60.0, poll: float = 0.5) -> BackgroundState:
        """Polls until the call is Finished or Failed (pauses from `poll` seconds, growing to 5) and returns that
        state; `BackgroundTimeout` after `timeout` seconds (None: no limit). Each poll goes through the client's
        retry policy (a 429 is waited out as its `Retry-After` says)."""
        state = self.state()
        for pause in _waiting(timeout, poll):
            if state.done:
                return state
            time.sleep(pause)
            state = self.state()
        if not state.done:
            raise BackgroundTimeout(state, timeout or 0.0)
        return state

    def wait(self, timeout: float | None = 60.0, poll: float = 0.5) -> BackgroundResult:
        """`until_done`, then the call's result, or the error a direct call would have raised (`ValidationError`
        for a stored 400, ...), or `BackgroundFailed` when the queue could not run it."""
        state = self.until_done(timeout, poll)
        return self._result(state, self.content() if state.has_response_content else b"")


class AsyncBackgroundCall(_Handle):
    """`BackgroundCall` for the async client: `await handle.state()`, `await handle.wait()`."""

    _client: AsyncClient

    async def state(self) -> BackgroundState:
        return BackgroundState.from_wire(await self._client._json(self._state_request()))

    async def content(self) -> bytes:
        return (await self._client._send(self._content_request())).content

    async def until_done(self, timeout: float | None = 60.0, poll: float = 0.5) -> BackgroundState:
        state = await self.state()
        for pause in _waiting(timeout, poll):
            if state.done:
                return state
            await asyncio.sleep(pause)
            state = await self.state()
        if not state.done:
            raise BackgroundTimeout(state, timeout or 0.0)
        return state

    async def wait(self, timeout: float | None = 60.0, poll: float = 0.5) -> BackgroundResult:
        state = await self.until_done(timeout, poll)
        return self._result(state, await self.content() if state.has_response_content else b"")


def background_request(
    method: str,
    path: str,
    *,
    json: Any,
    params: Any,
    notify: str | Mapping[str, str],
    headers: Mapping[str, str] | None,
) -> _Request:
    sent = {**(headers or {}), HEADER: notify_header(notify)}
    return _Request(method.upper(), path, params=params or [], body=json, headers=sent)
