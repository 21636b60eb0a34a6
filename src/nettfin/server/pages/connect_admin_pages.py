"""The admin panel's Visma Connect applications (what Visma's Developer Portal and a tenant's approval page do), on
the same use cases as `nettfin admin app ...` (identity/connect/service.py).

A tenant's Customer administrator registers applications for the tenant (it owns them: settings, secrets,
disable and enable), and approves applications, its own or others' (by client id, as Visma's invitation does), for
the tenant's companies, never another tenant's. An application made on the command line has no owner: an
administrator sees it once one of the tenant's companies approved it, and may only take that approval back.
Every refusal shows the use case's own message on the page; nothing is written then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from fastapi import APIRouter, Request
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from ..db.base import utcnow
from ..identity.connect import service as connect
from ..identity.connect.models import (
    APPLICATION_TYPES,
    CONFIDENTIAL_TYPES,
    DEFAULT_TOKEN_LIFETIME,
    REFRESH_POLICIES,
    REFRESH_REUSE,
    TYPE_SCOPES,
    ConnectApplication,
)
from ..identity.models import Company, User
from ..kit.checks import parse_int32
from ..kit.errors import ApiError, BusinessError
from .admin_access import administrator, posted_form
from .auth_pages import error_page, render

router = APIRouter(prefix="/apps")
MAX_SECRET_DAYS = 3650


@dataclass(frozen=True)
class Seen:
    """An application as one administrator may see it."""

    application: ConnectApplication
    owned: bool


class UnknownApplication(Exception):
    pass


class _NotOwned(Exception):
    pass


def seen_application(session: Session, admin: User, client_id: str) -> Seen:
    """The application when the administrator's tenant registered it or approved it for one of its companies."""
    found = session.scalar(select(ConnectApplication).where(ConnectApplication.client_id == client_id))
    if found is None:
        raise UnknownApplication
    owned = found.owner_tenant_id == admin.tenant_id
    if not owned and not connect.grants_of(session, found, tenant_id=admin.tenant_id):
        raise UnknownApplication
    return Seen(found, owned)


def tenant_companies(session: Session, admin: User) -> list[Company]:
    return list(session.scalars(select(Company).where(Company.tenant_id == admin.tenant_id).order_by(Company.id)))


def own_company(session: Session, admin: User, raw: str | None) -> Company:
    company_id = parse_int32(raw)
    company = session.get(Company, company_id) if company_id is not None else None
    if company is None or company.tenant_id != admin.tenant_id:
        raise BusinessError(f"Company '{(raw or '')[:20]}' is not one of your organisation's companies.")
    return company


# --- reading the forms --------------------------------------------------------------------------------------


def _lines(form: FormData, name: str) -> list[str]:
    return [line.strip() for line in str(form.get(name) or "").splitlines() if line.strip()]


def _words(form: FormData, name: str) -> list[str]:
    return str(form.get(name) or "").split()


def _number(form: FormData, name: str, what: str, default: int | None = None) -> int | None:
    raw = str(form.get(name) or "").strip()
    if not raw:
        return default
    number = parse_int32(raw)
    if number is None:
        raise BusinessError(f"The {what} must be a whole number; '{raw[:20]}' is not.")
    return number


# --- the list -----------------------------------------------------------------------------------------------


@router.get("")
def apps_page(request: Request) -> Response:
    return _apps_page(request)


def _apps_page(
    request: Request, error: str | None = None, status_code: int = 200, form: dict | None = None
) -> Response:
    """The list, with a refusal's message (and the registration form as it was sent) when there is one."""
    admin, problem = administrator(request)
    if problem:
        return problem
    with request.app.state.db.reading() as session:
        rows = [
            {
                "app": application,
                "owned": application.owner_tenant_id == admin.tenant_id,
                "grants": connect.grants_of(session, application, tenant_id=admin.tenant_id),
            }
            for application in connect.tenant_applications(session, admin.tenant_id)
        ]
        companies = tenant_companies(session, admin)
    return render(
        request,
        "admin_apps.html",
        status_code,
        rows=rows,
        companies=companies,
        types=APPLICATION_TYPES,
        policies=REFRESH_POLICIES,
        default_lifetime=DEFAULT_TOKEN_LIFETIME,
        error=error,
        form=form or {},
    )


