"""Through a real browser (Debian's chromium, driven by Playwright): the OAuth 2.0 login and consent, and the admin
panel's "Setup up your user rights" steps, against a real server process."""

from __future__ import annotations

import uuid
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx2

from nettfin.server.identity.models import FINANCIALS_USER
from nettfin.server.identity.service import (
    activate_client,
    create_company,
    create_tenant,
    create_user,
    grant_company,
    issue_token,
    register_client,
)
from tests.oauth_helpers import PASSWORD


def organisation(database, base: str):
    with database.writing() as session:
        tenant = create_tenant(session, name=f"Browser {uuid.uuid4().hex[:6]}")
        first = create_company(session, name="Fjordkraft AS", tenant=tenant)
        second = create_company(session, name="Havblikk AS", tenant=tenant)
        admin = create_user(
            session,
            email=f"admin-{uuid.uuid4().hex[:8]}@example.test",
            tenant=tenant,
            password=PASSWORD,
            customer_administrator=True,
        )
        grant_company(session, user=admin, company=first)
        client, secret, activation = register_client(
            session, tenant=tenant, name="Browser Integration", redirect_uris=[f"{base}/oauth-callback"]
        )
        activate_client(session, activation=activation)
    return {
        "admin": admin.email,
        "first": first.id,
        "second": second.id,
        "client_id": client.client_id,
        "secret": secret,
    }


def test_login_and_consent_in_a_browser_give_a_code_that_becomes_a_working_token(database, server, page):
    org = organisation(database, server)
    query = {
        "response_type": "code",
        "client_id": org["client_id"],
        "redirect_uri": f"{server}/oauth-callback",
        "scope": "financialstasks",
        "state": "s-123",
    }
    page.goto(f"{server}/API/resources/oauth/authorize?{urlencode(query)}")
    page.fill("#email", org["admin"])
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    assert page.locator("h1").inner_text() == "Allow Browser Integration to connect to your account"
    page.click("button[value=allow]")
    page.wait_for_url(f"{server}/oauth-callback*")
    landed = parse_qs(urlsplit(page.url).query)
    assert landed["state"] == ["s-123"]
    token = httpx2.post(
        f"{server}/API/security/api/v2/token",
        data={
            "grant_type": "authorization_code",
            "code": landed["code"][0],
            "redirect_uri": f"{server}/oauth-callback",
            "client_id": org["client_id"],
            "client_secret": org["secret"],
        },
    ).json()["token"]
    contexts = httpx2.get(f"{server}/API/resources/v1/context", headers={"Authorization": f"Bearer {token}"}).json()
    assert [c["id"] for c in contexts] == [org["first"]]


def test_the_admin_panel_grants_a_role_and_then_the_token_can_use_the_company(database, server, page):
    org = organisation(database, server)
    with database.writing() as session:
        from nettfin.server.identity.service import find_user

        token = issue_token(session, user=find_user(session, org["admin"]))
    headers = {"Authorization": f"Bearer {token}", "ipp-company-id": str(org["second"])}
    url = f"{server}/API/controller/api/v1/customer"
    assert httpx2.get(url, headers=headers).json()["ExceptionFaultCode"] == "12002"

    page.goto(f"{server}/login")
    page.fill("#email", org["admin"])
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.click(f"main a:has-text('{org['admin']}')")  # 2.C: the user's own page
    page.select_option("#company_id", str(org["second"]))  # 3.A: "Add access to"
    page.select_option("#role", FINANCIALS_USER)
    page.click("button:text-is('Add access')")
    assert "Havblikk AS" in page.locator("#access").inner_text()
    assert httpx2.get(url, headers=headers).status_code == 200


def test_the_admin_panel_registers_and_activates_a_client(database, server, page):
    org = organisation(database, server)
    page.goto(f"{server}/login")
    page.fill("#email", org["admin"])
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{server}/admin/clients")
    page.fill("#name", "Shop Sync")
    page.select_option("#client_type", "production")
    page.fill("#redirect_uris", "http://shop.example/callback")
    page.click("button:text-is('Register')")
    assert "must use HTTPS for a production client" in page.locator(".error").inner_text()
    page.fill("#name", "Shop Sync")
    page.select_option("#client_type", "production")
    page.fill("#redirect_uris", "https://shop.example/callback")
    page.click("button:text-is('Register')")
    client_id = page.locator("#client-id").inner_text()
    assert page.locator("#client-secret").inner_text()
    page.click("#activation-link")
    assert page.locator("h1").inner_text() == "Client activated"
    page.goto(f"{server}/admin/clients")
    assert "Active" in page.locator(f"tr:has-text('{client_id}')").inner_text()


