"""Physical inventory counts: prepare one for a warehouse, read them, enter counted quantities, complete one.

- `prepare` (IN502000, the admin CLI): a line per item, location and lot or serial number on hand in the
  warehouse, its book quantity frozen then, its unit cost the item's average (standard) cost there, else its
  last cost. Status Counting.
- `update` (the API's PUT): counted quantities by line number (or by item, location and lot), lines inserted for
  places the count did not find; every problem refused at once with nothing written. The first quantity entered
  makes the count Entering. A completed or cancelled count is refused.
- `complete` (the CLI: the API's update DTO has no status): the counted less the book quantity of every line
  counted is received (a gain, at the item's average or standard cost) or issued (a loss) through `stock.engine`
  and posted against the inventory adjustment account, module IN, in the period of the day given; lines not
  counted are skipped. Status Completed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..inventory.models import STOCK_TYPES, InventoryItem, Valuation, Warehouse, WarehouseLocation
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.checks import fits_column
from ..kit.conditions import CONDITIONS, DateCondition
from ..kit.document_numbers import DocumentNumbers
from ..kit.errors import BusinessError, NotFound
from ..kit.paging import Listing, Page, PageResult, fetch_page
from ..kit.records import RecordKey
from ..kit.responses import check_if_match
from ..ledger.journal import Module
from ..ledger.periods import LedgerModule, period_open_for
from ..ledger.posting import Source, post
from ..stock.accounts import Role, posting_lines, require_accounts
from ..stock.engine import Move, StockSource, issue, receive
from ..stock.models import CostLayer, StockQuantity
from .models import ZERO, CountStatus, LineStatus, Stocktake, StocktakeLine

RESOURCE = "stocktake"
MAX_PAGE_SIZE = 500
LISTING = Listing(resource=RESOURCE, model=Stocktake, key=Stocktake.ref_nbr)
NUMBERS = DocumentNumbers(
    RecordKey("referenceNbr", Stocktake.ref_nbr, "Ref. no.", "PHYSINV"), "Physical inventory counts"
)
SOURCE_TYPE = "Stocktake"
_CLOSED = (CountStatus.COMPLETED, CountStatus.CANCELLED)


# --- reading ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineFilters:
    """The list's filters on lines: a count is listed when a line matches, with the lines that match."""

    location: str | None = None
    inventory: str | None = None
    lot_serial: str | None = None
    status: str | None = None
    start_line: int | None = None
    end_line: int | None = None
    expiration: DateCondition | None = None

    def any(self) -> bool:
        return any(v is not None for v in vars(self).values())

    def conditions(self) -> list:
        """The filters on a line's columns, for SQL."""
        found = []
        if self.location is not None:
            found.append(StocktakeLine.location.has(WarehouseLocation.location_cd == self.location))
        if self.inventory is not None:
            found.append(StocktakeLine.item.has(InventoryItem.number == self.inventory))
        if self.lot_serial is not None:
            found.append(StocktakeLine.lot_serial == self.lot_serial)
        if self.status is not None:
            found.append(StocktakeLine.status == self.status)
        if self.start_line is not None:
            found.append(StocktakeLine.line_nbr >= self.start_line)
        if self.end_line is not None:
            found.append(StocktakeLine.line_nbr <= self.end_line)
        if self.expiration is not None:
            found.append(_expiration_condition(self.expiration, StocktakeLine.expiration_date))
        return found

    def matches(self, line: StocktakeLine) -> bool:
        """The same filters on a loaded line."""
        if self.expiration is not None and (
            line.expiration_date is None or not _expiration_condition(self.expiration, line.expiration_date)
        ):
            return False
        return (
            (self.location is None or (line.location is not None and line.location.location_cd == self.location))
            and (self.inventory is None or line.item.number == self.inventory)
            and (self.lot_serial is None or line.lot_serial == self.lot_serial)
            and (self.status is None or line.status == self.status)
            and (self.start_line is None or line.line_nbr >= self.start_line)
            and (self.end_line is None or line.line_nbr <= self.end_line)
        )


def _expiration_condition(condition: DateCondition, value):
    """Expiration dates are days: the bound is compared by its day."""
    return CONDITIONS[condition.condition](value, condition.moment.date())


