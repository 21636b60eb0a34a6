"""The admin panel for a tenant's Customer administrator: users and their Financials roles per company
(the knowledge base's "Setup up your user rights" steps), API clients, and (connect_admin_pages.py) Visma Connect
applications, with (webhook_admin_pages.py) their webhook subscriptions; (company_admin_pages.py) companies and
company templates; (request_log_pages.py) the request log."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from ..identity import service
from ..identity.models import FINANCIALS_ROLES, ApiClient, Company, Tenant, User
from ..kit.checks import parse_int32
from ..kit.errors import ApiError
from ..kit.keys import RowId
from .admin_access import administrator, posted
from .auth_pages import error_page, render
from .company_admin_pages import router as company_pages
from .connect_admin_pages import router as connect_pages
from .request_log_pages import router as request_log_pages
from .webhook_admin_pages import router as webhook_pages

router = APIRouter(prefix="/admin", include_in_schema=False)
router.include_router(connect_pages)
router.include_router(webhook_pages)
router.include_router(request_log_pages)
router.include_router(company_pages)


@router.get("")
def users_page(request: Request, error: str | None = None) -> Response:
    admin, problem = administrator(request)
    if problem:
        return problem
    with request.app.state.db.reading() as session:
        users = session.scalars(select(User).where(User.tenant_id == admin.tenant_id).order_by(User.email)).all()
        names = {c.id: c.name for c in session.scalars(select(Company).where(Company.tenant_id == admin.tenant_id))}
        rows = [
            {
                "user": u,
                "companies": ", ".join(names[c] for c in service.company_roles(session, user_id=u.id) if c in names),
            }
            for u in users
        ]
    return render(request, "admin_users.html", users=rows, error=error)


@router.post("/users")
async def create_user(request: Request) -> Response:
    admin, problem = await run_in_threadpool(administrator, request)
    form, csrf_problem = await posted(request)
    if problem or csrf_problem:
        return problem or csrf_problem

    def create() -> int:
        with request.app.state.db.writing() as session:
            tenant = session.get(Tenant, admin.tenant_id)
            return service.create_user(
                session,
                email=form.get("email", ""),
                first_name=form.get("first_name", ""),
                last_name=form.get("last_name", ""),
                tenant=tenant,
                password=form.get("password") or None,
            ).id

    try:
        user_id = await run_in_threadpool(create)
    except ApiError as error:
        return await run_in_threadpool(users_page, request, error.message)
    return RedirectResponse(f"/admin/users/{user_id}", status_code=303)


def _subject(request: Request, admin: User, user_id: int):
    with request.app.state.db.reading() as session:
        subject = session.get(User, user_id)
        if subject is None or subject.tenant_id != admin.tenant_id:
            return None, None, None
        companies = session.scalars(select(Company).where(Company.tenant_id == admin.tenant_id).order_by(Company.id))
        return subject, list(companies), service.company_roles(session, user_id=user_id)


@router.get("/users/{user_id}")
def user_page(request: Request, user_id: RowId) -> Response:
    admin, problem = administrator(request)
    if problem:
        return problem
    subject, companies, roles = _subject(request, admin, user_id)
    if subject is None:
        return error_page(request, "Unknown user", f"User {user_id} is not a user of your organisation.", 404)
    return render(
        request, "admin_user.html", subject=subject, companies=companies, roles=roles, all_roles=FINANCIALS_ROLES
    )


@router.post("/users/{user_id}/roles")
async def change_role(request: Request, user_id: RowId) -> Response:
    admin, problem = await run_in_threadpool(administrator, request)
    form, csrf_problem = await posted(request)
    if problem or csrf_problem:
        return problem or csrf_problem
    if form.get("role") not in FINANCIALS_ROLES or parse_int32(form.get("company_id")) is None:
        return error_page(request, "Invalid change", f"Choose a company and one of: {', '.join(FINANCIALS_ROLES)}.")

    def apply() -> bool:
        with request.app.state.db.writing() as session:
            subject = session.get(User, user_id)
            company = session.get(Company, int(form["company_id"]))
            if subject is None or company is None:
                return False
            if subject.tenant_id != admin.tenant_id or company.tenant_id != admin.tenant_id:
                return False
            if form.get("action") == "remove":
                service.revoke_company_role(session, user=subject, company=company, role=form["role"])
            else:
                service.grant_company(session, user=subject, company=company, roles=(form["role"],))
            return True

    if not await run_in_threadpool(apply):
        return error_page(request, "Invalid change", "That user or company is not part of your organisation.", 404)
    return RedirectResponse(f"/admin/users/{user_id}", status_code=303)


@router.get("/clients")
def clients_page(request: Request, error: str | None = None, shown: dict | None = None) -> Response:
    admin, problem = administrator(request)
    if problem:
        return problem
    with request.app.state.db.reading() as session:
        clients = session.scalars(
            select(ApiClient).where(ApiClient.tenant_id == admin.tenant_id).order_by(ApiClient.id)
        ).all()
    return render(request, "admin_clients.html", clients=clients, error=error, shown=shown)


def _activation_link(request: Request, activation: str) -> str:
    return f"{str(request.base_url).rstrip('/')}/admin/clients/activate/{activation}"


@router.post("/clients")
async def register_client(request: Request) -> Response:
    admin, problem = await run_in_threadpool(administrator, request)
    form, csrf_problem = await posted(request)
    if problem or csrf_problem:
        return problem or csrf_problem
    uris = [line.strip() for line in (form.get("redirect_uris") or "").splitlines() if line.strip()]

    def register():
        with request.app.state.db.writing() as session:
            tenant = session.get(Tenant, admin.tenant_id)
            return service.register_client(
                session,
                tenant=tenant,
                name=form.get("name", "").strip() or "Integration",
                redirect_uris=uris,
                client_type=form.get("client_type", "test"),
            )

    try:
        client, secret, activation = await run_in_threadpool(register)
    except ApiError as error:
        return await run_in_threadpool(clients_page, request, error.message)
    shown = {"client_id": client.client_id, "secret": secret, "activation": _activation_link(request, activation)}
    return await run_in_threadpool(clients_page, request, None, shown)


async def _change_client(request: Request, client_id: int, change) -> Response:
    admin, problem = await run_in_threadpool(administrator, request)
    _form, csrf_problem = await posted(request)
    if problem or csrf_problem:
        return problem or csrf_problem

    def apply():
        with request.app.state.db.writing() as session:
            client = session.get(ApiClient, client_id)
            if client is None or client.tenant_id != admin.tenant_id:
                return None
            return change(session, client)

    shown = await run_in_threadpool(apply)
    if shown is None:
        return error_page(request, "Unknown client", f"Client {client_id} is not one of your organisation's.", 404)
    return await run_in_threadpool(clients_page, request, None, shown)


@router.post("/clients/{client_id}/secret")
async def rotate_secret(request: Request, client_id: RowId) -> Response:
    return await _change_client(
        request, client_id, lambda session, client: {"secret": service.rotate_secret(session, client=client)}
    )


@router.post("/clients/{client_id}/activation")
async def renew_activation(request: Request, client_id: RowId) -> Response:
    return await _change_client(
        request,
        client_id,
        lambda session, client: {
            "activation": _activation_link(request, service.renew_activation(session, client=client))
        },
    )


@router.get("/clients/activate/{activation}")
def activate(request: Request, activation: str) -> Response:
    try:
        with request.app.state.db.writing() as session:
            client = service.activate_client(session, activation=activation)
            name = client.name
    except ApiError as error:
        return error_page(request, "Activation failed", error.message, error.status_code)
    return render(
        request,
        "message.html",
        title="Client activated",
        message=f"{name} is active: it may now connect with the OAuth 2.0 flow.",
    )
