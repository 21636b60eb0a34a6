"""Sales order basic endpoints (`/v1/salesorderbasic`, `/v2/salesorderbasic`, SO301000): declarations only.

The basic DTOs are the sales order's header, lines and totals without its billing, shipping, commission and
ROT/RUT members (`schemas.BASIC`). The same orders are read and written through the sales order's use cases; the
v2 endpoint has only the create (its Location points at the v1 order, which v2 cannot read), the attachment
uploads (`attachable.py`) and v2's `prepareInvoice` and `sendbymail`. `createShipment` is shipping/'s. The
write DTO's members keep the order's names, so its changes are the order's.
"""

from __future__ import annotations

from fastapi import APIRouter

from ..identity.auth import company_context
from ..kit.document_routes import (
    DocumentResource,
    DocumentTexts,
    ScopedList,
    Typed,
    document_router,
    scoped_list_route,
)
from ..receivables.customers import CUSTOMER
from . import attachable, orders
from .render import sales_order_basic_dto
from .router import SalesOrders, customer_scope, order_filters, parse_order_type
from .schemas import BASIC
from .v2_router import invoice_and_mail_routes

PATH = "/v1/salesorderbasic"
V2_PATH = "/v2/salesorderbasic"
TAG = "SalesOrderBasic"
V2_TAG = "SalesOrderBasicV2"


SALES_ORDER_BASICS = DocumentResource(
    path=PATH,
    tag=TAG,
    key_param="orderNbr",
    key_description="Identifies the Sales Order Number",
    documents=SalesOrders(sales_order_basic_dto),
    read_dto=BASIC.read_dto,
    write_dto=BASIC.write_dto,
    texts=DocumentTexts(
        list="Get a range of Sale Orders - ScreenId=SO301000",
        get="Get a specific SO Order",
        create="Create a Sale Order",
        update="Update a specific Sale Order",
        list_notes="Paged: every element carries `metadata: {totalCount, maxPageSize}`. The orders of "
        "`/v1/salesorder` in the basic shape. `showNotes` is accepted; notes are always shown.",
        create_notes="201 with an absolute Location whose last segment is the new order number (at "
        "`/v1/salesorderbasic` for an order created at `/v2/salesorderbasic`).",
    ),
    filters=order_filters,
    max_page_size=orders.MAX_PAGE_SIZE,
    operations=frozenset({"list", "get", "create", "update"}),
    typed=Typed(
        parse=parse_order_type,
        texts=DocumentTexts(list="", get="Get a specific type of Order", create="", update=""),
        operations=frozenset({"get"}),
        parameter="orderType",
    ),
    v2_path=V2_PATH,
)

_attachments = APIRouter(prefix=PATH, tags=[TAG])
attachable.delete_routes(_attachments, company_context)

router, v2_create_router = document_router(SALES_ORDER_BASICS, company_context, _attachments)
v2_actions_router = invoice_and_mail_routes(V2_PATH, V2_TAG)

customer_orders_router = APIRouter(prefix=CUSTOMER.path, tags=[CUSTOMER.tag])
scoped_list_route(
    SALES_ORDER_BASICS,
    company_context,
    customer_orders_router,
    ScopedList(
        path="/{customerCd}/salesorderbasic",
        param="customerCd",
        summary="Get a range of SO Orders Basic of a specific customer",
        description="The sales order basic list (its filters and paging) of one customer's orders.",
        scope=customer_scope,
    ),
)
