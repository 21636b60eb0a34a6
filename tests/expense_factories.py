"""Test data for expense claims and receipts: the demo company's books (`books`), the employee classes' payables
account, the company tree that approves claims, and bodies in the real write shape."""

from __future__ import annotations

from sqlalchemy import select

from nettfin.server.ledger.models import Account
from nettfin.server.timecards import tree
from nettfin.server.timecards.models import EmployeeClass
from tests.conftest import Tenant
from tests.supplier_ledger_factories import books

PAYABLE = "2990"


def expense_books(tenant: Tenant, *, payable: str | None = PAYABLE) -> Tenant:
    """The demo's books and employees E001..E010; the classes credit `payable`; E001 owns the tree's top group,
    which the others are in (below it), so E001 approves their claims."""
    books(tenant)
    with tenant.database.writing() as session:
        account = session.scalars(
            select(Account).where(Account.company_id == tenant.company_id, Account.account_cd == payable)
        ).first()
        for employee_class in session.scalars(
            select(EmployeeClass).where(EmployeeClass.company_id == tenant.company_id)
        ):
            employee_class.payable_account = account
        tree.add_group(session, company_id=tenant.company_id, name="Ledelse")
        tree.add_group(session, company_id=tenant.company_id, name="Ansatte", parent="Ledelse")
    return tenant


def wrap(**members) -> dict:
    return {name: {"value": value} for name, value in members.items()}


def detail(amount: str = "1250.00", account: str | None = "7140", category: str | None = "03", **extra) -> dict:
    """A claim detail of one unit at `amount` (VAT included) on `account`."""
    body = {"operation": "Insert", **wrap(date="2019-11-08", description="Flybillett Oslo-Bergen")}
    body.update(wrap(quantity=1, unitCost=amount))
    if account is not None:
        body["expenseAccount"] = {"value": account}
    if category is not None:
        body["taxCategory"] = {"value": category}
    body.update(extra)
    return body


def claim_body(employee: str | None = "E002", *details: dict, date: str = "2019-11-10", **extra) -> dict:
    body = wrap(date=date, description="Reise til Bergen")
    if employee is not None:
        body["claimedBy"] = {"value": employee}
    body["details"] = list(details) if details else [detail()]
    body.update(extra)
    return body


def receipt_body(employee: str | None = "E002", amount: str = "250.00", **extra) -> dict:
    body = wrap(date="2019-11-08", description="Taxi", totalAmount=amount, expenseAccount="7140", taxCategory="33")
    if employee is not None:
        body["claimedBy"] = {"value": employee}
    body.update(extra)
    return body


def created(response) -> str:
    assert response.status_code == 201, response.text
    return response.headers["Location"].rsplit("/", 1)[-1]


def error_of(response, status: int = 400) -> str:
    assert response.status_code == status, response.text
    message = response.json()["message"]
    assert message.startswith("VismaId: ")
    return message.split(". ", 1)[1]
