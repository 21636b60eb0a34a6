"""Inventory document use cases (IN301000-IN304000): list, read, create and update unreleased receipts, issues,
adjustments and transfers, one core for the four types (`Kind`).

A document holds lines; each names a stock item, its warehouse (a transfer's are the header's), a location, a
lot or serial number or allocations (several places on one line, their quantities adding up to the line's), a
quantity and a cost. A write is checked as far as it can be without moving stock (the items, warehouses and
locations exist, quantities have the sign the type needs, the period is open for inventory, the control totals
match unless the document is on hold), every problem at once, nothing written when there is one. What only the
stock can say (on hand, a serial number already received) is the release's to refuse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..documents.lines import calendar_day, money
from ..documents.periods import POST_PERIOD, choose_period
from ..inventory.models import InventoryItem, Warehouse, WarehouseLocation
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.checks import fits_column
from ..kit.document_lists import ListWindow, fetch_filtered
from ..kit.document_numbers import DocumentNumbers
from ..kit.errors import record_errors
from ..kit.lines import LineBook, apply_line_operations
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Listing, Page, PageResult
from ..kit.records import RecordKey, apply_scalars, find_by_code
from ..kit.responses import check_if_match
from ..ledger.periods import LedgerModule
from ..organisation.models import Branch
from .models import ZERO, DocumentType, InventoryDocument, InventoryDocumentLine

RESOURCE = "inventoryDocument"
MAX_PAGE_SIZE = DOCUMENT_MAX_PAGE_SIZE
LISTING = Listing(resource=RESOURCE, model=InventoryDocument, key=InventoryDocument.reference_number)
_SCALARS = {
    "hold": ("hold", "Hold", False),
    "description": ("description", "Description", None),
    "externalReference": ("external_reference", "External reference", None),
}
ISSUE, RETURN = "Issue", "Return"
# What a Money column holds (19 digits, 4 after the point), with room for quantity times cost.
_LARGEST = Decimal(10) ** 12
_NUMBERS = (
    "quantity",
    "unitCost",
    "extCost",
    "unitPrice",
    "extPrice",
    "controlQuantity",
    "controlCost",
    "controlAmount",
)


def _too_large(changes: dict) -> list[str]:
    """A problem for each number sent that no document could hold; those members are then left out."""
    problems = []
    for name in _NUMBERS:
        value = changes.get(name)
        if value is not None and abs(value) >= _LARGEST:
            problems.append(f"'{name}' must be less than {_LARGEST:,.0f} (and above -{_LARGEST:,.0f}).")
            changes.pop(name)
    return problems


@dataclass(frozen=True)
class Kind:
    """One inventory document type: its type, what messages call it, its write body's lines, its series and
    the header member holding its control amount (None: it has none)."""

    type: DocumentType
    entity: str
    record: str
    lines: str
    series: str
    control: str | None

    @property
    def numbers(self) -> DocumentNumbers:
        key = RecordKey("referenceNumber", InventoryDocument.reference_number, "Reference number", self.series)
        return DocumentNumbers(
            key, f"Inventory {self.type.value.lower()}s", scope=(InventoryDocument.doc_type,), series_per_scope=True
        )

    @property
    def label(self) -> str:
        return self.entity[0].upper() + self.entity[1:]


RECEIPT = Kind(
    DocumentType.RECEIPT, "inventory receipt", "InventoryReceipt", "receiptLines", "INRECEIPT", "controlCost"
)
ISSUE_KIND = Kind(DocumentType.ISSUE, "inventory issue", "InventoryIssue", "issueLines", "INISSUE", "controlAmount")
ADJUSTMENT = Kind(
    DocumentType.ADJUSTMENT, "inventory adjustment", "InventoryAdjustment", "adjustmentLines", "INADJUST", "controlCost"
)
TRANSFER = Kind(DocumentType.TRANSFER, "inventory transfer", "InventoryTransfer", "transferLines", "INTRANSFER", None)


@dataclass(frozen=True)
class DocumentFilters:
    kind: str
    status: str | None = None
    date: object = None
    window: ListWindow = ListWindow()
    warehouse: str | None = None
    to_warehouse: str | None = None

    def conditions(self) -> list:
        found = [InventoryDocument.doc_type == self.kind]
        found += self.window.conditions(InventoryDocument.reference_number, InventoryDocument.last_modified_at)
        if self.status:
            found.append(InventoryDocument.status == self.status)
        if self.date is not None:
            found.append(self.date.apply(InventoryDocument.date))
        for code, column in ((self.warehouse, InventoryDocument.warehouse_id), (self.to_warehouse, None)):
            if code is None:
                continue
            column = column if column is not None else InventoryDocument.to_warehouse_id
            found.append(column.in_(select(Warehouse.id).where(Warehouse.warehouse_id == code)))
        return found


@dataclass(frozen=True)
class Rendering:
    """Branch names, and the names of the locations allocations name by code ((warehouse id, code) -> name)."""

    branches: dict[str, str]
    locations: dict[tuple[int, str], str]


def list_documents(
    db: Database, kind: Kind, *, company_id: int, filters: DocumentFilters, page: Page
) -> tuple[PageResult, Rendering]:
    with db.reading() as session:
        result = fetch_filtered(session, LISTING, company_id=company_id, filters=filters, page=page)
        return result, rendering(session, company_id, result.rows)


def get_document(db: Database, kind: Kind, *, company_id: int, number: str) -> tuple[InventoryDocument, Rendering]:
    with db.reading() as session:
        found = find_document(session, kind, company_id, number)
        return found, rendering(session, company_id, [found])


def create_document(db: Database, kind: Kind, *, company_id: int, changes: dict) -> tuple[InventoryDocument, list]:
    with db.writing() as session:
        return enter_document(session, kind, company_id, changes)


def enter_document(session: Session, kind: Kind, company_id: int, changes: dict) -> tuple[InventoryDocument, list]:
    """A new document from a write body's changes, in the caller's transaction (the demo seeds with it)."""
    document = InventoryDocument(company_id=company_id, doc_type=kind.type.value, hold=False, released=False, lines=[])
    ignored = kind.numbers.enter(
        session,
        document,
        changes,
        lambda _ignored: _apply(session, kind, document, changes, inserting=True),
        entity=kind.entity,
        label=kind.record,
        resource=RESOURCE,
    )
    return document, ignored


def update_document(
    db: Database, kind: Kind, *, company_id: int, number: str, changes: dict, if_match: str | None
) -> tuple[InventoryDocument, list]:
    with db.writing() as session:
        document = find_document(session, kind, company_id, number, for_update=True)
        check_if_match(if_match, document.row_version)
        ignored = [n for n in ("referenceNumber",) if changes.get(n) not in (None, number)]
        if document.released:
            problems = [f"{kind.label} {number} can't be updated because it is already released."]
        else:
            with session.no_autoflush:
                problems = _apply(session, kind, document, changes, inserting=False)
        if problems:
            raise record_errors(action="updating", entity=kind.entity, record=kind.record, errors=problems)
        document.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        session.flush()
        return document, ignored


def find_document(
    session: Session, kind: Kind, company_id: int, number: str, *, for_update: bool = False
) -> InventoryDocument:
    return kind.numbers.find(
        session,
        company_id,
        number,
        where=(InventoryDocument.doc_type == kind.type.value,),
        for_update=for_update,
        missing=messages.not_found(kind.label, number),
    )


def rendering(session: Session, company_id: int, documents: Sequence[InventoryDocument]) -> Rendering:
    codes = {d.branch_cd for d in documents if d.branch_cd} | {
        line.branch_cd for d in documents for line in d.lines if line.branch_cd
    }
    branches = {}
    if codes:
        found = session.execute(
            select(Branch.branch_cd, Branch.name).where(Branch.company_id == company_id, Branch.branch_cd.in_(codes))
        )
        branches = dict(found.all())
    allocated = {
        (line.warehouse_id, a["location"])
        for d in documents
        for line in d.lines
        for a in line.allocations
        if a.get("location") and line.warehouse_id is not None
    }
    locations = {}
    if allocated:
        found = session.execute(
            select(WarehouseLocation.warehouse_id, WarehouseLocation.location_cd, WarehouseLocation.description).where(
                WarehouseLocation.warehouse_id.in_({w for w, _ in allocated})
            )
        )
        locations = {(w, code): name for w, code, name in found.all()}
    return Rendering(branches=branches, locations=locations)


def status_of(document: InventoryDocument) -> str:
    if document.released:
        return "Released"
    return "Hold" if document.hold else "Balanced"


def control_problems(kind: Kind, document: InventoryDocument) -> list[str]:
    """The control figures sent that differ from the document's totals."""
    problems = []
    if document.control_quantity is not None and document.control_quantity != document.total_quantity:
        problems.append(
            f"The control quantity {document.control_quantity:.2f} does not match the total quantity "
            f"{document.total_quantity:.2f}."
        )
    total = document.total_amount if kind.type == DocumentType.ISSUE else document.total_cost
    if kind.control and document.control_cost is not None and document.control_cost != total:
        name = "amount" if kind.type == DocumentType.ISSUE else "cost"
        problems.append(f"The control {name} {document.control_cost:.2f} does not match the total {name} {total:.2f}.")
    return problems


