"""The shop integration's tests: each runs against a company of its own, cloned from nettfin's demo company."""

from __future__ import annotations

import httpx2
import pytest
from shop_sync import Visma

DEMO_CUSTOMERS = 50


@pytest.fixture
def visma(nettfin_company) -> Visma:
    company = nettfin_company
    return Visma(company.base_url, company.client_id, company.client_secret, company.tenant_id)


@pytest.mark.parametrize("shopper", range(192))
def test_a_new_shopper_becomes_a_customer_in_a_company_no_other_test_touches(visma, shopper):
    number = visma.customer_number(f"Shopper {shopper}")
    # Every test starts from the demo's 50 customers, whatever ran before it, wherever it ran.
    assert number == str(10001 + DEMO_CUSTOMERS)
    assert visma.customer_count() == DEMO_CUSTOMERS + 1
    assert visma.customer_number(f"Shopper {shopper}") == number


def test_an_order_is_booked_as_an_invoice(visma, nettfin_client):
    reference = visma.book_order("Ola Nordmann", [("1001", 2)])
    invoice = nettfin_client.customer_invoices.get(reference)
    assert invoice.customer.name == "Ola Nordmann"
    assert invoice.status == "Balanced" and invoice.amount > 0


def test_the_sdk_client_reads_the_demo_company(nettfin):
    customers = list(nettfin.client.customers.list(page_size=100))
    assert len(customers) == DEMO_CUSTOMERS
    assert nettfin.company.company_name == "Nordlys Demo AS"


def test_two_companies_in_one_test_are_two_companies(nettfin_admin, nettfin_company):
    other = nettfin_admin.clone()
    assert other.company_id != nettfin_company.company_id and other.tenant_id != nettfin_company.tenant_id
    Visma(other.base_url, other.client_id, other.client_secret, other.tenant_id).customer_number("Only there")
    mine = Visma(
        nettfin_company.base_url, nettfin_company.client_id, nettfin_company.client_secret, nettfin_company.tenant_id
    )
    assert mine.customer_count() == DEMO_CUSTOMERS


def test_a_legacy_integration_uses_the_token_and_company_id(nettfin_company):
    import httpx2

    response = httpx2.get(
        f"{nettfin_company.legacy_url}/controller/api/v1/customer/10001", headers=nettfin_company.legacy_headers
    )
    assert response.status_code == 200 and response.json()["number"] == "10001"


def test_a_throttled_read_is_tried_again_after_retry_after(nettfin, visma):
    with nettfin.faults(status=429, retryAfter=1, times=1, method="GET", path="/v1/customer"):
        assert visma.customer_count() == DEMO_CUSTOMERS
    statuses = [call.status for call in nettfin.calls(method="GET", path="/v1/customer")]
    assert statuses[-2:] == [429, 200]


def test_a_gateway_error_is_tried_again(nettfin, visma):
    with nettfin.faults(status=503, times=1, path="/v1/customer*"):
        assert visma.customer_count() == DEMO_CUSTOMERS


def test_a_create_whose_answer_was_lost_is_not_made_twice(nettfin, visma):
    dropped = nettfin.faults(drop="after", times=1, method="POST", path="/v1/customer")
    with dropped, pytest.raises(httpx2.TransportError):
        visma.customer_number("Dropped AS")
    assert visma.customer_number("Dropped AS") == str(10001 + DEMO_CUSTOMERS)
    created = nettfin.calls(method="POST", path="/v1/customer")
    assert [call.status for call in created] == [201]
    assert created[0].request_json == {"name": {"value": "Dropped AS"}}


def test_a_token_that_expired_on_the_companys_clock_is_renewed(nettfin, visma):
    assert visma.customer_count() == DEMO_CUSTOMERS
    nettfin.clock.advance(hours=2)  # the company's time only: its Connect tokens live for one hour of it
    assert visma.sign_ins == 1
    assert visma.customer_count() == DEMO_CUSTOMERS
    assert visma.sign_ins == 2  # the first try was refused: "Invalid token: it expired at ..."
