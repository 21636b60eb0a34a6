"""Kit assembly use cases (IN307000): list, read, create, update and delete unreleased documents.

A document is of type `P` (production: assemble kits from their components) or `D` (disassembly: take kits apart
into them), numbered from one series (`KITASSEMBLY`) and named by type and number. It names a kit item (flagged
`kitItem`, a stock item), one revision of its specification (the first active one when none is sent), the
warehouse and location the kit goes into or comes out of, and the kit quantity. Its component lines come from
the specification: a collection (`stockComponentLines`, `nonStockComponentLines`) the body does not send is
made from the revision, each line's quantity its per-kit quantity times the kit quantity (times the
disassembly coefficient in a disassembly), and rescaled when the kit quantity changes; a collection the body
sends is made of the lines it sends (line operations, `kit.lines`). A line's quantity must be the
specification's unless the revision allows variation (then within its minimum and maximum), and a component not
in the revision is accepted only when it allows adding components. Stock components are issued (received, in a
disassembly) in the document's warehouse, at the line's location. Statuses: H (on hold), B (balanced), R
(released). Every problem is reported at once; nothing is written when there is one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..documents.lines import calendar_day
from ..documents.periods import POST_PERIOD, choose_period
from ..inventory.models import InventoryItem, Warehouse, WarehouseLocation
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.checks import fits_column
from ..kit.document_lists import ListWindow, fetch_filtered
from ..kit.document_numbers import DocumentNumbers
from ..kit.errors import BusinessError, record_errors
from ..kit.lines import LineBook, apply_line_operations
from ..kit.paging import Listing, Page, PageResult
from ..kit.records import RecordKey, find_by_code
from ..kit.responses import check_if_match
from ..ledger.periods import LedgerModule
from ..stock.models import CostLayer
from .models import ONE, ZERO, KitAssembly, KitAssemblyComponent, KitSpecification
from .specifications import component_problems, quantity, revision_of

RESOURCE = "kitAssembly"
LISTING = Listing(resource=RESOURCE, model=KitAssembly, key=KitAssembly.ref_no)
NUMBERS = DocumentNumbers(RecordKey("refNo", KitAssembly.ref_no, "Reference nbr.", "KITASSEMBLY"), "Kit assemblies")
ENTITY, RECORD = "kit assembly", "KitAssembly"
STOCK_LINES, NON_STOCK_LINES = "stockComponentLines", "nonStockComponentLines"
PRODUCTION, DISASSEMBLY = "P", "D"
TYPES = {
    "P": PRODUCTION,
    "PRODUCTION": PRODUCTION,
    "ASSEMBLY": PRODUCTION,
    "D": DISASSEMBLY,
    "DISASSEMBLY": DISASSEMBLY,
}
ACCEPTED_TYPES = "P (Production), D (Disassembly)"
STATUSES = ("H", "B", "R")
_SCALARS = {
    "description": ("description", "Description"),
    "reasonCode": ("reason_code", "Reason code"),
}
_NOT_SERVED = ("stockComponentAllocations", "kitAllocations")
_IGNORED = ("kitAssemblyLink",)


def parse_type(text: str | None) -> str:
    """A path's or body's type: P or D (the words Production, Assembly and Disassembly too)."""
    found = TYPES.get((text or "").strip().upper())
    if found is None:
        raise BusinessError(f"The kit assembly type '{text}' is not valid. Accepted values: {ACCEPTED_TYPES}.")
    return found


def type_name(kind: str) -> str:
    return "production" if kind == PRODUCTION else "disassembly"


@dataclass(frozen=True)
class AssemblyFilters:
    window: ListWindow = ListWindow()
    kind: str | None = None
    number: str | None = None
    status: str | None = None

    def conditions(self) -> list:
        found = self.window.conditions(KitAssembly.ref_no, KitAssembly.last_modified_at, KitAssembly.created_at)
        if self.kind is not None:
            found.append(KitAssembly.doc_type == self.kind)
        if self.number is not None:
            found.append(KitAssembly.ref_no == self.number)
        if self.status is not None:
            found.append(KitAssembly.status == self.status)
        return found


def status_of(assembly: KitAssembly) -> str:
    if assembly.released:
        return "R"
    return "H" if assembly.hold else "B"


def label(assembly: KitAssembly) -> str:
    return f"Kit assembly {assembly.doc_type} {assembly.ref_no}"


# --- reading ----------------------------------------------------------------------------------------------


def list_assemblies(db: Database, *, company_id: int, filters: AssemblyFilters, page: Page) -> PageResult:
    with db.reading() as session:
        return fetch_filtered(session, LISTING, company_id=company_id, filters=filters, page=page)


def get_assembly(db: Database, *, company_id: int, kind: str, number: str) -> KitAssembly:
    with db.reading() as session:
        return find_assembly(session, company_id, kind, number)


def find_assembly(
    session: Session, company_id: int, kind: str, number: str, *, for_update: bool = False
) -> KitAssembly:
    missing = messages.not_found("Kit assembly", f"{kind} {number}")
    return NUMBERS.find(
        session, company_id, number, where=(KitAssembly.doc_type == kind,), for_update=for_update, missing=missing
    )


# --- writing ----------------------------------------------------------------------------------------------


def create_assembly(db: Database, *, company_id: int, dto) -> tuple[KitAssembly, list[str]]:
    changes = dto.changes()
    with db.writing() as session:
        return enter_assembly(session, company_id, changes)


def enter_assembly(session: Session, company_id: int, changes: dict) -> tuple[KitAssembly, list[str]]:
    """A new document from a write body's changes, in the caller's transaction (the demo seeds with it)."""
    assembly = KitAssembly(company_id=company_id, hold=False, released=False, quantity=ONE, components=[])
    problems: list[str] = []
    try:
        assembly.doc_type = parse_type(changes.get("type") or PRODUCTION)
    except BusinessError as refused:
        problems.append(f"'Type': {refused.message}")
        assembly.doc_type = PRODUCTION
    ignored = NUMBERS.enter(
        session,
        assembly,
        changes,
        lambda _ignored: problems + _apply(session, assembly, changes, inserting=True),
        entity=ENTITY,
        label=RECORD,
        resource=RESOURCE,
    )
    return assembly, ignored + _ignored(changes)


def update_assembly(
    db: Database, *, company_id: int, kind: str, number: str, dto, if_match: str | None
) -> tuple[KitAssembly, list[str]]:
    changes = dto.changes()
    with db.writing() as session:
        assembly = find_assembly(session, company_id, kind, number, for_update=True)
        check_if_match(if_match, assembly.row_version)
        ignored = [
            wire
            for wire, current in (("refNo", number), ("type", kind))
            if wire in changes and (changes[wire] or "").strip().upper() != current.upper()
        ]
        if assembly.released:
            problems = [f"{label(assembly)} is released and cannot be changed."]
        else:
            with session.no_autoflush:
                problems = _apply(session, assembly, changes, inserting=False)
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        assembly.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        session.flush()
        return assembly, ignored + _ignored(changes)


def delete_assembly(db: Database, *, company_id: int, kind: str, number: str) -> None:
    with db.writing() as session:
        assembly = find_assembly(session, company_id, kind, number, for_update=True)
        if assembly.released:
            raise BusinessError(f"{label(assembly)} is released and cannot be deleted.")
        session.delete(assembly)
        bump_version(session, company_id=company_id, resource=RESOURCE)


def _ignored(changes: dict) -> list[str]:
    return [name for name in _IGNORED if name in changes]


@dataclass
class _Context:
    """What applying a body found: the revision the document names (None: not found)."""

    spec: KitSpecification | None
    kit_changed: bool
    quantity_changed: bool


def _apply(session: Session, assembly: KitAssembly, changes: dict, *, inserting: bool) -> list[str]:
    problems: list[str] = []
    for wire in _NOT_SERVED:
        if changes.get(wire):
            problems.append(f"'{wire}': lot and serial allocations are not served on kit assemblies; leave it out.")
    for wire, (attr, text) in _SCALARS.items():
        if wire in changes:
            value = (changes[wire] or "").strip() or None
            problem = fits_column(KitAssembly.__table__.c[attr], value, text)
            problems += [problem] if problem else []
            setattr(assembly, attr, value)
    if "hold" in changes:
        assembly.hold = bool(changes["hold"])
    if "date" in changes or inserting:
        assembly.date = calendar_day(changes.get("date")) or calendar_day(utcnow())
    choice = choose_period(
        session,
        company_id=assembly.company_id,
        changes=changes,
        fields=(POST_PERIOD,),
        day=assembly.date.date(),
        current=assembly.period_id,
        moved="date" in changes,
        module=LedgerModule.INVENTORY_MANAGEMENT,
    )
    problems += choice.problems
    if choice.period is not None:
        assembly.period_id = choice.period
    kit_problems, context = _apply_kit(session, assembly, changes, inserting)
    problems += kit_problems
    problems += _apply_place(session, assembly, changes, inserting)
    if kit_problems or assembly.kit_item is None or context.spec is None:
        assembly.status = status_of(assembly)
        return problems
    for collection, stock in ((STOCK_LINES, True), (NON_STOCK_LINES, False)):
        sent = changes.get(collection)
        if sent is None and (inserting or context.kit_changed):
            _lines_from_specification(assembly, context.spec, stock)
        elif sent is None and context.quantity_changed:
            _rescale(assembly, stock)
        elif sent is not None:
            if inserting or context.kit_changed:
                for line in [line for line in assembly.components if line.stock == stock]:
                    assembly.components.remove(line)
            problems += _apply_lines(session, assembly, context.spec, stock, collection, sent)
    assembly.status = status_of(assembly)
    if problems:
        return problems
    return whole_problems(assembly)


def _apply_kit(session: Session, assembly: KitAssembly, changes: dict, inserting: bool) -> tuple[list[str], _Context]:
    problems: list[str] = []
    kit_changed = False
    if "itemId" in changes or inserting:
        code = (changes.get("itemId") or "").strip()
        kit = find_by_code(session, InventoryItem, InventoryItem.number, assembly.company_id, code) if code else None
        if not code:
            problems.append(messages.cannot_be_empty("Inventory ID"))
        elif kit is None:
            problems.append(messages.cannot_be_found("Inventory ID", code))
        elif not kit.kit_item:
            problems.append(f"'Inventory ID': the item '{code}' is not a kit: set 'kitItem' on the item first.")
        elif not kit.stock_item:
            problems.append(f"'Inventory ID': the item '{code}' is a non-stock item; nettfin assembles stock kits.")
        else:
            kit_changed = assembly.kit_item_id != kit.id
            assembly.kit_item, assembly.kit_item_id = kit, kit.id
    kit = assembly.kit_item
    spec = None
    if kit is not None and not problems:
        revision = (changes.get("revision") or "").strip() if "revision" in changes else None
        if revision is None and not kit_changed:
            revision = assembly.revision
        spec = revision_of(session, assembly.company_id, kit, revision or None)
        if spec is None:
            problems.append(
                f"'Revision': the kit item '{kit.number}' has no specification revision '{revision}'."
                if revision
                else f"The kit item '{kit.number}' has no active specification revision: add one in "
                "KitSpecifications first."
            )
        else:
            kit_changed = kit_changed or spec.revision != assembly.revision
            assembly.revision = spec.revision
    if "uoM" in changes and kit is not None:
        uom = (changes["uoM"] or "").strip() or kit.base_unit
        if uom.upper() != (kit.base_unit or "").upper():
            problems.append(f"'UoM' '{uom}': nettfin converts no units; use the kit's base unit '{kit.base_unit}'.")
    if kit is not None:
        assembly.uom = kit.base_unit
    quantity_changed = False
    if "quantity" in changes:
        sent = changes["quantity"]
        too_large = fits_column(KitAssembly.__table__.c.quantity, sent, "Quantity")
        value = quantity(sent) if sent is not None else None
        if too_large:
            problems.append(too_large)
        elif value is None or value <= 0:
            shown = "nothing" if sent is None else f"{sent}"
            problems.append(f"'Quantity' must be greater than 0; {shown} was given.")
        else:
            quantity_changed = value != assembly.quantity
            assembly.quantity = value
    return problems, _Context(spec, kit_changed, quantity_changed)


def _apply_place(session: Session, assembly: KitAssembly, changes: dict, inserting: bool) -> list[str]:
    problems: list[str] = []
    if "warehouse" in changes or (inserting and assembly.warehouse is None):
        code = (changes.get("warehouse") or "").strip()
        kit = assembly.kit_item
        if not code and kit is not None:
            default = kit.default_warehouse or (kit.item_class.default_warehouse if kit.item_class else None)
            code = default.warehouse_id if default is not None else ""
        warehouse = (
            find_by_code(session, Warehouse, Warehouse.warehouse_id, assembly.company_id, code) if code else None
        )
        if not code:
            problems.append(messages.cannot_be_empty("Warehouse"))
        elif warehouse is None:
            problems.append(messages.cannot_be_found("Warehouse", code))
        else:
            if assembly.warehouse_id != warehouse.id:
                assembly.location, assembly.location_id = None, None
                for line in assembly.components:
                    line.location, line.location_id = None, None
            assembly.warehouse, assembly.warehouse_id = warehouse, warehouse.id
    if "location" in changes:
        found, problem = find_location(session, assembly.warehouse, changes["location"])
        problems += [problem] if problem else []
        assembly.location, assembly.location_id = found, found.id if found else None
    return problems


def find_location(
    session: Session, warehouse: Warehouse | None, code: str | None
) -> tuple[WarehouseLocation | None, str | None]:
    """The warehouse's location of that code (None for no code), or the problem naming it."""
    code = (code or "").strip()
    if not code or warehouse is None:
        return None, None
    found = session.scalars(
        select(WarehouseLocation).where(
            WarehouseLocation.warehouse_id == warehouse.id, WarehouseLocation.location_cd == code
        )
    ).first()
    if found is None:
        return None, f"Location '{code}' cannot be found in warehouse '{warehouse.warehouse_id}'."
    return found, None


