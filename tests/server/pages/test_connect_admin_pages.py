"""The admin panel's Visma Connect pages (/admin/apps) through the app, on both databases: a tenant's Customer
administrator registers applications, makes and revokes secrets, approves them for the tenant's companies (never
another tenant's), changes their settings, disables and enables them; every refusal shows the use case's message
and writes nothing."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from nettfin.server.identity.connect.models import ApplicationGrant, ApplicationSecret, ConnectApplication
from nettfin.server.identity.connect.service import create_application, find_application, grant_application
from nettfin.server.identity.models import Company
from nettfin.server.identity.service import create_company, create_tenant, create_user, grant_company
from tests.oauth_helpers import PASSWORD, csrf_of, log_in


@dataclass
class Organisation:
    tenant_id: int
    admin: str
    companies: list[tuple[int, str]]  # (id, tenant_id GUID)


def make_organisation(database, *, companies: int = 2, administrator: bool = True) -> Organisation:
    with database.writing() as session:
        tenant = create_tenant(session, name=f"Org {uuid.uuid4().hex[:6]}")
        email = f"{uuid.uuid4().hex[:10]}@example.test"
        user = create_user(session, email=email, tenant=tenant, password=PASSWORD, customer_administrator=administrator)
        made = []
        for number in range(companies):
            company = create_company(session, name=f"Org company {number + 1}", tenant=tenant)
            grant_company(session, user=user, company=company)
            made.append((company.id, company.tenant_guid))
    return Organisation(tenant.id, email, made)


@pytest.fixture
def org(database):
    return make_organisation(database)


@pytest.fixture
def browser(app, org):
    """A browser signed in as the organisation's administrator."""
    with TestClient(app, raise_server_exceptions=False) as test_client:
        assert log_in(test_client, org.admin).status_code == 303
        yield test_client


def post(browser: TestClient, path: str, page: str = "/admin/apps", **form):
    """Submits a form of `page` (its CSRF token) to `path`."""
    csrf = csrf_of(browser.get(page).text)
    return browser.post(path, data={"csrf": csrf, **form}, follow_redirects=False)


def register(browser: TestClient, **form):
    fields = {"name": f"App {uuid.uuid4().hex[:6]}", "app_type": "web", "refresh_policy": "reuse", **form}
    return post(browser, "/admin/apps", **fields)


def error_of(response) -> str:
    found = re.search(r'<p class="error" role="alert">(.*?)</p>', response.text, re.S)
    assert found, response.text
    return unescape(found.group(1))


def shown_secret(response) -> str:
    return re.search(r'<code id="client-secret">([^<]+)</code>', response.text).group(1)


def count(database, model, *where) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def application(database, client_id: str) -> ConnectApplication:
    with database.reading() as session:
        return find_application(session, client_id)


def registered(database, browser, **form) -> tuple[str, str]:
    """Registers a web application through the page; its client id and first secret."""
    response = register(browser, **form)
    assert response.status_code == 200, response.text
    client_id = re.search(r'<code id="client-id">([^<]+)</code>', response.text).group(1)
    return client_id, shown_secret(response)


# --- registering --------------------------------------------------------------------------------------------


def test_an_administrator_registers_an_application_and_sees_its_secret_once(database, browser, org):
    client_id, secret = registered(
        database,
        browser,
        name="Fjord Web",
        client_id=f"isv_fjord-{uuid.uuid4().hex[:6]}",
        redirect_uris="https://fjord.example/callback\nhttp://127.0.0.1:5000/callback",
        post_logout_redirect_uris="https://fjord.example/bye",
        token_lifetime="600",
        refresh_policy="one-time",
        scopes="vismanet_erp_interactive_api:read openid offline_access",
    )
    made = application(database, client_id)
    assert made.owner_tenant_id == org.tenant_id and made.app_type == "web" and made.token_lifetime == 600
    assert made.redirect_uris == ["https://fjord.example/callback", "http://127.0.0.1:5000/callback"]
    assert made.post_logout_redirect_uris == ["https://fjord.example/bye"]
    assert made.allowed_scopes == ["vismanet_erp_interactive_api:read", "openid", "offline_access"]
    assert made.refresh_policy == "one-time"
    page = browser.get(f"/admin/apps/{client_id}")
    assert page.status_code == 200 and secret not in page.text and f"{secret[:6]}…" in page.text
    listing = browser.get("/admin/apps")
    assert client_id in listing.text and "Fjord Web" in listing.text


