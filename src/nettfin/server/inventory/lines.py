"""The parts of an item write body that are not plain fields: warehouse detail and cross-reference lines
(with their plain `operation`), subaccount segments, and the packaging, intrastat and cost holders.

A line without an `operation` updates the line it names, or inserts it when the item has none.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..kit import messages
from ..kit.checks import fits_column
from ..kit.countries import COUNTRIES
from ..kit.records import find_by_code
from ..kit.shapes import merge_nested
from ..kit.wire import LineOperation
from .models import InventoryItem, ItemCrossReference, ItemWarehouse, Warehouse

_PACKAGING_NUMBERS = {"baseItemWeight": "Base item weight", "baseItemVolume": "Base item volume"}
_CROSS_REFERENCE_MEMBERS = {"description": ("description", "Description"), "uom": ("uom", "UoM")}


def _line_problem(where: str, operation: LineOperation | None, present: bool, what: str) -> str | None:
    """The problem with applying `operation` to a line that is (or is not) already on the item."""
    if operation in (LineOperation.Update, LineOperation.Delete) and not present:
        return f"{where}: {what} is not on the item."
    if operation == LineOperation.Insert and present:
        return f"{where}: {what} is already on the item."
    return None


def apply_warehouse_details(session: Session, item: InventoryItem, sent: list[dict] | None) -> list[str]:
    """Insert, update or delete the item's warehouses; `isDefault` makes a warehouse the item's default."""
    problems: list[str] = []
    for index, line in enumerate(sent or []):
        where = f"warehouseDetails[{index}]"
        code = (line.get("warehouse") or "").strip()
        if not code:
            problems.append(f"{where}: 'Warehouse' cannot be empty.")
            continue
        detail = next((d for d in item.warehouses if d.warehouse.warehouse_id == code), None)
        operation = line.get("operation")
        problem = _line_problem(where, operation, detail is not None, f"Warehouse '{code}'")
        if problem:
            problems.append(problem)
            continue
        if operation == LineOperation.Delete:
            item.warehouses.remove(detail)
            if item.default_warehouse is not None and item.default_warehouse.id == detail.warehouse.id:
                item.default_warehouse = None
            continue
        if detail is None:
            warehouse = find_by_code(session, Warehouse, Warehouse.warehouse_id, item.company_id, code)
            if warehouse is None:
                problems.append(f"{where}: {messages.cannot_be_found('Warehouse', code)}")
                continue
            detail = ItemWarehouse(company_id=item.company_id, warehouse=warehouse, last_modified_at=utcnow())
            item.warehouses.append(detail)
        if line.get("isDefault"):
            item.default_warehouse = detail.warehouse
        elif "isDefault" in line and _is_default(item, detail):
            item.default_warehouse = None
    return problems


def _is_default(item: InventoryItem, detail: ItemWarehouse) -> bool:
    return item.default_warehouse is not None and item.default_warehouse.id == detail.warehouse.id


def keep_default_warehouse_in_details(item: InventoryItem) -> None:
    """The default warehouse is always among the item's warehouses, and the only one marked default."""
    default = item.default_warehouse
    if default is not None and not any(d.warehouse.id == default.id for d in item.warehouses):
        item.warehouses.append(ItemWarehouse(company_id=item.company_id, warehouse=default, last_modified_at=utcnow()))
    for detail in item.warehouses:
        is_default = _is_default(item, detail)
        if detail.is_default != is_default:
            detail.is_default = is_default
            detail.last_modified_at = utcnow()


def apply_cross_references(item: InventoryItem, sent: list[dict] | None) -> list[str]:
    """Insert, update or delete cross-references, each named by its alternate type and alternate ID."""
    problems: list[str] = []
    table = ItemCrossReference.__table__
    for index, line in enumerate(sent or []):
        where = f"crossReferences[{index}]"
        kind, alternate = line.get("alternateType"), (line.get("alternateID") or "").strip()
        if not kind or not alternate:
            problems.append(f"{where}: 'Alternate type' and 'Alternate ID' cannot be empty.")
            continue
        found = next(
            (r for r in item.cross_references if (r.alternate_type, r.alternate_id) == (kind, alternate)), None
        )
        operation = line.get("operation")
        problem = _line_problem(where, operation, found is not None, f"Cross-reference {kind} '{alternate}'")
        problem = problem or fits_column(table.c.alternate_id, alternate, "Alternate ID")
        if problem:
            problems.append(problem if problem.startswith(where) else f"{where}: {problem}")
            continue
        if operation == LineOperation.Delete:
            item.cross_references.remove(found)
            continue
        if found is None:
            found = ItemCrossReference(company_id=item.company_id, alternate_type=str(kind), alternate_id=alternate)
            item.cross_references.append(found)
        for wire, (attr, label) in _CROSS_REFERENCE_MEMBERS.items():
            if wire in line:
                value = (line[wire] or "").strip() or None
                problem = fits_column(table.c[attr], value, label)
                problems += [f"{where}: {problem}"] if problem else []
                setattr(found, attr, value)
    return problems


def segments(wire: str, sent: list[dict] | None) -> tuple[list[dict], list[str]]:
    """Subaccount segments as sent (`[{"segmentId": 1, "segmentValue": "00"}]`), in segment order."""
    found, problems = [], []
    for index, segment in enumerate(sent or []):
        segment_id, value = segment.get("segmentId"), (segment.get("segmentValue") or "").strip()
        if segment_id is None or segment_id < 1:
            problems.append(f"{wire}[{index}]: 'segmentId' must be 1 or more (segments are numbered from 1).")
        elif not value:
            problems.append(f"{wire}[{index}]: 'segmentValue' cannot be empty.")
        else:
            found.append({"segmentId": segment_id, "segmentValue": value})
    return sorted(found, key=lambda s: s["segmentId"]), problems


def apply_holders(item: InventoryItem, changes: dict) -> list[str]:
    """The plain holders: packaging (numbers kept as exact decimal text), intrastat, and the last cost."""
    problems: list[str] = []
    if "packaging" in changes:
        sent = {k: format(v, "f") if isinstance(v, Decimal) else v for k, v in changes["packaging"].items()}
        item.packaging = merge_nested(item.packaging, sent)
        for wire, label in _PACKAGING_NUMBERS.items():
            if Decimal(item.packaging.get(wire) or 0) < 0:
                problems.append(f"'{label}' cannot be less than 0.")
    if "intrastat" in changes:
        item.intrastat = merge_nested(item.intrastat, changes["intrastat"])
        country = item.intrastat.get("countryOfOrigin")
        if country:
            item.intrastat["countryOfOrigin"] = country = country.upper()
            if country not in COUNTRIES:
                problems.append(f"intrastat: {messages.cannot_be_found('Country', country)}")
    if "lastCost" in (changes.get("costPriceStatistics") or {}):
        cost = changes["costPriceStatistics"]["lastCost"]
        cost = Decimal(0) if cost is None else cost
        problem = fits_column(InventoryItem.__table__.c.last_cost, cost, "Last cost")
        if cost < 0:
            problem = "'Last cost' cannot be less than 0."
        problems += [problem] if problem else []
        item.last_cost = cost
    return problems
