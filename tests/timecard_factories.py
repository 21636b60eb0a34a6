"""Test data for the company tree and time cards: employees through the API, the tree through its service (as
the company tree page and `nettfin admin tree` build it), colleagues with tokens of their own, and time card
bodies in the real write shape."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from nettfin.server.identity.models import FINANCIALS_USER, Company, User
from nettfin.server.identity.service import create_user, grant_company, issue_token
from nettfin.server.kit.changes import bump_version
from nettfin.server.timecards import tree
from nettfin.server.timecards.cards import release_time_card
from nettfin.server.timecards.models import Employee
from tests.conftest import Tenant
from tests.party_factories import add_employee_reference_data, minimal_employee

COMPANY_TREE_MESSAGE = "You cannot create timecards for the selected user. Please review the company tree."
WEEK = "202415"


def staffed(tenant: Tenant, *numbers: str) -> Tenant:
    """Departments, classes and the named employees (created through the API, linked to no user)."""
    add_employee_reference_data(tenant)
    for number in numbers:
        response = tenant.post("/employee", minimal_employee(number))
        assert response.status_code == 201, response.text
    return tenant


def colleague(tenant: Tenant, *, employee: str | None = None, role: str = FINANCIALS_USER) -> Tenant:
    """Another user of the tenant's company with a token of their own, linked to `employee` when given."""
    with tenant.database.writing() as session:
        company = session.get(Company, tenant.company_id)
        user = create_user(session, email=f"{uuid.uuid4().hex[:10]}@example.test", first_name="Kollega")
        grant_company(session, user=user, company=company, roles=(role,))
        token = issue_token(session, user=user)
        if employee is not None:
            _employee(session, tenant.company_id, employee).user_id = user.id
            bump_version(session, company_id=tenant.company_id, resource="employee")
    return Tenant(tenant.company_id, user.id, token, tenant.client, tenant.database)


def link(tenant: Tenant, employee: str) -> None:
    """Make `employee` the tenant's own user's employee record."""
    with tenant.database.writing() as session:
        _employee(session, tenant.company_id, employee).user_id = tenant.user_id
        bump_version(session, company_id=tenant.company_id, resource="employee")


def add_group(tenant: Tenant, name: str, parent: str | None = None) -> None:
    with tenant.database.writing() as session:
        tree.add_group(session, company_id=tenant.company_id, name=name, parent=parent)


def add_member(tenant: Tenant, group: str, employee: str, *, owner: bool = False) -> None:
    with tenant.database.writing() as session:
        tree.add_member(session, company_id=tenant.company_id, group=group, employee=employee, owner=owner)


def delegate(tenant: Tenant, group: str, user_id: int | None = None) -> None:
    with tenant.database.writing() as session:
        user = session.get(User, user_id or tenant.user_id)
        tree.delegate(session, company_id=tenant.company_id, group=group, user=user)


def remove_delegation(tenant: Tenant, group: str, user_id: int | None = None) -> None:
    with tenant.database.writing() as session:
        user = session.get(User, user_id or tenant.user_id)
        tree.remove_delegation(session, company_id=tenant.company_id, group=group, user=user)


def release(tenant: Tenant, ref_nbr: str) -> None:
    with tenant.database.writing() as session:
        release_time_card(session, company_id=tenant.company_id, ref_nbr=ref_nbr)


def summary_line(earning_type: str = "RG", minutes: int = 450, **extra) -> dict:
    """A summary line of `minutes` a day, Monday to Friday."""
    line = {"operation": "Insert", "earningType": {"value": earning_type}}
    for day in ("mon", "tue", "wed", "thu", "fri"):
        line[day] = {"value": minutes}
    line.update(extra)
    return line


def time_card(employee: str | None = "E002", week: str | None = WEEK, *lines: dict, **extra) -> dict:
    body: dict = {}
    if employee is not None:
        body["employee"] = {"value": employee}
    if week is not None:
        body["week"] = {"value": week}
    body["summary"] = list(lines) if lines else [summary_line()]
    body.update(extra)
    return body


def created_ref(response) -> str:
    assert response.status_code == 201, response.text
    return response.headers["Location"].rsplit("/", 1)[-1]


def error_of(response) -> str:
    """The text after `VismaId: <uuid>. `, which is the service's message."""
    assert response.status_code == 400, response.text
    message = response.json()["message"]
    assert message.startswith("VismaId: ")
    return message.split(". ", 1)[1]


def _employee(session, company_id: int, number: str) -> Employee:
    return session.scalars(select(Employee).where(Employee.company_id == company_id, Employee.number == number)).one()