def _operation(page, path: str):
    """An operation's block. Swagger UI 5 virtualizes a list of 150 or more tags and operations (nettfin's is):
    only the blocks near the viewport are in the page, so scroll from the top until the operation's is."""
    operation = page.locator(f".opblock:has(.opblock-summary-path[data-path='{path}'])").first
    page.wait_for_selector(".opblock")
    page.evaluate("window.scrollTo(0, 0)")
    page.mouse.move(640, 360)
    for _ in range(300):
        if operation.count():
            operation.scroll_into_view_if_needed()
            return operation
        page.mouse.wheel(0, 500)
        page.wait_for_timeout(30)
    raise AssertionError(f"Swagger UI shows no operation {path}")


def _try_it_out(page, path: str, **fields):
    operation = _operation(page, path)
    operation.locator(".opblock-summary").click()
    operation.locator("button.try-out__btn").click()
    for name, value in fields.items():
        operation.locator(f"input[placeholder='{name}']").fill(value)
    with page.expect_response(lambda response: path in response.url and response.request.method == "GET") as info:
        operation.locator("button.execute").click()
    return info.value


def test_the_swagger_walkthrough_authorize_context_company_id_endpoint(database, server, page):
    """The knowledge base's Swagger steps: Authorize with financialstasks, log in, allow; GET Context; paste the
    company id into the ipp-company-id field; call an endpoint."""
    org = organisation(database, server)
    page.goto(f"{server}/swagger")
    page.click("button.authorize")
    page.click('label[for="financialstasks-authorizationCode-checkbox-Visma.net OAuth 2.0"]')
    with page.expect_popup() as popup_info:
        page.click('button[aria-label="Apply given OAuth2 credentials"]')
    popup = popup_info.value
    popup.fill("#email", org["admin"])
    popup.fill("#password", PASSWORD)
    popup.click("button[type=submit]")
    # Listen before allowing: the redirect page can close the popup before a later wait would start listening.
    with popup.expect_event("close"):
        popup.click("button[value=allow]")
    page.click("button.btn-done >> nth=0")

    contexts = _try_it_out(page, "/API/resources/v1/context")
    assert contexts.status == 200
    assert [c["id"] for c in contexts.json()] == [org["first"]]

    page.click("button.authorize")
    page.fill("#api_key_value", str(org["first"]))
    page.locator("form:has(#api_key_value) button.authorize").click()
    page.click("button.btn-done >> nth=0")
    customers = _try_it_out(page, "/API/controller/api/v1/customer", pageSize="1")
    assert customers.status == 200
    assert customers.request.headers["ipp-company-id"] == str(org["first"])
    assert customers.json() == []


def test_swagger_uis_deep_link_to_an_operation_is_the_real_operation_id(server, page):
    """Swagger UI links an opened operation as `#/<tag>/<operationId>`: nettfin's read as the real service's, and
    following one opens the operation again."""
    page.goto(f"{server}/swagger")
    operation = _operation(page, "/API/controller/api/v1/vat")
    operation.locator(".opblock-summary").click()
    page.wait_for_function("location.hash === '#/Vat/Vat_GetAllVats'")
    page.goto("about:blank")
    page.goto(f"{server}/swagger#/Vat/Vat_GetAllVats")
    # The link opens the operation in Swagger UI's state. Where the page then scrolls is Swagger UI's business and
    # not always the operation's place: its virtualized list scrolls to an estimate of the row's offset, and under
    # load it can do so before it has measured the list's top, leaving the row outside what it renders. So look
    # for the opened operation where it is.
    page.wait_for_function("window.ui && window.ui.layoutSelectors.isShown(['operations', 'Vat', 'Vat_GetAllVats'])")
    operation = _operation(page, "/API/controller/api/v1/vat")
    assert operation.get_attribute("id") == "operations-Vat-Vat_GetAllVats"
    assert "is-open" in operation.get_attribute("class").split()
