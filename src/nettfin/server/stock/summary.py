"""An item's inventory summary (IN401000, `/v1/inventorysummary/{inventoryNumber}`): one row per warehouse and
location the item is kept at, read from the quantities on hand (lots and serial numbers summed) and the cost layers.

- `onHand`: what is there; `available`: what is on hand at locations included in the quantity available (a
  warehouse without locations: all of it); `notAvailable`: the rest; `availableForShipment`: what is available
  less what open shipments set aside (`soAllocated`: confirmed shipments have already taken theirs off hand).
- `estimatedUnitCost`: the warehouse's cost layers' value over their quantity; `estimatedTotalCost`: that times
  the row's quantity on hand, to the øre.
- What other packages' documents hold (`held.py`): `soBooked`, what open sales orders commit (orders name no
  location); `soAllocated`, what open shipments set aside; `soShipped`, what confirmed shipments not yet invoiced
  took out. A quantity at a location is on that location's row, one without (or at a location the item has no
  row for) on the warehouse's first row.
- Every quantity documents do not hold yet is 0: back orders (`soBackOrdered`), drop-ships,
  purchase orders for sales orders, unreleased inventory documents and assemblies (the stock engine counts
  released documents only), expired lots (nettfin keeps no expiration dates).
- A warehouse the item's warehouse details name and that holds none of it has one row of zeros.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..inventory.models import InventoryItem, Warehouse, WarehouseLocation
from ..kit import messages
from ..kit.errors import NotFound
from ..kit.render import DecimalNumber
from .held import held
from .models import CostLayer, StockQuantity
from .valuation import ZERO, cents

# The DTO's quantities no document nettfin serves holds yet (see the module's docstring).
_NOT_HELD = (
    "inTransit",
    "inReceipts",
    "inIssues",
    "inAssemblyDemand",
    "inAssemblySupply",
    "poReceipts",
    "purchaseOrders",
    "purchasePrepared",
    "purchaseForSO",
    "purchaseForSOPrepared",
    "purchaseForSOReceipts",
    "soBackOrdered",
    "soToDropShip",
    "soToPurchase",
    "dropShipForSO",
    "dropShipForSOPrepared",
    "dropShipForSOReceipts",
    "expired",
)


class InventoryInInventorySummaryDto(BaseModel):
    number: str | None = None
    description: str | None = None


class WarehouseInInventorySummaryDto(BaseModel):
    id: str | None = None
    description: str | None = None


class LocationInInventorySummaryDto(BaseModel):
    id: int | None = Field(None, description="The location's internal id.")
    name: str | None = Field(None, description="The location's ID.")


class InventorySummaryDto(BaseModel):
    inventory: InventoryInInventorySummaryDto | None = None
    warehouse: WarehouseInInventorySummaryDto | None = None
    location: LocationInInventorySummaryDto | None = None
    onHand: DecimalNumber | None = None
    available: DecimalNumber | None = None
    availableForShipment: DecimalNumber | None = None
    notAvailable: DecimalNumber | None = None
    estimatedUnitCost: DecimalNumber | None = None
    estimatedTotalCost: DecimalNumber | None = None
    baseUnit: str | None = None
    errorInfo: str | None = None
    inTransit: DecimalNumber | None = None
    inReceipts: DecimalNumber | None = None
    inIssues: DecimalNumber | None = None
    inAssemblyDemand: DecimalNumber | None = None
    inAssemblySupply: DecimalNumber | None = None
    poReceipts: DecimalNumber | None = None
    purchaseOrders: DecimalNumber | None = None
    purchasePrepared: DecimalNumber | None = None
    purchaseForSO: DecimalNumber | None = None
    purchaseForSOPrepared: DecimalNumber | None = None
    purchaseForSOReceipts: DecimalNumber | None = None
    soAllocated: DecimalNumber | None = None
    soBackOrdered: DecimalNumber | None = None
    soBooked: DecimalNumber | None = None
    soShipped: DecimalNumber | None = None
    soToDropShip: DecimalNumber | None = None
    soToPurchase: DecimalNumber | None = None
    dropShipForSO: DecimalNumber | None = None
    dropShipForSOPrepared: DecimalNumber | None = None
    dropShipForSOReceipts: DecimalNumber | None = None
    expired: DecimalNumber | None = None


@dataclass
class _Row:
    warehouse: Warehouse
    location: WarehouseLocation | None
    on_hand: Decimal = ZERO
    held: dict[str, Decimal] = field(default_factory=dict)  # summary member -> quantity (`held.py`)

    @property
    def available(self) -> Decimal:
        return self.on_hand if self.location is None or self.location.include_in_available else ZERO


def summary(
    session: Session, company_id: int, number: str, *, warehouse: str | None = None, location: str | None = None
) -> list[dict]:
    """The item's rows (see the module's docstring), in warehouse and location order; 404 for an unknown item,
    warehouse or location."""
    item = session.scalars(
        select(InventoryItem).where(InventoryItem.company_id == company_id, InventoryItem.number == number)
    ).first()
    if item is None:
        raise NotFound(messages.not_found("Inventory item", number))
    chosen = _warehouse(session, company_id, warehouse) if warehouse else None
    place = _location(chosen, location, session, company_id) if location else None
    rows: dict[tuple[int, int | None], _Row] = {}
    for quantity, found_warehouse, found_location in session.execute(
        select(StockQuantity, Warehouse, WarehouseLocation)
        .join(Warehouse, Warehouse.id == StockQuantity.warehouse_id)
        .outerjoin(WarehouseLocation, WarehouseLocation.id == StockQuantity.location_id)
        .where(StockQuantity.item_id == item.id)
    ).all():
        key = (found_warehouse.id, found_location.id if found_location else None)
        row = rows.setdefault(key, _Row(found_warehouse, found_location))
        row.on_hand += quantity.on_hand
    for detail in item.warehouses:
        if not any(key[0] == detail.warehouse.id for key in rows):
            rows[(detail.warehouse.id, None)] = _Row(detail.warehouse, None)
    quantities = held(session, company_id, item.id)
    for warehouse_id, _at in {key for found in quantities.values() for key in found}:
        if not any(key[0] == warehouse_id for key in rows):
            rows[(warehouse_id, None)] = _Row(session.get(Warehouse, warehouse_id), None)
    ordered = sorted(
        rows.values(), key=lambda r: (r.warehouse.warehouse_id, r.location.location_cd if r.location else "")
    )
    first: dict[int, _Row] = {}
    for row in ordered:
        first.setdefault(row.warehouse.id, row)
    for member, found in quantities.items():
        for (warehouse_id, location_id), quantity in found.items():
            row = rows.get((warehouse_id, location_id)) or first[warehouse_id]
            row.held[member] = row.held.get(member, ZERO) + quantity
    if chosen is not None:
        ordered = [row for row in ordered if row.warehouse.id == chosen.id]
    if place is not None:
        ordered = [row for row in ordered if row.location is not None and row.location.id == place.id]
    costs = _unit_costs(session, item.id)
    return [_render(item, row, costs.get(row.warehouse.id, ZERO)) for row in ordered]


def _warehouse(session: Session, company_id: int, code: str) -> Warehouse:
    found = session.scalars(
        select(Warehouse).where(Warehouse.company_id == company_id, Warehouse.warehouse_id == code)
    ).first()
    if found is None:
        raise NotFound(messages.not_found("Warehouse", code))
    return found


def _location(warehouse: Warehouse | None, code: str, session: Session, company_id: int) -> WarehouseLocation:
    statement = select(WarehouseLocation).where(
        WarehouseLocation.company_id == company_id, WarehouseLocation.location_cd == code
    )
    if warehouse is not None:
        statement = statement.where(WarehouseLocation.warehouse_id == warehouse.id)
    found = session.scalars(statement.order_by(WarehouseLocation.id)).first()
    if found is None:
        raise NotFound(messages.not_found("Location", code))
    return found


def _unit_costs(session: Session, item_id: int) -> dict[int, Decimal]:
    totals: dict[int, tuple[Decimal, Decimal]] = {}
    for layer in session.scalars(select(CostLayer).where(CostLayer.item_id == item_id)):
        quantity, value = totals.get(layer.warehouse_id, (ZERO, ZERO))
        totals[layer.warehouse_id] = (quantity + layer.quantity, value + layer.value)
    return {w: (value / quantity if quantity else ZERO) for w, (quantity, value) in totals.items()}


def _render(item: InventoryItem, row: _Row, unit_cost: Decimal) -> dict:
    available = row.available
    held = {member: row.held.get(member, ZERO) for member in ("soBooked", "soAllocated", "soShipped")}
    body: dict = {
        "inventory": {"number": item.number, "description": item.description},
        "warehouse": {"id": row.warehouse.warehouse_id, "description": row.warehouse.description or None},
    }
    if row.location is not None:
        body["location"] = {"id": row.location.id, "name": row.location.location_cd}
    body |= {
        "onHand": row.on_hand,
        "available": available,
        "availableForShipment": available - held["soAllocated"],
        "notAvailable": row.on_hand - available,
        "estimatedUnitCost": cents(unit_cost),
        "estimatedTotalCost": cents(row.on_hand * unit_cost),
        "baseUnit": item.base_unit,
    }
    body |= dict.fromkeys(_NOT_HELD, ZERO) | held
    return {key: value for key, value in body.items() if value is not None}