@dataclass(frozen=True)
class CountFilters:
    warehouse: str | None = None
    summary_status: str | None = None
    frozen: DateCondition | None = None
    modified: DateCondition | None = None
    lines: LineFilters = field(default_factory=LineFilters)

    def conditions(self) -> list:
        found = []
        if self.warehouse is not None:
            found.append(Stocktake.warehouse.has(Warehouse.warehouse_id == self.warehouse))
        if self.summary_status is not None:
            found.append(Stocktake.status == self.summary_status)
        if self.frozen is not None:
            found.append(self.frozen.apply(Stocktake.frozen_at))
        if self.modified is not None:
            found.append(self.modified.apply(Stocktake.last_modified_at))
        if self.lines.any():
            found.append(Stocktake.lines.any(and_(*self.lines.conditions())))
        return found


def list_counts(db: Database, *, company_id: int, filters: CountFilters, page: Page) -> PageResult:
    with db.reading() as session:
        return fetch_page(
            session, LISTING, company_id=company_id, conditions=filters.conditions(), signature=filters, page=page
        )


def get_count(db: Database, *, company_id: int, ref_nbr: str) -> Stocktake:
    with db.reading() as session:
        return _find(session, company_id, ref_nbr)


def _find(session: Session, company_id: int, ref_nbr: str, *, for_update: bool = False) -> Stocktake:
    return NUMBERS.find(
        session, company_id, ref_nbr, for_update=for_update, missing=messages.not_found("Stocktake", ref_nbr)
    )


# --- preparing ----------------------------------------------------------------------------------------------


def prepare(
    session: Session, company_id: int, warehouse_code: str, *, description: str = "", at: datetime | None = None
) -> Stocktake:
    """A new count of what is on hand in the warehouse (Prepare Physical Count). Refused while another count
    of the warehouse is in progress."""
    warehouse = session.scalar(
        select(Warehouse).where(Warehouse.company_id == company_id, Warehouse.warehouse_id == warehouse_code)
    )
    if warehouse is None:
        raise NotFound(messages.cannot_be_found("Warehouse", warehouse_code))
    open_count = session.scalar(
        select(Stocktake.ref_nbr).where(
            Stocktake.company_id == company_id,
            Stocktake.warehouse_id == warehouse.id,
            Stocktake.status.not_in(list(_CLOSED)),
        )
    )
    if open_count is not None:
        raise BusinessError(
            f"The warehouse '{warehouse_code}' is being counted in stocktake '{open_count}'; complete it first."
        )
    moment = at or utcnow()
    count = Stocktake(
        company_id=company_id,
        ref_nbr=NUMBERS.allocate(session, company_id),
        description=description or f"Physical count of warehouse {warehouse_code}",
        status=CountStatus.COUNTING,
        warehouse=warehouse,
        frozen_at=moment,
        created_at=moment,
        last_modified_at=moment,
    )
    places = session.scalars(
        select(StockQuantity)
        .join(InventoryItem, InventoryItem.id == StockQuantity.item_id)
        .outerjoin(WarehouseLocation, WarehouseLocation.id == StockQuantity.location_id)
        .where(StockQuantity.warehouse_id == warehouse.id, StockQuantity.on_hand > 0)
        .order_by(InventoryItem.number, WarehouseLocation.location_cd, StockQuantity.lot_serial, StockQuantity.id)
    ).all()
    costs = _unit_costs(session, warehouse, {p.item_id for p in places})
    for number, place in enumerate(places, start=1):
        count.lines.append(
            StocktakeLine(
                line_nbr=number,
                tag_nbr=number,
                status=LineStatus.NOT_ENTERED,
                item_id=place.item_id,
                location_id=place.location_id,
                lot_serial=place.lot_serial,
                book_quantity=place.on_hand,
                unit_cost=costs[place.item_id],
                added=False,
                last_modified_at=moment,
            )
        )
    session.add(count)
    session.flush()
    bump_version(session, company_id=company_id, resource=RESOURCE)
    return count


def _unit_costs(session: Session, warehouse: Warehouse, item_ids: set[int]) -> dict[int, Decimal]:
    """Each item's unit cost in the warehouse: standard cost, else the layers' average, else its last cost."""
    totals = {
        item_id: (quantity, value)
        for item_id, quantity, value in session.execute(
            select(CostLayer.item_id, func.sum(CostLayer.quantity), func.sum(CostLayer.value))
            .where(CostLayer.warehouse_id == warehouse.id, CostLayer.item_id.in_(item_ids))
            .group_by(CostLayer.item_id)
        )
    }
    costs = {}
    for item in session.scalars(select(InventoryItem).where(InventoryItem.id.in_(item_ids))):
        costs[item.id] = _unit_cost(item, *totals.get(item.id, (ZERO, ZERO)))
    return costs


