"""The admin panel's companies and company templates (`/admin/companies`), on the same use cases as
`nettfin admin company ...` and the admin API (snapshots/service.py), for a tenant's Customer administrator.

Templates are the installation's, listed to every administrator. An administrator saves its tenant's companies
as templates, makes companies from any template in its own tenant (not in a new tenant as the admin API does: the
administrator gets both Financials roles in it), and deletes its tenant's companies, never the last one (that
would delete the tenant, its users and the administrator's own sign-in). It replaces or deletes only a template
made from one of its tenant's companies, or whose company no longer exists; never `demo`. A new company's
development token and its Connect application's secret are shown once, on the page that answers the creation.
Every refusal shows the use case's message on the page; nothing is written then.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from ..identity.models import FINANCIALS_ROLES, Company, Tenant, User
from ..identity.service import grant_company
from ..kit.errors import ApiError, BusinessError
from ..kit.keys import RowId
from ..snapshots import service
from .admin_access import administrator, posted_form
from .auth_pages import render
from .connect_admin_pages import own_company, tenant_companies

router = APIRouter(prefix="/companies")
PAGE = "/admin/companies"


# --- who may do what ----------------------------------------------------------------------------------------


def manageable(template: service.TemplateView, own: set[int]) -> bool:
    """Whether an administrator whose tenant has the companies `own` may replace or delete the template."""
    if template.name == service.DEMO_TEMPLATE:
        return False
    return template.source_company_id is None or template.source_company_id in own


def _check_manageable(template: service.TemplateView, own: set[int], doing: str) -> None:
    if template.name == service.DEMO_TEMPLATE:
        raise BusinessError(
            f"The template '{service.DEMO_TEMPLATE}' is the demo company as seeded, which the server keeps: it "
            "cannot be replaced or deleted from the admin panel."
        )
    if not manageable(template, own):
        raise BusinessError(
            f"The template '{template.name}' was made from another organisation's company: only that "
            f"organisation's administrators may {doing} it."
        )


def _own_ids(session: Session, admin: User) -> set[int]:
    return {company.id for company in tenant_companies(session, admin)}


# --- the page -----------------------------------------------------------------------------------------------


@router.get("")
def companies_page(request: Request) -> Response:
    return _companies_page(request)


def _companies_page(
    request: Request,
    error: str | None = None,
    shown: service.Clone | None = None,
    status_code: int = 200,
    form: dict | None = None,
) -> Response:
    """The tenant's companies and every template; a refusal's message (and the form as it was sent), or a new
    company's secrets, when there is one."""
    admin, problem = administrator(request)
    if problem:
        return problem
    with request.app.state.db.reading() as session:
        companies = tenant_companies(session, admin)
        templates = service.templates(session)
    own = {company.id: company for company in companies}
    rows = [
        {
            "template": template,
            "source": own.get(template.source_company_id),
            "manageable": manageable(template, set(own)),
        }
        for template in templates
    ]
    return render(
        request,
        "admin_companies.html",
        status_code,
        companies=companies,
        templates=rows,
        name_rule=service.NAME_RULE,
        error=error,
        shown=shown,
        form=form or {"template": service.DEMO_TEMPLATE},
    )


Change = Callable[[Session, User, FormData], service.Clone | None]


async def _change(request: Request, change: Change) -> Response:
    """Run one change in one transaction; a new company is shown on the page, anything else goes back to it. A
    refusal shows the page again with its message and the form as it was sent."""
    admin, problem = await run_in_threadpool(administrator, request)
    form, csrf_problem = await posted_form(request)
    if problem or csrf_problem:
        return problem or csrf_problem

    def apply() -> service.Clone | None:
        with request.app.state.db.writing() as session:
            return change(session, admin, form)

    try:
        made = await run_in_threadpool(apply)
    except ApiError as error:
        shown_form = {key: value for key, value in form.items() if key != "csrf"}
        return await run_in_threadpool(_companies_page, request, error.message, None, 400, shown_form)
    if made is not None:
        return await run_in_threadpool(_companies_page, request, None, made)
    return RedirectResponse(PAGE, status_code=303)


