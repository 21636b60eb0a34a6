"""Test data for contracts: the trading company (tests/sales_factories.py) with a monthly template whose
invoices are released. TJENESTE (25 % VAT) is prepaid: 2 hours included at 800, setup 1000, extra hours at
950; BOK (12 % VAT) is postpaid: 1 included at 300."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from nettfin.server.contracts.billing import Billed, bill
from nettfin.server.contracts.models import InvoiceType
from nettfin.server.contracts.templates import TemplateItem, add_template
from tests.conftest import Tenant
from tests.sales_factories import add_trading_company

TEMPLATE_ITEMS = [
    TemplateItem(
        "TJENESTE",
        included=Decimal(2),
        setup_price=Decimal(1000),
        recurring_price=Decimal(800),
        extra_usage_price=Decimal(950),
        invoice_type=InvoiceType.PREPAID,
    ),
    TemplateItem("BOK", included=Decimal(1), recurring_price=Decimal(300), invoice_type=InvoiceType.POSTPAID),
]


def add_contract_company(tenant: Tenant, *, release: bool = True) -> None:
    add_trading_company(tenant)
    with tenant.database.writing() as session:
        add_template(session, tenant.company_id, "DRIFT", "Drift og support", TEMPLATE_ITEMS, release_invoices=release)
        add_template(session, tenant.company_id, "LISENS", "Lisens, årlig", [], invoicing_period="Annual")


def contract_body(contract_id: str = "C1", customer: str = "10000", **extra) -> dict:
    body = {
        "contractId": {"value": contract_id},
        "contractTemplate": {"value": "DRIFT"},
        "customer": {"value": customer},
        "description": {"value": "Drift av kontor-IT"},
        "setupDate": {"value": "2020-01-15"},
    }
    body.update(extra)
    return body


def run_billing(tenant: Tenant, on: date) -> list[Billed]:
    with tenant.database.writing() as session:
        return bill(session, tenant.company_id, on)
