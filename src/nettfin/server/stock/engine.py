"""The stock engine: the one way any module moves stock (inventory receipts, issues, adjustments and transfers,
kit assembly, purchase receipts, shipments). It runs inside the caller's writing transaction and never commits.

Usage::

    from nettfin.server.stock.engine import Move, StockSource, issue, receive, transfer

    source = StockSource("Receipt", "000001")
    moved = receive(session, company_id, [Move(item, warehouse, Decimal("5"), unit_cost=Decimal("12.50"))],
                    on=date(2020, 3, 1), source=source)
    moved[0].value      # 62.50, what the inventory account is debited (`stock.accounts.posting_lines`)

The contract (stable; other modules rely on it):
- Every problem of every move is collected and raised at once as `StockRefused` (a 400 `BusinessError` whose
  `problems` a caller may word into its own error) before anything changes: an item that is not an active stock
  item; a quantity that is not positive; a location of another warehouse, inactive, or not allowing what the move
  does; a receipt of a lot or serial tracked item without its number, an untracked item with one, a serial
  quantity other than 1 or a serial number already on hand; an issue or transfer of more than is on hand at the
  place named (the quantity on hand never goes negative: nettfin allows no negative stock).
- The items moved are locked first (SELECT ... FOR UPDATE on PostgreSQL, in id order), so two transactions moving
  the same item run one after the other and the second sees the first's quantities; on SQLite the writing
  transaction holds the database.
- Moves are applied in the order given; a call's later moves see its earlier ones.
- A place is an item, warehouse, location and lot or serial number. A move without a location in a warehouse with
  locations receives at the first location that takes receipts (pick priority, then code) and issues from the
  locations in that order; an issue without a lot or serial number takes the oldest received first.
- Valuation by the item class's method (average cost for an item without a class): see `stock.valuation`. Values
  are in the base currency, rounded to the øre; a receipt's value is its quantity times its unit cost (None: the
  item's average cost in the warehouse, else its last cost); an issue's value comes off the cost layers; the value
  of a transfer between warehouses is received as it was issued, one within a warehouse moves no value. A transfer
  receives lot for lot what it took (an untracked destination check aside, its lots need not be named).
- Each move leaves `StockMovement` rows (one per place) with signed quantities and values; `Moved` gives the
  value, and the standard cost variance of a receipt (the cost paid less the standard value).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..inventory.models import (
    STOCK_TYPES,
    InventoryItem,
    LotSerialClass,
    Tracking,
    Valuation,
    Warehouse,
    WarehouseLocation,
)
from ..kit.errors import BusinessError
from .models import CostLayer, StockMovement, StockQuantity
from .valuation import ZERO, Layers, cents

__all__ = ["Move", "Moved", "StockRefused", "StockSource", "Transfer", "issue", "receive", "transfer"]


@dataclass(frozen=True)
class StockSource:
    """The document line a movement comes from: its type (`Receipt`, `Issue`, `Adjustment`, `Transfer`,
    `Assembly`, `PurchaseReceipt`, ...) and number."""

    document_type: str
    number: str


@dataclass(frozen=True)
class Move:
    item: InventoryItem
    warehouse: Warehouse
    quantity: Decimal
    location: WarehouseLocation | None = None
    lot_serial: str = ""
    unit_cost: Decimal | None = None
    # The document line number, named in problems and kept on the movement.
    line: int | None = None


@dataclass(frozen=True)
class Transfer:
    move: Move
    to_warehouse: Warehouse
    to_location: WarehouseLocation | None = None


@dataclass(frozen=True)
class Moved:
    move: Move
    value: Decimal
    variance: Decimal = ZERO


class StockRefused(BusinessError):
    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


def receive(session: Session, company_id: int, moves: Sequence[Move], *, on: date, source: StockSource) -> list[Moved]:
    book = _Book.open(session, company_id, [m.item for m in moves])
    book.check_all([(m, "in") for m in moves])
    return [book.put_in(m, on, source) for m in moves]


def issue(session: Session, company_id: int, moves: Sequence[Move], *, on: date, source: StockSource) -> list[Moved]:
    book = _Book.open(session, company_id, [m.item for m in moves])
    book.check_all([(m, "out") for m in moves])
    return [book.take_out(m, on, source) for m in moves]


def transfer(
    session: Session, company_id: int, transfers: Sequence[Transfer], *, on: date, source: StockSource
) -> list[Moved]:
    """Each transfer issues from its move's place and receives what it issued at the destination, lot for lot;
    between warehouses the value goes with it, within one the cost layers stay."""
    book = _Book.open(session, company_id, [t.move.item for t in transfers])
    checks: list[tuple[Move, str]] = []
    for t in transfers:
        checks.append((t.move, "out"))
        checks.append((_destination(t), "arrive"))
    book.check_all(checks)
    return [book.carry(t, on, source) for t in transfers]


def _destination(t: Transfer) -> Move:
    m = t.move
    return Move(m.item, t.to_warehouse, m.quantity, t.to_location, m.lot_serial, None, m.line)


def on_hand(session: Session, item_id: int, warehouse_id: int | None = None) -> Decimal:
    """The quantity of an item on hand, in one warehouse or in all."""
    query = select(StockQuantity.on_hand).where(StockQuantity.item_id == item_id)
    if warehouse_id is not None:
        query = query.where(StockQuantity.warehouse_id == warehouse_id)
    return sum(session.scalars(query), ZERO)


@dataclass
class _Book:
    """The quantities and layers of the items a call moves, loaded once and kept in step with its moves."""

    session: Session
    company_id: int
    places: dict[int, list[StockQuantity]]
    layers: dict[tuple[int, int], list[CostLayer]]
    classes: dict[str, LotSerialClass]
    locations: dict[int, list[WarehouseLocation]] = field(default_factory=dict)

    @classmethod
    def open(cls, session: Session, company_id: int, items: Iterable[InventoryItem]) -> _Book:
        ids = sorted({i.id for i in items})
        if ids:
            # Lock the items, in one order: concurrent moves of an item serialize here (no-op on SQLite).
            session.execute(
                select(InventoryItem.id).where(InventoryItem.id.in_(ids)).order_by(InventoryItem.id).with_for_update()
            )
        places: dict[int, list[StockQuantity]] = defaultdict(list)
        for q in session.scalars(
            select(StockQuantity)
            .where(StockQuantity.item_id.in_(ids))
            .order_by(StockQuantity.id)
            .execution_options(populate_existing=True)  # what the lock made current, not what was loaded before
        ):
            places[q.item_id].append(q)
        layers: dict[tuple[int, int], list[CostLayer]] = defaultdict(list)
        for layer in session.scalars(
            select(CostLayer)
            .where(CostLayer.item_id.in_(ids))
            .order_by(CostLayer.received_on, CostLayer.id)
            .execution_options(populate_existing=True)
        ):
            layers[(layer.item_id, layer.warehouse_id)].append(layer)
        classes = {
            c.class_cd.upper(): c
            for c in session.scalars(select(LotSerialClass).where(LotSerialClass.company_id == company_id))
        }
        return cls(session, company_id, places, layers, classes)

    # -- checks ---------------------------------------------------------------------------------------------

    def check_all(self, moves: Sequence[tuple[Move, str]]) -> None:
        """Every problem of the moves, applied in order on a copy of the quantities; raise them at once."""
        problems: list[str] = []
        simulated = {id(q): q.on_hand for qs in self.places.values() for q in qs}
        added: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
        for move, direction in moves:
            found = self._move_problems(move, direction)
            if found:
                problems.extend(found)
                continue
            if direction == "arrive":
                continue
            if direction == "in":
                key = (move.item.id, move.warehouse.id, self._receipt_location_id(move), move.lot_serial)
                serial = self._tracking(move.item) == Tracking.SERIAL
                held = added[key] + sum(
                    (simulated[id(q)] for q in self._matching(move.item, key[1], key[2], key[3])), ZERO
                )
                if serial and held > 0:
                    problems.append(
                        f"{_where(move)}The serial number '{move.lot_serial}' of item '{move.item.number}' "
                        f"is already on hand; a serial number is received once."
                    )
                added[key] += move.quantity
                continue
            candidates = self._issue_places(move)
            available = sum((simulated[id(q)] for q in candidates), ZERO)
            if available < move.quantity:
                problems.append(
                    f"{_where(move)}Updating item '{move.item.number}' in warehouse '{move.warehouse.warehouse_id}'"
                    f"{_place(move)} caused negative quantity on hand: {_qty(available)} on hand, "
                    f"{_qty(move.quantity)} to take."
                )
                continue
            rest = move.quantity
            for q in candidates:
                take = min(rest, simulated[id(q)])
                simulated[id(q)] -= take
                rest -= take
        if problems:
            raise StockRefused(problems)

    def _move_problems(self, move: Move, direction: str) -> list[str]:
        item, where = move.item, _where(move)
        problems = []
        if item.item_type not in STOCK_TYPES:
            return [f"{where}The item '{item.number}' is not a stock item; only stock items are kept on hand."]
        if item.status not in ("Active", "NoSales", "NoPurchases", "NoRequest"):
            problems.append(f"{where}The item '{item.number}' is {item.status.lower()}; it cannot be moved.")
        if move.quantity <= 0:
            problems.append(f"{where}The quantity must be greater than 0; {_qty(move.quantity)} was given.")
        if move.location is not None:
            problems.extend(_location_problems(move, direction))
        tracking = self._tracking(item)
        if tracking == Tracking.NONE and move.lot_serial:
            problems.append(
                f"{where}The item '{item.number}' is not lot or serial tracked; remove the lot/serial number "
                f"'{move.lot_serial}'."
            )
        if direction == "in" and tracking != Tracking.NONE and not move.lot_serial:
            kind = "serial" if tracking == Tracking.SERIAL else "lot"
            problems.append(f"{where}The item '{item.number}' is {kind} tracked: the {kind} number is required.")
        if tracking == Tracking.SERIAL and move.lot_serial and move.quantity > 0 and move.quantity != 1:
            problems.append(
                f"{where}The quantity of serial number '{move.lot_serial}' must be 1; {_qty(move.quantity)} was given."
            )
        if direction == "in" and move.unit_cost is not None and move.unit_cost < 0:
            problems.append(f"{where}The unit cost cannot be negative; {move.unit_cost} was given.")
        return problems

    def _tracking(self, item: InventoryItem) -> str:
        cls = self.classes.get((item.lot_serial_class or "").upper())
        return cls.tracking_method if cls else Tracking.NONE

    # -- places ---------------------------------------------------------------------------------------------

    def _locations(self, warehouse: Warehouse) -> list[WarehouseLocation]:
        if warehouse.id not in self.locations:
            self.locations[warehouse.id] = sorted(
                self.session.scalars(select(WarehouseLocation).where(WarehouseLocation.warehouse_id == warehouse.id)),
                key=lambda loc: (loc.pick_priority, loc.location_cd),
            )
        return self.locations[warehouse.id]

    def _receipt_location_id(self, move: Move) -> int | None:
        if move.location is not None:
            return move.location.id
        usable = [loc for loc in self._locations(move.warehouse) if loc.active and loc.receipts_allowed]
        return usable[0].id if usable else None

    def _matching(self, item: InventoryItem, warehouse_id: int, location_id: int | None, lot: str | None):
        return [
            q
            for q in self.places[item.id]
            if q.warehouse_id == warehouse_id and q.location_id == location_id and (lot is None or q.lot_serial == lot)
        ]

    def _issue_places(self, move: Move) -> list[StockQuantity]:
        """The places an issue takes from, in the order it takes: location pick priority, oldest received."""
        order = {loc.id: (loc.pick_priority, loc.location_cd) for loc in self._locations(move.warehouse)}
        usable = {loc.id for loc in self._locations(move.warehouse) if loc.active}
        places = [
            q
            for q in self.places[move.item.id]
            if q.warehouse_id == move.warehouse.id
            and (
                q.location_id == move.location.id
                if move.location is not None
                else q.location_id is None or q.location_id in usable
            )
            and (not move.lot_serial or q.lot_serial == move.lot_serial)
        ]
        return sorted(places, key=lambda q: (order.get(q.location_id, (0, "")), q.received_on, q.lot_serial, q.id))

    # -- applying -------------------------------------------------------------------------------------------

    def _layers(self, item: InventoryItem, warehouse: Warehouse) -> Layers:
        method = item.item_class.valuation_method if item.item_class is not None else Valuation.AVERAGE
        return Layers(method, self.layers[(item.id, warehouse.id)], item.current_cost)

    def put_in(self, move: Move, on: date, source: StockSource) -> Moved:
        layers = self._layers(move.item, move.warehouse)
        unit_cost = move.unit_cost
        if unit_cost is None:
            unit_cost = layers.average_cost() if layers.quantity() > 0 else move.item.last_cost
        stocked, variance = self._stock(move, layers, cents(move.quantity * unit_cost), on, source)
        self._arrive(move, move.lot_serial, move.quantity, stocked, on, source)
        return Moved(move, stocked, variance)

    def take_out(self, move: Move, on: date, source: StockSource) -> Moved:
        value = self._layers(move.item, move.warehouse).issue(move.quantity)
        self._take(move, value, on, source)
        return Moved(move, value)

    def carry(self, t: Transfer, on: date, source: StockSource) -> Moved:
        """A transfer: taken from its places, each lot arriving at the destination with its share of the value."""
        move, within = t.move, t.to_warehouse.id == t.move.warehouse.id
        value = ZERO if within else self._layers(move.item, move.warehouse).issue(move.quantity)
        taken = self._take(move, value, on, source)
        if not within:
            self._stock(_destination(t), self._layers(move.item, t.to_warehouse), value, on, source)
        for lot, quantity, share in taken:
            arrived = Move(move.item, t.to_warehouse, quantity, t.to_location, lot, None, move.line)
            self._arrive(arrived, lot, quantity, share, on, source)
        return Moved(move, value)

    def _stock(
        self, move: Move, layers: Layers, value: Decimal, on: date, source: StockSource
    ) -> tuple[Decimal, Decimal]:
        """`value` into the item's layers in the move's warehouse: what was stocked, and the variance."""
        stocked, variance = layers.receive(move.quantity, value)
        for layer in layers.created:
            layer.company_id, layer.item_id, layer.warehouse_id = self.company_id, move.item.id, move.warehouse.id
            layer.received_on, layer.source = on, f"{source.document_type} {source.number}"
            self.session.add(layer)
        layers.created.clear()
        return stocked, variance

    def _take(self, move: Move, value: Decimal, on: date, source: StockSource) -> list[tuple[str, Decimal, Decimal]]:
        """The move's quantity off its places in issue order, `value` shared by quantity (the last place takes the
        rest); (lot/serial number, quantity, value) per place."""
        taken, rest_quantity, rest_value = [], move.quantity, value
        for place in self._issue_places(move):
            if rest_quantity <= 0:
                break
            take = min(rest_quantity, place.on_hand)
            if take <= 0:
                continue
            share = rest_value if take == rest_quantity else cents(value * take / move.quantity)
            place.on_hand -= take
            self._movement(move, place, -take, -share, on, source)
            taken.append((place.lot_serial, take, share))
            rest_quantity -= take
            rest_value -= share
        return taken

    def _arrive(self, move: Move, lot: str, quantity: Decimal, value: Decimal, on: date, source: StockSource) -> None:
        location_id = self._receipt_location_id(move)
        place = next(iter(self._matching(move.item, move.warehouse.id, location_id, lot)), None)
        if place is None:
            place = StockQuantity(
                company_id=self.company_id,
                item_id=move.item.id,
                warehouse_id=move.warehouse.id,
                location_id=location_id,
                lot_serial=lot,
                on_hand=ZERO,
                received_on=on,
            )
            self.session.add(place)
            self.places[move.item.id].append(place)
        place.on_hand += quantity
        self._movement(move, place, quantity, value, on, source)

    def _movement(
        self, move: Move, place: StockQuantity, quantity: Decimal, value: Decimal, on: date, source: StockSource
    ) -> None:
        self.session.add(
            StockMovement(
                company_id=self.company_id,
                item_id=move.item.id,
                warehouse_id=move.warehouse.id,
                location_id=place.location_id,
                lot_serial=place.lot_serial,
                quantity=quantity,
                value=value,
                moved_on=on,
                source_type=source.document_type,
                source_number=source.number,
                source_line=move.line,
            )
        )


def _location_problems(move: Move, direction: str) -> list[str]:
    loc, where = move.location, _where(move)
    assert loc is not None
    if loc.warehouse_id != move.warehouse.id:
        return [
            f"{where}The location '{loc.location_cd}' is not a location of warehouse '{move.warehouse.warehouse_id}'."
        ]
    if not loc.active:
        return [f"{where}The location '{loc.location_cd}' of warehouse '{move.warehouse.warehouse_id}' is inactive."]
    if direction == "in" and not loc.receipts_allowed:
        return [f"{where}The location '{loc.location_cd}' does not allow receipts."]
    if direction == "arrive" and not loc.transfers_allowed:
        return [f"{where}The location '{loc.location_cd}' does not allow transfers."]
    return []


def _where(move: Move) -> str:
    return f"Line {move.line}: " if move.line is not None else ""


def _place(move: Move) -> str:
    parts = []
    if move.location is not None:
        parts.append(f" at location '{move.location.location_cd}'")
    if move.lot_serial:
        parts.append(f" of lot/serial number '{move.lot_serial}'")
    return "".join(parts)


def _qty(quantity: Decimal) -> str:
    return format(quantity.normalize(), "f")