@router.post("")
async def register(request: Request) -> Response:
    admin, problem = await run_in_threadpool(administrator, request)
    form, csrf_problem = await posted_form(request)
    if problem or csrf_problem:
        return problem or csrf_problem

    def create() -> tuple[str, str | None]:
        with request.app.state.db.writing() as session:
            application = connect.create_application(
                session,
                name=str(form.get("name") or ""),
                app_type=str(form.get("app_type") or ""),
                client_id=str(form.get("client_id") or "").strip() or None,
                scopes=_words(form, "scopes") or None,
                token_lifetime=_number(form, "token_lifetime", "token lifetime", DEFAULT_TOKEN_LIFETIME),
                refresh_policy=str(form.get("refresh_policy") or REFRESH_REUSE),
                redirect_uris=_lines(form, "redirect_uris"),
                post_logout_redirect_uris=_lines(form, "post_logout_redirect_uris"),
                owner_tenant_id=admin.tenant_id,
            )
            secret = None
            if application.app_type in CONFIDENTIAL_TYPES:
                _row, secret = connect.create_secret(session, application, description="first secret")
            return application.client_id, secret

    try:
        client_id, secret = await run_in_threadpool(create)
    except ApiError as error:
        return await run_in_threadpool(_apps_page, request, error.message, 400, dict(form))
    return await run_in_threadpool(_app_page, request, client_id, None, {"registered": True, "secret": secret})


@router.post("/approve")
async def approve(request: Request) -> Response:
    """Approve an application by its client id for one of the tenant's companies (Visma's invitation)."""
    admin, problem = await run_in_threadpool(administrator, request)
    form, csrf_problem = await posted_form(request)
    if problem or csrf_problem:
        return problem or csrf_problem

    def grant() -> str:
        with request.app.state.db.writing() as session:
            company = own_company(session, admin, form.get("company_id"))
            application = connect.find_application(session, str(form.get("client_id") or "").strip())
            connect.grant_application(session, application, company, granted_by_user=admin)
            return application.client_id

    try:
        client_id = await run_in_threadpool(grant)
    except ApiError as error:
        return await run_in_threadpool(_apps_page, request, error.message, 400)
    return RedirectResponse(f"/admin/apps/{client_id}", status_code=303)


# --- one application ----------------------------------------------------------------------------------------


@router.get("/{client_id}")
def app_page(request: Request, client_id: str) -> Response:
    return _app_page(request, client_id)


def _app_page(
    request: Request, client_id: str, error: str | None = None, shown: dict | None = None, status_code: int = 200
) -> Response:
    """One application, with a refusal's message or what is shown once (a new secret) when there is one."""
    admin, problem = administrator(request)
    if problem:
        return problem
    with request.app.state.db.reading() as session:
        try:
            seen = seen_application(session, admin, client_id)
        except UnknownApplication:
            return unknown_application(request, client_id)
        application = seen.application
        secrets = connect.list_secrets(session, application) if seen.owned else []
        grants = {
            grant.company_id: grant for grant in connect.grants_of(session, application, tenant_id=admin.tenant_id)
        }
        companies = tenant_companies(session, admin)
    return render(
        request,
        "admin_app.html",
        status_code,
        app=application,
        owned=seen.owned,
        confidential=application.app_type in CONFIDENTIAL_TYPES,
        secrets=secrets,
        companies=[{"company": company, "grant": grants.get(company.id)} for company in companies],
        allowed_scopes=TYPE_SCOPES[application.app_type],
        policies=REFRESH_POLICIES,
        error=error,
        shown=shown,
    )


def unknown_application(request: Request, client_id: str) -> Response:
    return error_page(
        request,
        "Unknown application",
        f"Application '{client_id[:64]}' is not registered by your organisation, nor approved for one of its "
        "companies.",
        404,
    )


Change = Callable[[Session, User, ConnectApplication, FormData], dict | str | None]


