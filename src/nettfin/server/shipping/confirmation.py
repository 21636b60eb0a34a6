"""Confirming and correcting a shipment (SO302000): the stock moves through `stock.engine` and COGS posts
through `ledger.posting` (module IN, the shipment's period open in inventory management), in one transaction.

- Confirm: each line's stock is issued from its warehouse, location and lot/serial number (or its allocations)
  at the cost its layers give; nettfin allows no negative stock, so a line shipping more than is on hand is
  refused, naming the line, the place and the quantities. The item's COGS account is debited, its inventory
  account credited. The order lines count what was shipped (no longer what the shipment holds); an order whose
  lines are all shipped is Completed.
- Correct: a confirmed, not invoiced shipment is opened again: the stock comes back in at the cost it left with
  (the same value per line), COGS is credited and inventory debited, and the order lines hold it again as on an
  open shipment.
Every problem is refused at once, nothing written.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database, retrying_write
from ..inventory.models import WarehouseLocation
from ..kit.errors import BusinessError, record_errors
from ..kit.responses import check_if_match
from ..ledger.journal import Module
from ..ledger.periods import LedgerModule, PeriodNotOpen, period_open_for
from ..ledger.posting import PostingRefused, Source, post
from ..sales import orders as sales_orders
from ..stock.accounts import AccountMissing, Role, missing_accounts, posting_lines
from ..stock.engine import Move, Moved, StockRefused, StockSource, issue, receive
from . import shipments
from .models import ZERO, Shipment, ShipmentLine

ENTITY, RECORD = shipments.ENTITY, shipments.RECORD


@retrying_write
def confirm_shipment(db: Database, *, company_id: int, number: str, if_match) -> Shipment:
    with db.writing() as session:
        shipment = shipments.find(session, company_id, number, for_update=True)
        check_if_match(if_match, shipment.row_version)
        return confirm(session, shipment)


def confirm(session: Session, shipment: Shipment) -> Shipment:
    """`confirm_shipment` in the caller's transaction, on a shipment it has locked (the demo seeds with it)."""
    problems = _confirm_problems(session, shipment)
    if not problems:
        problems = _move_and_post(session, shipment, outbound=True)
    if problems:
        raise record_errors(action="confirming", entity=ENTITY, record=RECORD, errors=problems)
    _count_on_orders(session, shipment, sign=1)
    shipment.status = "Confirmed"
    shipments.touched(session, shipment)
    return shipment


@retrying_write
def correct_shipment(db: Database, *, company_id: int, number: str, if_match) -> Shipment:
    with db.writing() as session:
        shipment = shipments.find(session, company_id, number, for_update=True)
        check_if_match(if_match, shipment.row_version)
        name = f"The shipment '{number}'"
        if shipment.status in ("Invoiced", "PartiallyInvoiced"):
            raise BusinessError(f"{name} is invoiced and cannot be corrected: reverse the invoice first.")
        if shipment.status != "Confirmed":
            raise BusinessError(f"{name} is {shipment.status.lower()}: only a confirmed shipment can be corrected.")
        problems = _period_problems(session, shipment)
        if not problems:
            problems = _move_and_post(session, shipment, outbound=False)
        if problems:
            raise record_errors(action="correcting", entity=ENTITY, record=RECORD, errors=problems)
        _count_on_orders(session, shipment, sign=-1)
        shipment.status = "Hold" if shipment.hold else "Open"
        shipment.batch_number = None
        shipments.touched(session, shipment)
        return shipment


def _period_problems(session: Session, shipment: Shipment) -> list[str]:
    try:
        period_open_for(session, shipment.company_id, shipment.period_id, LedgerModule.INVENTORY_MANAGEMENT)
    except PeriodNotOpen as closed:
        return [closed.message]
    return []


