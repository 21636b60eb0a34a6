"""Employees (EP203000) as the API serves them: `/v1/employee` list, get, create and update, a `kit.resource`
declaration, and an employee's time cards (`/v1/employee/{EmployeeCd}/timecards`).

What is the employee's own: the key is written as `employeeCd` and read as `employeeNumber`; a POST takes
`EmployeeCreateDTO` and a PUT `EmployeeUpdateDto`, which alone has `companyTreeInfo` (the employee's
memberships of the company tree's work groups, `tree.py`); the write status says `Hold` where the read status
says `OnHold`; the name is composed from the contact's names; and department, class, last name and email are
required of the whole record. An employee may be linked to a user (whose own time cards it then is); the API
does not change that link.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit import messages
from ..kit.checks import fits_column
from ..kit.filters import IsSet
from ..kit.keyed_lines import KeyedBook, apply_keyed_operations
from ..kit.keys import ResourceKey
from ..kit.members import Attribute, Nested, Shape
from ..kit.party import address
from ..kit.records import RecordKey
from ..kit.render import json_response
from ..kit.resource import (
    ERROR_INFO,
    LAST_MODIFIED,
    TIME_STAMP,
    Computed,
    GreaterThan,
    Member,
    ModifiedSince,
    Reference,
    Resource,
    Scalar,
    Texts,
    Writing,
)
from ..kit.resource_routes import KeyChange, key_change_route, resource_router
from ..kit.shapes import IdDescription, NumberName, merge_nested
from ..kit.wire import Value
from . import cards
from .card_router import time_card_dto, time_card_filters, time_card_window
from .models import Department, Employee, EmployeeClass
from .schemas import (
    CompanyTreeInfoDto,
    ContactTitle,
    EmployeeContactUpdateDto,
    EmployeeStatus,
    EmployeeWriteStatus,
    TimeCardDto,
)
from .tree import EMPLOYEE_RESOURCE, active_groups, unknown_groups

# nettfin's users have integer ids; the read DTO's `employeeUserId` is a Guid, so each user gets a stable one.
USER_ID_NAMESPACE = uuid.UUID("6e657474-6669-6e00-7573-657269640000")
# An employee linked to no user: a .NET Guid member that is not set is the empty Guid.
NO_USER = "00000000-0000-0000-0000-000000000000"
# The write enum says Hold where the read enum says OnHold.
_STORED_STATUS = {"Hold": "OnHold"}
_REQUIRED_CONTACT = {"lastName": "Last name", "email": "Email"}
_NAMES = ("firstName", "middleName", "lastName")


def employee_user_id(user_id: int | None) -> str:
    return NO_USER if user_id is None else str(uuid.uuid5(USER_ID_NAMESPACE, str(user_id)))


@dataclass(frozen=True)
class Status(Member):
    """`status`: read as the stored status; written with the write enum (`Hold` is stored as `OnHold`), and
    cleared to Active."""

    wire: str = "status"

    def schema(self) -> Any:
        return EmployeeStatus

    def read(self, employee: Employee) -> Any:
        return employee.status

    def write_schema(self) -> Any:
        return Value[EmployeeWriteStatus]

    def write(self, writing: Writing, employee: Employee, value: Any) -> list[str]:
        status = str(value or "Active")
        employee.status = _STORED_STATUS.get(status, status)
        return []


def _contact(employee: Employee) -> dict:
    return employee.contact or {}


CONTACT = Shape(
    "ContactInEmployeeDto",
    (
        Attribute("employeeContact", "name"),
        Computed("title", ContactTitle, lambda employee: None),
        Computed("firstName", str, lambda employee: _contact(employee).get("firstName")),
        Computed("midName", str, lambda employee: _contact(employee).get("middleName")),
        Computed("lastName", str, lambda employee: _contact(employee).get("lastName")),
        Computed("phone3", str, lambda employee: _contact(employee).get("phone3")),
        Attribute("name", "name"),
        Computed("attention", str, lambda employee: None),
        Computed("email", str, lambda employee: _contact(employee).get("email")),
        Computed("web", str, lambda employee: None),
        Computed("phone1", str, lambda employee: _contact(employee).get("phone1")),
        Computed("phone2", str, lambda employee: _contact(employee).get("phone2")),
        Computed("fax", str, lambda employee: _contact(employee).get("fax")),
    ),
)


@dataclass(frozen=True)
class Contact(Nested):
    """`contact`: kept on the employee; its members change one by one (`EmployeeContactUpdateDto`)."""

    def write_schema(self) -> Any:
        return EmployeeContactUpdateDto

    def write(self, writing: Writing, employee: Employee, value: Any) -> list[str]:
        employee.contact = merge_nested(employee.contact, value)
        return []


@dataclass(frozen=True)
class WorkGroups(Member):
    """`companyTreeInfo` (PUT only): insert, update or delete the employee's memberships of the company tree's
    work groups, each named by its workGroupID (the group's name); a line without an operation updates the
    membership it names or inserts it. A membership can only be inserted in a group that exists. Read back as
    `workGroupDescription`."""

    wire: str = "companyTreeInfo"
    written_on: frozenset[str] = frozenset({"update"})

    def schema(self) -> Any:
        return None

    def write_schema(self) -> Any:
        return list[CompanyTreeInfoDto]

    def write(self, writing: Writing, employee: Employee, value: Any) -> list[str]:
        return _apply_work_groups(writing.session, employee, value or [])


def _apply_work_groups(session: Session, employee: Employee, lines: list[dict]) -> list[str]:
    groups = {group["workGroupID"]: dict(group) for group in employee.work_groups or []}
    missing = unknown_groups(session, employee.company_id, [(line.get("workGroupID") or "").strip() for line in lines])

    def create(group_id: str, replacing: dict | None) -> tuple[dict | None, list[str]]:
        if replacing is None and group_id in missing:
            return None, [messages.cannot_be_found("Work group", group_id)]
        groups[group_id] = {"workGroupID": group_id, "active": True, "owner": False}
        return groups[group_id], []

    def remove(group: dict) -> list[str]:
        del groups[group["workGroupID"]]
        return []

    def apply(group: dict, change: dict, inserting: bool) -> list[str]:
        group.update({k: bool(change[k]) for k in ("active", "owner") if k in change})
        return []

    book = KeyedBook(
        collection="companyTreeInfo",
        where="among the employee's work groups",
        key=lambda change: (change.get("workGroupID") or "").strip() or None,
        no_key=messages.cannot_be_empty("Work group ID"),
        row_key=lambda group: group["workGroupID"],
        name=lambda group_id: f"Work group '{group_id}'",
        create=create,
        remove=remove,
        apply=apply,
    )
    problems = apply_keyed_operations(book, list(groups.values()), lines)
    employee.work_groups = list(groups.values())
    return problems


def _check(writing: Writing, employee: Employee) -> list[str]:
    """The whole record, after the body's changes: what an employee must have, and its composed name."""
    problems = []
    for wire, attr, label in (
        ("department", "department", "Department"),
        ("employeeClass", "employee_class", "Employee class"),
    ):
        # A code that names nothing is reported by its member; a missing or cleared one here.
        if getattr(employee, attr) is None and not (writing.changes.get(wire) or "").strip():
            problems.append(messages.cannot_be_empty(label))
    contact = _contact(employee)
    problems += [
        messages.cannot_be_empty(label)
        for member, label in _REQUIRED_CONTACT.items()
        if not (contact.get(member) or "").strip()
    ]
    employee.name = " ".join(filter(None, (contact.get(name) for name in _NAMES)))
    too_long = fits_column(Employee.__table__.c.name, employee.name, "Employee name")
    return problems + ([too_long] if too_long else [])


EMPLOYEE = Resource(
    name=EMPLOYEE_RESOURCE,
    model=Employee,
    path="/v1/employee",
    tag="Employee",
    label="Employee",
    key=RecordKey("employeeCd", Employee.number, "Employee ID"),
    key_wrapped=True,
    members=(
        # The key is written as employeeCd and read as employeeNumber.
        Scalar("employeeCd", "number", "Employee ID", readable=False, writable=False),
        Computed("employeeUserId", str, lambda employee: employee_user_id(employee.user_id)),
        Computed("employeeId", int, lambda employee: employee.id),
        Attribute("employeeNumber", "number"),
        Attribute("employeeName", "name"),
        Status(),
        Reference(
            "department",
            "department",
            "Department",
            Department.department_id,
            str,
            lambda department: department.department_id,
        ),
        Contact("contact", CONTACT),
        address("address", "address", wrapped=False),
        LAST_MODIFIED,
        Reference(
            "employeeClass",
            "employee_class",
            "Employee class",
            EmployeeClass.class_id,
            IdDescription,
            lambda found: {"id": found.class_id, "description": found.description},
        ),
        # Branches and calendars are not served: their ids are kept as given, and read back under other names.
        Computed("branch", NumberName, lambda employee: {"number": employee.branch} if employee.branch else None),
        Scalar("branch", "branch", "Branch", readable=False),
        Attribute("calendarID", "calendar"),
        Scalar("calendar", "calendar", "Calendar", readable=False),
        Computed("employeeLogin", str, lambda employee: employee.user.email if employee.user else None),
        Computed("workGroupDescription", list[str], active_groups),
        WorkGroups(),
        TIME_STAMP,
        ERROR_INFO,
    ),
    texts=Texts(
        list="Get a range of employees - ScreenId=EP203000",
        get="Get a specific employee",
        create="Create an employee",
        update="Updates a specific employee",
        key="Identifies the employee",
    ),
    dto="EmployeeDto",
    write_dto="EmployeeUpdateDto",
    create_dto="EmployeeCreateDTO",
    filters=(
        IsSet("linkedToUser", "user_id", "If the employee is linked to a user."),
        GreaterThan(),
        ModifiedSince(),
    ),
    defaults={"status": "Active"},
    check=_check,
)

router = resource_router(EMPLOYEE, company_context)
key_change_route(
    EMPLOYEE,
    company_context,
    router,
    KeyChange(
        action="changeEmployeeCd",
        field="employeeNr",
        dto="ChangeEmployeeNrActionDto",
        result_dto="ChangeEmployeeNrActionResultDto",
        summary="Updates the EmployeeNr for the specified employee",
    ),
)


@router.get(
    "/{EmployeeCd}/timecards",
    response_model=list[TimeCardDto],
    summary="Get a specific employee time cards",
    description="Not paged; the same filters as GET /timeCard, none of them required.",
)
def list_employee_time_cards(
    request: Request,
    EmployeeCd: ResourceKey,
    context: CompanyContext = Depends(company_context),
    filters: cards.TimeCardFilters = Depends(time_card_filters),
    window: cards.Window = Depends(time_card_window),
) -> Response:
    # The real document also declares an `employeeCd` query parameter: accepted, but the path names the employee.
    found = cards.list_employee_time_cards(
        request.app.state.db, company_id=context.company_id, number=EmployeeCd, filters=filters, window=window
    )
    return json_response([time_card_dto(card) for card in found])
