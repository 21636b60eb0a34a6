"""The company tree (EP204060): work groups under the company, their members, and delegations, and the rule
time cards follow (the knowledge base's first article).

A user may create or change an employee's time cards when the employee is the user's own employee record, or
when the employee is an active member of a group that the user holds a delegation for (the tree's "=>"), or of
any group below it, at any depth. Otherwise the service answers with the article's message, word for word.

Members are employees; their memberships are the employees' own `companyTreeInfo` lines
(`Employee.work_groups`), so a change of membership is a change of the employee. These functions work inside
the caller's transaction: the company tree page, the `nettfin admin tree` commands and the demo seed share them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..identity.models import FINANCIALS_ROLES, CompanyRole, User
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.checks import fits_column
from ..kit.errors import BusinessError
from .models import Employee, WorkGroup, WorkGroupDelegation

COMPANY_TREE_MESSAGE = "You cannot create timecards for the selected user. Please review the company tree."
EMPLOYEE_RESOURCE = "employee"


@dataclass(frozen=True)
class Member:
    number: str
    name: str
    owner: bool
    active: bool


@dataclass(frozen=True)
class GroupNode:
    """A group as the tree shows it, in depth-first order: its depth, members and delegated users."""

    id: int
    name: str
    parent_id: int | None
    depth: int
    members: tuple[Member, ...]
    delegated_to: tuple[str, ...]


def company_groups(session: Session, company_id: int) -> list[WorkGroup]:
    return list(session.scalars(select(WorkGroup).where(WorkGroup.company_id == company_id).order_by(WorkGroup.id)))


def find_group(session: Session, company_id: int, name: str) -> WorkGroup:
    group = session.scalar(select(WorkGroup).where(WorkGroup.company_id == company_id, WorkGroup.name == name))
    if group is None:
        raise BusinessError(messages.cannot_be_found("Work group", name))
    return group


def add_group(session: Session, *, company_id: int, name: str, parent: str | None = None) -> WorkGroup:
    """A new group under the company (no parent) or under the named group."""
    name = (name or "").strip()
    problem = fits_column(WorkGroup.__table__.c.name, name, "Work group") if name else "'Work group' cannot be empty."
    if problem:
        raise BusinessError(problem)
    taken = session.scalar(select(WorkGroup.id).where(WorkGroup.company_id == company_id, WorkGroup.name == name))
    if taken is not None:
        raise BusinessError(f"Work group '{name}' already exists; choose another name.")
    parent_group = find_group(session, company_id, parent.strip()) if parent and parent.strip() else None
    group = WorkGroup(company_id=company_id, name=name, parent_id=parent_group.id if parent_group else None)
    session.add(group)
    session.flush()
    return group


def add_member(session: Session, *, company_id: int, group: str, employee: str, owner: bool = False) -> None:
    """Make the employee an active member of the group (or change its owner flag if it already is one)."""
    found = find_group(session, company_id, group)
    member = _employee(session, company_id, employee)
    lines = [dict(line) for line in member.work_groups or []]
    existing = next((line for line in lines if line.get("workGroupID") == found.name), None)
    if existing is None:
        lines.append({"workGroupID": found.name, "active": True, "owner": owner})
    else:
        existing.update(active=True, owner=owner)
    _save_memberships(session, member, lines)


def remove_member(session: Session, *, company_id: int, group: str, employee: str) -> None:
    found = find_group(session, company_id, group)
    member = _employee(session, company_id, employee)
    lines = [dict(line) for line in member.work_groups or [] if line.get("workGroupID") != found.name]
    if len(lines) == len(member.work_groups or []):
        raise BusinessError(f"Employee '{employee}' is not a member of work group '{found.name}'.")
    _save_memberships(session, member, lines)


def delegate(session: Session, *, company_id: int, group: str, user: User) -> None:
    """The tree's "=>": the user gets transaction access to the members of the group and of the groups below."""
    found = find_group(session, company_id, group)
    role = session.scalar(
        select(CompanyRole.role).where(
            CompanyRole.user_id == user.id, CompanyRole.company_id == company_id, CompanyRole.role.in_(FINANCIALS_ROLES)
        )
    )
    if role is None:
        raise BusinessError(f"User '{user.email}' has no Financials role in company {company_id}.")
    if _delegation(session, found, user.id) is None:
        session.add(WorkGroupDelegation(company_id=company_id, group_id=found.id, user_id=user.id))
        session.flush()


def remove_delegation(session: Session, *, company_id: int, group: str, user: User) -> None:
    found = find_group(session, company_id, group)
    delegation = _delegation(session, found, user.id)
    if delegation is None:
        raise BusinessError(f"User '{user.email}' holds no delegation for work group '{found.name}'.")
    session.delete(delegation)
    session.flush()


