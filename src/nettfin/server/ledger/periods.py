"""Financial years and periods (GL201000): twelve monthly periods a year, `YYYYPP` ids, closed per module.

The endpoints (`router.py`) are read-only, as the service's; years are created by `create_financial_year` (the demo seed
and, later, the company set-up), and documents ask `period_open_for` before they post.
"""

from __future__ import annotations

import calendar
import inspect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ..db.prepared import Prepared
from ..kit.changes import bump_version
from ..kit.errors import BusinessError
from ..kit.filters import query_parameter
from ..kit.resource import Filter, Resource
from .models import FinancialPeriod

RESOURCE = "financialPeriod"
_PERIOD_ID = re.compile(r"^\d{4}(0[1-9]|1[0-2])$")
_YEAR = re.compile(r"^\d{4}$")


class LedgerModule(StrEnum):
    """The workspaces a period is closed in, one `closedIn...` flag each (FinancialPeriodDto)."""

    SUPPLIER_LEDGER = "SupplierLedger"
    CUSTOMER_LEDGER = "CustomerLedger"
    INVENTORY_MANAGEMENT = "InventoryManagement"
    GENERAL_LEDGER = "GeneralLedger"
    CASH_MANAGEMENT = "CashManagement"
    FIXED_ASSETS = "FixedAssets"


# Module -> (the period's column, the name the service's window gives the workspace).
_CLOSED_IN = {
    LedgerModule.SUPPLIER_LEDGER: ("closed_in_supplier_ledger", "Supplier ledger"),
    LedgerModule.CUSTOMER_LEDGER: ("closed_in_customer_ledger", "Customer ledger"),
    LedgerModule.INVENTORY_MANAGEMENT: ("closed_in_inventory_management", "Inventory management"),
    LedgerModule.GENERAL_LEDGER: ("closed_in_general_ledger", "General ledger"),
    LedgerModule.CASH_MANAGEMENT: ("closed_in_cash_management", "Cash management"),
    LedgerModule.FIXED_ASSETS: ("closed_in_fixed_assets", "Fixed assets"),
}


class PeriodNotOpen(BusinessError):
    """A document's period does not exist, is inactive, or is closed in the document's module."""


@dataclass(frozen=True)
class PeriodsAfter(Filter):
    """`greaterThanValue`: a year (YYYY) or a period (YYYYPP), an exclusive lower bound; anything else is
    refused with the formats it takes."""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        description = "A year (YYYY) or a period (YYYYPP): periods after it (exclusive)."
        return [query_parameter("greaterThanValue", str | None, description=description)]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        given = values["greaterThanValue"]
        value = (given or "").strip()
        if not value:
            return []
        if _YEAR.match(value):
            return [FinancialPeriod.year > int(value)]
        if _PERIOD_ID.match(value):
            return [FinancialPeriod.period_id > value]
        raise BusinessError(
            f"The value '{given}' of parameter 'greaterThanValue' is not a year or a financial period. "
            "Accepted formats: YYYY (as 2020) or YYYYPP (as 202003)."
        )


def period_not_found(period_id: str) -> str:
    """The 404's text, with a hint when the id is not of the YYYYPP form."""
    hint = "" if _PERIOD_ID.match(period_id) else ": a financial period id is YYYYPP, as 202003"
    return f"Financial period '{period_id}' not found{hint}."


def create_financial_year(session: Session, company_id: int, year: int) -> list[FinancialPeriod]:
    """Twelve open monthly periods `YYYY01`..`YYYY12` in the caller's transaction."""
    if not 1900 <= year <= 9999:
        raise BusinessError(f"Financial year {year} is out of range: use 1900 to 9999.")
    exists = select(FinancialPeriod.id).where(FinancialPeriod.company_id == company_id, FinancialPeriod.year == year)
    if session.scalar(exists.limit(1)) is not None:
        raise BusinessError(f"Financial year {year} already exists.")
    periods = []
    for month in range(1, 13):
        last_day = calendar.monthrange(year, month)[1]
        periods.append(
            FinancialPeriod(
                company_id=company_id,
                period_id=f"{year}{month:02d}",
                year=year,
                number=month,
                start_date=date(year, month, 1),
                end_date=date(year, month, last_day),
                description=calendar.month_name[month],
            )
        )
    session.add_all(periods)
    session.flush()
    bump_version(session, company_id=company_id, resource=RESOURCE)
    return periods


def period_open_for(session: Session, company_id: int, period: str, module: LedgerModule) -> None:
    """Nothing if a document of `module` may post to the period (`YYYYPP`); `PeriodNotOpen` saying which period and
    module otherwise."""
    column, name = _CLOSED_IN[module]
    found = _state(session, company_id, period, column)
    if found is None:
        raise PeriodNotOpen(f"Financial period '{period}' does not exist.")
    active, closed = found
    if not active:
        raise PeriodNotOpen(f"Financial period '{period}' is not active.")
    if closed:
        raise PeriodNotOpen(f"Financial period '{period}' is closed in the {name}.")


def find_period(session: Session, company_id: int, period_id: str) -> FinancialPeriod | None:
    return session.scalar(_PERIOD, {"company_id": company_id, "period_id": period_id})


# Built once: every document write checks its period.
_PERIOD = select(FinancialPeriod).where(
    FinancialPeriod.company_id == bindparam("company_id"), FinancialPeriod.period_id == bindparam("period_id")
)
# Whether the period is active and closed in a module, on the driver's cursor (db/prepared.py): the period as a
# record through the session was 0.1 to 0.2 ms of every document's create.
_STATES = {
    column: Prepared(
        select(FinancialPeriod.active, getattr(FinancialPeriod, column)).where(
            FinancialPeriod.company_id == bindparam("company_id"), FinancialPeriod.period_id == bindparam("period_id")
        )
    )
    for column, _ in _CLOSED_IN.values()
}


def _state(session: Session, company_id: int, period_id: str, column: str) -> tuple[bool, bool] | None:
    """(active, closed in the module's column) as the transaction sees the period; None when there is none. A
    period the session holds (changed, perhaps, and not yet written) is read from the session's record."""
    held = session.identity_map.keys()
    if any(key[0] is FinancialPeriod for key in held) or any(isinstance(r, FinancialPeriod) for r in session.new):
        found = find_period(session, company_id, period_id)
        return None if found is None else (found.active, getattr(found, column))
    row = _STATES[column].first(session.connection(), {"company_id": company_id, "period_id": period_id})
    return None if row is None else (bool(row[0]), bool(row[1]))
