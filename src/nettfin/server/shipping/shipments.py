"""Shipment use cases (SO302000): list, get, create, update, the line actions (addLine, addSOLine, addSOOrder,
deleteLine), cancel, and a shipment made from a sales order (the orders' `createShipment`). Confirmation and
correction, which move stock and post, are in `confirmation.py`.

A shipment is of one customer and ships from one warehouse. Its lines come from open sales order lines (the
line's item, warehouse, and lot/serial number where the order names one) or name an item directly (`addLine`).
What a line ships of an order line may not exceed what is open on it: ordered, times the line's overship
threshold (100 % unless the order says more), less what went out on confirmed shipments and what other open
shipments hold. The order lines count what open shipments hold (`qty_on_shipments`) as the lines change.
Every problem is refused at once, nothing written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..documents.lines import calendar_day
from ..identity.companies import base_currency
from ..inventory.models import InventoryItem, Warehouse, WarehouseLocation
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.conditions import DateCondition
from ..kit.document_lists import ListWindow, fetch_filtered
from ..kit.document_numbers import DocumentNumbers
from ..kit.errors import BusinessError, NotFound, record_errors
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Listing, Page, PageResult
from ..kit.records import RecordKey, find_by_code
from ..kit.responses import check_if_match
from ..ledger.period_ids import period_of
from ..receivables.models import Customer
from ..sales import orders as sales_orders
from ..sales.models import SalesOrder, SalesOrderLine
from .models import ZERO, Shipment, ShipmentLine, ShipmentPackage

RESOURCE = "shipment"
MAX_PAGE_SIZE = DOCUMENT_MAX_PAGE_SIZE
LISTING = Listing(resource=RESOURCE, model=Shipment, key=Shipment.shipment_nbr)
ENTITY, RECORD = "shipment", "Shipment"
NUMBERS = DocumentNumbers(
    RecordKey("shipmentNumber", Shipment.shipment_nbr, "Shipment nbr.", "SOSHIPMENT"), "Shipments"
)
HUNDRED = Decimal(100)
CUSTOM = (
    "customStr1",
    "customStr2",
    "customStr3",
    "customStr4",
    "customStr5",
    "customDec1",
    "customDec2",
    "customInt1",
    "customInt2",
    "customDateTimeUTC1",
)
# Header members written as they come: wire name -> column.
_SCALARS = {
    "hold": "hold",
    "location": "location",
    "controlQuantity": "control_quantity",
    "fobPoint": "fob_point",
    "shippingTerms": "shipping_terms",
    "shippingZone": "shipping_zone",
    "residentialDelivery": "residential_delivery",
    "saturdayDelivery": "saturday_delivery",
    "useCustomerAccount": "use_customer_account",
    "insurance": "insurance",
    "freightAmt": "freight_amt",
    "freightCost": "freight_cost",
    "transactionType": "transaction_type",
    "modeOfTrasport": "mode_of_transport",
    "container": "container",
    "note": "note",
}
_NOT_NEGATIVE = {"controlQuantity": "Control quantity", "freightAmt": "Freight amt.", "freightCost": "Freight cost"}
_ADDRESS = (
    "overrideAddress",
    "addressLine1",
    "addressLine2",
    "addressLine3",
    "city",
    "country",
    "county",
    "postalCode",
)
_CONTACT = ("overrideContact", "businessName", "attention", "phone1", "email")


@dataclass(frozen=True)
class ShipmentFilters:
    customer: str | None = None
    status: str | None = None
    shipment_type: str | None = None
    shipment_date: DateCondition | None = None
    window: ListWindow = ListWindow()

    def conditions(self) -> list:
        found = []
        if self.customer:
            found.append(Shipment.customer.has(Customer.number == self.customer.strip()))
        if self.status:
            found.append(Shipment.status == self.status)
        if self.shipment_type:
            found.append(Shipment.shipment_type == self.shipment_type)
        if self.shipment_date is not None:
            found.append(self.shipment_date.apply(Shipment.date))
        return found + self.window.conditions(Shipment.shipment_nbr, Shipment.last_modified_at, Shipment.created_at)


def list_shipments(db: Database, *, company_id: int, filters: ShipmentFilters, page: Page, render: Callable):
    with db.reading() as session:
        result: PageResult = fetch_filtered(session, LISTING, company_id=company_id, filters=filters, page=page)
        return [render(session, s) for s in result.rows], result


def get_shipment(db: Database, *, company_id: int, number: str, render: Callable) -> tuple[Any, int]:
    with db.reading() as session:
        shipment = find(session, company_id, number)
        return render(session, shipment), shipment.row_version


def find(session: Session, company_id: int, number: str, *, for_update: bool = False) -> Shipment:
    missing = messages.not_found("Shipment", number)
    return NUMBERS.find(session, company_id, number, for_update=for_update, missing=missing)


def items_shipped(session: Session, company_id: int, number: str) -> list[int] | None:
    """The items on a shipment (the barcode lookup's `shipment` documents); None when no shipment has the number."""
    found = session.scalar(
        select(Shipment.id).where(Shipment.company_id == company_id, Shipment.shipment_nbr == number)
    )
    if found is None:
        return None
    return list(session.scalars(select(ShipmentLine.item_id).where(ShipmentLine.shipment_id == found).distinct()))


def touched(session: Session, shipment: Shipment) -> None:
    shipment.last_modified_at = utcnow()
    session.flush()
    bump_version(session, company_id=shipment.company_id, resource=RESOURCE)


# --- the order lines a shipment ships -----------------------------------------------------------------------


def order_line_of(session: Session, line: ShipmentLine) -> SalesOrderLine | None:
    if line.order_nbr is None:
        return None
    return session.scalars(
        select(SalesOrderLine)
        .join(SalesOrder, SalesOrderLine.order_id == SalesOrder.id)
        .where(
            SalesOrder.company_id == line.company_id,
            SalesOrder.order_type == line.order_type,
            SalesOrder.order_nbr == line.order_nbr,
            SalesOrderLine.line_number == line.order_line_nbr,
        )
    ).first()


def pending(shipment: Shipment) -> dict[tuple, Decimal]:
    """What the shipment holds of each order line while it is open (nothing once confirmed or cancelled)."""
    held: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
    if shipment.status in ("Open", "Hold"):
        for line in shipment.lines:
            if line.order_nbr is not None:
                held[(line.order_type, line.order_nbr, line.order_line_nbr)] += line.shipped_qty
    return dict(held)


def sync_orders(session: Session, shipment: Shipment, before: dict[tuple, Decimal]) -> None:
    """Count on the order lines what the shipment holds now instead of what it held (`before`)."""
    after = pending(shipment)
    orders = {}
    for key in set(before) | set(after):
        delta = after.get(key, ZERO) - before.get(key, ZERO)
        if not delta:
            continue
        order_line = _order_line(session, shipment.company_id, key)
        if order_line is not None:
            sales_orders.record_shipment(order_line, on_shipments=delta)
            orders[order_line.order.id] = order_line.order
    for order in orders.values():
        sales_orders.touch(session, order)


def _order_line(session: Session, company_id: int, key: tuple) -> SalesOrderLine | None:
    order_type, order_nbr, line_nbr = key
    return session.scalars(
        select(SalesOrderLine)
        .join(SalesOrder, SalesOrderLine.order_id == SalesOrder.id)
        .where(
            SalesOrder.company_id == company_id,
            SalesOrder.order_type == order_type,
            SalesOrder.order_nbr == order_nbr,
            SalesOrderLine.line_number == line_nbr,
        )
    ).first()


def open_to_ship(order_line: SalesOrderLine, held_elsewhere: Decimal) -> Decimal:
    """What may still go out on the order line: ordered times its overship threshold, less what was shipped and
    what other open shipments hold."""
    if order_line.completed:
        return ZERO
    allowed = order_line.quantity * (order_line.overship_threshold or HUNDRED) / HUNDRED
    return max(allowed - order_line.shipped_qty - held_elsewhere, ZERO)


def quantity_problems(session: Session, shipment: Shipment, before: dict[tuple, Decimal]) -> list[str]:
    """A line of no positive quantity; order lines shipped beyond what is open on them."""
    problems = []
    for line in shipment.lines:
        if line.shipped_qty <= 0:
            problems.append(f"Line {line.line_number}: 'Shipped qty.' must be greater than 0.")
    for key, quantity in pending(shipment).items():
        order_line = _order_line(session, shipment.company_id, key)
        if order_line is None:
            continue
        elsewhere = order_line.qty_on_shipments - before.get(key, ZERO)
        room = open_to_ship(order_line, elsewhere)
        if quantity > room:
            numbers = ", ".join(
                str(x.line_number) for x in shipment.lines if (x.order_type, x.order_nbr, x.order_line_nbr) == key
            )
            problems.append(
                f"Line {numbers}: the shipped quantity ({quantity:.2f}) of sales order {key[0]} {key[1]} line "
                f"{key[2]} exceeds its open quantity ({room:.2f}): ordered {order_line.quantity:.2f}, shipped "
                f"{order_line.shipped_qty:.2f}, on other shipments {elsewhere:.2f}, overshipment allowed "
                f"{(order_line.overship_threshold or HUNDRED):.0f} %."
            )
    return problems


# --- create, update -----------------------------------------------------------------------------------------


def create_shipment(db: Database, *, company_id: int, changes: dict) -> tuple[Shipment, list[str]]:
    with db.writing() as session:
        return enter_shipment(session, company_id, changes)


def enter_shipment(session: Session, company_id: int, changes: dict) -> tuple[Shipment, list[str]]:
    """A new shipment in the caller's transaction; the fields the service ignored."""
    shipment = Shipment(
        company_id=company_id,
        shipment_type="Issue",
        status="Open",
        hold=False,
        operation="Issue",
        currency_id=base_currency(session, company_id),
        control_quantity=ZERO,
        shipped_quantity=ZERO,
        freight_cost=ZERO,
        freight_amt=ZERO,
        residential_delivery=False,
        saturday_delivery=False,
        use_customer_account=False,
        insurance=False,
        container=False,
        delivery_address={},
        delivery_contact={},
        custom={},
        lines=[],
        packages=[],
    )
    ignored = NUMBERS.enter(
        session,
        shipment,
        changes,
        lambda ignored: _apply(session, shipment, changes, inserting=True),
        entity=ENTITY,
        label=RECORD,
        resource=RESOURCE,
    )
    return shipment, ignored


def update_shipment(
    db: Database, *, company_id: int, number: str, changes: dict, if_match: str | None
) -> tuple[Shipment, list[str]]:
    with db.writing() as session:
        shipment = changeable(session, company_id, number, if_match)
        ignored = [name for name in ("shipmentNumber",) if changes.get(name) not in (None, shipment.shipment_nbr)]
        before = pending(shipment)
        with session.no_autoflush:
            problems = _apply(session, shipment, changes, inserting=False)
            problems += quantity_problems(session, shipment, before) if not problems else []
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        sync_orders(session, shipment, before)
        touched(session, shipment)
        return shipment, ignored


def changeable(session: Session, company_id: int, number: str, if_match: str | None) -> Shipment:
    """The shipment locked for a change, refused when it is confirmed, invoiced or cancelled."""
    shipment = find(session, company_id, number, for_update=True)
    check_if_match(if_match, shipment.row_version)
    if shipment.status not in ("Open", "Hold"):
        raise record_errors(
            action="updating",
            entity=ENTITY,
            record=RECORD,
            errors=[f"The shipment '{number}' is {shipment.status.lower()} and cannot be changed."],
        )
    return shipment


def _apply(session: Session, shipment: Shipment, changes: dict, *, inserting: bool) -> list[str]:
    problems: list[str] = []
    for wire in ("shipmentType", "operation"):
        value = changes.get(wire)
        if value is not None and value != "Issue":
            problems.append(f"'{wire}' {value} is not served: nettfin ships sales orders (Issue) only.")
    for wire, attr in _SCALARS.items():
        if wire in changes:
            value = changes[wire]
            if wire in _NOT_NEGATIVE and value is not None and value < 0:
                problems.append(f"'{_NOT_NEGATIVE[wire]}' cannot be negative.")
                continue
            if value is None and attr in ("hold", "control_quantity", "freight_amt", "freight_cost"):
                continue
            setattr(shipment, attr, value)
    if "shipVia" in changes:
        problems += _apply_carrier(session, shipment, changes["shipVia"])
    for wire in _ADDRESS:
        if wire in changes:
            shipment.delivery_address = {**shipment.delivery_address, wire: changes[wire]}
    for wire in _CONTACT:
        if wire in changes:
            shipment.delivery_contact = {**shipment.delivery_contact, wire: changes[wire]}
    for wire in CUSTOM:
        if wire in changes:
            value = changes[wire]
            shipment.custom = {**shipment.custom, wire: value.isoformat() if hasattr(value, "isoformat") else value}
    if "shipmentDate" in changes or shipment.date is None:
        shipment.date = calendar_day(changes.get("shipmentDate")) or shipment.date or calendar_day(utcnow())
        shipment.period_id = period_of(shipment.date.date())
    problems += _apply_customer(session, shipment, changes, inserting=inserting)
    problems += _apply_warehouse(session, shipment, changes, inserting=inserting)
    if problems:
        return problems
    problems += _apply_lines(session, shipment, changes.get("shipmentDetailLines") or [])
    problems += _apply_packages(session, shipment, changes.get("shipmentPackageLines") or [])
    settle(shipment)
    return problems


def settle(shipment: Shipment) -> None:
    shipment.shipped_quantity = sum((line.shipped_qty for line in shipment.lines), ZERO)
    if shipment.status in ("Open", "Hold"):
        shipment.status = "Hold" if shipment.hold else "Open"


def _apply_carrier(session: Session, shipment: Shipment, code: str | None) -> list[str]:
    from .models import Carrier

    code = (code or "").strip()
    if code and find_by_code(session, Carrier, Carrier.code, shipment.company_id, code) is None:
        return [messages.cannot_be_found("Ship via", code)]
    shipment.ship_via = code or None
    return []


def _apply_customer(session: Session, shipment: Shipment, changes: dict, *, inserting: bool) -> list[str]:
    if "customer" in changes:
        code = (changes["customer"] or "").strip()
        if shipment.lines and shipment.customer is not None and code != shipment.customer.number:
            return ["'Customer' cannot be changed on a shipment with lines."]
        customer = find_by_code(session, Customer, Customer.number, shipment.company_id, code) if code else None
        if code and customer is None:
            return [messages.cannot_be_found("Customer", code)]
        shipment.customer = customer
    if shipment.customer is None:
        return [messages.cannot_be_empty("Customer")]
    if shipment.customer.status not in ("Active", "OneTime"):
        return [f"The customer '{shipment.customer.number}' is {shipment.customer.status} and cannot be shipped to."]
    return []


def _apply_warehouse(session: Session, shipment: Shipment, changes: dict, *, inserting: bool) -> list[str]:
    problems = []
    if "fromWarehouse" in changes:
        code = (changes["fromWarehouse"] or "").strip()
        warehouse = (
            find_by_code(session, Warehouse, Warehouse.warehouse_id, shipment.company_id, code) if code else None
        )
        if code and warehouse is None:
            problems.append(messages.cannot_be_found("Warehouse", code))
        elif shipment.lines and warehouse is not None and any(x.warehouse_id != warehouse.id for x in shipment.lines):
            problems.append("'Warehouse' cannot be changed on a shipment with lines of another warehouse.")
        else:
            shipment.warehouse = warehouse
    if "toWarehouse" in changes and changes["toWarehouse"]:
        problems.append("'toWarehouse' applies to transfer shipments, which nettfin does not serve.")
    if shipment.warehouse is None and not problems:
        problems.append(messages.cannot_be_empty("Warehouse"))
    return problems


def _location(session: Session, warehouse: Warehouse | None, code: str | None) -> tuple[Any, list[str]]:
    code = (code or "").strip()
    if not code:
        return None, []
    found = session.scalars(
        select(WarehouseLocation).where(
            WarehouseLocation.warehouse_id == (warehouse.id if warehouse else None),
            WarehouseLocation.location_cd == code,
        )
    ).first()
    if found is None:
        return None, [messages.cannot_be_found("Location", code)]
    return found, []


def _apply_lines(session: Session, shipment: Shipment, sent: list[dict]) -> list[str]:
    """PUT's `shipmentDetailLines`: a line changed or deleted by its number. New lines come from orders or
    items through the actions (the update DTO names no item or order line)."""
    problems = []
    for change in sent:
        operation = change.get("operation") or "Update"
        number = change.get("lineNumber")
        line = next((x for x in shipment.lines if x.line_number == number), None)
        if operation == "Insert":
            problems.append("A shipment line is added with the addLine, addSOLine or addSOOrder actions.")
            continue
        if line is None:
            problems.append(f"Line {number}: no such line on the shipment.")
            continue
        if operation == "Delete":
            shipment.lines.remove(line)
            continue
        problems += _change_line(session, shipment, line, change)
    return problems


def _change_line(session: Session, shipment: Shipment, line: ShipmentLine, change: dict) -> list[str]:
    problems = []
    if change.get("warehouse") not in (None, shipment.warehouse.warehouse_id):
        problems.append(f"Line {line.line_number}: the line ships from the shipment's warehouse.")
    if "location" in change:
        line.location, found = _location(session, line.warehouse, change["location"])
        problems += [f"Line {line.line_number}: {p}" for p in found]
    if change.get("shippedQty") is not None:
        line.shipped_qty = change["shippedQty"]
    for wire, attr in (("lotSerialNbr", "lot_serial"), ("reasonCode", "reason_code"), ("description", "description")):
        if wire in change:
            setattr(line, attr, change[wire] or ("" if attr == "lot_serial" else None))
    if "note" in change:
        line.note = change["note"]
    if "expirationDate" in change:
        line.expiration_date = calendar_day(change["expirationDate"])
    if change.get("allocations"):
        problems += _apply_allocations(line, change["allocations"])
    for wire in CUSTOM:
        if wire in change:
            value = change[wire]
            line.custom = {**line.custom, wire: value.isoformat() if hasattr(value, "isoformat") else value}
    return problems


def _apply_allocations(line: ShipmentLine, sent: list[dict]) -> list[str]:
    allocations = [dict(x) for x in line.allocations or []]
    for change in sent:
        number = change.get("lineNbr")
        found = next((x for x in allocations if x.get("lineNbr") == number), None)
        if (change.get("operation") or "Insert") == "Delete":
            allocations = [x for x in allocations if x is not found]
            continue
        if found is None:
            found = {"lineNbr": number or max((x.get("lineNbr", 0) for x in allocations), default=0) + 1}
            allocations.append(found)
        for wire in ("location", "lotSerialNumber"):
            if wire in change:
                found[wire] = change[wire]
        if change.get("quantity") is not None:
            found["quantity"] = str(change["quantity"])
    line.allocations = allocations
    total = sum((Decimal(x.get("quantity") or 0) for x in allocations), ZERO)
    if allocations and total != line.shipped_qty:
        return [
            f"Line {line.line_number}: the allocations ({total:.2f}) do not add up to the shipped quantity "
            f"({line.shipped_qty:.2f})."
        ]
    return []


def _apply_packages(session: Session, shipment: Shipment, sent: list[dict]) -> list[str]:
    from .models import PackagingType

    problems = []
    for change in sent:
        operation = change.get("operation") or ("Update" if change.get("lineNumber") else "Insert")
        number = change.get("lineNumber")
        package = next((x for x in shipment.packages if x.line_number == number), None)
        if operation == "Delete":
            if package is None:
                problems.append(f"Package line {number}: no such package on the shipment.")
            else:
                shipment.packages.remove(package)
            continue
        if package is None:
            if operation == "Update":
                problems.append(f"Package line {number}: no such package on the shipment.")
                continue
            number = number or max((x.line_number for x in shipment.packages), default=0) + 1
            package = ShipmentPackage(
                company_id=shipment.company_id,
                line_number=number,
                confirmed=False,
                weight=ZERO,
                volume=ZERO,
                declared_value=ZERO,
                cod_amount=ZERO,
            )
            shipment.packages.append(package)
        if "boxId" in change:
            box = (change["boxId"] or "").strip()
            if box and find_by_code(session, PackagingType, PackagingType.box_id, shipment.company_id, box) is None:
                problems.append(messages.cannot_be_found("Box ID", box))
            package.box_id = box or None
        for wire, attr in (
            ("confirmed", "confirmed"),
            ("description", "description"),
            ("weight", "weight"),
            ("volume", "volume"),
            ("declaredValue", "declared_value"),
            ("codAmount", "cod_amount"),
            ("trackingNumber", "tracking_number"),
            ("customRefNbr1", "custom_ref_nbr1"),
            ("customRefNbr2", "custom_ref_nbr2"),
        ):
            if wire in change and change[wire] is not None:
                setattr(package, attr, change[wire])
    return problems


# --- the line actions ---------------------------------------------------------------------------------------


def _next_number(shipment: Shipment) -> int:
    return max((line.line_number for line in shipment.lines), default=0) + 1


def new_line(shipment: Shipment, item: InventoryItem, quantity: Decimal, number: int | None = None) -> ShipmentLine:
    line = ShipmentLine(
        company_id=shipment.company_id,
        line_number=number or _next_number(shipment),
        item=item,
        free_item=False,
        warehouse=shipment.warehouse,
        uom=item.base_unit,
        shipped_qty=quantity,
        lot_serial="",
        description=item.description,
        allocations=[],
        value=ZERO,
        custom={},
    )
    shipment.lines.append(line)
    return line


def take_order_line(
    session: Session, shipment: Shipment, order_line: SalesOrderLine, quantity: Decimal
) -> ShipmentLine:
    line = new_line(shipment, order_line.item, quantity)
    order = order_line.order
    line.order_type, line.order_nbr, line.order_line_nbr = order.order_type, order.order_nbr, order_line.line_number
    line.uom = order_line.uom or line.uom
    line.free_item = order_line.free_item
    line.lot_serial = order_line.lot_serial_nbr or ""
    line.expiration_date = order_line.expiration_date
    line.description = order_line.line_description or line.description
    line.reason_code = order_line.reason_code
    return line


def order_problems(shipment: Shipment, order: SalesOrder) -> list[str]:
    name = f"The sales order {order.order_type} {order.order_nbr}"
    if order.status in ("Hold", "CreditHold", "PendingApproval"):
        return [f"{name} is on hold and cannot be shipped: release it from hold first."]
    if order.status in sales_orders.CLOSED:
        return [sales_orders.closed_refusal(order, "shipped")]
    if order.customer_id != shipment.customer_id:
        return [f"{name} is of customer '{order.customer.number}', the shipment of '{shipment.customer.number}'."]
    return []


def shippable_lines(session: Session, shipment: Shipment, order: SalesOrder) -> list[tuple[SalesOrderLine, Decimal]]:
    """The order's stock lines of the shipment's warehouse with something open, and what is open on each."""
    held = pending(shipment)
    found = []
    for order_line in order.lines:
        if order_line.item is None or order_line.operation != "Issue":
            continue
        if order_line.warehouse_id not in (None, shipment.warehouse_id):
            continue
        key = (order.order_type, order.order_nbr, order_line.line_number)
        elsewhere = order_line.qty_on_shipments - held.get(key, ZERO)
        room = open_to_ship(order_line, elsewhere) - held.get(key, ZERO)
        room = min(room, max(order_line.quantity - order_line.shipped_qty - elsewhere - held.get(key, ZERO), ZERO))
        if room > 0:
            found.append((order_line, room))
    return found


def add_so_order(
    db: Database, *, company_id: int, number: str, order_type: str | None, order_nbr: str | None, if_match
):
    """`addSOOrder`: every open line of the order that ships from the shipment's warehouse."""
    with db.writing() as session:
        shipment = changeable(session, company_id, number, if_match)
        before = pending(shipment)
        order = _order(session, company_id, order_type, order_nbr)
        problems = order_problems(shipment, order)
        lines = [] if problems else shippable_lines(session, shipment, order)
        if not problems and not lines:
            problems.append(
                f"The sales order {order.order_type} {order.order_nbr} has no open lines to ship from warehouse "
                f"'{shipment.warehouse.warehouse_id}'."
            )
        for order_line, quantity in lines:
            take_order_line(session, shipment, order_line, quantity)
        return _finish(session, shipment, before, problems)


def add_so_line(db: Database, *, company_id: int, number: str, body: dict, if_match):
    """`addSOLine`: one order line, with what is open on it."""
    with db.writing() as session:
        shipment = changeable(session, company_id, number, if_match)
        before = pending(shipment)
        order = _order(session, company_id, body.get("orderType"), body.get("orderNumber"))
        problems = order_problems(shipment, order)
        wanted = body.get("orderLineNumber")
        order_line = next((x for x in order.lines if x.line_number == wanted), None)
        if order_line is None:
            problems.append(f"Line {wanted} is not on sales order {order.order_type} {order.order_nbr}.")
        elif body.get("inventoryId") and order_line.item and body["inventoryId"].strip() != order_line.item.number:
            problems.append(
                f"Line {wanted} of sales order {order.order_type} {order.order_nbr} is of item "
                f"'{order_line.item.number}', not '{body['inventoryId'].strip()}'."
            )
        if not problems:
            open_lines = dict((x.id, q) for x, q in shippable_lines(session, shipment, order))
            if order_line.id not in open_lines:
                problems.append(
                    f"Line {wanted} of sales order {order.order_type} {order.order_nbr} has nothing open to ship "
                    f"from warehouse '{shipment.warehouse.warehouse_id}'."
                )
            else:
                take_order_line(session, shipment, order_line, open_lines[order_line.id])
        return _finish(session, shipment, before, problems)


def add_line(db: Database, *, company_id: int, number: str, changes: dict, if_match):
    """`addLine`: a line of an item named directly, shipped from the shipment's warehouse (no order line)."""
    with db.writing() as session:
        shipment = changeable(session, company_id, number, if_match)
        before = pending(shipment)
        problems = []
        code = (changes.get("inventoryNumber") or "").strip()
        item = find_by_code(session, InventoryItem, InventoryItem.number, company_id, code) if code else None
        if item is None:
            problems.append(
                messages.cannot_be_found("Inventory ID", code) if code else messages.cannot_be_empty("Inventory ID")
            )
        wanted = changes.get("lineNumber")
        if wanted is not None and any(x.line_number == wanted for x in shipment.lines):
            problems.append(f"Line {wanted} is already on the shipment.")
        if changes.get("warehouse") not in (None, shipment.warehouse.warehouse_id):
            problems.append("'Warehouse': a line ships from the shipment's warehouse.")
        if not problems:
            line = new_line(shipment, item, changes.get("shippedQty") or ZERO, wanted)
            line.location, found = _location(session, shipment.warehouse, changes.get("location"))
            problems += found
            line.uom = changes.get("uom") or line.uom
        return _finish(session, shipment, before, problems)


def delete_line(db: Database, *, company_id: int, number: str, line_number: int, if_match):
    """`deleteLine/{lineNumber}`: the line off the shipment; what it held goes back to its order line."""
    with db.writing() as session:
        shipment = changeable(session, company_id, number, if_match)
        before = pending(shipment)
        line = next((x for x in shipment.lines if x.line_number == line_number), None)
        if line is None:
            raise NotFound(f"Line {line_number} not found on shipment '{number}'.")
        shipment.lines.remove(line)
        return _finish(session, shipment, before, [])


def _order(session: Session, company_id: int, order_type: str | None, order_nbr: str | None) -> SalesOrder:
    order_nbr = (order_nbr or "").strip()
    if not order_nbr:
        raise BusinessError("'orderNumber' cannot be empty.")
    return sales_orders.find_order(session, company_id, order_nbr, (order_type or "").strip() or None)


def _finish(session: Session, shipment: Shipment, before: dict, problems: list[str]) -> Shipment:
    with session.no_autoflush:
        settle(shipment)
        problems = problems or quantity_problems(session, shipment, before)
    if problems:
        raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
    sync_orders(session, shipment, before)
    touched(session, shipment)
    return shipment


# --- cancel, and a shipment made from an order --------------------------------------------------------------


def cancel_shipment(db: Database, *, company_id: int, number: str, if_match) -> Shipment:
    """An unconfirmed shipment becomes Cancelled and gives back to its order lines what it held; a confirmed one
    is refused (correct it first)."""
    with db.writing() as session:
        shipment = find(session, company_id, number, for_update=True)
        check_if_match(if_match, shipment.row_version)
        if shipment.status in ("Confirmed", "Invoiced", "PartiallyInvoiced", "Completed"):
            raise BusinessError(
                f"The shipment '{number}' is {shipment.status.lower()} and cannot be cancelled: correct the "
                "shipment first."
            )
        if shipment.status == "Cancelled":
            raise BusinessError(f"The shipment '{number}' is already cancelled.")
        before = pending(shipment)
        shipment.status = "Cancelled"
        sync_orders(session, shipment, before)
        touched(session, shipment)
        return shipment


def shipment_from_order(
    db: Database, *, company_id: int, order_nbr: str, order_type: str | None, warehouse: str | None, date, operation
) -> Shipment:
    """`createShipment` of a sales order: a shipment to the order's customer from the warehouse named, with every
    open line of the order that ships from it."""
    with db.writing() as session:
        return ship_order(session, company_id, order_nbr, order_type, warehouse, date, operation)


def ship_order(session: Session, company_id: int, order_nbr: str, order_type, warehouse, date, operation) -> Shipment:
    """`shipment_from_order` in the caller's transaction (the demo seeds with it)."""
    order = sales_orders.find_order(session, company_id, order_nbr)
    problems = []
    if not (order_type or "").strip():
        problems.append("'orderType' cannot be empty.")
    elif order_type.strip().upper() != order.order_type:
        problems.append(f"Sales order '{order_nbr}' is of type {order.order_type}, not {order_type.strip()}.")
    if not (warehouse or "").strip():
        problems.append("'shipmentWarehouse' cannot be empty.")
    if operation not in (None, "", "Issue"):
        problems.append(f"'operation' {operation} is not served: nettfin ships sales orders (Issue) only.")
    if problems:
        raise BusinessError(" ".join(problems))
    changes = {
        "customer": order.customer.number,
        "fromWarehouse": warehouse.strip(),
        "shipmentDate": date,
        "location": order.location,
        "shipVia": order.ship_via,
        "fobPoint": order.fob_point,
        "shippingTerms": order.shipping_terms,
        "shippingZone": order.shipping_zone,
        "residentialDelivery": order.residential_delivery,
        "saturdayDelivery": order.saturday_delivery,
        "insurance": order.insurance,
        "transactionType": order.transaction_type,
    }
    shipment, _ignored = enter_shipment(session, company_id, {k: v for k, v in changes.items() if v is not None})
    before = pending(shipment)
    problems = order_problems(shipment, order)
    lines = [] if problems else shippable_lines(session, shipment, order)
    if not problems and not lines:
        problems.append(
            f"The sales order {order.order_type} {order.order_nbr} has no open lines to ship from warehouse "
            f"'{warehouse.strip()}'."
        )
    for order_line, quantity in lines:
        take_order_line(session, shipment, order_line, quantity)
    return _finish(session, shipment, before, problems)
