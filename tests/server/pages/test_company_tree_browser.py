"""The knowledge base's first article in a real browser (Debian's chromium, driven by Playwright) against a real
server process: a POST /timeCard for another employee gets "You cannot create timecards for the selected user.
Please review the company tree."; the article's steps 1 to 3 on the company tree page; the same POST gives 201."""

from __future__ import annotations

import httpx2
from sqlalchemy import select

from nettfin.server.identity.models import User
from nettfin.server.identity.service import issue_token
from tests.conftest import Tenant
from tests.oauth_helpers import PASSWORD, make_organisation
from tests.timecard_factories import COMPANY_TREE_MESSAGE, link, staffed, time_card


def test_the_articles_steps_1_to_3_in_a_browser_make_the_same_post_give_201(database, client, server, page):
    org = make_organisation(database)
    with database.writing() as session:
        user = session.scalars(select(User).where(User.email == org.email)).one()
        token = issue_token(session, user=user)
    owner = Tenant(org.company_id, user.id, token, client, database)
    staffed(owner, "E001", "E002")
    link(owner, "E001")
    url = f"{server}/API/controller/api/v1/timeCard"
    headers = {"Authorization": f"Bearer {token}", "ipp-company-id": str(org.company_id)}
    refused = httpx2.post(url, headers=headers, json=time_card("E002"))
    assert refused.status_code == 400 and refused.json()["message"].endswith(COMPANY_TREE_MESSAGE)

    page.goto(f"{server}/login?next=/companytree")
    page.fill("#email", org.email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    # 1) Click the company name (top left), add a group with (+), add a group member.
    page.click("#company-root")
    page.fill("#group-name", "Test Group")
    page.click("#add-group")
    assert page.locator("#selected").inner_text() == "Test Group"
    page.select_option("#member-employee", "E001")
    page.check("#member-owner")
    page.click("#add-member")
    # 2) Click Test Group in the tree, add a group under it, with a member other than the current login.
    page.click("#groups a.group:text-is('Test Group')")
    page.fill("#group-name", "A Group")
    page.click("#add-group")
    page.select_option("#member-employee", "E002")
    page.click("#add-member")
    assert "E002" in page.locator("#members").inner_text()
    # 3) Select A Group and click (=>).
    page.click("#groups a.group:text-is('A Group')")
    page.click("#delegate")
    assert page.locator("li[data-group='A Group'] .delegation").inner_text() == f"=> {org.email}"
    assert page.locator("#groups").inner_text().split() == ["Test", "Group", "A", "Group", "=>", org.email]

    created = httpx2.post(url, headers=headers, json=time_card("E002"))
    assert created.status_code == 201, created.text
    assert created.headers["Location"].startswith(f"{url}/")