def direction(kind: Kind, line: InventoryDocumentLine) -> str:
    """ "in", "out" or "transfer": what releasing the line does to the stock."""
    if kind.type == DocumentType.TRANSFER:
        return "transfer"
    if kind.type == DocumentType.RECEIPT:
        return "in"
    if kind.type == DocumentType.ISSUE:
        return "in" if line.tran_type == RETURN else "out"
    return "in" if line.quantity > 0 else "out"


# --- writing ----------------------------------------------------------------------------------------------


def _apply(session: Session, kind: Kind, document: InventoryDocument, changes: dict, *, inserting: bool) -> list[str]:
    company_id = document.company_id
    problems = _too_large(changes)
    problems += apply_scalars(document, changes, _SCALARS)
    if "date" in changes or inserting:
        document.date = calendar_day(changes.get("date")) or calendar_day(utcnow())
    choice = choose_period(
        session,
        company_id=company_id,
        changes=changes,
        fields=(POST_PERIOD,),
        day=document.date.date(),
        current=document.period_id,
        moved="date" in changes,
        module=LedgerModule.INVENTORY_MANAGEMENT,
    )
    problems += choice.problems
    if choice.period is not None:
        document.period_id = choice.period
    if "branchNumber" in changes or inserting:
        code = (changes.get("branchNumber") or "").strip()
        if code and not find_by_code(session, Branch, Branch.branch_cd, company_id, code):
            problems.append(messages.cannot_be_found("Branch", code))
        document.branch_cd = code or _main_branch(session, company_id)
    if (changes.get("transferNumber") or "").strip():
        problems.append(
            "'Transfer number': receipts of two-step transfers are not served; transfers move the stock in one "
            "step (send an inventory transfer)."
        )
    if "controlQuantity" in changes:
        value = changes["controlQuantity"]
        document.control_quantity = None if value is None else value
    if kind.control and kind.control in changes:
        value = changes[kind.control]
        document.control_cost = None if value is None else money(value)
    if kind.type == DocumentType.TRANSFER:
        problems += _apply_warehouses(session, document, changes, inserting)
    problems += _apply_lines(session, kind, document, changes.get(kind.lines) or [])
    if kind.type == DocumentType.TRANSFER:
        for line in document.lines:
            line.warehouse = document.warehouse
    document.total_quantity = sum((line.quantity for line in document.lines), ZERO)
    document.total_cost = sum((line.ext_cost for line in document.lines), ZERO)
    document.total_amount = sum((line.ext_price for line in document.lines), ZERO)
    document.status = status_of(document)
    if problems:
        return problems
    return _whole(kind, document)


