"""The legacy Visma.net OAuth 2.0 flow (authorization code, refresh token), as the knowledge base describes it:
authorize at `<base>/resources/oauth/authorize`, exchange the code at `<base>/security/api/v2/token`, whose answer
names the token `token` (not `access_token`). `base` is the `/API` root (`NETTFIN_URL`, `VISMA_LEGACY_URL`).
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import secrets
import socket
import threading
import webbrowser
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx2

from ._client import NETTFIN_URL
from ._errors import NettfinError, OAuthError

SCOPE = "financialstasks"
AUTHORIZE_PATH = "/resources/oauth/authorize"
TOKEN_PATH = "/security/api/v2/token"
_LOOPBACK_HOSTS = {"127.0.0.1": "127.0.0.1", "localhost": "127.0.0.1", "::1": "::1", "[::1]": "::1"}


@dataclass(frozen=True)
class Pkce:
    """A PKCE pair (RFC 7636, S256 only, as nettfin requires): send `challenge` when authorizing and
    `verifier` when exchanging the code."""

    verifier: str

    @classmethod
    def generate(cls) -> Pkce:
        return cls(secrets.token_urlsafe(48))

    @property
    def challenge(self) -> str:
        digest = hashlib.sha256(self.verifier.encode()).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@dataclass(frozen=True)
class Tokens:
    """What the token endpoint gave: `token` (the bearer token) and, from nettfin, a `refresh_token`."""

    token: str
    refresh_token: str | None = None
    token_type: str = "bearer"
    scope: str | None = None

    @classmethod
    def from_answer(cls, body: dict[str, Any]) -> Tokens:
        # The legacy service names it `token`; standard OAuth 2.0 servers `access_token`.
        token = body.get("token") or body.get("access_token")
        if not token:
            raise OAuthError("invalid_response", f"the token endpoint answered without a token: {sorted(body)}")
        return cls(token, body.get("refresh_token"), body.get("token_type") or "bearer", body.get("scope"))


def authorization_url(
    client_id: str,
    redirect_uri: str,
    state: str,
    pkce: Pkce | None = None,
    *,
    base_url: str = NETTFIN_URL,
    scope: str = SCOPE,
) -> str:
    """Where to send the user's browser to log in and allow the client."""
    query = {"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri, "scope": scope}
    query["state"] = state
    if pkce is not None:
        query |= {"code_challenge": pkce.challenge, "code_challenge_method": "S256"}
    return f"{base_url.rstrip('/')}{AUTHORIZE_PATH}?{urlencode(query)}"


def _token_request(base_url: str, form: dict[str, str]) -> httpx2.Request:
    return httpx2.Request(
        "POST", f"{base_url.rstrip('/')}{TOKEN_PATH}", data=form, headers={"Accept": "application/json"}
    )


def _tokens_from(response: httpx2.Response) -> Tokens:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code != 200:
        error = body.get("error") if isinstance(body, dict) else None
        raise OAuthError(error or f"http_{response.status_code}", (body or {}).get("error_description", ""))
    return Tokens.from_answer(body)


def _post(request: httpx2.Request, transport: httpx2.BaseTransport | None) -> Tokens:
    with httpx2.Client(transport=transport, timeout=30.0) as http:
        return _tokens_from(http.send(request))


def exchange_code(
    code: str,
    *,
    client_id: str,
    client_secret: str,
    redirect_uri: str,
    pkce: Pkce | None = None,
    base_url: str = NETTFIN_URL,
    transport: httpx2.BaseTransport | None = None,
) -> Tokens:
    """Exchanges an authorization code for tokens (client credentials as form fields)."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "client_id": client_id,
        "client_secret": client_secret,
    }
    if pkce is not None:
        form["code_verifier"] = pkce.verifier
    return _post(_token_request(base_url, form), transport)


def _refresh_form(refresh_token: str, client_id: str, client_secret: str) -> dict[str, str]:
    return {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "client_id": client_id,
        "client_secret": client_secret,
    }


def refresh_tokens(
    refresh_token: str,
    *,
    client_id: str,
    client_secret: str,
    base_url: str = NETTFIN_URL,
    transport: httpx2.BaseTransport | None = None,
) -> Tokens:
    """A new token pair for a refresh token. nettfin rotates them: the old pair stops working."""
    return _post(_token_request(base_url, _refresh_form(refresh_token, client_id, client_secret)), transport)


class RefreshingToken(httpx2.Auth):
    """Bearer authentication that refreshes the token once when the API answers 401, then repeats the request.

    `on_refresh(tokens)` is called with each new pair (to save it). Works with both clients:
    `Client(token=RefreshingToken(tokens, client_id=..., client_secret=..., base_url=...))`.
    """

    requires_response_body = True

    def __init__(
        self,
        tokens: Tokens,
        *,
        client_id: str,
        client_secret: str,
        base_url: str = NETTFIN_URL,
        on_refresh: Callable[[Tokens], None] | None = None,
    ) -> None:
        self.tokens = tokens
        self._client_id, self._client_secret, self._base_url = client_id, client_secret, base_url
        self._on_refresh = on_refresh
        self._lock = threading.Lock()

    def auth_flow(self, request: httpx2.Request) -> Generator[httpx2.Request, httpx2.Response, None]:
        used = self.tokens
        request.headers["Authorization"] = f"Bearer {used.token}"
        response = yield request
        if response.status_code != 401 or not used.refresh_token:
            return
        with self._lock:
            current = self.tokens
        if current.token == used.token:
            # Nobody refreshed since this request was sent: refresh now (rotated pairs are single-use).
            form = _refresh_form(used.refresh_token, self._client_id, self._client_secret)
            current = _tokens_from((yield _token_request(self._base_url, form)))
            with self._lock:
                self.tokens = current
            if self._on_refresh is not None:
                self._on_refresh(current)
        request.headers["Authorization"] = f"Bearer {current.token}"
        yield request


class _Catcher(http.server.BaseHTTPRequestHandler):
    """Answers the browser's redirect to the loopback address and hands its query to the waiting flow."""

    server: _LoopbackServer

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        parts = urlsplit(self.path)
        if parts.path != self.server.expected_path:
            self.send_error(404)
            return
        self.server.received = {key: values[0] for key, values in parse_qs(parts.query).items()}
        body = b"<!doctype html><title>nettfin</title><p>Done. You can close this window and return to the terminal."
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.server.arrived.set()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the standard library's signature
        """Silent: the terminal belongs to the caller."""


class _LoopbackServer(http.server.HTTPServer):
    def __init__(self, host: str, port: int, path: str) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), _Catcher)
        self.expected_path = path or "/"
        self.received: dict[str, str] = {}
        self.arrived = threading.Event()


