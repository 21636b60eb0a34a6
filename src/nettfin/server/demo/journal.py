"""The demo year's manual journal transactions, entered and released as the general ledger's own use case does:
a share capital increase in January; the payroll of the sales, purchasing and administration departments (the
subaccount's first segment) on the 25th of every month: gross salaries, tax withheld, the net paid from the bank,
the employer's contribution and holiday pay accrued; depreciation and bank charges at every month's end, the bank's
interest at every quarter's; and the withheld tax and employer's contribution of the two months before paid
every other month.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from ..ledger.journal_service import enter_batch, release_entered
from .timeline import DEMO_YEAR, Timeline

CENT = Decimal("0.01")
# Department (the subaccount's first segment) -> gross monthly salaries.
_SALARIES = {"10": Decimal("68500.00"), "20": Decimal("38200.00"), "30": Decimal("46300.00")}
_WITHHOLDING = Decimal("0.33")
_EMPLOYERS_CONTRIBUTION = Decimal("0.141")
_HOLIDAY_PAY = Decimal("0.12")
_DEPRECIATION = (("1250", Decimal("2450.00")), ("1280", Decimal("1875.00")))
_BANK_CHARGES = Decimal("189.00")
_CAPITAL = Decimal("400000.00")
_INTEREST = (Decimal("412.35"), Decimal("198.20"), Decimal("87.65"), Decimal("301.90"))


def plan_journal(timeline: Timeline) -> None:
    owed = _Owed()
    _on(timeline, date(DEMO_YEAR, 1, 6), "Kapitalforhøyelse", lambda: [("1920", _CAPITAL), ("2000", -_CAPITAL)])
    for month in range(1, 13):
        if month % 2 == 1 and month > 1:
            _on(timeline, date(DEMO_YEAR, month, 15), "Skattetrekk og arbeidsgiveravgift", owed.settle)
        payday = _working_day_on_or_before(date(DEMO_YEAR, month, 25))
        _on(timeline, payday, f"Lønn {month:02d}.{DEMO_YEAR}", owed.salaries)
        end = date(DEMO_YEAR, month, monthrange(DEMO_YEAR, month)[1])
        _on(timeline, end, f"Periodeavslutning {month:02d}.{DEMO_YEAR}", lambda m=month: _month_end(m))


class _Owed:
    """The withheld tax and employer's contribution posted and not yet paid."""

    def __init__(self) -> None:
        self.withheld = self.contribution = Decimal(0)

    def salaries(self) -> list[tuple]:
        """The payroll: gross salaries by department, tax withheld, the net paid, and the employer's contribution
        and holiday pay the month's salaries accrue."""
        gross = sum(_SALARIES.values())
        withheld = (gross * _WITHHOLDING).quantize(CENT)
        lines: list[tuple] = []
        for department, amount in _SALARIES.items():
            lines.append(("5000", amount, department))
            lines.append(("5000", (amount * _HOLIDAY_PAY).quantize(CENT), department))
            lines.append(("5400", (amount * _EMPLOYERS_CONTRIBUTION).quantize(CENT), department))
        contribution = sum((amount for account, amount, _ in lines if account == "5400"), Decimal(0))
        accrued = sum((amount for account, amount, _ in lines if account == "5000"), Decimal(0)) - gross
        self.withheld += withheld
        self.contribution += contribution
        return [*lines, ("2600", -withheld), ("1920", -(gross - withheld)), ("2770", -contribution), ("2940", -accrued)]

    def settle(self) -> list[tuple]:
        """Pay what the two months before withheld and owe (the plan runs in date order, so it is all of it)."""
        withheld, contribution = self.withheld, self.contribution
        self.withheld = self.contribution = Decimal(0)
        return [("2600", withheld), ("2770", contribution), ("1920", -(withheld + contribution))]


def _month_end(month: int) -> list[tuple]:
    """Depreciation and bank charges; the bank's interest at a quarter's end."""
    lines = [line for account, amount in _DEPRECIATION for line in (("6000", amount), (account, -amount))]
    lines += [("7770", _BANK_CHARGES), ("1920", -_BANK_CHARGES)]
    if month % 3 == 0:
        interest = _INTEREST[month // 3 - 1]
        lines += [("1920", interest), ("8040", -interest)]
    return lines


def _working_day_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _on(timeline: Timeline, day: date, description: str, entries: Callable[[], list[tuple]]) -> None:
    """A batch of (account, amount: a debit when positive[, department]) lines on the day, released when entered;
    the lines are reckoned when the batch is entered, in date order."""

    def act(session: Session, company_id: int, _timeline: Timeline) -> None:
        lines = []
        for account, amount, *department in entries():
            line = {"accountNumber": account, "transactionDescription": description}
            line["debitAmountInCurrency" if amount > 0 else "creditAmountInCurrency"] = abs(amount)
            if department:
                line["subaccount"] = [{"segmentId": 1, "segmentValue": department[0]}]
            lines.append(line)
        body = {"transactionDate": day.isoformat(), "description": description, "journalTransactionLines": lines}
        batch, _ = enter_batch(session, company_id, body)
        release_entered(session, batch)

    timeline.on(day, act)
