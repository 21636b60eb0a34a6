"""Who is calling, and for which company: `Authorization: Bearer` and `ipp-company-id` on every controller route.

Legacy tokens (GUIDs): one indexed query resolves the token's hash to its user, its client and whether the user
holds a Financials role in the requested company. Visma Connect tokens (JWTs, identity/connect): the signature,
issuer, audience and lifetime are checked against cached keys, the company comes from the token's `tenant_id`
(`ipp-company-id` is optional), and the operation must be within the token's scopes. The throttle then counts the
call for (client or application, company), and the company's fault rules, if it has any, apply (faults/). The
call runs by the company's clock when a test moved it (db/clock.py): it is set on the call's clock scope here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer, OAuth2AuthorizationCodeBearer
from sqlalchemy import bindparam, exists, or_, select

from ..db import clock
from ..db.clock import Clock
from ..db.prepared import Prepared
from ..faults.injection import CompanyFaults, Injection, faults_version
from ..kit.checks import parse_int32
from ..kit.errors import IppError
from ..kit.trace import note_caller
from ..sync_work import run_sync
from .connect.access import bound_company, require_scope
from .connect.tokens import ConnectIdentity, looks_like_jwt
from .models import FINANCIALS_ROLES, ORIGIN_CONNECT, ApiClient, ApiToken, CompanyRole
from .service import hash_token

NO_COMPANY_ACCESS = "12002"
INVALID_TOKEN = "12001"

_bearer = HTTPBearer(
    auto_error=False,
    description="A Visma Connect access token from POST /connect/token, or a legacy token from "
    "POST /API/security/api/v2/token",
)
# Swagger UI's "Authorize" runs the legacy OAuth 2.0 flow with this scheme; the token arrives as a bearer token.
_oauth = OAuth2AuthorizationCodeBearer(
    authorizationUrl="/API/resources/oauth/authorize",
    tokenUrl="/API/security/api/v2/token",
    refreshUrl="/API/security/api/v2/token",
    scopes={"financialstasks": "Access to Visma.net Financials endpoints"},
    scheme_name="Visma.net OAuth 2.0",
    auto_error=False,
)
# Declared as a security scheme too, so Swagger UI's Authorize dialog has one field that every request sends.
_company_header = APIKeyHeader(
    name="ipp-company-id",
    auto_error=False,
    scheme_name="ipp-company-id",
    description="The company id from GET /API/resources/v1/context",
)


# The scope key under which a replayed background call carries its sender's context (see company_context).
REPLAYED_CONTEXT = "nettfin.replayed_context"


@dataclass(frozen=True)
class Caller:
    """A valid token's user and the client it was issued to (for the throttle). A Connect token's user is its
    application's service principal, and `company_id` the one company the token reaches."""

    user_id: int
    token_id: int | None
    client_id: int | None
    client_type: str | None
    origin: str
    application_id: int | None = None
    company_id: int | None = None

    @property
    def throttle_key(self) -> str:
        if self.application_id is not None:
            return f"app:{self.application_id}"
        return f"client:{self.client_id}" if self.client_id is not None else f"{self.origin}:{self.token_id}"


@dataclass(frozen=True)
class CompanyContext:
    company_id: int
    user_id: int
    caller: Caller | None = None


def bearer_token(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None:
        raise IppError(
            "Authorization has been denied for this request: no bearer token. "
            "Send the header 'Authorization: Bearer <token>'.",
            fault_code=INVALID_TOKEN,
            status_code=401,
        )
    return credentials.credentials


def _unknown_token() -> IppError:
    return IppError(
        "Invalid token: the bearer token is unknown or has been revoked.", fault_code=INVALID_TOKEN, status_code=401
    )


def current_caller(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),
    _oauth_token: str | None = Depends(_oauth),
) -> Caller:
    """The token's user, for endpoints that need no company (Context)."""
    token = bearer_token(credentials)
    if looks_like_jwt(token):
        caller = _connect(request, token)[0]
    else:
        caller, _, _ = _resolve(request, token, company_id=None)
    note_caller(None, caller)
    return caller


async def company_context(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),
    ipp_company_id: str | None = Depends(_company_header),
    _oauth_token: str | None = Depends(_oauth),
) -> CompanyContext:
    """The header is read through its security scheme, so Swagger UI sends it from the Authorize dialog's one
    field (as the knowledge base's Swagger walkthrough describes) rather than asking for it on every operation.

    The checks read the database: they run where the call's synchronous work runs (sync_work.py). A fault rule's
    latency is then slept on the event loop, holding no thread."""
    context, injection = await run_sync(_authenticated, request, credentials, ipp_company_id)
    if injection is not None:
        await request.app.state.faults.inject(request, context, injection)
    return context


async def authenticate(request: Request) -> CompanyContext:
    """`company_context` for a request its route reads itself (kit/query_params.py), or that no route has taken
    yet (the background API queues calls before routing): the security schemes read as FastAPI reads them, the
    same checks, the same errors, the same throttle count."""
    return await company_context(request, await _bearer(request), await _company_header(request), None)


# How the kit's routes that read their own request authenticate it (kit/resource_routes.py, `resource_router`).
company_context.from_request = authenticate  # type: ignore[attr-defined]