def _loopback(redirect_uri: str) -> _LoopbackServer:
    parts = urlsplit(redirect_uri)
    host = _LOOPBACK_HOSTS.get(parts.hostname or "")
    if parts.scheme != "http" or host is None or parts.port is None:
        raise NettfinError(f"the redirect URI must be http on a loopback address with a port, not {redirect_uri!r}")
    return _LoopbackServer(host, parts.port, parts.path)


def login_loopback(
    *,
    client_id: str,
    client_secret: str,
    redirect_uri: str = "http://localhost:5000/callback",
    base_url: str = NETTFIN_URL,
    open_browser: Callable[[str], Any] = webbrowser.open,
    timeout: float = 300.0,
    transport: httpx2.BaseTransport | None = None,
) -> Tokens:
    """Logs in through the browser: listens on the loopback redirect URI (registered for the client), opens
    the authorization URL, catches the redirect with the code, checks `state` and exchanges the code (PKCE)."""
    server = _loopback(redirect_uri)
    state, pkce = secrets.token_urlsafe(16), Pkce.generate()
    listener = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    listener.start()
    try:
        open_browser(authorization_url(client_id, redirect_uri, state, pkce, base_url=base_url))
        if not server.arrived.wait(timeout):
            raise OAuthError("timeout", f"no redirect reached {redirect_uri} within {timeout:.0f} seconds")
    finally:
        server.shutdown()
        server.server_close()
    answer = server.received
    if answer.get("state") != state:
        raise OAuthError("invalid_state", "the redirect's state is not the one sent; the login was not completed")
    if "error" in answer:
        raise OAuthError(answer["error"], answer.get("error_description", ""))
    return exchange_code(
        answer.get("code", ""),
        client_id=client_id,
        client_secret=client_secret,
        redirect_uri=redirect_uri,
        pkce=pkce,
        base_url=base_url,
        transport=transport,
    )
