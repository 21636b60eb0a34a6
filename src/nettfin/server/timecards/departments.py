"""Departments (EP201500) as the API serves them: `/v1/department` list, get, create and update.

The whole resource is this declaration (see `kit.resource`): the key is the client's (`departmentId`, no
number series), the list is not paged and takes `greaterThanValue` and the last-change filter, and the
expense account and subaccount are the ledger's members."""

from __future__ import annotations

from sqlalchemy.orm import joinedload

from ..identity.auth import company_context
from ..kit.records import RecordKey
from ..kit.resource import (
    LAST_MODIFIED,
    PUBLIC_ID,
    TIME_STAMP,
    GreaterThan,
    Ignored,
    ModifiedSince,
    Resource,
    Scalar,
    Texts,
)
from ..kit.resource_routes import resource_router
from ..ledger.resource_members import SubaccountMember, account_member
from .models import Department

DEPARTMENT = Resource(
    name="department",
    model=Department,
    path="/v1/department",
    tag="Department",
    label="Department",
    key=RecordKey("departmentId", Department.department_id, "Department ID"),
    members=(
        PUBLIC_ID,
        Scalar("description", "description", "Description", cleared="", description="The department's name."),
        account_member(
            "expenseAccount",
            "expense_account",
            "Expense account",
            "expenseAccountInDepartmentDto",
            "The account department-related expenses are recorded on.",
        ),
        SubaccountMember(
            "expenseSubaccount",
            "expense_subaccount",
            "expenseSubaccountInDepartmentDto",
            "The subaccount department-related expenses are recorded on.",
        ),
        LAST_MODIFIED,
        TIME_STAMP,
    ),
    texts=Texts(
        list="Get a range of departments - ScreenId=EP201500",
        get="Get a specific department",
        create="Creates a department",
        update="Updates a specific department",
        key="Identifies the department",
    ),
    dto="DepartmentDto",
    write_dto="DepartmentUpdateBaseDto",
    filters=(GreaterThan(), Ignored(), ModifiedSince()),
    paged=False,
    load=(joinedload(Department.expense_account), joinedload(Department.expense_subaccount)),
)

router = resource_router(DEPARTMENT, company_context)