def may_enter_time(session: Session, *, company_id: int, user_id: int, employee: Employee) -> bool:
    """The article's rule: the user's own employee record, or a member of a group at or below a delegation."""
    if employee.user_id is not None and employee.user_id == user_id:
        return True
    delegated = set(
        session.scalars(
            select(WorkGroupDelegation.group_id).where(
                WorkGroupDelegation.company_id == company_id, WorkGroupDelegation.user_id == user_id
            )
        )
    )
    if not delegated:
        return False
    groups = company_groups(session, company_id)
    covered = covered_groups({g.id: g.parent_id for g in groups}, delegated)
    ids = {g.name: g.id for g in groups}
    return any(ids.get(name) in covered for name in active_groups(employee))


def check_company_tree(session: Session, *, company_id: int, user_id: int, employee: Employee) -> None:
    if not may_enter_time(session, company_id=company_id, user_id=user_id, employee=employee):
        raise BusinessError(COMPANY_TREE_MESSAGE)


def covered_groups(parents: dict[int, int | None], delegated: set[int]) -> set[int]:
    """The delegated groups and every group below them: a group is covered when it or an ancestor is delegated."""
    covered: set[int] = set()
    for group_id in parents:
        seen: set[int] = set()
        node: int | None = group_id
        while node is not None and node not in seen:
            if node in delegated:
                covered.add(group_id)
                break
            seen.add(node)
            node = parents.get(node)
    return covered


def active_groups(employee: Employee) -> list[str]:
    return [line["workGroupID"] for line in employee.work_groups or [] if line.get("active", True)]


def find_approver(session: Session, *, company_id: int, employee: Employee) -> tuple[Member, str] | None:
    """Who approves the employee's time: an owner of one of the employee's groups other than the employee,
    or else of the group above it, and so on up to the company. None when the tree names nobody."""
    groups = company_groups(session, company_id)
    by_name = {g.name: g for g in groups}
    by_id = {g.id: g for g in groups}
    owners = _owners(session, company_id)
    for name in active_groups(employee):
        group = by_name.get(name)
        while group is not None:
            candidates = [m for m in owners.get(group.name, []) if m.number != employee.number]
            if candidates:
                return min(candidates, key=lambda m: m.number), group.name
            group = by_id.get(group.parent_id)
    return None


def tree_view(session: Session, company_id: int) -> list[GroupNode]:
    """Every group in depth-first order (children in the order they were added), with members and delegations."""
    groups = company_groups(session, company_id)
    members = _members(session, company_id)
    delegated: dict[int, list[str]] = {}
    for delegation in session.scalars(
        select(WorkGroupDelegation).where(WorkGroupDelegation.company_id == company_id).order_by(WorkGroupDelegation.id)
    ):
        delegated.setdefault(delegation.group_id, []).append(delegation.user.email)
    children: dict[int | None, list[WorkGroup]] = {}
    for group in groups:
        children.setdefault(group.parent_id, []).append(group)
    nodes: list[GroupNode] = []

    def visit(parent_id: int | None, depth: int) -> None:
        for group in children.get(parent_id, []):
            nodes.append(
                GroupNode(
                    group.id,
                    group.name,
                    group.parent_id,
                    depth,
                    tuple(members.get(group.name, [])),
                    tuple(delegated.get(group.id, [])),
                )
            )
            visit(group.id, depth + 1)

    visit(None, 0)
    return nodes


def unknown_groups(session: Session, company_id: int, names: Iterable[str]) -> set[str]:
    wanted = set(names)
    if not wanted:
        return set()
    found = session.scalars(
        select(WorkGroup.name).where(WorkGroup.company_id == company_id, WorkGroup.name.in_(wanted))
    )
    return wanted - set(found)


def _members(session: Session, company_id: int) -> dict[str, list[Member]]:
    found: dict[str, list[Member]] = {}
    rows = session.execute(
        select(Employee.number, Employee.name, Employee.work_groups)
        .where(Employee.company_id == company_id)
        .order_by(Employee.number)
    )
    for number, name, lines in rows:
        for line in lines or []:
            member = Member(number, name, bool(line.get("owner")), bool(line.get("active", True)))
            found.setdefault(line["workGroupID"], []).append(member)
    return found


def _owners(session: Session, company_id: int) -> dict[str, list[Member]]:
    return {
        group: [m for m in members if m.owner and m.active] for group, members in _members(session, company_id).items()
    }


def _employee(session: Session, company_id: int, number: str) -> Employee:
    employee = session.scalars(
        select(Employee).where(Employee.company_id == company_id, Employee.number == number)
    ).first()
    if employee is None:
        raise BusinessError(messages.cannot_be_found("Employee", number))
    return employee


def _save_memberships(session: Session, employee: Employee, lines: list[dict]) -> None:
    employee.work_groups = lines
    employee.last_modified_at = utcnow()
    bump_version(session, company_id=employee.company_id, resource=EMPLOYEE_RESOURCE)
    session.flush()


def _delegation(session: Session, group: WorkGroup, user_id: int) -> WorkGroupDelegation | None:
    return session.scalar(
        select(WorkGroupDelegation).where(
            WorkGroupDelegation.group_id == group.id, WorkGroupDelegation.user_id == user_id
        )
    )
