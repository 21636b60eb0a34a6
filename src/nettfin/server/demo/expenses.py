"""The demo company's expenses: the employee classes' payables account (2990), three expense claims, one in each
state the flow leaves a claim in, and two open receipts, so the expense endpoints have something to show.

    000001  E002  Released         flight, hotel and taxi in Bergen; posted (module EP): expenses on 7140, input
                                   VAT on 2710/2712, 3 620.00 owed to the employee on 2990
    000002  E003  PendingApproval  a customer lunch; `action/approval` releases it (E003's approver is E001)
    000003  E001  Hold             the demo user's office supplies, to be changed or submitted (its approval
                                   rejects it: the company tree names no approver above E001)
    receipts: E001's parking and E010's train ticket, on no claim

Deterministic: fixed dates and times; numbers from the claims' and receipts' series.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..expenses.claims import CLAIM_NUMBERS, RECEIPT_NUMBERS, RECEIPT_RESOURCE, RESOURCE
from ..expenses.details import settle
from ..expenses.models import ZERO, ExpenseClaim, ExpenseDetail
from ..expenses.release import release_claim, totals
from ..kit.changes import bump_version
from ..kit.records import find_by_code
from ..ledger.journal import JournalBatch, LedgerHistory
from ..ledger.models import Account
from ..timecards.models import Employee, EmployeeClass

SEEDED_AT = datetime(2019, 11, 20, 9, 0, tzinfo=UTC)
PAYABLE = "2990"
# (employee, day in November 2019, status, description, details: (description, amount, VAT category, account))
_CLAIMS = [
    (
        "E002",
        12,
        "Released",
        "Kundebesøk Bergen",
        [
            ("Flybillett Oslo-Bergen t/r", "2500.00", "03", "7140"),
            ("Hotell, to netter", "870.00", "33", "7140"),
            ("Taxi Flesland", "250.00", "33", "7140"),
        ],
    ),
    ("E003", 14, "PendingApproval", "Lunsj med kunde", [("Lunsj, Fjord Handel AS", "690.00", "31", "7140")]),
    ("E001", 18, "Hold", "Kontorrekvisita", [("Notatblokker og penner", "312.50", "03", "6800")]),
]
# (employee, day, description, amount, VAT category, account)
_RECEIPTS = [
    ("E001", 19, "Parkering Aker Brygge", "180.00", None, "7140"),
    ("E010", 19, "Togbillett Oslo-Lillehammer", "549.00", "33", "7140"),
]


def seed_expenses(session: Session, company_id: int) -> None:
    session.flush()
    payable = find_by_code(session, Account, Account.account_cd, company_id, PAYABLE)
    for employee_class in session.scalars(select(EmployeeClass).where(EmployeeClass.company_id == company_id)):
        employee_class.payable_account = payable
    employees = {
        e.number: e for e in session.scalars(select(Employee).where(Employee.company_id == company_id)).unique()
    }
    for number, day, status, description, lines in _CLAIMS:
        _claim(session, company_id, employees[number], day, status, description, lines)
    for number, day, description, amount, category, account in _RECEIPTS:
        session.add(_detail(session, company_id, employees[number], day, description, amount, category, account))
    session.flush()
    _stamp_the_posting(session, company_id)
    bump_version(session, company_id=company_id, resource=RESOURCE)
    bump_version(session, company_id=company_id, resource=RECEIPT_RESOURCE)


def _claim(session: Session, company_id: int, employee: Employee, day: int, status: str, description: str, lines):
    date = datetime(2019, 11, day, tzinfo=UTC)
    claim = ExpenseClaim(
        company_id=company_id,
        ref_nbr=CLAIM_NUMBERS.allocate(session, company_id),
        status="Hold",
        approval_status="New",
        date=date,
        description=description,
        employee=employee,
        department=employee.department,
        currency_id="NOK",
        period_id=f"{date.year}{date.month:02d}",
        created_at=SEEDED_AT,
        last_modified_at=SEEDED_AT,
    )
    for line_number, (text, amount, category, account) in enumerate(lines, start=1):
        detail = _detail(session, company_id, employee, day, text, amount, category, account)
        detail.line_number = line_number
        claim.details.append(detail)
    totals(session, claim)
    session.add(claim)
    session.flush()
    if status == "PendingApproval":
        claim.status, claim.approval_status = "PendingApproval", "SentToApproval"
    elif status == "Released":
        claim.approval_status, claim.approver = "ApprovedInApproval", "E001"
        claim.approval_date = datetime(2019, 11, 15, tzinfo=UTC)
        claim.approval_text = "Approved by Demo Bruker (E001), owner of work group 'Ledelse'."
        release_claim(session, claim)


def _detail(session: Session, company_id: int, employee: Employee, day: int, text, amount, category, account):
    detail = ExpenseDetail(
        company_id=company_id,
        receipt_nbr=RECEIPT_NUMBERS.allocate(session, company_id),
        employee=employee,
        date=datetime(2019, 11, day, tzinfo=UTC),
        description=text,
        quantity=Decimal(1),
        uom="STK",
        unit_cost=Decimal(amount),
        total_amount=Decimal(amount),
        employee_part=ZERO,
        claim_amount=Decimal(amount),
        tax_amount=ZERO,
        tax_category=category,
        currency_id="NOK",
        invoiceable=False,
        account=find_by_code(session, Account, Account.account_cd, company_id, account),
        created_at=SEEDED_AT,
        last_modified_at=SEEDED_AT,
    )
    problems = settle(session, detail, None, None)
    assert not problems, problems
    return detail


def _stamp_the_posting(session: Session, company_id: int) -> None:
    """The released claim's batch and the balances it moved get the seed's time, not the clock's."""
    for model, columns in (
        (JournalBatch, ("created_at", "last_modified_at", "posted_at")),
        (LedgerHistory, ("last_modified_at",)),
    ):
        session.execute(
            update(model)
            .where(model.company_id == company_id, model.last_modified_at > SEEDED_AT)
            .values(**dict.fromkeys(columns, SEEDED_AT))
        )
