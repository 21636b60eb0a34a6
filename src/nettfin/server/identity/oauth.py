"""The legacy Visma.net OAuth 2.0 server (authorization code, refresh token) on Authlib's generic server.

nettfin's adapter supplies storage (clients, single-use codes, hashed tokens) and the service's token response:
`{"token": ..., "token_type": "bearer", "scope": "financialstasks"}` — `token`, not `access_token`, as the real
service answers (a setting, and the Swagger UI client, add the standard fields for generic OAuth tools).
Overrides of Authlib's defaults: PKCE S256 only, refresh tokens rotate, redirect URIs match exactly.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections import defaultdict
from datetime import timedelta
from typing import Any

from authlib.common.security import generate_token
from authlib.oauth2 import AuthorizationServer, OAuth2Request
from authlib.oauth2.rfc6749 import AuthorizationCodeMixin, ClientMixin, OAuth2Payload, grants
from authlib.oauth2.rfc6749.errors import InvalidRequestError
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from sqlalchemy import select, update

from ..db.base import utcnow
from ..db.engine import Database
from .models import ORIGIN_CLIENT, ORIGIN_SWAGGER, ApiClient, ApiToken, AuthorizationCode, User
from .service import hash_token

SCOPE = "financialstasks"
SCOPE_IN_WORDS = "Access to Visma.net Financials endpoints (read and write the companies you can use)"
CODE_LIFETIME = timedelta(minutes=10)
SWAGGER_CLIENT_ID = "nettfin-swagger"
SWAGGER_REDIRECT_PATH = "/swagger/oauth2-redirect.html"


class OAuthClient(ClientMixin):
    """A registered ApiClient, or Swagger UI's public client, as Authlib sees it."""

    def __init__(self, *, row: ApiClient | None, client_id: str, name: str, redirect_uris: list[str]) -> None:
        self.row = row
        self.client_id = client_id
        self.name = name
        self.redirect_uris = redirect_uris

    @property
    def is_swagger(self) -> bool:
        return self.row is None

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        return self.redirect_uris[0] if len(self.redirect_uris) == 1 else None

    def get_allowed_scope(self, scope: str | None) -> str:
        return SCOPE

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        if self.is_swagger:
            # The authorize page has already checked it is this server's own Swagger UI page.
            return redirect_uri.endswith(SWAGGER_REDIRECT_PATH)
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return self.row is not None and hash_token(client_secret) == self.row.secret_hash

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        if self.is_swagger:
            return method == "none"
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in ("authorization_code", "refresh_token")


class OAuthCode(AuthorizationCodeMixin):
    def __init__(self, row: AuthorizationCode) -> None:
        self.row = row

    def get_redirect_uri(self) -> str:
        return self.row.redirect_uri

    def get_scope(self) -> str:
        return self.row.scope


class NettfinRequest(OAuth2Request):
    """An OAuth2Request built from already-parsed query and form data.

    Authlib refuses plain-HTTP URIs outside loopback; nettfin leaves TLS to the deployment (a proxy in front),
    and runs on plain HTTP in development and tests, so the transport check is not applied here.
    """

    def __init__(self, method: str, uri: str, headers: dict, query: dict, form: dict) -> None:
        self.method, self.uri, self.headers = method, uri, headers
        self._body = None
        self._query, self._form = query, form
        self.payload = _Payload({**query, **form})
        self.client = self.auth_method = self.user = None
        self.authorization_code = self.refresh_token = self.credential = None
        self._scope = None

    @property
    def args(self) -> dict:
        return self._query

    @property
    def form(self) -> dict:
        return self._form


class _Payload(OAuth2Payload):
    def __init__(self, data: dict) -> None:
        self._data = data
        self._datalist = defaultdict(list, {key: [value] for key, value in data.items()})

    @property
    def data(self) -> dict:
        return self._data

    @property
    def datalist(self):
        return self._datalist


