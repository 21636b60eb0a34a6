"""The company tree page (EP204060) for a company's Financials Administrators: the tree of work groups, and the
knowledge base's steps for the time card error: add a group, add a member, add a group below it, and give
yourself transaction access to the members of a group and of the groups below it ("=>").

Every change is saved at once (nettfin has no separate "Update Tree" and "Save" steps).
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Query, Request
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from ..identity.models import FINANCIALS_ADMINISTRATOR, Company, CompanyRole, User
from ..identity.sessions import csrf_valid
from ..kit.checks import INT32_MAX, parse_int32
from ..kit.errors import ApiError
from ..kit.keys import RowId
from ..timecards import tree
from ..timecards.models import Employee
from .auth_pages import error_page, render, signed_in_user

router = APIRouter(prefix="/companytree", include_in_schema=False)


@dataclass(frozen=True)
class _Access:
    user: User | None
    company: Company | None
    problem: Response | None


def _administrator_of(request: Request, company_id: int) -> _Access:
    user = signed_in_user(request)
    if user is None:
        return _Access(None, None, RedirectResponse(f"/login?next=/companytree/{company_id}", status_code=303))
    with request.app.state.db.reading() as session:
        company = session.get(Company, company_id)
        role = session.scalar(
            select(CompanyRole.role).where(
                CompanyRole.user_id == user.id,
                CompanyRole.company_id == company_id,
                CompanyRole.role == FINANCIALS_ADMINISTRATOR,
            )
        )
    if company is None or role is None:
        message = f"The company tree needs the {FINANCIALS_ADMINISTRATOR} role in company {company_id}."
        return _Access(user, None, error_page(request, "Not allowed", message, 403))
    return _Access(user, company, None)


@router.get("")
def companies_page(request: Request) -> Response:
    """The companies whose tree the user may edit; straight to the tree when there is only one."""
    user = signed_in_user(request)
    if user is None:
        return RedirectResponse("/login?next=/companytree", status_code=303)
    with request.app.state.db.reading() as session:
        companies = session.scalars(
            select(Company)
            .join(CompanyRole, CompanyRole.company_id == Company.id)
            .where(CompanyRole.user_id == user.id, CompanyRole.role == FINANCIALS_ADMINISTRATOR)
            .order_by(Company.id)
        ).all()
    if len(companies) == 1:
        return RedirectResponse(f"/companytree/{companies[0].id}", status_code=303)
    return render(request, "company_tree.html", companies=companies, company=None)


@router.get("/{company_id}")
def tree_page(request: Request, company_id: RowId, group: int | None = Query(None, le=INT32_MAX)) -> Response:
    access = _administrator_of(request, company_id)
    return access.problem or _show_tree(request, access, group)


def _show_tree(request: Request, access: _Access, group: int | None, error: str | None = None) -> Response:
    company_id = access.company.id
    with request.app.state.db.reading() as session:
        nodes = tree.tree_view(session, company_id)
        employees = session.execute(
            select(Employee.number, Employee.name).where(Employee.company_id == company_id).order_by(Employee.number)
        ).all()
    selected = next((node for node in nodes if node.id == group), None)
    children = [node for node in nodes if node.parent_id == (selected.id if selected else None)]
    return render(
        request,
        "company_tree.html",
        400 if error else 200,
        company=access.company,
        nodes=nodes,
        selected=selected,
        children=children,
        employees=employees,
        me=access.user.email,
        error=error,
    )


async def _change(request: Request, company_id: int, change) -> Response:
    """Check the administrator and the form, apply the change in one transaction, and show the tree again."""
    access = await run_in_threadpool(_administrator_of, request, company_id)
    form = dict(await request.form())
    if access.problem:
        return access.problem
    if not csrf_valid(request.session, form.get("csrf")):
        return error_page(request, "Expired form", "The form has expired (CSRF check failed); reload the page.", 403)

    def apply() -> int | None:
        with request.app.state.db.writing() as session:
            return change(session, access.user, form)

    selected = form.get("selected") or None
    try:
        shown = await run_in_threadpool(apply)
    except ApiError as error:
        return await run_in_threadpool(_show_tree, request, access, _group_id(selected), error.message)
    target = shown if shown is not None else selected
    return RedirectResponse(f"/companytree/{company_id}" + (f"?group={target}" if target else ""), status_code=303)


def _group_id(raw: str | None) -> int | None:
    return parse_int32(raw)


@router.post("/{company_id}/groups")
async def add_group(request: Request, company_id: RowId) -> Response:
    def change(session, _user, form) -> int:
        # The new group is selected next, so its members can be added at once (the article's step 1).
        parent = form.get("parent") or None
        return tree.add_group(session, company_id=company_id, name=form.get("name", ""), parent=parent).id

    return await _change(request, company_id, change)


@router.post("/{company_id}/members")
async def add_member(request: Request, company_id: RowId) -> Response:
    def change(session, _user, form) -> None:
        tree.add_member(
            session,
            company_id=company_id,
            group=form.get("group", ""),
            employee=form.get("employee", ""),
            owner=form.get("owner") == "on",
        )

    return await _change(request, company_id, change)


@router.post("/{company_id}/members/remove")
async def remove_member(request: Request, company_id: RowId) -> Response:
    def change(session, _user, form) -> None:
        tree.remove_member(
            session, company_id=company_id, group=form.get("group", ""), employee=form.get("employee", "")
        )

    return await _change(request, company_id, change)


@router.post("/{company_id}/delegations")
async def delegate(request: Request, company_id: RowId) -> Response:
    """The article's "=>": the signed-in user gets transaction access below the group."""

    def change(session, user, form) -> None:
        tree.delegate(session, company_id=company_id, group=form.get("group", ""), user=user)

    return await _change(request, company_id, change)


@router.post("/{company_id}/delegations/remove")
async def remove_delegation(request: Request, company_id: RowId) -> Response:
    def change(session, user, form) -> None:
        tree.remove_delegation(session, company_id=company_id, group=form.get("group", ""), user=user)

    return await _change(request, company_id, change)
