"""Factories for test data. Reference data goes straight into the database; what a test is about goes
through the API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from nettfin.server.kit.changes import bump_version
from nettfin.server.receivables.models import Customer, CustomerClass
from nettfin.server.tax.models import VatZone
from nettfin.server.terms.models import CreditTerms
from tests.conftest import Tenant


def add_reference_data(tenant: Tenant) -> None:
    """VAT zones 01/02, credit terms 14/30, classes 1 (zone 01, terms 30) and 2 (requires a VAT zone)."""
    with tenant.database.writing() as session:
        zone01 = VatZone(company_id=tenant.company_id, zone_id="01", description="Domestic", default_vat_category="03")
        zone02 = VatZone(company_id=tenant.company_id, zone_id="02", description="EU")
        terms30 = CreditTerms(company_id=tenant.company_id, terms_id="30", description="30 days", due_days=30)
        terms14 = CreditTerms(company_id=tenant.company_id, terms_id="14", description="14 days", due_days=14)
        session.add_all(
            [
                zone01,
                zone02,
                terms30,
                terms14,
                CustomerClass(
                    company_id=tenant.company_id,
                    class_id="1",
                    description="Domestic customers",
                    vat_zone=zone01,
                    credit_terms=terms30,
                    invoice_orders_separately=True,
                ),
                CustomerClass(
                    company_id=tenant.company_id, class_id="2", description="Zone required", required_vat_zone=True
                ),
            ]
        )
        # Set-up written outside the API bumps its data version as the API would (caches key on it).
        bump_version(session, company_id=tenant.company_id, resource="vatZone")


def insert_customers(
    tenant: Tenant,
    count: int,
    *,
    start: int = 1,
    status: str = "Active",
    modified: datetime | None = None,
    step: timedelta = timedelta(0),
) -> list[str]:
    """Customers numbered C00001.. inserted directly (fast set-up for paging tests)."""
    modified = modified or datetime(2020, 3, 1, tzinfo=UTC)
    numbers = []
    with tenant.database.writing() as session:
        for offset in range(count):
            number = f"C{start + offset:05d}"
            moment = modified + step * offset
            session.add(
                Customer(
                    company_id=tenant.company_id,
                    number=number,
                    name=f"Customer {number}",
                    status=status,
                    currency_id="NOK",
                    created_at=moment,
                    last_modified_at=moment,
                )
            )
            numbers.append(number)
        bump_version(session, company_id=tenant.company_id, resource="customer")
    return numbers


def minimal_customer(name: str = "Acme AS", **extra) -> dict:
    """The reference's minimum create body (number omitted: the series gives it)."""
    body = {
        "name": {"value": name},
        "overrideWithClassValues": True,
        "customerClassId": {"value": "1"},
        "mainAddress": {
            "value": {
                "addressLine1": {"value": "TestRoad 13"},
                "postalCode": {"value": "0101"},
                "countryId": {"value": "NO"},
            }
        },
    }
    body.update(extra)
    return body


def new_number(response) -> str:
    """The key a client takes from Location: its last path segment."""
    assert response.status_code == 201, response.text
    return response.headers["Location"].rsplit("/", 1)[-1]


def fixed_company(company_id: int = 1):
    """A stand-in for identity's `company_context` in a kit router of its own: the dependency giving the call's
    company, and the `from_request` the routes that read their own request authenticate with."""

    def company() -> SimpleNamespace:
        return SimpleNamespace(company_id=company_id)

    async def from_request(_request) -> SimpleNamespace:
        return company()

    company.from_request = from_request
    return company
