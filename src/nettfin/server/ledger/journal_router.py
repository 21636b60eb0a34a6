"""Journal transaction (GL301000) and general ledger balance endpoints: HTTP only.

Journal transactions are served at `/v1/journaltransaction` (the legacy swagger's paths) here, and at
`/v2/journaltransaction` (the current document's) by `journal_v2_router`; both page over journal LINES:
`totalCount` counts lines and one batch may be split across pages, as the reference says of this endpoint.
Both are document declarations (`kit.document_routes`) over `JournalTransactions`, the use cases of
`journal_service` with a version's renderer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..attachments.models import attachment_refs
from ..identity.auth import CompanyContext, company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import CONDITION_VALUES, DATE_FORMATS, condition_description, date_condition, value_description
from ..kit.deprecated import DEPRECATED
from ..kit.document_lists import ListWindow
from ..kit.document_routes import Action, DocumentKey, DocumentResource, DocumentTexts, Expand, document_router
from ..kit.errors import BusinessError
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Page, paging, with_metadata
from ..kit.render import format_date, format_datetime, json_response, time_stamp
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
from .references import account_ref, line_project_refs, subaccount_ref

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


async def journal_filters(
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


class JournalTransactions:
    """The use cases of journal transactions, for both versions' declarations: `render` writes a batch with the
    lines of the page (`journal_dto` or the v2 document's)."""

    def __init__(self, render: Callable[..., dict]) -> None:
        self.render = render

    def list(self, db, *, company_id, context, filters, page, view):
        found = journal_service.list_batches(db, company_id=company_id, filters=filters, page=page)
        shown = "expandAttachments" in view
        rows = [self.render(batch, lines, found.rendering, with_attachments=shown) for batch, lines in found.batches]
        return rows, found.result

    def get(self, db, *, company_id, context, key: DocumentKey, view):
        batch, rendering = journal_service.get_batch(db, company_id=company_id, number=key.number)
        return self.render(batch, batch.lines, rendering), batch.row_version

    def create(self, db, *, company_id, context, dto):
        return journal_service.create_batch(db, company_id=company_id, dto=dto)

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        return journal_service.update_batch(db, company_id=company_id, number=key.number, dto=dto, if_match=if_match)

    def release(self, db, *, company_id, context, key: DocumentKey, if_match):
        return journal_service.release(db, company_id=company_id, number=key.number, if_match=if_match)

    def number(self, batch: JournalBatch) -> str:
        return batch.batch_number


def journal_dto(
    batch: JournalBatch,
    lines: list[JournalLine],
    rendering: journal_service.Rendering,
    *,
    with_attachments: bool = True,
    line_dto: Callable[..., dict] | None = None,
) -> dict:
    """The batch as both versions render it; `line_dto` renders a line (v1's unless the v2 router gives its own)."""
    line_dto = line_dto or journal_line_dto
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


def journal_line_dto(
    line: JournalLine, module: Module, rendering: journal_service.Rendering, attachments: list | None
) -> dict:
    project, task = line_project_refs(line)
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
        "project": project,
        "projectTask": task,
        "attachments": attachments,
        "quantity": line.quantity,
        "inventoryNumber": line.inventory_number,
        "note": line.note,
    }


def _code(code: str | None, descriptions: dict[str, str]) -> dict | None:
    return None if code is None else {"id": code, "description": descriptions.get(code)}


# What both versions share: the key, the list's flag, the operations' summaries, the release's effect.
LIST_FLAGS = (Expand("expandAttachments", description="If true, includes all attachments for batch."),)
TEXTS = DocumentTexts(
    list="",
    get="Get a specific Journal Transaction",
    create="Create a Journal Transaction",
    update="Update a Journal Transaction",
    release="Release journal transaction operation",
)
RELEASE_NOTES = "Posts the batch: it must be balanced, not on hold, and its period open in the general ledger."


def journal_transactions(
    path: str, tag: str, documents: JournalTransactions, dtos: tuple, filters: Callable, texts: DocumentTexts, **more
) -> DocumentResource:
    """One version's journal transaction endpoint: its path and tag, its use cases (its renderer), its read and
    write DTOs, its list's filters and its texts; `more`: the rest of its declaration."""
    read_dto, write_dto = dtos
    return DocumentResource(
        path=path,
        tag=tag,
        key_param="journalTransactionNumber",
        key_description="",
        documents=documents,
        read_dto=read_dto,
        write_dto=write_dto,
        texts=texts,
        filters=filters,
        list_flags=LIST_FLAGS,
        **more,
    )


_V1 = JournalTransactions(journal_dto)
JOURNAL_TRANSACTIONS_V1 = journal_transactions(
    "/v1/journaltransaction",
    "JournalTransaction",
    _V1,
    (JournalTransactionDto, JournalTransactionUpdateDto),
    journal_filters,
    replace(
        TEXTS,
        list="Get a range of Journal Transactions - ScreenId=GL301000",
        list_notes=_LIST_DESCRIPTION,
        create_notes="A manual general ledger batch; it must balance. 201 with the batch number in Location.",
        update_notes="Unreleased manual batches only; lines by `operation` and `lineNumber`.",
    ),
    operations=frozenset({"list", "get", "create", "update"}),
    # The release is declared as an action for its route's name: the real documents have no v1 release, so its
    # operationId is FastAPI's, made of that name.
    actions=(
        Action(
            "release", TEXTS.release, _V1.release, description=RELEASE_NOTES, endpoint="release_journal_transaction"
        ),
    ),
)
(journal_router_v1,) = document_router(JOURNAL_TRANSACTIONS_V1, company_context)


# --- general ledger balances --------------------------------------------------------------------------------


async def gl_balance_filters(
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
