"""Journal transaction (GL301000) and general ledger balance endpoints: HTTP only.

Journal transactions are served at `/v1/journaltransaction` (the legacy swagger's paths) here, and at
`/v2/journaltransaction` (the current document's) by `journal_v2_router`; both page over journal LINES:
`totalCount` counts lines and one batch may be split across pages, as the reference says of this endpoint.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..attachments.models import attachment_refs
from ..identity.auth import CompanyContext, company_context
from ..kit.actions import ActionResultDto, action_result
from ..kit.checks import INT32_MAX
from ..kit.conditions import CONDITION_VALUES, DATE_FORMATS, condition_description, date_condition, value_description
from ..kit.deprecated import DEPRECATED
from ..kit.document_lists import ListWindow
from ..kit.errors import BusinessError
from ..kit.keys import ResourceKey
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Page, paging, with_metadata
from ..kit.render import format_date, format_datetime, json_response, time_stamp
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from . import balances, journal_service
from .journal import JournalBatch, JournalLine, Module
from .journal_schemas import (
    BalanceType,
    GeneralLedgerBalanceDto,
    JournalStatusFilter,
    JournalTransactionDto,
    JournalTransactionUpdateDto,
)
from .period_ids import as_month_year
from .references import account_ref, subaccount_ref

journal_router_v1 = APIRouter(prefix="/v1/journaltransaction", tags=["JournalTransaction"])
balance_router = APIRouter(prefix="/v1/generalLedgerBalance", tags=["GeneralLedgerBalance"])

_LIST_DESCRIPTION = (
    "Paged over journal lines: `pageSize` counts lines, `metadata.totalCount` is the number of lines matching, "
    "and a batch whose lines straddle two pages appears on both with the lines of each page. "
    "`lastModifiedDateTime` without its condition means 'modified since' (>=)."
)
_MODULES = ", ".join(m.value for m in Module)


def parse_module(value: str | None) -> Module | None:
    if value is None or not value.strip():
        return None
    text = value.strip().upper().removeprefix("MODULE")
    try:
        return Module(text)
    except ValueError:
        raise BusinessError(
            f"The value '{value}' of parameter 'module' is not a module. Accepted values: {_MODULES}."
        ) from None


def journal_filters(
    periodId: str | None = Query(
        None,
        description="Financial period, YYYYPP.",
    ),
    module: str | None = Query(None, description=f"One of {_MODULES} (or ModuleGL, ...)."),
    status: JournalStatusFilter | None = Query(None, description="Unreleased means Hold or Balanced."),
    branch: str | None = Query(None, description="Branches are not served: no batch matches a branch."),
    greaterThanValue: str | None = Query(None, description="Batch numbers after this value."),
    lastModifiedDateTime: str | None = Query(
        None,
        description=f"{DATE_FORMATS}. Compared by `lastModifiedDateTimeCondition`, >= when that is left out.",
    ),
    lastModifiedDateTimeCondition: str | None = Query(
        None,
        description=f"How `lastModifiedDateTime` compares: {CONDITION_VALUES}; >= when left out. Requires "
        "`lastModifiedDateTime` (400 otherwise).",
    ),
) -> journal_service.JournalFilters:
    condition = lastModifiedDateTimeCondition
    if lastModifiedDateTime is not None and condition is None:
        condition = ">="
    return journal_service.JournalFilters(
        period_id=periodId,
        module=parse_module(module),
        status=status,
        branch=branch,
        window=ListWindow(
            greater_than=greaterThanValue,
            modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, condition),
        ),
    )


@journal_router_v1.get(
    "",
    response_model=list[JournalTransactionDto],
    summary="Get a range of Journal Transactions - ScreenId=GL301000",
    description=_LIST_DESCRIPTION,
)
def list_journal_transactions(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: journal_service.JournalFilters = Depends(journal_filters),
    page: Page = Depends(paging(DOCUMENT_MAX_PAGE_SIZE)),
    expandAttachments: bool = Query(False, description="If true, includes all attachments for batch."),
) -> Response:
    found = journal_service.list_batches(
        request.app.state.db, company_id=context.company_id, filters=filters, page=page
    )
    rendered = [
        journal_dto(batch, lines, found.rendering, with_attachments=expandAttachments) for batch, lines in found.batches
    ]
    return json_response(with_metadata(rendered, found.result))


@journal_router_v1.get(
    "/{journalTransactionNumber}",
    response_model=JournalTransactionDto,
    summary="Get a specific Journal Transaction",
)
def get_journal_transaction(
    request: Request, journalTransactionNumber: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    batch, rendering = journal_service.get_batch(
        request.app.state.db, company_id=context.company_id, number=journalTransactionNumber
    )
    return json_response(journal_dto(batch, batch.lines, rendering), headers=etag_header(batch.row_version))


@journal_router_v1.post(
    "",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Create a Journal Transaction",
    description="A manual general ledger batch; it must balance. 201 with the batch number in Location.",
)
def create_journal_transaction(
    request: Request,
    journalTransaction: JournalTransactionUpdateDto,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved, ignored = journal_service.create_batch(
        request.app.state.db, company_id=context.company_id, dto=journalTransaction
    )
    return created(request, saved.batch_number, row_version=saved.row_version, dto=journalTransaction, ignored=ignored)


@journal_router_v1.put(
    "/{journalTransactionNumber}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a Journal Transaction",
    description="Unreleased manual batches only; lines by `operation` and `lineNumber`.",
)
def update_journal_transaction(
    request: Request,
    journalTransactionNumber: ResourceKey,
    journalTransaction: JournalTransactionUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved, ignored = journal_service.update_batch(
        request.app.state.db,
        company_id=context.company_id,
        number=journalTransactionNumber,
        dto=journalTransaction,
        if_match=if_match,
    )
    return updated(row_version=saved.row_version, dto=journalTransaction, ignored=ignored)


@journal_router_v1.post(
    "/{journalTransactionNumber}/action/release",
    response_model=ActionResultDto,
    summary="Release journal transaction operation",
    description="Posts the batch: it must be balanced, not on hold, and its period open in the general ledger.",
)
def release_journal_transaction(
    request: Request,
    journalTransactionNumber: ResourceKey,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    batch = journal_service.release(
        request.app.state.db, company_id=context.company_id, number=journalTransactionNumber, if_match=if_match
    )
    return action_result(batch.row_version)


def journal_dto(
    batch: JournalBatch,
    lines: list[JournalLine],
    rendering: journal_service.Rendering,
    *,
    with_attachments: bool = True,
    line_dto: Callable[..., dict] | None = None,
) -> dict:
    """The batch as both versions render it; `line_dto` renders a line (v1's unless the v2 router gives its own)."""
    line_dto = line_dto or _line_dto
    shown = with_attachments
    module = Module(batch.module)
    return {
        "module": module.wire,
        "batchNumber": batch.batch_number,
        "status": batch.status,
        "hold": batch.hold,
        "transactionDate": format_date(batch.transaction_date),
        "postPeriod": as_month_year(batch.period_id),
        "financialPeriod": batch.period_id,
        "ledger": journal_service.LEDGER_ID,
        "ledgerDescription": journal_service.LEDGER_DESCRIPTION,
        "currencyId": batch.currency_id,
        "exchangeRate": 1.0,
        "autoReversing": False,
        "reversingEntry": batch.original_batch_number is not None,
        "description": batch.description,
        "originalBatchNumber": batch.original_batch_number,
        "debitTotal": batch.debit_total,
        "debitTotalInCurrency": batch.debit_total,
        "creditTotal": batch.credit_total,
        "creditTotalInCurrency": batch.credit_total,
        "controlTotal": batch.control_total,
        "controlTotalInCurrency": batch.control_total,
        "createVatTransaction": False,
        "skipVatAmountValidation": False,
        "lastModifiedDateTime": format_datetime(batch.last_modified_at),
        "transactionCode": None,
        "transactionCodeDescription": None,
        "branch": None,
        "timeStamp": time_stamp(batch.row_version),
        "journalTransactionLines": [
            line_dto(line, module, rendering, attachment_refs(batch.attachments, line.line_number, shown=shown))
            for line in lines
        ],
        "attachments": attachment_refs(batch.attachments, shown=shown),
        "errorInfo": None,
    }


def _line_dto(
    line: JournalLine, module: Module, rendering: journal_service.Rendering, attachments: list | None
) -> dict:
    return {
        "lineNumber": line.line_number,
        "accountNumber": line.account.account_cd,
        "description": line.description,
        "subaccount": subaccount_ref(line.subaccount, rendering.names),
        "referenceNumber": line.reference_number,
        "debitAmount": line.debit,
        "debitAmountInCurrency": line.debit,
        "creditAmount": line.credit,
        "creditAmountInCurrency": line.credit,
        "transactionDescription": line.description,
        "vatCode": _code(line.vat_category, rendering.categories),
        "vat": _code(line.vat_id, rendering.vats),
        "branch": None,
        "customerSupplier": line.party,
        "transactionType": None,
        "module": module.wire,
        "uom": line.uom,
        "project": None,
        "projectTask": None,
        "attachments": attachments,
        "quantity": line.quantity,
        "inventoryNumber": line.inventory_number,
        "note": line.note,
    }


def _code(code: str | None, descriptions: dict[str, str]) -> dict | None:
    return None if code is None else {"id": code, "description": descriptions.get(code)}


# --- general ledger balances --------------------------------------------------------------------------------


def gl_balance_filters(
    greaterThanValue: str | None = Query(None, description="Account numbers after this value."),
    periodId: str | None = Query(
        None, description="A financial period, YYYYPP; compared by `periodIdCondition`, equal when that is left out."
    ),
    periodIdCondition: str | None = Query(
        None,
        description=f"How `periodId` compares: {CONDITION_VALUES}; the period itself when left out. Applies "
        "only with `periodId`.",
    ),
    accountId: str | None = Query(None, description="An account number."),
    yearClosed: int | None = Query(
        None, le=INT32_MAX, description="1: balances of closed years only (none: years never close)."
    ),
    balanceType: BalanceType | None = Query(None, description="Only Actual balances are kept."),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
) -> balances.BalanceFilters:
    return balances.balance_filters(
        periodId,
        periodIdCondition,
        greater_than=greaterThanValue,
        account=accountId,
        year_closed=yearClosed,
        balance_type=balanceType,
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
    )


@balance_router.get(
    "",
    response_model=list[GeneralLedgerBalanceDto],
    summary="Get a range of General Ledger Balances",
    description=(
        "One element per account, subaccount and period with postings, by account number. Paged, with "
        "`metadata`. Balances carry the account's normal sign (credit-positive for liability and income)."
    ),
)
def list_gl_balances(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: balances.BalanceFilters = Depends(gl_balance_filters),
    page: Page = Depends(paging(DOCUMENT_MAX_PAGE_SIZE)),
    orderBy: str | None = Query(None, deprecated=True, description=DEPRECATED),
) -> Response:
    found = balances.list_balances(request.app.state.db, company_id=context.company_id, filters=filters, page=page)
    return json_response(with_metadata([gl_balance_dto(row, found.currency) for row in found.rows], found.result))


def gl_balance_dto(row: balances.BalanceRow, currency: str) -> dict:
    history = row.history
    debit, credit = history.debit, history.credit
    account = account_ref(history.account, with_codes=True)
    del account["active"]  # AccountNumberDto has no `active`
    return {
        "branch": None,
        "ledger": {"id": journal_service.LEDGER_ID, "description": journal_service.LEDGER_DESCRIPTION},
        "balanceType": BalanceType.Actual.value,
        "financialPeriod": history.period_id,
        "account": account,
        "subaccountId": row.subaccount.id if row.subaccount else None,
        "currencyId": currency,
        "periodToDateDebit": debit,
        "periodToDateCredit": credit,
        "beginningBalance": row.beginning,
        "yearToDateBalance": row.year_to_date,
        "periodToDateDebitInCurrency": debit,
        "periodToDateCreditInCurrency": credit,
        "beginningBalanceInCurrency": row.beginning,
        "yearToDateBalanceInCurrency": row.year_to_date,
        "yearClosed": False,
        "lastModifiedDateTime": format_datetime(history.last_modified_at),
    }
