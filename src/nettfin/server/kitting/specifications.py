"""Kit specification use cases (IN209500): a kit item's components per revision.

A specification names a kit item (an item flagged `kitItem`, a stock item: nettfin serves stock kits) and a
revision, unique per kit item; its components are stock items (`stockComponentLines`) and non-stock items
(`nonStockComponentLines`), each collection numbered on its own and changed by line operations (`kit.lines`).
A component is an existing item of the right kind, in the item's base unit (nettfin converts no units), at most
once per collection, and never the kit itself, directly or through a component kit's specifications. Every
problem is reported at once; nothing is written when there is one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..inventory.models import InventoryItem
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.checks import fits_column
from ..kit.document_lists import ListWindow, fetch_filtered
from ..kit.errors import NotFound, record_errors
from ..kit.lines import LineBook, apply_line_operations
from ..kit.paging import Listing, Page, PageResult
from ..kit.records import find_by_code
from ..kit.responses import check_if_match
from .models import ONE, KitSpecification, KitSpecificationComponent
from .schemas import KitSpecificationUpdateDto

RESOURCE = "kitSpecification"
LISTING = Listing(resource=RESOURCE, model=KitSpecification, key=KitSpecification.kit_number)
ENTITY, RECORD = "kit specification", "KitSpecification"
STOCK_LINES, NON_STOCK_LINES = "stockComponentLines", "nonStockComponentLines"
QUANTITY_PLACES = Decimal("0.0001")
_IGNORED = ("operation",)


@dataclass(frozen=True)
class SpecificationFilters:
    window: ListWindow = ListWindow()
    kit: str | None = None
    revision: str | None = None

    def conditions(self) -> list:
        found = self.window.conditions(
            KitSpecification.kit_number, KitSpecification.last_modified_at, KitSpecification.created_at
        )
        if self.kit is not None:
            found.append(KitSpecification.kit_number == self.kit.strip())
        if self.revision is not None:
            found.append(KitSpecification.revision == self.revision.strip())
        return found


def quantity(value: Decimal) -> Decimal:
    """A quantity to the column's four places (one too large to be kept is left as it is, and refused)."""
    try:
        return value.quantize(QUANTITY_PLACES)
    except InvalidOperation:
        return value


def list_specifications(db: Database, *, company_id: int, filters: SpecificationFilters, page: Page) -> PageResult:
    with db.reading() as session:
        return fetch_filtered(session, LISTING, company_id=company_id, filters=filters, page=page)


def kit_revisions(db: Database, *, company_id: int, kit: str) -> list[KitSpecification]:
    """Every revision of a kit item's specification; 404 when it has none."""
    with db.reading() as session:
        found = session.scalars(
            select(KitSpecification)
            .where(KitSpecification.company_id == company_id, KitSpecification.kit_number == kit)
            .order_by(KitSpecification.revision, KitSpecification.id)
        ).all()
        if not found:
            raise NotFound(messages.not_found("Kit specification", kit))
        return list(found)


def get_specification(db: Database, *, company_id: int, kit: str, revision: str) -> KitSpecification:
    with db.reading() as session:
        return find_specification(session, company_id, kit, revision)


def find_specification(
    session: Session, company_id: int, kit: str, revision: str, *, for_update: bool = False
) -> KitSpecification:
    statement = select(KitSpecification).where(
        KitSpecification.company_id == company_id,
        KitSpecification.kit_number == kit,
        KitSpecification.revision == revision,
    )
    if for_update:
        statement = statement.with_for_update(of=KitSpecification)
    found = session.scalars(statement).unique().first()
    if found is None:
        raise NotFound(messages.not_found("Kit specification", f"{kit} {revision}"))
    return found


def revision_of(session: Session, company_id: int, kit: InventoryItem, revision: str | None) -> KitSpecification | None:
    """The revision a kit assembly names, or the kit's first active revision when it names none."""
    statement = select(KitSpecification).where(
        KitSpecification.company_id == company_id, KitSpecification.kit_item_id == kit.id
    )
    if revision:
        statement = statement.where(KitSpecification.revision == revision)
    else:
        statement = statement.where(KitSpecification.active.is_(True)).order_by(KitSpecification.revision)
    return session.scalars(statement.limit(1)).unique().first()


def create_specification(
    db: Database, *, company_id: int, dto: KitSpecificationUpdateDto
) -> tuple[KitSpecification, list[str]]:
    changes = dto.changes()
    with db.writing() as session:
        return enter_specification(session, company_id, changes), _ignored(changes)