def _spec_line(spec: KitSpecification, item_id: int, stock: bool):
    return next((c for c in spec.components if c.stock == stock and c.item_id == item_id), None)


def _expected(assembly: KitAssembly, line: KitAssemblyComponent) -> Decimal | None:
    """The line's quantity by the specification: per kit, times the kit quantity (and the coefficient, apart)."""
    if line.component_qty is None:
        return None
    per_kit = line.component_qty
    if assembly.doc_type == DISASSEMBLY and line.stock and line.disassembly_coeff is not None:
        per_kit = per_kit * line.disassembly_coeff
    return quantity(per_kit * assembly.quantity)


def _lines_from_specification(assembly: KitAssembly, spec: KitSpecification, stock: bool) -> None:
    for line in [line for line in assembly.components if line.stock == stock]:
        assembly.components.remove(line)
    for component in [c for c in spec.components if c.stock == stock]:
        line = KitAssemblyComponent(company_id=assembly.company_id, stock=stock, line_number=component.line_number)
        _take_terms(line, component)
        line.item, line.item_id, line.uom = component.item, component.item_id, component.item.base_unit
        line.location = assembly.location if stock else None
        line.unit_cost = unit_cost(assembly, component.item)
        assembly.components.append(line)
        line.quantity = _expected(assembly, line)


