"""The ledger's invariants, as data: every breach of its rules in a company ([] when it is sound), and account
balances read from the GL balances. Tests check them after every step; `posting` exports them."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from .journal import JournalBatch, JournalLine, LedgerHistory

ZERO = Decimal(0)


def ledger_invariants(session: Session, company_id: int) -> list[str]:
    """Every breach of the ledger's rules in the company; [] when the ledger is sound: each batch balances
    (its lines, and its totals agree with them), the posted lines' trial balance is zero, and the GL balances
    equal the sums of the posted lines per account, subaccount and period."""
    batches = session.scalars(
        select(JournalBatch).where(JournalBatch.company_id == company_id).options(selectinload(JournalBatch.lines))
    ).all()
    problems: list[str] = []
    expected: dict[tuple[str, str, str], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for batch in batches:
        debit = sum((line.debit for line in batch.lines), ZERO)
        credit = sum((line.credit for line in batch.lines), ZERO)
        if debit != credit or (debit, credit) != (batch.debit_total, batch.credit_total):
            problems.append(
                f"Batch {batch.batch_number} is out of balance: lines {debit} / {credit}, "
                f"totals {batch.debit_total} / {batch.credit_total}."
            )
        if batch.posted:
            for line in batch.lines:
                key = (line.account.account_cd, _subaccount_cd(line), batch.period_id)
                expected[key][0] += line.debit
                expected[key][1] += line.credit
    debit = sum((d for d, _ in expected.values()), ZERO)
    credit = sum((c for _, c in expected.values()), ZERO)
    if debit != credit:
        problems.append(f"The trial balance is not zero: debits {debit}, credits {credit}.")
    return problems + _history_problems(session, company_id, expected)


def _subaccount_cd(line: JournalLine) -> str:
    return line.subaccount.subaccount_cd if line.subaccount else ""


def _history_problems(session: Session, company_id: int, expected: dict) -> list[str]:
    history = session.scalars(select(LedgerHistory).where(LedgerHistory.company_id == company_id)).all()
    stored = {(h.account_cd, h.subaccount_cd, h.period_id): [h.debit, h.credit] for h in history}
    problems = []
    for key in sorted(set(stored) | set(expected)):
        if stored.get(key, [ZERO, ZERO]) != expected.get(key, [ZERO, ZERO]):
            problems.append(f"GL balance {key} is {stored.get(key)}, the posted lines say {expected.get(key)}.")
    return problems


def account_balance(session: Session, company_id: int, account_cd: str) -> Decimal:
    """Debits minus credits posted to an account, all periods and subaccounts (from the GL balances)."""
    # sum() keeps the Money type, so SQLite's scaled integers come back as Decimal.
    debit, credit = session.execute(
        select(func.sum(LedgerHistory.debit), func.sum(LedgerHistory.credit)).where(
            LedgerHistory.company_id == company_id, LedgerHistory.account_cd == account_cd
        )
    ).one()
    return (debit or ZERO) - (credit or ZERO)
