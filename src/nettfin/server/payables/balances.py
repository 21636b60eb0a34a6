"""Supplier balances from the supplier ledger's open items, and their reconciliation with the supplier ledger
accounts (base currency).

A supplier's balance is what is owed: the balances of its released documents (a debit adjustment's counts
against it) less the unapplied balances of its released payments. Over every supplier, per supplier ledger
account, that is the account's credit balance in the general ledger: `reconcile_supplier_ledger` proves it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..kit.balance_lists import PartyRange
from ..ledger.models import Account
from ..ledger.period_ids import period_of
from ..ledger.posting import account_balance
from .document_models import SupplierDocument, SupplierPayment
from .ledger_entries import sign
from .models import Supplier
from .suppliers import SUPPLIER

ZERO = Decimal("0.0000")


@dataclass(frozen=True)
class Totals:
    without_vat: Decimal = ZERO
    with_vat: Decimal = ZERO

    def add(self, amount: Decimal, vat: Decimal) -> Totals:
        return Totals(self.without_vat + amount - vat, self.with_vat + amount)


@dataclass(frozen=True)
class SupplierBalance:
    balance: Decimal = ZERO
    unreleased: Totals = Totals()
    period: Totals = Totals()
    year: Totals = Totals()


def balance_suppliers(db: Database, *, company_id: int, parties: PartyRange) -> list[Supplier]:
    """Suppliers whose balances are asked for."""
    with db.reading() as session:
        return list(session.scalars(parties.select(Supplier, company_id)).unique())


def balance_supplier(db: Database, *, company_id: int, number: str) -> Supplier:
    """The supplier whose balance is asked for (`Supplier 'X' not found.`)."""
    with db.reading() as session:
        return SUPPLIER.find(session, company_id, number)


def supplier_balances(db: Database, *, company_id: int, supplier_ids: Iterable[int]) -> dict[int, SupplierBalance]:
    """Each supplier's balance and purchase totals (the current period's and year's by today's date), in a
    fixed number of grouped queries whatever the number of suppliers."""
    ids = set(supplier_ids)
    today = utcnow().date()
    with db.reading() as session:
        owed = _owed(session, company_id, ids)
        unreleased, period, year = _purchases(session, company_id, ids, today)
    return {
        supplier_id: SupplierBalance(
            owed.get(supplier_id, ZERO),
            unreleased.get(supplier_id, Totals()),
            period.get(supplier_id, Totals()),
            year.get(supplier_id, Totals()),
        )
        for supplier_id in ids
    }


def _owed(session: Session, company_id: int, ids: set[int]) -> dict[int, Decimal]:
    owed: dict[int, Decimal] = defaultdict(lambda: ZERO)
    documents = session.execute(
        select(SupplierDocument.supplier_id, SupplierDocument.document_type, func.sum(SupplierDocument.balance))
        .where(
            SupplierDocument.company_id == company_id, SupplierDocument.released, SupplierDocument.supplier_id.in_(ids)
        )
        .group_by(SupplierDocument.supplier_id, SupplierDocument.document_type)
    )
    for supplier_id, document_type, balance in documents:
        owed[supplier_id] += sign(document_type) * (balance or ZERO)
    payments = session.execute(
        select(SupplierPayment.supplier_id, func.sum(SupplierPayment.unapplied_balance))
        .where(SupplierPayment.company_id == company_id, SupplierPayment.released, SupplierPayment.supplier_id.in_(ids))
        .group_by(SupplierPayment.supplier_id)
    )
    for supplier_id, unapplied in payments:
        owed[supplier_id] -= unapplied or ZERO
    return owed


def _purchases(session: Session, company_id: int, ids: set[int], today: date):
    """Unreleased documents, and released ones of the current period and year: amounts with and without VAT."""
    rows = session.execute(
        select(
            SupplierDocument.supplier_id,
            SupplierDocument.document_type,
            SupplierDocument.released,
            SupplierDocument.period_id,
            func.sum(SupplierDocument.amount),
            func.sum(SupplierDocument.vat_total),
        )
        .where(
            SupplierDocument.company_id == company_id,
            SupplierDocument.supplier_id.in_(ids),
            SupplierDocument.status != "Voided",
        )
        .group_by(
            SupplierDocument.supplier_id,
            SupplierDocument.document_type,
            SupplierDocument.released,
            SupplierDocument.period_id,
        )
    )
    unreleased: dict[int, Totals] = defaultdict(Totals)
    period: dict[int, Totals] = defaultdict(Totals)
    year: dict[int, Totals] = defaultdict(Totals)
    this_period = period_of(today)
    for supplier_id, document_type, released, period_id, amount, vat in rows:
        direction = sign(document_type)
        amount, vat = direction * (amount or ZERO), direction * (vat or ZERO)
        if not released:
            unreleased[supplier_id] = unreleased[supplier_id].add(amount, vat)
            continue
        if period_id == this_period:
            period[supplier_id] = period[supplier_id].add(amount, vat)
        if period_id[:4] == this_period[:4]:
            year[supplier_id] = year[supplier_id].add(amount, vat)
    return unreleased, period, year


def reconcile_supplier_ledger(session: Session, company_id: int) -> list[str]:
    """Every supplier ledger account whose credit balance in the general ledger differs from the open items
    posted to it (documents' balances less payments' unapplied balances); [] when they reconcile."""
    open_items: dict[int, Decimal] = defaultdict(lambda: ZERO)
    documents = session.execute(
        select(SupplierDocument.ap_account_id, SupplierDocument.document_type, func.sum(SupplierDocument.balance))
        .where(SupplierDocument.company_id == company_id, SupplierDocument.released)
        .group_by(SupplierDocument.ap_account_id, SupplierDocument.document_type)
    )
    for account_id, document_type, balance in documents:
        open_items[account_id] += sign(document_type) * (balance or ZERO)
    payments = session.execute(
        select(SupplierPayment.ap_account_id, func.sum(SupplierPayment.unapplied_balance))
        .where(SupplierPayment.company_id == company_id, SupplierPayment.released)
        .group_by(SupplierPayment.ap_account_id)
    )
    for account_id, unapplied in payments:
        open_items[account_id] -= unapplied or ZERO
    control = session.scalars(
        select(Account).where(Account.company_id == company_id, Account.control_account_module == "AP")
    ).all()
    accounts = {account.id: account for account in control} | {
        account.id: account for account in session.scalars(select(Account).where(Account.id.in_(set(open_items))))
    }
    problems = []
    for account_id, account in sorted(accounts.items()):
        ledger = -account_balance(session, company_id, account.account_cd)
        items = open_items.get(account_id, ZERO)
        if ledger != items:
            problems.append(f"Account {account.account_cd}: the ledger owes {ledger}, the open items {items}.")
    return problems