def _take_terms(line: KitAssemblyComponent, component) -> None:
    """The specification's terms for the component (None: not in the revision)."""
    line.component_qty = component.quantity if component else None
    line.allow_qty_variation = component.allow_qty_variation if component else False
    line.min_qty = component.min_qty if component else None
    line.max_qty = component.max_qty if component else None
    line.allow_substitution = component.allow_substitution if component else False
    line.disassembly_coeff = component.disassembly_coeff if component and component.stock else None


def _rescale(assembly: KitAssembly, stock: bool) -> None:
    for line in assembly.components:
        expected = _expected(assembly, line) if line.stock == stock else None
        if expected is not None:
            line.quantity = expected


def unit_cost(assembly: KitAssembly, item: InventoryItem) -> Decimal:
    """A component's unit cost as the document shows it before release: a stock item's average cost in the
    warehouse when it has some on hand, else its current (standard) or last cost; a non-stock item's cost."""
    session = Session.object_session(item)
    if item.stock_item and assembly.warehouse_id is not None and session is not None:
        held, value = session.execute(
            select(func.coalesce(func.sum(CostLayer.quantity), 0), func.coalesce(func.sum(CostLayer.value), 0)).where(
                CostLayer.item_id == item.id, CostLayer.warehouse_id == assembly.warehouse_id
            )
        ).one()
        if Decimal(held) > 0:
            return quantity(Decimal(value) / Decimal(held))
    return item.current_cost or item.last_cost or ZERO


