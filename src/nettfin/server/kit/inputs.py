"""What a request may carry, checked before the application sees it, so a client's mistake is answered before
anything is parsed into a model or written.

- A body (any but a multipart upload, which streams under its own limit) over the limit is a 413 that names
  the limit, before reading it when Content-Length says so.
- A JSON body that is not JSON is a 400. orjson is stricter than the standard library the endpoints parse
  with: no NaN, no infinite numbers, a nesting depth of 1,024 (deeper would exhaust Python's recursion).
- Text that no column can store is a 400 naming where it is: a lone UTF-16 surrogate (`"\\ud800"`: not a
  character, so UTF-8 cannot encode it) in a body, or NUL (`"\\u0000"`, `%00`: PostgreSQL's text cannot hold
  it) in a body, the path or the query.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import orjson
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .body import is_json, media_type_of
from .errors import ApiError, BusinessError, PayloadTooLarge, error_response

_WITH_BODY = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def describe_size(limit: int) -> str:
    if limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MB ({limit:,} bytes)"
    return f"{limit:,} bytes"


def body_too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"The request body is larger than the limit of {describe_size(limit)}. Send fewer lines per request "
        "(add the rest with PUT and line operations), or raise NETTFIN_REQUEST_BODY_MAX_BYTES on your server."
    )


class RequestInput:
    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            check_address(scope)
        except ApiError as error:
            await error_response(error)(scope, receive, send)
            return
        headers = Headers(scope=scope)
        media_type = media_type_of(headers.get("content-type", ""))
        if scope["method"] not in _WITH_BODY or media_type.startswith("multipart/"):
            await self.app(scope, receive, send)
            return
        try:
            body = await self._read(headers, receive)
            if body is None:
                return  # the client hung up before sending the whole body: nothing to answer, nothing written
            if body and (not media_type or is_json(media_type)):
                check_json_text(body)
        except ApiError as error:
            await error_response(error)(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, headers: Headers, receive: Receive) -> bytes | None:
        declared = headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > self.max_bytes:
            raise body_too_large(self.max_bytes)
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                raise body_too_large(self.max_bytes)
            if not message.get("more_body", False):
                return bytes(body)


def check_address(scope: Scope) -> None:
    """400 for a NUL in the path or the query: no key or filter value can hold it."""
    if "\x00" in scope["path"]:
        raise BusinessError("The request's path holds a NUL character (%00), which no key can hold. Remove it.")
    query = scope.get("query_string", b"")
    if b"%00" in query or b"\x00" in query:
        raise BusinessError(
            "The request's query string holds a NUL character (%00), which no parameter can hold. Remove it."
        )


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: the disconnect, when it comes

    return replay


def check_json_text(body: bytes) -> None:
    """400 for a body that is not JSON, or whose text no column can store, naming the field."""
    try:
        parsed = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        where = _field_holding(_loads_leniently(body), _has_lone_surrogate) if "surrogate" in str(error) else None
        if where is not None:
            raise BusinessError(
                f"Invalid field '{where}': the text holds a lone UTF-16 surrogate (an escape such as \\ud800 "
                "without its pair), which is not a character. Send the text as valid Unicode."
            ) from None
        raise BusinessError(f"The request body is not valid JSON: {error}.") from None
    if b"\\u0000" in body:
        where = _field_holding(parsed, lambda text: "\x00" in text)
        if where is not None:
            raise BusinessError(
                f"Invalid field '{where}': the text holds a NUL character (\\u0000), which cannot be stored. "
                "Remove it from the text."
            )


def _loads_leniently(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _field_holding(value: Any, bad: Callable[[str], bool]) -> str | None:
    """The dotted path of the first key or string for which `bad` holds (`invoiceLines[2].description.value`)."""
    return next(_paths_holding(value, bad, ""), None)


def _paths_holding(value: Any, bad: Callable[[str], bool], path: str) -> Iterator[str]:
    if isinstance(value, str):
        if bad(value):
            yield path or "(body)"
    elif isinstance(value, dict):
        for key, member in value.items():
            where = f"{path}.{key}" if path else key
            if bad(key):
                yield where.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
            yield from _paths_holding(member, bad, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths_holding(item, bad, f"{path}[{index}]")
