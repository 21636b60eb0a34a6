"""Expense claim use cases (EP301000): list, read, create, update, delete, and the actions submit, approval and
hold, with the service's wording.

The flow: a new claim is on Hold; `submit` sends it to approval (PendingApproval); `approval` gives it to its
approver in the company tree (the time card rule, `timecards.tree.find_approver`): with one it is approved and,
as the real API has no release action, released at once (Released: the posting, `release.py`); when the tree
names nobody it is Rejected. `hold` takes a PendingApproval, Approved or Rejected claim back to Hold. Only a claim
on Hold is changed, and only one on Hold or Rejected deleted (its details stay, as open receipts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..documents.lines import LineLedger, calendar_day
from ..identity.models import Company
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.document_lists import ListWindow, fetch_filtered
from ..kit.document_numbers import DocumentNumbers
from ..kit.errors import BusinessError, NotFound, record_errors
from ..kit.lines import LineBook, apply_line_operations
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Listing, Page, PageResult
from ..kit.records import RecordKey, apply_scalars
from ..kit.responses import check_if_match
from ..ledger.period_ids import period_of
from ..ledger.periods import LedgerModule, PeriodNotOpen, period_open_for
from ..timecards.models import Department, Employee
from ..timecards.tree import find_approver
from .details import apply_detail, settle
from .models import ZERO, ExpenseClaim, ExpenseDetail
from .release import release_claim, totals
from .schemas import ExpenseClaimUpdateDto

RESOURCE = "expenseClaim"
RECEIPT_RESOURCE = "expenseReceipt"
MAX_PAGE_SIZE = DOCUMENT_MAX_PAGE_SIZE
CLAIM_NUMBERS = DocumentNumbers(RecordKey("refNbr", ExpenseClaim.ref_nbr, "Ref. no.", "EXPCLAIM"), "Expense claims")
RECEIPT_NUMBERS = DocumentNumbers(
    RecordKey("receiptId", ExpenseDetail.receipt_nbr, "Receipt ID", "EXPRECEIPT"), "Expense receipts"
)
LISTING = Listing(resource=RESOURCE, model=ExpenseClaim, key=ExpenseClaim.ref_nbr)
_ENTITY, _RECORD = "expense claim", "ExpenseClaim"
# Members the claim accepts and nettfin does not keep (docs/compatibility.md, "Expense claims").
_IGNORED = ("customer", "customerUpdateAnswer")
_IGNORED_IN_DETAILS = ("customer", "location")


@dataclass(frozen=True)
class ClaimFilters:
    status: str | None = None
    date: datetime | None = None
    customer: str | None = None
    department: str | None = None
    employee: str | None = None
    window: ListWindow = ListWindow()

    def conditions(self) -> list:
        found = []
        if self.status:
            found.append(ExpenseClaim.status == self.status)
        if self.date is not None:
            found.append(ExpenseClaim.date == calendar_day(self.date))
        if self.customer:
            # Claims name no customer in nettfin: a customer filter selects none.
            found.append(ExpenseClaim.id.is_(None))
        if self.department:
            found.append(ExpenseClaim.department.has(Department.department_id == self.department))
        if self.employee:
            found.append(ExpenseClaim.employee.has(Employee.number == self.employee))
        return found + self.window.conditions(ExpenseClaim.ref_nbr, ExpenseClaim.last_modified_at)


def list_claims(db: Database, *, company_id: int, filters: ClaimFilters, page: Page) -> PageResult:
    with db.reading() as session:
        return fetch_filtered(session, LISTING, company_id=company_id, filters=filters, page=page)


def employee_scope(db: Database, *, company_id: int, number: str) -> None:
    """The employee a path names must exist (404 otherwise)."""
    with db.reading() as session:
        if find_employee(session, company_id, number) is None:
            raise NotFound(messages.not_found("Employee", number))


def scoped(filters, number: str):
    return replace(filters, employee=number)


def get_claim(db: Database, *, company_id: int, ref_nbr: str) -> ExpenseClaim:
    with db.reading() as session:
        return find_claim(session, company_id, ref_nbr)


def create_claim(
    db: Database, *, company_id: int, user_id: int, dto: ExpenseClaimUpdateDto
) -> tuple[ExpenseClaim, list[str]]:
    changes = dto.changes()
    with db.writing() as session:
        company = session.get(Company, company_id)
        claim = ExpenseClaim(
            company_id=company_id, status="Hold", approval_status="New", currency_id=company.base_currency, details=[]
        )

        def apply(ignored: list[str]) -> list[str]:
            return _apply(session, claim, changes, ignored, user_id=user_id, inserting=True)

        ignored = CLAIM_NUMBERS.enter(session, claim, changes, apply, entity=_ENTITY, label=_RECORD, resource=RESOURCE)
        bump_version(session, company_id=company_id, resource=RECEIPT_RESOURCE)
        return claim, ignored


def update_claim(
    db: Database, *, company_id: int, user_id: int, ref_nbr: str, dto: ExpenseClaimUpdateDto, if_match: str | None
) -> tuple[ExpenseClaim, list[str]]:
    changes = dto.changes()
    with db.writing() as session:
        claim = find_claim(session, company_id, ref_nbr, for_update=True)
        check_if_match(if_match, claim.row_version)
        ignored: list[str] = []
        if claim.status != "Hold":
            problems = [not_on_hold(claim, "changed")]
        else:
            with session.no_autoflush:
                problems = _apply(session, claim, changes, ignored, user_id=user_id, inserting=False)
        if problems:
            raise record_errors(action="updating", entity=_ENTITY, record=_RECORD, errors=problems)
        touch(session, claim)
        return claim, ignored


def delete_claim(db: Database, *, company_id: int, ref_nbr: str) -> None:
    with db.writing() as session:
        claim = find_claim(session, company_id, ref_nbr, for_update=True)
        if claim.status not in ("Hold", "Rejected"):
            raise BusinessError(
                f"Expense claim '{claim.ref_nbr}' is {claim.status} and cannot be deleted; only a claim on hold or "
                "rejected can be deleted (put it on hold first: action/hold)."
            )
        now = utcnow()
        for detail in list(claim.details):
            detail.claim, detail.line_number, detail.last_modified_at = None, None, now
        session.flush()
        session.delete(claim)
        bump_version(session, company_id=company_id, resource=RESOURCE)
        bump_version(session, company_id=company_id, resource=RECEIPT_RESOURCE)


def run_action(db: Database, *, company_id: int, ref_nbr: str, action: str, if_match: str | None) -> ExpenseClaim:
    """`submit`, `approval` or `hold`."""
    with db.writing() as session:
        claim = find_claim(session, company_id, ref_nbr, for_update=True)
        check_if_match(if_match, claim.row_version)
        ACTIONS[action](session, claim)
        touch(session, claim)
        bump_version(session, company_id=company_id, resource=RECEIPT_RESOURCE)
        return claim


def _submit(_session: Session, claim: ExpenseClaim) -> None:
    _require(claim, ("Hold",), "submitted", "only a claim on hold can be submitted")
    if not claim.details:
        raise BusinessError(f"Expense claim '{claim.ref_nbr}' has no details; add one before submitting it.")
    claim.status, claim.approval_status = "PendingApproval", "SentToApproval"
    claim.approval_text = claim.approver = None


def _send_to_approval(session: Session, claim: ExpenseClaim) -> None:
    """The company tree's approver decides (the time card rule); an approved claim is released at once."""
    _require(claim, ("PendingApproval",), "sent to approval", "submit it first; only a claim pending approval can")
    found = find_approver(session, company_id=claim.company_id, employee=claim.employee)
    if found is None:
        claim.status, claim.approval_status, claim.approver = "Rejected", "RejectedInApproval", None
        claim.approval_text = (
            f"Rejected: the company tree names no approver for employee '{claim.employee.number}' (no other owner "
            "of its work groups or of the groups above them)."
        )
        return
    approver, group = found
    claim.status, claim.approval_status, claim.approver = "Approved", "ApprovedInApproval", approver.number
    claim.approval_date = calendar_day(utcnow())
    claim.approval_text = f"Approved by {approver.name} ({approver.number}), owner of work group '{group}'."
    release_claim(session, claim)


