"""Visma Connect, the OpenID Connect provider of today's Visma.net ERP API (and nettfin's own, which has the same
shape): the service flow (client credentials with `tenant_id`) and the interactive one (authorization code with
PKCE, refresh tokens), as httpx2 `Auth` objects that fetch, cache and renew the access token by themselves.

    from nettfin.client import VISMA_URL, Client, ClientCredentials

    auth = ClientCredentials(client_id="isv_...", client_secret="...", tenant_id="<company tenant GUID>")
    with Client(base_url=VISMA_URL, token=auth) as client:   # no company_id: the token names the company
        print(client.customers.list(page_size=5))

The token endpoint (and the authorize, revocation endpoints) come from the issuer's discovery document
(`<issuer>/.well-known/openid-configuration`); the issuer is `https://connect.visma.com` by default, or nettfin's
own base URL (`http://127.0.0.1:8080`), where nettfin is identity provider and API in one.
"""

from __future__ import annotations

import asyncio
import base64
import json
import secrets
import threading
import time
import webbrowser
from collections.abc import AsyncGenerator, Callable, Generator, Iterable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

import httpx2

from ._errors import NettfinError, OAuthError
from ._oauth import Pkce, _loopback

VISMA_CONNECT_URL = "https://connect.visma.com"
"""The issuer of Visma Connect; nettfin's own issuer is its base URL (`http://127.0.0.1:8080`)."""
DISCOVERY_PATH = "/.well-known/openid-configuration"
SERVICE_SCOPES = tuple(f"vismanet_erp_service_api:{verb}" for verb in ("read", "create", "update", "delete"))
INTERACTIVE_SCOPES = tuple(f"vismanet_erp_interactive_api:{verb}" for verb in ("read", "create", "update", "delete"))
LOGIN_SCOPES = ("openid", "profile", "email", "offline_access", *INTERACTIVE_SCOPES)
"""What `login_connect` asks for by default: the user's identity, a refresh token, and the four API scopes."""
DEFAULT_RENEW_BEFORE = 60.0
"""Seconds before expiry a token is renewed (at most a tenth of its lifetime, so a short-lived one is used too)."""


@dataclass(frozen=True)
class ConnectTokens:
    """A token answer from Visma Connect: the JWT `access_token`, when it expires (`expires_at`, epoch seconds by
    this machine's clock), and, from the interactive flow, `refresh_token` (with `offline_access`) and `id_token`
    (with `openid`)."""

    access_token: str
    expires_at: float
    refresh_token: str | None = None
    id_token: str | None = None
    scope: str | None = None
    token_type: str = "Bearer"

    @property
    def expires_in(self) -> float:
        return self.expires_at - time.time()

    def claims(self) -> dict[str, Any]:
        """The access token's claims (`tenant_id`, `client_id`, `scope`, `exp`...), decoded without verifying the
        signature: for display and decisions on this side, never as proof (the API verifies)."""
        return jwt_claims(self.access_token)

    def to_dict(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if value is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConnectTokens:
        return cls(**{key: data[key] for key in cls.__dataclass_fields__ if key in data})

    @classmethod
    def from_answer(cls, body: Any, *, now: float | None = None) -> ConnectTokens:
        if not isinstance(body, dict) or not isinstance(body.get("access_token"), str):
            keys = sorted(body) if isinstance(body, dict) else type(body).__name__
            raise OAuthError("invalid_response", f"the token endpoint answered without an access_token: {keys}")
        now = time.time() if now is None else now
        lifetime = body.get("expires_in")
        if isinstance(lifetime, str) and lifetime.strip().isdigit():
            lifetime = int(lifetime)  # some servers send it as a string
        if not isinstance(lifetime, int | float) or isinstance(lifetime, bool):
            claims = _claims_or_empty(body["access_token"])
            exp, iat = claims.get("exp"), claims.get("iat") or claims.get("nbf")
            # Relative to the token's own issue time, so a clock that disagrees with the server's does not matter.
            lifetime = exp - iat if isinstance(exp, int) and isinstance(iat, int) else 300
        return cls(
            access_token=body["access_token"],
            expires_at=now + float(lifetime),
            refresh_token=body.get("refresh_token"),
            id_token=body.get("id_token"),
            scope=body.get("scope"),
            token_type=body.get("token_type") or "Bearer",
        )


def jwt_claims(token: str) -> dict[str, Any]:
    """The payload of a JWT, not verified."""
    try:
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError) as error:
        raise NettfinError(f"not a JWT: {error}") from None


