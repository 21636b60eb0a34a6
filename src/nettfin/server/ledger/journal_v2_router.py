"""Journal transactions on the current surface's `/v2/journaltransaction` (GL301000): HTTP only.

The operations and DTOs of the OpenAPI document visma-journaltransactionv2, over the same books as
`/v1/journaltransaction`: lists, reads, writes and releases go through `journal_service` and the posting
engine, so a batch created here posts exactly what the same body posts at /v1. What differs is the wire:
the list takes the document's query parameters only (`periodId` or `lastModifiedDateTime` is mandatory,
`lastModifiedDateTime` means "modified since"), and the read DTO is the document's (`journal_v2_schemas`).

Like the v1 list, the list pages over journal LINES: `totalCount` counts lines and a batch whose lines straddle
two pages appears on both with the lines of each page. The routes come from the declaration below
(`kit.document_routes`), over the use cases v1 declares. The two attachment uploads of the document are declared
in `attachable.py` and served by the attachment routes (multipart, outside the JSON-only controller).
"""

from __future__ import annotations

from dataclasses import replace

from fastapi import Query

from ..identity.auth import company_context
from ..kit.conditions import DATE_FORMATS, date_condition
from ..kit.document_lists import ListWindow
from ..kit.document_routes import document_router
from ..kit.errors import BusinessError
from . import journal_service
from .attachable import JOURNAL_TRANSACTIONS  # noqa: F401 - registered: the batches' upload paths
from .journal import JournalBatch, JournalLine, Module
from .journal_router import (
    RELEASE_NOTES,
    TEXTS,
    JournalTransactions,
    journal_dto,
    journal_line_dto,
    journal_transactions,
    parse_module,
)
from .journal_schemas import JournalStatusFilter
from .journal_v2_schemas import JournalTransactionUpdateDto, JournalTransactionV2Dto
from .references import NON_PROJECT, project_ref

_MANDATORY = "'periodId' is mandatory when 'lastModifiedDateTime' is not given (and vice versa)."
_MODULES = ", ".join(m.value for m in Module)


async def journal_v2_filters(
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
    dto = journal_line_dto(line, module, rendering, attachments)
    return dto if dto["project"] is not None else {**dto, "project": dict(_NON_PROJECT)}


JOURNAL_TRANSACTIONS_V2 = journal_transactions(
    "/v2/journaltransaction",
    "JournalTransactionV2",
    JournalTransactions(journal_v2_dto),
    (JournalTransactionV2Dto, JournalTransactionUpdateDto),
    journal_v2_filters,
    replace(
        TEXTS,
        list="Get a range of Journal Transactions - ScreenId=GL301000.",
        list_notes=(
            "Paged over journal lines: `pageSize` counts lines, `metadata.totalCount` is the number of lines "
            "matching, and a batch whose lines straddle two pages appears on both with the lines of each page. "
            "`periodId` or `lastModifiedDateTime` is mandatory."
        ),
        get_notes="The response headers include an ETag.",
        create_notes=(
            "A manual general ledger batch; it must balance. 201 with the batch number in Location, and an ETag."
        ),
        update_notes=(
            "Unreleased manual batches only; lines by `operation` and `lineNumber`. A stale If-Match gets 412."
        ),
        release_notes=f"{RELEASE_NOTES} The action result (`actionResult: Done`) and the new ETag; a stale If-Match "
        "gets 412.",
    ),
    operations=frozenset({"list", "get", "create", "update", "release"}),
)
(journal_v2_router,) = document_router(JOURNAL_TRANSACTIONS_V2, company_context)
