"""The demo year's sales: customer invoices to the domestic customers, a few credit notes, and the customer
payments that settle them, through the customer ledger's own use cases.

Each month has INVOICES_PER_MONTH invoices of services, office goods and food (15 % VAT) on working days; an
invoice is paid by its customer in full 20 to 45 days later, with the credit note against it when it has one,
unless that falls after the year or the customer is among the slow payers (a few invoices stay open, so the
customer balances and the customer ledger account hold something at year end). Customer invoices are in NOK:
nettfin's customer documents post their amounts unconverted (docs/compatibility.md), so the EUR customers get none.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from ..receivables import invoice_release, payment_release, payments
from ..receivables.invoices import CREDIT_NOTES, enter_invoice
from .timeline import DEMO_YEAR, Timeline

INVOICES_PER_MONTH = 3
_SEED = DEMO_YEAR * 100 + 1
# (item, fewest, most) of a line; services are sold by the hour.
_CATALOGUE = [
    ("3001", 20, 90),
    ("3001", 40, 120),
    ("3002", 4, 16),
    ("3003", 6, 30),
    ("3004", 3, 12),
    ("3005", 4, 16),
    ("1001", 4, 16),
    ("1002", 2, 10),
    ("1004", 4, 12),
    ("1007", 4, 12),
    ("1010", 10, 40),
    ("2001", 6, 24),
]
_TEXTS = {"3": "Konsulenttjenester", "1": "Kontorutstyr", "2": "Kaffe og frukt", "4": "Frakt"}
_SLOW_PAYERS = 3  # customers (drawn once) who leave their invoices open


@dataclass
class _Sale:
    customer: str
    day: date
    lines: list[tuple[str, int]]
    invoice: Any = None  # the customer invoice, once entered
    note: Any = None  # its credit note, when it has one


def plan_sales(timeline: Timeline, customers: list[str]) -> None:
    """Invoices, credit notes and payments of the active domestic customers (their numbers, in order)."""
    rng = random.Random(_SEED)
    slow = set(rng.sample(customers, _SLOW_PAYERS))
    for month in range(1, 13):
        for day in sorted(_working_days(rng, month, INVOICES_PER_MONTH)):
            lines = rng.sample(_CATALOGUE, rng.randint(2, 4))
            sale = _Sale(rng.choice(customers), day, [(item, rng.randint(low, high)) for item, low, high in lines])
            timeline.on(day, _invoiced(sale))
            if rng.random() < 0.1:
                credited = day + timedelta(days=rng.randint(2, 10))
                timeline.on(credited, _credited(sale, credited))
            paid = day + timedelta(days=rng.randint(20, 45))
            if paid.year == DEMO_YEAR and sale.customer not in slow:
                timeline.on(paid, _paid(sale, paid))


def _working_days(rng: random.Random, month: int, count: int) -> list[date]:
    first = date(DEMO_YEAR, month, 1)
    days = [first + timedelta(days=n) for n in range(31) if (first + timedelta(days=n)).month == month]
    return [rng.choice([d for d in days if d.weekday() < 5]) for _ in range(count)]


def _wire_day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _invoiced(sale: _Sale):
    def act(session: Session, company_id: int, timeline: Timeline) -> None:
        body = {
            "customerNumber": sale.customer,
            "documentDate": _wire_day(sale.day),
            "invoiceText": _TEXTS[sale.lines[0][0][0]],
            "invoiceLines": [{"inventoryNumber": item, "quantity": Decimal(quantity)} for item, quantity in sale.lines],
        }
        sale.invoice, _ = enter_invoice(session, company_id, body)
        invoice_release.release(session, sale.invoice)
        timeline.wrote(sale.invoice, sale.day)

    return act


def _credited(sale: _Sale, day: date):
    """A credit note for one of the invoice's items, one unit returned."""

    def act(session: Session, company_id: int, timeline: Timeline) -> None:
        item = sale.lines[0][0]
        body = {
            "customerNumber": sale.customer,
            "documentDate": _wire_day(day),
            "invoiceText": f"Kreditnota for faktura {sale.invoice.reference_number}",
            "branchNumber": "1",
            "paymentMethodId": "BANK",
            "project": "X",
            "note": "Retur av én enhet",
            "invoiceLines": [{"inventoryNumber": item, "quantity": Decimal(1), "branchNumber": "1"}],
        }
        sale.note, _ = enter_invoice(session, company_id, body, CREDIT_NOTES)
        invoice_release.release(session, sale.note)
        timeline.wrote(sale.note, day)

    return act


def _paid(sale: _Sale, day: date):
    def act(session: Session, company_id: int, timeline: Timeline) -> None:
        documents = [sale.invoice] + ([sale.note] if sale.note is not None else [])
        amount = sale.invoice.balance - (sale.note.balance if sale.note is not None else 0)
        body = {
            "type": "Payment",
            "customer": sale.customer,
            "applicationDate": _wire_day(day),
            "cashAccount": "1920",
            "paymentRef": f"KID {sale.invoice.reference_number}",
            "paymentAmount": amount,
            "paymentLines": [
                {"documentType": document.document_type, "refNbr": document.reference_number} for document in documents
            ],
        }
        payment, _ = payments.enter_payment(session, company_id, body)
        payment_release.release(session, payment)
        for row in (payment, *documents):
            timeline.wrote(row, day)

    return act
