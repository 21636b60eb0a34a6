"""Customer balances by financial period (`/v2/customer/balance`): per customer, what it owed before the first
period asked for and how that moved within the periods, from released documents and payments.

Released invoices and debit notes in the periods are `sales`, overdue charges (`FinCharge`) `overdueCharges`,
credit notes `adjustmentsAndDiscounts`, and what released payments took off the customer's balance (their
applications and unapplied amounts) `paymentsAndPrepayments`; voided payments count nowhere, and cash sales
never reach the customer's balance. The end, `yearToDateBalance`, is the v1 balance (`balances.open_balances`)
when the periods reach today. Amounts are in the base currency, documents at the rate they posted at.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..db.engine import Database
from ..documents.currency import to_base
from .document_models import ZERO, CustomerInvoice, CustomerPayment
from .invoices import DEBIT_TYPES
from .models import Customer


@dataclass
class PeriodBalance:
    begin: Decimal = ZERO
    sales: Decimal = ZERO
    overdue_charges: Decimal = ZERO
    payments: Decimal = ZERO
    adjustments: Decimal = ZERO

    @property
    def end(self) -> Decimal:
        return self.begin + self.sales + self.overdue_charges - self.payments - self.adjustments


def _sign(document_type: str) -> int:
    return 1 if document_type in DEBIT_TYPES else -1


def period_balances(
    db: Database, *, company_id: int, first: str, last: str, branch: str | None, customer: str | None
) -> list[tuple[Customer, PeriodBalance]]:
    """(customer, movements) of every customer with released documents or payments up to `last` (YYYYPP), by
    customer number. With a branch, only its documents and what payments applied to them."""
    found: dict[int, PeriodBalance] = defaultdict(PeriodBalance)
    with db.reading() as session:
        documents = select(CustomerInvoice).where(
            CustomerInvoice.company_id == company_id,
            CustomerInvoice.released.is_(True),
            CustomerInvoice.document_type.in_((*DEBIT_TYPES, "CreditNote")),
            CustomerInvoice.post_period <= last,
        )
        payments = select(CustomerPayment).where(
            CustomerPayment.company_id == company_id,
            CustomerPayment.released.is_(True),
            CustomerPayment.status != "Voided",
            CustomerPayment.application_period <= last,
        )
        if branch:
            documents = documents.where(CustomerInvoice.branch == branch)
        if customer:
            documents = documents.where(CustomerInvoice.customer.has(Customer.number == customer))
            payments = payments.where(CustomerPayment.customer.has(Customer.number == customer))
        for d in session.scalars(documents.options(selectinload(CustomerInvoice.lines))).unique():
            movement = found[d.customer_id]
            amount = to_base(d.amount, d.exchange_rate)
            if d.post_period < first:
                movement.begin += _sign(d.document_type) * amount
            elif d.document_type == "FinCharge":
                movement.overdue_charges += amount
            elif d.document_type == "CreditNote":
                movement.adjustments += amount
            else:
                movement.sales += amount
        for p in session.scalars(payments.options(selectinload(CustomerPayment.lines))).unique():
            applied = [line for line in p.lines if not branch or line.invoice.branch == branch]
            taken = (ZERO if branch else p.available_balance) + sum(
                (
                    _sign(line.invoice.document_type) * to_base(line.amount_paid, line.invoice.exchange_rate)
                    for line in applied
                ),
                ZERO,
            )
            if not taken and not applied:
                continue
            movement = found[p.customer_id]
            if p.application_period < first:
                movement.begin -= taken
            else:
                movement.payments += taken
        customers = {c.id: c for c in session.scalars(select(Customer).where(Customer.id.in_(set(found)))).unique()}
    return sorted(((customers[c], movement) for c, movement in found.items()), key=lambda row: row[0].number)