def _apply_lines(
    session: Session, assembly: KitAssembly, spec: KitSpecification, stock: bool, collection: str, sent: Sequence[dict]
) -> list[str]:
    def create(number: int) -> KitAssemblyComponent:
        line = KitAssemblyComponent(
            company_id=assembly.company_id,
            stock=stock,
            line_number=number,
            quantity=ZERO,
            unit_cost=ZERO,
            allow_qty_variation=False,
            allow_substitution=False,
        )
        assembly.components.append(line)
        return line

    def apply(line: KitAssemblyComponent, change: dict, _place: str, inserting: bool) -> list[str]:
        return _apply_line(session, assembly, spec, line, change, inserting)

    book = LineBook(
        collection=collection,
        noun="kit assembly",
        number=lambda line: line.line_number,
        renumber=lambda line, number: setattr(line, "line_number", number),
        create=create,
        remove=assembly.components.remove,
        apply=apply,
        session=session,
    )
    lines = [line for line in assembly.components if line.stock == stock]
    problems = apply_line_operations(book, lines, [_numbered(change) for change in sent])
    for index, change in enumerate(sent):
        if change.get("stockComponentLineAllocations"):
            problems.append(
                f"{collection}[{index}]: 'stockComponentLineAllocations': lot and serial allocations are not served "
                "on kit assemblies; leave it out."
            )
    return problems


