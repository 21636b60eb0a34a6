"""The demo company's currencies besides NOK (EUR and SEK), its SPOT rate type and a few months of rates to NOK."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from ..currencies.service import add_currency, add_rate, add_rate_type
from ..kit.changes import bump_version

DEMO_RATE_TYPE = "SPOT"
# (from currency, effective date, rate to NOK)
DEMO_RATES = (
    ("EUR", date(2019, 1, 1), Decimal("9.8545")),
    ("EUR", date(2019, 7, 1), Decimal("9.7843")),
    ("EUR", date(2020, 1, 1), Decimal("9.8638")),
    ("SEK", date(2019, 1, 1), Decimal("0.9612")),
    ("SEK", date(2020, 1, 1), Decimal("0.9391")),
)


def seed_currencies(session: Session, company_id: int) -> None:
    for currency_id in ("EUR", "SEK"):
        add_currency(session, company_id, currency_id)
    add_rate_type(session, company_id, DEMO_RATE_TYPE, "Spot rate", 1)
    session.flush()
    for from_currency, day, rate in DEMO_RATES:
        add_rate(session, company_id, from_currency, "NOK", DEMO_RATE_TYPE, day, rate)
    for resource in ("currency", "currencyratetype", "currencyrate"):
        bump_version(session, company_id=company_id, resource=resource)