def _claims_or_empty(token: str) -> dict[str, Any]:
    try:
        claims = jwt_claims(token)
    except NettfinError:
        return {}
    return claims if isinstance(claims, dict) else {}


def _scope_text(scopes: str | Iterable[str]) -> str:
    return scopes if isinstance(scopes, str) else " ".join(scopes)


# --- requests and answers, shared by the Auth flows (through the API client's transport) and VismaConnect ------


def _discovery_request(issuer: str) -> httpx2.Request:
    return httpx2.Request("GET", f"{issuer}{DISCOVERY_PATH}", headers={"Accept": "application/json"})


def _metadata_from(issuer: str, response: httpx2.Response) -> dict[str, Any]:
    if response.status_code != 200:
        raise OAuthError(
            "discovery_failed", f"{issuer}{DISCOVERY_PATH} answered {response.status_code}: {response.text[:200]}"
        )
    try:
        metadata = response.json()
    except ValueError:
        metadata = None
    if not isinstance(metadata, dict) or not metadata.get("token_endpoint"):
        raise OAuthError("discovery_failed", f"{issuer}{DISCOVERY_PATH} is not a discovery document")
    # RFC 8414 §3.3: the document must name the issuer it was fetched from, or it is someone else's.
    if str(metadata.get("issuer", "")).rstrip("/") != issuer:
        raise OAuthError(
            "invalid_issuer",
            f"the discovery document at {issuer} names the issuer {metadata.get('issuer')!r}; give that as issuer "
            "(a nettfin server behind a proxy: its --public-url)",
        )
    return metadata


def _form_request(url: str, form: dict[str, str], client_id: str, client_secret: str | None, basic: bool):
    """A form POST to a token, revocation or introspection endpoint; a confidential client authenticates with
    HTTP Basic (`client_secret_basic`, RFC 6749 §2.3.1 encoding) or form fields (`client_secret_post`), a public
    client sends only its `client_id`."""
    headers = {"Accept": "application/json"}
    form = dict(form)
    if client_secret is None:
        form["client_id"] = client_id
    elif basic:
        pair = f"{_form_encoded(client_id)}:{_form_encoded(client_secret)}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
    else:
        form |= {"client_id": client_id, "client_secret": client_secret}
    return httpx2.Request("POST", url, data=form, headers=headers)


def _form_encoded(value: str) -> str:
    return urlencode({"": value})[1:]


def _tokens_from(response: httpx2.Response, now: float) -> ConnectTokens:
    try:
        body = response.json()
    except ValueError:
        body = None
    if response.status_code != 200:
        error = body.get("error") if isinstance(body, dict) else None
        description = (body or {}).get("error_description", "") if isinstance(body, dict) else response.text[:200]
        raise OAuthError(error or f"http_{response.status_code}", description or "")
    return ConnectTokens.from_answer(body, now=now)