def test_a_public_application_gets_no_secret(database, browser):
    response = register(browser, app_type="native", redirect_uris="http://127.0.0.1/callback")
    assert response.status_code == 200, response.text
    assert 'id="client-secret"' not in response.text and "Client secrets" not in response.text


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"app_type": "desktop"}, "Unknown application type 'desktop'"),
        ({"redirect_uris": "http://fjord.example/callback"}, "must use https"),
        ({"post_logout_redirect_uris": "http://fjord.example/bye"}, "Post-logout redirect URI"),
        ({"redirect_uris": "https://fjord.example/cb#part"}, "without a fragment"),
        ({"token_lifetime": "30"}, "60 to 86400 seconds"),
        ({"token_lifetime": "90000"}, "60 to 86400 seconds"),
        ({"token_lifetime": "an hour"}, "whole number"),
        ({"refresh_policy": "sometimes"}, "refresh policy"),
        ({"scopes": "financialstasks"}, "may not be allowed financialstasks"),
        ({"name": " "}, "1 to 100 characters"),
        ({"client_id": "x"}, "3 to 64"),
        ({"app_type": "service", "scopes": "openid"}, "may not be allowed openid"),
    ],
)
def test_a_bad_registration_shows_the_reason_and_writes_nothing(database, browser, form, words):
    before = count(database, ConnectApplication)
    response = register(browser, **form)
    assert response.status_code == 400
    assert words in error_of(response)
    assert count(database, ConnectApplication) == before
    assert "Register an application" in response.text  # the form again, to correct


def test_a_client_id_taken_is_refused(database, browser):
    client_id, _secret = registered(database, browser)
    response = register(browser, client_id=client_id)
    assert response.status_code == 400 and "already exists" in error_of(response)


# --- secrets ------------------------------------------------------------------------------------------------


def test_secrets_are_made_listed_by_prefix_and_revoked(database, browser, client, org):
    client_id, first = registered(database, browser)
    page = f"/admin/apps/{client_id}"
    made = post(browser, f"{page}/secrets", page, description="rotation", expires_days="30")
    assert made.status_code == 200
    second = shown_secret(made)
    assert second != first and "rotation" in made.text
    listed = browser.get(page).text
    assert f"{first[:6]}…" in listed and f"{second[:6]}…" in listed and second not in listed
    revoked = post(browser, f"{page}/secrets/revoke", page, prefix=first[:6])
    assert revoked.status_code == 303 and revoked.headers["location"] == page
    post(browser, f"{page}/grants", page, company_id=str(org.companies[0][0]), action="grant")

    def token(secret: str):
        form = {
            "grant_type": "client_credentials",
            "scope": "vismanet_erp_service_api:read",
            "tenant_id": org.companies[0][1],
        }
        return client.post("/connect/token", data=form, auth=(client_id, secret))

    assert token(first).status_code == 401
    assert token(second).status_code == 200


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"prefix": "zzzzzz"}, "no active secret starting with 'zzzzzz'"),
        ({"prefix": ""}, "first characters"),
    ],
)
def test_revoking_an_unknown_secret_prefix_shows_the_reason(database, browser, form, words):
    client_id, _secret = registered(database, browser)
    page = f"/admin/apps/{client_id}"
    response = post(browser, f"{page}/secrets/revoke", page, **form)
    assert response.status_code == 400 and words in error_of(response)
    active = (
        ApplicationSecret.application_id == application(database, client_id).id,
        ApplicationSecret.revoked_at.is_(None),
    )
    assert count(database, ApplicationSecret, *active) == 1


def test_a_bad_expiry_makes_no_secret(database, browser):
    client_id, _secret = registered(database, browser)
    page = f"/admin/apps/{client_id}"
    app_id = application(database, client_id).id
    for days, words in (("0", "1 to 3650 days"), ("soon", "whole number")):
        response = post(browser, f"{page}/secrets", page, expires_days=days)
        assert response.status_code == 400 and words in error_of(response)
    assert count(database, ApplicationSecret, ApplicationSecret.application_id == app_id) == 1


# --- grants -------------------------------------------------------------------------------------------------


