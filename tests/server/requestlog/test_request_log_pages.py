"""The admin panel's request log inspector (/admin/requests) over HTTP, on both databases: a signed-in Customer
administrator sees the calls of their tenant's companies only, filters them, reads one with its headers, bodies,
the journal batches it posted (linked to the API's URL) and its events, and downloads them as HAR; another
tenant's call is not found; no inline script (the CSP forbids it)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from html import unescape

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from nettfin.server.identity.models import User
from nettfin.server.identity.service import issue_token
from nettfin.server.numbering.service import CUSTOMER, create_series
from nettfin.testing.calls import calls
from tests.conftest import Tenant
from tests.oauth_helpers import log_in
from tests.server.pages.test_connect_admin_pages import Organisation, make_organisation
from tests.supplier_ledger_factories import books, journal_body, journal_line


def _tenant(database, client: TestClient, org: Organisation, company: int = 0) -> Tenant:
    """The organisation's administrator calling the API in one of its companies (which numbers customers)."""
    company_id = org.companies[company][0]
    with database.writing() as session:
        user = session.scalar(select(User).where(User.email == org.admin))
        token = issue_token(session, user=user)
        create_series(session, company_id=company_id, series_id=CUSTOMER, description="Customers", start_after=10000)
    return Tenant(company_id, user.id, token, client, database)


@pytest.fixture
def org(database) -> Organisation:
    return make_organisation(database)


@pytest.fixture
def browser(app, org) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        assert log_in(test_client, org.admin).status_code == 303
        yield test_client


def _call_ids(page: str) -> list[str]:
    return re.findall(r'href="/admin/requests/(\d+)"', page)


def test_the_panel_links_the_request_log_and_it_needs_a_signed_in_administrator(app, browser):
    assert 'href="/admin/requests"' in browser.get("/admin").text
    with TestClient(app, raise_server_exceptions=False) as anonymous:
        response = anonymous.get("/admin/requests", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_an_administrator_sees_only_their_tenants_calls(database, client, browser, org):
    mine = _tenant(database, client, org)
    theirs_org = make_organisation(database, companies=1)
    theirs = _tenant(database, client, theirs_org)
    marker = uuid.uuid4().hex[:12].upper()
    assert mine.client.get(f"/v1/customer/MINE{marker}", headers=mine.headers).status_code == 404
    assert theirs.client.get(f"/v1/customer/THEIRS{marker}", headers=theirs.headers).status_code == 404

    page = browser.get("/admin/requests")

    assert page.status_code == 200
    assert f"/v1/customer/MINE{marker}" in page.text and f"THEIRS{marker}" not in page.text
    assert "<script" not in page.text
    assert "default-src" in page.headers["content-security-policy"]
    others = browser.get("/admin/requests", params={"company": str(theirs.company_id)})
    assert others.status_code == 400 and f"THEIRS{marker}" not in others.text
    assert "not one of your organisation" in unescape(others.text)


def test_filters_narrow_the_list_and_a_bad_one_is_shown(database, client, browser, org):
    mine = _tenant(database, client, org)
    mine.client.get("/v1/customer/NOSUCH", headers=mine.headers)
    created = mine.client.post("/v1/customer", json={"name": {"value": "Filtered AS"}}, headers=mine.headers)
    assert created.status_code == 201

    company = str(mine.company_id)
    posts = browser.get("/admin/requests", params={"company": company, "method": "POST"}).text
    missing = browser.get("/admin/requests", params={"company": company, "status": "4xx"}).text
    by_path = browser.get("/admin/requests", params={"company": company, "path": "*/NOSUCH"}).text

    assert len(_call_ids(posts)) == 1 and "POST /v1/customer" in posts
    assert len(_call_ids(missing)) == 1 and "/v1/customer/NOSUCH" in missing
    assert len(_call_ids(by_path)) == 1
    bad = browser.get("/admin/requests", params={"status": "abc"})
    assert bad.status_code == 400 and "Invalid filter &#39;status&#39;" in bad.text


def test_a_call_shows_headers_bodies_batches_with_links_and_events(database, client, browser, org):
    company = books(_tenant(database, client, org))
    body = journal_body(journal_line("6800", debit="50.00"), journal_line("1920", credit="50.00"))
    number = company.post("/journaltransaction", body).headers["Location"].rsplit("/", 1)[1]
    assert company.post(f"/journaltransaction/{number}/action/release").status_code == 200
    created = company.post("/customer", {"name": {"value": "Inspected AS"}})
    assert created.status_code == 201

    listed = browser.get("/admin/requests", params={"company": str(company.company_id), "method": "POST"}).text
    customer_call, release_call = _call_ids(listed)[:2]
    release = browser.get(f"/admin/requests/{release_call}")
    customer = browser.get(f"/admin/requests/{customer_call}")

    assert release.status_code == 200
    assert f'<a href="/v1/journaltransaction/{number}"><code>{number}</code></a>' in release.text
    assert "Posted" in release.text and "<script" not in release.text
    assert "customer_created" in customer.text
    assert "[redacted]" in customer.text and company.token not in customer.text
    assert "Inspected AS" in unescape(customer.text)


def test_another_tenants_call_is_not_found_and_the_har_holds_only_own_calls(database, client, browser, org, admin):
    mine = _tenant(database, client, org)
    theirs = _tenant(database, client, make_organisation(database, companies=1))
    mine.client.get("/v1/customer", headers=mine.headers)
    theirs.client.get("/v1/customer/THEIRS", headers=theirs.headers)
    their_call = calls(admin, company_id=theirs.company_id)[-1]
    assert 'href="/admin/requests.har"' in browser.get("/admin/requests").text

    har = browser.get("/admin/requests.har")

    assert har.status_code == 200 and "attachment" in har.headers["content-disposition"]
    entries = har.json()["log"]["entries"]
    assert entries and {entry["_nettfin"]["companyId"] for entry in entries} <= {c for c, _ in org.companies}
    assert browser.get(f"/admin/requests/{their_call.id}").status_code == 404
    assert browser.get("/admin/requests/abc").status_code == 400
