"""Chart of accounts (GL202500) and financial period (GL201000) endpoints: HTTP only. Dimensions and
subaccounts are in `dimension_router.py`."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.keys import ResourceKey
from ..kit.render import format_date, format_datetime, json_response, time_stamp
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from . import accounts, periods
from .models import Account, FinancialPeriod
from .schemas import AccountDto, AccountUpdateDto, FinancialPeriodDto

account_router = APIRouter(prefix="/v1/account", tags=["Account"])
period_router = APIRouter(prefix="/v1/financialPeriod", tags=["FinancialPeriod"])

DEPRECATED = "Deprecated; ignored."


# --- accounts ---------------------------------------------------------------------------------------------


def account_filters(
    active: bool | None = Query(None, description="True: active accounts only; false: inactive ones."),
    greaterThanValue: str | None = Query(None, description="Account numbers after this value."),
    publicCode: str | None = Query(None),
    externalCode1: str | None = Query(None),
    externalCode2: str | None = Query(None),
    analysisCode: str | None = Query(None),
    numberToRead: int | None = Query(None, le=INT32_MAX, deprecated=True, description=DEPRECATED),
    skipRecords: int | None = Query(None, le=INT32_MAX, deprecated=True, description=DEPRECATED),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
) -> accounts.AccountFilters:
    return accounts.AccountFilters(
        active=active,
        greater_than=greaterThanValue,
        public_code=publicCode,
        external_code1=externalCode1,
        external_code2=externalCode2,
        analysis_code=analysisCode,
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
    )


@account_router.get(
    "",
    response_model=list[AccountDto],
    summary="Get a range of General ledger accounts - ScreenId=GL202500",
    description="Not paged: the whole chart matching the filters, by account number.",
)
def list_accounts(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: accounts.AccountFilters = Depends(account_filters),
    includeAccountClassDescription: bool | None = Query(None, description="True: fill accountClassDescription."),
) -> Response:
    found = accounts.list_accounts(request.app.state.db, company_id=context.company_id, filters=filters)
    return json_response([account_dto(a, class_description=bool(includeAccountClassDescription)) for a in found])


@account_router.get("/{accountCd}", response_model=AccountDto, summary="Get a specific Account - ScreenId=GL202500")
def get_account(request: Request, accountCd: ResourceKey, context: CompanyContext = Depends(company_context)):
    account = accounts.get_account(request.app.state.db, company_id=context.company_id, account_cd=accountCd)
    return json_response(account_dto(account, class_description=True), headers=etag_header(account.row_version))


@account_router.post(
    "",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Creates an account",
    description="201 with an absolute Location whose last segment is the new account number.",
)
def create_account(
    request: Request, account: AccountUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    saved = accounts.create_account(request.app.state.db, company_id=context.company_id, dto=account)
    return created(request, saved.account_cd, row_version=saved.row_version, dto=account)


@account_router.put(
    "/{accountCd}", status_code=204, response_class=Response, responses=UPDATED_RESPONSE, summary="Updates an account"
)
def update_account(
    request: Request,
    accountCd: ResourceKey,
    account: AccountUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved, ignored = accounts.update_account(
        request.app.state.db, company_id=context.company_id, account_cd=accountCd, dto=account, if_match=if_match
    )
    return updated(row_version=saved.row_version, dto=account, ignored=ignored)


def account_dto(a: Account, *, class_description: bool) -> dict:
    account_class = a.account_class
    return {
        "accountID": a.id,
        "accountCD": a.account_cd,
        "accountGroupCD": a.account_group_cd,
        "accountClass": account_class.class_id if account_class else None,
        "type": a.type,
        "active": a.active,
        "description": a.description,
        "accountClassDescription": account_class.description if account_class and class_description else None,
        "useDefaultSub": a.use_default_sub,
        "postOption": a.post_option,
        "currency": a.currency,
        "taxCategory": a.tax_category,
        "cashAccount": a.cash_account,
        "publicCode1": a.public_code1,
        "lastModifiedDateTime": format_datetime(a.last_modified_at),
        "externalCode1Info": _code(a.external_code1),
        "externalCode2Info": _code(a.external_code2),
        "analisysCodeInfo": _code(a.analysis_code),
        "controlAccountModule": a.control_account_module,
        "allowManualEntry": a.allow_manual_entry,
        "timeStamp": time_stamp(a.row_version),
        "errorInfo": None,
    }


def _code(code: str | None) -> dict | None:
    # The code tables behind external and analysis codes are not served: the number is all there is.
    return {"number": code, "description": None} if code else None


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
