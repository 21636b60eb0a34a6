"""A document's currency and exchange rate, and its amounts in the base currency: the one rule customer
invoices and notes, supplier invoices and purchase orders all follow.

The rate. A document in the base currency has rate 1 (another rate sent is refused). A document in another
currency must be in one of the company's currencies; its rate is the one the client sends, else the rate in
effect on the document's date (`currencies.service.rate_on`, from the currency to the base currency, of the
company's default rate type; a rate only stored the other way round is inverted). The rate is looked up when
the document is made and again when its currency or date changes, never otherwise: a rate entered later does
not change a document, released or not. No rate in effect, and none sent, is refused.

The amounts. The document's total is converted as a whole; each line and each VAT amount is converted on its
own (both rounded to the øre, half up); whatever the lines' rounding leaves between the two goes onto the
last line with an amount (`balance_on_last`). So the ledger's control account carries the total at the rate,
the VAT accounts the VAT at the rate, and every batch balances.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from ..currencies.service import default_rate_type, rate_on, uses_currency
from ..kit import messages
from .lines import ZERO, money

ONE = Decimal(1)
# A rate is kept with the precision of the documents' rate column (Money: 4 decimals).
RATE_PLACES = Decimal("0.0001")
RATE_LIMIT = Decimal(10_000_000_000)


def to_base(amount: Decimal, rate: Decimal | None) -> Decimal:
    """An amount in the document's currency, in the base currency, rounded to the øre."""
    return money(amount * (rate or ONE))


def balance_on_last(total: Decimal, lines: Sequence[Decimal], others: Decimal = ZERO) -> list[Decimal]:
    """The lines' base amounts with the rounding difference moved onto the last line with an amount, so that
    the lines and `others` (the VAT, each converted on its own) make `total` (converted as a whole)."""
    adjusted = list(lines)
    difference = total - others - sum(adjusted, ZERO)
    if difference and adjusted:
        last = max((i for i, amount in enumerate(adjusted) if amount), default=len(adjusted) - 1)
        adjusted[last] += difference
    return adjusted


def document_rate(
    session: Session,
    company_id: int,
    base: str,
    *,
    currency_id: str,
    day: date | datetime | None,
    sent: Decimal | None,
    current: Decimal | None,
    refresh: bool,
) -> tuple[Decimal, list[str]]:
    """The document's rate and the problems with it: `sent` (the client's `exchangeRate`, None when not sent),
    else the stored `current` one unless `refresh` (a new document, a new currency or date) asks for the rate
    in effect on `day`."""
    if currency_id == base:
        if sent not in (None, ONE):
            return ONE, [f"'Exchange rate' must be 1 for a document in the base currency, {base}."]
        return ONE, []
    if not uses_currency(session, company_id, currency_id):
        return current or ONE, [messages.cannot_be_found("Currency", currency_id)]
    if sent is not None:
        if not ZERO < sent < RATE_LIMIT:
            return current or ONE, ["'Exchange rate' must be greater than 0 and less than 10,000,000,000."]
        return sent.quantize(RATE_PLACES), []
    if (current and not refresh) or day is None:
        return current or ONE, []
    day = day.date() if isinstance(day, datetime) else day
    rate_type = default_rate_type(session, company_id)
    rate = _rate_to_base(session, company_id, currency_id, base, day, rate_type) if rate_type else None
    if rate is None:
        return current or ONE, [messages.no_rate_in_effect(currency_id, base, rate_type, day)]
    return rate, []


def _rate_to_base(
    session: Session, company_id: int, currency_id: str, base: str, day: date, rate_type: str
) -> Decimal | None:
    """The multiplier from the currency to the base currency on `day`; None when there is none (a rate too
    small for the rate's 4 decimals is none)."""
    found = rate_on(session, company_id, currency_id, base, day, rate_type)
    if found is not None:
        return found.convert(ONE).quantize(RATE_PLACES) or None
    inverse = rate_on(session, company_id, base, currency_id, day, rate_type)
    if inverse is None or not inverse.convert(ONE):
        return None
    return (ONE / inverse.convert(ONE)).quantize(RATE_PLACES) or None


def currency_problems(session: Session, company_id: int, currency_id: str | None) -> list[str]:
    """A payment's currency must be one of the company's: `Currency 'USD' cannot be found in the system.`"""
    if currency_id and not uses_currency(session, company_id, currency_id):
        return [messages.cannot_be_found("Currency", currency_id)]
    return []