def enter_specification(session: Session, company_id: int, changes: dict) -> KitSpecification:
    """A new specification from a write body's changes, in the caller's transaction (the demo seeds with it)."""
    spec = KitSpecification(company_id=company_id, active=True, allow_component_addition=False, components=[])
    with session.no_autoflush:
        problems = _apply_key(session, spec, changes)
        problems += _apply(session, spec, changes)
    if problems:
        raise record_errors(action="inserting", entity=ENTITY, record=RECORD, errors=problems)
    spec.created_at = spec.last_modified_at = utcnow()
    session.add(spec)
    try:
        session.flush()
    except IntegrityError:
        # Another transaction entered the same revision between the check and the insert.
        duplicate = messages.already_exists("Revision", spec.revision)
        raise record_errors(action="inserting", entity=ENTITY, record=RECORD, errors=[duplicate]) from None
    bump_version(session, company_id=company_id, resource=RESOURCE)
    return spec


def update_specification(
    db: Database, *, company_id: int, kit: str, revision: str, dto: KitSpecificationUpdateDto, if_match: str | None
) -> tuple[KitSpecification, list[str]]:
    changes = dto.changes()
    with db.writing() as session:
        spec = find_specification(session, company_id, kit, revision, for_update=True)
        check_if_match(if_match, spec.row_version)
        ignored = [
            wire
            for wire, current in (("kitInventoryID", kit), ("revisionID", revision))
            if (changes.get(wire) or current).strip() != current
        ]
        with session.no_autoflush:
            problems = _apply(session, spec, changes)
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        spec.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        session.flush()
        return spec, ignored + _ignored(changes)


def _ignored(changes: dict) -> list[str]:
    return [name for name in _IGNORED if name in changes]


# --- writing ----------------------------------------------------------------------------------------------


def _apply_key(session: Session, spec: KitSpecification, changes: dict) -> list[str]:
    problems = []
    code = (changes.get("kitInventoryID") or "").strip()
    revision = (changes.get("revisionID") or "").strip()
    if not code:
        problems.append(messages.cannot_be_empty("Kit inventory ID"))
    else:
        kit = find_by_code(session, InventoryItem, InventoryItem.number, spec.company_id, code)
        if kit is None:
            problems.append(messages.cannot_be_found("Kit inventory ID", code))
        elif not kit.kit_item:
            problems.append(f"'Kit inventory ID': the item '{code}' is not a kit: set 'kitItem' on the item first.")
        elif not kit.stock_item:
            problems.append(f"'Kit inventory ID': the item '{code}' is a non-stock item; nettfin serves stock kits.")
        else:
            spec.kit_item, spec.kit_item_id, spec.kit_number = kit, kit.id, kit.number
    if not revision:
        problems.append(messages.cannot_be_empty("Revision"))
    else:
        problem = fits_column(KitSpecification.__table__.c.revision, revision, "Revision")
        if problem:
            problems.append(problem)
        elif spec.kit_item is not None and revision_of(session, spec.company_id, spec.kit_item, revision):
            problems.append(messages.already_exists("Revision", revision))
        spec.revision = revision
    return problems


def _apply(session: Session, spec: KitSpecification, changes: dict) -> list[str]:
    problems: list[str] = []
    if "descr" in changes:
        text = (changes["descr"] or "").strip() or None
        problem = fits_column(KitSpecification.__table__.c.description, text, "Description")
        problems += [problem] if problem else []
        spec.description = text
    for wire, attr, default in (("isActive", "active", True), ("allowCompAddition", "allow_component_addition", False)):
        if wire in changes:
            setattr(spec, attr, default if changes[wire] is None else changes[wire])
    if changes.get("isNonStock"):
        problems.append("'Is non-stock': nettfin serves stock kits only; leave it false.")
    if spec.kit_item is None:
        return problems
    for collection, stock in ((STOCK_LINES, True), (NON_STOCK_LINES, False)):
        problems += _apply_lines(session, spec, stock, collection, changes.get(collection) or [])
    if not problems and not spec.components:
        problems.append("A kit specification needs at least one component: add stock or non-stock component lines.")
    return problems


def _apply_lines(
    session: Session, spec: KitSpecification, stock: bool, collection: str, sent: Sequence[dict]
) -> list[str]:
    def create(number: int) -> KitSpecificationComponent:
        line = KitSpecificationComponent(
            company_id=spec.company_id,
            stock=stock,
            line_number=number,
            quantity=ONE,
            allow_qty_variation=False,
            disassembly_coeff=ONE,
            allow_substitution=False,
        )
        spec.components.append(line)
        return line

    def apply(line: KitSpecificationComponent, change: dict, _place: str, inserting: bool) -> list[str]:
        return _apply_line(session, spec, line, change, inserting)

    book = LineBook(
        collection=collection,
        noun="specification",
        number=lambda line: line.line_number,
        renumber=lambda line, number: setattr(line, "line_number", number),
        create=create,
        remove=spec.components.remove,
        apply=apply,
        session=session,
    )
    lines = [line for line in spec.components if line.stock == stock]
    problems = apply_line_operations(book, lines, [_numbered(change) for change in sent])
    seen: dict[int, int] = {}
    for line in [line for line in spec.components if line.stock == stock]:
        if line.item_id is None:
            continue
        if line.item_id in seen:
            problems.append(
                f"{collection}: the component '{line.item.number}' is on lines {seen[line.item_id]} and "
                f"{line.line_number}; a component is listed once."
            )
        seen.setdefault(line.item_id, line.line_number)
    return problems


