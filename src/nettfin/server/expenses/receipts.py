"""Expense receipt use cases (EP301010): list, read, create, update, delete.

A receipt is entered on its own and may be put on a claim of the same employee that is on Hold (`expenseClaim`),
taking the claim's next `claimDetailId`; `{"value": null}` takes it off again. A receipt on a claim that is not on
Hold is the claim's: it is changed or deleted only after the claim is put on hold. Its status is the claim's
(Open when it is on none or on a claim on Hold). Amounts, account and VAT: `details.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..currencies.models import Currency
from ..db.base import utcnow
from ..db.engine import Database
from ..documents.lines import LineLedger, calendar_day
from ..identity.companies import base_currency
from ..identity.models import Company
from ..inventory.models import InventoryItem
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.conditions import DateCondition
from ..kit.errors import BusinessError, NotFound, record_errors
from ..kit.records import find_by_code
from ..kit.responses import check_if_match
from ..timecards.models import Employee
from .claims import (
    CLAIM_NUMBERS,
    RECEIPT_NUMBERS,
    RECEIPT_RESOURCE,
    employee_for,
    open_period,
    touch,
)
from .details import apply_detail, settle
from .models import ZERO, ExpenseClaim, ExpenseDetail
from .release import totals
from .schemas import ExpenseReceiptUpdateDto

_ENTITY, _RECORD = "expense receipt", "ExpenseReceipt"
# The receipt's names -> the claim detail's, which `apply_detail` reads.
_RENAMED = {"inventory": "expenseItem", "expenseSub": "subaccountNumber"}
_IGNORED = ("customer", "location", "salesAccount", "salesSub")
# The receipt's status for its claim's.
RECEIPT_STATUS = {
    None: "Open",
    "Hold": "Open",
    "PendingApproval": "Pending",
    "Approved": "Approved",
    "Rejected": "Rejected",
    "Released": "Released",
}
_CLAIM_STATUSES = {status: [c for c, r in RECEIPT_STATUS.items() if r == status] for status in RECEIPT_STATUS.values()}


@dataclass(frozen=True)
class ReceiptFilters:
    date: DateCondition | None = None
    inventory: str | None = None
    project: str | None = None
    employee: str | None = None
    project_task: str | None = None
    invoiceable: bool | None = None
    status: str | None = None
    customer: str | None = None

    def conditions(self) -> list:
        found = []
        if self.date:
            found.append(self.date.apply(ExpenseDetail.date))
        if self.inventory:
            found.append(ExpenseDetail.item.has(InventoryItem.number == self.inventory))
        if self.project:
            found.append(ExpenseDetail.project == self.project)
        if self.project_task:
            found.append(ExpenseDetail.project_task == self.project_task)
        if self.employee:
            found.append(ExpenseDetail.employee.has(Employee.number == self.employee))
        if self.invoiceable is not None:
            found.append(ExpenseDetail.invoiceable.is_(self.invoiceable))
        if self.status:
            statuses = _CLAIM_STATUSES[self.status]
            on_claims = ExpenseDetail.claim.has(ExpenseClaim.status.in_([s for s in statuses if s]))
            found.append(on_claims | ExpenseDetail.claim_id.is_(None) if None in statuses else on_claims)
        if self.customer:
            # Receipts name no customer in nettfin: a customer filter selects none.
            found.append(ExpenseDetail.id.is_(None))
        return found


def list_receipts(db: Database, *, company_id: int, filters: ReceiptFilters) -> list[ExpenseDetail]:
    with db.reading() as session:
        statement = (
            select(ExpenseDetail)
            .where(ExpenseDetail.company_id == company_id, *filters.conditions())
            .order_by(ExpenseDetail.receipt_nbr, ExpenseDetail.id)
        )
        return list(session.scalars(statement).unique())


def scoped(filters: ReceiptFilters, number: str) -> ReceiptFilters:
    return replace(filters, employee=number)


def get_receipt(db: Database, *, company_id: int, number: str) -> ExpenseDetail:
    with db.reading() as session:
        return _find(session, company_id, number)


def create_receipt(
    db: Database, *, company_id: int, user_id: int, dto: ExpenseReceiptUpdateDto
) -> tuple[ExpenseDetail, list[str]]:
    changes = dto.changes()
    with db.writing() as session:
        company = session.get(Company, company_id)
        detail = ExpenseDetail(
            company_id=company_id,
            quantity=1,
            unit_cost=ZERO,
            total_amount=ZERO,
            employee_part=ZERO,
            claim_amount=ZERO,
            tax_amount=ZERO,
            invoiceable=False,
            currency_id=company.base_currency,
        )

        def apply(ignored: list[str]) -> list[str]:
            return _apply(session, detail, changes, ignored, user_id=user_id, inserting=True)

        ignored = RECEIPT_NUMBERS.enter(
            session, detail, changes, apply, entity=_ENTITY, label=_RECORD, resource=RECEIPT_RESOURCE
        )
        if detail.claim is not None:
            touch(session, detail.claim)
        return detail, ignored


def update_receipt(
    db: Database, *, company_id: int, user_id: int, number: str, dto: ExpenseReceiptUpdateDto, if_match: str | None
) -> tuple[ExpenseDetail, list[str]]:
    changes = dto.changes()
    with db.writing() as session:
        detail = _find(session, company_id, number, for_update=True)
        check_if_match(if_match, detail.row_version)
        ignored: list[str] = []
        claimed = detail.claim
        if claimed is not None and claimed.status != "Hold":
            problems = [_claims_it(detail, "changed")]
        else:
            with session.no_autoflush:
                problems = _apply(session, detail, changes, ignored, user_id=user_id, inserting=False)
        if problems:
            raise record_errors(action="updating", entity=_ENTITY, record=_RECORD, errors=problems)
        detail.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RECEIPT_RESOURCE)
        for claim in {c.id: c for c in (claimed, detail.claim) if c is not None}.values():
            totals(session, claim)
            touch(session, claim)
        session.flush()
        return detail, ignored


def delete_receipt(db: Database, *, company_id: int, number: str) -> None:
    with db.writing() as session:
        detail = _find(session, company_id, number, for_update=True)
        claim = detail.claim
        if claim is not None and claim.status != "Hold":
            raise BusinessError(_claims_it(detail, "deleted"))
        if claim is not None:
            claim.details.remove(detail)
            totals(session, claim)
            touch(session, claim)
        session.delete(detail)
        bump_version(session, company_id=company_id, resource=RECEIPT_RESOURCE)


def _claims_it(detail: ExpenseDetail, verb: str) -> str:
    claim = detail.claim
    return (
        f"Expense receipt '{detail.receipt_nbr}' is on expense claim '{claim.ref_nbr}', which is {claim.status}; "
        f"it cannot be {verb} until the claim is put on hold (action/hold)."
    )


def _find(session: Session, company_id: int, number: str, *, for_update: bool = False) -> ExpenseDetail:
    missing = messages.not_found("Expense receipt", number)
    return RECEIPT_NUMBERS.find(session, company_id, number, for_update=for_update, missing=missing)


def _apply(
    session: Session, detail: ExpenseDetail, changes: dict, ignored: list[str], *, user_id: int, inserting: bool
) -> list[str]:
    ignored += [name for name in _IGNORED if name in changes]
    change = {_RENAMED.get(name, name): value for name, value in changes.items()}
    problems: list[str] = []
    if inserting and "date" not in change:
        detail.date = calendar_day(utcnow())
    if inserting or "claimedBy" in change:
        employee, found = employee_for(session, detail.company_id, user_id, change.get("claimedBy"))
        problems += found
        if employee is not None:
            if detail.claim is not None and employee.id != detail.claim.employee_id:
                problems.append(
                    f"Claimed by: the receipt is on expense claim '{detail.claim.ref_nbr}' of employee "
                    f"'{detail.claim.employee.number}'; take it off the claim first."
                )
            else:
                detail.employee = employee
    if "currency" in change:
        problems += _apply_currency(session, detail, change["currency"])
    ledger = LineLedger(session, detail.company_id)
    problems += apply_detail(session, ledger, detail, change)
    if problems:
        return problems
    ledger.attach([detail])
    _, found = open_period(session, detail.company_id, detail.date)
    problems += found
    if "expenseClaim" in change:
        problems += _apply_claim(session, detail, change["expenseClaim"])
    if problems:
        return problems
    department = detail.employee.department
    problems += settle(session, detail, department.expense_account, department.expense_subaccount)
    if detail.claim is not None:
        totals(session, detail.claim)
    return problems


def _apply_currency(session: Session, detail: ExpenseDetail, sent: str | None) -> list[str]:
    base = base_currency(session, detail.company_id)
    code = (sent or "").strip().upper() or base
    if find_by_code(session, Currency, Currency.currency_id, detail.company_id, code) is None and code != base:
        return [messages.cannot_be_found("Currency", code)]
    if code != base:
        return [f"Currency: expense receipts are in the company's base currency ({base}) in nettfin, not '{code}'."]
    detail.currency_id = code
    return []


def _apply_claim(session: Session, detail: ExpenseDetail, sent: str | None) -> list[str]:
    """Put the receipt on the claim named (on Hold, of the receipt's employee), or take it off with none."""
    number = (sent or "").strip()
    current = detail.claim
    if current is not None and current.ref_nbr == number:
        return []
    if not number:
        if current is not None:
            current.details.remove(detail)
            detail.line_number = None
        return []
    try:
        claim = CLAIM_NUMBERS.find(session, detail.company_id, number, missing="", for_update=True)
    except NotFound:
        return [f"Expense claim: {messages.cannot_be_found('Expense claim', number)}"]
    if claim.status != "Hold":
        return [f"Expense claim: expense claim '{number}' is {claim.status}; a receipt is put only on a claim on hold."]
    if claim.employee_id != detail.employee.id:
        return [
            f"Expense claim: expense claim '{number}' is claimed by employee '{claim.employee.number}', the receipt "
            f"by '{detail.employee.number}'."
        ]
    if current is not None:
        current.details.remove(detail)
    detail.line_number = max((d.line_number or 0 for d in claim.details), default=0) + 1
    claim.details.append(detail)
    return []
