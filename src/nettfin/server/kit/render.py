"""The read side of the wire: JSON bodies with exact decimals and the service's datetime format, and without
the properties that have no value.

The real service leaves a property without a value out of its bodies (empty lists stay `[]`); DTO builders
here say None for "no value", and `json_response` drops those keys at every depth, once, for every resource.
A server started with `NETTFIN_RENDER_NULLS=true` keeps them as explicit `null`s instead.
"""

from __future__ import annotations

import base64
from contextvars import ContextVar
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any

import orjson
from pydantic import WithJsonSchema
from starlette.responses import Response

from .call_flags import CallFlag

# A Decimal in a read DTO. `dumps` renders it as a JSON number that keeps its scale, so the OpenAPI document
# says number; pydantic alone would say string (or string-or-number), which no response ever is.
DecimalNumber = Annotated[Decimal, WithJsonSchema({"type": "number"})]


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        # A JSON number that keeps its scale (1234.7700), never a float and never a string.
        return orjson.Fragment(format(value, "f").encode())
    raise TypeError(f"cannot render {type(value).__name__} as JSON")


def dumps(payload: Any) -> bytes:
    return orjson.dumps(payload, default=_default)


# Set for the requests of a server that renders nulls (`RenderNulls`); a context variable, so it follows a
# request into the thread pool and costs nothing where it is not set.
_RENDER_NULLS: ContextVar[bool] = ContextVar("render_nulls", default=False)


def _without_nulls(obj: dict) -> dict:
    # One comprehension per object and no call per scalar: this pass is on every response, lists included.
    return {
        key: _without_nulls(value)
        if type(value) is dict
        else _list_without_nulls(value)
        if type(value) is list
        else value
        for key, value in obj.items()
        if value is not None
    }


def _list_without_nulls(items: list) -> list:
    return [
        _without_nulls(item) if type(item) is dict else _list_without_nulls(item) if type(item) is list else item
        for item in items
    ]


def without_nulls(payload: Any) -> Any:
    """The payload with every null-valued property left out, at every depth; lists keep their elements."""
    if type(payload) is dict:
        return _without_nulls(payload)
    if type(payload) is list:
        return _list_without_nulls(payload)
    return payload


class RenderNulls(CallFlag):
    """ASGI middleware of a server started with `render_nulls`: its bodies keep null-valued properties."""

    flag = _RENDER_NULLS


def rendering_nulls() -> bool:
    """Whether this request's server keeps null-valued properties (`render_nulls`)."""
    return _RENDER_NULLS.get()


def render_body(payload: Any, *, compact: bool = False) -> bytes:
    """A response body as the service writes it (see the module's docstring). `compact`: the payload has no
    null anywhere already (a declared resource's rendering), so the pass over it is skipped."""
    return dumps(payload if compact or _RENDER_NULLS.get() else without_nulls(payload))


def json_response(
    payload: Any, *, status_code: int = 200, headers: dict[str, str] | None = None, compact: bool = False
) -> Response:
    return json_bytes_response(render_body(payload, compact=compact), status_code=status_code, headers=headers)


def json_bytes_response(body: bytes, *, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A response of a body rendered already."""
    return Response(
        content=body, status_code=status_code, media_type="application/json; charset=utf-8", headers=headers
    )


def format_datetime(value: datetime | None) -> str | None:
    """`2020-03-01T00:00:00`, or `2021-03-26T12:47:41.143` with milliseconds; UTC, no offset, as Visma does."""
    if value is None:
        return None
    value = value.astimezone(UTC).replace(tzinfo=None)
    # isoformat is several times faster than strftime, and lists render two of these a row.
    return value.isoformat(timespec="milliseconds" if value.microsecond else "seconds")


def format_date(value: date | None) -> str | None:
    return None if value is None else f"{value.isoformat()}T00:00:00"


def format_instant(value: datetime | None) -> str | None:
    """`2026-12-04T16:30:52.517Z`: an instant on nettfin's own surfaces (the admin API, the CLI, the request log's
    HAR), ISO 8601 in UTC with milliseconds and `Z`; Visma's own bodies use `format_datetime`."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def time_stamp(row_version: int) -> str:
    """The body's `timeStamp` and the `ETag` header: a rowversion rendered as base64, like SQL Server's."""
    return base64.b64encode(row_version.to_bytes(8, "big")).decode()
