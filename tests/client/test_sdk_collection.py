"""Cash sales, overdue charges and the balances by period through the SDK."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from nettfin.client import Line, Update
from nettfin.client.models import CashSale, CustomerBalanceV2
from tests.client.test_sdk_resources import _problems
from tests.sdk_helpers import add_trading_company, sdk_client
from tests.server.receivables.test_collection_api import add_overdue_charge_setup, calculate, released_invoice


def test_a_cash_sale_is_made_and_read_through_the_sdk(tenant):
    add_trading_company(tenant)
    with sdk_client(tenant) as client:
        number = client.cash_sales.create(
            Update(
                customerNumber="10000",
                documentDate=date(2020, 3, 2),
                cashSaleLines=[Line.insert(inventoryNumber="VARE", quantity=1)],
            )
        )
        sale = client.cash_sales.get(number)
        listed = [s.reference_number for s in client.cash_sales.iterate()]
    assert isinstance(sale, CashSale)
    assert (sale.document_type, sale.status, sale.amount, sale.balance, len(sale.cash_sale_lines)) == (
        "CashSale",
        "Closed",
        Decimal("312.50"),
        Decimal("0"),
        1,
    )
    assert listed == [number]
    assert not _problems(sale, "cash_sales"), _problems(sale, "cash_sales")


def test_an_overdue_charge_is_released_and_the_balance_read_through_the_sdk(tenant):
    add_trading_company(tenant)
    add_overdue_charge_setup(tenant)
    released_invoice(tenant, documentDueDate={"value": "2020-03-10"})
    (made,) = calculate(tenant, date(2020, 4, 9))
    with sdk_client(tenant) as client:
        client.customer_overdue_charges.release(made.reference_number)
        charge = client.customer_overdue_charges.get(made.reference_number)
        (balance,) = client.customer_balances_v2.iterate(fromFinPeriod="202001", toFinPeriod="202012")
    assert (charge.document_type, charge.status, charge.amount) == ("FinCharge", "Open", Decimal("8.36"))
    assert isinstance(balance, CustomerBalanceV2)
    assert (balance.sales, balance.overdue_charges, balance.year_to_date_balance) == (
        Decimal("847.88"),
        Decimal("8.36"),
        Decimal("856.24"),
    )
