"""Straight-line depreciation as pure functions: the periods an asset depreciates in and each one's amount.

The depreciable amount (acquisition cost minus salvage) is spread over the useful life in months (years times
twelve, rounded to whole months): every period but the last takes the amount divided by the months, rounded down
to the øre; the last takes what is left, so the schedule's sum is the depreciable amount exactly and no period's
amount is negative. An asset depreciates from the period (month) of its depreciate-from date, a whole period's
amount however late in the month it was placed in service.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def life_in_months(useful_life: Decimal) -> int:
    """The useful life (years) as whole months."""
    return int((useful_life * 12).to_integral_value(rounding=ROUND_HALF_UP))


def period_of(day: date) -> str:
    """The monthly financial period (`YYYYPP`) of a day."""
    return f"{day.year:04d}{day.month:02d}"


def shift_period(period: str, months: int) -> str:
    """The period `months` after (or before, negative) `period`."""
    index = int(period[:4]) * 12 + int(period[4:]) - 1 + months
    return f"{index // 12:04d}{index % 12 + 1:02d}"


def periods_from(start: str, period: str) -> int:
    """How many periods `period` is after `start` (0: the same period)."""
    return (int(period[:4]) - int(start[:4])) * 12 + int(period[4:]) - int(start[4:])


def period_amount(depreciable: Decimal, months: int, number: int) -> Decimal:
    """The depreciation of the asset's `number`-th period (1 to `months`)."""
    regular = (depreciable / months).quantize(CENT, rounding=ROUND_DOWN)
    return regular if number < months else depreciable - regular * (months - 1)


def schedule(depreciable: Decimal, months: int) -> list[Decimal]:
    """Every period's depreciation, first to last."""
    return [period_amount(depreciable, months, number) for number in range(1, months + 1)]