def _put_on_hold(_session: Session, claim: ExpenseClaim) -> None:
    if claim.status == "Released":
        raise BusinessError(f"Expense claim '{claim.ref_nbr}' is released and cannot be put on hold.")
    _require(claim, ("PendingApproval", "Approved", "Rejected"), "put on hold", "it is on hold already")
    claim.status, claim.approval_status = "Hold", "New"
    claim.approval_text = claim.approver = claim.approval_date = None


ACTIONS: dict[str, Callable[[Session, ExpenseClaim], None]] = {
    "submit": _submit,
    "approval": _send_to_approval,
    "hold": _put_on_hold,
}


def _require(claim: ExpenseClaim, statuses: tuple[str, ...], verb: str, why: str) -> None:
    if claim.status not in statuses:
        raise BusinessError(f"Expense claim '{claim.ref_nbr}' cannot be {verb}: its status is {claim.status}; {why}.")


def not_on_hold(claim: ExpenseClaim, verb: str) -> str:
    if claim.status == "Released":
        return f"Expense claim '{claim.ref_nbr}' is released and cannot be {verb}."
    return (
        f"Expense claim '{claim.ref_nbr}' is {claim.status} and cannot be {verb}; put it on hold first (action/hold)."
    )


def touch(session: Session, claim: ExpenseClaim) -> None:
    claim.last_modified_at = utcnow()
    bump_version(session, company_id=claim.company_id, resource=RESOURCE)
    session.flush()


