"""Sales order endpoints, v1 (SO301000): HTTP only. The routes come from the declaration below
(`kit.document_routes`); commissions, ROT/RUT, the printout and the attachment DELETEs are on the order's path
too; `createShipment` is shipping/'s. The v2 endpoint (`v2_router.py`) serves the same use cases."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import Response

from ..identity.auth import company_context
from ..inventory.cross_references import register_document
from ..kit.document_lists import ListWindow, list_window, page_bodies
from ..kit.document_routes import (
    Action,
    DocumentKey,
    DocumentResource,
    DocumentTexts,
    ScopedList,
    Typed,
    document_router,
    scoped_list_route,
)
from ..kit.keys import ResourceKey
from ..kit.pdf import PDF_RESPONSES, pdf_response, render_pdf
from ..kit.render import json_response
from ..receivables.balances import register_open_orders
from ..receivables.customers import CUSTOMER
from ..stock.held import register_held
from . import attachable, booking, orders
from .models import SalesOrder
from .render import print_rows, rot_rut_dto, sales_order_dto
from .schemas import (
    CancelSalesOrderActionDto,
    ReopenSalesOrderActionDto,
    RotRutBasicDto,
    SalesOrderDto,
    SalesOrderStatus,
    SalesOrderUpdateDto,
    SOCommissionDto,
)

PATH = "/v1/salesorder"
TAG = "Sales Order"
_LIST_NOTES = (
    "Paged: every element carries `metadata: {totalCount, maxPageSize}`. `showNotes` is accepted; notes are always "
    "shown."
)


async def order_filters(
    orderType: str | None = Query(None, description="Filter by Order type."),
    status: SalesOrderStatus | None = Query(None, description="Select to filter on status on order."),
    showNotes: bool | None = Query(None, description="Set to true to include notes."),
    window: ListWindow = Depends(list_window("Order numbers", created=False)),
) -> orders.OrderFilters:
    return orders.OrderFilters(order_type=orderType, status=status.value if status else None, window=window)


class SalesOrders:
    """The use cases of sales orders, for the declarations here, in v2_router.py and in basic_router.py: `render`
    makes the body of an order (the full one, or the basic one)."""

    def __init__(self, render: Callable[[SalesOrder], dict]) -> None:
        self.render = render

    def list(self, db, *, company_id, context, filters, page, view):
        result = orders.list_orders(db, company_id=company_id, filters=filters, page=page)
        return [self.render(o) for o in result.rows], result

    def list_bodies(self, db, *, company_id, context, filters, page, view):
        def rows(session, found):
            return [self.render(order) for order in found]

        # `self` names the rows' shape: the full and the basic order are two renderings of one table.
        return page_bodies(
            db, orders.LISTING, shape=self, company_id=company_id, filters=filters, page=page, view=view, rows=rows
        )

    def get(self, db, *, company_id, context, key: DocumentKey, view):
        order = orders.get_order(db, company_id=company_id, number=key.number, order_type=key.kind)
        return self.render(order), order.row_version

    def create(self, db, *, company_id, context, dto):
        return orders.create_order(db, company_id=company_id, changes=dto.changes())

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        return orders.update_order(
            db, company_id=company_id, number=key.number, changes=dto.changes(), if_match=if_match
        )

    def number(self, document) -> str:
        return document.order_nbr


def _cancel(db, *, company_id, context, key: DocumentKey, if_match, body):
    order_type = body.orderType if body is not None else None
    return orders.cancel_order(db, company_id=company_id, number=key.number, order_type=order_type)


def _reopen(db, *, company_id, context, key: DocumentKey, if_match, body):
    dto = body.saleOrderUpdateDto if body is not None else None
    changes = dto.changes() if dto is not None else None
    return orders.reopen_order(db, company_id=company_id, number=key.number, changes=changes)


def parse_order_type(value: str) -> str:
    return value.strip().upper()


CANCEL = Action(
    "cancelSalesOrder",
    "Cancel Sales Order",
    _cancel,
    description="Cancels an order nothing was shipped or invoiced from; `orderType` names its type. Its open "
    "quantities no longer commit stock.",
    untyped_only=True,
    body=CancelSalesOrderActionDto,
    key_param="saleOrderNumber",
    endpoint="cancel_sales_order",
)
REOPEN = Action(
    "reopenSalesOrder",
    "Reopen Sales Order",
    _reopen,
    description="Reopens a cancelled order, then applies the changes of `saleOrderUpdateDto`, if any.",
    untyped_only=True,
    body=ReopenSalesOrderActionDto,
    key_param="salesOrderNumber",
    endpoint="reopen_sales_order",
)
DOCUMENTS = SalesOrders(sales_order_dto)
SALES_ORDERS = DocumentResource(
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
        update="Update a specific Sale Order",
        list_notes=_LIST_NOTES,
        create_notes="201 with an absolute Location whose last segment is the new order number.",
    ),
    filters=order_filters,
    max_page_size=orders.MAX_PAGE_SIZE,
    operations=frozenset({"list", "get", "create", "update"}),
    actions=(CANCEL, REOPEN),
    typed=Typed(
        parse=parse_order_type,
        texts=DocumentTexts(list="", get="Get a specific type of Order", create="", update=""),
        operations=frozenset({"get"}),
        parameter="orderType",
    ),
)

_extra = APIRouter(prefix=PATH, tags=[TAG])
OrderNumber = Annotated[str, Path(description="Identifies the Sales Order Number")]


@_extra.get(
    "/{orderType}/{orderNbr}/commissions",
    response_model=list[SOCommissionDto],
    summary="Get commissions for a specific type of order",
)
def get_commissions(request: Request, orderType: str, orderNbr: ResourceKey, context=Depends(company_context)):
    found = orders.order_commissions(
        request.app.state.db, company_id=context.company_id, number=orderNbr, order_type=orderType
    )
    return json_response(found)


@_extra.get(
    "/{orderType}/{orderNbr}/rotrut",
    response_model=RotRutBasicDto,
    summary="Get ROT/RUT details for a specific type of order",
)
def get_rot_rut(request: Request, orderType: str, orderNbr: ResourceKey, context=Depends(company_context)):
    order = orders.get_order(request.app.state.db, company_id=context.company_id, number=orderNbr, order_type=orderType)
    return json_response(rot_rut_dto(order))


@_extra.get(
    "/{orderType}/{orderNumber}/printOrder",
    summary="Get the print report of a Sales Order",
    response_class=Response,
    responses=PDF_RESPONSES,
)
def print_order(request: Request, orderType: str, orderNumber: ResourceKey, context=Depends(company_context)):
    order = orders.get_order(
        request.app.state.db, company_id=context.company_id, number=orderNumber, order_type=orderType
    )
    pdf = render_pdf(f"Sales order {order.order_type} {order.order_nbr}", print_rows(order))
    return pdf_response(pdf, f"sales-order-{order.order_type}-{order.order_nbr}.pdf")


attachable.delete_routes(_extra, company_context)
register_document("salesorder", orders.items_on_order)
register_held("soBooked", booking.booked)
register_open_orders(booking.unbilled)

(router,) = document_router(SALES_ORDERS, company_context, _extra)


def customer_scope(db, *, company_id: int, key: str, filters):
    """The customer must exist; the list is of its orders."""
    CUSTOMER.find_existing(db, company_id=company_id, key=key)
    return dataclasses.replace(filters, customer=key)


customer_orders_router = APIRouter(prefix=CUSTOMER.path, tags=[CUSTOMER.tag])
scoped_list_route(
    SALES_ORDERS,
    company_context,
    customer_orders_router,
    ScopedList(
        path="/{customerCd}/salesorder",
        param="customerCd",
        summary="Get a range of SO Orders of a specific customer",
        description="The sales order list (its filters and paging) of one customer's orders.",
        scope=customer_scope,
    ),
)