def _numbered(change: dict) -> dict:
    """A line change with the line engine's `lineNumber` for the document's `lineNbr`."""
    numbered = {key: value for key, value in change.items() if key not in ("lineNbr", "stockComponentLineAllocations")}
    if "lineNbr" in change:
        numbered["lineNumber"] = change["lineNbr"]
    return numbered


def _apply_line(
    session: Session,
    assembly: KitAssembly,
    spec: KitSpecification,
    line: KitAssemblyComponent,
    change: dict,
    inserting: bool,
) -> list[str]:
    problems: list[str] = []
    if "itemId" in change or inserting:
        code = (change.get("itemId") or "").strip()
        item = find_by_code(session, InventoryItem, InventoryItem.number, assembly.company_id, code) if code else None
        if not code:
            return [messages.cannot_be_empty("Inventory ID")]
        if item is None:
            return [messages.cannot_be_found("Inventory ID", code)]
        found = component_problems(session, assembly.kit_item, item, line.stock)
        if found:
            return found
        component = _spec_line(spec, item.id, line.stock)
        if component is None and not spec.allow_component_addition:
            return [
                f"The component '{item.number}' is not in revision {spec.revision} of kit '{spec.kit_number}', "
                "which does not allow adding components."
            ]
        if line.item_id != item.id:
            _take_terms(line, component)
            line.item, line.item_id, line.uom = item, item.id, item.base_unit
            line.unit_cost = unit_cost(assembly, item)
            if line.stock and line.location is None:
                line.location = assembly.location
            if "quantity" not in change:
                line.quantity = _expected(assembly, line) or assembly.quantity
    if "uoM" in change:
        uom = (change["uoM"] or "").strip() or line.item.base_unit
        if uom.upper() != (line.item.base_unit or "").upper():
            problems.append(
                f"'UoM' '{uom}': nettfin converts no units; use the component's base unit '{line.item.base_unit}'."
            )
    if "location" in change:
        if not line.stock:
            problems.append("'Location': a non-stock component has no location.")
        else:
            found, problem = find_location(session, assembly.warehouse, change["location"])
            problems += [problem] if problem else []
            line.location = found
    for wire, attr, text in (("quantity", "quantity", "Quantity"), ("unitCost", "unit_cost", "Unit cost")):
        if wire not in change:
            continue
        value = change[wire] if change[wire] is not None else ZERO
        problem = fits_column(KitAssemblyComponent.__table__.c[attr], value, text)
        if problem:
            problems.append(problem)
        elif value < 0:
            problems.append(f"'{text}' cannot be less than 0.")
        else:
            setattr(line, attr, quantity(value))
    if "reasonCode" in change:
        text = (change["reasonCode"] or "").strip() or None
        problem = fits_column(KitAssemblyComponent.__table__.c.reason_code, text, "Reason code")
        problems += [problem] if problem else []
        line.reason_code = text
    return problems


def whole_problems(assembly: KitAssembly) -> list[str]:
    """What the whole document must be: components, each quantity as the specification allows."""
    problems: list[str] = []
    if not assembly.components:
        problems.append("The kit assembly has no components: its kit's specification lists none.")
    for line in assembly.components:
        collection = STOCK_LINES if line.stock else NON_STOCK_LINES
        where = f"{collection}, line {line.line_number}: "
        columns = KitAssemblyComponent.__table__.c
        too_large = fits_column(columns.quantity, line.quantity, "Quantity") or fits_column(
            columns.unit_cost, line.quantity * line.unit_cost, "Quantity x unit cost"
        )
        if too_large:
            problems.append(where + too_large)
            continue
        expected = _expected(assembly, line)
        if expected is None:
            continue
        per_kit = line.quantity / assembly.quantity
        if not line.allow_qty_variation:
            if line.quantity != expected:
                problems.append(
                    f"{where}the quantity of '{line.item.number}' must be {_shown(expected)} (the specification's "
                    f"{_shown(line.component_qty)} per kit), as the revision allows no variation; "
                    f"{_shown(line.quantity)} was given."
                )
            continue
        low, high = line.min_qty, line.max_qty
        if (low and per_kit < low) or (high and per_kit > high):
            bounds = f"{_shown(low or ZERO)} to {_shown(high) if high else 'any'}"
            problems.append(
                f"{where}the quantity of '{line.item.number}' per kit must be {bounds}; {_shown(per_kit)} was given."
            )
    return problems


def _shown(value: Decimal) -> str:
    return format(value.normalize(), "f")
