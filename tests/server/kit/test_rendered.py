"""Rendered records (kit/rendered.py): a declared resource's list pages and GETs send records' JSON kept by their
company's version of everything, and every change to the company, through any service and any process, shows
on the next read."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from nettfin.server.db.base import utcnow
from nettfin.server.db.engine import Database
from nettfin.server.db.migrate import upgrade
from nettfin.server.identity.models import User
from nettfin.server.identity.service import create_company, issue_token
from nettfin.server.kit.changes import ANY_RECORD, current_versions
from nettfin.server.kit.errors import NotFound
from nettfin.server.kit.rendered import RenderedRecords
from nettfin.server.receivables.customers import CUSTOMER
from nettfin.server.receivables.models import Customer
from nettfin.server.requestlog.models import LoggedCall
from nettfin.server.snapshots.service import delete_company_rows
from nettfin.server.tax.models import VatZone
from tests.conftest import Tenant
from tests.factories import add_reference_data, minimal_customer, new_number


def _customer_with_zone(tenant: Tenant) -> str:
    add_reference_data(tenant)
    return new_number(tenant.post("/customer", json=minimal_customer(vatZoneId={"value": "02"})))


def _any_record(tenant: Tenant) -> int:
    with tenant.database.reading() as session:
        return current_versions(session, company_id=tenant.company_id, resources=(ANY_RECORD,))[0]


def test_a_related_records_change_shows_on_the_next_get_and_list_page(tenant):
    number = _customer_with_zone(tenant)
    assert tenant.get(f"/customer/{number}").json()["vatZone"]["description"] == "EU"
    assert tenant.get("/customer?pageSize=10").json()[0]["vatZone"]["description"] == "EU"

    # Written as any service writes, with no data version bumped by hand: the customer's version is unchanged.
    with tenant.database.writing() as session:
        zone = session.scalars(
            select(VatZone).where(VatZone.company_id == tenant.company_id, VatZone.zone_id == "02")
        ).one()
        zone.description = "European Union"

    assert tenant.get(f"/customer/{number}").json()["vatZone"]["description"] == "European Union"
    assert tenant.get("/customer?pageSize=10").json()[0]["vatZone"]["description"] == "European Union"


def test_a_statements_update_moves_the_companys_version(tenant):
    number = _customer_with_zone(tenant)
    tenant.get(f"/customer/{number}")
    before = _any_record(tenant)
    with tenant.database.writing() as session:
        session.execute(update(Customer).where(Customer.company_id == tenant.company_id).values(name="Renamed AS"))
    assert _any_record(tenant) not in (0, before)
    assert tenant.get(f"/customer/{number}").json()["name"] == "Renamed AS"


def test_writes_that_render_no_record_leave_the_version_alone(tenant):
    _customer_with_zone(tenant)
    before = _any_record(tenant)
    with tenant.database.writing() as session:
        session.add(
            LoggedCall(
                started_at=utcnow(), method="GET", path="/x", company_id=tenant.company_id, status=200, latency_ms=1.0
            )
        )
        # A token has no company: were it not marked, the write would move every company's version.
        issue_token(session, user=session.get(User, tenant.user_id))
    assert _any_record(tenant) == before


def test_one_companys_write_leaves_anothers_kept_records(tenant, other_tenant):
    _customer_with_zone(tenant)
    other = _customer_with_zone(other_tenant)
    mine = _any_record(other_tenant)
    tenant.post("/customer", json=minimal_customer("Another AS"))
    assert _any_record(other_tenant) == mine
    assert other_tenant.get(f"/customer/{other}").status_code == 200


def test_the_same_records_through_a_cache_and_without_one(tenant):
    """What is kept is what rendering makes: a page and a GET read twice (the second from the cache) are the
    first's bytes, and those of a database object that keeps nothing."""
    _customer_with_zone(tenant)
    tenant.post("/customer", json=minimal_customer("Second AS", vatZoneId={"value": "01"}))
    first = tenant.get("/customer?pageSize=10&expandCustomerContacts=true")
    again = tenant.get("/customer?pageSize=10&expandCustomerContacts=true")
    assert first.content == again.content
    bare = Database(tenant.database.engine.url.render_as_string(hide_password=False), render_cache_bytes=0)
    try:
        numbers = [customer["number"] for customer in first.json()]
        assert len(numbers) == 2
        for number in numbers:
            tenant.get(f"/customer/{number}")  # kept now, if it was not
            body, _ = CUSTOMER.get_body(bare, company_id=tenant.company_id, key=number, view=None)
            assert tenant.get(f"/customer/{number}").content == body
        assert len(bare.rendered) == 0
    finally:
        bare.dispose()


def test_a_second_process_sees_a_write_made_through_the_first(tenant):
    """Two database objects on one database stand for two server processes: each keeps its own records, and a
    write through one makes the other's miss."""
    number = _customer_with_zone(tenant)
    url = tenant.database.engine.url.render_as_string(hide_password=False)
    other = Database(url)
    try:
        body, _ = CUSTOMER.get_body(other, company_id=tenant.company_id, key=number, view=None)
        assert b'"name":"Acme AS"' in body and len(other.rendered) == 1
        response = tenant.put(f"/customer/{number}", json={"name": {"value": "Changed AS"}})
        assert response.status_code == 204, response.text
        body, _ = CUSTOMER.get_body(other, company_id=tenant.company_id, key=number, view=None)
        assert b'"name":"Changed AS"' in body
    finally:
        other.dispose()


def test_a_company_deleted_by_the_transaction_that_changed_it_commits(tmp_path):
    """The company's rows are gone when the transaction ends: it writes no version for it (its foreign key would
    refuse the row), and the company's records are no longer found."""
    url = f"sqlite:///{tmp_path / 'deleted.db'}"
    upgrade(url)
    database = Database(url)
    try:
        with database.writing() as session:
            company = create_company(session, name="Going AS")
            session.add(
                Customer(company_id=company.id, number="1", name="Going AS", status="Active", currency_id="NOK")
            )
        CUSTOMER.get_body(database, company_id=company.id, key="1", view=None)
        with database.writing() as session:
            customer = session.scalars(select(Customer).where(Customer.company_id == company.id)).one()
            customer.name = "Gone AS"
            session.flush()
            delete_company_rows(session, company.id)
        with database.reading() as session:
            assert current_versions(session, company_id=company.id, resources=(ANY_RECORD,)) == (0,)
        with pytest.raises(NotFound):
            CUSTOMER.get_body(database, company_id=company.id, key="1", view=None)
    finally:
        database.dispose()


def test_the_bound_drops_the_least_recently_used_bodies():
    kept = RenderedRecords(max_bytes=3 * (100 + 200))
    kept.put_many([(key, b"x" * 100) for key in "abc"])
    assert kept.get_many(["a"]) == [b"x" * 100]  # a is now the most recently used
    kept.put_many([("d", b"y" * 100)])
    assert kept.get_many(list("abcd")) == [b"x" * 100, None, b"x" * 100, b"y" * 100]
    assert kept.size <= kept.max_bytes
    kept.resize(0)
    kept.put_many([("e", b"z")])
    assert len(kept) == 0 and kept.size == 0
