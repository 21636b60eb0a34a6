"""The ledgers a company has (GL201500): `ACTUAL`, the one the journal posts to; `BUDGET`, the one budgets are
entered in; `STAT`, a statistical ledger nothing posts to yet. Every company gets the three when it is made
(`add_ledgers`, from identity.service.create_company; migration 0017 gave existing companies theirs)."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..kit.changes import bump_version
from .models import Ledger

RESOURCE = "ledger"


class BalanceType(StrEnum):
    ACTUAL = "Actual"
    REPORT = "Report"
    STATISTICAL = "Statistical"
    BUDGET = "Budget"


# (internal id, number, description, balance type): a new company's ledgers. The actual ledger's number is the
# journal's (`journal_service.LEDGER_ID`).
STANDARD_LEDGERS = (
    (1, "ACTUAL", "Actual ledger", BalanceType.ACTUAL),
    (2, "BUDGET", "Budget ledger", BalanceType.BUDGET),
    (3, "STAT", "Statistical ledger", BalanceType.STATISTICAL),
)


def add_ledgers(session: Session, company_id: int) -> list[Ledger]:
    """The standard ledgers of a new company, in the caller's transaction."""
    ledgers = [
        Ledger(company_id=company_id, internal_id=internal, ledger_cd=number, description=text, balance_type=kind)
        for internal, number, text, kind in STANDARD_LEDGERS
    ]
    session.add_all(ledgers)
    session.flush()
    bump_version(session, company_id=company_id, resource=RESOURCE)
    return ledgers


def company_ledgers(session: Session, company_id: int) -> list[Ledger]:
    statement = select(Ledger).where(Ledger.company_id == company_id).order_by(Ledger.ledger_cd)
    return list(session.scalars(statement))


def find_ledger(session: Session, company_id: int, number: str) -> Ledger | None:
    statement = select(Ledger).where(Ledger.company_id == company_id, Ledger.ledger_cd == number.strip().upper())
    return session.scalar(statement)