class _RenewingAuth(httpx2.Auth):
    """Bearer authentication with a token it renews itself: before it expires (`renew_before` seconds, at most a
    tenth of its lifetime), and once when the API answers 401 to a token it still believed good (a rotated key, a
    clock that disagrees), then repeats the request. Renewal requests (and the discovery document) go through the
    API client's own transport. One renewal at a time per object, across threads or tasks."""

    def __init__(
        self,
        *,
        issuer: str,
        token_url: str | None,
        tokens: ConnectTokens | None,
        renew_before: float | None,
        on_token: Callable[[ConnectTokens], None] | None,
    ) -> None:
        self.issuer = issuer.rstrip("/")
        self.token_url = token_url
        self.tokens = tokens
        self.renew_before = renew_before
        self._on_token = on_token
        self._lock = threading.RLock()
        self._async_lock: asyncio.Lock | None = None
        self._lifetime = max(tokens.expires_in, 0.0) if tokens else None

    # what differs between the flows
    def _renewal_request(self) -> httpx2.Request:
        raise NotImplementedError

    def _can_renew(self) -> bool:
        return True

    # the shared logic
    def _stale(self, now: float) -> bool:
        if self.tokens is None:
            return True
        lifetime = self._lifetime if self._lifetime is not None else DEFAULT_RENEW_BEFORE * 10
        margin = self.renew_before if self.renew_before is not None else min(DEFAULT_RENEW_BEFORE, lifetime / 10)
        return now >= self.tokens.expires_at - margin and self._can_renew()

    def _accept(self, response: httpx2.Response, now: float) -> ConnectTokens:
        tokens = _tokens_from(response, now)
        if tokens.refresh_token is None and self.tokens is not None and self.tokens.refresh_token:
            tokens = replace(tokens, refresh_token=self.tokens.refresh_token)  # a server that re-uses it
        self.tokens, self._lifetime = tokens, max(tokens.expires_at - now, 0.0)
        if self._on_token is not None:
            self._on_token(tokens)
        return tokens

    def _bearer(self, request: httpx2.Request, tokens: ConnectTokens) -> httpx2.Request:
        request.headers["Authorization"] = f"Bearer {tokens.access_token}"
        return request

    def _renewals(
        self, used: ConnectTokens | None, force: bool
    ) -> Generator[httpx2.Request, httpx2.Response, ConnectTokens | None]:
        """The requests a renewal needs (the discovery document once, then the token request); the caller holds
        the lock and reads each answer's body before sending it back."""
        now = time.time()
        if self.tokens is not used and self.tokens is not None and not self._stale(now):
            return self.tokens  # renewed by someone else meanwhile
        if not force and not self._stale(now):
            return self.tokens
        if self.token_url is None:
            self.token_url = _metadata_from(self.issuer, (yield _discovery_request(self.issuer)))["token_endpoint"]
        return self._accept((yield self._renewal_request()), time.time())

    def sync_auth_flow(self, request: httpx2.Request) -> Generator[httpx2.Request, httpx2.Response, None]:
        with self._lock:
            yield from _reading(self._renewals(self.tokens, force=False))
            used = self.tokens
        response = yield self._bearer(request, used)
        if response.status_code != 401 or not self._can_renew():
            return
        with self._lock:
            yield from _reading(self._renewals(used, force=self.tokens is used))
            current = self.tokens
        yield self._bearer(request, current)

    async def async_auth_flow(self, request: httpx2.Request) -> AsyncGenerator[httpx2.Request, httpx2.Response]:
        if self._async_lock is None:
            self._async_lock = asyncio.Lock()
        async with self._async_lock:
            flow = self._renewals(self.tokens, force=False)
            try:
                renewal = next(flow)
                while True:
                    answer = yield renewal
                    await answer.aread()
                    renewal = flow.send(answer)
            except StopIteration:
                pass
            used = self.tokens
        response = yield self._bearer(request, used)
        if response.status_code != 401 or not self._can_renew():
            return
        async with self._async_lock:
            flow = self._renewals(used, force=self.tokens is used)
            try:
                renewal = next(flow)
                while True:
                    answer = yield renewal
                    await answer.aread()
                    renewal = flow.send(answer)
            except StopIteration:
                pass
            current = self.tokens
        yield self._bearer(request, current)

    def auth_flow(self, request: httpx2.Request) -> Generator[httpx2.Request, httpx2.Response, None]:
        raise RuntimeError("use sync_auth_flow or async_auth_flow")  # pragma: no cover - httpx2 calls those