def _confirm_problems(session: Session, shipment: Shipment) -> list[str]:
    name = f"The shipment '{shipment.shipment_nbr}'"
    if shipment.status in ("Confirmed", "Invoiced", "PartiallyInvoiced", "Completed"):
        return [f"{name} is already confirmed."]
    if shipment.status == "Cancelled":
        return [f"{name} is cancelled and cannot be confirmed."]
    if shipment.hold:
        return [f"{name} is on hold and cannot be confirmed: clear 'Hold' first."]
    if not shipment.lines:
        return [f"{name} has no lines."]
    problems = _period_problems(session, shipment)
    if shipment.control_quantity and shipment.control_quantity != shipment.shipped_quantity:
        problems.append(
            f"The shipped quantity ({shipment.shipped_quantity:.2f}) does not match the control quantity "
            f"({shipment.control_quantity:.2f})."
        )
    # What the shipment holds is already counted on its order lines: the open quantity rule sees it as its own.
    problems += shipments.quantity_problems(session, shipment, shipments.pending(shipment))
    problems += missing_accounts([line.item for line in shipment.lines], [Role.INVENTORY, Role.COGS])
    return problems


def _moves(session: Session, line: ShipmentLine, unit_cost: Decimal | None = None) -> list[Move]:
    if not line.allocations:
        return [
            Move(
                line.item,
                line.warehouse,
                line.shipped_qty,
                line.location,
                line.lot_serial or "",
                unit_cost,
                line.line_number,
            )
        ]
    moves = []
    for allocation in line.allocations:
        code = allocation.get("location")
        location = line.location
        if code:
            location = session.scalars(
                select(WarehouseLocation).where(
                    WarehouseLocation.warehouse_id == line.warehouse_id, WarehouseLocation.location_cd == code
                )
            ).first()
        quantity = Decimal(allocation.get("quantity") or 0)
        moves.append(
            Move(
                line.item,
                line.warehouse,
                quantity,
                location,
                allocation.get("lotSerialNumber") or "",
                unit_cost,
                line.line_number,
            )
        )
    return moves


def _move_and_post(session: Session, shipment: Shipment, *, outbound: bool) -> list[str]:
    on = shipment.date.date()
    source = StockSource("Shipment", shipment.shipment_nbr)
    moves: list[Move] = []
    for line in shipment.lines:
        unit = None if outbound else (line.value / line.shipped_qty if line.shipped_qty else ZERO)
        moves += _moves(session, line, unit)
    try:
        moved: list[Moved] = (issue if outbound else receive)(session, shipment.company_id, moves, on=on, source=source)
    except StockRefused as refused:
        return refused.problems
    if outbound:
        for line in shipment.lines:
            line.value = sum((m.value for m in moved if m.move.line == line.line_number), ZERO)
    description = f"{'Shipment' if outbound else 'Correction of shipment'} {shipment.shipment_nbr}"
    try:
        lines = posting_lines(moved, offset=Role.COGS, inbound=not outbound, description=description)
    except AccountMissing as missing:
        return [missing.message]
    if not lines:
        return []
    try:
        batch = post(
            session,
            company_id=shipment.company_id,
            module=Module.IN,
            period=shipment.period_id,
            date=on,
            description=description,
            source=Source(RECORD, shipment.shipment_nbr),
            lines=lines,
        )
    except PostingRefused as refused:
        return refused.problems
    if outbound:
        shipment.batch_number = batch.batch_number
    return []


def _count_on_orders(session: Session, shipment: Shipment, *, sign: int) -> None:
    """Confirmed (sign 1): what the lines held on their order lines is shipped. Corrected (-1): the other way."""
    orders = {}
    for line in shipment.lines:
        order_line = shipments.order_line_of(session, line)
        if order_line is None:
            continue
        sales_orders.record_shipment(order_line, shipped=sign * line.shipped_qty, on_shipments=-sign * line.shipped_qty)
        orders[order_line.order.id] = order_line.order
    for order in orders.values():
        sales_orders.touch(session, order)
