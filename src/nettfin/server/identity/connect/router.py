"""Visma Connect's endpoints on this server: discovery, the JWKS, the token endpoint, userinfo, revocation (RFC 7009)
and introspection (RFC 7662); the browser endpoints (authorize, end session) are in authorize.py. They live outside
the Financials API (no controller prefix, not in its OpenAPI document), as connect.visma.com is a service of its
own."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from urllib.parse import parse_qsl

from authlib.oauth2.rfc6749.errors import InvalidRequestError, OAuth2Error
from fastapi import APIRouter, Request
from sqlalchemy import select
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from ...db.base import utcnow
from ...kit.errors import IppError
from ..models import Company, User
from ..oauth import NettfinRequest
from ..service import hash_token
from .authorize import AUTHORIZE_PATH, END_SESSION_PATH, PROMPTS, RESPONSE_MODES, authorize_router
from .interactive import revoke_family, user_claims
from .models import REFRESH_ONE_TIME, ConnectAccessToken, ConnectApplication, ConnectRefreshToken
from .provider import ConnectProvider
from .server import safe
from .service import bump_after_commit
from .tokens import ConnectTokenError, looks_like_jwt

DISCOVERY_PATH = "/.well-known/openid-configuration"
JWKS_PATH = "/.well-known/openid-configuration/jwks"
TOKEN_PATH = "/connect/token"
USERINFO_PATH = "/connect/userinfo"
REVOCATION_PATH = "/connect/revocation"
INTROSPECTION_PATH = "/connect/introspect"  # Visma Connect's path; /connect/introspection answers too
CLAIMS = (
    "iss",
    "aud",
    "exp",
    "nbf",
    "iat",
    "client_id",
    "scope",
    "tenant_id",
    "jti",
    "sub",
    "auth_time",
    "nonce",
    "email",
    "email_verified",
    "name",
    "given_name",
    "family_name",
)
AUTH_METHODS = ["client_secret_basic", "client_secret_post"]
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}

connect_router = APIRouter(include_in_schema=False)
connect_router.include_router(authorize_router)


@connect_router.get(DISCOVERY_PATH)
def discovery(request: Request) -> Response:
    provider: ConnectProvider = request.app.state.connect
    issuer = provider.issuer(request)
    document = {
        "issuer": issuer,
        "jwks_uri": issuer + JWKS_PATH,
        "authorization_endpoint": issuer + AUTHORIZE_PATH,
        "token_endpoint": issuer + TOKEN_PATH,
        "userinfo_endpoint": issuer + USERINFO_PATH,
        "end_session_endpoint": issuer + END_SESSION_PATH,
        "revocation_endpoint": issuer + REVOCATION_PATH,
        "introspection_endpoint": issuer + INTROSPECTION_PATH,
        "scopes_supported": list(provider.server.SCOPES_SUPPORTED),
        "claims_supported": list(CLAIMS),
        "grant_types_supported": list(provider.server.GRANT_TYPES_SUPPORTED),
        "response_types_supported": ["code"],
        "response_modes_supported": list(RESPONSE_MODES),
        "prompt_values_supported": list(PROMPTS),
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": AUTH_METHODS,
        "revocation_endpoint_auth_methods_supported": AUTH_METHODS,
        "introspection_endpoint_auth_methods_supported": AUTH_METHODS,
        "code_challenge_methods_supported": ["plain", "S256"],
        "authorization_response_iss_parameter_supported": True,
        "claims_parameter_supported": False,
        "request_parameter_supported": False,
    }
    return JSONResponse(document, headers={"Cache-Control": "public, max-age=300"})


@connect_router.get(JWKS_PATH)
def jwks(request: Request) -> Response:
    provider: ConnectProvider = request.app.state.connect
    provider.keys.signer()  # the first key is made on first need: publish it before any token is signed
    return JSONResponse(provider.keys.jwks(), headers={"Cache-Control": "public, max-age=300"})


async def _form_request(request: Request, what: str) -> NettfinRequest | JSONResponse:
    """A form-encoded OAuth request, each parameter once; parameters in the query string are not read."""
    provider: ConnectProvider = request.app.state.connect
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != "application/x-www-form-urlencoded":
        return oauth_error("invalid_request", f"The {what} request must be application/x-www-form-urlencoded.")
    pairs = parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
    repeated = sorted(name for name, count in Counter(name for name, _ in pairs).items() if count > 1)
    if repeated:
        return oauth_error("invalid_request", f"Each parameter may be sent once: {', '.join(map(safe, repeated))}.")
    oauth_request = NettfinRequest("POST", str(request.url), request.headers, {}, dict(pairs))
    oauth_request.issuer = oauth_request.audience = provider.issuer(request)
    return oauth_request


@connect_router.post(TOKEN_PATH)
async def token(request: Request) -> Response:
    """`application/x-www-form-urlencoded`: grant_type, its parameters (scope and tenant_id; code, redirect_uri and
    code_verifier; refresh_token), and the client's credentials as form fields or HTTP Basic (public applications:
    client_id alone)."""
    provider: ConnectProvider = request.app.state.connect
    oauth_request = await _form_request(request, "token")
    if isinstance(oauth_request, JSONResponse):
        return oauth_request
    status, body, headers = await run_in_threadpool(provider.server.create_token_response, oauth_request)
    # Once the answer is sent, at most once a minute: expired codes, refresh tokens and token records go.
    sweep = BackgroundTask(provider.sweeper.maybe_sweep) if status == 200 else None
    return JSONResponse(body, status_code=status, headers=dict(headers), background=sweep)


def _client_error(error: OAuth2Error) -> JSONResponse:
    headers = dict(error.get_headers())
    if error.status_code == 401:
        headers.setdefault("WWW-Authenticate", 'Basic realm="connect"')
    response = oauth_error(error.error, error.description or error.error, error.status_code)
    response.headers.update({k: v for k, v in headers.items() if k.lower() not in ("content-type",)})
    return response


def _authenticated(provider: ConnectProvider, oauth_request: NettfinRequest, methods, endpoint: str):
    """The authenticated client and the `token` parameter, or the OAuth error to answer with."""
    try:
        client = provider.server.authenticate_client(oauth_request, methods, endpoint)
        token = oauth_request.form.get("token")
        if not token:
            raise InvalidRequestError("The 'token' parameter is required.")
    except OAuth2Error as error:
        return None, None, _client_error(error)
    return client, token, None


@connect_router.post(REVOCATION_PATH)
async def revocation(request: Request) -> Response:
    """RFC 7009: `token` (an access token or a refresh token of this client), `token_type_hint` (read as a hint
    only). 200 whether or not the token was known; a refresh token takes its sign-in's tokens with it."""
    provider: ConnectProvider = request.app.state.connect
    oauth_request = await _form_request(request, "revocation")
    if isinstance(oauth_request, JSONResponse):
        return oauth_request
    return await run_in_threadpool(_revoke, provider, oauth_request)