def _apply_warehouses(session: Session, document: InventoryDocument, changes: dict, inserting: bool) -> list[str]:
    problems = []
    for wire, attr, label in (("warehouseId", "warehouse", "Warehouse"), ("toWarehouseId", "to_warehouse", "To")):
        if wire not in changes and not inserting:
            continue
        code = (changes.get(wire) or "").strip()
        if not code:
            problems.append(messages.cannot_be_empty(label))
            continue
        found = find_by_code(session, Warehouse, Warehouse.warehouse_id, document.company_id, code)
        if found is None:
            problems.append(messages.cannot_be_found(label, code))
            continue
        setattr(document, attr, found)
    return problems


def _main_branch(session: Session, company_id: int) -> str | None:
    statement = select(Branch.branch_cd).where(Branch.company_id == company_id, Branch.main.is_(True))
    return session.scalar(statement.limit(1))


def _apply_lines(session: Session, kind: Kind, document: InventoryDocument, sent: list[dict]) -> list[str]:
    company_id = document.company_id

    def create(number: int) -> InventoryDocumentLine:
        line = InventoryDocumentLine(
            company_id=company_id,
            line_number=number,
            tran_type=ISSUE if kind.type == DocumentType.ISSUE else None,
            lot_serial="",
            allocations=[],
            quantity=ZERO,
            ext_cost=ZERO,
            unit_price=ZERO,
            ext_price=ZERO,
            branch_cd=document.branch_cd,
        )
        document.lines.append(line)
        return line

    def apply(line: InventoryDocumentLine, change: dict, place: str, inserting: bool) -> list[str]:
        return _apply_line(session, kind, document, line, change, place, inserting)

    book = LineBook(
        collection=kind.lines,
        noun="document",
        number=lambda line: line.line_number,
        renumber=lambda line, number: setattr(line, "line_number", number),
        create=create,
        remove=document.lines.remove,
        apply=apply,
        session=session,
    )
    return apply_line_operations(book, list(document.lines), sent)


