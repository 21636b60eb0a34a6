"""The period a document posts to: one rule for supplier invoices and payments and customer invoices and payments.

The body names it in one or two fields (`postPeriod` as MMYYYY or YYYYPP and `financialPeriod` as YYYYPP, or a
payment's `applicationPeriod`, MMYYYY or YYYYPP); two fields sent must name the same period. Otherwise it is the
document date's period when the date moved or no period is set yet, else the period the document has. It must
exist and be open in the document's ledger; the refusal names the field the client can change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ..ledger.period_ids import parse_period, period_of
from ..ledger.periods import LedgerModule, PeriodNotOpen, period_open_for


@dataclass(frozen=True)
class PeriodField:
    """A body field that names a period: its wire name, its label in messages, and whether it reads MMYYYY."""

    wire: str
    label: str
    month_first: bool


POST_PERIOD = PeriodField("postPeriod", "Post period", month_first=True)
FINANCIAL_PERIOD = PeriodField("financialPeriod", "Financial period", month_first=False)
APPLICATION_PERIOD = PeriodField("applicationPeriod", "Application period", month_first=True)
# What a document's header sends; a payment sends its application period alone.
DOCUMENT_PERIODS = (POST_PERIOD, FINANCIAL_PERIOD)
PAYMENT_PERIODS = (APPLICATION_PERIOD,)


@dataclass(frozen=True)
class PeriodChoice:
    """What choosing found: the period (None when the body's could not be read) and every problem."""

    period: str | None
    problems: list[str]


def choose_period(
    session: Session,
    *,
    company_id: int,
    changes: dict,
    fields: tuple[PeriodField, ...],
    day: date,
    current: str | None,
    moved: bool,
    module: LedgerModule,
) -> PeriodChoice:
    """The document's period under the rule above. `day` is the document date, `current` the period it has,
    `moved` whether this body changes the date."""
    named: list[tuple[PeriodField, str]] = []
    problems: list[str] = []
    for field in fields:
        period, found = parse_period(changes.get(field.wire), label=field.label, month_first=field.month_first)
        problems += found
        if period is not None:
            named.append((field, period))
    if problems:
        return PeriodChoice(None, problems)
    if len({period for _, period in named}) > 1:
        (first, one), (second, other) = named[:2]
        return PeriodChoice(None, [f"'{first.label}' ({one}) and '{second.label}' ({other}) must be the same period."])
    if named:
        chosen = named[0][1]
    elif moved or not current:
        chosen = period_of(day)
    else:
        chosen = current
    try:
        period_open_for(session, company_id, chosen, module)
    except PeriodNotOpen as refused:
        return PeriodChoice(chosen, [f"'{fields[0].label}': {refused.message}"])
    return PeriodChoice(chosen, [])
