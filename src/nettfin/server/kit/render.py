"""The read side of the wire: JSON bodies with exact decimals and the service's datetime format."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any

import orjson
from pydantic import WithJsonSchema
from starlette.responses import Response

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


def json_response(payload: Any, *, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        content=dumps(payload),
        status_code=status_code,
        media_type="application/json; charset=utf-8",
        headers=headers,
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


def time_stamp(row_version: int) -> str:
    """The body's `timeStamp` and the `ETag` header: a rowversion rendered as base64, like SQL Server's."""
    return base64.b64encode(row_version.to_bytes(8, "big")).decode()