_NOT_SERVED = {
    "reasonCode": (
        "Reason code",
        "reason codes are not served; a line posts against the item's accounts (see docs/compatibility.md)",
    ),
    "projectTaskId": ("Project task", "projects are not served on inventory documents"),
    "costCode": ("Cost code", "cost codes are not served"),
    "receiptNumber": ("Receipt number", "adjusting a given receipt's cost layer is not served"),
}


def _apply_line(
    session: Session,
    kind: Kind,
    document: InventoryDocument,
    line: InventoryDocumentLine,
    change: dict,
    place: str,
    inserting: bool,
) -> list[str]:
    problems = _too_large(change)
    company_id = line.company_id
    for wire, (label, why) in _NOT_SERVED.items():
        if (change.get(wire) or "").strip():
            problems.append(f"'{label}': {why}; leave it out.")
    project = (change.get("projectId") or "").strip()
    if project and project.upper() != "X":
        problems.append("'Project': projects are not served on inventory documents; leave it out or send 'X'.")
    if "tranType" in change and kind.type == DocumentType.ISSUE:
        tran_type = change["tranType"] or ISSUE
        if tran_type not in (ISSUE, RETURN):
            problems.append(
                f"'Tran. type': {tran_type} is not served on inventory issues. Accepted values: Issue, Return."
            )
        else:
            line.tran_type = tran_type
    if "inventoryNumber" in change or inserting:
        code = (change.get("inventoryNumber") or "").strip()
        item = find_by_code(session, InventoryItem, InventoryItem.number, company_id, code) if code else None
        if not code:
            problems.append(messages.cannot_be_empty("Item ID"))
        elif item is None:
            problems.append(messages.cannot_be_found("Item ID", code))
        line.item = item
    if kind.type == DocumentType.TRANSFER:
        line.warehouse = document.warehouse
    elif "warehouseId" in change or inserting:
        code = (change.get("warehouseId") or "").strip()
        if code:
            found = find_by_code(session, Warehouse, Warehouse.warehouse_id, company_id, code)
            if found is None:
                problems.append(messages.cannot_be_found("Warehouse", code))
            line.warehouse = found
        else:
            line.warehouse = _default_warehouse(kind, line.item)
            if line.warehouse is None and line.item is not None:
                problems.append(messages.cannot_be_empty("Warehouse"))
    problems += _apply_location(session, line, change, "locationId", "location", "Location", line.warehouse)
    if kind.type == DocumentType.TRANSFER:
        problems += _apply_location(
            session, line, change, "toLocationId", "to_location", "To location", document.to_warehouse
        )
    if "lotSerialNumber" in change:
        text = (change["lotSerialNumber"] or "").strip()
        problem = fits_column(InventoryDocumentLine.__table__.c.lot_serial, text, "Lot/serial nbr.")
        problems += [problem] if problem else []
        line.lot_serial = text
    for wire, attr, label in (("description", "description", "Description"), ("branchNumber", "branch_cd", "Branch")):
        if wire in change:
            text = (change[wire] or "").strip() or None
            problem = fits_column(InventoryDocumentLine.__table__.c[attr], text, label)
            problems += [problem] if problem else []
            if (
                wire == "branchNumber"
                and text
                and not find_by_code(session, Branch, Branch.branch_cd, company_id, text)
            ):
                problems.append(messages.cannot_be_found("Branch", text))
            setattr(line, attr, text if wire == "description" else (text or document.branch_cd))
    if "uom" in change:
        unit = (change["uom"] or "").strip() or None
        if unit and line.item is not None and unit.upper() != line.item.base_unit.upper():
            problems.append(f"'UoM': nettfin converts no units; send the item's base unit {line.item.base_unit}.")
        line.uom = unit
    if line.item is not None and not line.uom:
        line.uom = line.item.base_unit
    if "quantity" in change:
        line.quantity = change["quantity"] if change["quantity"] is not None else ZERO
    if "allocations" in change:
        problems += _apply_allocations(session, line, change["allocations"] or [], place)
    if line.allocations:
        allocated = sum((Decimal(a["quantity"]) for a in line.allocations), ZERO)
        if "quantity" in change and line.quantity != allocated:
            problems.append(
                f"'Quantity' {line.quantity.normalize():f} is not the allocations' total {allocated.normalize():f}."
            )
        line.quantity = allocated
    problems += _quantity_problems(kind, line)
    problems += _apply_costs(kind, line, change)
    return problems


