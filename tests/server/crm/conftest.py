"""A customer and a supplier of the test company, made through the API (each with its default location)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from nettfin.server.receivables.models import CustomerClass
from nettfin.server.tax.models import VatZone
from nettfin.server.terms.models import CreditTerms
from tests.factories import minimal_customer, new_number
from tests.party_factories import add_supplier_reference_data, minimal_supplier


@pytest.fixture
def accounts(tenant):
    add_supplier_reference_data(tenant)
    with tenant.database.writing() as session:
        zone = session.scalars(
            select(VatZone).where(VatZone.company_id == tenant.company_id, VatZone.zone_id == "01")
        ).one()
        terms = session.scalars(
            select(CreditTerms).where(CreditTerms.company_id == tenant.company_id, CreditTerms.terms_id == "30")
        ).one()
        session.add(
            CustomerClass(
                company_id=tenant.company_id, class_id="1", description="Kunder", vat_zone=zone, credit_terms=terms
            )
        )
    customer = minimal_customer("Kunde AS", vatRegistrationId={"value": "NO111MVA"})
    tenant.customer = new_number(tenant.post("/customer", customer))
    tenant.supplier = new_number(tenant.post("/supplier", minimal_supplier("Leverandør AS")))
    return tenant


def wrapped(**members) -> dict:
    return {name: {"value": value} for name, value in members.items()}
