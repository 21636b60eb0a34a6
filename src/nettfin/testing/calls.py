"""The calls an integration made, read from nettfin's request log through the admin API (`GET /admin/api/requests`).

    from nettfin.testing.calls import calls

    made = calls(admin, company_id=company, method="POST", path="/v1/customer*")
    assert [call.status for call in made] == [201]
    assert made[0].request_json["name"] == {"value": "Nordlys AS"}
    assert made[0].events[0]["eventType"] == "customer_created"

`admin` is any object with `request(method, path, params=None, json=None) -> httpx.Response`, `path` relative to
`/admin/api` (the pytest plugin's admin client is one). The list endpoint writes its own server process's buffer
before it reads, so every call that process answered before `calls()` is there; a server of several processes may
show another process's call only after its flush interval (`NETTFIN_REQUEST_LOG_FLUSH_SECONDS`, 0.25 s).

The calls come oldest first (the order they were made in); `limit` caps how many of the newest are read.
"""

from __future__ import annotations

import json as jsonlib
from dataclasses import dataclass, field
from typing import Any, Protocol

from .admin import AdminApiError, checked

__all__ = ["AdminApiError", "Call", "calls"]


class AdminApi(Protocol):
    """The admin client: its `request` answers an httpx `Response` (or anything with `status_code`, `text` and
    `json()`)."""

    def request(self, method: str, path: str, params: dict | None = None, json: dict | None = None) -> Any: ...


@dataclass(frozen=True)
class Call:
    """One logged call. `request_json`/`response_json` are the bodies parsed as JSON (None when a body is empty,
    not JSON, or was cut at the server's body cap: `request_truncated`/`response_truncated`)."""

    id: int
    started_at: str
    method: str
    path: str
    query: str
    status: int
    company_id: int | None
    application: str | None
    background: bool
    latency_ms: float
    request_id: str | None
    request_headers: dict[str, str] = field(default_factory=dict)
    response_headers: dict[str, str] = field(default_factory=dict)
    request_body: str = ""
    response_body: str = ""
    request_truncated: bool = False
    response_truncated: bool = False
    request_json: Any = None
    response_json: Any = None
    batches: tuple[dict, ...] = ()
    events: tuple[dict, ...] = ()

    @property
    def batch_numbers(self) -> list[str]:
        return [batch["batchNumber"] for batch in self.batches]

    @property
    def event_types(self) -> list[str]:
        return [event["eventType"] for event in self.events]


def _parsed(body: dict) -> Any:
    if body.get("truncated") or body.get("encoding") or not body.get("text"):
        return None
    if "json" not in (body.get("mimeType") or ""):
        return None
    try:
        return jsonlib.loads(body["text"])
    except ValueError:
        return None


def _call(found: dict) -> Call:
    request = found.get("request", {})
    response = found.get("response", {})
    request_body = request.get("body", {})
    response_body = response.get("body", {})
    return Call(
        id=found["id"],
        started_at=found["startedAt"],
        method=found["method"],
        path=found["path"],
        query=found.get("query", ""),
        status=found["status"],
        company_id=found.get("companyId"),
        application=found.get("application"),
        background=found.get("background", False),
        latency_ms=found.get("latencyMs", 0.0),
        request_id=found.get("requestId"),
        request_headers={h["name"]: h["value"] for h in request.get("headers", [])},
        response_headers={h["name"]: h["value"] for h in response.get("headers", [])},
        request_body=request_body.get("text", ""),
        response_body=response_body.get("text", ""),
        request_truncated=request_body.get("truncated", False),
        response_truncated=response_body.get("truncated", False),
        request_json=_parsed(request_body),
        response_json=_parsed(response_body),
        batches=tuple(found.get("batches", [])),
        events=tuple(found.get("events", [])),
    )


def calls(
    admin: AdminApi,
    company_id: int | None = None,
    method: str | None = None,
    path: str | None = None,
    status: int | str | None = None,
    *,
    application: str | None = None,
    since: str | None = None,
    limit: int = 1000,
) -> list[Call]:
    """The logged calls that match, oldest first. `path` is a glob (`/v1/customer*`), `status` a code or a class
    (`"4xx"`). Raises `AdminApiError` when the admin API refuses (a bad filter: its message names it)."""
    params: dict[str, Any] = {"limit": limit, "bodies": "true"}
    for name, value in (
        ("companyId", company_id),
        ("method", method),
        ("path", path),
        ("status", status),
        ("application", application),
        ("since", since),
    ):
        if value is not None:
            params[name] = value
    response = checked(admin.request("GET", "/requests", params=params), "GET", "/requests")
    return [_call(found) for found in reversed(response.json())]