def _default_warehouse(kind: Kind, item: InventoryItem | None) -> Warehouse | None:
    if item is None:
        return None
    first = item.default_receipt_to if kind.type == DocumentType.RECEIPT else item.default_issue_from
    klass = item.item_class.default_warehouse if item.item_class is not None else None
    return first or item.default_warehouse or klass


def _apply_location(
    session: Session,
    line: InventoryDocumentLine,
    change: dict,
    wire: str,
    attr: str,
    label: str,
    warehouse: Warehouse | None,
) -> list[str]:
    if wire not in change:
        current = getattr(line, attr)
        if current is not None and warehouse is not None and current.warehouse_id != warehouse.id:
            setattr(line, attr, None)
        return []
    code = (change[wire] or "").strip()
    if not code:
        setattr(line, attr, None)
        return []
    found = _location(session, warehouse, code)
    if found is None:
        where = f" in warehouse '{warehouse.warehouse_id}'" if warehouse is not None else ""
        return [f"{label} '{code}' cannot be found{where}."]
    setattr(line, attr, found)
    return []


def _location(session: Session, warehouse: Warehouse | None, code: str) -> WarehouseLocation | None:
    if warehouse is None:
        return None
    return session.scalars(
        select(WarehouseLocation).where(
            WarehouseLocation.warehouse_id == warehouse.id, WarehouseLocation.location_cd == code
        )
    ).first()


