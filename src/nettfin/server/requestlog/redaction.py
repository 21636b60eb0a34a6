"""Secrets kept out of the request log: credential headers everywhere, and the secret fields of the token
endpoints' form and JSON bodies (both ways) and query strings. A redacted value reads `[redacted]`."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import orjson

REDACTED = "[redacted]"
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
SECRET_FIELDS = frozenset(
    {
        "client_secret",
        "password",
        "code",
        "code_verifier",
        "client_assertion",
        "refresh_token",
        "access_token",
        "token",
        "id_token",
        "id_token_hint",
    }
)
# The paths whose bodies carry credentials: Visma Connect's token endpoints and the legacy security API.
TOKEN_PATHS = ("/connect/", "/API/security/")


def token_path(path: str) -> bool:
    return path.startswith(TOKEN_PATHS)


def headers(pairs: list[tuple[bytes, bytes]]) -> list[list[str]]:
    shown = []
    for name, value in pairs:
        text = name.decode("latin-1").lower()
        shown.append([text, REDACTED if text in SECRET_HEADERS else value.decode("latin-1")])
    return shown


def query(raw: str) -> str:
    if not raw:
        return raw
    pairs = parse_qsl(raw, keep_blank_values=True)
    if not any(name.lower() in SECRET_FIELDS for name, _ in pairs):
        return raw
    return urlencode([(name, REDACTED if name.lower() in SECRET_FIELDS else value) for name, value in pairs])


def _json(value):
    if isinstance(value, dict):
        return {
            key: (REDACTED if isinstance(key, str) and key.lower() in SECRET_FIELDS else _json(item))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_json(item) for item in value]
    return value


def body(raw: bytes, content_type: str, *, complete: bool) -> bytes:
    """A token endpoint's body with its secret fields redacted. A body that cannot be read as a whole (cut at the
    cap, or neither a form nor JSON) is not shown at all: it may hold a secret no rule finds."""
    if not raw:
        return raw
    if not complete:
        return REDACTED.encode()
    if "json" in content_type or raw[:1] in (b"{", b"["):
        try:
            return orjson.dumps(_json(orjson.loads(raw)))
        except orjson.JSONDecodeError:
            return REDACTED.encode()
    if "x-www-form-urlencoded" in content_type:
        return query(raw.decode("utf-8", "replace")).encode()
    return REDACTED.encode()
