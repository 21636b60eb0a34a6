"""General ledger transactions (GL404000, `/v1/GeneralLedgerTransactions`): the journal lines every module has
posted, one element per line with its batch's module, number, period and date, filtered and paged.

Lines of posted batches are listed; `includeUnreleased` adds those of balanced batches not yet released (nettfin
has no released-but-unposted state: release posts, so `includeUnposted` adds nothing). Hold batches are never
listed. Lines are in posting order (batch, then line). A line's running balances (`includeTransactionBalance`)
are its account's, in the account's normal sign as the GL balances show it: the balance at the start of the
line's period plus the posted lines of that account in the same period before it (of the subaccount when the
list asks for one). Amounts are the base currency's: journal lines keep no other (the `curr...` members repeat
them).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import false, func, or_, select, tuple_
from sqlalchemy.orm import Session, selectinload

from ..db.engine import Database
from ..kit.conditions import DateCondition
from ..kit.document_lists import fetch_filtered
from ..kit.paging import Listing, Page, PageResult
from . import balances
from .journal import BatchStatus, JournalBatch, JournalLine, LedgerHistory
from .models import Subaccount
from .posting import RESOURCE

LISTING = Listing(resource=RESOURCE, model=JournalLine, key=JournalLine.batch_id)


@dataclass(frozen=True)
class TransactionFilters:
    include_unreleased: bool = False
    from_period: str | None = None
    to_period: str | None = None
    from_date: date | None = None
    to_date: date | None = None
    account: str | None = None
    subaccount: str | None = None
    branch: str | None = None
    modified: DateCondition | None = None

    def statuses(self) -> tuple[str, ...]:
        posted = (BatchStatus.POSTED.value,)
        return (*posted, BatchStatus.BALANCED.value) if self.include_unreleased else posted

    def conditions(self) -> list:
        batch = [JournalBatch.status.in_(self.statuses())]
        if self.from_period:
            batch.append(JournalBatch.period_id >= self.from_period)
        if self.to_period:
            batch.append(JournalBatch.period_id <= self.to_period)
        if self.from_date:
            batch.append(JournalBatch.transaction_date >= self.from_date)
        if self.to_date:
            batch.append(JournalBatch.transaction_date <= self.to_date)
        if self.modified:
            batch.append(self.modified.apply(JournalBatch.last_modified_at))
        found = [JournalLine.batch_id.in_(select(JournalBatch.id).where(*batch))]
        if self.branch:
            found.append(false())  # branches are not served: no batch belongs to one
        if self.account:
            found.append(JournalLine.account.has(account_cd=self.account))
        if self.subaccount:
            found.append(JournalLine.subaccount.has(_subaccount_named(self.subaccount)))
        return found


def _subaccount_named(text: str):
    """A subaccount by its number (`10-100`) or its internal id."""
    return (
        or_(Subaccount.subaccount_cd == text, Subaccount.id == int(text))
        if text.isdigit()
        else (Subaccount.subaccount_cd == text)
    )


@dataclass(frozen=True)
class Balance:
    beginning: Decimal
    ending: Decimal


@dataclass(frozen=True)
class TransactionPage:
    result: PageResult
    balances: dict[int, Balance] | None  # by line id, when asked for


def list_transactions(
    db: Database, *, company_id: int, filters: TransactionFilters, page: Page, with_balances: bool
) -> TransactionPage:
    with db.reading() as session:
        result = fetch_filtered(
            session,
            LISTING,
            company_id=company_id,
            filters=filters,
            page=page,
            options=(selectinload(JournalLine.batch),),
        )
        found = _running_balances(session, company_id, result.rows, filters.subaccount) if with_balances else None
        return TransactionPage(result, found)


def _running_balances(
    session: Session, company_id: int, lines: list[JournalLine], subaccount: str | None
) -> dict[int, Balance]:
    groups: dict[tuple[int, str], list[JournalLine]] = defaultdict(list)
    for line in lines:
        groups[(line.account_id, line.batch.period_id)].append(line)
    found = {}
    for group in groups.values():
        first = group[0]
        running = _opening(session, company_id, first, subaccount) + _earlier_in_period(session, first, subaccount)
        for line in group:
            movement = balances.signed(first.account, line.debit - line.credit)
            found[line.id] = Balance(running, running + movement)
            if line.batch.status == BatchStatus.POSTED:
                running += movement
    return found


def _opening(session: Session, company_id: int, line: JournalLine, subaccount: str | None) -> Decimal:
    """The account's balance at the start of the line's period, from the GL balances."""
    period = line.batch.period_id
    statement = select(LedgerHistory).where(
        LedgerHistory.company_id == company_id,
        LedgerHistory.account_id == line.account_id,
        LedgerHistory.period_id < period,
    )
    if not balances.carried_forward(line.account):
        statement = statement.where(LedgerHistory.period_id >= f"{period[:4]}01")
    if subaccount:
        statement = statement.where(LedgerHistory.subaccount_cd == _subaccount_number(line, subaccount))
    rows = session.scalars(statement).all()
    return sum((balances.signed(line.account, row.debit - row.credit) for row in rows), balances.ZERO)


def _subaccount_number(line: JournalLine, asked: str) -> str:
    # The list filtered on this subaccount, so the line's own is the one asked for (by number or by id).
    return line.subaccount.subaccount_cd if line.subaccount else asked


def _earlier_in_period(session: Session, line: JournalLine, subaccount: str | None) -> Decimal:
    """What the account's posted lines of the same period before this one add."""
    statement = (
        select(func.coalesce(func.sum(JournalLine.debit), 0), func.coalesce(func.sum(JournalLine.credit), 0))
        .join(JournalBatch, JournalBatch.id == JournalLine.batch_id)
        .where(
            JournalLine.company_id == line.company_id,
            JournalLine.account_id == line.account_id,
            JournalBatch.period_id == line.batch.period_id,
            JournalBatch.status == BatchStatus.POSTED.value,
            tuple_(JournalLine.batch_id, JournalLine.id) < tuple_(line.batch_id, line.id),
        )
    )
    if subaccount:
        statement = statement.where(JournalLine.subaccount_id == line.subaccount_id)
    debit, credit = session.execute(statement).one()
    return balances.signed(line.account, Decimal(debit) - Decimal(credit))