def _reading(flow: Generator[httpx2.Request, httpx2.Response, None]):
    """Drives a renewal generator in a sync auth flow, reading each answer's body (the auth does not ask httpx2
    to read every body, so an attachment download still streams)."""
    try:
        request = next(flow)
        while True:
            response = yield request
            response.read()
            request = flow.send(response)
    except StopIteration:
        return


class ClientCredentials(_RenewingAuth):
    """The service flow: a token for one company (`tenant_id`, the company tenant's GUID), asked for with the
    application's id and secret, kept, and asked for again shortly before it expires. Give it as a client's
    `token`, without `company_id` (the token decides the company; no `ipp-company-id` is sent):

        auth = ClientCredentials("isv_nettfin_demo", "demo-service-secret", "de300000-0000-4000-8000-00000000c0de",
                                 issuer="http://127.0.0.1:8080")
        Client(base_url="http://127.0.0.1:8080", token=auth)

    `issuer` is Visma Connect's by default; `token_url` skips the discovery document. `auth_method` is
    `client_secret_basic` (default) or `client_secret_post`. `tokens` starts from a token kept earlier, and
    `on_token(tokens)` is called with every new one (to keep it).
    """

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        tenant_id: str | None,
        scopes: str | Iterable[str] = SERVICE_SCOPES,
        *,
        issuer: str = VISMA_CONNECT_URL,
        token_url: str | None = None,
        auth_method: str = "client_secret_basic",
        renew_before: float | None = None,
        tokens: ConnectTokens | None = None,
        on_token: Callable[[ConnectTokens], None] | None = None,
    ) -> None:
        if auth_method not in ("client_secret_basic", "client_secret_post"):
            raise NettfinError(f"auth_method must be client_secret_basic or client_secret_post, not {auth_method!r}")
        super().__init__(
            issuer=issuer, token_url=token_url, tokens=tokens, renew_before=renew_before, on_token=on_token
        )
        self.client_id, self.tenant_id, self.scope = client_id, tenant_id, _scope_text(scopes)
        self._secret, self._basic = client_secret, auth_method == "client_secret_basic"

    def _renewal_request(self) -> httpx2.Request:
        form = {"grant_type": "client_credentials", "scope": self.scope}
        if self.tenant_id:
            form["tenant_id"] = self.tenant_id
        return _form_request(self.token_url, form, self.client_id, self._secret, self._basic)

    def fetch(self, *, transport: httpx2.BaseTransport | None = None) -> ConnectTokens:
        """Asks for a new token now (outside a client), and keeps it."""
        with self._lock, httpx2.Client(transport=transport, timeout=30.0) as http:
            return _drive(self._renewals(None, force=True), http)


class RefreshingConnectToken(_RenewingAuth):
    """The interactive flow's tokens (from `login_connect` or `VismaConnect.exchange_code`) as a client's `token`:
    the access token is renewed with the refresh token shortly before it expires, and once on a 401. Without a
    refresh token (no `offline_access`) the access token is used until it expires. `on_token(tokens)` is
    called with every new pair (a one-time refresh token is replaced each time: keep the new one)."""

    def __init__(
        self,
        tokens: ConnectTokens,
        *,
        client_id: str,
        client_secret: str | None = None,
        issuer: str = VISMA_CONNECT_URL,
        token_url: str | None = None,
        auth_method: str = "client_secret_basic",
        renew_before: float | None = None,
        on_token: Callable[[ConnectTokens], None] | None = None,
    ) -> None:
        super().__init__(
            issuer=issuer, token_url=token_url, tokens=tokens, renew_before=renew_before, on_token=on_token
        )
        self.client_id = client_id
        self._secret, self._basic = client_secret, auth_method == "client_secret_basic"

    def _can_renew(self) -> bool:
        return self.tokens is not None and bool(self.tokens.refresh_token)

    def _renewal_request(self) -> httpx2.Request:
        form = {"grant_type": "refresh_token", "refresh_token": self.tokens.refresh_token}
        return _form_request(self.token_url, form, self.client_id, self._secret, self._basic)


