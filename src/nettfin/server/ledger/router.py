"""Financial period (GL201000) endpoints: HTTP only. The chart of accounts is declared in `accounts.py`;
dimensions and subaccounts are in `dimension_router.py`."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.keys import ResourceKey
from ..kit.render import format_date, json_response
from . import periods
from .models import FinancialPeriod
from .schemas import FinancialPeriodDto

period_router = APIRouter(prefix="/v1/financialPeriod", tags=["FinancialPeriod"])


# --- financial periods ------------------------------------------------------------------------------------


def period_filters(
    greaterThanValue: str | None = Query(
        None, description="A year (YYYY) or a period (YYYYPP): periods after it (exclusive)."
    ),
) -> periods.PeriodFilters:
    return periods.period_filters(greaterThanValue)


@period_router.get(
    "",
    response_model=list[FinancialPeriodDto],
    summary="Get a range of Financial Periods - ScreenId=GL201000",
    description="Not paged: every period after `greaterThanValue`, by period id.",
)
def list_periods(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: periods.PeriodFilters = Depends(period_filters),
) -> Response:
    found = periods.list_periods(request.app.state.db, company_id=context.company_id, filters=filters)
    return json_response([period_dto(p) for p in found])


@period_router.get(
    "/{financialPeriodId}",
    response_model=FinancialPeriodDto,
    summary="Get a specific Financial Period - ScreenId=GL201000",
)
def get_period(request: Request, financialPeriodId: ResourceKey, context: CompanyContext = Depends(company_context)):
    found = periods.get_period(request.app.state.db, company_id=context.company_id, period_id=financialPeriodId)
    return json_response(period_dto(found))


def period_dto(p: FinancialPeriod) -> dict:
    return {
        "year": p.year,
        "period": p.period_id,
        "startDate": format_date(p.start_date),
        "endDate": format_date(p.end_date),
        "description": p.description,
        "active": p.active,
        "closedInSupplierLedger": p.closed_in_supplier_ledger,
        "closedInCustomerLedger": p.closed_in_customer_ledger,
        "closedInInventoryManagement": p.closed_in_inventory_management,
        "closedInGeneralLedger": p.closed_in_general_ledger,
        "closedInCashManagement": p.closed_in_cash_management,
        "closedInFixedAssets": p.closed_in_fixed_assets,
    }