def test_approving_for_an_own_company_shows_its_tenant_id_and_revoking_takes_it_back(database, browser, org):
    client_id, _secret = registered(database, browser)
    page = f"/admin/apps/{client_id}"
    company_id, guid = org.companies[1]
    approved = post(browser, f"{page}/grants", page, company_id=str(company_id), action="grant")
    assert approved.status_code == 303
    shown = browser.get(page).text
    assert guid in shown and f"by {org.admin}" in shown
    assert guid in browser.get("/admin/apps").text
    app_id = application(database, client_id).id
    assert count(database, ApplicationGrant, ApplicationGrant.application_id == app_id) == 1
    post(browser, f"{page}/grants", page, company_id=str(company_id), action="revoke")
    assert count(database, ApplicationGrant, ApplicationGrant.application_id == app_id) == 0


def test_another_tenants_company_is_never_granted(database, browser):
    client_id, _secret = registered(database, browser)
    other = make_organisation(database, companies=1)
    page = f"/admin/apps/{client_id}"
    app_id = application(database, client_id).id
    for company_id in (str(other.companies[0][0]), "999999999", "nine"):
        response = post(browser, f"{page}/grants", page, company_id=company_id, action="grant")
        assert response.status_code == 400, response.text
        assert "is not one of your organisation's companies" in error_of(response)
    response = post(browser, "/admin/apps/approve", company_id=str(other.companies[0][0]), client_id=client_id)
    assert response.status_code == 400
    assert count(database, ApplicationGrant, ApplicationGrant.application_id == app_id) == 0


def test_an_application_registered_elsewhere_is_approved_by_client_id_but_not_managed(database, browser, org):
    with database.writing() as session:
        operator = create_application(session, name=f"Operator {uuid.uuid4().hex[:6]}", app_type="service")
        client_id = operator.client_id
    assert browser.get(f"/admin/apps/{client_id}").status_code == 404  # not approved by the tenant: not shown
    unknown = post(browser, "/admin/apps/approve", company_id=str(org.companies[0][0]), client_id="isv_nobody")
    assert unknown.status_code == 400 and "No application has the client id 'isv_nobody'" in error_of(unknown)
    approved = post(browser, "/admin/apps/approve", company_id=str(org.companies[0][0]), client_id=client_id)
    assert approved.status_code == 303 and approved.headers["location"] == f"/admin/apps/{client_id}"
    page = f"/admin/apps/{client_id}"
    shown = browser.get(page)
    assert shown.status_code == 200 and "Client secrets" not in shown.text and "another organisation" in shown.text
    for path, form in (
        ("settings", {"name": "Mine now"}),
        ("secrets", {}),
        ("secrets/revoke", {"prefix": "abcdef"}),
        ("state", {"action": "disable"}),
    ):
        response = post(browser, f"{page}/{path}", page, **form)
        assert response.status_code == 403, (path, response.text)
    assert application(database, client_id).disabled_at is None
    gone = post(browser, f"{page}/grants", page, company_id=str(org.companies[0][0]), action="revoke")
    assert gone.status_code == 303 and gone.headers["location"] == "/admin/apps"
    assert browser.get(page).status_code == 404


def test_another_tenants_application_is_not_shown_nor_changed(database, app, browser):
    other = make_organisation(database, companies=1)
    with TestClient(app, raise_server_exceptions=False) as theirs:
        assert log_in(theirs, other.admin).status_code == 303
        client_id, _secret = registered(database, theirs)
    assert client_id not in browser.get("/admin/apps").text
    assert browser.get(f"/admin/apps/{client_id}").status_code == 404
    response = post(browser, f"/admin/apps/{client_id}/state", action="disable")
    assert response.status_code == 404
    assert application(database, client_id).disabled_at is None


# --- settings and state -------------------------------------------------------------------------------------


def test_settings_change_and_end_session_honours_the_new_post_logout_uri(database, browser, client):
    client_id, _secret = registered(database, browser, redirect_uris="https://fjord.example/callback")
    page = f"/admin/apps/{client_id}"
    changed = post(
        browser,
        f"{page}/settings",
        page,
        name="Fjord Web 2",
        scopes="vismanet_erp_interactive_api:read openid",
        token_lifetime="1200",
        refresh_policy="one-time",
        redirect_uris="https://fjord.example/callback\nhttps://fjord.example/other",
        post_logout_redirect_uris="https://fjord.example/signed-out",
    )
    assert changed.status_code == 303
    made = application(database, client_id)
    assert (made.name, made.token_lifetime, made.refresh_policy) == ("Fjord Web 2", 1200, "one-time")
    assert made.post_logout_redirect_uris == ["https://fjord.example/signed-out"]

    def end_session(uri: str):
        query = {"client_id": client_id, "post_logout_redirect_uri": uri}
        return client.get(f"/connect/endsession?{urlencode(query)}", follow_redirects=False)

    assert end_session("https://fjord.example/signed-out").status_code == 200  # asks before signing out
    refused = end_session("https://fjord.example/elsewhere")
    assert refused.status_code == 400 and "not registered" in refused.text


