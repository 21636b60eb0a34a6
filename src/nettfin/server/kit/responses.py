"""Write responses as the service gives them: 201 + Location + ETag, 204 + ETag, and If-Match checks."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import Header
from starlette.requests import Request
from starlette.responses import Response

from .errors import PreconditionFailed
from .render import time_stamp
from .wire import WireModel

IGNORED_FIELDS_HEADER = "X-Nettfin-Ignored-Fields"

_WRITE_HEADERS = {
    "ETag": {"description": "The new timeStamp of the record, quoted.", "schema": {"type": "string"}},
    IGNORED_FIELDS_HEADER: {
        "description": (
            "Body fields the service ignored (unknown names), comma-separated dotted paths, percent-encoded "
            "as UTF-8; at most 20 are listed, then `(+N more)`."
        ),
        "schema": {"type": "string"},
    },
}
CREATED_RESPONSE = {
    201: {
        "description": "Created; empty body.",
        "headers": {
            "Location": {
                "description": "Absolute URL of the new record; its last segment is the key.",
                "schema": {"type": "string"},
            },
            **_WRITE_HEADERS,
        },
    }
}
UPDATED_RESPONSE = {204: {"description": "Updated; empty body.", "headers": _WRITE_HEADERS}}


def _etag(row_version: int) -> str:
    return f'"{time_stamp(row_version)}"'


# A header is sent after the write has committed, so it must not be able to fail: names are percent-encoded
# (a header is Latin-1 at best and CR/LF would end it) and the list is capped.
_IGNORED_SHOWN = 20
_IGNORED_NAME_CHARS = 100


def ignored_fields_header(names: list[str]) -> str:
    """`a, b.c, ... (+N more)`: each name percent-encoded as UTF-8 (lone surrogates escaped) and shortened."""
    shown = [
        quote(name[:_IGNORED_NAME_CHARS].encode("utf-8", "backslashreplace"), safe="._-[]()$@!*+:;=/~'")
        for name in names[:_IGNORED_SHOWN]
    ]
    if len(names) > _IGNORED_SHOWN:
        shown.append(f"(+{len(names) - _IGNORED_SHOWN} more)")
    return ", ".join(shown)


def _write_headers(row_version: int, dto: WireModel | None, extra_ignored: list[str]) -> dict[str, str]:
    headers = {"ETag": _etag(row_version)}
    ignored = sorted({*(dto.ignored_fields() if dto else []), *extra_ignored})
    if ignored:
        headers[IGNORED_FIELDS_HEADER] = ignored_fields_header(ignored)
    return headers


def created(
    request: Request,
    key: str | tuple[str, ...],
    *,
    row_version: int,
    dto: WireModel | None = None,
    ignored: list[str] = (),
) -> Response:
    """201 with an absolute Location whose last segment is the new key (clients parse it); a key of several
    parts (`P`, `000001`) is as many segments."""
    collection = str(request.url.replace(query="", fragment="")).rstrip("/")
    headers = _write_headers(row_version, dto, list(ignored))
    parts = (key,) if isinstance(key, str) else key
    headers["Location"] = "/".join([collection, *(quote(part, safe="") for part in parts)])
    return Response(status_code=201, headers=headers)


def updated(*, row_version: int, dto: WireModel | None = None, ignored: list[str] = ()) -> Response:
    return Response(status_code=204, headers=_write_headers(row_version, dto, list(ignored)))


def etag_header(row_version: int) -> dict[str, str]:
    return {"ETag": _etag(row_version)}


IfMatch = Annotated[
    str | None,
    Header(alias="If-Match", description="The ETag (timeStamp) last read; a stale one gets 412 and changes nothing."),
]


def check_if_match(expected: str | None, row_version: int) -> None:
    """A stale If-Match stops the write before anything changes (412, empty body)."""
    if expected is None:
        return
    tags = {tag.strip().removeprefix("W/").strip('"') for tag in expected.split(",")}
    if "*" not in tags and time_stamp(row_version) not in tags:
        raise PreconditionFailed("The resource has been changed since it was read (If-Match).")
