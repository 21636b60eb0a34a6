"""A company set up for kits: the stock set-up of `tests.stock_factories`, a kit item KIT (average cost) and a
standard-cost kit KITSTD, a non-stock component SVC (cost 100, its expense accrual account 2490), and opening
stock of AVG, FIFO and STD in MAIN received through the stock engine and posted against the adjustment
account, so the inventory account starts equal to the cost layers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from nettfin.server.inventory.models import InventoryItem, ItemClass
from nettfin.server.kit.changes import bump_version
from nettfin.server.ledger.journal import Module
from nettfin.server.ledger.posting import Source, post
from nettfin.server.stock.accounts import Role, posting_lines
from nettfin.server.stock.engine import Move, StockSource, on_hand, receive
from nettfin.server.stock.models import CostLayer
from tests.conftest import Tenant
from tests.stock_factories import add_stock_setup, item, warehouse
from tests.supplier_ledger_factories import account_balance, wrap

OPENING = date(2020, 1, 2)
# (item, quantity, unit cost)
OPENING_STOCK = (("AVG", "10", "10.00"), ("FIFO", "10", "5.00"), ("STD", "10", "10.00"))


def add_kit_setup(tenant: Tenant, *, stock: bool = True) -> None:
    add_stock_setup(tenant)
    add_kit_items(tenant, stock=stock)


def add_kit_items(tenant: Tenant, *, stock: bool = True) -> None:
    """The kits, SVC, NOTKIT and (with `stock`) the opening stock, over a company that already has the stock
    set-up (`add_stock_setup`, or `tests.receipt_factories.add_buying_company`)."""
    with tenant.database.writing() as session:
        classes = {
            c.class_id: c for c in session.scalars(select(ItemClass).where(ItemClass.company_id == tenant.company_id))
        }
        for number, class_id, cost in (("KIT", "AVERAGE", "0"), ("KITSTD", "STANDARD", "30.00")):
            session.add(_item(tenant, number, "FinishedGoodItem", classes[class_id], Decimal(cost), kit=True))
        session.add(
            _item(tenant, "SVC", "NonStockItem", None, Decimal("100.00"), accounts={"expenseAccrualAccount": "2490"})
        )
        session.add(_item(tenant, "NOTKIT", "FinishedGoodItem", classes["AVERAGE"], Decimal(0)))
        bump_version(session, company_id=tenant.company_id, resource="inventory")
    if stock:
        with tenant.database.writing() as session:
            main = warehouse(session, tenant, "MAIN")
            moves = [
                Move(item(session, tenant, number), main, Decimal(quantity), unit_cost=Decimal(cost))
                for number, quantity, cost in OPENING_STOCK
            ]
            moved = receive(session, tenant.company_id, moves, on=OPENING, source=StockSource("Adjustment", "OPEN"))
            post(
                session,
                company_id=tenant.company_id,
                module=Module.IN,
                period="202001",
                date=OPENING,
                description="Opening stock",
                source=Source("Adjustment", "OPEN"),
                lines=posting_lines(moved, offset=Role.ADJUSTMENT, inbound=True),
            )


def _item(tenant: Tenant, number: str, kind: str, item_class, cost: Decimal, *, kit=False, accounts=None):
    return InventoryItem(
        company_id=tenant.company_id,
        number=number,
        item_type=kind,
        description=f"Item {number}",
        item_class=item_class,
        current_cost=cost,
        base_unit="STK",
        sales_unit="STK",
        purchase_unit="STK",
        kit_item=kit,
        accounts=accounts or {},
    )


def specification(kit="KIT", revision="1", *stock, non_stock=(), **extra) -> dict:
    """A specification body: `stock` and `non_stock` are (component, quantity) pairs or line dicts."""

    def line(component) -> dict:
        if isinstance(component, dict):
            return component
        number, quantity = component
        return {"operation": "Insert", **wrap(compInventoryID=number, dfltCompQty=quantity)}

    return {
        **wrap(kitInventoryID=kit, revisionID=revision, descr=f"Kit {kit}", **extra),
        "stockComponentLines": [line(c) for c in stock],
        "nonStockComponentLines": [line(c) for c in non_stock],
    }


def quantity_on_hand(tenant: Tenant, number: str, wh: str = "MAIN") -> Decimal:
    with tenant.database.reading() as session:
        return on_hand(session, item(session, tenant, number).id, warehouse(session, tenant, wh).id)


def layer_value(tenant: Tenant) -> Decimal:
    """The value of every cost layer of the company: what the inventory accounts must hold."""
    with tenant.database.reading() as session:
        total = session.scalar(
            select(func.coalesce(func.sum(CostLayer.value), 0)).where(CostLayer.company_id == tenant.company_id)
        )
        return Decimal(total)


def inventory_balance(tenant: Tenant) -> Decimal:
    return account_balance(tenant, "1400")
