"""The demo's shipping: its carriers (ship via codes), packaging types, and two shipped sales orders."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..sales.orders import enter_order
from ..shipping.confirmation import confirm
from ..shipping.invoicing import invoice_shipments
from ..shipping.models import Carrier, PackagingType, Shipment
from ..shipping.shipments import ship_order
from .parties import SEEDED_AT
from .timeline import moment

CARRIERS = [
    ("POSTEN", "Posten Norge, pakke i postkassen"),
    ("BRING", "Bring, bedriftspakke"),
    ("HENTES", "Hentes på lager"),
]
# (box, description, tare weight, max weight, max volume, length, width, height, active by default)
PACKAGING_TYPES = [
    ("SMALL", "Liten eske", "0.2", "5", "0.012", 30, 20, 20, True),
    ("LARGE", "Stor eske", "0.6", "25", "0.072", 60, 40, 30, False),
    ("PALLET", "EUR-pall", "25", "1000", "1.440", 120, 80, 150, False),
]


def seed_shipping_setup(session: Session, company_id: int) -> None:
    for code, description in CARRIERS:
        session.add(Carrier(company_id=company_id, code=code, description=description, last_modified_at=SEEDED_AT))
    for box, text, tare, most, volume, length, width, height, default in PACKAGING_TYPES:
        session.add(
            PackagingType(
                company_id=company_id,
                box_id=box,
                description=text,
                box_weight=Decimal(tare),
                max_weight=Decimal(most),
                weight_uom="KG",
                max_volume=Decimal(volume),
                volume_uom="M3",
                length=length,
                width=width,
                height=height,
                active_by_default=default,
                last_modified_at=SEEDED_AT,
            )
        )


# (order date, customer, lines (item, quantity), confirm and invoice?)
_ORDERS = [
    (datetime(2019, 11, 25, tzinfo=UTC), "10002", [("1001", 2), ("1002", 1)], True),
    (datetime(2019, 11, 27, tzinfo=UTC), "10003", [("1003", 1)], False),
]


def seed_shipments(session: Session, company_id: int) -> None:
    """Two sales orders shipped from warehouse 1: the first shipment confirmed (stock out, COGS posted) and
    invoiced (a Balanced customer invoice), the second open. After the stock documents: stock is on hand."""
    for day, customer, lines, done in _ORDERS:
        order, _ignored = enter_order(
            session,
            company_id,
            {
                "orderType": "SO",
                "customer": customer,
                "date": day,
                "lines": [{"inventoryNumber": item, "quantity": Decimal(qty)} for item, qty in lines],
            },
        )
        shipment = ship_order(session, company_id, order.order_nbr, "SO", "1", day, "Issue")
        if done:
            confirm(session, shipment)
            invoice_shipments(session, company_id, [shipment.shipment_nbr], date=day)
    session.flush()
    for shipment in session.scalars(select(Shipment).where(Shipment.company_id == company_id)):
        shipment.created_at = shipment.last_modified_at = moment(shipment.date.date())
