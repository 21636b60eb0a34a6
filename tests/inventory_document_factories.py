"""Inventory document bodies and reads for tests: receipts, issues, adjustments and transfers through the API
over `tests.stock_factories.add_stock_setup`'s company."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from nettfin.server.inventorydocs.models import InventoryDocument
from nettfin.server.stock.models import CostLayer, StockMovement, StockQuantity
from tests.factories import new_number
from tests.supplier_ledger_factories import wrap

DAY = "2020-03-02T00:00:00"
# Document type -> (path, the write body's lines, the real document's name, read DTO)
PATHS = {
    "Receipt": ("/inventoryReceipt", "receiptLines", "inventory-receipt", "InventoryReceiptDto"),
    "Issue": ("/inventoryissue", "issueLines", "inventoryissue", "InventoryIssueDto"),
    "Adjustment": ("/inventoryadjustment", "adjustmentLines", "inventoryadjustment", "InventoryAdjustmentDto"),
    "Transfer": ("/inventoryTransfer", "transferLines", "inventorytransfer", "InventoryTransferDto"),
}


def line(item: str, quantity, *, warehouse: str | None = "MAIN", **members) -> dict:
    body = {"operation": "Insert", **wrap(inventoryNumber=item)}
    if quantity is not None:
        body["quantity"] = {"value": str(quantity)}
    if warehouse is not None:
        body["warehouseId"] = {"value": warehouse}
    for name, value in members.items():
        if name == "allocations":
            body[name] = value
        else:
            body[name] = {"value": value}
    return body


def allocation(quantity, *, lot: str = "", location: str | None = None) -> dict:
    body = {"operation": "Insert", **wrap(quantity=str(quantity), lotSerialNumber=lot)}
    if location:
        body["location"] = {"value": location}
    return body


def body(kind: str, *lines: dict, date: str = DAY, **header) -> dict:
    return {**wrap(date=date, description=f"Test {kind.lower()}", **header), PATHS[kind][1]: list(lines)}


def transfer_body(*lines: dict, source: str = "MAIN", to: str = "SIDE", **header) -> dict:
    return body("Transfer", *lines, warehouseId=source, toWarehouseId=to, **header)


def transfer_line(item: str, quantity, **members) -> dict:
    return line(item, quantity, warehouse=None, **members)


def create(tenant, kind: str, payload: dict) -> str:
    return new_number(tenant.post(PATHS[kind][0], payload))


def release(tenant, kind: str, number: str):
    return tenant.post(f"{PATHS[kind][0]}/{number}/action/release")


def enter_and_release(tenant, kind: str, payload: dict) -> str:
    number = create(tenant, kind, payload)
    response = release(tenant, kind, number)
    assert response.status_code == 200, response.text
    return number


def read(tenant, kind: str, number: str) -> dict:
    response = tenant.get(f"{PATHS[kind][0]}/{number}")
    assert response.status_code == 200, response.text
    return response.json()


def on_hand_value(tenant) -> Decimal:
    with tenant.database.reading() as session:
        found = session.scalar(select(func.sum(CostLayer.value)).where(CostLayer.company_id == tenant.company_id))
        return Decimal(found or 0)


def quantities(tenant) -> list[Decimal]:
    with tenant.database.reading() as session:
        return list(session.scalars(select(StockQuantity.on_hand).where(StockQuantity.company_id == tenant.company_id)))


def stock_snapshot(tenant) -> tuple:
    """What a refused request must leave as it was: documents, quantities, layers, movements."""
    with tenant.database.reading() as session:
        company = tenant.company_id
        documents = session.execute(
            select(InventoryDocument.reference_number, InventoryDocument.doc_type, InventoryDocument.status)
            .where(InventoryDocument.company_id == company)
            .order_by(InventoryDocument.id)
        ).all()
        places = session.execute(
            select(StockQuantity.id, StockQuantity.on_hand).where(StockQuantity.company_id == company)
        ).all()
        layers = session.execute(
            select(CostLayer.id, CostLayer.quantity, CostLayer.value).where(CostLayer.company_id == company)
        ).all()
        moves = session.scalar(
            select(func.count()).select_from(StockMovement).where(StockMovement.company_id == company)
        )
        return sorted(documents), sorted(places), sorted(layers), moves
