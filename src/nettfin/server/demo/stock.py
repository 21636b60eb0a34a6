"""The demo's stock set-up: locations in both warehouses, a valuation method per item class (LAGER at average
cost, PALL at FIFO, STANDARD at standard cost), lot/serial classes, and a lot-tracked, a serial-tracked and a
standard-cost item. What is on hand comes from the documents that receive it."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..inventory.models import ItemClass, LotSerialClass, PostingClass, Valuation, Warehouse, WarehouseLocation
from .parties import SEEDED_AT, item_record

_LOCATIONS = {"1": [("A1", "Reol A", 1), ("B1", "Reol B", 2)], "2": [("P1", "Pallplass 1", 1)]}
_VALUATIONS = {"LAGER": Valuation.AVERAGE, "PALL": Valuation.FIFO}
_LOT_SERIAL_CLASSES = [("PARTI", "Partinummer", "LotNumbered"), ("SERIENR", "Serienummer", "SerialNumbered")]
# (number, description, item class, lot/serial class, price, cost)
_STOCK_ITEMS = [
    ("1101", "Toner sort, parti", "LAGER", "PARTI", "899.00", "540.00"),
    ("1102", "Bærbar PC 14 tommer", "LAGER", "SERIENR", "12990.00", "8900.00"),
    ("1103", "Kontorlampe LED", "STANDARD", None, "590.00", "350.00"),
]


def seed_stock_setup(session: Session, company_id: int) -> None:
    warehouses = {
        w.warehouse_id: w for w in session.scalars(select(Warehouse).where(Warehouse.company_id == company_id))
    }
    for warehouse_id, locations in _LOCATIONS.items():
        for code, text, priority in locations:
            session.add(
                WarehouseLocation(
                    company_id=company_id,
                    warehouse_id=warehouses[warehouse_id].id,
                    location_cd=code,
                    description=text,
                    pick_priority=priority,
                    last_modified_at=SEEDED_AT,
                )
            )
    classes = {c.class_id: c for c in session.scalars(select(ItemClass).where(ItemClass.company_id == company_id))}
    for class_id, method in _VALUATIONS.items():
        classes[class_id].valuation_method = method
    goods = session.scalars(
        select(PostingClass).where(PostingClass.company_id == company_id, PostingClass.class_id == "VARER")
    ).one()
    classes["STANDARD"] = ItemClass(
        company_id=company_id,
        class_id="STANDARD",
        description="Lagervarer til standardkost",
        item_type="FinishedGoodItem",
        posting_class=goods,
        vat_category_code="03",
        base_unit="STK",
        default_warehouse=warehouses["1"],
        valuation_method=Valuation.STANDARD,
    )
    session.add(classes["STANDARD"])
    for code, text, method in _LOT_SERIAL_CLASSES:
        session.add(
            LotSerialClass(
                company_id=company_id,
                class_cd=code,
                description=text,
                tracking_method=method,
                last_modified_at=SEEDED_AT,
            )
        )
    for offset, (number, text, class_id, lot_class, price, cost) in enumerate(_STOCK_ITEMS):
        item = item_record(
            company_id, 40 + offset, number, text, classes[class_id], "03", Decimal(price), Decimal(cost)
        )
        item.lot_serial_class = lot_class
        session.add(item)
