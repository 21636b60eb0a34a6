"""The demo company's currencies besides NOK (EUR, SEK and USD, the currency of its suppliers outside the EU), its
SPOT rate type, and rates to NOK: a few from 2019 and one for the first of every month of the demo year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from ..currencies.service import add_currency, add_rate, add_rate_type
from ..kit.changes import bump_version
from .timeline import DEMO_YEAR

DEMO_RATE_TYPE = "SPOT"
FOREIGN_CURRENCIES = ("EUR", "SEK", "USD")
# The rate to NOK on the first of each month of the demo year (from its February: January's is below).
_MONTHLY = {
    "EUR": "10.0493 10.3980 11.4635 11.0745 10.8425 10.7600 10.6233 10.6513 10.7833 11.0228 10.7608",
    "SEK": "0.9546 0.9670 1.0411 1.0448 1.0319 1.0356 1.0389 1.0363 1.0465 1.0652 1.0535",
    "USD": "9.1575 9.4040 10.4935 10.2100 9.9513 9.6228 9.0845 8.9753 9.2495 9.4225 8.9600",
}
# (from currency, effective date, rate to NOK)
DEMO_RATES = (
    ("EUR", date(2019, 1, 1), Decimal("9.8545")),
    ("EUR", date(2019, 7, 1), Decimal("9.7843")),
    ("EUR", date(2020, 1, 1), Decimal("9.8638")),
    ("SEK", date(2019, 1, 1), Decimal("0.9612")),
    ("SEK", date(2020, 1, 1), Decimal("0.9391")),
    ("USD", date(2020, 1, 1), Decimal("8.7803")),
    *(
        (currency, date(DEMO_YEAR, month, 1), Decimal(rate))
        for currency, rates in _MONTHLY.items()
        for month, rate in enumerate(rates.split(), start=2)
    ),
)


def demo_rate(currency_id: str, day: date) -> Decimal:
    """The demo's SPOT rate of the currency to NOK in effect on the day (the latest from on or before it)."""
    return max((start, rate) for currency, start, rate in DEMO_RATES if currency == currency_id and start <= day)[1]


def seed_currencies(session: Session, company_id: int) -> None:
    for currency_id in FOREIGN_CURRENCIES:
        add_currency(session, company_id, currency_id)
    add_rate_type(session, company_id, DEMO_RATE_TYPE, "Spot rate", 1)
    session.flush()
    for from_currency, day, rate in DEMO_RATES:
        add_rate(session, company_id, from_currency, "NOK", DEMO_RATE_TYPE, day, rate)
    for resource in ("currency", "currencyratetype", "currencyrate"):
        bump_version(session, company_id=company_id, resource=resource)
