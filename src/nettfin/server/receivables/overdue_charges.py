"""Overdue charges (AR204500 set-up, AR507000 calculation): not in the API. The set-up and the calculation are
use cases the CLI runs (`nettfin admin overdue-charges setup|calculate`); the documents they make are served at
`/v1/customerOverdueCharge` (`overdue_charge_router`).

A customer class with an overdue charge has its customers charged, on the day the calculation is run for, on
every released invoice and debit note still open after its due date (and the charge's grace days): the open
balance (in the base currency) x the annual rate / 100 x the days overdue / 365, the days counted from the due
date or from the day the document was last charged to. One unreleased overdue charge document (type `FinCharge`,
in the base currency, a line per document charged, no VAT) is made per customer whose charges reach the charge's
minimum amount. Its release (`/action/release`) posts like an invoice's: the customer ledger control account
debited, the charge's income account credited, and the customer's balance raised.

Defaults (`configure`): minimum 0, no grace days, no VAT category (the lines take the customer's VAT zone's
default VAT: give an exempt category where overdue charges bear no VAT, as in Norway).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..documents.currency import to_base
from ..documents.lines import money
from ..identity.companies import base_currency
from ..kit import messages
from ..kit.errors import BusinessError
from ..ledger.models import Account
from .collection_models import OverdueCharge, OverdueChargeItem
from .document_models import ZERO, CustomerInvoice
from .invoice_vat import compute_totals
from .invoices import Kind, enter_invoice
from .models import Customer, CustomerClass

OVERDUE_CHARGES = Kind("FinCharge", "FinCharge", "Customer overdue charge", "CustomerOverdueCharge", "lines")
CHARGED_TYPES = ("Invoice", "DebitNote")
DAYS_A_YEAR = Decimal(365)


def configure(
    session: Session,
    company_id: int,
    *,
    customer_class: str,
    account: str,
    rate: Decimal,
    charge_id: str | None = None,
    minimum: Decimal = ZERO,
    grace_days: int = 0,
    description: str = "",
    vat_category: str | None = None,
) -> OverdueCharge:
    """Set (or change) the overdue charge of a customer class: its annual rate in percent, minimum, grace days
    and income account."""
    found = session.scalars(
        select(CustomerClass).where(CustomerClass.company_id == company_id, CustomerClass.class_id == customer_class)
    ).first()
    if found is None:
        raise BusinessError(messages.cannot_be_found("Customer class", customer_class))
    income = session.scalars(
        select(Account).where(Account.company_id == company_id, Account.account_cd == account)
    ).first()
    if income is None:
        raise BusinessError(messages.cannot_be_found("Account", account))
    if rate < 0 or minimum < 0 or grace_days < 0:
        raise BusinessError("Rate, minimum amount and grace days cannot be less than 0.")
    charge = session.scalars(
        select(OverdueCharge).where(OverdueCharge.company_id == company_id, OverdueCharge.customer_class == found)
    ).first()
    if charge is None:
        charge = OverdueCharge(company_id=company_id, customer_class=found)
        session.add(charge)
    charge.charge_id = (charge_id or charge.charge_id or customer_class)[:10]
    charge.description = description or charge.description or f"Overdue charge {customer_class}"
    charge.annual_rate, charge.minimum_amount, charge.grace_days = rate, minimum, grace_days
    charge.account = income
    charge.vat_category = vat_category
    session.flush()
    return charge


@dataclass(frozen=True)
class Charged:
    """One overdue charge document the calculation made: its number, customer and amount."""

    reference_number: str
    customer: str
    amount: Decimal
    documents: int


def calculate(session: Session, company_id: int, on: date) -> list[Charged]:
    """Charge every customer whose class has an overdue charge on its documents past due on `on`."""
    charges = {
        c.customer_class_id: c
        for c in session.scalars(select(OverdueCharge).where(OverdueCharge.company_id == company_id))
    }
    if not charges:
        return []
    day = datetime(on.year, on.month, on.day, tzinfo=UTC)
    overdue = session.scalars(
        select(CustomerInvoice)
        .join(Customer, CustomerInvoice.customer_id == Customer.id)
        .where(
            CustomerInvoice.company_id == company_id,
            CustomerInvoice.released.is_(True),
            CustomerInvoice.document_type.in_(CHARGED_TYPES),
            CustomerInvoice.balance > 0,
            CustomerInvoice.due_date < day,
            Customer.customer_class_id.in_(list(charges)),
        )
        .order_by(Customer.number, CustomerInvoice.reference_number)
    ).all()
    charged_to = dict(
        session.execute(
            select(OverdueChargeItem.invoice_id, func.max(OverdueChargeItem.to_date))
            .where(OverdueChargeItem.invoice_id.in_([d.id for d in overdue]))
            .group_by(OverdueChargeItem.invoice_id)
        ).all()
    )
    by_customer: dict[int, list[tuple[CustomerInvoice, datetime, int, Decimal, Decimal]]] = {}
    for document in overdue:
        charge = charges[document.customer.customer_class_id]
        due = _aware(document.due_date)
        if (day - due).days <= charge.grace_days:
            continue
        start = max(due, _aware(charged_to[document.id])) if document.id in charged_to else due
        days = (day - start).days
        balance = to_base(document.balance, document.exchange_rate)
        amount = money(balance * charge.annual_rate / 100 * days / DAYS_A_YEAR)
        if days > 0 and amount > 0:
            by_customer.setdefault(document.customer_id, []).append((document, start, days, balance, amount))
    made = []
    for items in by_customer.values():
        customer = items[0][0].customer
        charge = charges[customer.customer_class_id]
        total = sum((amount for *_, amount in items), ZERO)
        if total < charge.minimum_amount:
            continue
        made.append(_charge_document(session, company_id, customer, charge, day, items, total))
    return made


def _charge_document(session, company_id, customer, charge, day, items, total) -> Charged:
    account = charge.account.account_cd
    changes = {
        "customerNumber": customer.number,
        "currencyId": base_currency(session, company_id),
        "documentDate": day,
        "invoiceText": f"{charge.description} to {day.date().isoformat()}"[:255],
        "invoiceLines": [
            {
                "operation": "Insert",
                "description": f"{document.document_type} {document.reference_number}: {days} days overdue"[:255],
                "quantity": Decimal(1),
                "unitPriceInCurrency": amount,
                "accountNumber": account,
            }
            for document, _start, days, _balance, amount in items
        ],
    }
    document, _ = enter_invoice(session, company_id, changes, OVERDUE_CHARGES)
    if charge.vat_category:
        # The charge's VAT category on every line, and the VAT and totals again with it.
        for line in document.lines:
            line.vat_category = charge.vat_category
        problems = compute_totals(session, document)
        if problems:
            raise BusinessError(f"Overdue charge for customer {customer.number}: " + " ".join(problems))
    session.flush()
    for charged, start, days, balance, amount in items:
        session.add(
            OverdueChargeItem(
                company_id=company_id,
                charge_document_id=document.id,
                invoice_id=charged.id,
                from_date=start,
                to_date=day,
                days=days,
                balance=balance,
                amount=amount,
            )
        )
    session.flush()
    return Charged(document.reference_number, customer.number, document.amount, len(items))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
