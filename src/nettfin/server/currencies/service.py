"""Currency use cases: the currencies a new company gets, rate types and rates as the demo adds them, the next
rate number, and the rate in effect on a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import DIVIDE, MULTIPLY, Currency, CurrencyRate, CurrencyRateType

# What nettfin knows of the currencies companies use: (description, symbol, decimal precision).
KNOWN = {
    "NOK": ("Norwegian krone", "kr", 2),
    "SEK": ("Swedish krona", "kr", 2),
    "DKK": ("Danish krone", "kr.", 2),
    "EUR": ("Euro", "€", 2),
    "USD": ("US dollar", "$", 2),
    "GBP": ("Pound sterling", "£", 2),
    "ISK": ("Icelandic króna", "kr", 0),
}


def describe(currency_id: str) -> tuple[str, str, int]:
    """(description, symbol, decimal precision) of a currency from `KNOWN`; an unknown code describes itself."""
    return KNOWN.get(currency_id, (currency_id, currency_id, 2))


def add_currency(session: Session, company_id: int, currency_id: str) -> Currency:
    """A currency of the company, described by `describe`."""
    description, symbol, precision = describe(currency_id)
    currency = Currency(
        company_id=company_id,
        currency_id=currency_id,
        description=description,
        symbol=symbol,
        decimal_precision=precision,
        used_for_accounting=True,
    )
    session.add(currency)
    return currency


def add_rate_type(
    session: Session, company_id: int, rate_type_id: str, description: str, days_effective: int | None = None
) -> CurrencyRateType:
    rate_type = CurrencyRateType(
        company_id=company_id, rate_type_id=rate_type_id, description=description, days_effective=days_effective
    )
    session.add(rate_type)
    return rate_type


def next_rate_number(session: Session, company_id: int) -> int:
    """The number the company's next rate takes: its rates are numbered from 1 in the order they are made."""
    last = session.scalar(select(func.max(CurrencyRate.rate_number)).where(CurrencyRate.company_id == company_id))
    return (last or 0) + 1


def add_rate(
    session: Session, company_id: int, from_currency: str, to_currency: str, rate_type: str, day: date, rate: Decimal
) -> CurrencyRate:
    """A multiplying rate (the demo's); the API's rates go through the declaration's checks."""
    row = CurrencyRate(
        company_id=company_id,
        rate_number=next_rate_number(session, company_id),
        from_currency_id=from_currency,
        to_currency_id=to_currency,
        rate_type_id=rate_type,
        effective_date=day,
        rate=rate,
        mult_div=MULTIPLY,
    )
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class RateInEffect:
    """A rate on a day: the rate, whether it multiplies or divides, and the date it took effect."""

    rate: Decimal
    mult_div: str
    effective_date: date

    def convert(self, amount: Decimal) -> Decimal:
        """`amount` in the from-currency, in the to-currency (unrounded)."""
        return amount / self.rate if self.mult_div == DIVIDE else amount * self.rate


def rate_on(
    session: Session, company_id: int, from_currency: str, to_currency: str, day: date, rate_type: str
) -> RateInEffect | None:
    """The rate from one currency to another of a rate type in effect on `day`: the one with the latest
    effective date on or before it; None when there is none."""
    row = session.scalars(
        select(CurrencyRate)
        .where(
            CurrencyRate.company_id == company_id,
            CurrencyRate.from_currency_id == from_currency,
            CurrencyRate.to_currency_id == to_currency,
            CurrencyRate.rate_type_id == rate_type,
            CurrencyRate.effective_date <= day,
        )
        .order_by(CurrencyRate.effective_date.desc())
        .limit(1)
    ).first()
    return None if row is None else RateInEffect(row.rate, row.mult_div, row.effective_date)


# The rate type documents take their rate from when the company has it (CM's usual default).
DEFAULT_RATE_TYPE = "SPOT"


def default_rate_type(session: Session, company_id: int) -> str | None:
    """The rate type a document's rate is read from: `SPOT` when the company has it, else its first rate type
    by id; None when it has none (customers, suppliers and their classes carry no rate type in nettfin)."""
    types = session.scalars(
        select(CurrencyRateType.rate_type_id)
        .where(CurrencyRateType.company_id == company_id)
        .order_by(CurrencyRateType.rate_type_id)
    ).all()
    return DEFAULT_RATE_TYPE if DEFAULT_RATE_TYPE in types else (types[0] if types else None)


def uses_currency(session: Session, company_id: int, currency_id: str) -> bool:
    """Whether the currency is one of the company's (its base currency among them)."""
    found = session.scalar(
        select(Currency.id).where(Currency.company_id == company_id, Currency.currency_id == currency_id)
    )
    return found is not None
