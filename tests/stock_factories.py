"""A company set up to move stock: GL accounts, open years 2019-2021, warehouses, posting and item classes with
each valuation method, lot/serial classes and one stock item of each kind."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from nettfin.server.inventory.models import (
    InventoryItem,
    ItemClass,
    LotSerialClass,
    PostingClass,
    Warehouse,
    WarehouseLocation,
)
from nettfin.server.kit.changes import bump_version
from tests.conftest import Tenant
from tests.ledger_factories import add_years
from tests.party_factories import add_gl_accounts

STOCK_ACCOUNTS = {
    "inventoryAccount": "1400",
    "cogsAccount": "4300",
    "inventoryAdjustmentAccount": "4090",
    "standardCostVarianceAccount": "4091",
    "poAccrualAccount": "2490",
}
# The accounts a stock posting touches, and their types.
GL_ACCOUNTS = {"1400": "Asset", "4300": "Expense", "4090": "Expense", "4091": "Expense", "2490": "Liability"}
# Item number -> (item class, lot/serial class, standard cost)
STOCK_ITEMS = {
    "AVG": ("AVERAGE", None, Decimal(0)),
    "FIFO": ("FIFO", None, Decimal(0)),
    "STD": ("STANDARD", None, Decimal("10.00")),
    "LOT": ("FIFO", "LOT", Decimal(0)),
    "SER": ("AVERAGE", "SERIAL", Decimal(0)),
}


def add_stock_setup(tenant: Tenant, *, accounts: bool = True) -> None:
    """Warehouse MAIN with locations A1 (pick priority 1) and B1 (2), warehouse SIDE without locations; posting
    class STOCK naming every stock account; item classes AVERAGE, FIFO and STANDARD; lot/serial classes LOT and
    SERIAL; the items of `STOCK_ITEMS`."""
    if accounts:
        add_gl_accounts(tenant, GL_ACCOUNTS)
        add_years(tenant, 2019, 2020, 2021)
    company = tenant.company_id
    with tenant.database.writing() as session:
        main = Warehouse(company_id=company, warehouse_id="MAIN", description="Hovedlager")
        side = Warehouse(company_id=company, warehouse_id="SIDE", description="Sidelager")
        session.add_all([main, side])
        session.flush()
        session.add_all(
            [
                WarehouseLocation(company_id=company, warehouse_id=main.id, location_cd="A1", pick_priority=1),
                WarehouseLocation(company_id=company, warehouse_id=main.id, location_cd="B1", pick_priority=2),
            ]
        )
        posting = PostingClass(company_id=company, class_id="STOCK", description="Lager", accounts=STOCK_ACCOUNTS)
        session.add(posting)
        classes = {
            method.upper(): ItemClass(
                company_id=company,
                class_id=method.upper(),
                description=method,
                item_type="FinishedGoodItem",
                posting_class=posting,
                base_unit="STK",
                default_warehouse=main,
                valuation_method=method,
            )
            for method in ("Average", "FIFO", "Standard")
        }
        session.add_all(classes.values())
        session.add_all(
            [
                LotSerialClass(company_id=company, class_cd="LOT", description="Lots", tracking_method="LotNumbered"),
                LotSerialClass(
                    company_id=company, class_cd="SERIAL", description="Serials", tracking_method="SerialNumbered"
                ),
            ]
        )
        for number, (item_class, lot_class, standard) in STOCK_ITEMS.items():
            session.add(
                InventoryItem(
                    company_id=company,
                    number=number,
                    item_type="FinishedGoodItem",
                    description=f"Item {number}",
                    item_class=classes[item_class],
                    lot_serial_class=lot_class,
                    current_cost=standard,
                    base_unit="STK",
                    sales_unit="STK",
                    purchase_unit="STK",
                )
            )
        for resource in ("inventory", "item_class", "posting_class", "warehouse"):
            bump_version(session, company_id=company, resource=resource)


def item(session, tenant: Tenant, number: str) -> InventoryItem:
    return session.scalars(
        select(InventoryItem).where(InventoryItem.company_id == tenant.company_id, InventoryItem.number == number)
    ).one()


def warehouse(session, tenant: Tenant, code: str) -> Warehouse:
    return session.scalars(
        select(Warehouse).where(Warehouse.company_id == tenant.company_id, Warehouse.warehouse_id == code)
    ).one()


def location(session, tenant: Tenant, warehouse_code: str, code: str) -> WarehouseLocation:
    return session.scalars(
        select(WarehouseLocation)
        .join(Warehouse, Warehouse.id == WarehouseLocation.warehouse_id)
        .where(
            Warehouse.company_id == tenant.company_id,
            Warehouse.warehouse_id == warehouse_code,
            WarehouseLocation.location_cd == code,
        )
    ).one()
