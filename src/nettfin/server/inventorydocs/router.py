"""Inventory receipt, issue, adjustment and transfer endpoints (IN301000-IN304000): four `kit.document_routes`
declarations over one set of use cases, each for its document type."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Query

from ..identity.auth import company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.deprecated import DEPRECATED
from ..kit.document_lists import ListWindow
from ..kit.document_routes import Action, DocumentKey, DocumentResource, DocumentTexts, document_router
from . import documents, release
from .documents import ADJUSTMENT, ISSUE_KIND, RECEIPT, TRANSFER, DocumentFilters, Kind
from .models import InventoryDocument
from .render import document_dto
from .schemas import (
    DocumentStatus,
    InventoryAdjustmentDto,
    InventoryAdjustmentUpdateDto,
    InventoryIssueDto,
    InventoryIssueUpdateDto,
    InventoryReceiptDto,
    InventoryReceiptUpdateDto,
    InventoryTransferDto,
    InventoryTransferUpdateDto,
)

_MODIFIED = "lastModifiedDateTime"
_DATE = "date"
_DATE_TEXT = "The date when the inventory document was created."


def _filters(kind: Kind, *, warehouses: bool) -> Callable[..., DocumentFilters]:
    async def document_filters(
        status: DocumentStatus | None = Query(None),
        date: str | None = Query(None, description=value_description(_DATE)),
        dateCondition: str | None = Query(None, description=condition_description(_DATE)),
        greaterThanValue: str | None = Query(None, description="Reference numbers after this value."),
        numberToRead: int | None = Query(None, ge=0, le=INT32_MAX, deprecated=True, description=DEPRECATED),
        skipRecords: int | None = Query(None, ge=0, le=INT32_MAX, deprecated=True, description=DEPRECATED),
        orderBy: str | None = Query(None, deprecated=True, description="Has no effect on the result."),
        lastModifiedDateTime: str | None = Query(None, description=value_description(_MODIFIED)),
        lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description(_MODIFIED)),
    ) -> DocumentFilters:
        window = ListWindow(
            greater_than=greaterThanValue,
            modified=date_condition(_MODIFIED, lastModifiedDateTime, lastModifiedDateTimeCondition),
        )
        return DocumentFilters(
            kind=kind.type.value,
            status=status.value if status else None,
            date=date_condition(_DATE, date, dateCondition),
            window=window,
        )

    if not warehouses:
        return document_filters

    async def transfer_filters(
        warehouse: str | None = Query(None, description="The warehouse the stock is transferred from."),
        toWarehouse: str | None = Query(None, description="The warehouse the stock is transferred to."),
        status: DocumentStatus | None = Query(None),
        date: str | None = Query(None, description=value_description(_DATE)),
        dateCondition: str | None = Query(None, description=condition_description(_DATE)),
        greaterThanValue: str | None = Query(None, description="Reference numbers after this value."),
        numberToRead: int | None = Query(None, ge=0, le=INT32_MAX, deprecated=True, description=DEPRECATED),
        skipRecords: int | None = Query(None, ge=0, le=INT32_MAX, deprecated=True, description=DEPRECATED),
        orderBy: str | None = Query(None, deprecated=True, description="Has no effect on the result."),
        lastModifiedDateTime: str | None = Query(None, description=value_description(_MODIFIED)),
        lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description(_MODIFIED)),
    ) -> DocumentFilters:
        found = await document_filters(
            status,
            date,
            dateCondition,
            greaterThanValue,
            numberToRead,
            skipRecords,
            orderBy,
            lastModifiedDateTime,
            lastModifiedDateTimeCondition,
        )
        return DocumentFilters(
            kind=found.kind,
            status=found.status,
            date=found.date,
            window=found.window,
            warehouse=warehouse,
            to_warehouse=toWarehouse,
        )

    return transfer_filters


class InventoryDocuments:
    """The use cases of one inventory document type, for its declaration."""

    def __init__(self, kind: Kind) -> None:
        self.kind = kind

    def list(self, db, *, company_id, context, filters, page, view):
        result, reading = documents.list_documents(db, self.kind, company_id=company_id, filters=filters, page=page)
        return [document_dto(self.kind, d, reading) for d in result.rows], result

    def get(self, db, *, company_id, context, key: DocumentKey, view):
        found, reading = documents.get_document(db, self.kind, company_id=company_id, number=key.number)
        return document_dto(self.kind, found, reading), found.row_version

    def create(self, db, *, company_id, context, dto):
        return documents.create_document(db, self.kind, company_id=company_id, changes=dto.changes())

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        return documents.update_document(
            db, self.kind, company_id=company_id, number=key.number, changes=dto.changes(), if_match=if_match
        )

    def release(self, db, *, company_id, context, key: DocumentKey, if_match):
        return release.release_document(db, self.kind, company_id=company_id, number=key.number, if_match=if_match)

    def number(self, document: InventoryDocument) -> str:
        return document.reference_number


_RELEASE_NOTES = {
    RECEIPT: "Receives the lines at their unit cost: inventory debited, the item's inventory adjustment account "
    "credited (module IN).",
    ISSUE_KIND: "Issues the lines at the cost of their layers (a Return line receives): the item's COGS account "
    "debited, inventory credited (module IN).",
    ADJUSTMENT: "Receives the lines above 0 and issues those below, against the item's inventory adjustment "
    "account (module IN).",
    TRANSFER: "Moves the stock from warehouse and location to warehouse and location at its value; the inventory "
    "account is the item's in every warehouse, so nothing is posted.",
}


def _declaration(
    kind: Kind, path: str, key: str, release_key: str, read_dto, write_dto, screen: str, *, warehouses: bool = False
) -> DocumentResource:
    noun = kind.entity.removeprefix("inventory ")
    use_cases = InventoryDocuments(kind)
    release_action = Action(
        "release",
        "Release inventory operation",
        use_cases.release,
        description=(
            f"{_RELEASE_NOTES[kind]} Not on hold, the control figures the totals, the period open in inventory "
            "management, the stock on hand; refused with nothing written otherwise."
        ),
        key_param=release_key,
        endpoint=f"release_inventory_{noun}",
    )
    return DocumentResource(
        path=path,
        tag=kind.record,
        key_param=key,
        key_description=f"Identifies the Inventory {noun.capitalize()} document",
        documents=use_cases,
        read_dto=read_dto,
        write_dto=write_dto,
        texts=DocumentTexts(
            list=f"Get a range of Inventory {noun}s - ScreenId={screen}",
            get=f"Get a specific Inventory {noun.capitalize()} document",
            create=f"Create an inventory {noun}",
            update=f"Update a specific inventory {noun}",
            update_notes="Unreleased documents only; lines by `operation` and `lineNumber`.",
        ),
        filters=_filters(kind, warehouses=warehouses),
        max_page_size=documents.MAX_PAGE_SIZE,
        operations=frozenset({"list", "get", "create", "update"}),
        actions=(release_action,),
    )


RECEIPTS = _declaration(
    RECEIPT,
    "/v1/inventoryReceipt",
    "inventoryReceiptNumber",
    "invoiceNumber",
    InventoryReceiptDto,
    InventoryReceiptUpdateDto,
    "IN301000",
)
ISSUES = _declaration(
    ISSUE_KIND,
    "/v1/inventoryissue",
    "inventoryIssueNumber",
    "invoiceNumber",
    InventoryIssueDto,
    InventoryIssueUpdateDto,
    "IN302000",
)
ADJUSTMENTS = _declaration(
    ADJUSTMENT,
    "/v1/inventoryadjustment",
    "inventoryAdjustmentNumber",
    "adjRefNumber",
    InventoryAdjustmentDto,
    InventoryAdjustmentUpdateDto,
    "IN303000",
)
TRANSFERS = _declaration(
    TRANSFER,
    "/v1/inventoryTransfer",
    "inventoryTransferNumber",
    "transferNumber",
    InventoryTransferDto,
    InventoryTransferUpdateDto,
    "IN304000",
    warehouses=True,
)

(inventory_receipt_router,) = document_router(RECEIPTS, company_context)
(inventory_issue_router,) = document_router(ISSUES, company_context)
(inventory_adjustment_router,) = document_router(ADJUSTMENTS, company_context)
(inventory_transfer_router,) = document_router(TRANSFERS, company_context)