def test_bad_settings_show_the_reason_and_change_nothing(database, browser):
    client_id, _secret = registered(database, browser, redirect_uris="https://fjord.example/callback")
    page = f"/admin/apps/{client_id}"
    before = application(database, client_id)
    for form, words in (
        ({"redirect_uris": "http://fjord.example/callback"}, "must use https"),
        ({"token_lifetime": "59"}, "60 to 86400"),
        ({"scopes": ""}, "at least one scope"),
        ({"scopes": "vismanet_erp_interactive_api:read", "name": ""}, "1 to 100 characters"),
    ):
        fields = {"name": "Changed", "scopes": "openid", "refresh_policy": "reuse", **form}
        response = post(browser, f"{page}/settings", page, **fields)
        assert response.status_code == 400, response.text
        assert words in error_of(response)
    after = application(database, client_id)
    assert (after.name, after.allowed_scopes, after.redirect_uris) == (
        before.name,
        before.allowed_scopes,
        before.redirect_uris,
    )


def test_disable_stops_token_requests_and_enable_brings_them_back(database, browser, client, org):
    client_id, secret = registered(database, browser)
    page = f"/admin/apps/{client_id}"
    post(browser, f"{page}/grants", page, company_id=str(org.companies[0][0]), action="grant")
    form = {
        "grant_type": "client_credentials",
        "scope": "vismanet_erp_service_api:read",
        "tenant_id": org.companies[0][1],
    }
    assert post(browser, f"{page}/state", page, action="disable").status_code == 303
    assert 'id="state">Disabled' in browser.get(page).text
    assert client.post("/connect/token", data=form, auth=(client_id, secret)).status_code == 401
    assert post(browser, f"{page}/state", page, action="enable").status_code == 303
    assert client.post("/connect/token", data=form, auth=(client_id, secret)).status_code == 200
    assert post(browser, f"{page}/state", page, action="explode").status_code == 400


# --- who may ------------------------------------------------------------------------------------------------


def test_the_pages_need_a_signed_in_customer_administrator_and_a_fresh_form(database, app, browser):
    with TestClient(app, raise_server_exceptions=False) as anonymous:
        answer = anonymous.get("/admin/apps", follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    clerk = make_organisation(database, companies=1, administrator=False)
    with TestClient(app, raise_server_exceptions=False) as theirs:
        assert log_in(theirs, clerk.admin).status_code == 303
        assert theirs.get("/admin/apps").status_code == 403
        assert register(theirs).status_code == 403
    before = count(database, ConnectApplication)
    stale = browser.post("/admin/apps", data={"csrf": "stale", "name": "Sneaky", "app_type": "web"})
    assert stale.status_code == 403
    assert count(database, ConnectApplication) == before


def test_an_application_approved_for_a_company_lists_only_the_tenants_companies(database, browser, org):
    """The grants of an application shared by two tenants: each administrator sees only its own companies."""
    other = make_organisation(database, companies=1)
    with database.writing() as session:
        shared = create_application(session, name=f"Shared {uuid.uuid4().hex[:6]}")
        for company_id in (org.companies[0][0], other.companies[0][0]):
            grant_application(session, shared, session.get(Company, company_id), granted_by="test")
        client_id = shared.client_id
    page = browser.get(f"/admin/apps/{client_id}").text
    listing = browser.get("/admin/apps").text
    assert org.companies[0][1] in page and org.companies[0][1] in listing
    assert other.companies[0][1] not in page and other.companies[0][1] not in listing


def test_the_query_string_cannot_put_a_message_or_a_status_on_the_pages(database, browser):
    client_id, _secret = registered(database, browser)
    for path in ("/admin/apps", f"/admin/apps/{client_id}"):
        response = browser.get(f"{path}?error=Your+account+is+closed&status_code=500&shown=1")
        assert response.status_code == 200 and "account is closed" not in response.text
