"""The admin panel's companies and templates (/admin/companies) through the app, on a demo database of both
kinds: the demo's administrator lists its tenant's companies and every template, saves a company as a template,
makes a company from a template in its own tenant (its secrets shown once) and deletes one after a confirmation;
the refusals (another tenant's company, the tenant's last company, a template's company, the `demo` template,
another organisation's template, a form without its CSRF token) show their message and write nothing."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from nettfin.server.identity.models import FINANCIALS_ROLES, Company, User
from nettfin.server.identity.service import company_roles
from nettfin.server.snapshots import service
from tests.oauth_helpers import PASSWORD, csrf_of, log_in
from tests.party_factories import DEMO_COMPANY_ID, seeded_demo
from tests.server.pages.test_connect_admin_pages import error_of, make_organisation

PAGE = "/admin/companies"
DEMO_USER = "demo@nettfin.local"


@pytest.fixture(scope="module")
def demo(database_url, tmp_path_factory) -> Iterator[TestClient]:
    with seeded_demo(tmp_path_factory.mktemp("company-pages"), database_url) as client:
        yield client


@pytest.fixture(scope="module")
def database(demo):
    return demo.app.state.db


def _browser(demo: TestClient, email: str, password: str) -> TestClient:
    """A browser of its own (its own session cookie) on the module's app, signed in."""
    browser = TestClient(demo.app)
    assert log_in(browser, email, password).status_code == 303
    return browser


@pytest.fixture
def admin(demo) -> TestClient:
    return _browser(demo, DEMO_USER, "demo")


@pytest.fixture
def other(demo, database):
    """Another tenant with two companies, and a browser signed in as its administrator."""
    org = make_organisation(database)
    return org, _browser(demo, org.admin, PASSWORD)


def post(browser: TestClient, path: str, **form):
    csrf = csrf_of(browser.get(PAGE).text)
    return browser.post(path, data={"csrf": csrf, **form}, follow_redirects=False)


def demo_user(database) -> User:
    with database.reading() as session:
        return session.scalar(select(User).where(User.email == DEMO_USER))


def tenant_company_ids(database, tenant_id: int) -> list[int]:
    with database.reading() as session:
        return list(session.scalars(select(Company.id).where(Company.tenant_id == tenant_id).order_by(Company.id)))


def templates(database) -> dict[str, service.TemplateView]:
    with database.reading() as session:
        return {template.name: template for template in service.templates(session)}


def counts(database) -> tuple[int, int]:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(Company)), len(service.templates(session))


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def clone(admin: TestClient, **form) -> dict[str, str]:
    response = post(admin, f"{PAGE}/clone", template="demo", **form)
    assert response.status_code == 200, response.text
    shown = dict(re.findall(r'<code id="([a-z-]+)">([^<]+)</code>', response.text))
    assert {"company-id", "tenant-id", "client-id", "client-secret", "token"} <= set(shown), response.text
    return shown


# --- the list -----------------------------------------------------------------------------------------------


def test_every_admin_page_links_the_companies_page(admin):
    for path in ("/admin", "/admin/clients", "/admin/apps", "/admin/requests", PAGE):
        assert f'href="{PAGE}"' in admin.get(path).text, path


def test_the_list_shows_the_tenants_companies_and_every_template_not_another_tenants_companies(database, admin, other):
    org, _ = other
    page = admin.get(PAGE)
    assert page.status_code == 200
    own = tenant_company_ids(database, demo_user(database).tenant_id)
    assert DEMO_COMPANY_ID in own and len(own) >= 2
    with database.reading() as session:
        for company_id in own:
            company = session.get(Company, company_id)
            assert f"<td>{company.id}</td><td>{company.name}</td><td><code>{company.tenant_guid}</code>" in page.text
    assert '<tr class="template"><td><code>demo</code></td>' in page.text
    # the demo template's source, one of the tenant's companies, is named
    assert f"Nordlys Demo AS ({DEMO_COMPANY_ID})" in page.text
    for company_id, tenant_guid in org.companies:
        assert tenant_guid not in page.text and f"<td>{company_id}</td>" not in page.text
    assert "Org company" not in page.text