def _save_as_template(session: Session, admin: User, form: FormData) -> None:
    company = own_company(session, admin, form.get("company_id"))
    name = service.check_name(str(form.get("name") or "").strip())
    replace = bool(form.get("replace"))
    existing = {template.name: template for template in service.templates(session)}
    if replace and name in existing:
        _check_manageable(existing[name], _own_ids(session, admin), "replace")
    service.snapshot(
        session,
        company_id=company.id,
        name=name,
        description=str(form.get("description") or "").strip(),
        replace=replace,
    )


def _new_company(session: Session, admin: User, form: FormData) -> service.Clone:
    """A company from the template in the administrator's own tenant, with both Financials roles for them."""
    made = service.clone(
        session,
        template=str(form.get("template") or ""),
        name=str(form.get("company_name") or "").strip() or None,
        tenant=session.get(Tenant, admin.tenant_id),
    )
    company = session.get(Company, made.company_id)
    grant_company(session, user=session.get(User, admin.id), company=company, roles=FINANCIALS_ROLES)
    return made


@router.post("/templates")
async def save_as_template(request: Request) -> Response:
    return await _change(request, _save_as_template)


@router.post("/clone")
async def new_company(request: Request) -> Response:
    return await _change(request, _new_company)


# --- deleting, after a confirmation -------------------------------------------------------------------------


def _deletable_company(session: Session, admin: User, company_id: int) -> Company:
    service.refuse_template_company(session, company_id)
    company = own_company(session, admin, str(company_id))
    count = session.scalar(select(func.count()).select_from(Company).where(Company.tenant_id == admin.tenant_id))
    if count <= 1:
        raise BusinessError(
            f"Company {company.id} is your organisation's last company: deleting it would delete your organisation, "
            "its users and your own sign-in with it. Make another company first, or ask the server's operator."
        )
    return company


def _deletable_template(session: Session, admin: User, name: str) -> service.TemplateView:
    template = service.view(service.find_template(session, name))
    _check_manageable(template, _own_ids(session, admin), "delete")
    return template


def _confirm(request: Request, what: str, action: str, consequence: str) -> Response:
    return render(request, "admin_company_delete.html", what=what, action=action, consequence=consequence)


@router.get("/{company_id}/delete")
def confirm_company(request: Request, company_id: RowId) -> Response:
    admin, problem = administrator(request)
    if problem:
        return problem
    try:
        with request.app.state.db.reading() as session:
            company = _deletable_company(session, admin, company_id)
    except ApiError as error:
        return _companies_page(request, error.message, None, 400)
    return _confirm(
        request,
        f"company {company.name} ({company.id})",
        f"{PAGE}/{company_id}/delete",
        "Every record of the company goes, with its users' roles in it and its applications' approvals; the "
        "attachment files no other company holds are removed. It cannot be undone.",
    )


@router.post("/{company_id}/delete")
async def delete_company(request: Request, company_id: RowId) -> Response:
    def delete(session: Session, admin: User) -> list[str]:
        return service.delete_company(session, _deletable_company(session, admin, company_id).id)

    return await _delete(request, delete)


@router.get("/templates/{name}/delete")
def confirm_template(request: Request, name: str) -> Response:
    admin, problem = administrator(request)
    if problem:
        return problem
    try:
        with request.app.state.db.reading() as session:
            template = _deletable_template(session, admin, name)
    except ApiError as error:
        return _companies_page(request, error.message, None, 400)
    return _confirm(
        request,
        f"template {template.name}",
        f"{PAGE}/templates/{template.name}/delete",
        "The template's copy of the records goes; the companies made from it stay as they are.",
    )


@router.post("/templates/{name}/delete")
async def delete_template(request: Request, name: str) -> Response:
    def delete(session: Session, admin: User) -> list[str]:
        return service.drop_template(session, _deletable_template(session, admin, name).name)

    return await _delete(request, delete)


async def _delete(request: Request, delete: Callable[[Session, User], list[str]]) -> Response:
    """The checks and the deletion in one transaction, the attachment files released after (service.deleting)."""
    admin, problem = await run_in_threadpool(administrator, request)
    _form, csrf_problem = await posted_form(request)
    if problem or csrf_problem:
        return problem or csrf_problem
    db, blobs = request.app.state.db, request.app.state.blobs
    try:
        await run_in_threadpool(service.deleting, db, blobs, lambda session: delete(session, admin))
    except ApiError as error:
        return await run_in_threadpool(_companies_page, request, error.message, None, 400)
    return RedirectResponse(PAGE, status_code=303)