def _apply_allocations(session: Session, line: InventoryDocumentLine, sent: list[dict], place: str) -> list[str]:
    """The line's allocations under the line operations' rules (by `lineNbr`); each names a location of the line's
    warehouse (default: the line's), a lot or serial number and a quantity above 0."""
    allocations = [dict(a) for a in line.allocations]

    def create(number: int) -> dict:
        allocation = {"lineNbr": number, "location": None, "lotSerialNumber": "", "quantity": "0"}
        allocations.append(allocation)
        return allocation

    def apply(allocation: dict, change: dict, _place: str, _inserting: bool) -> list[str]:
        problems = _too_large(change)
        if "location" in change:
            code = (change["location"] or "").strip() or None
            if code and _location(session, line.warehouse, code) is None:
                where = f" in warehouse '{line.warehouse.warehouse_id}'" if line.warehouse is not None else ""
                problems.append(f"Location '{code}' cannot be found{where}.")
            allocation["location"] = code
        if "lotSerialNumber" in change:
            allocation["lotSerialNumber"] = (change["lotSerialNumber"] or "").strip()
        if "quantity" in change:
            quantity = change["quantity"] if change["quantity"] is not None else ZERO
            if quantity <= 0:
                problems.append(f"'Quantity' must be greater than 0; {quantity.normalize():f} was given.")
            allocation["quantity"] = str(quantity)
        elif Decimal(allocation["quantity"]) <= 0:
            problems.append("'Quantity' must be greater than 0.")
        return problems

    book = LineBook(
        collection=f"{place}.allocations",
        noun="line",
        number=lambda a: a["lineNbr"],
        renumber=lambda a, number: a.__setitem__("lineNbr", number),
        create=create,
        remove=allocations.remove,
        apply=apply,
    )
    problems = apply_line_operations(book, list(allocations), sent)
    line.allocations = sorted(allocations, key=lambda a: a["lineNbr"])
    return [problem.removeprefix(f"{place}.") for problem in problems]


def _quantity_problems(kind: Kind, line: InventoryDocumentLine) -> list[str]:
    q = line.quantity
    if kind.type == DocumentType.ADJUSTMENT:
        if q == 0:
            return [
                "'Quantity' cannot be 0: an adjustment adds (above 0) or removes (below 0) stock; adjusting the "
                "cost of the stock on hand alone is not served."
            ]
        return []
    if q <= 0:
        return [f"'Quantity' must be greater than 0; {q.normalize():f} was given."]
    return []


def _apply_costs(kind: Kind, line: InventoryDocumentLine, change: dict) -> list[str]:
    """Unit and extended cost (a receipt's, a return's, an adjustment's added stock: what it is valued at; None:
    the release finds it), and an issue's unit and extended price."""
    problems = []
    for wire in ("unitCost", "extCost", "unitPrice", "extPrice"):
        if change.get(wire) is not None and change[wire] < 0:
            problems.append(f"'{wire}' cannot be less than 0.")
    if problems:
        return problems
    quantity = abs(line.quantity)
    if change.get("extCost") is not None:
        line.ext_cost = money(change["extCost"])
        line.unit_cost = (line.ext_cost / quantity).quantize(Decimal("0.0001")) if quantity else line.ext_cost
    elif "unitCost" in change:
        line.unit_cost = change["unitCost"]
    if line.unit_cost is not None and change.get("extCost") is None:
        line.ext_cost = money(quantity * line.unit_cost)
    elif line.unit_cost is None:
        line.ext_cost = ZERO
    if line.quantity < 0:
        line.ext_cost = -line.ext_cost
    if kind.type == DocumentType.ISSUE:
        if change.get("extPrice") is not None:
            line.ext_price = money(change["extPrice"])
            line.unit_price = money(line.ext_price / quantity) if quantity else line.ext_price
        else:
            if "unitPrice" in change:
                line.unit_price = money(change["unitPrice"] or ZERO)
            line.ext_price = money(quantity * line.unit_price)
    return problems


def _whole(kind: Kind, document: InventoryDocument) -> list[str]:
    problems = []
    if kind.type == DocumentType.TRANSFER:
        for line in document.lines:
            same_place = line.location is line.to_location and not line.allocations
            if document.warehouse is document.to_warehouse and same_place:
                problems.append(
                    f"{kind.lines}: line {line.line_number}: a transfer within warehouse "
                    f"'{document.warehouse.warehouse_id}' must name another 'To location'."
                )
    if not document.hold:
        problems += control_problems(kind, document)
    return problems
