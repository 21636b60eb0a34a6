"""The company tree page (`/companytree`) through the app on both databases: who may open it, CSRF on every form,
the tree as it shows it, errors on the page, and the article's steps 1 to 3 making the same POST /timeCard
give 201. The same steps in a real browser are in test_company_tree_browser."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from nettfin.server.app import LEGACY_PREFIX
from nettfin.server.identity import models as identity
from nettfin.server.identity.models import FINANCIALS_ADMINISTRATOR, FINANCIALS_USER, User
from nettfin.server.identity.service import create_company, grant_company, issue_token
from nettfin.server.timecards.models import WorkGroup
from tests.conftest import Tenant
from tests.oauth_helpers import csrf_of, log_in, make_organisation
from tests.timecard_factories import COMPANY_TREE_MESSAGE, created_ref, link, staffed, time_card


@pytest.fixture
def browser(app):
    """A fresh cookie jar, like a new browser."""
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def administrator(database, client, **options) -> Tenant:
    """A company whose Financials Administrator can log in, with employees E001 (theirs) and E002, and a token."""
    org = make_organisation(database, **options)
    with database.writing() as session:
        user = session.scalars(select(User).where(User.email == org.email)).one()
        token = issue_token(session, user=user)
    owner = Tenant(org.company_id, user.id, token, client, database)
    staffed(owner, "E001", "E002")
    link(owner, "E001")
    owner.email = org.email
    return owner


def submit(browser: TestClient, page, action: str, **fields):
    return browser.post(action, data={"csrf": csrf_of(page.text), **fields}, follow_redirects=False)


def test_the_page_sends_an_anonymous_visitor_to_the_login_page(database, client, browser):
    owner = administrator(database, client)
    response = browser.get(f"/companytree/{owner.company_id}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next=/companytree/{owner.company_id}"


def test_the_page_needs_the_financials_administrator_role_in_that_company(database, client, browser, other_tenant):
    owner = administrator(database, client, roles=(FINANCIALS_USER,))
    log_in(browser, owner.email)
    for company_id in (owner.company_id, other_tenant.company_id):
        page = browser.get(f"/companytree/{company_id}")
        assert page.status_code == 403
        assert f"needs the Financials Administrator role in company {company_id}" in page.text


def test_an_administrator_of_one_company_goes_straight_to_its_tree(database, client, browser):
    owner = administrator(database, client)
    log_in(browser, owner.email)
    response = browser.get("/companytree", follow_redirects=False)
    assert response.headers["location"] == f"/companytree/{owner.company_id}"
    page = browser.get(response.headers["location"])
    assert page.status_code == 200 and "Company tree · OAuth AS" in page.text
    assert page.headers["X-Frame-Options"] == "DENY" and page.headers["Cache-Control"] == "no-store"


def test_a_form_without_its_csrf_token_is_refused_and_changes_nothing(database, client, browser):
    owner = administrator(database, client)
    log_in(browser, owner.email)
    response = browser.post(f"/companytree/{owner.company_id}/groups", data={"name": "Test Group"})
    assert response.status_code == 403 and "CSRF" in response.text
    with database.reading() as session:
        assert session.scalars(select(WorkGroup).where(WorkGroup.company_id == owner.company_id)).all() == []


def test_the_articles_steps_on_the_page_make_the_same_post_give_201(database, client, browser):
    owner = administrator(database, client)
    body = time_card("E002")
    assert owner.post("/timeCard", body).json()["message"].endswith(COMPANY_TREE_MESSAGE)
    log_in(browser, owner.email)
    tree = f"/companytree/{owner.company_id}"
    page = browser.get(tree)
    # 1) Test Group under the company, the user's own employee as its member.
    moved = submit(browser, page, f"{tree}/groups", name="Test Group", parent="")
    page = browser.get(moved.headers["location"])
    assert '<h2 id="selected">Test Group</h2>' in page.text
    selected = moved.headers["location"].rsplit("=", 1)[1]
    submit(browser, page, f"{tree}/members", group="Test Group", employee="E001", owner="on", selected=selected)
    # 2) A Group under Test Group, with another employee.
    moved = submit(browser, page, f"{tree}/groups", name="A Group", parent="Test Group", selected=selected)
    page = browser.get(moved.headers["location"])
    submit(browser, page, f"{tree}/members", group="A Group", employee="E002")
    # 3) "=>" on A Group.
    shown = browser.get(submit(browser, page, f"{tree}/delegations", group="A Group").headers["location"])
    assert f"=&gt; {owner.email}" in shown.text
    created_ref(owner.post("/timeCard", body))
    assert owner.client.get(f"{LEGACY_PREFIX}/v1/employee/E002", headers=owner.headers).json()[
        "workGroupDescription"
    ] == ["A Group"]


def test_removing_the_delegation_on_the_page_brings_the_error_back(database, client, browser):
    owner = administrator(database, client)
    log_in(browser, owner.email)
    tree = f"/companytree/{owner.company_id}"
    page = browser.get(tree)
    submit(browser, page, f"{tree}/groups", name="A Group")
    submit(browser, page, f"{tree}/members", group="A Group", employee="E002")
    submit(browser, page, f"{tree}/delegations", group="A Group")
    created_ref(owner.post("/timeCard", time_card("E002", "202415")))
    removed = submit(browser, page, f"{tree}/delegations/remove", group="A Group")
    assert removed.status_code == 303
    assert owner.post("/timeCard", time_card("E002", "202416")).json()["message"].endswith(COMPANY_TREE_MESSAGE)
    again = submit(browser, page, f"{tree}/delegations/remove", group="A Group")
    assert again.status_code == 400 and "holds no delegation for work group" in again.text


def test_a_refused_change_is_shown_on_the_page_with_the_tree(database, client, browser):
    owner = administrator(database, client)
    log_in(browser, owner.email)
    tree = f"/companytree/{owner.company_id}"
    page = browser.get(tree)
    submit(browser, page, f"{tree}/groups", name="Salg")
    refused = submit(browser, page, f"{tree}/groups", name="Salg")
    assert refused.status_code == 400
    assert "Work group &#39;Salg&#39; already exists; choose another name." in refused.text
    assert 'data-group="Salg"' in refused.text
    member = submit(browser, page, f"{tree}/members", group="Salg", employee="E404")
    assert member.status_code == 400 and "Employee &#39;E404&#39; cannot be found in the system." in member.text


def test_members_are_listed_with_owners_and_can_be_removed(database, client, browser):
    owner = administrator(database, client)
    log_in(browser, owner.email)
    tree = f"/companytree/{owner.company_id}"
    page = browser.get(tree)
    location = submit(browser, page, f"{tree}/groups", name="Salg").headers["location"]
    submit(browser, page, f"{tree}/members", group="Salg", employee="E001", owner="on")
    submit(browser, page, f"{tree}/members", group="Salg", employee="E002")
    shown = browser.get(location).text
    assert "<tr><td>E001</td><td>Kari Nordmann</td><td>Yes</td><td>Yes</td>" in shown
    assert "<tr><td>E002</td><td>Kari Nordmann</td><td></td><td>Yes</td>" in shown
    submit(browser, page, f"{tree}/members/remove", group="Salg", employee="E002")
    assert "<td>E002</td>" not in browser.get(location).text
    assert owner.get("/employee/E002").json()["workGroupDescription"] == []


def test_an_administrator_of_several_companies_chooses_one(database, client, browser):
    owner = administrator(database, client)
    with database.writing() as session:
        user = session.get(User, owner.user_id)
        second = create_company(session, name="Fjordkraft AS", tenant=session.get(identity.Tenant, user.tenant_id))
        grant_company(session, user=user, company=second, roles=(FINANCIALS_ADMINISTRATOR,))
    log_in(browser, owner.email)
    page = browser.get("/companytree")
    assert page.status_code == 200
    assert f'href="/companytree/{owner.company_id}"' in page.text and f'href="/companytree/{second.id}"' in page.text
    assert browser.get(f"/companytree/{second.id}").status_code == 200
