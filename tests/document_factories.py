"""Test data for the documents of the sales side and purchase orders: a trading company with customers,
suppliers, items, a chart, open periods and the VAT walk-through's set-up, and write bodies for customer
invoices, customer payments and purchase orders.

(Reconstructed from its uses in the tests that import it, after it was overwritten by mistake; see the
supplier-ledger engineer's report.)
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select, update

from nettfin.server.inventory.models import InventoryItem, Warehouse
from nettfin.server.kit.changes import bump_version
from nettfin.server.ledger.models import Account
from nettfin.server.numbering.service import SUPPLIER, create_series
from nettfin.server.payables.models import Supplier
from nettfin.server.receivables.models import Customer
from nettfin.server.tax.models import VatZone
from nettfin.server.terms.models import CreditTerms
from tests.conftest import Tenant
from tests.ledger_factories import add_vat_setup, add_years, insert_accounts

MOMENT = datetime(2020, 3, 1, 12, 0, tzinfo=UTC)
INVOICE_DATE = "2020-03-02"
PAYMENT_DATE = "2020-03-15"

# (number, description, type, VAT category, unit, sales price, cost); zone 01 x category 03 is VAT ID 3 on
# sales and 1 on purchases, category 33 is VAT ID 33 on sales only, category 05 fits no zone-01 VAT ID.
ITEMS = [
    ("VARE", "Vare", "FinishedGoodItem", "03", "STK", "250.00", "100.00"),
    ("BOK", "Bok", "NonStockItem", "33", "STK", "199.00", "120.00"),
    ("FRI", "Fritatt vare", "NonStockItem", "05", "STK", "80.00", "50.00"),
    ("TJENESTE", "Konsulenttime", "ServiceItem", "03", "TIME", "1000.00", "0"),
]
ITEM_ACCOUNTS = {"salesAccount": "3000", "cogsAccount": "4000", "inventoryAccount": "1400", "expenseAccount": "4000"}


def add_trading_company(tenant: Tenant) -> None:
    """VAT set-up (zones 01/02, categories 03/33/05, VAT IDs with accounts 2700/2710), the periods of 2020,
    accounts 1400, 1500 (customer ledger), 1920 (cash), 2400 (supplier ledger), 3000 and 4000, terms 30,
    customers 10000 (zone 01) and 20000 (zone 02), suppliers 50000 and 50001 (zone 01), warehouses 1 and 2,
    and the items VARE, BOK, FRI and TJENESTE."""
    add_vat_setup(tenant)
    add_years(tenant, 2020)
    insert_accounts(tenant, "1400", "1920", type="Asset")
    insert_accounts(tenant, "1500", type="Asset", control="AR")
    insert_accounts(tenant, "2400", type="Liability", control="AP")
    insert_accounts(tenant, "3000", type="Income")
    insert_accounts(tenant, "4000", type="Expense")
    with tenant.database.writing() as session:
        session.execute(
            update(Account)
            .where(Account.company_id == tenant.company_id, Account.account_cd == "1920")
            .values(cash_account=True)
        )
        _parties(session, tenant.company_id)
        _items(session, tenant.company_id)


def _parties(session, company_id: int) -> None:
    zones = {z.zone_id: z for z in session.scalars(select(VatZone).where(VatZone.company_id == company_id))}
    terms = CreditTerms(company_id=company_id, terms_id="30", description="30 days", due_days=30)
    session.add(terms)
    for number, zone in (("10000", "01"), ("20000", "02")):
        session.add(
            Customer(
                company_id=company_id,
                number=number,
                name=f"Customer {number}",
                currency_id="NOK",
                vat_zone=zones[zone],
                credit_terms=terms,
                created_at=MOMENT,
                last_modified_at=MOMENT,
            )
        )
    for number in ("50000", "50001"):
        session.add(
            Supplier(
                company_id=company_id,
                number=number,
                name=f"Supplier {number}",
                currency_id="NOK",
                vat_zone=zones["01"],
                credit_terms=terms,
                gl_accounts={"supplierAccount": "2400", "expenseAccount": "4000"},
                created_at=MOMENT,
                last_modified_at=MOMENT,
            )
        )
    create_series(session, company_id=company_id, series_id=SUPPLIER, description="Suppliers", start_after=50001)
    for resource in ("customer", "supplier"):
        bump_version(session, company_id=company_id, resource=resource)


def _items(session, company_id: int) -> None:
    warehouses = {
        warehouse_id: Warehouse(company_id=company_id, warehouse_id=warehouse_id, description=f"Lager {warehouse_id}")
        for warehouse_id in ("1", "2")
    }
    session.add_all(warehouses.values())
    for number, text, kind, category, unit, price, cost in ITEMS:
        stock = kind == "FinishedGoodItem"
        session.add(
            InventoryItem(
                company_id=company_id,
                number=number,
                item_type=kind,
                description=text,
                vat_category_code=category,
                default_price=Decimal(price),
                current_cost=Decimal(cost),
                last_cost=Decimal(cost),
                base_unit=unit,
                sales_unit=unit,
                purchase_unit=unit,
                default_warehouse=warehouses["1"] if stock else None,
                accounts=dict(ITEM_ACCOUNTS),
                created_at=MOMENT,
                last_modified_at=MOMENT,
            )
        )
    bump_version(session, company_id=company_id, resource="inventory")


def invoice_body(customer: str = "10000", **extra) -> dict:
    """A customer invoice of 202003: 2 x VARE (500.00, VAT 3 at 25 %) and 1 x BOK (199.00, VAT 33 at 12 %),
    847.88 in all."""
    body = {
        "customerNumber": {"value": customer},
        "documentDate": {"value": INVOICE_DATE},
        "invoiceLines": [
            {"operation": "Insert", "inventoryNumber": {"value": "VARE"}, "quantity": {"value": 2}},
            {"operation": "Insert", "inventoryNumber": {"value": "BOK"}, "quantity": {"value": 1}},
        ],
    }
    body.update(extra)
    return body


def payment_body(customer: str = "10000", amount: str = "0", lines: list[tuple[str, str, str]] = (), **extra) -> dict:
    """A customer payment of 202003 applying (document type, reference number, amount paid) lines."""
    body = {
        "type": {"value": "Payment"},
        "customer": {"value": customer},
        "applicationDate": {"value": PAYMENT_DATE},
        "paymentAmount": {"value": amount},
        "paymentLines": [
            {
                "operation": "Insert",
                "documentType": {"value": kind},
                "refNbr": {"value": number},
                "amountPaid": {"value": paid},
            }
            for kind, number, paid in lines
        ],
    }
    body.update(extra)
    return body


def order_body(supplier: str = "50000", **extra) -> dict:
    """A regular purchase order of 202003: 2 x VARE at 100.00 (category 03) and 3 x BOK at 120.00 (33)."""
    body = {
        "orderType": {"value": "RegularOrder"},
        "date": {"value": INVOICE_DATE},
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
