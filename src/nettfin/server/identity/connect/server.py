"""The Connect token endpoint on Authlib's generic AuthorizationServer: client authentication (HTTP Basic or form
fields), grant dispatch and the OAuth error responses are Authlib's; nettfin adds the applications, the
`tenant_id` parameter (`invalid_tenant`), the scope rules and the JWT.

Grants: `client_credentials` (here), `authorization_code` and `refresh_token` (interactive.py). An application whose
type may not use a grant gets `unauthorized_client`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from authlib.oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, grants
from authlib.oauth2.rfc6749.errors import (
    InvalidClientError,
    InvalidRequestError,
    InvalidScopeError,
    OAuth2Error,
    UnauthorizedClientError,
    UnsupportedGrantTypeError,
)
from sqlalchemy import select

from ...db.clock import Clock, wallclock
from ...db.engine import Database
from ..models import Company
from .keys import KeyRing
from .models import (
    AUTHORIZATION_CODE,
    CLIENT_CREDENTIALS,
    CONFIDENTIAL_TYPES,
    IDENTITY_SCOPES,
    INTERACTIVE_SCOPES,
    NATIVE,
    REFRESH_REUSE,
    REFRESH_TOKEN,
    SERVICE_SCOPES,
    ApplicationGrant,
    ConnectApplication,
)
from .service import is_loopback, secret_matches
from .tokens import issue_access_token, real_time

CONFIDENTIAL_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]


class InvalidTenantError(OAuth2Error):
    """Visma Connect's own code: the tenant is missing, unknown, or has not approved the application (§1.6)."""

    error = "invalid_tenant"
    status_code = 400


