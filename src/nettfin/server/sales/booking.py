"""Stock committed by sales orders, and the amounts they have left to invoice.

Stock: for the inventory summary (`soBooked`): per warehouse, the open quantity of
the issue lines of an item on the open orders of the types that move stock (a quote commits none; a cancelled,
completed or invoiced order no longer does). The router registers it with the summary (`stock.held`); orders
name no location."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..documents.currency import to_base
from .lines import open_quantity
from .models import ZERO, SalesOrder, SalesOrderLine, SalesOrderType
from .orders import CLOSED


def booked(session: Session, company_id: int, item_id: int) -> dict[tuple[int, None], Decimal]:
    """{(warehouse id, None): quantity booked}, warehouses with none left out."""
    statement = (
        select(SalesOrderLine)
        .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
        .join(
            SalesOrderType,
            (SalesOrderType.company_id == SalesOrder.company_id) & (SalesOrderType.order_type == SalesOrder.order_type),
        )
        .where(
            SalesOrderLine.company_id == company_id,
            SalesOrderLine.item_id == item_id,
            SalesOrderLine.warehouse_id.is_not(None),
            SalesOrderLine.operation == "Issue",
            SalesOrderLine.completed.is_(False),
            SalesOrder.status.not_in(CLOSED),
            SalesOrderType.updates_inventory.is_(True),
        )
    )
    found: dict[tuple[int, None], Decimal] = {}
    for line in session.scalars(statement):
        quantity = open_quantity(line)
        if quantity > ZERO:
            key = (line.warehouse_id, None)
            found[key] = found.get(key, ZERO) + quantity
    return found


def unbilled(session: Session, company_id: int, customer_ids: list[int]) -> dict[int, Decimal]:
    """{customer id: the unbilled amounts (VAT excluded, in the base currency) of their open orders' lines}: a
    customer balance's `totalOrder`. Only the types that invoice on account count: not quotes, cash sales (paid at
    once) nor credit memos and returns."""
    statement = (
        select(SalesOrder.customer_id, SalesOrder.exchange_rate, SalesOrderLine.unbilled_amount)
        .join(SalesOrderLine, SalesOrderLine.order_id == SalesOrder.id)
        .join(
            SalesOrderType,
            (SalesOrderType.company_id == SalesOrder.company_id) & (SalesOrderType.order_type == SalesOrder.order_type),
        )
        .where(
            SalesOrder.company_id == company_id,
            SalesOrder.customer_id.in_(customer_ids),
            SalesOrder.status.not_in(CLOSED),
            SalesOrderType.customer_document_type == "Invoice",
            SalesOrderLine.completed.is_(False),
        )
    )
    found: dict[int, Decimal] = {}
    for customer_id, rate, amount in session.execute(statement):
        found[customer_id] = found.get(customer_id, ZERO) + to_base(amount, rate)
    return found