def _authenticated(
    request: Request, credentials: HTTPAuthorizationCredentials | None, ipp_company_id: str | None
) -> tuple[CompanyContext, Injection | None]:
    """The call's company context, and the company's fault rules that fire for it.

    A background call's run carries the context its request was authenticated with when it was queued
    (`REPLAYED_CONTEXT`, which only the server can put in a request's scope): it runs as its sender even after
    the token expired, and was counted by the throttle when it was sent."""
    book = request.app.state.faults
    replayed = request.scope.get(REPLAYED_CONTEXT)
    if replayed is not None:
        note_caller(replayed.company_id, replayed.caller)
        clock.enter(book.for_company(replayed.company_id).clock)
        return replayed, None
    token = bearer_token(credentials)
    if looks_like_jwt(token):
        settings: dict[int, CompanyFaults] = {}

        def company_clock(company_id: int) -> Clock | None:
            # The token's lifetime is measured by its company's clock: its settings are read once, here.
            settings[company_id] = book.for_company(company_id)
            return settings[company_id].clock

        caller, identity = _connect(request, token, company_clock)
        company_id = bound_company(identity, ipp_company_id)
        require_scope(identity, request.method, request.scope["path"])
        context = CompanyContext(company_id=company_id, user_id=caller.user_id, caller=caller)
        note_caller(company_id, caller)
        return context, _admit(request, context, settings.get(company_id) or book.for_company(company_id))
    try:
        company_id = _parse_company_id(ipp_company_id)
    except IppError:
        # Who is calling comes first: a bad token is 401 whatever the company header says.
        _resolve(request, token, company_id=None)
        raise
    caller, has_role, faults_version = _resolve(request, token, company_id=company_id)
    if not has_role:
        raise IppError(
            f"Invalid parameter exception: ipp-company-id. The token's user has no Financials role in company "
            f"{company_id}; GET /API/resources/v1/context lists the companies it may use.",
            fault_code=NO_COMPANY_ACCESS,
        )
    context = CompanyContext(company_id=company_id, user_id=caller.user_id, caller=caller)
    note_caller(company_id, caller)
    return context, _admit(request, context, book.for_company(company_id, faults_version or 0))


def _admit(request: Request, context: CompanyContext, faults: CompanyFaults) -> Injection | None:
    """The call runs by the company's clock (db/clock.py); the throttle counts it (with the real limits when the
    company's throttle is switched on), then the company's fault rules that fire are drawn (faults/injection.py):
    all before the endpoint runs."""
    clock.enter(faults.clock)
    request.app.state.throttle.admit(request, context, real_limits=faults.throttle)
    return request.app.state.faults.decide(request, context, faults)


# Built and compiled once, run on the driver's cursor (db/prepared.py): every call with a token runs it.
_LOOKUP = Prepared(
    select(
        ApiToken.id,
        ApiToken.user_id,
        ApiToken.client_id,
        ApiToken.origin,
        ApiClient.client_type,
        exists()
        .where(
            CompanyRole.user_id == ApiToken.user_id,
            CompanyRole.company_id == bindparam("company_id"),
            # Literal alternatives rather than IN (...): an expanding IN is re-rendered on every execution.
            or_(*(CompanyRole.role == role for role in FINANCIALS_ROLES)),
        )
        .label("has_role"),
        # The company's fault rules' version, read here so a company without rules costs no round trip more.
        faults_version(bindparam("company_id")).label("faults_version"),
    )
    .outerjoin(ApiClient, ApiClient.id == ApiToken.client_id)
    .where(ApiToken.token_hash == bindparam("token_hash"), ApiToken.revoked_at.is_(None))
)


def _connect(
    request: Request, token: str, company_clock: Callable[[int], Clock | None] | None = None
) -> tuple[Caller, ConnectIdentity]:
    provider = request.app.state.connect
    issuer = provider.issuer(request)
    identity = provider.validator.identify(token, issuer=issuer, audience=issuer, company_clock=company_clock)
    access = identity.access
    caller = Caller(
        user_id=identity.user_id,
        token_id=None,
        client_id=None,
        client_type=None,
        origin=ORIGIN_CONNECT,
        application_id=access.application_id,
        company_id=access.company_id,
    )
    return caller, identity


def _resolve(request: Request, token: str, *, company_id: int | None) -> tuple[Caller, bool, int | None]:
    with request.app.state.db.autocommit.connect() as connection:
        row = _LOOKUP.first(connection, {"token_hash": hash_token(token), "company_id": company_id})
    if row is None:
        raise _unknown_token()
    token_id, user_id, client_id, origin, client_type, has_role, faults_version = row
    caller = Caller(user_id=user_id, token_id=token_id, client_id=client_id, client_type=client_type, origin=origin)
    return caller, bool(has_role), faults_version


def _parse_company_id(raw: str | None) -> int:
    if raw is None or not raw.strip():
        raise IppError(
            "Invalid parameter exception: ipp-company-id. The header is missing; send the id of a company "
            "from GET /API/resources/v1/context.",
            fault_code=NO_COMPANY_ACCESS,
        )
    company_id = parse_int32(raw)
    if company_id is not None:
        return company_id
    raise IppError(
        f"Invalid parameter exception: ipp-company-id. '{raw}' is not a company id; send the integer id "
        "of a company from GET /API/resources/v1/context.",
        fault_code=NO_COMPANY_ACCESS,
    )
