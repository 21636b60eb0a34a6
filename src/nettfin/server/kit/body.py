"""Request bodies: JSON only, as the service's JSON endpoints."""

from __future__ import annotations

from starlette.requests import Request

from .errors import UnsupportedMediaType

_JSON_TYPES = ("application/json",)  # text/json is rewritten to application/json before routing


async def require_json(request: Request) -> None:
    """415 for a write whose Content-Type says it is not JSON (a missing Content-Type is read as JSON).

    A coroutine, though it awaits nothing: FastAPI runs a plain function dependency in the thread pool, a hop
    there and back per request that cost more than the check (kit/paging.py's `paging` says the same)."""
    if request.method not in ("POST", "PUT", "PATCH"):
        return
    content_type = request.headers.get("content-type")
    if content_type is None:
        return
    media_type = media_type_of(content_type)
    if is_json(media_type):
        return
    raise UnsupportedMediaType(
        f"The request entity's media type '{media_type}' is not supported for this resource. "
        "Send the body as application/json."
    )


def media_type_of(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def is_json(media_type: str) -> bool:
    return media_type in _JSON_TYPES or media_type.endswith("+json")
