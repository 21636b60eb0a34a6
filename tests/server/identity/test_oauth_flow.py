"""The knowledge base's OAuth 2.0 authorization-code flow and the Context endpoints, through the app."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.testclient import TestClient

from tests.oauth_helpers import (
    REDIRECT_URI,
    authorize_url,
    code_from,
    consent,
    exchange,
    log_in,
    make_organisation,
    pkce_pair,
)


@pytest.fixture
def browser(app):
    """A fresh cookie jar, like a new browser."""
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_the_whole_flow_ends_in_a_token_that_lists_and_uses_the_company(database, browser, client):
    org = make_organisation(database)
    redirect = consent(browser, org)
    location = urlsplit(redirect.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT_URI
    assert parse_qs(location.query)["state"] == ["xyz"]
    response = exchange(client, org, code_from(redirect))
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"token", "token_type", "scope", "refresh_token"}
    assert body["token_type"] == "bearer" and body["scope"] == "financialstasks"
    assert "access_token" not in body
    headers = {"Authorization": f"Bearer {body['token']}"}
    contexts = client.get("/API/resources/v1/context", headers=headers).json()
    assert contexts == [{"id": org.company_id, "name": "OAuth AS", "type": "Company"}]
    customers = client.get(
        "/API/controller/api/v1/customer", headers={**headers, "ipp-company-id": str(contexts[0]["id"])}
    )
    assert customers.status_code == 200


def test_client_credentials_may_come_as_http_basic(database, browser, client):
    org = make_organisation(database)
    code = code_from(consent(browser, org))
    basic = base64.b64encode(f"{org.client_id}:{org.client_secret}".encode()).decode()
    response = client.post(
        "/API/security/api/v2/token",
        headers={"Authorization": f"Basic {basic}"},
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI},
    )
    assert response.status_code == 200, response.text
    assert response.json()["token"]


def test_deny_redirects_with_access_denied_and_no_code(database, browser):
    org = make_organisation(database)
    response = consent(browser, org, decision="deny")
    query = parse_qs(urlsplit(response.headers["location"]).query)
    assert query["error"] == ["access_denied"]
    assert "code" not in query and query["state"] == ["xyz"]


def test_the_consent_page_names_the_application_and_the_scope(database, browser):
    org = make_organisation(database)
    url = authorize_url(org)
    log_in(browser, org.email)
    page = browser.get(url)
    assert "Allow Acme Integration to connect to your account" in page.text
    assert "financialstasks" in page.text and "Allow" in page.text and "Deny" in page.text
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]


def test_a_code_is_single_use_and_a_replay_revokes_its_token(database, browser, client):
    org = make_organisation(database)
    code = code_from(consent(browser, org))
    token = exchange(client, org, code).json()["token"]
    replay = exchange(client, org, code)
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"
    assert client.get("/API/resources/v1/context", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_a_code_is_bound_to_its_redirect_uri(database, browser, client):
    org = make_organisation(database)
    code = code_from(consent(browser, org))
    response = exchange(client, org, code, redirect_uri="https://integration.example/other")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_a_wrong_client_secret_gets_invalid_client_and_no_token(database, browser, client):
    org = make_organisation(database)
    code = code_from(consent(browser, org))
    response = exchange(client, org, code, client_secret="wrong")
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    # The code was not spent by the failed attempt's client: the right client can still use it.
    assert exchange(client, org, code).status_code == 200


def test_a_code_of_another_client_is_refused(database, browser, client):
    org, other = make_organisation(database), make_organisation(database)
    code = code_from(consent(browser, org))
    response = exchange(client, other, code)
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"


def test_an_expired_code_is_refused(database, browser, client):
    from sqlalchemy import update

    from nettfin.server.db.base import utcnow
    from nettfin.server.identity.models import AuthorizationCode
    from nettfin.server.identity.service import hash_token

    org = make_organisation(database)
    code = code_from(consent(browser, org))
    with database.writing() as session:
        session.execute(
            update(AuthorizationCode).where(AuthorizationCode.code_hash == hash_token(code)).values(expires_at=utcnow())
        )
    assert exchange(client, org, code).json()["error"] == "invalid_grant"


def test_pkce_s256_is_enforced_when_a_challenge_was_given(database, browser, client):
    org = make_organisation(database)
    verifier, challenge = pkce_pair()
    code = code_from(consent(browser, org, code_challenge=challenge, code_challenge_method="S256"))
    assert exchange(client, org, code, code_verifier="x" * 50).json()["error"] == "invalid_grant"
    code = code_from(consent(browser, org, code_challenge=challenge, code_challenge_method="S256"))
    assert exchange(client, org, code, code_verifier=verifier).status_code == 200


def test_pkce_plain_is_refused(database, browser):
    org = make_organisation(database)
    log_in(browser, org.email)
    page = browser.get(
        authorize_url(org, code_challenge="a" * 43, code_challenge_method="plain"), follow_redirects=False
    )
    assert page.status_code == 400
    assert "S256" in page.text


def test_unknown_client_or_wrong_redirect_uri_gets_an_error_page_never_a_redirect(database, browser):
    org = make_organisation(database)
    for url in (
        authorize_url(org, redirect_uri="https://evil.example/callback"),
        authorize_url(org).replace(org.client_id, "no-such-client"),
    ):
        response = browser.get(url, follow_redirects=False)
        assert response.status_code == 400
        assert "location" not in response.headers
        assert "evil.example" not in response.headers.get("location", "")


def test_an_inactive_client_gets_no_code(database, browser):
    org = make_organisation(database, active=False)
    response = browser.get(authorize_url(org), follow_redirects=False)
    assert response.status_code == 400
    assert "activat" in response.text


def test_forms_without_the_csrf_token_are_refused_and_issue_nothing(database, browser):
    org = make_organisation(database)
    url = authorize_url(org)
    log_in(browser, org.email)
    response = browser.post(url, data={"decision": "allow"}, follow_redirects=False)
    assert response.status_code == 403
    assert "location" not in response.headers
    login = browser.post("/login", data={"email": org.email, "password": "x"}, follow_redirects=False)
    assert login.status_code == 403


def test_a_wrong_password_does_not_log_in_and_guessing_is_throttled(database, browser):
    org = make_organisation(database)
    for _ in range(10):
        assert log_in(browser, org.email, password="guess").status_code == 400
    blocked = log_in(browser, org.email)  # the right password, but too many failures first
    assert blocked.status_code == 400
    assert "Too many failed logins" in blocked.text


def test_the_login_page_refuses_to_redirect_off_site(database, browser):
    org = make_organisation(database)
    response = log_in(browser, org.email, next_url="https://evil.example/")
    assert response.headers["location"] == "/admin"


def test_refresh_tokens_rotate(database, browser, client):
    org = make_organisation(database)
    first = exchange(client, org, code_from(consent(browser, org))).json()
    refreshed = client.post(
        "/API/security/api/v2/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": first["refresh_token"],
            "client_id": org.client_id,
            "client_secret": org.client_secret,
        },
    )
    assert refreshed.status_code == 200, refreshed.text
    second = refreshed.json()
    assert second["token"] != first["token"] and second["refresh_token"] != first["refresh_token"]
    again = client.post(
        "/API/security/api/v2/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": first["refresh_token"],
            "client_id": org.client_id,
            "client_secret": org.client_secret,
        },
    )
    assert again.status_code == 400
    assert (
        client.get("/API/resources/v1/context", headers={"Authorization": f"Bearer {first['token']}"}).status_code
        == 401
    )


def test_revoke_stops_the_token_at_once(database, browser, client):
    org = make_organisation(database)
    token = exchange(client, org, code_from(consent(browser, org))).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.delete("/API/security/api/v1/token", headers=headers).status_code == 204
    assert client.get("/API/resources/v1/context", headers=headers).status_code == 401


def test_a_user_without_a_financials_role_gets_12002_even_with_a_valid_token(database, browser, client):
    org = make_organisation(database, roles=())
    token = exchange(client, org, code_from(consent(browser, org))).json()["token"]
    headers = {"Authorization": f"Bearer {token}", "ipp-company-id": str(org.company_id)}
    assert client.get("/API/resources/v1/context", headers=headers).json() == []
    response = client.get("/API/controller/api/v1/customer", headers=headers)
    assert response.status_code == 400 and response.json()["ExceptionFaultCode"] == "12002"


def test_a_token_of_another_tenant_cannot_use_this_tenants_company(database, browser, client):
    org, other = make_organisation(database), make_organisation(database)
    token = exchange(client, other, code_from(consent(browser, other))).json()["token"]
    response = client.get(
        "/API/controller/api/v1/customer",
        headers={"Authorization": f"Bearer {token}", "ipp-company-id": str(org.company_id)},
    )
    assert response.json()["ExceptionFaultCode"] == "12002"
    assert (
        client.get(
            f"/API/resources/v1/context/{org.company_id}", headers={"Authorization": f"Bearer {token}"}
        ).status_code
        == 404
    )


def test_context_details_user_details_and_the_older_route(database, browser, client):
    org = make_organisation(database)
    token = exchange(client, org, code_from(consent(browser, org))).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    company = client.get(f"/API/resources/v1/context/{org.company_id}", headers=headers).json()
    assert company["companyName"] == "OAuth AS"
    # The company was made with no organisation number or address, and there is no distributor: those members
    # have no value and are left out.
    assert set(company) == {"companyName", "customerInfo"}
    assert company["customerInfo"]["parentCustomerId"] == org.tenant_id
    details = client.get("/API/resources/v1/context/userdetails", headers=headers).json()
    assert details["emailAddress"] == org.email
    older = client.get("/API/security/api/v1/token/usercontexts", headers=headers).json()
    assert older == client.get("/API/resources/v1/context", headers=headers).json()


def test_testconnection_answers_ok_without_a_token(client):
    response = client.get("/API/security/api/v1/testconnection")
    assert response.status_code == 200 and response.text == "OK"


def test_context_without_a_token_is_401_in_the_ipp_shape(client):
    response = client.get("/API/resources/v1/context")
    assert response.status_code == 401
    assert response.json()["ExceptionType"] == "IPPException"
