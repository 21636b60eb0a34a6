"""The demo's inventory master data beyond the stock set-up: warehouse 1's receiving and shipping locations, lot
numbering for class PARTI, landed cost codes for freight and duty, barcodes on a few items, and a pending
standard cost on item 1103 (the stock item's `updateCost` applies it)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..inventory.models import InventoryItem, ItemCrossReference, LandedCostCode, LotSerialClass, Warehouse
from .parties import SEEDED_AT

# (code, description, type, allocation method, supplier, accrual account, variance account)
_LANDED_COST_CODES = [
    ("FRAKT", "Frakt inn", "FreightAndMisOriginCharges", "ByQuantity", "50000", "2490", "4091"),
    ("TOLL", "Toll og avgifter", "CustomDuties", "ByCost", None, "2490", "4091"),
]
# (item, barcode): EAN-13 numbers with their check digits.
BARCODES = [("1001", "7040000010016"), ("1002", "7040000010023"), ("1103", "7040000011037")]


def seed_master_data(session: Session, company_id: int) -> None:
    main = session.scalars(
        select(Warehouse).where(Warehouse.company_id == company_id, Warehouse.warehouse_id == "1")
    ).one()
    main.branch_number = "1"
    main.receipt_location_cd, main.ship_location_cd, main.return_location_cd = "A1", "B1", "A1"
    main.last_modified_at = SEEDED_AT
    lots = session.scalars(
        select(LotSerialClass).where(LotSerialClass.company_id == company_id, LotSerialClass.class_cd == "PARTI")
    ).one()
    lots.auto_generate_next_number = True
    lots.segments = [{"type": "FixedConst", "value": "P"}, {"type": "NumericVal", "value": "000001"}]
    for code, text, kind, allocation, supplier, accrual, variance in _LANDED_COST_CODES:
        session.add(
            LandedCostCode(
                company_id=company_id,
                code=code,
                description=text,
                landed_cost_type=kind,
                application_method="FromBoth",
                allocation_method=allocation,
                supplier_number=supplier,
                vat_category_code="03",
                accrual_account=accrual,
                variance_account=variance,
                last_modified_at=SEEDED_AT,
            )
        )
    items = {
        i.number: i
        for i in session.scalars(
            select(InventoryItem).where(
                InventoryItem.company_id == company_id, InventoryItem.number.in_([n for n, _ in BARCODES])
            )
        )
    }
    for number, barcode in BARCODES:
        session.add(
            ItemCrossReference(
                company_id=company_id,
                item_id=items[number].id,
                alternate_type="Barcode",
                alternate_id=barcode,
                description="EAN-13",
                uom=items[number].base_unit,
            )
        )
    lamp = items["1103"]
    lamp.pending_cost, lamp.pending_cost_date = Decimal("375.00"), datetime(2020, 1, 1, tzinfo=UTC)