async def _change(request: Request, client_id: str, change: Change, *, owner_only: bool = True) -> Response:
    """Run one change in one transaction. Its answer: a dict to show on the application's page (a new secret), a
    path to go to, or None for the application's page. A refusal shows the page again with its message."""
    admin, problem = await run_in_threadpool(administrator, request)
    form, csrf_problem = await posted_form(request)
    if problem or csrf_problem:
        return problem or csrf_problem

    def apply():
        with request.app.state.db.writing() as session:
            seen = seen_application(session, admin, client_id)
            if owner_only and not seen.owned:
                raise _NotOwned
            return change(session, admin, seen.application, form)

    try:
        answer = await run_in_threadpool(apply)
    except UnknownApplication:
        return unknown_application(request, client_id)
    except _NotOwned:
        return error_page(
            request,
            "Not allowed",
            f"Application '{client_id}' was not registered by your organisation: you may only approve it for your "
            "companies, or take the approval back.",
            403,
        )
    except ApiError as error:
        return await run_in_threadpool(_app_page, request, client_id, error.message, None, 400)
    if isinstance(answer, dict):
        return await run_in_threadpool(_app_page, request, client_id, None, answer)
    return RedirectResponse(answer or f"/admin/apps/{client_id}", status_code=303)


def _update(session: Session, _admin: User, application: ConnectApplication, form: FormData) -> None:
    connect.update_application(
        session,
        application,
        name=str(form.get("name") or ""),
        scopes=_words(form, "scopes"),
        token_lifetime=_number(form, "token_lifetime", "token lifetime", application.token_lifetime),
        refresh_policy=str(form.get("refresh_policy") or ""),
        redirect_uris=_lines(form, "redirect_uris"),
        post_logout_redirect_uris=_lines(form, "post_logout_redirect_uris"),
    )


def _new_secret(session: Session, _admin: User, application: ConnectApplication, form: FormData) -> dict:
    days = _number(form, "expires_days", "number of days")
    if days is not None and not 1 <= days <= MAX_SECRET_DAYS:
        raise BusinessError(f"A secret may expire in 1 to {MAX_SECRET_DAYS} days (or never: leave it empty).")
    expires_at = utcnow() + timedelta(days=days) if days else None
    _row, secret = connect.create_secret(
        session, application, description=str(form.get("description") or "").strip(), expires_at=expires_at
    )
    return {"secret": secret}


def _revoke_secret(session: Session, _admin: User, application: ConnectApplication, form: FormData) -> None:
    connect.revoke_secret(session, application, str(form.get("prefix") or ""))


def _grant(session: Session, admin: User, application: ConnectApplication, form: FormData) -> str | None:
    company = own_company(session, admin, form.get("company_id"))
    action = form.get("action")
    if action == "grant":
        connect.grant_application(session, application, company, granted_by_user=admin)
        return None
    if action != "revoke":
        raise BusinessError("Choose to approve the application for the company, or to take the approval back.")
    connect.revoke_grant(session, application, company)
    session.flush()
    still_seen = application.owner_tenant_id == admin.tenant_id or connect.grants_of(
        session, application, tenant_id=admin.tenant_id
    )
    return None if still_seen else "/admin/apps"


def _state(session: Session, _admin: User, application: ConnectApplication, form: FormData) -> None:
    action = form.get("action")
    if action not in ("disable", "enable"):
        raise BusinessError("Choose to disable or to enable the application.")
    connect.set_disabled(session, application, disabled=action == "disable")


@router.post("/{client_id}/settings")
async def update_settings(request: Request, client_id: str) -> Response:
    return await _change(request, client_id, _update)


@router.post("/{client_id}/secrets")
async def create_secret(request: Request, client_id: str) -> Response:
    return await _change(request, client_id, _new_secret)


@router.post("/{client_id}/secrets/revoke")
async def revoke_secret(request: Request, client_id: str) -> Response:
    return await _change(request, client_id, _revoke_secret)


@router.post("/{client_id}/grants")
async def change_grant(request: Request, client_id: str) -> Response:
    return await _change(request, client_id, _grant, owner_only=False)


@router.post("/{client_id}/state")
async def change_state(request: Request, client_id: str) -> Response:
    return await _change(request, client_id, _state)
