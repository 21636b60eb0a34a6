"""Purchase receipt endpoints (PO302000): HTTP only. `/v1/PurchaseReceipt` (its actions and printout),
`/v2/PurchaseReceipt` (list and get, the same DTO) and `/v1/PurchaseReceiptBasic` (the DTO without landed costs
and notes) are declarations over the same use cases (`receipts`, `receipt_release`)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import company_context
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.document_lists import ListWindow, list_window
from ..kit.document_routes import Action, DocumentKey, DocumentResource, DocumentTexts, Expand, document_router
from ..kit.document_variants import variant
from ..kit.keys import decode_key
from ..kit.pdf import PDF_RESPONSES, pdf_response
from . import receipt_release, receipts
from .receipt_render import receipt_dto, receipt_pdf
from .receipt_schemas import (
    PurchaseReceiptDto,
    PurchaseReceiptLineDto,
    PurchaseReceiptLineUpdateDto,
    PurchaseReceiptOrderLinesListUpdateDto,
    PurchaseReceiptOrderListUpdateDto,
    PurchaseReceiptStatus,
    PurchaseReceiptType,
    PurchaseReceiptUpdateDto,
)

_PATH = "/v1/PurchaseReceipt"
_TAG = "PurchaseReceipt"
_LIST_NOTES = (
    "Paged: every element carries `metadata: {totalCount, maxPageSize}`. Custom free fields are filled only with "
    "`includeCustomFreeFields=true`."
)


async def receipt_filters(
    receiptType: PurchaseReceiptType | None = Query(None),
    status: PurchaseReceiptStatus | None = Query(None),
    supplier: str | None = Query(None),
    poOrderNbr: str | None = Query(None),
    branch: str | None = Query(None),
    finPeriod: str | None = Query(None, description="Filter by financial period, format YYYYPP"),
    receiptDate: str | None = Query(None, description=value_description("receiptDate")),
    receiptDateCondition: str | None = Query(None, description=condition_description("receiptDate")),
    dueDate: str | None = Query(None, description=value_description("dueDate")),
    dueDateCondition: str | None = Query(None, description=condition_description("dueDate")),
    window: ListWindow = Depends(list_window("Receipt numbers", created=False)),
) -> receipts.ReceiptFilters:
    return receipts.ReceiptFilters(
        receipt_type=receiptType.value if receiptType else None,
        status=status.value if status else None,
        supplier=supplier,
        order_nbr=poOrderNbr,
        branch=branch,
        period=finPeriod,
        receipt_date=date_condition("receiptDate", receiptDate, receiptDateCondition),
        due_date=date_condition("dueDate", dueDate, dueDateCondition),
        window=window,
    )


class PurchaseReceipts:
    """The use cases of purchase receipts; `render` makes a variant's body from the receipt's."""

    def __init__(self, render=lambda body: body, base_changes=lambda changes: changes) -> None:
        self.render, self.base_changes = render, base_changes

    def list(self, db, *, company_id, context, filters, page, view):
        render = lambda r: self.render(receipt_dto(r, view))  # noqa: E731
        return receipts.list_receipts(db, company_id=company_id, filters=filters, page=page, render=render)

    def get(self, db, *, company_id, context, key: DocumentKey, view):
        render = lambda r: self.render(receipt_dto(r, view))  # noqa: E731
        return receipts.get_receipt(db, company_id=company_id, number=key.number, render=render)

    def create(self, db, *, company_id, context, dto):
        return receipts.create_receipt(db, company_id=company_id, changes=self.base_changes(dto.changes()))

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        changes = self.base_changes(dto.changes())
        return receipts.update_receipt(db, company_id=company_id, number=key.number, changes=changes, if_match=if_match)

    def release(self, db, *, company_id, context, key: DocumentKey, if_match):
        return receipt_release.release_receipt(db, company_id=company_id, number=key.number, if_match=if_match)

    def number(self, document) -> str:
        return document.receipt_nbr


def _add_orders(db, *, company_id, context, key: DocumentKey, if_match, body):
    orders = (
        [(x.orderNbr, x.orderType.value if x.orderType else None) for x in (body.purchaseOrders or [])] if body else []
    )
    return receipts.add_orders(db, company_id=company_id, number=key.number, orders=orders, if_match=if_match)


def _add_order_lines(db, *, company_id, context, key: DocumentKey, if_match, body):
    wanted = (
        [(x.orderNbr, [line.lineNbr for line in (x.lines or [])]) for x in (body.purchaseOrderLines or [])]
        if body
        else []
    )
    return receipts.add_order_lines(db, company_id=company_id, number=key.number, wanted=wanted, if_match=if_match)


def _cancel(db, *, company_id, context, key: DocumentKey, if_match):
    return receipts.cancel_receipt(db, company_id=company_id, number=key.number, if_match=if_match)


_FLAGS = (Expand("includeCustomFreeFields"),)
_TEXTS = DocumentTexts(
    list="Get a range of Purchase Receipts - ScreenId=PO302000",
    get="Get a specific Purchase Receipt",
    create="Create a Purchase Receipt",
    update="Update a specific Purchase Receipt",
    release="Release purchase receipt operation",
    list_notes=_LIST_NOTES,
    release_notes="Receives (or, for a return, issues) the stock and posts the PO accrual; see docs/compatibility.md.",
)
PURCHASE_RECEIPTS = DocumentResource(
    path=_PATH,
    tag=_TAG,
    key_param="receiptNumber",
    key_description="Identifies the Purchase Receipt",
    documents=PurchaseReceipts(),
    read_dto=PurchaseReceiptDto,
    write_dto=PurchaseReceiptUpdateDto,
    texts=_TEXTS,
    filters=receipt_filters,
    max_page_size=receipts.MAX_PAGE_SIZE,
    list_flags=_FLAGS,
    get_flags=_FLAGS,
    actions=(
        Action(
            "addpurchaseorder",
            "Add purchase orders to receipt",
            _add_orders,
            description="Adds every open line of each order, with what is open on it.",
            body=PurchaseReceiptOrderListUpdateDto,
        ),
        Action(
            "addpurchaseorderlines",
            "Add purchase order lines to receipt",
            _add_order_lines,
            body=PurchaseReceiptOrderLinesListUpdateDto,
        ),
        Action(
            "cancelReceipt",
            "Cancel purchase receipt operation",
            _cancel,
            description="An unreleased receipt becomes Cancelled; a released one is refused (enter a return).",
        ),
    ),
    operations=frozenset({"list", "get", "create", "update", "release"}),
)
PURCHASE_RECEIPTS_V2 = DocumentResource(
    path="/v2/PurchaseReceipt",
    tag="PurchaseReceiptV2",
    key_param="receiptNumber",
    key_description="Identifies the Purchase Receipt",
    documents=PurchaseReceipts(),
    read_dto=PurchaseReceiptDto,
    write_dto=PurchaseReceiptUpdateDto,
    texts=DocumentTexts(
        list="Get a range of Purchase Receipts - ScreenId=PO302000",
        get="Get a specific Purchase Receipt",
        create="",
        update="",
        list_notes=_LIST_NOTES,
    ),
    filters=receipt_filters,
    max_page_size=receipts.MAX_PAGE_SIZE,
    list_flags=(*_FLAGS, Expand("expandNote", default=None)),
    get_flags=_FLAGS,
    operations=frozenset({"list", "get"}),
)
BASIC = variant(
    PurchaseReceiptDto,
    PurchaseReceiptUpdateDto,
    names=("PurchaseReceiptBasicDto", "PurchaseReceiptBasicUpdateDto"),
    dropped=frozenset({"landedCost", "note"}),
    write_dropped=frozenset({"note"}),
    lines=("lines", PurchaseReceiptLineDto, PurchaseReceiptLineUpdateDto),
    line_names=("PurchaseReceiptLineDto", "PurchaseReceiptLineBasicUpdateDto"),
    line_write_dropped=frozenset({"note"}),
)
PURCHASE_RECEIPTS_BASIC = DocumentResource(
    path="/v1/PurchaseReceiptBasic",
    tag="PurchaseReceiptBasic",
    key_param="receiptNumber",
    key_description="Identifies the Purchase Receipt",
    documents=PurchaseReceipts(BASIC.render, BASIC.base_changes),
    read_dto=BASIC.read_dto,
    write_dto=BASIC.write_dto,
    texts=DocumentTexts(
        list="Get a range of Purchase Receipts - ScreenId=PO302000",
        get="Get a specific Purchase Receipt",
        create="Create a Purchase Receipt",
        update="Update a specific Purchase Receipt",
        release="Release purchase receipt operation",
        list_notes=_LIST_NOTES,
    ),
    filters=receipt_filters,
    max_page_size=receipts.MAX_PAGE_SIZE,
    list_flags=_FLAGS,
    get_flags=_FLAGS,
    operations=frozenset({"list", "get", "create", "update", "release"}),
)

_printing = APIRouter(prefix=_PATH, tags=[_TAG])


@_printing.get(
    "/{receiptNumber}/print",
    summary="Get the print report of a Purchase Receipt",
    response_class=Response,
    responses=PDF_RESPONSES,
)
def print_receipt(request: Request, receiptNumber: str, context=Depends(company_context)) -> Response:
    number = decode_key(receiptNumber)
    pdf, _version = receipts.get_receipt(
        request.app.state.db, company_id=context.company_id, number=number, render=receipt_pdf
    )
    return pdf_response(pdf, f"purchase-receipt-{number}.pdf")


(router,) = document_router(PURCHASE_RECEIPTS, company_context, _printing)
(v2_router,) = document_router(PURCHASE_RECEIPTS_V2, company_context)
(basic_router,) = document_router(PURCHASE_RECEIPTS_BASIC, company_context)
