"""The demo company's cash transactions, budget and deferral codes, deterministic like the rest of the demo.

Three released cash transactions on the bank account (a deposit of share capital, interest received, a bank
fee), a budget for 2020 in the BUDGET ledger on sales, purchases and rent, and two deferral codes (prepaid
expenses and deferred income)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..cash.models import CashTransaction
from ..cash.release import post_transaction
from ..cash.transactions import enter_transaction
from ..kit.changes import bump_version
from ..kit.records import find_by_code
from ..ledger.budgets import enter_budget
from ..ledger.deferrals import RESOURCE as DEFERRAL_RESOURCE
from ..ledger.journal import JournalBatch, LedgerHistory
from ..ledger.models import Account, BudgetArticle, DeferralCode, Subaccount
from .ledger import SEEDED_AT

BUDGET_YEAR = "2020"
# (entry type, date, description, [(offset account, amount, description)])
_TRANSACTIONS = [
    ("DEPOSIT", datetime(2019, 11, 4, tzinfo=UTC), "Innbetalt aksjekapital", [("2000", "100000.00", "Aksjekapital")]),
    ("INTEREST", datetime(2019, 11, 30, tzinfo=UTC), "Renter november", [("8040", "125.40", "Renteinntekt")]),
    ("BANKFEE", datetime(2019, 11, 30, tzinfo=UTC), "Gebyrer november", [("7770", "89.00", "Kontogebyr")]),
]
# (account, subaccount department, yearly amount)
_BUDGET = [("3000", "10", "1200000.00"), ("4300", "20", "540000.00"), ("6300", "30", "180000.00")]
# (code, description, type, recognition method, account)
_DEFERRAL_CODES = [
    ("FORSKUDD", "Forskuddsbetalte kostnader", "Expense", "EvenPeriods", "1700"),
    ("UTSATT", "Utsatt inntekt", "Income", "ProrateDays", "2990"),
]


def seed_cash_and_budgets(session: Session, company_id: int) -> None:
    for entry, day, description, lines in _TRANSACTIONS:
        changes = {
            "entryType": entry,
            "cashAccount": "1920",
            "tranDate": day,
            "description": description,
            "cashTransactionDetails": [
                {"offsetAccount": account, "amount": Decimal(amount), "description": text}
                for account, amount, text in lines
            ],
        }
        transaction, _ = enter_transaction(session, company_id, changes)
        post_transaction(session, transaction)
    for account, department, amount in _BUDGET:
        changes = {
            "ledger": "BUDGET",
            "financialYear": BUDGET_YEAR,
            "account": account,
            "subaccount": [{"segmentId": 1, "segmentValue": department}],
            "amount": Decimal(amount),
        }
        enter_budget(session, company_id, changes)
    common = find_by_code(session, Subaccount, Subaccount.subaccount_cd, company_id, "00-000")
    for code, description, kind, method, account in _DEFERRAL_CODES:
        session.add(
            DeferralCode(
                company_id=company_id,
                deferral_code_cd=code,
                description=description,
                code_type=kind,
                recognition_method=method,
                deferred_revenue_from_item=False,
                deferral_account=find_by_code(session, Account, Account.account_cd, company_id, account),
                deferral_subaccount=common,
            )
        )
    session.flush()
    _stamp(session, company_id)


def _stamp(session: Session, company_id: int) -> None:
    """Every row this seed wrote carries the demo's moment, so two seeds render the same bytes."""
    for model, columns in (
        (CashTransaction, ("created_at", "last_modified_at")),
        (BudgetArticle, ("created_at", "last_modified_at")),
        (JournalBatch, ("created_at", "last_modified_at", "posted_at")),
        (LedgerHistory, ("last_modified_at",)),
    ):
        session.execute(update(model).where(model.company_id == company_id).values(**dict.fromkeys(columns, SEEDED_AT)))
    for resource in ("cashTransaction", "budget", DEFERRAL_RESOURCE, "journalTransaction", "generalLedgerBalance"):
        bump_version(session, company_id=company_id, resource=resource)
