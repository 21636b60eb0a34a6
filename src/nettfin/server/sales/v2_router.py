"""Sales order endpoints, v2: the v1 use cases and DTOs (the real documents' are the same) at `/v2/salesorder`,
with v2's actions: `prepareInvoice`, `sendbymail` (typed) and `createPurchaseOrders`. `createShipment` is
shipping/'s."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from ..identity.auth import company_context
from ..kit.document_routes import Action, DocumentKey, DocumentResource, DocumentTexts, document_router
from ..kit.keys import ResourceKey
from ..kit.render import json_response
from ..kit.responses import etag_header
from . import order_actions, orders
from .router import CANCEL, DOCUMENTS, REOPEN, order_filters
from .schemas import CreatePurchaseOrderActionDto, PrepareInvoiceActionResultDto, SalesOrderDto, SalesOrderUpdateDto

PATH = "/v2/salesorder"
TAG = "SalesOrderV2"


def _create_purchase_orders(db, *, company_id, context, key: DocumentKey, if_match, body):
    order_type = body.orderType if body is not None else None
    return order_actions.create_purchase_orders(db, company_id=company_id, number=key.number, order_type=order_type)


SALES_ORDERS_V2 = DocumentResource(
    path=PATH,
    tag=TAG,
    key_param="orderNbr",
    key_description="Identifies the Sales Order Number",
    documents=DOCUMENTS,
    read_dto=SalesOrderDto,
    write_dto=SalesOrderUpdateDto,
    texts=DocumentTexts(
        list="Get a range of SO Orders - ScreenId=SO301000",
        get="Get a specific SO Order",
        create="Create a Sale Order",
        update="",
        list_notes="Paged: every element carries `metadata: {totalCount, maxPageSize}`.",
        create_notes="201 with an absolute Location whose last segment is the new order number.",
    ),
    filters=order_filters,
    max_page_size=orders.MAX_PAGE_SIZE,
    operations=frozenset({"list", "get", "create"}),
    actions=(
        CANCEL,
        REOPEN,
        Action(
            "createPurchaseOrders",
            "Create purchase orders for the lines of a sales order marked for purchase",
            _create_purchase_orders,
            description="One purchase order per supplier (its item's VPN cross-reference) for the open quantity "
            "of each open line marked for PO that has none yet.",
            untyped_only=True,
            body=CreatePurchaseOrderActionDto,
            key_param="saleOrderNumber",
            endpoint="create_purchase_orders",
        ),
    ),
)


def invoice_and_mail_routes(path: str, tag: str) -> APIRouter:
    """v2's typed `prepareInvoice` and `sendbymail` actions at `path` (the full endpoint's or the basic's)."""
    actions = APIRouter(prefix=path, tags=[tag])

    @actions.post(
        "/{orderType}/{orderNumber}/action/prepareInvoice",
        response_model=PrepareInvoiceActionResultDto,
        summary="Prepare an invoice for a sales order",
        description="Makes the customer invoice (a credit note, for a credit memo type) of an order whose type "
        "needs no shipment; `referenceNumber` is its number, and `Location` points at it.",
    )
    def prepare_invoice(
        request: Request, orderType: str, orderNumber: ResourceKey, context=Depends(company_context)
    ) -> Response:
        order, reference = order_actions.prepare_invoice(
            request.app.state.db, company_id=context.company_id, number=orderNumber, order_type=orderType
        )
        body = {"referenceNumber": reference, "actionId": str(uuid.uuid4()), "actionResult": "Done"}
        response = json_response(body, headers=etag_header(order.row_version))
        url = str(request.url.replace(query="", fragment=""))
        root = url[: url.lower().rindex(path.lower())]
        document = "customerCreditNote" if order.order_type == "CR" else "customerinvoice"
        response.headers["Location"] = f"{root}/v1/{document}/{reference}"
        return response

    @actions.post(
        "/{orderType}/{orderNumber}/action/sendbymail",
        response_model=dict,
        summary="Send a sales order by e-mail",
        description="No mail leaves nettfin: the order is marked `emailed`.",
    )
    def send_by_mail(
        request: Request, orderType: str, orderNumber: ResourceKey, context=Depends(company_context)
    ) -> Response:
        order = order_actions.send_by_mail(
            request.app.state.db, company_id=context.company_id, number=orderNumber, order_type=orderType
        )
        body = {"actionId": str(uuid.uuid4()), "actionResult": "Done"}
        return json_response(body, headers=etag_header(order.row_version))

    return actions


(router,) = document_router(SALES_ORDERS_V2, company_context, invoice_and_mail_routes(PATH, TAG))
