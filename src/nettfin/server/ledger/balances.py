"""General ledger balances (`/generalLedgerBalance`): per account, subaccount and period, what was posted in
the period and the balance at its start and end, read from the GL balances the posting engine keeps.

Balances carry the account's normal sign, as the service shows them: debit minus credit for asset and
expense accounts, credit minus debit for liability and income accounts. Balance sheet accounts carry their
balance forward from every earlier period; income and expense accounts start each financial year at zero.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..identity.companies import base_currency
from ..kit.conditions import CONDITIONS, DateCondition
from ..kit.errors import BusinessError
from ..kit.paging import Listing, Page, PageResult, fetch_page
from ..kit.records import load_by_codes
from .journal import LedgerHistory
from .journal_schemas import BalanceType
from .models import Account, Subaccount
from .period_ids import period_parameter
from .posting import BALANCE_RESOURCE

LISTING = Listing(resource=BALANCE_RESOURCE, model=LedgerHistory, key=LedgerHistory.account_cd)
ZERO = Decimal("0.0000")
_CREDIT_NORMAL = ("Liability", "Income")
_CARRIED_FORWARD = ("Asset", "Liability")


@dataclass(frozen=True)
class BalanceFilters:
    greater_than: str | None = None
    period_id: str | None = None
    period_condition: str | None = None
    account: str | None = None
    subaccount: str | None = None
    branch: str | None = None
    year_closed: int | None = None
    balance_type: BalanceType | None = None
    modified: DateCondition | None = None

    def conditions(self) -> list:
        found = []
        if self.greater_than:
            found.append(LedgerHistory.account_cd > self.greater_than)
        if self.account:
            found.append(LedgerHistory.account_cd == self.account)
        if self.subaccount:
            found.append(LedgerHistory.subaccount_cd == self.subaccount)
        if self.branch:
            found.append(false())  # branches are not served: no balance belongs to one
        if self.period_id:
            compare = CONDITIONS.get(self.period_condition or "", operator.eq)
            found.append(compare(LedgerHistory.period_id, self.period_id))
        if self.year_closed or self.balance_type not in (None, BalanceType.Actual):
            found.append(false())  # years are never closed, and nettfin keeps the actual ledger only
        if self.modified:
            found.append(self.modified.apply(LedgerHistory.last_modified_at))
        return found


def balance_filters(period_id: str | None, condition: str | None, **rest) -> BalanceFilters:
    period_id = period_parameter("periodId", period_id)
    if condition is not None and condition.strip() not in CONDITIONS:
        raise BusinessError(
            f"The value '{condition}' of parameter 'periodIdCondition' is not a valid condition. "
            "Accepted values: >, <, >=, <= (URL-encoded: %3E, %3C, %3E%3D, %3C%3D)."
        )
    return BalanceFilters(
        period_id=period_id,
        period_condition=condition.strip() if condition else None,
        **rest,
    )


@dataclass(frozen=True)
class BalanceRow:
    history: LedgerHistory
    subaccount: Subaccount | None
    beginning: Decimal
    year_to_date: Decimal


@dataclass(frozen=True)
class BalancePage:
    result: PageResult
    rows: list[BalanceRow]
    currency: str


def list_balances(db: Database, *, company_id: int, filters: BalanceFilters, page: Page) -> BalancePage:
    with db.reading() as session:
        result = fetch_page(
            session, LISTING, company_id=company_id, conditions=filters.conditions(), signature=filters, page=page
        )
        beginnings = _beginning_balances(session, company_id, result.rows)
        subaccounts = load_by_codes(
            session, Subaccount, Subaccount.subaccount_cd, company_id, (h.subaccount_cd for h in result.rows)
        )
        rows = [
            BalanceRow(h, subaccounts.get(h.subaccount_cd), beginnings[h.id], beginnings[h.id] + _movement(h))
            for h in result.rows
        ]
        return BalancePage(result, rows, base_currency(session, company_id))


def signed(account: Account, debit_less_credit: Decimal) -> Decimal:
    """An amount (debit minus credit) in the account's normal sign."""
    return -debit_less_credit if account.type in _CREDIT_NORMAL else debit_less_credit


def carried_forward(account: Account) -> bool:
    """Whether the account's balance carries into the next financial year (balance sheet accounts)."""
    return account.type in _CARRIED_FORWARD


def _movement(history: LedgerHistory) -> Decimal:
    return signed(history.account, history.debit - history.credit)


def _beginning_balances(session: Session, company_id: int, page: list[LedgerHistory]) -> dict[int, Decimal]:
    """The balance of each row's account and subaccount before its period, in one query for the page."""
    if not page:
        return {}
    latest = max(h.period_id for h in page)
    earlier = session.scalars(
        select(LedgerHistory).where(
            LedgerHistory.company_id == company_id,
            LedgerHistory.account_id.in_({h.account_id for h in page}),
            LedgerHistory.period_id < latest,
        )
    ).all()
    by_key: dict[tuple[int, str], list[LedgerHistory]] = defaultdict(list)
    for row in earlier:
        by_key[(row.account_id, row.subaccount_cd)].append(row)
    beginnings = {}
    for history in page:
        carried = carried_forward(history.account)
        year = history.period_id[:4]
        beginnings[history.id] = sum(
            (
                _movement(row)
                for row in by_key[(history.account_id, history.subaccount_cd)]
                if row.period_id < history.period_id and (carried or row.period_id[:4] == year)
            ),
            ZERO,
        )
    return beginnings
