"""Visma Connect's endpoints on this server: discovery, the JWKS and the token endpoint. They live outside the
Financials API (no controller prefix, not in its OpenAPI document), as connect.visma.com is a service of its own."""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from ..oauth import NettfinRequest
from .models import SERVICE_SCOPES
from .provider import ConnectProvider
from .server import safe

DISCOVERY_PATH = "/.well-known/openid-configuration"
JWKS_PATH = "/.well-known/openid-configuration/jwks"
TOKEN_PATH = "/connect/token"
CLAIMS = ("iss", "aud", "exp", "nbf", "iat", "client_id", "scope", "tenant_id", "jti", "sub")

connect_router = APIRouter(include_in_schema=False)


@connect_router.get(DISCOVERY_PATH)
def discovery(request: Request) -> Response:
    provider: ConnectProvider = request.app.state.connect
    issuer = provider.issuer(request)
    document = {
        "issuer": issuer,
        "jwks_uri": issuer + JWKS_PATH,
        "token_endpoint": issuer + TOKEN_PATH,
        "scopes_supported": list(SERVICE_SCOPES),
        "claims_supported": list(CLAIMS),
        "grant_types_supported": list(provider.server.GRANT_TYPES_SUPPORTED),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "code_challenge_methods_supported": ["plain", "S256"],
        "authorization_response_iss_parameter_supported": True,
    }
    return JSONResponse(document, headers={"Cache-Control": "public, max-age=300"})


@connect_router.get(JWKS_PATH)
def jwks(request: Request) -> Response:
    provider: ConnectProvider = request.app.state.connect
    provider.keys.signer()  # the first key is made on first need: publish it before any token is signed
    return JSONResponse(provider.keys.jwks(), headers={"Cache-Control": "public, max-age=300"})


@connect_router.post(TOKEN_PATH)
async def token(request: Request) -> Response:
    """`application/x-www-form-urlencoded`: grant_type, scope, tenant_id, and the client's credentials as form
    fields or HTTP Basic. Parameters in the query string are not read (RFC 6749 §3.2)."""
    provider: ConnectProvider = request.app.state.connect
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != "application/x-www-form-urlencoded":
        return oauth_error("invalid_request", "The token request must be application/x-www-form-urlencoded.")
    pairs = parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
    repeated = sorted(name for name, count in Counter(name for name, _ in pairs).items() if count > 1)
    if repeated:
        return oauth_error("invalid_request", f"Each parameter may be sent once: {', '.join(map(safe, repeated))}.")
    oauth_request = NettfinRequest("POST", str(request.url), request.headers, {}, dict(pairs))
    oauth_request.issuer = oauth_request.audience = provider.issuer(request)
    status, body, headers = await run_in_threadpool(provider.server.create_token_response, oauth_request)
    return JSONResponse(body, status_code=status, headers=dict(headers))


def oauth_error(error: str, description: str, status_code: int = 400) -> JSONResponse:
    return JSONResponse(
        {"error": error, "error_description": description},
        status_code=status_code,
        headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
    )
