"""Helpers for the SDK and CLI tests: SDK clients talking to the real app in process, and a transport that
records what it forwards (an observer, not a mock: every request reaches the app)."""

from __future__ import annotations

from decimal import Decimal

import httpx2
from starlette.testclient import TestClient

from nettfin.client import AsyncClient, Client, RetryPolicy
from nettfin.server.inventory.models import InventoryItem, Warehouse
from nettfin.server.kit.changes import bump_version
from nettfin.server.ledger.models import Account
from nettfin.server.ledger.periods import create_financial_year
from nettfin.server.payables.models import Supplier
from nettfin.server.receivables.models import Customer
from nettfin.server.tax.models import VatZone
from tests.conftest import Tenant
from tests.ledger_factories import add_vat_setup

BASE_URL = "http://testserver/API"
# Tests never sleep: waits are recorded instead.
NO_WAITING = RetryPolicy(sleep=lambda seconds: None)


def app_transport(test_client: TestClient) -> httpx2.BaseTransport:
    """The test client's own transport: it runs the ASGI app in process (starlette's TestClient is an httpx2
    client, so its transport plugs into any httpx2 client, the SDK's included)."""
    return test_client._transport


class Recording(httpx2.BaseTransport):
    """Forwards every request to another transport and keeps (method, path, query) of each."""

    def __init__(self, inner: httpx2.BaseTransport) -> None:
        self.inner = inner
        self.requests: list[tuple[str, str, dict[str, str]]] = []

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append((request.method, request.url.path, dict(request.url.params)))
        return self.inner.handle_request(request)


def sdk_client(tenant: Tenant, **options) -> Client:
    """A sync client of the tenant's company over the app in process; options override (token, company_id...)."""
    settings = {
        "base_url": BASE_URL,
        "token": tenant.token,
        "company_id": tenant.company_id,
        "transport": app_transport(tenant.client),
        "retry": NO_WAITING,
    }
    return Client(**{**settings, **{k: v for k, v in options.items() if v is not None or k == "company_id"}})


def async_sdk_client(tenant: Tenant, app) -> AsyncClient:
    return AsyncClient(
        base_url=BASE_URL,
        token=tenant.token,
        company_id=tenant.company_id,
        transport=httpx2.ASGITransport(app=app),
        retry=NO_WAITING,
    )


# --- a company that trades (for the document tests) ---------------------------------------------------------

# (number, description, type, control module, cash account); 2700 and 2710 come with the VAT set-up.
CHART = [
    ("1500", "Kundefordringer", "Asset", "AR", False),
    ("1920", "Bankinnskudd", "Asset", None, True),
    ("2400", "Leverandørgjeld", "Liability", "AP", False),
    ("3000", "Salgsinntekt, avgiftspliktig", "Income", None, False),
    ("4300", "Innkjøp av varer", "Expense", None, False),
]
# (number, description, type, VAT category, default price, last cost)
ITEMS = [
    ("VARE", "Lagervare", "FinishedGoodItem", "03", "250.00", "100.00"),
    ("BOK", "Bok (lav sats)", "NonStockItem", "33", "199.00", "120.00"),
]


def add_trading_company(tenant: Tenant) -> None:
    """The VAT set-up (zones 01/02; categories 03 at 25 %, 33 at 12 %), a chart with control accounts, 2019
    and 2020 open, supplier 50000 and customer 10000 in zone 01, warehouse 1, and the items VARE and BOK."""

    add_vat_setup(tenant)
    company_id = tenant.company_id
    with tenant.database.writing() as session:
        _add_chart(session, company_id)
        for year in (2019, 2020):
            create_financial_year(session, company_id, year)
        zone = session.query(VatZone).filter(VatZone.company_id == company_id, VatZone.zone_id == "01").one()
        session.add(
            Supplier(company_id=company_id, number="50000", name="Leverandør AS", currency_id="NOK", vat_zone=zone)
        )
        session.add(Customer(company_id=company_id, number="10000", name="Kunde AS", currency_id="NOK", vat_zone=zone))
        _add_items(session, company_id)
        for resource in ("account", "supplier", "customer", "inventory", "financialPeriod"):
            bump_version(session, company_id=company_id, resource=resource)


def _add_chart(session, company_id: int) -> None:

    for number, text, kind, control, cash in CHART:
        session.add(
            Account(
                company_id=company_id,
                account_cd=number,
                description=text,
                type=kind,
                control_account_module=control,
                allow_manual_entry=control is None,
                cash_account=cash,
            )
        )


def _add_items(session, company_id: int) -> None:

    warehouse = Warehouse(company_id=company_id, warehouse_id="1", description="Lager 1")
    session.add(warehouse)
    for number, text, kind, category, price, cost in ITEMS:
        session.add(
            InventoryItem(
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
                accounts={"salesAccount": "3000", "expenseAccount": "4300"},
            )
        )