def _unit_cost(item: InventoryItem, quantity: Decimal, value: Decimal) -> Decimal:
    if item.item_class is not None and item.item_class.valuation_method == Valuation.STANDARD:
        return item.current_cost or ZERO
    if quantity:
        return (Decimal(value) / Decimal(quantity)).quantize(Decimal("0.0001"))
    return item.last_cost or ZERO


# --- entering counts ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineChange:
    """One element of the PUT's `lines`, as sent (None: not sent)."""

    operation: str | None = None
    line_nbr: int | None = None
    physical_quantity: Decimal | None = None
    inventory: str | None = None
    location: str | None = None
    reason_code: str | None = None
    lot_serial: str | None = None
    expiration: date | None = None
    sent: frozenset[str] = frozenset()


class StocktakeRefused(BusinessError):
    """A refused PUT: the service answers the line's details, the message and an error code
    (`StocktakeV2ExceptionDto`)."""

    def __init__(self, message: str, code: str, change: LineChange | None) -> None:
        super().__init__(message)
        self.code = code
        self.change = change

    def body(self, visma_id: str) -> dict | None:
        change = self.change or LineChange()
        details = {
            "inventoryId": change.inventory,
            "locationId": change.location,
            "physicalQuantity": float(change.physical_quantity) if change.physical_quantity is not None else None,
            "reasonCode": change.reason_code,
            "lotSerialNumber": change.lot_serial,
            "expirationDate": f"{change.expiration.isoformat()}T00:00:00" if change.expiration else None,
        }
        return {
            **{k: v for k, v in details.items() if v is not None},
            "message": f"VismaId: {visma_id}. {self.message}",
            "errorCode": self.code,
        }


@dataclass
class _Problems:
    found: list[tuple[str, str, LineChange | None]] = field(default_factory=list)

    def add(self, text: str, code: str = "NotDefined", change: LineChange | None = None) -> None:
        self.found.append((text, code, change))

    def raise_any(self) -> None:
        if self.found:
            _, code, change = self.found[0]
            raise StocktakeRefused(" ".join(text for text, _, _ in self.found), code, change)


def update(
    db: Database, *, company_id: int, ref_nbr: str, changes: Sequence[LineChange], if_match: str | None = None
) -> Stocktake:
    with db.writing() as session:
        return enter_counts(session, company_id, ref_nbr, changes, if_match=if_match)


def enter_counts(
    session: Session,
    company_id: int,
    ref_nbr: str,
    changes: Sequence[LineChange],
    *,
    if_match: str | None = None,
    at: datetime | None = None,
) -> Stocktake:
    """The PUT's changes to a count's lines, inside the caller's writing transaction; `at`: the moment stamped."""
    count = _find(session, company_id, ref_nbr, for_update=True)
    check_if_match(if_match, count.row_version)
    problems = _Problems()
    if count.status in _CLOSED:
        problems.add(f"The stocktake '{count.ref_nbr}' is {count.status.lower()} and cannot be changed.")
        problems.raise_any()
    now = at or utcnow()
    with session.no_autoflush:
        _apply(session, count, changes, problems, now)
    problems.raise_any()
    if count.status == CountStatus.COUNTING and any(x.status == LineStatus.ENTERED for x in count.lines):
        count.status = CountStatus.ENTERING
    count.last_modified_at = now
    bump_version(session, company_id=company_id, resource=RESOURCE)
    session.flush()
    return count