@dataclass(frozen=True)
class ConnectClient(ClientMixin):
    """An application as Authlib sees it (a snapshot of its row)."""

    id: int
    client_id: str
    app_type: str
    grants: tuple[str, ...]
    allowed_scopes: tuple[str, ...]
    token_lifetime: int
    db: Database
    name: str = ""
    refresh_policy: str = REFRESH_REUSE
    redirect_uris: tuple[str, ...] = ()
    post_logout_redirect_uris: tuple[str, ...] = ()

    @property
    def public(self) -> bool:
        return self.app_type not in CONFIDENTIAL_TYPES

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        return None

    def get_allowed_scope(self, scope: str | None) -> str:
        return " ".join(s for s in (scope or "").split() if s in self.allowed_scopes)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        """Exactly as registered; a native application's loopback URI with any port (RFC 8252 §7.3: the app
        listens on a port the system gives it when the sign-in starts)."""
        if redirect_uri in self.redirect_uris:
            return True
        return self.app_type == NATIVE and any(
            loopback_match(registered, redirect_uri) for registered in self.redirect_uris
        )

    def check_client_secret(self, client_secret: str) -> bool:
        with self.db.reading() as session:
            return secret_matches(session, self.id, client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        if self.app_type in CONFIDENTIAL_TYPES:
            return method in CONFIDENTIAL_AUTH_METHODS
        return method == "none"

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code" and AUTHORIZATION_CODE in self.grants

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in self.grants


def loopback_match(registered: str, requested: str) -> bool:
    """Both http on the same loopback host, the same path and query; the port may differ."""
    mine, theirs = urlsplit(registered), urlsplit(requested)
    try:
        theirs.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return False
    return (
        mine.scheme == theirs.scheme == "http"
        and is_loopback(mine.hostname)
        and mine.hostname == theirs.hostname
        and theirs.username is None
        and theirs.password is None
        and (mine.path or "/") == (theirs.path or "/")
        and mine.query == theirs.query
        and not theirs.fragment
    )


def require_grant_type(client: ConnectClient, grant_type: str) -> None:
    if not client.check_grant_type(grant_type):
        raise UnauthorizedClientError(
            f"Application '{client.client_id}' ({client.app_type}) may not use grant_type={grant_type}; "
            f"it may use {', '.join(client.grants) or 'no grant'}."
        )


class ServiceGrant(grants.ClientCredentialsGrant):
    """client_credentials with Connect's `tenant_id`: a token for one company, for the scopes asked for."""

    TOKEN_ENDPOINT_AUTH_METHODS = CONFIDENTIAL_AUTH_METHODS

    def validate_token_request(self) -> None:
        client: ConnectClient = self.authenticate_token_endpoint_client()
        require_grant_type(client, self.GRANT_TYPE)
        self.request.client = client
        self.request.connect_scopes = _requested_scopes(client, self.request.payload.scope)
        self.request.connect_tenant, self.request.connect_company = self.server.approved_tenant(
            client, self.request.payload.data.get("tenant_id")
        )

    def create_token_response(self):
        server: ConnectAuthorizationServer = self.server
        client: ConnectClient = self.request.client
        scopes = self.request.connect_scopes
        access_token = issue_access_token(
            server.keys,
            issuer=self.request.issuer,
            audience=self.request.audience,
            client_id=client.client_id,
            tenant_id=self.request.connect_tenant,
            scopes=scopes,
            lifetime=client.token_lifetime,
            now=server.company_time(self.request.connect_company),
        )
        body = {
            "access_token": access_token,
            "expires_in": client.token_lifetime,
            "token_type": "Bearer",
            "scope": " ".join(scopes),
        }
        return 200, body, self.TOKEN_RESPONSE_HEADER


def _requested_scopes(client: ConnectClient, scope: str | None) -> list[str]:
    requested = list(dict.fromkeys((scope or "").split()))
    allowed = [s for s in client.allowed_scopes if s in SERVICE_SCOPES]
    if not requested:
        raise InvalidScopeError(
            f"The 'scope' parameter is required; this application may ask for: {' '.join(allowed)}."
        )
    refused = [s for s in requested if s not in allowed]
    if refused:
        raise InvalidScopeError(
            f"Application '{client.client_id}' may not ask for {safe(' '.join(refused))} with client_credentials; "
            f"it may ask for: {' '.join(allowed) or 'nothing'}."
        )
    return requested


class ConnectAuthorizationServer(AuthorizationServer):
    # What discovery advertises: the grants that can end in a token.
    GRANT_TYPES_SUPPORTED = (AUTHORIZATION_CODE, CLIENT_CREDENTIALS, REFRESH_TOKEN)
    SCOPES_SUPPORTED = (*SERVICE_SCOPES, *INTERACTIVE_SCOPES, *IDENTITY_SCOPES)

    def __init__(self, db: Database, keys: KeyRing) -> None:
        from .interactive import InteractiveCodeGrant, InteractiveRefreshGrant

        super().__init__(scopes_supported=list(self.SCOPES_SUPPORTED))
        self.db = db
        self.keys = keys
        # A company's moved clock (db/clock.py); ConnectProvider.use_company_clocks sets it.
        self.company_clock: Callable[[int], Clock | None] = real_time
        self.register_grant(ServiceGrant)
        self.register_grant(InteractiveCodeGrant)
        self.register_grant(InteractiveRefreshGrant)

    def query_client(self, client_id: str) -> ConnectClient | None:
        with self.db.reading() as session:
            row = session.scalar(select(ConnectApplication).where(ConnectApplication.client_id == client_id))
        if row is None:
            return None
        if row.disabled_at is not None:
            raise InvalidClientError(description=f"Application '{client_id}' is disabled.")
        return ConnectClient(
            id=row.id,
            client_id=row.client_id,
            app_type=row.app_type,
            grants=tuple(row.grants or ()),
            allowed_scopes=tuple(row.allowed_scopes or ()),
            token_lifetime=row.token_lifetime,
            db=self.db,
            name=row.name,
            refresh_policy=row.refresh_policy,
            redirect_uris=tuple(row.redirect_uris or ()),
            post_logout_redirect_uris=tuple(row.post_logout_redirect_uris or ()),
        )

    def authenticate_client(self, request, methods, endpoint="token"):
        """Authlib's client authentication, with nettfin's answers: credentials sent both ways are refused
        (RFC 6749 §2.3); a failure is 401 with WWW-Authenticate when the client used HTTP Basic, else 400."""
        basic = request.headers.get("Authorization", "").split(" ", 1)[0].lower() == "basic"
        form = request.form
        if basic and "client_secret" in form:
            raise InvalidRequestError("Send the client credentials once: in HTTP Basic or in the form, not both.")
        try:
            return super().authenticate_client(request, methods, endpoint)
        except InvalidClientError as error:
            error.status_code = 401 if basic else 400
            if error.description.startswith("The client cannot authenticate"):
                error.description = _authentication_failure(request, basic)
            raise

    def company_time(self, company_id: int) -> int:
        """Now in the company's time (its clock when a test moved it), as a Unix time: what its tokens are
        issued at, since the API measures their lifetime by that clock (tokens.py)."""
        moved = self.company_clock(company_id)
        return int((wallclock() if moved is None else moved.at(wallclock())).timestamp())

    def approved_tenant(self, client: ConnectClient, tenant_id: str | None) -> tuple[str, int]:
        """The tenant's GUID, normalised, and its company's id."""
        if not tenant_id:
            raise InvalidTenantError(
                "The 'tenant_id' parameter is required: the company-tenant GUID of the company that approved the "
                "application (nettfin admin company list)."
            )
        guid = tenant_id.strip().lower()
        with self.db.reading() as session:
            company_id = session.scalar(select(Company.id).where(Company.tenant_guid == guid))
            granted = company_id is not None and session.get(ApplicationGrant, (client.id, company_id)) is not None
        if company_id is None:
            raise InvalidTenantError(f"No company has the tenant id '{safe(tenant_id)}'.")
        if not granted:
            raise InvalidTenantError(
                f"Tenant '{guid}' has not approved application '{client.client_id}' "
                f"(nettfin admin app grant {client.client_id} --company {company_id})."
            )
        return guid, company_id

    def get_token_grant(self, request):
        if not request.payload.grant_type:
            raise InvalidRequestError("The 'grant_type' parameter is required.")
        try:
            return super().get_token_grant(request)
        except UnsupportedGrantTypeError as error:
            error.description = (
                f"grant_type={safe(error.grant_type)} is not supported; this server issues tokens for "
                f"{', '.join(self.GRANT_TYPES_SUPPORTED)}."
            )
            raise

    def create_token_response(self, request=None):
        request = self.create_oauth2_request(request)
        try:
            return super().create_token_response(request)
        except InvalidRequestError as error:  # raised before Authlib's own error handling (get_token_grant)
            return self.handle_error_response(request, error)

    def save_token(self, token: dict, request) -> None:
        """Nothing to store: the access token is self-contained."""

    def create_oauth2_request(self, request):
        return request

    def create_json_request(self, request):
        raise NotImplementedError("the token endpoint takes form bodies only")

    def handle_response(self, status: int, body: Any, headers: list) -> tuple[int, Any, list]:
        return status, body, headers

    def send_signal(self, name: str, *args, **kwargs) -> None:
        """No listeners."""


def _authentication_failure(request, basic: bool) -> str:
    client_id = request.payload.client_id
    if not basic and not client_id:
        return "Client authentication failed: send client_id and client_secret (form fields or HTTP Basic)."
    if not basic and not request.form.get("client_secret"):
        return f"Client authentication failed: no client_secret for '{safe(client_id)}'."
    return "Client authentication failed: the client secret is wrong, revoked or expired."


def safe(value: str, limit: int = 100) -> str:
    """A client's value, fit for an OAuth error_description (RFC 6749 §5.2: printable ASCII but `"` and `\\`)."""
    cleaned = "".join(ch if 0x20 <= ord(ch) <= 0x7E and ch not in '"\\' else "?" for ch in value)
    return cleaned if len(cleaned) <= limit else cleaned[:limit] + "..."
