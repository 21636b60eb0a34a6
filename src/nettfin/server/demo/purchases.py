"""The demo year's purchases: supplier invoices for the premises (rent and power, every quarter), office goods
and food bought for resale (every other month), goods from abroad in EUR and USD (the months between) at the
demo's SPOT rate of the invoice's date, and the supplier payments that settle them on their due dates, through
the supplier ledger's own use cases.

The knowledge base's suppliers 50000 and 50001 are left alone (their articles' tests count their documents);
invoices falling due after the year stay open, so the supplier balances hold something at year end.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from ..payables import invoice_release, payment_release, payments
from ..payables.document_schemas import SupplierInvoiceTypes
from ..payables.invoices import enter_invoice
from .currencies import demo_rate
from .timeline import DEMO_YEAR, Timeline

_SEED = DEMO_YEAR * 100 + 2
_DUE_DAYS = 30
# (supplier, day of the month, account, text, cost excluding VAT, spread: a fraction the cost varies by), invoiced
# every quarter in its first month
_QUARTERLY = [
    ("50017", 1, "6300", "Husleie Storgata 1, kvartal", "85500.00", 0),
    ("50023", 10, "6340", "Strøm, kvartal", "12600.00", 0.3),
]
# supplier -> the items it sells (the demo's purchase prices are the items' costs)
_GOODS = {
    "50012": ("1001", "1002", "1003"),
    "50014": ("1004", "1005", "1006", "1007", "1008"),
    "50006": ("1010", "1011", "1012"),
    "50016": ("2001", "2002", "2004"),
}
_GOODS_PER_MONTH = 1  # in the odd months; the even ones buy from abroad
# (month, supplier, currency, text, amount in the currency), posted to goods for resale (4300)
_ABROAD = [
    (2, "50005", "EUR", "Transport og fortolling", "1850.00"),
    (4, "50027", "USD", "Emballasje, 2 paller", "2400.00"),
    (6, "50015", "EUR", "Emballasje", "960.00"),
    (8, "50013", "USD", "Komponenter, kabler", "3150.00"),
    (10, "50020", "EUR", "Verktøy og måleinstrumenter", "1275.00"),
    (12, "50015", "EUR", "Emballasje, julesesong", "1620.00"),
]


@dataclass
class _Purchase:
    supplier: str
    day: date
    reference: str
    lines: list[dict]
    currency: str | None = None
    document: Any = None  # the supplier invoice, once entered


def plan_purchases(timeline: Timeline) -> None:
    rng = random.Random(_SEED)
    for month in range(1, 13):
        purchases = [_quarterly(rng, month, *entry) for entry in _QUARTERLY if month % 3 == 1]
        for _ in range(_GOODS_PER_MONTH if month % 2 else 0):
            supplier = rng.choice(sorted(_GOODS))
            items = rng.sample(_GOODS[supplier], rng.randint(1, 2))
            day = date(DEMO_YEAR, month, rng.randint(3, 26))
            lines = [{"inventoryNumber": item, "quantity": Decimal(rng.randint(2, 12))} for item in items]
            purchases.append(_Purchase(supplier, day, f"{supplier[-2:]}-{month:02d}{day.day:02d}", lines))
        purchases += [_abroad(*entry) for entry in _ABROAD if entry[0] == month]
        for purchase in purchases:
            timeline.on(purchase.day, _invoiced(purchase))
            paid = purchase.day + timedelta(days=_DUE_DAYS - rng.randint(0, 4))
            if paid.year == DEMO_YEAR:
                timeline.on(paid, _paid(purchase, paid))


def _quarterly(rng: random.Random, month: int, supplier, day, account, text, cost, spread) -> _Purchase:
    amount = Decimal(cost) * (1 + Decimal(str(round(rng.uniform(-spread, spread), 2))))
    if account == "6340" and month in (4, 7):
        amount /= 2  # a Norwegian office is heated in winter
    line = {
        "accountNumber": account,
        "transactionDescription": f"{text} {month // 3 + 1}/{DEMO_YEAR}",
        "quantity": Decimal(1),
        "unitCostInCurrency": amount.quantize(Decimal("0.01")),
    }
    return _Purchase(supplier, date(DEMO_YEAR, month, day), f"{supplier[-2:]}-{DEMO_YEAR}{month:02d}", [line])


def _abroad(month, supplier, currency, text, amount) -> _Purchase:
    line = {
        "accountNumber": "4300",
        "transactionDescription": text,
        "quantity": Decimal(1),
        "unitCostInCurrency": Decimal(amount),
    }
    return _Purchase(supplier, date(DEMO_YEAR, month, 14), f"INV-{DEMO_YEAR}{month:02d}", [line], currency)


def _invoiced(purchase: _Purchase):
    def act(session: Session, company_id: int, timeline: Timeline) -> None:
        body = {
            "documentType": SupplierInvoiceTypes("Invoice"),
            "supplierNumber": purchase.supplier,
            "date": purchase.day.isoformat(),
            "supplierReference": purchase.reference,
            "invoiceLines": purchase.lines,
        }
        if purchase.currency is not None:
            body["currencyId"] = purchase.currency
            body["exchangeRate"] = demo_rate(purchase.currency, purchase.day)
        purchase.document, _ = enter_invoice(session, company_id, body)
        invoice_release.release(session, purchase.document)
        timeline.wrote(purchase.document, purchase.day)

    return act


def _paid(purchase: _Purchase, day: date):
    def act(session: Session, company_id: int, timeline: Timeline) -> None:
        document = purchase.document
        body = {
            "supplier": purchase.supplier,
            "applicationDate": day.isoformat(),
            "cashAccount": "1920",
            "paymentLines": [
                {"documentType": SupplierInvoiceTypes(document.document_type), "refNbr": document.reference_number}
            ],
        }
        payment, _ = payments.enter_payment(session, company_id, body)
        payment_release.release(session, payment)
        for row in (payment, document):
            timeline.wrote(row, day)

    return act
