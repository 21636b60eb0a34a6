"""What shipments hold of an item, for the inventory summary (`stock.held`, registered by the router):
`soAllocated`, the quantity on open shipments (not confirmed: still on hand, set aside for the orders), and
`soShipped`, the quantity on confirmed shipments not yet invoiced (already out of stock). Per warehouse and the
line's location; issues only."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import ZERO, Shipment, ShipmentLine

_OPEN = ("Open", "Hold")


def _on_shipments(session: Session, company_id: int, item_id: int, statuses: tuple[str, ...]) -> dict:
    statement = (
        select(ShipmentLine.warehouse_id, Shipment.warehouse_id, ShipmentLine.location_id, ShipmentLine.shipped_qty)
        .join(Shipment, Shipment.id == ShipmentLine.shipment_id)
        .where(
            ShipmentLine.company_id == company_id,
            ShipmentLine.item_id == item_id,
            Shipment.operation == "Issue",
            Shipment.status.in_(statuses),
        )
    )
    found: dict[tuple[int, int | None], Decimal] = {}
    for line_warehouse, shipment_warehouse, location_id, quantity in session.execute(statement):
        warehouse_id = line_warehouse or shipment_warehouse
        if warehouse_id is None or not quantity:
            continue
        key = (warehouse_id, location_id)
        found[key] = found.get(key, ZERO) + quantity
    return found


def allocated(session: Session, company_id: int, item_id: int) -> dict:
    return _on_shipments(session, company_id, item_id, _OPEN)


def shipped(session: Session, company_id: int, item_id: int) -> dict:
    return _on_shipments(session, company_id, item_id, ("Confirmed",))
