"""Security headers on every response: `X-Content-Type-Options: nosniff` always; on HTML (the login, consent and
admin pages, Swagger UI) a Content-Security-Policy with no inline script, no framing and no foreign form targets;
`Strict-Transport-Security` when the server is reached over TLS. A header the route set itself is kept."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Scripts only from this server's files (Swagger UI's bundle and its initialisation: no inline script); inline
# styles are allowed for the pages' <style> blocks and Swagger UI's; data: images are Swagger UI's icons.
PAGE_POLICY_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
)
HSTS = "max-age=31536000"

_NOSNIFF = (b"x-content-type-options", b"nosniff")
_HSTS = (b"strict-transport-security", HSTS.encode())


def page_policy(*, form_targets: Iterable[str] = ()) -> str:
    """The pages' Content-Security-Policy. Forms post to this server; `form_targets` adds the origins of URLs a
    form's answer redirects to (the consent form's redirect to the client's redirect URI), since browsers apply
    form-action to those redirects too."""
    sources = ["'self'", *(source for url in form_targets if (source := _origin(url)))]
    return "; ".join([*PAGE_POLICY_DIRECTIVES, f"form-action {' '.join(dict.fromkeys(sources))}"])


def _origin(url: str) -> str | None:
    """scheme://host[:port] of an http(s) URL, or None for anything that cannot be written into a policy."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host or not all(c.isalnum() or c in ".-:" for c in host):
        return None
    host = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{host}" + (f":{port}" if port is not None else "")


PAGE_HEADERS = (
    (b"content-security-policy", page_policy().encode()),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)


class SecurityHeaders:
    """Pure ASGI (one look at the response's header list, no body buffering): adds what is missing."""

    def __init__(self, app: ASGIApp, *, behind_tls: bool = False) -> None:
        self.app = app
        self.always = (_NOSNIFF, _HSTS) if behind_tls else (_NOSNIFF,)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = secured(message.get("headers") or [], self.always)
            await send(message)

        await self.app(scope, receive, sending)


def secured(headers: Iterable[tuple[bytes, bytes]], always: tuple[tuple[bytes, bytes], ...]) -> list:
    headers = list(headers)
    present = set()
    html = False
    for name, value in headers:
        name = name.lower()
        present.add(name)
        if name == b"content-type" and value[:9].lower() == b"text/html":
            html = True
    headers.extend(header for header in always if header[0] not in present)
    if html:
        headers.extend(header for header in PAGE_HEADERS if header[0] not in present)
    return headers
