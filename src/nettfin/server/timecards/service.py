"""Employee use cases: list, read, create and update, with the service's validation wording. An employee may
be linked to a user (whose own time cards it then is); the API does not change that link. `companyTreeInfo`
manages the employee's memberships of the company tree's work groups."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.checks import fits_column
from ..kit.conditions import DateCondition
from ..kit.errors import NotFound, record_errors
from ..kit.paging import Listing, Page, PageResult, fetch_page
from ..kit.records import RecordKey, Scalars, apply_nested, apply_scalars, assign_key, resolve_code
from ..kit.responses import check_if_match
from ..kit.shapes import merge_nested
from ..kit.wire import LineOperation
from .models import Department, Employee, EmployeeClass
from .schemas import EmployeeCreateDTO, EmployeeUpdateDto
from .tree import unknown_groups

RESOURCE = "employee"
LISTING = Listing(resource=RESOURCE, model=Employee, key=Employee.number)
KEY = RecordKey(field="employeeCd", column=Employee.number, label="Employee ID")
# The write enum says Hold where the read enum says OnHold.
_STORED_STATUS = {"Hold": "OnHold"}
_SCALARS: Scalars = {
    "branch": ("branch", "Branch", None),
    "calendar": ("calendar", "Calendar", None),
}
_REQUIRED_CONTACT = {"lastName": "Last name", "email": "Email"}


@dataclass(frozen=True)
class EmployeeFilters:
    linked_to_user: bool | None = None
    greater_than: str | None = None
    modified: DateCondition | None = None

    def conditions(self) -> list:
        found = []
        if self.linked_to_user is not None:
            found.append(Employee.user_id.is_not(None) if self.linked_to_user else Employee.user_id.is_(None))
        if self.greater_than:
            found.append(Employee.number > self.greater_than)
        if self.modified:
            found.append(self.modified.apply(Employee.last_modified_at))
        return found


def list_employees(db: Database, *, company_id: int, filters: EmployeeFilters, page: Page) -> PageResult:
    with db.reading() as session:
        return fetch_page(
            session, LISTING, company_id=company_id, conditions=filters.conditions(), signature=filters, page=page
        )


def get_employee(db: Database, *, company_id: int, number: str) -> Employee:
    with db.reading() as session:
        return _find(session, company_id, number)


def create_employee(db: Database, *, company_id: int, dto: EmployeeCreateDTO) -> Employee:
    changes = dto.changes()
    with db.writing() as session:
        employee = Employee(company_id=company_id, status="Active", contact={}, address={}, work_groups=[])
        problems, _ = assign_key(session, employee, changes, KEY)
        problems += _apply(session, employee, changes)
        if problems:
            raise record_errors(action="inserting", entity="employee", record="Employee", errors=problems)
        employee.created_at = employee.last_modified_at = utcnow()
        session.add(employee)
        try:
            session.flush()
        except IntegrityError:
            # Another transaction took the same employee ID between our check and our insert.
            raise record_errors(
                action="inserting", entity="employee", record="Employee", errors=[KEY.duplicate(employee.number)]
            ) from None
        bump_version(session, company_id=company_id, resource=RESOURCE)
        return employee


def update_employee(
    db: Database, *, company_id: int, number: str, dto: EmployeeUpdateDto, if_match: str | None
) -> Employee:
    changes = dto.changes()
    with db.writing() as session:
        employee = _find(session, company_id, number, for_update=True)
        check_if_match(if_match, employee.row_version)
        # The record holds the request's values until they are checked: no lookup may flush them first.
        with session.no_autoflush:
            problems = _apply(session, employee, changes)
        if problems:
            raise record_errors(action="updating", entity="employee", record="Employee", errors=problems)
        employee.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        session.flush()
        return employee


def _find(session: Session, company_id: int, number: str, *, for_update: bool = False) -> Employee:
    statement = select(Employee).where(Employee.company_id == company_id, Employee.number == number)
    if for_update:
        statement = statement.with_for_update(of=Employee)
    employee = session.scalars(statement).unique().first()
    if employee is None:
        raise NotFound(messages.not_found("Employee", number))
    return employee


def _apply(session: Session, employee: Employee, changes: dict) -> list[str]:
    """Apply a PATCH to the employee; returns every problem found (nothing is kept when there is one)."""
    problems = apply_scalars(employee, changes, _SCALARS)
    if "status" in changes:
        status = str(changes["status"] or "Active")
        employee.status = _STORED_STATUS.get(status, status)
    problems += apply_nested(employee, changes, {"address": "address"})
    problems += _apply_references(session, employee, changes)
    if "contact" in changes:
        employee.contact = merge_nested(employee.contact, changes["contact"])
    for member, label in _REQUIRED_CONTACT.items():
        if not (employee.contact.get(member) or "").strip():
            problems.append(f"'{label}' cannot be empty.")
    contact = employee.contact
    employee.name = " ".join(filter(None, (contact.get(k) for k in ("firstName", "middleName", "lastName"))))
    too_long = fits_column(Employee.__table__.c.name, employee.name, "Employee name")
    problems += [too_long] if too_long else []
    if "companyTreeInfo" in changes:
        problems += _apply_work_groups(session, employee, changes["companyTreeInfo"] or [])
    return problems


def _apply_references(session: Session, employee: Employee, changes: dict) -> list[str]:
    problems: list[str] = []
    for wire, attr, model, column, label in (
        ("department", "department", Department, Department.department_id, "Department"),
        ("employeeClass", "employee_class", EmployeeClass, EmployeeClass.class_id, "Employee class"),
    ):
        if wire in changes:
            found, problem = resolve_code(session, model, column, employee.company_id, changes[wire], label)
            setattr(employee, attr, found)
            problems += problem
        if getattr(employee, attr) is None and not (changes.get(wire) or "").strip():
            problems.append(f"'{label}' cannot be empty.")
    return problems


def _apply_work_groups(session: Session, employee: Employee, lines: list[dict]) -> list[str]:
    """Insert, update or delete the employee's memberships of the company tree's work groups, each named by its
    workGroupID (the group's name); a line without an operation updates the membership it names or inserts it.
    A membership can only be inserted in a group that exists."""
    groups = {group["workGroupID"]: dict(group) for group in employee.work_groups or []}
    missing = unknown_groups(session, employee.company_id, [(line.get("workGroupID") or "").strip() for line in lines])
    problems = []
    for index, line in enumerate(lines):
        where = f"companyTreeInfo[{index}]"
        group_id = (line.get("workGroupID") or "").strip()
        operation = line.get("operation")
        if not group_id:
            problems.append(f"{where}: 'Work group ID' cannot be empty.")
        elif operation in (LineOperation.Update, LineOperation.Delete) and group_id not in groups:
            problems.append(f"{where}: Work group '{group_id}' is not among the employee's work groups.")
        elif operation == LineOperation.Insert and group_id in groups:
            problems.append(f"{where}: Work group '{group_id}' is already among the employee's work groups.")
        elif operation == LineOperation.Delete:
            del groups[group_id]
        elif group_id not in groups and group_id in missing:
            problems.append(f"{where}: {messages.cannot_be_found('Work group', group_id)}")
        else:
            group = groups.setdefault(group_id, {"workGroupID": group_id, "active": True, "owner": False})
            group.update({k: bool(line[k]) for k in ("active", "owner") if k in line})
    employee.work_groups = list(groups.values())
    return problems
