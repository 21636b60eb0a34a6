"""Warehouses (IN204000) as the API serves them: `/v1/warehouse` (a read-only `kit.resource` declaration with its
locations) and the two location writes, POST `/v1/warehouse/{warehouseID}/location` and PUT
`.../location/{locationID}` (`WarehouseLocationUpdateDto`), checked whole before anything is written.

A location's rules: its ID is given and free in its warehouse; a location holding stock cannot be deactivated;
the warehouse's receiving location stays active and takes receipts, its shipping location stays active and
allows sales; the primary item is a stock item and the primary item class an item class of the company.
Projects on locations are not kept: a body naming one is refused (docs/compatibility.md).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.checks import fits_column
from ..kit.errors import NotFound, record_errors
from ..kit.members import Nested, Objects, Shape
from ..kit.records import RecordKey, find_by_code
from ..kit.render import time_stamp
from ..kit.resource import READ_ONLY, Computed, Equals, Resource, Scalar, Texts
from ..kit.responses import check_if_match
from ..kit.wire import Value, WireEnum, WireModel
from ..stock.models import StockQuantity
from .models import STOCK_TYPES, InventoryItem, ItemClass, Warehouse, WarehouseLocation
from .schemas import InventoryType

RESOURCE = "warehouse"
ZERO = Decimal(0)


class LocationEntry(WireEnum):
    Validate = "Validate"
    Warn = "Warn"
    NoValidate = "NoValidate"


class DefaultCost(WireEnum):
    AverageCost = "AverageCost"
    LastCost = "LastCost"


class PrimaryItemValidation(WireEnum):
    PrimaryNothing = "PrimaryNothing"
    PrimaryItemWarning = "PrimaryItemWarning"
    PrimaryItemError = "PrimaryItemError"
    PrimaryItemClassWarning = "PrimaryItemClassWarning"
    PrimaryItemClassError = "PrimaryItemClassError"


# --- reading ----------------------------------------------------------------------------------------------

PRIMARY_ITEM = Shape(
    "primaryItemInWarehouseLocationDto",
    (
        Computed("number", str, lambda item: item.number, "Number of item"),
        Computed("description", str, lambda item: item.description, "Name of item/description"),
    ),
)
PRIMARY_ITEM_CLASS = Shape(
    "primaryItemClassInWarehouseLocationDto",
    (
        Computed("type", InventoryType, lambda c: c.item_type),
        Computed("attributes", list[dict], lambda c: []),
        Computed("id", str, lambda c: c.class_id, "The identifier."),
        Computed("description", str, lambda c: c.description or None, "The description."),
    ),
)


def _flag(wire: str, attr: str, description: str = "") -> Computed:
    return Computed(wire, bool, lambda record: getattr(record, attr), description)


LOCATION = Shape(
    "WarehouseLocationDto",
    (
        Computed("locationId", str, lambda loc: loc.location_cd, "The unique ID of the warehouse location."),
        Computed("description", str, lambda loc: loc.description or None),
        _flag("active", "active"),
        _flag("inclQtyAvail", "include_in_available", "Included in the quantities available."),
        _flag("isCosted", "is_costed"),
        _flag("salesValid", "sales_allowed"),
        _flag("receiptsValid", "receipts_allowed"),
        _flag("transfersValid", "transfers_allowed"),
        _flag("assemblyValid", "assembly_allowed"),
        Computed("primaryItemValid", PrimaryItemValidation, lambda loc: loc.primary_item_valid),
        Nested("primaryItem", PRIMARY_ITEM, lambda loc: loc.primary_item),
        Nested("primaryItemClass", PRIMARY_ITEM_CLASS, lambda loc: loc.primary_item_class),
    ),
)


class IdDescriptionInWarehouse(BaseModel):
    id: str | None = None
    description: str | None = None


def _location_ref(name: str, attr: str) -> Computed:
    def read(warehouse: Warehouse) -> dict | None:
        code = getattr(warehouse, attr)
        if not code:
            return None
        found = next((loc for loc in warehouse.locations if loc.location_cd == code), None)
        return {"id": code, "description": found.description if found and found.description else None}

    shape = type(f"{name}InWarehouseDto", (IdDescriptionInWarehouse,), {})
    return Computed(name, shape, read)


class BranchInWarehouseDto(BaseModel):
    number: str | None = None
    name: str | None = None


WAREHOUSE = Resource(
    name=RESOURCE,
    model=Warehouse,
    path="/v1/warehouse",
    tag="Warehouse",
    label="Warehouse",
    key=RecordKey("warehouseID", Warehouse.warehouse_id, "Warehouse"),
    members=(
        Computed("warehouseID", str, lambda w: w.warehouse_id, "The unique ID of the warehouse."),
        Computed("branch", BranchInWarehouseDto, lambda w: {"number": w.branch_number} if w.branch_number else None),
        Computed("active", bool, lambda w: w.active),
        Computed("lockSitePICountEntry", bool, lambda w: w.lock_site_pi_count_entry),
        Scalar("description", "description", "Description", writable=False),
        Computed("locationEntry", LocationEntry, lambda w: w.location_entry),
        Computed("avgDefaultCost", DefaultCost, lambda w: w.avg_default_cost),
        Computed("fifoDefaultCost", DefaultCost, lambda w: w.fifo_default_cost),
        _location_ref("receiptLocation", "receipt_location_cd"),
        _location_ref("shipLocation", "ship_location_cd"),
        _location_ref("returnLocation", "return_location_cd"),
        _location_ref("dropShipLocation", "drop_ship_location_cd"),
        Objects("locations", LOCATION, lambda w: w.locations, "The warehouse's locations."),
        Computed("timestamp", str, lambda w: time_stamp(w.row_version), "Timestamp of the warehouse record"),
    ),
    texts=Texts(
        list="Get a range of Warehouses - ScreenId=IN204000",
        get="Get a specific Warehouse",
        key="Identifies the Warehouse",
    ),
    dto="WarehouseDto",
    operations=READ_ONLY,
    filters=(
        Equals("active", "active", bool, "Selects only the warehouses that are active/inactive."),
        Equals("branch", "branch_number", description="Selects only the warehouses for the specified branch."),
    ),
    load=(
        selectinload(Warehouse.locations).options(
            joinedload(WarehouseLocation.primary_item), joinedload(WarehouseLocation.primary_item_class)
        ),
    ),
)


# --- the location writes ----------------------------------------------------------------------------------


class WarehouseLocationUpdateDto(WireModel):
    locationId: Value[str] | None = None
    description: Value[str] | None = None
    active: Value[bool] | None = None
    inclQtyAvail: Value[bool] | None = None
    isCosted: Value[bool] | None = None
    salesValid: Value[bool] | None = None
    receiptsValid: Value[bool] | None = None
    transfersValid: Value[bool] | None = None
    assemblyValid: Value[bool] | None = None
    pickPriority: Value[int] | None = None
    primaryItemValid: Value[PrimaryItemValidation] | None = None
    primaryItemId: Value[str] | None = None
    primaryItemClassId: Value[str] | None = None
    projectId: Value[str] | None = None
    projectTaskId: Value[str] | None = None


# Flags: wire name -> (column, the value a cleared flag takes).
_FLAGS = {
    "active": ("active", True),
    "inclQtyAvail": ("include_in_available", True),
    "isCosted": ("is_costed", False),
    "salesValid": ("sales_allowed", True),
    "receiptsValid": ("receipts_allowed", True),
    "transfersValid": ("transfers_allowed", True),
    "assemblyValid": ("assembly_allowed", True),
}
_TABLE = WarehouseLocation.__table__


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else value


def _warehouse(session: Session, company_id: int, code: str, *, for_update: bool = False) -> Warehouse:
    statement = select(Warehouse).where(Warehouse.company_id == company_id, Warehouse.warehouse_id == code)
    found = session.scalars(statement.with_for_update() if for_update else statement).first()
    if found is None:
        raise NotFound(messages.not_found("Warehouse", code))
    return found


def on_hand_at(session: Session, location: WarehouseLocation) -> Decimal:
    """The quantity of every item on hand at a location."""
    total = session.scalar(select(func.sum(StockQuantity.on_hand)).where(StockQuantity.location_id == location.id))
    return total or ZERO


def _apply(session: Session, warehouse: Warehouse, location: WarehouseLocation, changes: dict) -> list[str]:
    problems: list[str] = []
    if "description" in changes:
        description = _text(changes["description"]) or ""
        problem = fits_column(_TABLE.c.description, description, "Description")
        problems += [problem] if problem else []
        location.description = description
    for wire, (attr, cleared) in _FLAGS.items():
        if wire in changes:
            setattr(location, attr, cleared if changes[wire] is None else bool(changes[wire]))
    if "pickPriority" in changes:
        priority = changes["pickPriority"]
        if priority is not None and priority < 0:
            problems.append(f"'Pick priority' cannot be less than 0; {priority} was given.")
        else:
            location.pick_priority = 1 if priority is None else priority
    if "primaryItemValid" in changes:
        value = changes["primaryItemValid"]
        location.primary_item_valid = PrimaryItemValidation.PrimaryNothing if value is None else value
    if "primaryItemId" in changes:
        number = _text(changes["primaryItemId"])
        item = None
        if number is not None:
            item = find_by_code(session, InventoryItem, InventoryItem.number, warehouse.company_id, number)
            if item is None:
                problems.append(messages.cannot_be_found("Inventory item", number))
            elif item.item_type not in STOCK_TYPES:
                problems.append(f"The primary item '{number}' is not a stock item; only stock items are kept here.")
        location.primary_item = item
    if "primaryItemClassId" in changes:
        code = _text(changes["primaryItemClassId"])
        item_class = None
        if code is not None:
            item_class = find_by_code(session, ItemClass, ItemClass.class_id, warehouse.company_id, code)
            if item_class is None:
                problems.append(messages.cannot_be_found("Item class", code))
        location.primary_item_class = item_class
    for wire in ("projectId", "projectTaskId"):
        if _text(changes.get(wire)):
            problems.append(f"'{wire}': nettfin keeps no project on a warehouse location; leave it out.")
    return problems


def _rules(session: Session, warehouse: Warehouse, location: WarehouseLocation) -> list[str]:
    """What the location must be once the body is applied."""
    problems = []
    where = f"The location '{location.location_cd}' of warehouse '{warehouse.warehouse_id}'"
    if not location.active and location.id is not None:
        held = on_hand_at(session, location)
        if held > 0:
            problems.append(
                f"{where} holds stock ({format(held.normalize(), 'f')} on hand); it cannot be deactivated "
                "until the stock is moved out."
            )
    if location.location_cd == warehouse.receipt_location_cd and not (location.active and location.receipts_allowed):
        problems.append(f"{where} is its receiving location: it must be active and allow receipts.")
    if location.location_cd == warehouse.ship_location_cd and not (location.active and location.sales_allowed):
        problems.append(f"{where} is its shipping location: it must be active and allow sales.")
    return problems


def _written(session: Session, warehouse: Warehouse) -> None:
    warehouse.last_modified_at = utcnow()
    warehouse.row_version += 1
    bump_version(session, company_id=warehouse.company_id, resource=RESOURCE)


def create_location(
    db: Database, *, company_id: int, warehouse_code: str, dto: WarehouseLocationUpdateDto
) -> tuple[str, int]:
    """A new location of the warehouse: its code and the warehouse's new row version."""
    changes = dto.changes()
    with db.writing() as session:
        warehouse = _warehouse(session, company_id, warehouse_code, for_update=True)
        code = _text(changes.get("locationId"))
        problems = []
        if code is None:
            problems.append(messages.cannot_be_empty("Location ID"))
        else:
            too_long = fits_column(_TABLE.c.location_cd, code, "Location ID")
            problems += [too_long] if too_long else []
            if any(loc.location_cd.casefold() == code.casefold() for loc in warehouse.locations):
                problems.append(messages.already_exists("Location ID", code))
        location = WarehouseLocation(
            company_id=company_id,
            location_cd=code or "",
            description="",
            active=True,
            include_in_available=True,
            receipts_allowed=True,
            sales_allowed=True,
            transfers_allowed=True,
            assembly_allowed=True,
            pick_priority=1,
            is_costed=False,
            primary_item_valid=PrimaryItemValidation.PrimaryNothing,
        )
        with session.no_autoflush:
            problems += _apply(session, warehouse, location, changes)
            problems += _rules(session, warehouse, location)
        if problems:
            raise record_errors(action="inserting", entity="location", record="Location", errors=problems)
        location.warehouse = warehouse
        location.last_modified_at = utcnow()
        session.add(location)
        _written(session, warehouse)
        session.flush()
        return location.location_cd, warehouse.row_version


def update_location(
    db: Database,
    *,
    company_id: int,
    warehouse_code: str,
    location_code: str,
    dto: WarehouseLocationUpdateDto,
    if_match: str | None,
) -> tuple[int, list[str]]:
    """The warehouse's new row version, and the body fields ignored (a `locationId` other than the path's)."""
    changes = dto.changes()
    with db.writing() as session:
        warehouse = _warehouse(session, company_id, warehouse_code, for_update=True)
        location = next(
            (loc for loc in warehouse.locations if loc.location_cd.casefold() == location_code.casefold()), None
        )
        if location is None:
            raise NotFound(messages.not_found("Location", location_code))
        check_if_match(if_match, warehouse.row_version)
        sent = _text(changes.get("locationId"))
        ignored = ["locationId"] if sent is not None and sent != location.location_cd else []
        with session.no_autoflush:
            problems = _apply(session, warehouse, location, changes)
            problems += _rules(session, warehouse, location)
        if problems:
            raise record_errors(action="updating", entity="location", record="Location", errors=problems)
        location.last_modified_at = utcnow()
        _written(session, warehouse)
        session.flush()
        return warehouse.row_version, ignored
