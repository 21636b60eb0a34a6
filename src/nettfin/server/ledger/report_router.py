"""The ledger's reports, HTTP only: `GET /v1/GeneralLedgerTransactions` (GL404000, over `transactions.py`, paged
over journal lines) and `GET /v2/generalLedgerBalance` (over `balances.py`, which the legacy v1 balance list in
`journal_router.py` reads too). Both page with `metadata` on each element; the query parameters are the real
documents'."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.errors import BusinessError
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Page, paging, with_metadata
from ..kit.render import format_date, format_datetime, json_response
from . import balances, journal_service, transactions
from .journal import JournalLine
from .journal_router import gl_balance_dto
from .journal_schemas import BalanceType
from .models import Account
from .period_ids import date_parameter, period_parameter
from .report_schemas import GeneralLedgerBalanceV2Dto, GeneralLedgerTransactionDetailsDto

transactions_router = APIRouter(prefix="/v1/GeneralLedgerTransactions", tags=["GeneralLedgerTransactions"])
balance_v2_router = APIRouter(prefix="/v2/generalLedgerBalance", tags=["GeneralLedgerBalanceV2"])

LEDGER = {"id": journal_service.LEDGER_ID, "description": journal_service.LEDGER_DESCRIPTION}


def ledger_parameter(ledger: str | None) -> None:
    """nettfin keeps one ledger, the actual one: any other is a 400 naming the parameter."""
    if ledger is not None and ledger.strip() and ledger.strip().upper() != journal_service.LEDGER_ID:
        raise BusinessError(
            f"The value '{ledger}' of parameter 'ledger' is not a ledger: the ledger is {journal_service.LEDGER_ID}."
        )


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def account_dto(account: Account, *, with_codes: bool) -> dict:
    """`{type, number, description}`; with the external codes when asked for (`expandAccountInfo`)."""
    shown = {"type": account.type, "number": account.account_cd, "description": account.description}
    if with_codes:
        shown.update(
            externalCode1=account.external_code1,
            externalCode2=account.external_code2,
            externalCode1Info={"number": account.external_code1} if account.external_code1 else None,
            externalCode2Info={"number": account.external_code2} if account.external_code2 else None,
        )
    return shown


# --- general ledger transactions ------------------------------------------------------------------------------


async def transaction_filters(
    ledger: str = Query(..., description=f"Mandatory. The ledger: {journal_service.LEDGER_ID}, the actual ledger."),
    branch: str | None = Query(None, description="The branch CD. Branches are not served: no line matches one."),
    fromPeriod: str | None = Query(None, description="The first financial period, YYYYPP."),
    toPeriod: str | None = Query(None, description="The last financial period, YYYYPP."),
    account: str | None = Query(None, description="The account number."),
    subaccountId: str | None = Query(None, description="The subaccount, by its number (10-100) or internal id."),
    fromDate: str | None = Query(None, description="The first transaction date, YYYY-MM-DD."),
    toDate: str | None = Query(None, description="The last transaction date, YYYY-MM-DD."),
    includeUnposted: bool | None = Query(
        None, description="Release posts in nettfin: no batch is released and unposted, so this adds no line."
    ),
    includeUnreleased: bool | None = Query(None, description="True: lines of balanced, unreleased batches too."),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
) -> transactions.TransactionFilters:
    ledger_parameter(ledger)
    return transactions.TransactionFilters(
        include_unreleased=bool(includeUnreleased),
        from_period=period_parameter("fromPeriod", fromPeriod),
        to_period=period_parameter("toPeriod", toPeriod),
        from_date=date_parameter("fromDate", fromDate),
        to_date=date_parameter("toDate", toDate),
        account=_text(account),
        subaccount=_text(subaccountId),
        branch=_text(branch),
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
    )


@transactions_router.get(
    "",
    response_model=list[GeneralLedgerTransactionDetailsDto],
    summary="Get a range of General Ledger Transactions - ScreenId=GL404000",
    description=(
        "The lines of posted batches (with `includeUnreleased`, of balanced ones too), in posting order, paged over "
        "lines. Running balances (`includeTransactionBalance`) are the line's account's in its normal sign: the "
        "balance at the start of the line's period plus the posted lines of that period before it. Amounts are in "
        "the base currency. Branches are not served: a `branch` matches no line."
    ),
)
def list_general_ledger_transactions(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: transactions.TransactionFilters = Depends(transaction_filters),
    page: Page = Depends(paging(DOCUMENT_MAX_PAGE_SIZE)),
    expandAccountInfo: bool = Query(False, description="True: the account's external codes too."),
    expandBranchInfo: bool = Query(False, description="Branches are not served: no line has one."),
    includeTransactionBalance: bool = Query(
        False, description="True: begBalance, endingBalance, currBegBalance and currEndingBalance."
    ),
) -> Response:
    found = transactions.list_transactions(
        request.app.state.db,
        company_id=context.company_id,
        filters=filters,
        page=page,
        with_balances=includeTransactionBalance,
    )
    rows = [_line_dto(line, found.balances, with_codes=expandAccountInfo) for line in found.result.rows]
    return json_response(with_metadata(rows, found.result))


def _line_dto(line: JournalLine, balances_by_line: dict | None, *, with_codes: bool) -> dict:
    batch = line.batch
    balance = balances_by_line.get(line.id) if balances_by_line is not None else None
    beginning, ending = (balance.beginning, balance.ending) if balance else (None, None)
    return {
        "lineNumber": line.line_number,
        "module": batch.module,
        "batchNumber": batch.batch_number,
        "tranDate": format_date(batch.transaction_date),
        "period": batch.period_id,
        "description": line.description or batch.description,
        "refNumber": line.reference_number or batch.source_number,
        "branch": None,
        "account": account_dto(line.account, with_codes=with_codes),
        "ledger": LEDGER,
        "subaccount": line.subaccount.subaccount_cd if line.subaccount else None,
        "begBalance": beginning,
        "debitAmount": line.debit,
        "creditAmount": line.credit,
        "endingBalance": ending,
        "currency": batch.currency_id,
        "currBegBalance": beginning,
        "currDebitAmount": line.debit,
        "currCreditAmount": line.credit,
        "currEndingBalance": ending,
        "lastModifiedDateTime": format_datetime(batch.last_modified_at),
    }


# --- general ledger balances, v2 ------------------------------------------------------------------------------


async def balance_v2_filters(
    periodId: str | None = Query(
        None, description="The period, YYYYPP (the document's 'yyyyMM'). Mandatory without lastModifiedDateTime."
    ),
    account: str | None = Query(None, description="An account number."),
    subaccount: str | None = Query(None, description="A subaccount number (10-100)."),
    ledger: str | None = Query(None, description=f"The ledger: {journal_service.LEDGER_ID}, the actual ledger."),
    branch: str | None = Query(None, description="Branches are not served: no balance matches one."),
    balanceType: BalanceType | None = Query(None, description="Only Actual balances are kept."),
    lastModifiedDateTime: str | None = Query(
        None,
        description=value_description(
            "lastModifiedDateTime", "Balances changed at or after it. Mandatory without periodId."
        ),
    ),
    excludeYTDAccount: bool | None = Query(
        None, description="nettfin closes no years, so no year-to-date profit account exists: no effect."
    ),
) -> balances.BalanceFilters:
    ledger_parameter(ledger)
    if _text(periodId) is None and _text(lastModifiedDateTime) is None:
        raise BusinessError("Either 'periodId' or 'lastModifiedDateTime' must be given.")
    return balances.balance_filters(
        periodId,
        None,
        account=_text(account),
        subaccount=_text(subaccount),
        branch=_text(branch),
        balance_type=balanceType,
        modified=date_condition("lastModifiedDateTime", _text(lastModifiedDateTime), ">=")
        if _text(lastModifiedDateTime)
        else None,
    )


@balance_v2_router.get(
    "",
    response_model=list[GeneralLedgerBalanceV2Dto],
    summary="Get a range of General Ledger Balances.",
    description=(
        "One element per account, subaccount and period with postings, by account number, from the posted "
        "batches. Paged, with `metadata`. Balances carry the account's normal sign (credit-positive for "
        "liability and income); `toggleBalanceSigns=true` shows those two as debit minus credit too, so the "
        "year-to-date balances of a period sum to zero."
    ),
)
def list_gl_balances_v2(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: balances.BalanceFilters = Depends(balance_v2_filters),
    page: Page = Depends(paging(DOCUMENT_MAX_PAGE_SIZE)),
    toggleBalanceSigns: bool = Query(False, description="True: liability and income balances as debit minus credit."),
) -> Response:
    found = balances.list_balances(request.app.state.db, company_id=context.company_id, filters=filters, page=page)
    rows = [_balance_dto(row, found.currency, toggle=toggleBalanceSigns) for row in found.rows]
    return json_response(with_metadata(rows, found.result))


def _balance_dto(row: balances.BalanceRow, currency: str, *, toggle: bool) -> dict:
    """The v1 element with the subaccount as v2 has it; toggled signs when asked for."""
    shown = gl_balance_dto(row, currency)
    subaccount = row.subaccount
    if subaccount is not None:
        shown["subaccount"] = {"subaccountNumber": subaccount.subaccount_cd, "subaccountId": subaccount.id}
        shown["subaccountId"] = str(subaccount.id)
        shown["subAccountCd"] = subaccount.subaccount_cd
    if toggle:
        # The normal sign applied again gives debit minus credit back.
        for member in (
            "beginningBalance",
            "yearToDateBalance",
            "beginningBalanceInCurrency",
            "yearToDateBalanceInCurrency",
        ):
            shown[member] = balances.signed(row.history.account, shown[member])
    return shown