def _revoke(provider: ConnectProvider, oauth_request: NettfinRequest) -> Response:
    client, token, problem = _authenticated(provider, oauth_request, [*AUTH_METHODS, "none"], "revocation")
    if problem:
        return problem
    db = provider.server.db
    if looks_like_jwt(token):
        try:
            verified = provider.validator.check(token, issuer=oauth_request.issuer, audience=oauth_request.audience)
        except ConnectTokenError:
            return Response(status_code=200, headers=NO_STORE)  # not valid here anyway
        if verified.client_id == client.client_id and verified.jti:
            with db.writing() as session:
                row = session.get(ConnectAccessToken, verified.jti)
                if row is None:
                    session.add(
                        ConnectAccessToken(
                            jti=verified.jti,
                            application_id=client.id,
                            expires_at=datetime.fromtimestamp(verified.expires, UTC),
                            revoked_at=utcnow(),
                        )
                    )
                elif row.revoked_at is None:
                    row.revoked_at = utcnow()
                bump_after_commit(session)
        return Response(status_code=200, headers=NO_STORE)
    with db.reading() as session:
        family = session.scalar(
            select(ConnectRefreshToken.family).where(
                ConnectRefreshToken.token_hash == hash_token(token), ConnectRefreshToken.application_id == client.id
            )
        )
    if family is not None:
        revoke_family(db, family)
    return Response(status_code=200, headers=NO_STORE)