def _apply(
    session: Session, count: Stocktake, changes: Sequence[LineChange], problems: _Problems, now: datetime
) -> None:
    by_number = {line.line_nbr: line for line in count.lines}
    locations = {loc.location_cd.upper(): loc for loc in count.warehouse.locations}
    items: dict[str, InventoryItem | None] = {}
    for index, change in enumerate(changes):
        where = f"lines[{index}]: "
        too_big = [p for p in _column_problems(change) if p]
        if too_big:
            for problem in too_big:
                problems.add(f"{where}{problem}", change=change)
            continue
        if change.physical_quantity is not None and change.physical_quantity < 0:
            problems.add(
                f"{where}The physical quantity cannot be negative; {change.physical_quantity} was given.",
                change=change,
            )
            continue
        operation = change.operation or _default_operation(count, change, locations)
        if operation == "Insert":
            line = _insert(session, count, change, where, locations, items, problems)
            if line is None:
                continue
            by_number[line.line_nbr] = line
        else:
            line = _line_of(count, change, by_number, locations, where, problems)
            if line is None:
                continue
            if operation == "Delete":
                if not line.added:
                    problems.add(
                        f"{where}Line {line.line_nbr} was prepared from the book quantities and cannot be deleted; "
                        "enter its physical quantity instead.",
                        "CombinationNotAllowed",
                        change,
                    )
                    continue
                count.lines.remove(line)
                del by_number[line.line_nbr]
                continue
        if "physicalQuantity" in change.sent:
            line.physical_quantity = change.physical_quantity
            line.status = LineStatus.NOT_ENTERED if change.physical_quantity is None else LineStatus.ENTERED
        if "reasonCode" in change.sent:
            line.reason_code = change.reason_code
        if "expirationDate" in change.sent:
            line.expiration_date = change.expiration
        line.last_modified_at = now


def _column_problems(change: LineChange) -> list[str | None]:
    """What a change sends that its column cannot hold."""
    columns = StocktakeLine.__table__.c
    return [
        fits_column(columns.physical_quantity, change.physical_quantity, "Physical quantity"),
        fits_column(columns.reason_code, change.reason_code, "Reason code"),
        fits_column(columns.lot_serial, change.lot_serial, "Lot/serial number"),
    ]


def _default_operation(count: Stocktake, change: LineChange, locations: dict) -> str:
    """Without `operation`: an update of the line named, or of the one line of the item, location and lot sent;
    an insert when the count has no such line."""
    if change.line_nbr is not None or not change.inventory:
        return "Update"
    return "Update" if _matching(count, change, locations) else "Insert"


def _matching(count: Stocktake, change: LineChange, locations: dict) -> list[StocktakeLine]:
    location = locations.get((change.location or "").upper())
    return [
        line
        for line in count.lines
        if line.item.number == change.inventory
        and (not change.location or line.location_id == (location.id if location else None))
        and (change.lot_serial is None or line.lot_serial == change.lot_serial)
    ]


def _line_of(count, change, by_number, locations, where, problems) -> StocktakeLine | None:
    """The line a change names: by `lineNbr`, else by item, location and lot or serial number."""
    if change.line_nbr is not None:
        line = by_number.get(change.line_nbr)
        if line is None:
            problems.add(f"{where}Line {change.line_nbr} is not on the stocktake '{count.ref_nbr}'.", change=change)
        return line
    if not change.inventory:
        problems.add(f"{where}Name the line by 'lineNbr', or by 'inventoryId' (and location).", change=change)
        return None
    matching = _matching(count, change, locations)
    if len(matching) != 1:
        detail = "no line" if not matching else "more than one line"
        problems.add(
            f"{where}The stocktake '{count.ref_nbr}' has {detail} of item '{change.inventory}'"
            f"{f' at location {change.location!r}' if change.location else ''}; name the line by 'lineNbr'.",
            "InventoryIDNotFound" if not matching else "NotDefined",
            change,
        )
        return None
    return matching[0]