def _drive(flow: Generator[httpx2.Request, httpx2.Response, None], http: httpx2.Client) -> Any:
    """Runs a request generator with a plain client; returns what it returns."""
    try:
        request = next(flow)
        while True:
            request = flow.send(http.send(request))
    except StopIteration as done:
        return done.value


class VismaConnect:
    """The identity provider (Visma Connect by default, or a nettfin server: `VismaConnect("http://127.0.0.1:8080")`)
    and what a program asks of it outside API calls: its discovery document, a client-credentials token, the
    authorization URL, the code exchange, a refresh, a revocation. Use as a context manager, or `close()`."""

    def __init__(
        self,
        issuer: str = VISMA_CONNECT_URL,
        *,
        transport: httpx2.BaseTransport | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.issuer = issuer.rstrip("/")
        self._http = httpx2.Client(transport=transport, timeout=timeout)
        self._metadata: dict[str, Any] | None = None

    def __enter__(self) -> VismaConnect:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    @property
    def metadata(self) -> dict[str, Any]:
        """The discovery document (fetched once)."""
        if self._metadata is None:
            self._metadata = _metadata_from(self.issuer, self._http.send(_discovery_request(self.issuer)))
        return self._metadata

    def endpoint(self, name: str) -> str:
        """`authorization_endpoint`, `token_endpoint`, `revocation_endpoint`...; an error names what is missing."""
        url = self.metadata.get(name)
        if not url:
            raise OAuthError("unsupported", f"{self.issuer} does not publish a {name} (not in its discovery document)")
        return url

    def client_credentials(
        self,
        client_id: str,
        client_secret: str,
        tenant_id: str | None,
        scopes: str | Iterable[str] = SERVICE_SCOPES,
        *,
        auth_method: str = "client_secret_basic",
    ) -> ConnectTokens:
        auth = ClientCredentials(
            client_id, client_secret, tenant_id, scopes, issuer=self.issuer,
            token_url=self.endpoint("token_endpoint"), auth_method=auth_method,
        )  # fmt: skip
        return _drive(auth._renewals(None, force=True), self._http)

    def authorization_url(
        self,
        client_id: str,
        redirect_uri: str,
        *,
        state: str,
        pkce: Pkce | None = None,
        scopes: str | Iterable[str] = LOGIN_SCOPES,
        nonce: str | None = None,
        prompt: str | None = None,
        response_mode: str | None = None,
        **extra: str,
    ) -> str:
        """Where to send the user's browser (PKCE with S256 when `pkce` is given)."""
        query = {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "scope": _scope_text(scopes),
            "state": state,
        }
        if pkce is not None:
            query |= {"code_challenge": pkce.challenge, "code_challenge_method": "S256"}
        optional = {"nonce": nonce, "prompt": prompt, "response_mode": response_mode, **extra}
        query |= {key: value for key, value in optional.items() if value is not None}
        endpoint = self.endpoint("authorization_endpoint")
        return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"

    def exchange_code(
        self,
        code: str,
        *,
        client_id: str,
        redirect_uri: str,
        client_secret: str | None = None,
        pkce: Pkce | None = None,
        auth_method: str = "client_secret_basic",
    ) -> ConnectTokens:
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
        if pkce is not None:
            form["code_verifier"] = pkce.verifier
        request = _form_request(
            self.endpoint("token_endpoint"), form, client_id, client_secret, auth_method == "client_secret_basic"
        )
        return _tokens_from(self._http.send(request), time.time())

    def refresh(
        self,
        refresh_token: str,
        *,
        client_id: str,
        client_secret: str | None = None,
        auth_method: str = "client_secret_basic",
    ) -> ConnectTokens:
        """New tokens for a refresh token; a server that re-uses refresh tokens sends none back, so the one given
        is kept in the answer."""
        form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        request = _form_request(
            self.endpoint("token_endpoint"), form, client_id, client_secret, auth_method == "client_secret_basic"
        )
        tokens = _tokens_from(self._http.send(request), time.time())
        return tokens if tokens.refresh_token else replace(tokens, refresh_token=refresh_token)

    def revoke(
        self,
        token: str,
        *,
        client_id: str,
        client_secret: str | None = None,
        token_type_hint: str = "refresh_token",
        auth_method: str = "client_secret_basic",
    ) -> None:
        """Revokes a refresh token (or an access token) at the revocation endpoint (RFC 7009)."""
        form = {"token": token, "token_type_hint": token_type_hint}
        request = _form_request(
            self.endpoint("revocation_endpoint"), form, client_id, client_secret, auth_method == "client_secret_basic"
        )
        response = self._http.send(request)
        if response.status_code != 200:
            _tokens_from(response, 0)  # raises the OAuth error

    def login_loopback(
        self,
        *,
        client_id: str,
        redirect_uri: str,
        client_secret: str | None = None,
        scopes: str | Iterable[str] = LOGIN_SCOPES,
        prompt: str | None = None,
        open_browser: Callable[[str], Any] = webbrowser.open,
        timeout: float = 300.0,
        auth_method: str = "client_secret_basic",
    ) -> ConnectTokens:
        """Logs a user in through the browser: listens on the loopback redirect URI (registered for the
        application, with its port), opens the authorization URL (PKCE S256, `state`, `nonce`), catches the
        redirect, checks `state` (and `iss` when the server sends it), and exchanges the code."""
        server = _loopback(redirect_uri)
        state, nonce, pkce = secrets.token_urlsafe(16), secrets.token_urlsafe(16), Pkce.generate()
        url = self.authorization_url(
            client_id, redirect_uri, state=state, pkce=pkce, scopes=scopes, nonce=nonce, prompt=prompt
        )
        listener = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        listener.start()
        try:
            open_browser(url)
            if not server.arrived.wait(timeout):
                raise OAuthError("timeout", f"no redirect reached {redirect_uri} within {timeout:.0f} seconds")
        finally:
            server.shutdown()
            server.server_close()
        answer = server.received
        if answer.get("state") != state:
            raise OAuthError("invalid_state", "the redirect's state is not the one sent; the login was not completed")
        if "iss" in answer and answer["iss"].rstrip("/") != self.issuer:
            raise OAuthError("invalid_issuer", f"the redirect came from {answer['iss']!r}, not {self.issuer!r}")
        if "error" in answer:
            raise OAuthError(answer["error"], answer.get("error_description", ""))
        tokens = self.exchange_code(
            answer.get("code", ""),
            client_id=client_id,
            redirect_uri=redirect_uri,
            client_secret=client_secret,
            pkce=pkce,
            auth_method=auth_method,
        )
        if tokens.id_token and _claims_or_empty(tokens.id_token).get("nonce", nonce) != nonce:
            raise OAuthError("invalid_nonce", "the ID token's nonce is not the one sent; the login was not completed")
        return tokens


def login_connect(
    *,
    client_id: str,
    redirect_uri: str,
    client_secret: str | None = None,
    issuer: str = VISMA_CONNECT_URL,
    scopes: str | Iterable[str] = LOGIN_SCOPES,
    prompt: str | None = None,
    open_browser: Callable[[str], Any] = webbrowser.open,
    timeout: float = 300.0,
    transport: httpx2.BaseTransport | None = None,
) -> ConnectTokens:
    """`VismaConnect(issuer).login_loopback(...)` in one call: the interactive login through the browser."""
    with VismaConnect(issuer, transport=transport) as connect:
        return connect.login_loopback(
            client_id=client_id,
            redirect_uri=redirect_uri,
            client_secret=client_secret,
            scopes=scopes,
            prompt=prompt,
            open_browser=open_browser,
            timeout=timeout,
        )