@connect_router.post(INTROSPECTION_PATH)
@connect_router.post("/connect/introspection")
async def introspection(request: Request) -> Response:
    """RFC 7662, for confidential applications about their own tokens: `{"active": false}` for anything that is
    not a valid token of the caller, else its claims."""
    provider: ConnectProvider = request.app.state.connect
    oauth_request = await _form_request(request, "introspection")
    if isinstance(oauth_request, JSONResponse):
        return oauth_request
    return await run_in_threadpool(_introspect, provider, oauth_request)


def _introspect(provider: ConnectProvider, oauth_request: NettfinRequest) -> Response:
    client, token, problem = _authenticated(provider, oauth_request, AUTH_METHODS, "introspection")
    if problem:
        return problem
    inactive = JSONResponse({"active": False}, headers=NO_STORE)
    if looks_like_jwt(token):
        try:
            identity = provider.validator.identify(token, issuer=oauth_request.issuer, audience=oauth_request.audience)
        except (ConnectTokenError, IppError):
            return inactive
        verified = identity.token
        if verified.client_id != client.client_id:
            return inactive
        body = {
            "active": True,
            "token_type": "access_token",
            "scope": " ".join(sorted(verified.scopes)),
            "client_id": verified.client_id,
            "iss": verified.issuer,
            "aud": list(verified.audience),
            "exp": verified.expires,
            "nbf": verified.not_before,
            "tenant_id": verified.tenant_id,
        }
        for name, value in (("jti", verified.jti), ("sub", verified.subject), ("auth_time", verified.auth_time)):
            if value is not None:
                body[name] = value
        return JSONResponse(body, headers=NO_STORE)
    with provider.server.db.reading() as session:
        row = session.execute(
            select(ConnectRefreshToken, Company.tenant_guid, ConnectApplication.refresh_policy)
            .join(Company, Company.id == ConnectRefreshToken.company_id)
            .join(ConnectApplication, ConnectApplication.id == ConnectRefreshToken.application_id)
            .where(ConnectRefreshToken.token_hash == hash_token(token))
        ).first()
    if row is None:
        return inactive
    refresh, tenant_id, policy = row
    spent = policy == REFRESH_ONE_TIME and refresh.used_at is not None
    if refresh.application_id != client.id or refresh.revoked_at or refresh.expires_at <= utcnow() or spent:
        return inactive
    body = {
        "active": True,
        "token_type": "refresh_token",
        "scope": " ".join(refresh.scopes),
        "client_id": client.client_id,
        "exp": int(refresh.expires_at.timestamp()),
        "iat": int(refresh.created_at.timestamp()),
        "sub": str(refresh.user_id),
        "auth_time": refresh.auth_time,
        "tenant_id": tenant_id,
    }
    return JSONResponse(body, headers=NO_STORE)


@connect_router.api_route(USERINFO_PATH, methods=["GET", "POST"])
def userinfo(request: Request) -> Response:
    """OpenID Connect's userinfo: the signed-in user's claims, for an interactive access token with `openid`."""
    provider: ConnectProvider = request.app.state.connect
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return _bearer_error(401, "invalid_token", "Send the access token as 'Authorization: Bearer <token>'.")
    issuer = provider.issuer(request)
    try:
        identity = provider.validator.identify(token.strip(), issuer=issuer, audience=issuer)
    except (ConnectTokenError, IppError) as error:
        return _bearer_error(401, "invalid_token", str(error.args[0]) if error.args else "Invalid token.")
    scopes = identity.token.scopes
    if not identity.interactive or "openid" not in scopes:
        return _bearer_error(
            403, "insufficient_scope", "userinfo needs an interactive token with the scope 'openid'.", "openid"
        )
    with request.app.state.db.reading() as session:
        user = session.get(User, identity.user_id)
    body = {"sub": str(user.id), **user_claims(user, sorted(scopes))}
    return JSONResponse(body, headers=NO_STORE)


def _bearer_error(status: int, error: str, description: str, scope: str | None = None) -> JSONResponse:
    challenge = f'Bearer error="{error}"' + (f', scope="{scope}"' if scope else "")
    return JSONResponse(
        {"error": error, "error_description": safe(description, 300)},
        status_code=status,
        headers={**NO_STORE, "WWW-Authenticate": challenge},
    )


def oauth_error(error: str, description: str, status_code: int = 400) -> JSONResponse:
    return JSONResponse({"error": error, "error_description": description}, status_code=status_code, headers=NO_STORE)