def test_a_signed_out_visitor_is_sent_to_the_login(demo):
    response = TestClient(demo.app).get(PAGE, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/login?next={PAGE}"


# --- templates ----------------------------------------------------------------------------------------------


def test_an_administrator_saves_its_company_as_a_template_and_replaces_it(database, admin):
    name = unique("panel")
    response = post(admin, f"{PAGE}/templates", company_id=str(DEMO_COMPANY_ID), name=name, description="Set up")
    assert response.status_code == 303 and response.headers["location"] == PAGE
    made = templates(database)[name]
    assert made.source_company_id == DEMO_COMPANY_ID and made.description == "Set up"
    page = admin.get(PAGE).text
    assert f"<code>{name}</code></td><td>Set up</td>" in page
    assert f'href="{PAGE}/templates/{name}/delete"' in page

    again = post(admin, f"{PAGE}/templates", company_id=str(DEMO_COMPANY_ID), name=name, replace="yes")
    assert again.status_code == 303
    assert templates(database)[name].company_id != made.company_id


def test_template_refusals_show_their_message_and_write_nothing(database, admin, other):
    org, _ = other
    before = counts(database)
    cases = [
        ({"company_id": str(DEMO_COMPANY_ID), "name": "Bad Name!"}, "is not valid: use 1 to 60 lower-case"),
        ({"company_id": str(DEMO_COMPANY_ID), "name": "demo"}, "A template named 'demo' already exists"),
        ({"company_id": str(DEMO_COMPANY_ID), "name": "demo", "replace": "yes"}, "cannot be replaced or deleted"),
        ({"company_id": str(org.companies[0][0]), "name": unique("x")}, "is not one of your organisation's"),
        ({"company_id": "99999999999", "name": unique("x")}, "is not one of your organisation's"),
        ({"company_id": str(DEMO_COMPANY_ID), "name": "x", "description": "d" * 201}, "at most 200 characters"),
    ]
    for form, message in cases:
        response = post(admin, f"{PAGE}/templates", **form)
        assert response.status_code == 400, form
        assert message in error_of(response), form
        # the form comes back as it was sent
        assert f'value="{form["name"]}"' in response.text
    assert counts(database) == before


def test_only_the_source_tenant_replaces_or_deletes_a_template_until_its_company_is_gone(database, admin, other):
    org, theirs = other
    name = unique("theirs")
    their_company = org.companies[1][0]
    assert post(theirs, f"{PAGE}/templates", company_id=str(their_company), name=name).status_code == 303

    page = admin.get(PAGE).text
    assert f"<code>{name}</code>" in page and "another organisation's company" in page
    assert f'href="{PAGE}/templates/{name}/delete"' not in page
    before = counts(database)
    replaced = post(admin, f"{PAGE}/templates", company_id=str(DEMO_COMPANY_ID), name=name, replace="yes")
    assert "only that organisation's administrators may replace it" in error_of(replaced)
    deleted = post(admin, f"{PAGE}/templates/{name}/delete")
    assert "only that organisation's administrators may delete it" in error_of(deleted)
    assert "may delete it" in error_of(admin.get(f"{PAGE}/templates/{name}/delete"))
    assert counts(database) == before

    # Once its source company is deleted, the template is anyone's to replace or delete.
    assert post(theirs, f"{PAGE}/{their_company}/delete").status_code == 303
    assert templates(database)[name].source_company_id is None
    assert "a deleted company" in admin.get(PAGE).text
    confirm = admin.get(f"{PAGE}/templates/{name}/delete")
    assert confirm.status_code == 200 and f'action="{PAGE}/templates/{name}/delete"' in confirm.text
    assert post(admin, f"{PAGE}/templates/{name}/delete").status_code == 303
    assert name not in templates(database)


def test_the_demo_template_cannot_be_deleted_from_the_panel(database, admin):
    assert 'href="/admin/companies/templates/demo/delete"' not in admin.get(PAGE).text
    before = counts(database)
    response = post(admin, f"{PAGE}/templates/demo/delete")
    assert response.status_code == 400 and "cannot be replaced or deleted" in error_of(response)
    assert "demo" in templates(database) and counts(database) == before


def test_deleting_an_unknown_template_is_refused(admin):
    response = post(admin, f"{PAGE}/templates/no-such-one/delete")
    assert response.status_code == 400 and "There is no template named 'no-such-one'" in error_of(response)


# --- new companies ------------------------------------------------------------------------------------------


def test_a_company_from_a_template_is_made_in_the_administrators_tenant(demo, database, admin):
    shown = clone(admin, company_name="Panel Klon AS")
    company_id = int(shown["company-id"])
    user = demo_user(database)
    assert company_id in tenant_company_ids(database, user.tenant_id)
    with database.reading() as session:
        company = session.get(Company, company_id)
        assert company.name == "Panel Klon AS" and company.tenant_guid == shown["tenant-id"]
        assert company_roles(session, user_id=user.id)[company_id] == set(FINANCIALS_ROLES)
        # the template's users are copied into the tenant, tagged
        copied = session.scalar(select(User).where(User.email == f"demo+c{company_id}@nettfin.local"))
        assert copied.tenant_id == user.tenant_id

    # The new application's secret gets a Connect token for the company; the development token works too.
    form = {
        "grant_type": "client_credentials",
        "scope": "vismanet_erp_service_api:read",
        "tenant_id": shown["tenant-id"],
    }
    token = demo.post("/connect/token", data=form, auth=(shown["client-id"], shown["client-secret"]))
    assert token.status_code == 200, token.text
    for bearer in (token.json()["access_token"], shown["token"]):
        answer = demo.get(
            "/API/controller/api/v1/customer/10001",
            headers={"Authorization": f"Bearer {bearer}", "ipp-company-id": str(company_id)},
        )
        assert answer.status_code == 200, answer.text

    page = admin.get(PAGE).text  # shown once
    assert "Panel Klon AS" in page and shown["client-secret"] not in page and shown["token"] not in page
    assert shown["client-id"] in admin.get("/admin/apps").text


def test_a_company_from_an_unknown_template_or_with_a_bad_name_is_refused(database, admin):
    before = counts(database)
    unknown = post(admin, f"{PAGE}/clone", template="no-such-template", company_name="X")
    assert unknown.status_code == 400 and "There is no template named 'no-such-template'" in error_of(unknown)
    assert 'value="X"' in unknown.text
    long = post(admin, f"{PAGE}/clone", template="demo", company_name="x" * 101)
    assert "1 to 100 characters" in error_of(long)
    assert counts(database) == before


# --- deleting -----------------------------------------------------------------------------------------------


def test_an_administrator_deletes_a_company_after_confirming(database, admin):
    company_id = int(clone(admin)["company-id"])
    confirm = admin.get(f"{PAGE}/{company_id}/delete")
    assert confirm.status_code == 200 and f'action="{PAGE}/{company_id}/delete"' in confirm.text
    assert tenant_company_ids(database, demo_user(database).tenant_id).count(company_id) == 1

    response = post(admin, f"{PAGE}/{company_id}/delete")
    assert response.status_code == 303 and response.headers["location"] == PAGE
    with database.reading() as session:
        assert session.get(Company, company_id) is None
        assert session.scalar(select(User).where(User.email == f"demo+c{company_id}@nettfin.local")) is None
    assert demo_user(database) is not None and DEMO_COMPANY_ID in tenant_company_ids(
        database, demo_user(database).tenant_id
    )
    assert admin.get(PAGE).status_code == 200  # still signed in


def test_another_tenants_company_or_a_templates_company_is_not_deleted(database, admin, other):
    org, _ = other
    before = counts(database)
    theirs = post(admin, f"{PAGE}/{org.companies[0][0]}/delete")
    assert theirs.status_code == 400 and "is not one of your organisation's companies" in error_of(theirs)
    assert "is not one of your organisation's" in error_of(admin.get(f"{PAGE}/{org.companies[0][0]}/delete"))
    template_company = templates(database)["demo"].company_id
    held = post(admin, f"{PAGE}/{template_company}/delete")
    assert f"Company {template_company} holds a template: delete the template instead." == error_of(held)
    assert counts(database) == before


def test_the_tenants_last_company_is_not_deleted(demo, database):
    org = make_organisation(database, companies=1)
    browser = _browser(demo, org.admin, PASSWORD)
    (company_id, _guid), *_ = org.companies
    page = browser.get(PAGE).text
    assert f'href="{PAGE}/{company_id}/delete"' not in page
    response = post(browser, f"{PAGE}/{company_id}/delete")
    assert response.status_code == 400 and "is your organisation's last company" in error_of(response)
    assert tenant_company_ids(database, org.tenant_id) == [company_id]
    assert browser.get(PAGE).status_code == 200


# --- CSRF ---------------------------------------------------------------------------------------------------


def test_a_form_without_its_csrf_token_is_refused_and_writes_nothing(database, admin):
    company_id = int(clone(admin)["company-id"])
    before = counts(database)
    forms = [
        (f"{PAGE}/clone", {"template": "demo"}),
        (f"{PAGE}/templates", {"company_id": str(DEMO_COMPANY_ID), "name": unique("csrf")}),
        (f"{PAGE}/{company_id}/delete", {}),
        (f"{PAGE}/templates/demo/delete", {}),
    ]
    for path, form in forms:
        for csrf in ({}, {"csrf": "forged"}):
            response = admin.post(path, data={**form, **csrf}, follow_redirects=False)
            assert response.status_code == 403 and "CSRF check failed" in response.text, path
    assert counts(database) == before
