"""What every document line computes alike: amounts rounded to the øre, dates as calendar days, its GL account
and subaccount (`LineLedger`), and the discount rule. The line operations themselves are `kit/lines.py`'s.

Supplier, customer and purchase order lines keep their account and subaccount as records (`account_id`,
`subaccount_id`). A write finds an account by its number and keeps a changed line's subaccount as its number
until the body's lines are applied without a problem; `LineLedger.attach` then gives the lines their subaccount
records, creating the valid combinations the company has not defined yet, as the service does.

The discount rule (customer invoice lines, purchase order lines): a percentage sent (0 to 100) sets the
percentage, an amount sent sets the amount and the percentage it makes of the line's base; either makes the
discount manual. Without an amount sent the amount follows the percentage. The discount may not exceed the
base, nor have the other sign.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session, lazyload

from ..inventory.subaccounts import subaccount_number
from ..kit import messages
from ..kit.records import load_by_codes
from ..ledger.line_subaccounts import ensure_subaccounts
from ..ledger.models import Account
from ..ledger.subaccounts import check_subaccount
from ..tax.determination import OERE, ROUNDING_RULE

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def money(value: Decimal) -> Decimal:
    """An amount rounded to the øre with the VAT module's one rule."""
    return value.quantize(OERE, rounding=ROUNDING_RULE)


def calendar_day(value: datetime | None) -> datetime | None:
    """A document date as the calendar day the client wrote, at midnight UTC (a time of day is dropped)."""
    return None if value is None else datetime(value.year, value.month, value.day, tzinfo=UTC)


# A line reads its account's own columns; the account class (joined by default, for the account's own answers) loads
# only if something asks for it.
_ACCOUNT_OPTIONS = (lazyload(Account.account_class),)


@dataclass
class LineLedger:
    """The GL accounts and subaccounts the lines of one document write name (see the module's docstring)."""

    session: Session
    company_id: int
    # Accounts by number, None for a number that names none: each number is looked up once per write.
    accounts: dict[str, Account | None] = field(default_factory=dict)
    # The subaccount number each changed line posts to (by the line's id), until `attach`.
    subaccounts: dict[int, str | None] = field(default_factory=dict)

    def load_accounts(self, codes: Iterable[str | None]) -> None:
        """Find the accounts of many numbers (a whole body's) in one query."""
        wanted = {code for code in codes if code} - self.accounts.keys()
        found = load_by_codes(self.session, Account, Account.account_cd, self.company_id, wanted, _ACCOUNT_OPTIONS)
        self.accounts.update({code: found.get(code) for code in wanted})

    def account(self, code: str) -> Account | None:
        self.load_accounts([code])
        return self.accounts[code]

    def set_account(self, line: Any, code: str | None) -> list[str]:
        """The line's account by number (none without a number); `Account 'X' cannot be found in the system.`"""
        line.account = self.account(code) if code else None
        return [messages.cannot_be_found("Account", code)] if code and line.account is None else []

    def set_subaccount(self, line: Any, number: str | None) -> None:
        self.subaccounts[id(line)] = number

    def apply_segments(self, line: Any, segments: list[dict] | None) -> list[str]:
        """The line's subaccount from segments (`[{"segmentId": 1, "segmentValue": "10"}]`, as sent or as an item
        keeps them), checked by the ledger's rules; none when no segments are given."""
        if not segments:
            self.set_subaccount(line, None)
            return []
        pairs = [(s.get("segmentId") or 0, s.get("segmentValue") or "") for s in segments]
        check = check_subaccount(self.session, self.company_id, pairs)
        self.set_subaccount(line, check.number or subaccount_number(segments))
        return check.problems

    def attach(self, lines: Iterable[Any]) -> None:
        """Give the changed lines their subaccount records (creating valid combinations not yet defined)."""
        records = ensure_subaccounts(self.session, self.company_id, {n for n in self.subaccounts.values() if n})
        for line in lines:
            if id(line) in self.subaccounts:
                number = self.subaccounts[id(line)]
                line.subaccount = records.get(number) if number else None


@dataclass(frozen=True)
class DiscountLabels:
    """How a document names the discount and the base in the refusal."""

    discount: str
    base: str


def apply_line_discount(
    line: Any, base: Decimal, *, percent: Decimal | None, amount: Decimal | None, labels: DiscountLabels
) -> list[str]:
    """Set the line's `discount_percent`, `discount_amount` and `manual_discount` by the rule above, from the
    percentage and amount the body sent (None: not sent)."""
    if percent is not None and not ZERO <= percent <= HUNDRED:
        return ["'Discount percent' must be between 0 and 100."]
    if percent is not None:
        line.discount_percent, line.manual_discount = percent, True
    elif amount is not None:
        line.discount_amount, line.manual_discount = money(amount), True
        line.discount_percent = (line.discount_amount * HUNDRED / base) if base else ZERO
    if amount is None:
        line.discount_amount = money(base * (line.discount_percent or ZERO) / HUNDRED)
    if abs(line.discount_amount) > abs(base) or (base and line.discount_amount * base < 0):
        return [f"'{labels.discount}' ({line.discount_amount:.2f}) cannot be greater than {labels.base} ({base:.2f})."]
    return []
