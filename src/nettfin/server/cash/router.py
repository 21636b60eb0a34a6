"""Cash transaction endpoints (CA304000): HTTP only: the declaration (`kit.document_routes`), the reverse action
(its own answer) and the renderer."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.deprecated import DEPRECATED
from ..kit.document_lists import ListWindow
from ..kit.document_routes import DocumentKey, DocumentResource, DocumentTexts, document_router
from ..kit.keys import ResourceKey
from ..kit.render import format_datetime, json_response, time_stamp
from ..kit.responses import IfMatch, etag_header
from ..ledger.references import subaccount_ref
from . import attachable as _attachable  # noqa: F401  (registers the upload path)
from . import release, transactions
from .models import CashTransaction, CashTransactionLine
from .schemas import (
    CashTransactionDto,
    CashTransactionUpdateDto,
    ReverseCashTransactionActionDto,
    ReverseCashTransactionActionResultDto,
)
from .transactions import Rendering, the_entry_type

PATH = "/v1/cashTransaction"
_MODIFIED = "lastModifiedDateTime"


async def cash_filters(
    numberToRead: int | None = Query(None, le=INT32_MAX, deprecated=True, description=DEPRECATED),
    skipRecords: int | None = Query(None, le=INT32_MAX, deprecated=True, description=DEPRECATED),
    lastModifiedDateTime: str | None = Query(None, description=value_description(_MODIFIED)),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description(_MODIFIED)),
) -> transactions.CashFilters:
    modified = date_condition(_MODIFIED, lastModifiedDateTime, lastModifiedDateTimeCondition)
    return transactions.CashFilters(window=ListWindow(modified=modified))


class CashTransactions:
    """The use cases of cash transactions, for the declaration below."""

    def list(self, db, *, company_id, context, filters, page, view):
        result, found = transactions.list_transactions(db, company_id=company_id, filters=filters, page=page)
        # Paged, but the real CashTransactionDto has no `metadata`: the page's elements are sent without it.
        return [cash_transaction_dto(t, found) for t in result.rows], None

    def get(self, db, *, company_id, context, key: DocumentKey, view):
        found, reading = transactions.get_transaction(db, company_id=company_id, number=key.number)
        return cash_transaction_dto(found, reading), found.row_version

    def create(self, db, *, company_id, context, dto):
        return transactions.create_transaction(db, company_id=company_id, dto=dto)

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        return transactions.update_transaction(db, company_id=company_id, number=key.number, dto=dto, if_match=if_match)

    def release(self, db, *, company_id, context, key: DocumentKey, if_match):
        return release.release_transaction(db, company_id=company_id, number=key.number, if_match=if_match)

    def number(self, document: CashTransaction) -> str:
        return document.reference_number


CASH_TRANSACTIONS = DocumentResource(
    path=PATH,
    tag="CashTransaction",
    key_param="referenceNbr",
    key_description="Identifies the Cash Transaction",
    documents=CashTransactions(),
    read_dto=CashTransactionDto,
    write_dto=CashTransactionUpdateDto,
    texts=DocumentTexts(
        list="Get a range of Cash Transactions - ScreenId=CA304000",
        get="Get a specific Cash Transaction",
        create="Create a Cash Transaction",
        update="Update a specific Cash Transaction",
        release="Release cash transaction operation",
        list_notes="Paged by reference number; the elements carry no `metadata`, as the real DTO has none.",
        update_notes="Unreleased transactions only; details by `operation` and `lineNumber`.",
        release_notes=(
            "Posts the transaction (module CA): a receipt debits the cash account and credits the offset "
            "accounts, a disbursement the other way round. It must not be on hold, its control total must be "
            "its amount and its period open in cash management."
        ),
    ),
    filters=cash_filters,
    max_page_size=transactions.MAX_PAGE_SIZE,
    operations=frozenset({"list", "get", "create", "update", "release"}),
)

reverse_router = APIRouter(prefix=PATH, tags=["CashTransaction"])


@reverse_router.post(
    "/{referenceNbr}/action/reverse",
    response_model=ReverseCashTransactionActionResultDto,
    summary="Reverse cash transaction operation",
    description=(
        "Creates an unreleased (Balanced) reversing cash transaction: the same header and details with negative "
        "amounts. `referenceNbr` of the result is its number; with `returnCashTransaction: true` the result holds "
        "it too."
    ),
)
def reverse_cash_transaction(
    request: Request,
    referenceNbr: ResourceKey,
    action: ReverseCashTransactionActionDto | None = None,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    db = request.app.state.db
    made = release.reverse_transaction(db, company_id=context.company_id, number=referenceNbr, if_match=if_match)
    result = {"referenceNbr": made.reference_number, "actionId": str(uuid.uuid4()), "actionResult": "Done"}
    if action is not None and action.returnCashTransaction:
        found, reading = transactions.get_transaction(db, company_id=context.company_id, number=made.reference_number)
        result["cashTransaction"] = cash_transaction_dto(found, reading)
    return json_response(result, headers=etag_header(made.row_version))


(cash_transaction_router,) = document_router(CASH_TRANSACTIONS, company_context, reverse_router)


def cash_transaction_dto(t: CashTransaction, reading: Rendering) -> dict:
    entry = the_entry_type(t)
    account = t.cash_account
    period = t.period_id
    return {
        "tranType": "Adjustment",
        "referenceNbr": t.reference_number,
        "status": t.status,
        "hold": t.hold,
        "tranDate": format_datetime(t.tran_date),
        "finPeriod": period,
        "financialPeriod": period,
        "cashAccount": {"type": account.type, "number": account.account_cd, "description": account.description},
        "currency": account.currency or reading.currency,
        "entryType": {"id": entry.id, "description": entry.description},
        "disbReceipt": entry.direction.value,
        "documentRef": t.document_ref,
        "owner": None,
        "description": t.description,
        "amount": t.amount,
        "vatTaxableTotal": transactions.ZERO,
        "vatExemptTotal": transactions.ZERO,
        "taxTotal": transactions.ZERO,
        "controlTotal": t.amount if t.control_total is None else t.control_total,
        "taxAmount": transactions.ZERO,
        "lastModifiedDateTime": format_datetime(t.last_modified_at),
        "transactionDetails": [_detail(line, reading) for line in t.lines],
        "taxDetails": [],
        "financialsDetail": {"batchNumber": t.batch_number, "cleared": False, "taxCalcMode": "TaxSetting"},
        "timeStamp": time_stamp(t.row_version),
    }


def _detail(line: CashTransactionLine, reading: Rendering) -> dict:
    account = line.offset_account
    branch = line.branch_cd
    subaccount = reading.subaccounts.get(line.offset_subaccount) if line.offset_subaccount else None
    return {
        "lineNumber": line.line_number,
        "branch": {"number": branch, "name": reading.branches.get(branch)} if branch else None,
        "item": None,
        "description": line.description,
        "quantity": line.quantity,
        "uom": line.uom,
        "price": line.price,
        "amount": line.amount,
        "offsetCashAccount": None,
        "offsetAccount": (
            {"type": account.type, "number": account.account_cd, "description": account.description}
            if account
            else None
        ),
        "offsetSubAccount": (
            subaccount_ref(subaccount, reading.names)
            if subaccount is not None
            else ({"subaccountNumber": line.offset_subaccount} if line.offset_subaccount else None)
        ),
        "taxCategory": None,
        "nonBillable": False,
        "project": None,
        "projectTask": None,
    }