def _insert(session, count, change, where, locations, items, problems) -> StocktakeLine | None:
    """A line for a place the preparation did not find: book quantity 0."""
    if not change.inventory:
        problems.add(f"{where}{messages.cannot_be_empty('Inventory ID')}", "InventoryIDNotFound", change)
        return None
    if change.inventory not in items:
        items[change.inventory] = session.scalar(
            select(InventoryItem).where(
                InventoryItem.company_id == count.company_id, InventoryItem.number == change.inventory
            )
        )
    item = items[change.inventory]
    if item is None:
        problems.add(
            f"{where}{messages.cannot_be_found('Inventory item', change.inventory)}", "InventoryIDNotFound", change
        )
        return None
    if item.item_type not in STOCK_TYPES:
        problems.add(f"{where}The item '{item.number}' is not a stock item.", "ItemIsNotStockItem", change)
        return None
    location = None
    if change.location:
        location = locations.get(change.location.upper())
        if location is None:
            problems.add(
                f"{where}The location '{change.location}' is not a location of warehouse "
                f"'{count.warehouse.warehouse_id}'.",
                "LocationIDNotFound",
                change,
            )
            return None
    elif count.warehouse.locations:
        problems.add(f"{where}{messages.cannot_be_empty('Location')}", "LocationIDNotFound", change)
        return None
    lot = change.lot_serial or ""
    for line in count.lines:
        if (
            line.item_id == item.id
            and line.location_id == (location.id if location else None)
            and line.lot_serial == lot
        ):
            problems.add(
                f"{where}Item '{item.number}'{f' at location {location.location_cd!r}' if location else ''}"
                f"{f' of lot/serial number {lot!r}' if lot else ''} is already on line {line.line_nbr}.",
                "CombinationAlreadyInUse",
                change,
            )
            return None
    costs = _unit_costs(session, count.warehouse, {item.id})
    line = StocktakeLine(
        line_nbr=max((x.line_nbr for x in count.lines), default=0) + 1,
        status=LineStatus.NOT_ENTERED,
        item=item,
        item_id=item.id,
        location=location,
        lot_serial=lot,
        book_quantity=ZERO,
        unit_cost=costs[item.id],
        added=True,
    )
    line.tag_nbr = line.line_nbr
    count.lines.append(line)
    return line


# --- completing ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Completed:
    count: Stocktake
    gains: int
    losses: int
    batch_number: str | None


def complete(
    session: Session, company_id: int, ref_nbr: str, *, on: date | None = None, at: datetime | None = None
) -> Completed:
    """Release the count's differences (see the module's docstring); refused, with nothing written, when the
    count is closed, its period is not open for IN, an account is missing or stock would go negative."""
    count = _find(session, company_id, ref_nbr, for_update=True)
    if count.status in _CLOSED:
        raise BusinessError(f"The stocktake '{count.ref_nbr}' is {count.status.lower()} and cannot be completed.")
    day = on or utcnow().date()
    period = f"{day.year}{day.month:02d}"
    period_open_for(session, company_id, period, LedgerModule.INVENTORY_MANAGEMENT)
    counted = [x for x in count.lines if x.status == LineStatus.ENTERED and x.variance_quantity != 0]
    require_accounts([x.item for x in counted], [Role.INVENTORY, Role.ADJUSTMENT])
    source = StockSource(SOURCE_TYPE, count.ref_nbr)
    warehouse = count.warehouse

    def move(line: StocktakeLine) -> Move:
        return Move(
            line.item, warehouse, abs(line.variance_quantity), line.location, line.lot_serial, None, line.line_nbr
        )

    gains = [move(x) for x in counted if x.variance_quantity > 0]
    losses = [move(x) for x in counted if x.variance_quantity < 0]
    lines = []
    if losses:
        out = issue(session, company_id, losses, on=day, source=source)
        lines += posting_lines(out, offset=Role.ADJUSTMENT, inbound=False, description=f"Stocktake {count.ref_nbr}")
    if gains:
        got = receive(session, company_id, gains, on=day, source=source)
        lines += posting_lines(got, offset=Role.ADJUSTMENT, inbound=True, description=f"Stocktake {count.ref_nbr}")
    batch = None
    if lines:
        batch = post(
            session,
            company_id=company_id,
            module=Module.IN,
            period=period,
            date=day,
            description=f"Stocktake {count.ref_nbr}",
            source=Source(SOURCE_TYPE, count.ref_nbr),
            lines=lines,
        )
    now = at or utcnow()
    for line in count.lines:
        if line.status == LineStatus.NOT_ENTERED:
            line.status = LineStatus.SKIPPED
            line.last_modified_at = now
    count.status = CountStatus.COMPLETED
    count.completed_on = day
    count.batch_number = batch.batch_number if batch is not None else None
    count.last_modified_at = now
    bump_version(session, company_id=company_id, resource=RESOURCE)
    session.flush()
    return Completed(count, len(gains), len(losses), count.batch_number)


def items_counted(session: Session, company_id: int, ref_nbr: str) -> list[int] | None:
    """The items on a count (the barcode lookup's `stocktake` documents); None when no count has the number."""
    found = session.scalar(select(Stocktake.id).where(Stocktake.company_id == company_id, Stocktake.ref_nbr == ref_nbr))
    if found is None:
        return None
    return list(session.scalars(select(StocktakeLine.item_id).where(StocktakeLine.stocktake_id == found).distinct()))
