"""Journal transactions on the current surface's `/v2/journaltransaction` (GL301000): HTTP only.

The operations and DTOs of the OpenAPI document visma-journaltransactionv2, over the same books as
`/v1/journaltransaction`: lists, reads, writes and releases go through `journal_service` and the posting
engine, so a batch created here posts exactly what the same body posts at /v1. What differs is the wire:
the list takes the document's query parameters only (`periodId` or `lastModifiedDateTime` is mandatory,
`lastModifiedDateTime` means "modified since"), and the read DTO is the document's (`journal_v2_schemas`).

Like the v1 list, the list pages over journal LINES: `totalCount` counts lines and a batch whose lines straddle
two pages appears on both with the lines of each page. The two attachment uploads of the document are declared
in `attachable.py` and served by the attachment routes (multipart, outside the JSON-only controller).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.actions import ActionResultDto, action_result
from ..kit.conditions import DATE_FORMATS, date_condition
from ..kit.document_lists import ListWindow
from ..kit.errors import BusinessError
from ..kit.keys import ResourceKey
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Page, paging, with_metadata
from ..kit.render import json_response
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from . import journal_service
from .attachable import JOURNAL_TRANSACTIONS  # noqa: F401 - registered: the batches' upload paths
from .journal import JournalBatch, JournalLine, Module
from .journal_router import journal_dto, parse_module
from .journal_schemas import JournalStatusFilter
from .journal_v2_schemas import JournalTransactionUpdateDto, JournalTransactionV2Dto
from .references import NON_PROJECT, project_ref, subaccount_ref

journal_v2_router = APIRouter(prefix="/v2/journaltransaction", tags=["JournalTransactionV2"])

_MANDATORY = "'periodId' is mandatory when 'lastModifiedDateTime' is not given (and vice versa)."
_MODULES = ", ".join(m.value for m in Module)


def journal_v2_filters(
    periodId: str | None = Query(
        None, description="Financial period, YYYYPP. Mandatory if `lastModifiedDateTime` is not given (400)."
    ),
    lastModifiedDateTime: str | None = Query(
        None,
        description=f"Batches modified at or after this moment ({DATE_FORMATS}). Mandatory if `periodId` is "
        "not given (400).",
    ),
    module: str | None = Query(None, description=f"One of {_MODULES} (or ModuleGL, ...)."),
    status: JournalStatusFilter | None = Query(None, description="Unreleased means Hold or Balanced."),
    branch: str | None = Query(None, description="Branches are not served: no batch matches a branch."),
) -> journal_service.JournalFilters:
    if not (periodId or "").strip() and lastModifiedDateTime is None:
        raise BusinessError(_MANDATORY)
    return journal_service.JournalFilters(
        period_id=periodId,
        module=parse_module(module),
        status=status,
        branch=branch,
        # The document has no condition parameter: the date means "modified since", up to now.
        window=ListWindow(
            modified=date_condition(
                "lastModifiedDateTime", lastModifiedDateTime, ">=" if lastModifiedDateTime else None
            )
        ),
    )


@journal_v2_router.get(
    "",
    response_model=list[JournalTransactionV2Dto],
    summary="Get a range of Journal Transactions - ScreenId=GL301000.",
    description=(
        "Paged over journal lines: `pageSize` counts lines, `metadata.totalCount` is the number of lines matching, "
        "and a batch whose lines straddle two pages appears on both with the lines of each page. "
        "`periodId` or `lastModifiedDateTime` is mandatory."
    ),
)
def list_journal_transactions_v2(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: journal_service.JournalFilters = Depends(journal_v2_filters),
    page: Page = Depends(paging(DOCUMENT_MAX_PAGE_SIZE)),
    expandAttachments: bool = Query(False, description="If true, includes all attachments for batch."),
) -> Response:
    found = journal_service.list_batches(
        request.app.state.db, company_id=context.company_id, filters=filters, page=page
    )
    rendered = [
        journal_v2_dto(batch, lines, found.rendering, with_attachments=expandAttachments)
        for batch, lines in found.batches
    ]
    return json_response(with_metadata(rendered, found.result))


@journal_v2_router.get(
    "/{journalTransactionNumber}",
    response_model=JournalTransactionV2Dto,
    summary="Get a specific Journal Transaction",
    description="The response headers include an ETag.",
)
def get_journal_transaction_v2(
    request: Request, journalTransactionNumber: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    batch, rendering = journal_service.get_batch(
        request.app.state.db, company_id=context.company_id, number=journalTransactionNumber
    )
    return json_response(journal_v2_dto(batch, batch.lines, rendering), headers=etag_header(batch.row_version))


@journal_v2_router.post(
    "",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Create a Journal Transaction",
    description="A manual general ledger batch; it must balance. 201 with the batch number in Location, and an ETag.",
)
def create_journal_transaction_v2(
    request: Request,
    journalTransaction: JournalTransactionUpdateDto,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved, ignored = journal_service.create_batch(
        request.app.state.db, company_id=context.company_id, dto=journalTransaction
    )
    return created(request, saved.batch_number, row_version=saved.row_version, dto=journalTransaction, ignored=ignored)


@journal_v2_router.put(
    "/{journalTransactionNumber}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a Journal Transaction",
    description="Unreleased manual batches only; lines by `operation` and `lineNumber`. A stale If-Match gets 412.",
)
def update_journal_transaction_v2(
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


@journal_v2_router.post(
    "/{journalTransactionNumber}/action/release",
    response_model=ActionResultDto,
    summary="Release journal transaction operation",
    description=(
        "Posts the batch: it must be balanced, not on hold, and its period open in the general ledger. "
        "The action result (`actionResult: Done`) and the new ETag; a stale If-Match gets 412."
    ),
)
def release_journal_transaction_v2(
    request: Request,
    journalTransactionNumber: ResourceKey,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    batch = journal_service.release(
        request.app.state.db, company_id=context.company_id, number=journalTransactionNumber, if_match=if_match
    )
    return action_result(batch.row_version)


# --- the read DTO -------------------------------------------------------------------------------------------


def journal_v2_dto(
    batch: JournalBatch,
    lines: list[JournalLine],
    rendering: journal_service.Rendering,
    *,
    with_attachments: bool = True,
) -> dict:
    """The document's JournalTransactionDto: the batch as v1 renders it, with the v2 document's lines."""
    return journal_dto(batch, lines, rendering, with_attachments=with_attachments, line_dto=_line_v2_dto)


# Lines without a project carry the non-project code (as the real service's lines do); internalId is not sent.
_NON_PROJECT = {**project_ref(NON_PROJECT), "internalId": None}


def _line_v2_dto(
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
        "vatCode": _id_description(line.vat_category, rendering.categories),
        "vat": _id_description(line.vat_id, rendering.vats),
        "branch": None,
        "customerSupplier": line.party,
        "transactionType": None,
        "module": module.wire,
        "uom": line.uom,
        "project": dict(_NON_PROJECT),
        "projectTask": None,
        "attachments": attachments,
        "quantity": line.quantity,
        "inventoryNumber": line.inventory_number,
        "note": line.note,
    }


def _id_description(code: str | None, descriptions: dict[str, str]) -> dict | None:
    return None if code is None else {"id": code, "description": descriptions.get(code)}