def find_claim(session: Session, company_id: int, ref_nbr: str, *, for_update: bool = False) -> ExpenseClaim:
    missing = messages.not_found("Expense claim", ref_nbr)
    return CLAIM_NUMBERS.find(session, company_id, ref_nbr, for_update=for_update, missing=missing)


def find_employee(session: Session, company_id: int, number: str) -> Employee | None:
    return session.scalars(select(Employee).where(Employee.company_id == company_id, Employee.number == number)).first()


def employee_for(session: Session, company_id: int, user_id: int, number: str | None) -> tuple[Employee | None, list]:
    """The employee a body's `claimedBy` names, or the caller's own employee record when it names none."""
    number = (number or "").strip()
    if not number:
        own = session.scalars(
            select(Employee).where(Employee.company_id == company_id, Employee.user_id == user_id)
        ).first()
        return own, [] if own else [messages.cannot_be_empty("Claimed by")]
    employee = find_employee(session, company_id, number)
    if employee is None:
        return None, [f"Claimed by: {messages.cannot_be_found('Employee', number)}"]
    if employee.status == "Inactive":
        return None, [f"Claimed by: employee '{number}' is inactive."]
    return employee, []


def open_period(session: Session, company_id: int, day: datetime) -> tuple[str, list[str]]:
    """The period a claim or receipt of that date posts to, which must be open in the general ledger."""
    period = period_of(day.date())
    try:
        period_open_for(session, company_id, period, LedgerModule.GENERAL_LEDGER)
    except PeriodNotOpen as refused:
        return period, [f"'Date': {refused.message}"]
    return period, []


def _apply(
    session: Session, claim: ExpenseClaim, changes: dict, ignored: list[str], *, user_id: int, inserting: bool
) -> list[str]:
    problems = apply_scalars(
        claim,
        changes,
        {"description": ("description", "Description", None), "location": ("location", "Location", None)},
    )
    ignored += [name for name in _IGNORED if name in changes]
    if "date" in changes:
        claim.date = calendar_day(changes["date"])
    if claim.date is None:
        if inserting and "date" not in changes:
            claim.date = calendar_day(utcnow())
        else:
            problems.append(messages.cannot_be_empty("Date"))
    if inserting or "claimedBy" in changes:
        employee, found = employee_for(session, claim.company_id, user_id, changes.get("claimedBy"))
        problems += found
        if employee is not None and claim.employee is not None and employee.id != claim.employee.id and claim.details:
            problems.append(
                f"Claimed by: the claim's details are employee '{claim.employee.number}''s; take them off the claim "
                "before it is claimed by another employee."
            )
        elif employee is not None:
            claim.employee, claim.department = employee, employee.department
    if problems:
        return problems
    claim.period_id, found = open_period(session, claim.company_id, claim.date)
    problems += found
    ledger = LineLedger(session, claim.company_id)
    problems += _apply_details(session, ledger, claim, changes.get("details") or [], ignored)
    if problems:
        return problems
    ledger.attach(claim.details)
    department = claim.employee.department
    for detail in claim.details:
        problems += [
            f"details[{detail.line_number}]: {problem}"
            for problem in settle(session, detail, department.expense_account, department.expense_subaccount)
        ]
    totals(session, claim)
    return problems


def _apply_details(
    session: Session, ledger: LineLedger, claim: ExpenseClaim, sent: list[dict], ignored: list[str]
) -> list[str]:
    """The body's details on kit/lines.py's rules, a detail named by its `claimDetailId`. A detail taken off the
    claim stays, an open receipt."""
    now = utcnow()

    def create(number: int) -> ExpenseDetail:
        detail = ExpenseDetail(
            company_id=claim.company_id,
            receipt_nbr=RECEIPT_NUMBERS.allocate(session, claim.company_id),
            line_number=number,
            employee=claim.employee,
            date=claim.date,
            quantity=1,
            unit_cost=ZERO,
            total_amount=ZERO,
            employee_part=ZERO,
            claim_amount=ZERO,
            tax_amount=ZERO,
            invoiceable=False,
            currency_id=claim.currency_id,
            created_at=now,
            last_modified_at=now,
        )
        claim.details.append(detail)
        return detail

    def remove(detail: ExpenseDetail) -> None:
        claim.details.remove(detail)
        detail.line_number, detail.last_modified_at = None, now

    def apply(detail: ExpenseDetail, change: dict, place: str, inserting: bool) -> list[str]:
        ignored.extend(f"{place}.{name}" for name in _IGNORED_IN_DETAILS if name in change)
        detail.last_modified_at = now
        return apply_detail(session, ledger, detail, change)

    book = LineBook(
        collection="details",
        noun="claim",
        number=lambda detail: detail.line_number,
        renumber=lambda detail, number: setattr(detail, "line_number", number),
        create=create,
        remove=remove,
        apply=apply,
        session=session,
    )
    changes = [{**change, "lineNumber": change.get("claimDetailId")} for change in sent]
    return apply_line_operations(book, list(claim.details), changes)
