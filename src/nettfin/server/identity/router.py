"""Context endpoints (which companies a token may use) and the legacy security endpoints (token, revoke,
testconnection)."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import parse_qsl, unquote

from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, PlainTextResponse, Response

from ..kit.checks import parse_int32
from ..kit.errors import ERROR_RESPONSES, NotFound
from ..kit.render import json_response
from . import service
from .auth import Caller, _bearer, bearer_token, current_caller
from .models import Company, Tenant, User
from .oauth import SWAGGER_CLIENT_ID, LegacyAuthorizationServer, NettfinRequest

# What every route that reads a bearer token may answer besides its own response.
_TOKEN_ERRORS = {code: ERROR_RESPONSES[code] for code in (401, 500)}
context_router = APIRouter(prefix="/API/resources/v1/context", tags=["Context"], responses=_TOKEN_ERRORS)
security_router = APIRouter(prefix="/API/security/api", tags=["Security"])


class ContextInformation(BaseModel):
    id: int
    name: str
    type: str


class CompanyDto(BaseModel):
    companyName: str
    organizationNumber: str | None = None
    companyAddress1: str | None = None
    companyAddress2: str | None = None
    customerInfo: dict | None = None
    distributorInfo: dict | None = None


class UserDetailsDto(BaseModel):
    emailAddress: str
    firstName: str
    lastName: str


class VniToken(BaseModel):
    token: str
    token_type: str
    scope: str
    refresh_token: str | None = None
    # Sent for Swagger UI, or when NETTFIN_OAUTH_STANDARD_TOKEN_FIELDS is set.
    access_token: str | None = None
    expires_in: int | None = None


class OAuthErrorBody(BaseModel):
    """An OAuth 2.0 error (RFC 6749 5.2)."""

    error: str
    error_description: str | None = None


def _contexts(request: Request, caller: Caller) -> list[dict]:
    """The companies the token may use: a legacy token's user's, or a Connect token's one company (its
    `tenant_id`: the token reaches no other, whatever else its user or application may use)."""
    with request.app.state.db.reading() as session:
        companies = service.usable_companies(session, user_id=caller.user_id)
    if caller.company_id is not None:
        companies = [company for company in companies if company.id == caller.company_id]
    return [{"id": c.id, "name": c.name, "type": "Company"} for c in companies]


@context_router.get("", response_model=list[ContextInformation], summary="Get the companies available for this token")
def list_contexts(request: Request, caller: Caller = Depends(current_caller)) -> Response:
    return json_response(_contexts(request, caller))


@context_router.get("/userdetails", response_model=UserDetailsDto, summary="Get the token's user")
def user_details(request: Request, caller: Caller = Depends(current_caller)) -> Response:
    with request.app.state.db.reading() as session:
        user = session.get(User, caller.user_id)
    return json_response({"emailAddress": user.email, "firstName": user.first_name, "lastName": user.last_name})


@context_router.get(
    "/{companyId}",
    response_model=CompanyDto,
    responses={404: ERROR_RESPONSES[404]},
    summary="Get a company available for this token",
)
def get_context(request: Request, companyId: str, caller: Caller = Depends(current_caller)) -> Response:
    usable = {entry["id"] for entry in _contexts(request, caller)}
    company_id = parse_int32(companyId)
    if company_id not in usable:
        raise NotFound(f"Company '{companyId}' is not available for this token.")
    with request.app.state.db.reading() as session:
        company = session.get(Company, company_id)
        tenant = session.get(Tenant, company.tenant_id)
    return json_response(
        {
            "companyName": company.name,
            "organizationNumber": company.organization_number,
            "companyAddress1": company.address_line1,
            "companyAddress2": company.address_line2,
            "customerInfo": {
                "parentCustomerId": tenant.id,
                "parentCustomerName": tenant.name,
                "customerOrganizationNumber": None,
            },
            "distributorInfo": None,
        }
    )


@security_router.get(
    "/v1/token/usercontexts",
    response_model=list[ContextInformation],
    responses=_TOKEN_ERRORS,
    summary="Get the companies available for this token (older route)",
)
def user_contexts(request: Request, caller: Caller = Depends(current_caller)) -> Response:
    return json_response(_contexts(request, caller))


@security_router.get(
    "/v1/testconnection",
    response_class=PlainTextResponse,
    # Spelled out: a `model` here would be documented as text/plain, the route's own media type.
    responses={
        500: {
            "description": ERROR_RESPONSES[500]["description"],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/VismaErrorBody"}}},
        }
    },
    summary="Test the connection",
)
def test_connection() -> PlainTextResponse:
    return PlainTextResponse("OK")


@security_router.delete(
    "/v1/token",
    status_code=204,
    response_class=Response,
    responses=_TOKEN_ERRORS,
    summary="Revoke the bearer token",
)
def revoke(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> Response:
    token = bearer_token(credentials)
    with request.app.state.db.writing() as session:
        service.revoke_token(session, token=token)
    return Response(status_code=204)


@security_router.post(
    "/v2/token",
    response_model=VniToken,
    responses={
        400: {"model": OAuthErrorBody, "description": "A bad grant or request (`invalid_grant`, ...)."},
        401: {"model": OAuthErrorBody, "description": "Client authentication failed (`invalid_client`)."},
        500: ERROR_RESPONSES[500],
    },
    summary="Exchange an authorization code (or a refresh token) for a token",
    description="Form fields `grant_type`, `code`, `redirect_uri`, and the client's credentials as form fields "
    "or HTTP Basic. The answer's field is `token`, not `access_token`, as the service answers.",
)
async def token(request: Request) -> Response:
    form = dict(parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True))
    server: LegacyAuthorizationServer = request.app.state.oauth
    oauth_request = NettfinRequest("POST", str(request.url), request.headers, dict(request.query_params), form)
    status, body, headers = await run_in_threadpool(server.create_token_response, oauth_request)
    if status == 200:
        body = server.legacy_token_body(body, swagger=_client_id(request, form) == SWAGGER_CLIENT_ID)
    return JSONResponse(body, status_code=status, headers=dict(headers))


def _client_id(request: Request, form: dict) -> str | None:
    if form.get("client_id"):
        return form["client_id"]
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        return unquote(base64.b64decode(encoded).decode().split(":", 1)[0])
    except (binascii.Error, UnicodeDecodeError):
        return None
