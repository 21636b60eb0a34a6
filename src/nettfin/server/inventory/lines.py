"""An item's keyed lines: its warehouse details (named by warehouse) and cross-references (named by alternate
type and alternate ID), each a `kit.keyed_lines` book, and the rule that keeps the default warehouse among the
details."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..kit import messages
from ..kit.checks import fits_column
from ..kit.keyed_lines import KeyedBook, apply_keyed_operations
from ..kit.records import find_by_code
from .models import InventoryItem, ItemCrossReference, ItemWarehouse, Warehouse

ON_THE_ITEM = "on the item"
BARCODE = "Barcode"
_CROSS_REFERENCE_MEMBERS = {"description": ("description", "Description"), "uom": ("uom", "UoM")}


def _text(change: dict, member: str) -> str:
    return (change.get(member) or "").strip()


# --- warehouse details ------------------------------------------------------------------------------------


def apply_warehouse_details(session: Session, item: InventoryItem, changes: list[dict]) -> list[str]:
    """Insert, update or delete the item's warehouses; `isDefault` makes a warehouse the item's default."""

    def create(code: str, replacing: ItemWarehouse | None) -> tuple[ItemWarehouse | None, list[str]]:
        if replacing is not None:
            replacing.is_default, replacing.last_modified_at = False, utcnow()
            item.warehouses.append(replacing)
            return replacing, []
        warehouse = find_by_code(session, Warehouse, Warehouse.warehouse_id, item.company_id, code)
        if warehouse is None:
            return None, [messages.cannot_be_found("Warehouse", code)]
        detail = ItemWarehouse(company_id=item.company_id, warehouse=warehouse, last_modified_at=utcnow())
        item.warehouses.append(detail)
        return detail, []

    def remove(detail: ItemWarehouse) -> list[str]:
        item.warehouses.remove(detail)
        if _is_default(item, detail):
            item.default_warehouse = None
        return []

    def apply(detail: ItemWarehouse, change: dict, inserting: bool) -> list[str]:
        if change.get("isDefault"):
            item.default_warehouse = detail.warehouse
        elif "isDefault" in change and _is_default(item, detail):
            item.default_warehouse = None
        return []

    book = KeyedBook(
        collection="warehouseDetails",
        where=ON_THE_ITEM,
        key=lambda change: _text(change, "warehouse") or None,
        no_key=messages.cannot_be_empty("Warehouse"),
        row_key=lambda detail: detail.warehouse.warehouse_id,
        name=lambda code: f"Warehouse '{code}'",
        create=create,
        remove=remove,
        apply=apply,
    )
    return apply_keyed_operations(book, list(item.warehouses), changes)


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


# --- cross-references -------------------------------------------------------------------------------------

CrossReferenceKey = tuple[str, str]


def apply_cross_references(item: InventoryItem, changes: list[dict]) -> list[str]:
    """Insert, update or delete cross-references, each named by its alternate type and alternate ID."""
    table = ItemCrossReference.__table__

    def key(change: dict) -> CrossReferenceKey | None:
        kind, alternate = change.get("alternateType"), _text(change, "alternateID")
        return (str(kind), alternate) if kind and alternate else None

    def create(
        key: CrossReferenceKey, replacing: ItemCrossReference | None
    ) -> tuple[ItemCrossReference | None, list[str]]:
        too_long = fits_column(table.c.alternate_id, key[1], "Alternate ID")
        if too_long:
            return None, [too_long]
        if replacing is not None:
            replacing.description = replacing.uom = replacing.b_account = None
            item.cross_references.append(replacing)
            return replacing, []
        found = ItemCrossReference(company_id=item.company_id, alternate_type=key[0], alternate_id=key[1])
        item.cross_references.append(found)
        return found, []

    def remove(found: ItemCrossReference) -> list[str]:
        item.cross_references.remove(found)
        return []

    def apply(found: ItemCrossReference, change: dict, inserting: bool) -> list[str]:
        problems = []
        for wire, (attr, label) in _CROSS_REFERENCE_MEMBERS.items():
            if wire in change:
                value = _text(change, wire) or None
                problem = fits_column(table.c[attr], value, label)
                problems += [problem] if problem else []
                setattr(found, attr, value)
        return problems

    book = KeyedBook(
        collection="crossReferences",
        where=ON_THE_ITEM,
        key=key,
        no_key="'Alternate type' and 'Alternate ID' cannot be empty.",
        row_key=lambda found: (found.alternate_type, found.alternate_id),
        name=lambda key: f"Cross-reference {key[0]} '{key[1]}'",
        create=create,
        remove=remove,
        apply=apply,
    )
    return apply_keyed_operations(book, list(item.cross_references), changes)


def barcode_problems(session: Session, item: InventoryItem) -> list[str]:
    """A barcode names one item: the item's barcodes that another item of the company has."""
    codes = {r.alternate_id for r in item.cross_references if r.alternate_type == BARCODE}
    if not codes:
        return []
    taken = session.execute(
        select(ItemCrossReference.alternate_id, InventoryItem.number)
        .join(InventoryItem, InventoryItem.id == ItemCrossReference.item_id)
        .where(
            ItemCrossReference.company_id == item.company_id,
            ItemCrossReference.alternate_type == BARCODE,
            ItemCrossReference.alternate_id.in_(codes),
            ItemCrossReference.item_id != item.id,
        )
        .order_by(ItemCrossReference.alternate_id)
    ).all()
    return [f"The barcode '{code}' is already the item '{other}''s; a barcode names one item." for code, other in taken]
