"""The demo's cash sales and overdue charges, after the year's sales (`activity`).

Two cash sales over the counter to a domestic customer, paid into the bank account (1920) at once; the overdue
charge of customer class 1 (8 % a year to interest income 8040, outside VAT: category 06), calculated at the
year's end on what the slow payers left open, the first customer's charge released and the others' left for the
user to release.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from ..receivables import invoice_release, overdue_charges
from ..receivables.cash_sales import CASH_SALES
from ..receivables.invoices import enter_invoice, find_invoice
from .timeline import DEMO_YEAR

# (customer, day, text, [(item, quantity)])
_CASH_SALES = [
    ("10002", date(DEMO_YEAR, 6, 12), "Kontantsalg, disk", [("1001", 2), ("1002", 1)]),
    ("10004", date(DEMO_YEAR, 11, 20), "Kontantsalg, kortterminal", [("1003", 3)]),
]
_CHARGED_ON = date(DEMO_YEAR, 12, 31)


def seed_collection(session: Session, company_id: int) -> None:
    for customer, day, text, lines in _CASH_SALES:
        body = {
            "customerNumber": customer,
            "documentDate": datetime(day.year, day.month, day.day, tzinfo=UTC),
            "invoiceText": text,
            "cashAccount": "1920",
            "paymentMethodId": "BANK",
            "invoiceLines": [{"inventoryNumber": item, "quantity": Decimal(quantity)} for item, quantity in lines],
        }
        sale, _ = enter_invoice(session, company_id, body, CASH_SALES)
        session.flush()
        invoice_release.release(session, sale)
    overdue_charges.configure(
        session,
        company_id,
        customer_class="1",
        account="8040",
        rate=Decimal("8.00"),
        charge_id="RENTE",
        description="Forsinkelsesrente",
        vat_category="06",
    )
    made = overdue_charges.calculate(session, company_id, _CHARGED_ON)
    if made:
        invoice_release.release(session, find_invoice(session, company_id, made[0].reference_number))
