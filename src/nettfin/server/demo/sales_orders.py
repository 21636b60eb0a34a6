"""The demo's sales orders, entered, cancelled and invoiced through the sales module's use cases: open orders for
the stock items (what they commit shows as `soBooked` in the inventory summary), one on hold, one cancelled, a
quote, and an invoice-type order whose invoice was prepared (a customer invoice not yet released)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from ..sales.order_actions import invoice_order
from ..sales.orders import cancel, enter_order
from .timeline import DEMO_YEAR, moment

# (type, date, customer, customer order, hold, [(item, quantity)], then)
_ORDERS = [
    ("SO", date(DEMO_YEAR, 12, 15), "10002", "WEB-1001", False, [("1001", 2), ("1103", 3)], None),
    ("SO", date(DEMO_YEAR, 12, 16), "10003", "WEB-1002", False, [("1102", 1), ("1101", 4)], None),
    ("SO", date(DEMO_YEAR, 12, 17), "10004", None, True, [("1103", 5)], None),
    ("SO", date(DEMO_YEAR, 12, 18), "10005", "WEB-1004", False, [("1001", 1)], "cancel"),
    ("QT", date(DEMO_YEAR, 12, 18), "10006", None, False, [("1102", 2)], None),
    ("IN", date(DEMO_YEAR, 12, 21), "10007", "DISK-7", False, [("1103", 2)], "invoice"),
]


def seed_sales_orders(session: Session, company_id: int) -> None:
    for order_type, day, customer, reference, hold, lines, then in _ORDERS:
        changes = {
            "orderType": order_type,
            "date": moment(day),
            "customer": customer,
            "customerOrder": reference,
            "hold": hold,
            "salesPerson": "SP01",
            "lines": [
                {"operation": "Insert", "inventoryNumber": item, "quantity": Decimal(quantity)}
                for item, quantity in lines
            ],
        }
        order, _ignored = enter_order(session, company_id, {k: v for k, v in changes.items() if v is not None})
        if then == "cancel":
            cancel(session, order)
        elif then == "invoice":
            invoice_order(session, order)
        order.created_at = order.last_modified_at = moment(day)
