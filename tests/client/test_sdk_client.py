"""nettfin.client against the real app in process, on both databases: reading, writing, errors, company
isolation, the Context endpoint, and the knowledge base's article "About paging" replayed through `iterate`."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from starlette.testclient import TestClient

from nettfin.client import (
    CLEAR,
    Client,
    Conflict,
    Forbidden,
    NotFound,
    Page,
    RetryPolicy,
    Throttled,
    Unauthorized,
    Update,
    ValidationError,
)
from nettfin.client.models import Customer
from nettfin.server.app import create_app
from nettfin.server.settings import Settings
from nettfin.server.throttle.policy import Limits, Throttle
from nettfin.server.throttle.stores import MemoryStore
from tests.conftest import make_tenant
from tests.factories import add_reference_data, insert_customers
from tests.sdk_helpers import BASE_URL, Recording, app_transport, async_sdk_client, sdk_client
from tests.server.throttle.test_throttle import NOON, make_caller

UUID = re.compile(r"^[0-9a-f-]{36}$")


def customer_body(name: str = "Fjellbris AS", **extra) -> Update:
    """The reference's minimum create body, built with the SDK's update builder."""
    return Update(
        name=name,
        overrideWithClassValues=True,
        customerClassId="1",
        mainAddress={"addressLine1": "Storgata 5", "postalCode": "0155", "countryId": "NO"},
        **extra,
    )


# --- the package itself ------------------------------------------------------------------------------------


def test_importing_the_sdk_loads_no_server_code():
    """nettfin.client depends on httpx2 and pydantic only: no server, CLI, database or web framework code."""
    probe = (
        "import sys, nettfin.client\n"
        "banned = ('nettfin.server', 'nettfin.cli', 'sqlalchemy', 'fastapi', 'starlette', 'typer')\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in banned or m.rsplit('.', 1)[0] in banned"
        " or any(m == b or m.startswith(b + '.') for b in banned))))\n"
        "print('httpx2' in sys.modules and 'pydantic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["", "True"]


# --- reading and writing -----------------------------------------------------------------------------------


def test_create_returns_the_new_number_from_location_and_get_reads_it_back_typed(tenant):
    add_reference_data(tenant)
    with sdk_client(tenant) as client:
        number = client.customers.create(customer_body(creditLimit=Decimal("12500.50")))
        customer = client.customers.get(number)
    assert number == "10001"
    assert isinstance(customer, Customer)
    assert (customer.number, customer.name, customer.status) == ("10001", "Fjellbris AS", "Active")
    assert customer.customer_class.id == "1" and customer.credit_terms.id == "30"
    assert customer.main_address.country.id == "NO"
    assert customer.credit_limit == Decimal("12500.5000")  # exact, with the service's scale
    assert customer.raw["creditLimit"] == Decimal("12500.5000")
    assert customer.metadata is None  # single GETs carry no metadata


def test_update_sends_only_the_fields_given_and_returns_the_new_etag(tenant):
    add_reference_data(tenant)
    with sdk_client(tenant) as client:
        number = client.customers.create(customer_body(corporateId="999888777"))
        before = client.customers.get(number)
        etag = client.customers.update(number, Update(name="Fjellbris Nord AS", corporateId=None))
        after = client.customers.get(number)
    assert after.name == "Fjellbris Nord AS"
    assert after.corporate_id == "999888777"  # None meant "not sent": the PUT left it alone
    assert after.main_address.address_line1 == before.main_address.address_line1
    assert etag == f'"{after.time_stamp}"' and after.time_stamp != before.time_stamp


def test_clear_empties_a_field(tenant):
    add_reference_data(tenant)
    with sdk_client(tenant) as client:
        number = client.customers.create(customer_body(corporateId="999888777"))
        client.customers.update(number, Update(corporateId=CLEAR))
        assert client.customers.get(number).corporate_id is None


def test_a_stale_if_match_raises_conflict_and_changes_nothing(tenant):
    add_reference_data(tenant)
    with sdk_client(tenant) as client:
        number = client.customers.create(customer_body())
        etag = client.customers.update(number, Update(name="First"))
        client.customers.update(number, Update(name="Second"), if_match=etag)
        with pytest.raises(Conflict) as raised:
            client.customers.update(number, Update(name="Third"), if_match=etag)
        assert client.customers.get(number).name == "Second"
    assert raised.value.status == 412


def test_a_key_with_reserved_characters_is_sent_as_b64_and_found(tenant):
    add_reference_data(tenant)
    recorded = Recording(app_transport(tenant.client))
    with sdk_client(tenant, transport=recorded) as client:
        number = client.customers.create(customer_body(number="K/1 ø", overrideNumberSeries=True))
        assert number == "K/1 ø"
        assert client.customers.get(number).name == "Fjellbris AS"
    assert recorded.requests[-1][1].endswith("/customer/b64(Sy8xIMO4)")


def test_a_raw_mapping_body_is_sent_as_it_is(tenant):
    add_reference_data(tenant)
    body = {
        "name": {"value": "Raw AS"},
        "customerClassId": {"value": "1"},
        "overrideWithClassValues": True,
        "mainAddress": {"value": {"countryId": {"value": "NO"}}},
    }
    with sdk_client(tenant) as client:
        assert client.customers.get(client.customers.create(body)).name == "Raw AS"


def test_lists_take_filters_by_wire_name_or_snake_case_with_conditions(tenant):
    start = datetime(2020, 3, 1, tzinfo=UTC)
    insert_customers(tenant, 10, modified=start, step=timedelta(days=1))
    with sdk_client(tenant) as client:
        since = client.customers.list(last_modified_date_time=(">=", datetime(2020, 3, 6)), page_size=100)
        named = client.customers.list(name="customer c0000", pageSize=3)
    assert [c.number for c in since] == [f"C{n:05d}" for n in range(6, 11)]
    assert len(named) == 3 and named[0].metadata.total_count == 9


# --- errors as the service reports them --------------------------------------------------------------------


def test_an_unknown_key_raises_not_found_with_the_visma_id(tenant):
    with sdk_client(tenant) as client, pytest.raises(NotFound) as raised:
        client.customers.get("NOPE")
    error = raised.value
    assert error.status == 404
    assert UUID.match(error.visma_id)
    assert error.message == "Customer 'NOPE' not found."


def test_a_refused_create_raises_validation_error_listing_every_problem(tenant):
    add_reference_data(tenant)
    body = Update(name=CLEAR, customerClassId="NOPE", mainAddress={"countryId": "NO"})
    with sdk_client(tenant) as client, pytest.raises(ValidationError) as raised:
        client.customers.create(body)
    assert raised.value.status == 400
    assert raised.value.message.startswith("Error inserting the customer.")
    assert "Customer class 'NOPE' cannot be found in the system." in raised.value.problems
    assert len(raised.value.problems) >= 2


def test_an_unknown_token_raises_unauthorized_with_the_ipp_fault_code(tenant):
    bogus = "00000000-0000-4000-8000-000000000000"
    with sdk_client(tenant, token=bogus) as client, pytest.raises(Unauthorized) as raised:
        client.customers.list()
    assert raised.value.status == 401
    assert raised.value.fault_code == "12001"
    assert "token" in raised.value.message


def test_a_company_the_user_may_not_use_raises_forbidden(tenant, other_tenant):
    with sdk_client(tenant, company_id=other_tenant.company_id) as client, pytest.raises(Forbidden) as raised:
        client.customers.list()
    assert (raised.value.status, raised.value.fault_code) == (400, "12002")
    assert UUID.match(raised.value.visma_id)


def test_a_throttled_call_raises_throttled_at_once_when_the_wait_is_longer_than_allowed(database, tmp_path):
    app = create_app(Settings(data_dir=tmp_path, throttle="test"), database=database)
    app.state.throttle = Throttle(policy="test", store=MemoryStore(), limits=Limits(test=1), clock=lambda: NOON)
    company_id, token = make_caller(database, "test")
    waits: list[float] = []
    with TestClient(app, raise_server_exceptions=False) as test_client:
        recorded = Recording(app_transport(test_client))
        policy = RetryPolicy(sleep=waits.append)
        with Client(BASE_URL, token, company_id, transport=recorded, retry=policy) as client:
            client.customers.list()
            with pytest.raises(Throttled) as raised:
                client.customers.list(page_number=2)
    assert raised.value.retry_after == 1800  # the hour's window ends in half an hour
    assert raised.value.policy == "IntervalLimit" and raised.value.limit == 1
    assert waits == [] and len(recorded.requests) == 2  # no hour-long sleep, no blind retries


# --- company isolation and Context ------------------------------------------------------------------------


def test_another_companys_customers_are_invisible(tenant, other_tenant):
    insert_customers(other_tenant, 3)
    insert_customers(tenant, 2, start=10)
    with sdk_client(tenant) as client:
        assert [c.number for c in client.customers.iterate()] == ["C00010", "C00011"]
        with pytest.raises(NotFound):
            client.customers.get("C00001")


def test_context_lists_the_companies_the_token_may_use_and_describes_one(tenant):
    with sdk_client(tenant) as client:
        companies = client.context()
        company = client.company()
        user = client.user_details()
    assert [(c.id, c.type) for c in companies] == [(tenant.company_id, "Company")]
    assert company.company_name == companies[0].name
    assert user.email_address.endswith("@example.test")


# --- paging -----------------------------------------------------------------------------------------------


def test_the_paging_articles_scenario_iterate_returns_32_when_2_are_added_while_reading(tenant):
    """The article's example: 30 active customers in pages of 10; two more become active after page 1 is read,
    so page 2 reports totalCount 32 and the crawl takes four requests (10 + 10 + 10 + 2)."""
    insert_customers(tenant, 30, status="Active")
    insert_customers(tenant, 5, start=100, status="Inactive")
    recorded = Recording(app_transport(tenant.client))
    seen = []
    with sdk_client(tenant, transport=recorded) as client:
        for customer in client.customers.iterate(status="Active", page_size=10):
            seen.append(customer.number)
            if len(seen) == 10:  # page 1 read; page 2 is requested after this record
                insert_customers(tenant, 2, start=31, status="Active")
    assert len(seen) == 32 and len(set(seen)) == 32
    assert seen[-2:] == ["C00031", "C00032"]
    queries = [query for _, _, query in recorded.requests]
    assert [q["pageNumber"] for q in queries] == ["1", "2", "3", "4"]
    assert {(q["status"], q["pageSize"]) for q in queries} == {("Active", "10")}  # the same on every request


def test_pages_report_the_total_count_of_each_page(tenant):
    insert_customers(tenant, 25)
    with sdk_client(tenant) as client:
        pages = list(client.customers.pages(page_size=10))
    assert [(p.number, len(p.items), p.total_count, p.max_page_size) for p in pages] == [
        (1, 10, 25, 1000),
        (2, 10, 25, 1000),
        (3, 5, 25, 1000),
    ]
    assert all(isinstance(p, Page) for p in pages)


def test_iterate_stops_on_an_empty_page_when_records_vanish_meanwhile(tenant):
    """totalCount said 20 on page 1; the company's records are then gone, so page 2 is empty: the crawl ends
    (the article's sample would fail on `result[0]` and, fixed, loop for ever)."""
    insert_customers(tenant, 20)
    recorded = Recording(app_transport(tenant.client))
    seen = []
    with sdk_client(tenant, transport=recorded) as client:
        for customer in client.customers.iterate(page_size=10, name="Customer"):
            seen.append(customer.number)
            if len(seen) == 10:
                with sdk_client(tenant) as renamer:
                    for number in [f"C{n:05d}" for n in range(1, 21)]:
                        renamer.customers.update(number, Update(name=f"Renamed {number}"))
    assert len(seen) == 10 and len(recorded.requests) == 2


def test_reading_pages_in_parallel_returns_every_record_once_in_order(tenant):
    insert_customers(tenant, 57)
    recorded = Recording(app_transport(tenant.client))
    with sdk_client(tenant, transport=recorded) as client:
        numbers = [c.number for c in client.customers.iterate(page_size=10, concurrency=4)]
    assert numbers == [f"C{n:05d}" for n in range(1, 58)]
    assert sorted(int(q["pageNumber"]) for _, _, q in recorded.requests) == [1, 2, 3, 4, 5, 6]


def test_a_list_that_is_not_paged_is_read_in_one_request_without_paging_parameters(tenant):
    from tests.ledger_factories import insert_accounts

    insert_accounts(tenant, "1000", "1500", "3000")
    recorded = Recording(app_transport(tenant.client))
    with sdk_client(tenant, transport=recorded) as client:
        accounts = [a.account_cd for a in client.accounts.iterate(page_size=2)]
    assert accounts == ["1000", "1500", "3000"]
    assert len(recorded.requests) == 1 and "pageNumber" not in recorded.requests[0][2]


def test_a_page_size_below_one_is_refused_before_any_request(tenant):
    with sdk_client(tenant) as client, pytest.raises(ValueError, match="page_size"):
        next(client.customers.iterate(page_size=0))


# --- the async twin ---------------------------------------------------------------------------------------


def test_the_async_client_creates_reads_and_iterates_like_the_sync_one(tenant, app):
    add_reference_data(tenant)
    insert_customers(tenant, 23)

    async def scenario():
        async with async_sdk_client(tenant, app) as client:
            number = await client.customers.create(customer_body())
            created = await client.customers.get(number)
            everything = [c.number async for c in client.customers.iterate(page_size=5, concurrency=3)]
            try:
                await client.customers.get("NOPE")
            except NotFound as error:
                missing = error
            return number, created, everything, missing

    number, created, everything, missing = asyncio.run(scenario())
    assert created.name == "Fjellbris AS"
    assert everything == [number, *(f"C{n:05d}" for n in range(1, 24))]  # "10001" sorts before "C..."
    assert missing.status == 404


def test_both_clients_build_the_same_request(tenant, app):
    """Sync and async share request building: the same filters become the same query."""
    filters = {"status": "Active", "created_date_time": ("<", datetime(2030, 1, 1))}
    sync_recorded = Recording(app_transport(tenant.client))
    with sdk_client(tenant, transport=sync_recorded) as client:
        client.customers.list(page_size=7, **filters)

    async def built_by_the_async_client():
        async with async_sdk_client(tenant, app) as client:
            request = client._build(client._http, client.customers._list_request(filters, None, 7))
            return request.url.path, dict(request.url.params)

    assert asyncio.run(built_by_the_async_client()) == sync_recorded.requests[0][1:]
    assert sync_recorded.requests[0][2]["createdDateTimeCondition"] == "<"


def test_a_new_tenant_without_numbering_reports_the_services_error(database, client):
    manual = make_tenant(database, client, manual_numbering=True)
    add_reference_data(manual)
    with sdk_client(manual) as sdk, pytest.raises(ValidationError) as raised:
        sdk.customers.create(customer_body())
    assert raised.value.problems == ["'Customer ID' cannot be empty."]
    assert str(uuid.UUID(raised.value.visma_id)) == raised.value.visma_id
