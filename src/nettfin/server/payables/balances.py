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
from sqlalchemy.orm import Session, selectinload

from ..db.base import utcnow
from ..db.engine import Database
from ..kit.balance_lists import PartyRange
from ..ledger.models import Account
from ..ledger.period_ids import period_of
from ..ledger.posting import account_balance
from .document_models import SupplierDocument, SupplierPayment
from .ledger_entries import REDUCING_TYPES, sign
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


# --- balances by period (`/v2/supplier/balance`) --------------------------------------------------------------


@dataclass
class PeriodBalance:
    """One supplier's movements in one branch: before the first period asked for, and within the periods."""

    begin: Decimal = ZERO
    purchases: Decimal = ZERO
    payments: Decimal = ZERO
    adjustments: Decimal = ZERO

    @property
    def end(self) -> Decimal:
        return self.begin + self.purchases - self.payments - self.adjustments


def period_balances(
    db: Database, *, company_id: int, first: str, last: str, branch: str | None, supplier: str | None
) -> list[tuple[str | None, Supplier, PeriodBalance]]:
    """(branch, supplier, movements) of every supplier and branch with released documents or payments up to
    `last` (YYYYPP), by supplier number and branch. What a document or payment released before `first` did
    makes the begin balance; released invoices, credit adjustments and prepayment requests in the periods are
    purchases, debit adjustments adjustments, and what released payments took off the supplier's balance
    (their applications and unapplied balances) payments; voided documents count nowhere."""
    found: dict[tuple[str | None, int], PeriodBalance] = defaultdict(PeriodBalance)
    with db.reading() as session:
        documents = select(SupplierDocument).where(
            SupplierDocument.company_id == company_id,
            SupplierDocument.released,
            SupplierDocument.status != "Voided",
            SupplierDocument.period_id <= last,
        )
        payments = select(SupplierPayment).where(
            SupplierPayment.company_id == company_id, SupplierPayment.released, SupplierPayment.period_id <= last
        )
        if branch:
            documents = documents.where(SupplierDocument.branch_number == branch)
            payments = payments.where(SupplierPayment.branch_number == branch)
        if supplier:
            documents = documents.where(SupplierDocument.supplier.has(Supplier.number == supplier))
            payments = payments.where(SupplierPayment.supplier.has(Supplier.number == supplier))
        for d in session.scalars(documents).unique():
            movement = found[(d.branch_number, d.supplier_id)]
            amount = d.amount
            if d.period_id < first:
                movement.begin += sign(d.document_type) * amount
            elif d.document_type in REDUCING_TYPES:
                movement.adjustments += amount
            else:
                movement.purchases += amount
        for p in session.scalars(payments.options(selectinload(SupplierPayment.lines))).unique():
            movement = found[(p.branch_number, p.supplier_id)]
            taken = p.unapplied_balance + sum(
                (sign(line.document.document_type) * line.amount_paid_base for line in p.lines), ZERO
            )
            if p.period_id < first:
                movement.begin -= taken
            else:
                movement.payments += taken
        suppliers = {
            s.id: s
            for s in session.scalars(select(Supplier).where(Supplier.id.in_({key[1] for key in found}))).unique()
        }
    rows = [
        (branch_number, suppliers[supplier_id], movement) for (branch_number, supplier_id), movement in found.items()
    ]
    return sorted(rows, key=lambda row: (row[1].number, row[0] or ""))
