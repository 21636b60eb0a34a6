"""Test data for shipments: the trading company (tests/sales_factories.py) with COGS on its stock item VARE and
10 of it on hand in warehouse 1 at 100 each, and sales orders entered through the order use cases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from nettfin.server.inventory.models import InventoryItem, Warehouse
from nettfin.server.sales.orders import enter_order
from nettfin.server.stock.engine import Move, StockSource, on_hand, receive
from tests.conftest import Tenant
from tests.sales_factories import add_trading_company
from tests.supplier_ledger_factories import account_balance


def add_shipping_company(tenant: Tenant) -> None:
    add_trading_company(tenant)
    with tenant.database.writing() as session:
        vare = _item(session, tenant)
        vare.accounts = {**vare.accounts, "cogsAccount": "4300", "inventoryAdjustmentAccount": "4300"}
        warehouse = session.scalars(
            select(Warehouse).where(Warehouse.company_id == tenant.company_id, Warehouse.warehouse_id == "1")
        ).one()
        receive(
            session,
            tenant.company_id,
            [Move(vare, warehouse, Decimal(10), unit_cost=Decimal(100))],
            on=date(2020, 3, 1),
            source=StockSource("Receipt", "OPENING"),
        )


def _item(session, tenant: Tenant) -> InventoryItem:
    return session.scalars(
        select(InventoryItem).where(InventoryItem.company_id == tenant.company_id, InventoryItem.number == "VARE")
    ).one()


def add_order(tenant: Tenant, quantity=3, **extra) -> str:
    """An SO order of customer 10000 for `quantity` x VARE (and 1 x BOK, which ships nothing: no stock item)."""
    with tenant.database.writing() as session:
        order, _ignored = enter_order(
            session,
            tenant.company_id,
            {
                "orderType": "SO",
                "customer": "10000",
                "date": date(2020, 3, 2),
                "lines": [{"inventoryNumber": "VARE", "quantity": Decimal(quantity), **extra}],
            },
        )
        return order.order_nbr


def vare_on_hand(tenant: Tenant) -> Decimal:
    with tenant.database.reading() as session:
        return on_hand(session, _item(session, tenant).id)


def books(tenant: Tenant) -> tuple[Decimal, Decimal]:
    """The inventory (1400) and COGS (4300) balances."""
    return account_balance(tenant, "1400"), account_balance(tenant, "4300")
