"""A company that buys stock: the trading company (suppliers, VAT, chart, 2019-2020) with the stock set-up
(warehouses MAIN/SIDE, items AVG, FIFO, STD, LOT, SER on posting class STOCK), the accounts a purchase receipt
and its invoice post to (PO accrual 2490, purchase price variance 4092), and the non-stock item BOK on the same
posting class; purchase orders of those items."""

from __future__ import annotations

from sqlalchemy import select

from nettfin.server.inventory.models import InventoryItem, PostingClass
from nettfin.server.kit.changes import bump_version
from tests.conftest import Tenant
from tests.factories import new_number
from tests.party_factories import add_gl_accounts
from tests.sales_factories import add_trading_company
from tests.stock_factories import STOCK_ACCOUNTS, add_stock_setup

PPV_ACCOUNT = "4092"


def add_buying_company(tenant: Tenant) -> None:
    add_trading_company(tenant)
    add_gl_accounts(tenant, {"4090": "Expense", "4091": "Expense", "2490": "Liability", PPV_ACCOUNT: "Expense"})
    add_stock_setup(tenant, accounts=False)
    with tenant.database.writing() as session:
        posting = session.scalars(
            select(PostingClass).where(PostingClass.company_id == tenant.company_id, PostingClass.class_id == "STOCK")
        ).one()
        posting.accounts = {**STOCK_ACCOUNTS, "purchasePriceVarianceAccount": PPV_ACCOUNT}
        book = session.scalars(
            select(InventoryItem).where(InventoryItem.company_id == tenant.company_id, InventoryItem.number == "BOK")
        ).one()
        book.posting_class = posting
        book.accounts = {**(book.accounts or {}), "expenseAccount": "4300"}
        for resource in ("inventory", "posting_class"):
            bump_version(session, company_id=tenant.company_id, resource=resource)


def order(tenant: Tenant, *lines: tuple, supplier: str = "50000", date: str = "2020-03-02", **extra) -> str:
    """A purchase order of (item, quantity, unit cost[, warehouse]) lines; its number."""
    body = {
        "orderType": {"value": "RegularOrder"},
        "date": {"value": date},
        "supplier": {"value": supplier},
        "lines": [
            {
                "operation": "Insert",
                "inventory": {"value": item},
                "orderQty": {"value": quantity},
                "unitCost": {"value": cost},
                **({"warehouse": {"value": rest[0]}} if rest else {}),
            }
            for item, quantity, cost, *rest in lines
        ],
        **extra,
    }
    return new_number(tenant.post("/purchaseorder", body))


def receipt_body(order_nbr: str, *lines: tuple, receipt_type: str = "PoReceipt", **extra) -> dict:
    """A receipt (or return) of (order line, quantity[, extra line members]) lines, dated 2020-03-10."""
    return {
        "receiptType": {"value": receipt_type},
        "date": {"value": "2020-03-10"},
        "supplierId": {"value": extra.pop("supplier", "50000")},
        "lines": [
            {
                "operation": "Insert",
                "poOrderNbr": {"value": order_nbr},
                "poOrderLineNbr": {"value": line},
                "receiptQty": {"value": quantity},
                **(more[0] if more else {}),
            }
            for line, quantity, *more in lines
        ],
        **extra,
    }
