"""An item's cross-references on their own paths (`/v1/inventory/{inventoryNumber}/crossReferences`): the list, a
new one (POST) and a change to one named by its alternate type and ID (PUT). They are the item's
`crossReferences` lines (`lines.apply_cross_references`), so the same rules hold: the pair is the key, a barcode
names one item of the company; every change bumps the item's version (its ETag).

And the barcode lookups (`/v1/inventory/barcode/{document}/{number}`): the barcodes of the items on a document.
A document type's module registers how to find the items of one of its documents (`register_document`); until
one is registered (nettfin serves no sales orders or shipments yet), or when no document has that number, the
number is read as a barcode and the lookup gives the items carrying it (docs/compatibility.md).
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.errors import NotFound, record_errors
from ..kit.render import without_nulls
from ..kit.responses import check_if_match
from ..kit.wire import Value, WireModel
from .item_members import CrossReferences
from .items import ITEM
from .lines import BARCODE, apply_cross_references, barcode_problems
from .models import InventoryItem, ItemCrossReference
from .schemas import AlternateType


class InventoryCrossReferenceUpdateDto(WireModel):
    """A cross-reference; `bAccount` (the customer or supplier of a CPN or VPN) is accepted and ignored, as on the
    item's lines."""

    alternateType: Value[AlternateType] | None = None
    bAccount: Value[str] | None = None
    alternateID: Value[str] | None = None
    description: Value[str] | None = None
    uom: Value[str] | None = None


def _render(item: InventoryItem) -> list[dict]:
    return without_nulls(CrossReferences().read(item))


def _unprefixed(problems: list[str]) -> list[str]:
    """The keyed-lines engine's problems without the body place it prefixes (`crossReferences[0]: `)."""
    return [problem.split(": ", 1)[1] if problem.startswith("crossReferences[") else problem for problem in problems]


def list_cross_references(db: Database, *, company_id: int, number: str) -> list[dict]:
    with db.reading() as session:
        return _render(ITEM.find(session, company_id, number))


def _change(changes: dict, operation: str, kind: str | None, alternate: str | None) -> dict:
    change = {key: changes[key] for key in ("description", "uom") if key in changes}
    return {"operation": operation, "alternateType": kind, "alternateID": alternate, **change}


def _write(session: Session, item: InventoryItem, change: dict, action: str) -> int:
    with session.no_autoflush:
        problems = _unprefixed(apply_cross_references(item, [change]))
        problems += barcode_problems(session, item)
    if problems:
        raise record_errors(action=action, entity=ITEM.entity, record=ITEM.record_name, errors=problems)
    item.last_modified_at = utcnow()
    bump_version(session, company_id=item.company_id, resource=ITEM.name)
    session.flush()
    return item.row_version


def create_cross_reference(
    db: Database, *, company_id: int, number: str, dto: InventoryCrossReferenceUpdateDto
) -> tuple[str, str, int]:
    """The new cross-reference's alternate type and ID, and the item's new row version."""
    changes = dto.changes()
    kind = changes.get("alternateType")
    alternate = (changes.get("alternateID") or "").strip() or None
    with db.writing() as session:
        item = ITEM.find(session, company_id, number, for_update=True)
        version = _write(session, item, _change(changes, "Insert", kind and str(kind), alternate), "inserting")
        return str(kind), str(alternate), version


def update_cross_reference(
    db: Database,
    *,
    company_id: int,
    number: str,
    kind: AlternateType,
    alternate: str,
    dto: InventoryCrossReferenceUpdateDto,
    if_match: str | None,
) -> tuple[int, list[str]]:
    """The item's new row version, and the body fields ignored (a type or ID other than the path's)."""
    changes = dto.changes()
    with db.writing() as session:
        item = ITEM.find(session, company_id, number, for_update=True)
        if not any(r.alternate_type == kind and r.alternate_id == alternate for r in item.cross_references):
            raise NotFound(messages.not_found(f"Cross-reference {kind}", alternate))
        check_if_match(if_match, item.row_version)
        ignored = [
            wire
            for wire, path_value in (("alternateType", str(kind)), ("alternateID", alternate))
            if changes.get(wire) is not None and str(changes[wire]).strip() != path_value
        ]
        return _write(session, item, _change(changes, "Update", str(kind), alternate), "updating"), ignored


# --- barcodes of a document's items -------------------------------------------------------------------------

# (session, company, document number) -> the ids of the items on the document, None: no document of that number.
DocumentItems = Callable[[Session, int, str], list[int] | None]
_DOCUMENTS: dict[str, DocumentItems] = {}
# The path's document kinds.
DOCUMENT_KINDS = ("purchasereceipt", "salesorder", "shipment", "stocktake")


def register_document(kind: str, items: DocumentItems) -> None:
    """How the barcode lookup finds the items on a document of `kind` (one of `DOCUMENT_KINDS`)."""
    if kind not in DOCUMENT_KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    _DOCUMENTS[kind] = items


class BarCodeMetadataDto(BaseModel):
    totalCount: int | None = None


class BarCodeDto(BaseModel):
    barCode: str | None = None
    inventoryNumber: str | None = None
    metadata: BarCodeMetadataDto | None = None


def barcodes(db: Database, *, company_id: int, kind: str, number: str) -> list[dict]:
    """The barcodes of the items on the document (see the module's docstring), by item number and barcode."""
    with db.reading() as session:
        finder = _DOCUMENTS.get(kind)
        item_ids = finder(session, company_id, number) if finder is not None else None
        statement = (
            select(ItemCrossReference.alternate_id, InventoryItem.number)
            .join(InventoryItem, InventoryItem.id == ItemCrossReference.item_id)
            .where(ItemCrossReference.company_id == company_id, ItemCrossReference.alternate_type == BARCODE)
        )
        if item_ids is None:
            statement = statement.where(ItemCrossReference.alternate_id == number)
        else:
            statement = statement.where(ItemCrossReference.item_id.in_(item_ids))
        rows = session.execute(statement.order_by(InventoryItem.number, ItemCrossReference.alternate_id)).all()
    total = len(rows)
    return [{"barCode": code, "inventoryNumber": item, "metadata": {"totalCount": total}} for code, item in rows]
