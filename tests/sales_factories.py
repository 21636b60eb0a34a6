"""Test data for purchase orders and customer documents: a trading company with the VAT set-up, a chart with
a customer ledger control account, open periods, suppliers, customers and items. Reference data goes straight
into the database; what a test is about goes through the API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from nettfin.server.currencies.service import add_currency, add_rate, add_rate_type
from nettfin.server.inventory.models import InventoryItem, Warehouse
from nettfin.server.kit.changes import bump_version
from nettfin.server.ledger.models import Account
from nettfin.server.ledger.periods import create_financial_year
from nettfin.server.payables.models import Supplier
from nettfin.server.receivables.models import Customer
from nettfin.server.tax.models import VatZone
from nettfin.server.terms.models import PaymentMethod
from tests.conftest import Tenant
from tests.ledger_factories import add_vat_setup

YEARS = (2019, 2020)
# (number, description, type, control module, cash account); 2700 and 2710 come with the VAT set-up.
CHART = [
    ("1400", "Varelager", "Asset", None, False),
    ("1500", "Kundefordringer", "Asset", "AR", False),
    ("1920", "Bankinnskudd", "Asset", None, True),
    ("2400", "Leverandørgjeld", "Liability", "AP", False),
    ("3000", "Salgsinntekt, avgiftspliktig", "Income", None, False),
    ("3100", "Salgsinntekt, avgiftsfri", "Income", None, False),
    ("4300", "Innkjøp av varer", "Expense", None, False),
]
# EUR's SPOT rates to NOK: (effective date, rate).
EUR_RATES = ((date(2019, 1, 1), Decimal("10.0000")), (date(2020, 1, 1), Decimal("11.2345")))
# (number, description, type, VAT category, default price, last cost); FinishedGoodItem is a stock item.
ITEMS = [
    ("VARE", "Lagervare", "FinishedGoodItem", "03", "250.00", "100.00"),
    ("TJENESTE", "Konsulenttime", "ServiceItem", "03", "1000.00", "0"),
    ("BOK", "Bok (lav sats)", "NonStockItem", "33", "199.00", "120.00"),
    ("FRI", "Avgiftsfri vare", "NonStockItem", "05", "80.00", "40.00"),
]


def add_trading_company(tenant: Tenant, *, rounding: str | None = None) -> None:
    """VAT (zones 01/02, categories 03/33/05), the chart, 2019 and 2020 open, suppliers 50000 (zone 01) and
    50001 (zone 02), customers 10000 (zone 01) and 20000 (zone 02), warehouses 1 and 2, the items above; EUR
    with its SPOT rates (`EUR_RATES`); the payment method BANK."""
    add_vat_setup(tenant, rounding=rounding)
    with tenant.database.writing() as session:
        company_id = tenant.company_id
        session.add_all([_account(company_id, *row) for row in CHART])
        for year in YEARS:
            create_financial_year(session, company_id, year)
        zones = {z.zone_id: z for z in session.scalars(select(VatZone).where(VatZone.company_id == company_id))}
        session.add_all(
            [
                Supplier(
                    company_id=company_id, number="50000", name="Leverandør AS", currency_id="NOK", vat_zone=zones["01"]
                ),
                Supplier(
                    company_id=company_id, number="50001", name="Utland GmbH", currency_id="EUR", vat_zone=zones["02"]
                ),
                Customer(
                    company_id=company_id, number="10000", name="Kunde AS", currency_id="NOK", vat_zone=zones["01"]
                ),
                Customer(
                    company_id=company_id, number="20000", name="Export Ltd", currency_id="NOK", vat_zone=zones["02"]
                ),
            ]
        )
        session.add(PaymentMethod(company_id=company_id, payment_method_id="BANK", description="Bankoverføring"))
        add_currency(session, company_id, "EUR")
        add_rate_type(session, company_id, "SPOT", "Spot rate")
        session.flush()
        for day, rate in EUR_RATES:
            add_rate(session, company_id, "EUR", "NOK", "SPOT", day, rate)
        warehouses = [Warehouse(company_id=company_id, warehouse_id=w, description=f"Lager {w}") for w in ("1", "2")]
        session.add_all(warehouses)
        session.add_all([_item(company_id, warehouses[0], *row) for row in ITEMS])
        for resource in (
            "account",
            "supplier",
            "customer",
            "inventory",
            "financialPeriod",
            "currency",
            "currencyrate",
            "paymentMethod",
        ):
            bump_version(session, company_id=company_id, resource=resource)


def _account(company_id: int, number: str, text: str, kind: str, control: str | None, cash: bool) -> Account:
    return Account(
        company_id=company_id,
        account_cd=number,
        description=text,
        type=kind,
        control_account_module=control,
        allow_manual_entry=control is None,
        cash_account=cash,
    )


def _item(company_id: int, warehouse: Warehouse, number, text, kind, category, price, cost) -> InventoryItem:
    return InventoryItem(
        company_id=company_id,
        number=number,
        item_type=kind,
        description=text,
        vat_category_code=category,
        default_price=Decimal(price),
        last_cost=Decimal(cost),
        base_unit="STK",
        sales_unit="STK",
        purchase_unit="STK",
        default_warehouse=warehouse if kind == "FinishedGoodItem" else None,
        accounts={"salesAccount": "3000", "inventoryAccount": "1400", "expenseAccount": "4300"},
    )


def order_body(supplier: str = "50000", **extra) -> dict:
    """A purchase order of 2 x VARE at 100 and 3 x BOK at 120, dated 2020-03-02."""
    body = {
        "orderType": {"value": "RegularOrder"},
        "date": {"value": "2020-03-02"},
        "supplier": {"value": supplier},
        "lines": [
            {
                "operation": "Insert",
                "inventory": {"value": "VARE"},
                "orderQty": {"value": 2},
                "unitCost": {"value": 100},
            },
            {
                "operation": "Insert",
                "inventory": {"value": "BOK"},
                "orderQty": {"value": 3},
                "unitCost": {"value": 120},
            },
        ],
    }
    body.update(extra)
    return body


def invoice_body(customer: str = "10000", **extra) -> dict:
    """An invoice of 2 x VARE at 250 (25 % VAT) and 1 x BOK at 199 (12 % VAT), dated 2020-03-02."""
    body = {
        "customerNumber": {"value": customer},
        "documentDate": {"value": "2020-03-02"},
        "invoiceText": {"value": "Test invoice"},
        "invoiceLines": [
            {"operation": "Insert", "inventoryNumber": {"value": "VARE"}, "quantity": {"value": 2}},
            {"operation": "Insert", "inventoryNumber": {"value": "BOK"}, "quantity": {"value": 1}},
        ],
    }
    body.update(extra)
    return body


def payment_body(customer: str = "10000", amount="0", lines: list | None = None, **extra) -> dict:
    """A payment of `amount` on 2020-03-15 with lines (document type, reference number, amount paid)."""
    body = {
        "type": {"value": "Payment"},
        "customer": {"value": customer},
        "applicationDate": {"value": "2020-03-15"},
        "paymentAmount": {"value": amount},
        "paymentLines": [
            {
                "operation": "Insert",
                "documentType": {"value": kind},
                "refNbr": {"value": ref},
                "amountPaid": {"value": paid},
            }
            for kind, ref, paid in (lines or [])
        ],
    }
    body.update(extra)
    return body