def _numbered(change: dict) -> dict:
    """A line change with the line engine's `lineNumber` for the document's `lineNbr`."""
    numbered = {key: value for key, value in change.items() if key != "lineNbr"}
    if "lineNbr" in change:
        numbered["lineNumber"] = change["lineNbr"]
    return numbered


def _apply_line(
    session: Session, spec: KitSpecification, line: KitSpecificationComponent, change: dict, inserting: bool
) -> list[str]:
    problems: list[str] = []
    if "compInventoryID" in change or inserting:
        code = (change.get("compInventoryID") or "").strip()
        item = find_by_code(session, InventoryItem, InventoryItem.number, spec.company_id, code) if code else None
        if not code:
            return [messages.cannot_be_empty("Component ID")]
        if item is None:
            return [messages.cannot_be_found("Component ID", code)]
        problems += component_problems(session, spec.kit_item, item, line.stock)
        if problems:
            return problems
        line.item, line.item_id = item, item.id
        if "uom" not in change:
            line.uom = item.base_unit
    if "uom" in change:
        uom = (change["uom"] or "").strip() or line.item.base_unit
        if uom.upper() != (line.item.base_unit or "").upper():
            problems.append(
                f"'UoM' '{uom}': nettfin converts no units; use the component's base unit '{line.item.base_unit}'."
            )
        line.uom = line.item.base_unit
    for wire, attr, label in (
        ("dfltCompQty", "quantity", "Component qty."),
        ("minCompQty", "min_qty", "Min. component qty."),
        ("maxCompQty", "max_qty", "Max. component qty."),
        ("disassemblyCoeff", "disassembly_coeff", "Disassembly coeff."),
    ):
        if wire not in change:
            continue
        value = change[wire]
        if value is None:
            value = {"quantity": ONE, "disassembly_coeff": ONE}.get(attr)
        if value is not None:
            problem = fits_column(KitSpecificationComponent.__table__.c[attr], value, label)
            if problem:
                problems.append(problem)
                continue
            value = quantity(value)
            if value < 0:
                problems.append(f"'{label}' cannot be less than 0.")
                continue
        setattr(line, attr, value)
    for wire, attr in (("allowQtyVariation", "allow_qty_variation"), ("allowSubstitution", "allow_substitution")):
        if wire in change:
            setattr(line, attr, bool(change[wire]))
    if line.quantity <= 0:
        problems.append(f"'Component qty.' must be greater than 0; {line.quantity.normalize():f} was given.")
    if line.disassembly_coeff > ONE:
        problems.append("'Disassembly coeff.' must be from 0 to 1: the share of the component a disassembly returns.")
    low, high = line.min_qty, line.max_qty
    if low is not None and high is not None and high and low > high:
        problems.append("'Min. component qty.' cannot be greater than 'Max. component qty.'.")
    elif line.allow_qty_variation and (
        (low is not None and line.quantity < low) or (high is not None and high and line.quantity > high)
    ):
        problems.append("'Component qty.' must be between 'Min. component qty.' and 'Max. component qty.'.")
    return problems


def component_problems(session: Session, kit: InventoryItem, item: InventoryItem, stock: bool) -> list[str]:
    """What is wrong with `item` as a component of `kit` in a stock (or non-stock) component line."""
    if item.id == kit.id:
        return [f"A kit cannot contain itself: '{item.number}' is the kit item."]
    if stock and not item.stock_item:
        return [f"The component '{item.number}' is a non-stock item: list it among the non-stock component lines."]
    if not stock and item.stock_item:
        return [f"The component '{item.number}' is a stock item: list it among the stock component lines."]
    if stock and _contains(session, item, kit.id):
        return [f"A kit cannot contain itself: the kit '{item.number}' contains '{kit.number}'."]
    return []


def _contains(session: Session, item: InventoryItem, kit_id: int) -> bool:
    """Whether any revision of `item`'s specifications contains the kit, at any depth."""
    seen: set[int] = set()
    todo = [item.id]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        components = session.scalars(
            select(KitSpecificationComponent.item_id)
            .join(KitSpecification, KitSpecification.id == KitSpecificationComponent.specification_id)
            .where(KitSpecification.kit_item_id == current, KitSpecificationComponent.stock.is_(True))
        ).all()
        if kit_id in components:
            return True
        todo.extend(components)
    return False