class S256Only(CodeChallenge):
    """PKCE with S256 only: `plain` is refused, and a challenge without a method is refused too."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]
    DEFAULT_CODE_CHALLENGE_METHOD = "S256"

    def validate_code_challenge(self, grant, redirect_uri):
        data = grant.request.payload.data
        if data.get("code_challenge") and data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("'code_challenge_method' must be S256.")
        super().validate_code_challenge(grant, redirect_uri)

    def get_authorization_code_challenge(self, authorization_code: OAuthCode):
        return authorization_code.row.code_challenge

    def get_authorization_code_challenge_method(self, authorization_code: OAuthCode):
        return authorization_code.row.code_challenge_method


class CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

    def save_authorization_code(self, code: str, request) -> None:
        data = request.payload.data
        with self.server.db.writing() as session:
            session.add(
                AuthorizationCode(
                    code_hash=hash_token(code),
                    client_id=self.server.client_row_id(request.client),
                    user_id=request.user.id,
                    redirect_uri=request.payload.redirect_uri or request.client.get_default_redirect_uri(),
                    scope=SCOPE,
                    code_challenge=data.get("code_challenge"),
                    code_challenge_method=data.get("code_challenge_method"),
                    expires_at=utcnow() + CODE_LIFETIME,
                )
            )

    def query_authorization_code(self, code: str, client: OAuthClient) -> OAuthCode | None:
        """Claim the code atomically, so it is single-use across every worker; a replay revokes what it issued."""
        now = utcnow()
        code_hash = hash_token(code)
        with self.server.db.writing() as session:
            claimed = session.execute(
                update(AuthorizationCode)
                .where(
                    AuthorizationCode.code_hash == code_hash,
                    AuthorizationCode.client_id.is_not_distinct_from(self.server.client_row_id(client)),
                    AuthorizationCode.used_at.is_(None),
                    AuthorizationCode.expires_at > now,
                )
                .values(used_at=now)
            ).rowcount
            row = session.scalar(select(AuthorizationCode).where(AuthorizationCode.code_hash == code_hash))
            if row is not None and not claimed and row.used_at is not None:
                session.execute(
                    update(ApiToken)
                    .where(ApiToken.authorization_code_id == row.id, ApiToken.revoked_at.is_(None))
                    .values(revoked_at=now)
                )
        return OAuthCode(row) if claimed else None

    def delete_authorization_code(self, authorization_code: OAuthCode) -> None:
        """Nothing to do: the code was spent when it was claimed."""

    def authenticate_user(self, authorization_code: OAuthCode) -> User | None:
        with self.server.db.reading() as session:
            return session.get(User, authorization_code.row.user_id)


class RotatingRefreshGrant(grants.RefreshTokenGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token: str) -> ApiToken | None:
        with self.server.db.reading() as session:
            token = session.scalar(
                select(ApiToken).where(
                    ApiToken.refresh_hash == hash_token(refresh_token), ApiToken.revoked_at.is_(None)
                )
            )
        return _RefreshCredential(token) if token is not None else None

    def authenticate_user(self, credential) -> User | None:
        with self.server.db.reading() as session:
            return session.get(User, credential.token.user_id)

    def revoke_old_credential(self, credential) -> None:
        with self.server.db.writing() as session:
            session.execute(update(ApiToken).where(ApiToken.id == credential.token.id).values(revoked_at=utcnow()))


class _RefreshCredential:
    def __init__(self, token: ApiToken) -> None:
        self.token = token

    def check_client(self, client: OAuthClient) -> bool:
        return LegacyAuthorizationServer.client_row_id(client) == self.token.client_id

    def get_scope(self) -> str:
        return self.token.scope

    def is_expired(self) -> bool:
        return False

    def is_revoked(self) -> bool:
        return self.token.revoked_at is not None


class LegacyAuthorizationServer(AuthorizationServer):
    def __init__(self, db: Database, *, standard_token_fields: bool) -> None:
        super().__init__(scopes_supported=[SCOPE])
        self.db = db
        self.standard_token_fields = standard_token_fields
        self.register_token_generator(
            "default",
            BearerTokenGenerator(
                access_token_generator=lambda **_: str(uuid.uuid4()),
                refresh_token_generator=lambda **_: generate_token(48),
                expires_generator=lambda client, grant_type: 0,
            ),
        )
        self.register_grant(CodeGrant, [S256Only(required=True)])
        self.register_grant(RotatingRefreshGrant)

    def query_client(self, client_id: str) -> OAuthClient | None:
        if client_id == SWAGGER_CLIENT_ID:
            return OAuthClient(row=None, client_id=client_id, name="Swagger UI", redirect_uris=[])
        with self.db.reading() as session:
            row = session.scalar(select(ApiClient).where(ApiClient.client_id == client_id))
        if row is None or not row.active:
            return None
        return OAuthClient(row=row, client_id=row.client_id, name=row.name, redirect_uris=list(row.redirect_uris))

    @staticmethod
    def client_row_id(client: OAuthClient) -> int | None:
        return client.row.id if client.row is not None else None

    def save_token(self, token: dict, request) -> None:
        client: OAuthClient = request.client
        code = request.authorization_code
        with self.db.writing() as session:
            session.add(
                ApiToken(
                    token_hash=hash_token(token["access_token"]),
                    refresh_hash=hash_token(token["refresh_token"]) if token.get("refresh_token") else None,
                    user_id=request.user.id,
                    client_id=self.client_row_id(client),
                    origin=ORIGIN_SWAGGER if client.is_swagger else ORIGIN_CLIENT,
                    authorization_code_id=code.row.id if isinstance(code, OAuthCode) else None,
                    scope=SCOPE,
                    description=f"OAuth token for {client.name}",
                )
            )

    def create_oauth2_request(self, request: NettfinRequest) -> NettfinRequest:
        return request

    def create_json_request(self, request):
        raise NotImplementedError("nettfin serves no JSON OAuth endpoints")

    def handle_response(self, status: int, body: Any, headers: list) -> tuple[int, Any, list]:
        return status, body, headers

    def send_signal(self, name: str, *args, **kwargs) -> None:
        """No listeners."""

    def legacy_token_body(self, body: dict, *, swagger: bool) -> dict:
        """The service's token response: `token`, lower-case `bearer`, the scope; standard fields on request."""
        if "access_token" not in body:
            return body
        result = {"token": body["access_token"], "token_type": "bearer", "scope": SCOPE}
        if body.get("refresh_token"):
            result["refresh_token"] = body["refresh_token"]
        if self.standard_token_fields or swagger:
            # Tokens live until revoked; one hour tells generic tools to use their refresh token now and then.
            result["access_token"] = body["access_token"]
            result["expires_in"] = 3600
        return result


def code_challenge_s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
