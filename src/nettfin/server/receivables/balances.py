"""Customer balances (`/customer/balance`, `/customer/{number}/balance`): what each customer owes, from the
released documents' open balances less the credits of released payments not yet applied, and the proof that
the customer ledger reconciles with its control account."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..documents.currency import to_base
from ..kit import messages
from ..kit.balance_lists import PartyRange
from ..kit.errors import NotFound
from ..ledger.posting import account_balance
from .document_models import ZERO, CustomerInvoice, CustomerPayment
from .invoice_release import customer_ledger_account
from .invoices import CASH_TYPES, DEBIT_TYPES
from .models import Customer


@dataclass(frozen=True)
class CustomerBalance:
    customer: Customer
    balance: Decimal
    sales_period: Decimal
    sales_year: Decimal
    discount_period: Decimal
    discount_year: Decimal
    last_modified: datetime
    open_orders: Decimal = ZERO


# (session, company id, customer ids) -> {customer id: what their open sales orders have left to invoice, in the
# base currency}: registered by sales/ (receivables does not import it), 0 for every customer without.
OpenOrders = Callable[[Session, int, list[int]], dict[int, Decimal]]
_open_orders: list[OpenOrders] = []


def register_open_orders(source: OpenOrders) -> None:
    """Declare where a balance's `totalOrder` comes from."""
    _open_orders.append(source)


def open_balances(session: Session, company_id: int, customer_ids: list[int] | None = None) -> dict[int, Decimal]:
    """Per customer: released documents' signed balances (in the base currency) less released payments'
    unapplied amounts."""
    # sum() keeps the Money type (SQLite's scaled integers come back as Decimal); signs are applied here.
    released = [CustomerInvoice.company_id == company_id, CustomerInvoice.released.is_(True)]
    payments = select(CustomerPayment.customer_id, func.sum(CustomerPayment.available_balance)).where(
        CustomerPayment.company_id == company_id, CustomerPayment.released.is_(True)
    )
    if customer_ids is not None:
        released.append(CustomerInvoice.customer_id.in_(customer_ids))
        payments = payments.where(CustomerPayment.customer_id.in_(customer_ids))
    at_one = (
        select(CustomerInvoice.customer_id, CustomerInvoice.document_type, func.sum(CustomerInvoice.balance))
        .where(*released, CustomerInvoice.exchange_rate == 1)
        .group_by(CustomerInvoice.customer_id, CustomerInvoice.document_type)
    )
    # A document at another rate keeps its balance in its currency: each is converted as its release posted it.
    at_rate = select(
        CustomerInvoice.customer_id,
        CustomerInvoice.document_type,
        CustomerInvoice.balance,
        CustomerInvoice.exchange_rate,
    ).where(*released, CustomerInvoice.exchange_rate != 1)
    rows = list(session.execute(at_one))
    rows += [(customer_id, kind, to_base(amount, rate)) for customer_id, kind, amount, rate in session.execute(at_rate)]
    found: dict[int, Decimal] = {}
    for customer_id, kind, amount in rows:
        signed = (amount or ZERO) if kind in DEBIT_TYPES else -(amount or ZERO)
        found[customer_id] = found.get(customer_id, ZERO) + signed
    for customer_id, amount in session.execute(payments.group_by(CustomerPayment.customer_id)):
        found[customer_id] = found.get(customer_id, ZERO) - (amount or ZERO)
    return found


def reconciliation(session: Session, company_id: int) -> tuple[Decimal, Decimal]:
    """(the customer ledger's open items, the control account's balance): equal when the ledger is sound."""
    control = customer_ledger_account(session, company_id)
    ledger = account_balance(session, company_id, control.account_cd) if control is not None else ZERO
    return sum(open_balances(session, company_id).values(), ZERO), ledger


def _sales(session: Session, company_id: int, customer_ids: list[int]) -> dict[int, list[Decimal]]:
    """Per customer: [sales this period, sales this year, discounts this period, discounts this year] of
    released documents (excluding VAT; credit notes count against them), the period being today's."""
    today = utcnow()
    period, year = f"{today.year:04d}{today.month:02d}", f"{today.year:04d}"
    statement = (
        select(
            CustomerInvoice.customer_id,
            CustomerInvoice.document_type,
            CustomerInvoice.post_period,
            func.sum(CustomerInvoice.detail_total),
            func.sum(CustomerInvoice.discount_total),
        )
        .where(
            CustomerInvoice.company_id == company_id,
            CustomerInvoice.released.is_(True),
            CustomerInvoice.customer_id.in_(customer_ids),
            CustomerInvoice.post_period.startswith(year),
        )
        .group_by(CustomerInvoice.customer_id, CustomerInvoice.document_type, CustomerInvoice.post_period)
    )
    found: dict[int, list[Decimal]] = {}
    for customer_id, kind, post_period, sales, discounts in session.execute(statement):
        sign = 1 if kind in DEBIT_TYPES + CASH_TYPES else -1
        totals = found.setdefault(customer_id, [ZERO, ZERO, ZERO, ZERO])
        totals[1] += sign * (sales or ZERO)
        totals[3] += sign * (discounts or ZERO)
        if post_period == period:
            totals[0] += sign * (sales or ZERO)
            totals[2] += sign * (discounts or ZERO)
    return found


def _last_changes(session: Session, company_id: int, customer_ids: list[int]) -> dict[int, datetime]:
    found: dict[int, datetime] = {}
    for model in (CustomerInvoice, CustomerPayment):
        statement = (
            select(model.customer_id, func.max(model.last_modified_at))
            .where(model.company_id == company_id, model.customer_id.in_(customer_ids))
            .group_by(model.customer_id)
        )
        for customer_id, moment in session.execute(statement):
            moment = moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)
            found[customer_id] = max(found.get(customer_id, moment), moment)
    return found


def _balances(session: Session, company_id: int, customers: list[Customer]) -> list[CustomerBalance]:
    ids = [c.id for c in customers]
    if not ids:
        return []
    balances = open_balances(session, company_id, ids)
    sales = _sales(session, company_id, ids)
    changed = _last_changes(session, company_id, ids)
    orders: dict[int, Decimal] = {}
    for source in _open_orders:
        for customer_id, amount in source(session, company_id, ids).items():
            orders[customer_id] = orders.get(customer_id, ZERO) + amount
    result = []
    for customer in customers:
        period_sales, year_sales, period_discounts, year_discounts = sales.get(customer.id, [ZERO] * 4)
        last = max(customer.last_modified_at, changed.get(customer.id, customer.last_modified_at))
        result.append(
            CustomerBalance(
                customer,
                balances.get(customer.id, ZERO),
                period_sales,
                year_sales,
                period_discounts,
                year_discounts,
                last,
                orders.get(customer.id, ZERO),
            )
        )
    return result


def list_balances(db: Database, *, company_id: int, parties: PartyRange) -> list[CustomerBalance]:
    """The balances of the customers in the range."""
    with db.reading() as session:
        return _balances(session, company_id, list(session.scalars(parties.select(Customer, company_id)).unique()))


def get_balance(db: Database, *, company_id: int, number: str) -> CustomerBalance:
    with db.reading() as session:
        customer = session.scalars(
            select(Customer).where(Customer.company_id == company_id, Customer.number == number)
        ).first()
        if customer is None:
            raise NotFound(messages.not_found("Customer", number))
        return _balances(session, company_id, [customer])[0]
