"""Financial periods (GL201000) as the API serves them: `/v1/financialPeriod` list and get, a read-only
`kit.resource` declaration (the years themselves are made by `periods.create_financial_year`). The chart of
accounts is declared in `accounts.py`; dimensions and subaccounts are in `dimension_router.py`."""

from __future__ import annotations

from ..identity.auth import company_context
from ..kit.members import Attribute
from ..kit.records import RecordKey
from ..kit.render import format_date
from ..kit.resource import READ_ONLY, Computed, Resource, Texts
from ..kit.resource_routes import resource_router
from .models import FinancialPeriod
from .periods import RESOURCE, PeriodsAfter, period_not_found

FINANCIAL_PERIOD = Resource(
    name=RESOURCE,
    model=FinancialPeriod,
    path="/v1/financialPeriod",
    tag="FinancialPeriod",
    label="Financial period",
    key=RecordKey("period", FinancialPeriod.period_id, "Financial period"),
    key_param="financialPeriodId",
    members=(
        Attribute("year", "year", int),
        Attribute("period", "period_id"),
        Computed("startDate", str, lambda period: format_date(period.start_date)),
        Computed("endDate", str, lambda period: format_date(period.end_date)),
        Attribute("description", "description"),
        Attribute("active", "active", bool),
        Attribute("closedInSupplierLedger", "closed_in_supplier_ledger", bool),
        Attribute("closedInCustomerLedger", "closed_in_customer_ledger", bool),
        Attribute("closedInInventoryManagement", "closed_in_inventory_management", bool),
        Attribute("closedInGeneralLedger", "closed_in_general_ledger", bool),
        Attribute("closedInCashManagement", "closed_in_cash_management", bool),
        Attribute("closedInFixedAssets", "closed_in_fixed_assets", bool),
    ),
    texts=Texts(
        list="Get a range of Financial Periods - ScreenId=GL201000",
        get="Get a specific Financial Period - ScreenId=GL201000",
        key="The period, YYYYPP.",
    ),
    dto="FinancialPeriodDto",
    operations=READ_ONLY,
    filters=(PeriodsAfter(),),
    paged=False,
    missing=period_not_found,
)

period_router = resource_router(FINANCIAL_PERIOD, company_context)
