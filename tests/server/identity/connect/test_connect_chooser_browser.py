"""Through a real browser (Debian's chromium, driven by Playwright): a user who may use two companies signs in at
/connect/authorize, chooses the second on the chooser page, and the token is bound to that company."""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlsplit

import httpx2
import orjson

from tests.oauth_helpers import PASSWORD
from tests.server.identity.connect.test_connect_interactive import authorize_url, make_interactive


def test_the_company_chooser_binds_the_token_to_the_company_chosen(database, server, page):
    # A callback on the server itself (a 404 there): the browser's address shows the code.
    callback = f"{server}/connect-test-callback"
    app = make_interactive(database, companies=2, redirect_uri=callback)
    second_id, second_guid = app.companies[1]
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    page.goto(
        server + authorize_url(app, redirect_uri=callback, code_challenge=challenge, code_challenge_method="S256")
    )
    page.fill("#email", app.email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    assert page.locator("legend").inner_text() == "Choose the company to connect to"
    assert page.locator("input[name=company_id]").count() == 2
    page.check(f"input[name=company_id][value='{second_id}']")
    with page.expect_navigation(url=callback + "**"):
        page.click("button[value=allow]")
    answer = {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}
    assert answer["state"] == "st-1" and answer["iss"] == server
    token = httpx2.post(
        f"{server}/connect/token",
        data={
            "grant_type": "authorization_code",
            "code": answer["code"],
            "redirect_uri": callback,
            "code_verifier": verifier,
        },
        auth=(app.client_id, app.secret),
    )
    assert token.status_code == 200, token.text
    access = token.json()["access_token"]
    payload = access.split(".")[1]
    claims = orjson.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims["tenant_id"] == second_guid and claims["sub"] == str(app.user_id)
    customers = httpx2.get(f"{server}/v1/customer", headers={"Authorization": f"Bearer {access}"})
    assert customers.status_code == 200, customers.text


def test_authlibs_client_runs_the_code_flow_with_pkce_through_the_browser(database, server, page, monkeypatch):
    """An integration as written with Authlib's OAuth 2.0 client (requests flavour): discovery, an authorization URL
    with PKCE S256, the user signing in in Chromium, the code exchanged, the API called, the token refreshed."""
    from authlib.common.security import generate_token
    from authlib.integrations import requests_client

    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # plain HTTP on loopback in the test
    callback = f"{server}/connect-test-callback"
    app = make_interactive(database, redirect_uri=callback)
    session = requests_client.OAuth2Session(
        app.client_id,
        app.secret,
        scope="openid offline_access vismanet_erp_interactive_api:read",
        redirect_uri=callback,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic",
    )
    discovery = session.get(f"{server}/.well-known/openid-configuration", withhold_token=True).json()
    verifier = generate_token(48)
    url, state = session.create_authorization_url(discovery["authorization_endpoint"], code_verifier=verifier)
    page.goto(url)
    page.fill("#email", app.email)
    page.fill("#password", PASSWORD)
    with page.expect_navigation(url=callback + "**"):
        page.click("button[type=submit]")  # one company: no chooser, straight back to the application
    token = session.fetch_token(
        discovery["token_endpoint"], authorization_response=page.url, state=state, code_verifier=verifier
    )
    assert {"access_token", "id_token", "refresh_token"} <= set(token)
    assert session.get(f"{server}/v1/customer").status_code == 200
    renewed = session.refresh_token(discovery["token_endpoint"])
    assert renewed["access_token"] != token["access_token"]
    assert session.get(f"{server}/v1/customer").status_code == 200
