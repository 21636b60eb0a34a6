"""Visma Connect's interactive flow through the app on a real database: /connect/authorize (login, the company
chooser, prompt, PKCE, query and form_post answers), the code and refresh grants, the ID token, userinfo, end
session, revocation and introspection, and every refusal of them."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import orjson
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet
from sqlalchemy import update
from starlette.testclient import TestClient

from nettfin.server.db.base import utcnow
from nettfin.server.identity.connect.models import WEB, ConnectCode
from nettfin.server.identity.connect.service import create_application, create_secret, grant_application
from nettfin.server.identity.models import FINANCIALS_USER, CompanyRole
from nettfin.server.identity.service import create_company, create_tenant, create_user, grant_company
from tests.connect_helpers import bearer, make_connected
from tests.oauth_helpers import PASSWORD, csrf_of, log_in

BASE = "http://testserver"
REDIRECT_URI = "https://app.example/callback"
LOGOUT_URI = "https://app.example/signed-out"
READ = "vismanet_erp_interactive_api:read"
CREATE = "vismanet_erp_interactive_api:create"
TOKEN_URL = "/connect/token"


@dataclass
class Interactive:
    client_id: str
    secret: str
    email: str
    user_id: int
    companies: list[tuple[int, str]]  # (company id, tenant guid)
    app_type: str


def make_interactive(
    database,
    *,
    app_type: str = WEB,
    companies: int = 1,
    refresh_policy: str = "reuse",
    scopes: list[str] | None = None,
    redirect_uri: str = REDIRECT_URI,
) -> Interactive:
    with database.writing() as session:
        tenant = create_tenant(session, name=f"Interactive {uuid.uuid4().hex[:6]}")
        email = f"{uuid.uuid4().hex[:10]}@example.test"
        user = create_user(session, email=email, tenant=tenant, password=PASSWORD)
        user.first_name, user.last_name = "Kari", "Nordmann"
        application = create_application(
            session,
            name=f"App {uuid.uuid4().hex[:8]}",
            app_type=app_type,
            scopes=scopes,
            refresh_policy=refresh_policy,
            redirect_uris=[redirect_uri],
            post_logout_redirect_uris=[LOGOUT_URI],
        )
        secret = create_secret(session, application)[1] if app_type == WEB else ""
        made = []
        for number in range(companies):
            company = create_company(session, name=f"Company {number + 1} {uuid.uuid4().hex[:4]}", tenant=tenant)
            grant_company(session, user=user, company=company)
            grant_application(session, application, company, granted_by="test")
            made.append((company.id, company.tenant_guid))
    return Interactive(application.client_id, secret, email, user.id, made, app_type)


def pkce(method: str = "S256") -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    if method == "plain":
        return verifier, verifier
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorize_url(app: Interactive, *, scope: str = f"openid profile email offline_access {READ}", **extra) -> str:
    query = {
        "response_type": "code",
        "client_id": app.client_id,
        "redirect_uri": REDIRECT_URI,
        "scope": scope,
        "state": "st-1",
        **extra,
    }
    return "/connect/authorize?" + urlencode({k: v for k, v in query.items() if v is not None})


def sign_in(browser: TestClient, app: Interactive, *, choose: int | None = None, **extra):
    """Through /connect/authorize: log in when asked, choose a company when asked; the final answer."""
    url = authorize_url(app, **extra)
    response = browser.get(url, follow_redirects=False)
    if response.status_code == 303 and response.headers["location"].startswith("/login"):
        next_url = parse_qs(urlsplit(response.headers["location"]).query)["next"][0]
        assert log_in(browser, app.email, next_url=next_url).status_code == 303
        url = next_url
        response = browser.get(url, follow_redirects=False)
    if response.status_code == 200 and 'name="company_id"' in response.text:
        company = choose if choose is not None else app.companies[0][0]
        form = {"csrf": csrf_of(response.text), "decision": "allow", "company_id": str(company)}
        response = browser.post(url, data=form, follow_redirects=False)
    return response


def callback(response) -> dict[str, str]:
    assert response.status_code == 303, response.text
    location = urlsplit(response.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT_URI
    return {k: v[0] for k, v in parse_qs(location.query).items()}


def redeem(client: TestClient, app: Interactive, code: str, verifier: str | None = None, **overrides):
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI, **overrides}
    if verifier is not None:
        form["code_verifier"] = verifier
    form = {k: v for k, v in form.items() if v is not None}
    if app.secret:
        return client.post(TOKEN_URL, data=form, auth=(app.client_id, app.secret))
    return client.post(TOKEN_URL, data={**form, "client_id": app.client_id})


def tokens(browser, client, app: Interactive, *, method: str = "S256", **extra) -> dict:
    verifier, challenge = pkce(method)
    answer = callback(sign_in(browser, app, code_challenge=challenge, code_challenge_method=method, **extra))
    response = redeem(client, app, answer["code"], verifier)
    assert response.status_code == 200, response.text
    return response.json()


def refresh(client, app: Interactive, refresh_token: str, **extra):
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token, **extra}
    if app.secret:
        return client.post(TOKEN_URL, data=form, auth=(app.client_id, app.secret))
    return client.post(TOKEN_URL, data={**form, "client_id": app.client_id})


def claims_of(token: str) -> dict:
    payload = token.split(".")[1]
    return orjson.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def refused(response, status: int, error: str, *words: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == error, body
    for word in words:
        assert word in body["error_description"], body
    assert response.headers["cache-control"] == "no-store"


def redirected_error(response, error: str, *words: str) -> dict:
    answer = callback(response)
    assert answer["error"] == error, answer
    assert answer["state"] == "st-1" and answer["iss"] == BASE
    for word in words:
        assert word in answer["error_description"], answer
    assert "code" not in answer
    return answer


@pytest.fixture
def browser(app):
    """A fresh cookie jar, like a new browser."""
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def web(database):
    return make_interactive(database)


# --- the flow ------------------------------------------------------------------------------------------------


def test_a_web_application_signs_a_user_in_and_calls_the_api_as_that_user(database, browser, client, web):
    verifier, challenge = pkce()
    answer = callback(sign_in(browser, web, code_challenge=challenge, code_challenge_method="S256", nonce="n-1"))
    assert answer["state"] == "st-1" and answer["iss"] == BASE and answer["code"]
    response = redeem(client, web, answer["code"], verifier)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert set(body) == {"id_token", "access_token", "expires_in", "token_type", "refresh_token", "scope"}
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    assert body["scope"] == f"openid profile email offline_access {READ}"
    assert re.fullmatch(r"[0-9a-f]{64}", body["refresh_token"])  # Visma's sample's shape
    claims = claims_of(body["access_token"])
    assert claims["sub"] == str(web.user_id) and claims["client_id"] == web.client_id
    assert claims["tenant_id"] == web.companies[0][1] and READ in claims["scope"]
    assert isinstance(claims["auth_time"], int) and claims["aud"] == [BASE]
    # The API: the company from the token, no ipp-company-id; the scope decides what may be done.
    assert client.get("/v1/customer", headers=bearer(body["access_token"])).status_code == 200
    denied = client.post("/v1/customer", json={"name": {"value": "X"}}, headers=bearer(body["access_token"]))
    assert denied.status_code == 403 and CREATE in denied.json()["message"]


def test_the_tokens_verify_with_nothing_but_the_published_jwks(browser, client, web):
    body = tokens(browser, client, web, nonce="nonce-42")
    keys = KeySet.import_key_set(client.get("/.well-known/openid-configuration/jwks").json())
    access = jwt.decode(body["access_token"], keys, algorithms=["RS256"])
    assert access.header["typ"] == "at+jwt"
    assert access.claims["sub"] == str(web.user_id) and access.claims["tenant_id"] == web.companies[0][1]
    identity = jwt.decode(body["id_token"], keys, algorithms=["RS256"])
    assert identity.header["typ"] == "JWT" and identity.claims["aud"] == web.client_id
    assert identity.claims["nonce"] == "nonce-42" and identity.claims["iss"] == BASE
    assert identity.claims["sub"] == access.claims["sub"] and identity.claims["auth_time"] == access.claims["auth_time"]
    assert identity.claims["email"] == web.email and identity.claims["name"] == "Kari Nordmann"
    # An ID token is not an access token: the API refuses it.
    refused_call = client.get("/v1/customer", headers=bearer(body["id_token"]))
    assert refused_call.status_code == 401 and "type" in refused_call.json()["ExceptionMessage"]


def test_a_public_native_application_uses_pkce_plain_without_a_secret(database, browser, client):
    native = make_interactive(database, app_type="native")
    body = tokens(browser, client, native, method="plain", scope=READ)
    assert "refresh_token" not in body and "id_token" not in body  # neither asked for
    assert client.get("/v1/customer", headers=bearer(body["access_token"])).status_code == 200
    offline = tokens(browser, client, native, scope=f"offline_access {READ}")
    renewed = refresh(client, native, offline["refresh_token"])  # client_id alone: a public client
    assert renewed.status_code == 200, renewed.text
    with_secret = client.post(
        TOKEN_URL,
        data={"grant_type": "refresh_token", "refresh_token": offline["refresh_token"]},
        auth=(native.client_id, "a secret it does not have"),
    )
    refused(with_secret, 401, "invalid_client")
    service_grant = client.post(
        TOKEN_URL,
        data={
            "grant_type": "client_credentials",
            "scope": READ,
            "tenant_id": native.companies[0][1],
            "client_id": native.client_id,
        },
    )
    refused(service_grant, 400, "invalid_client")


def test_a_public_application_must_use_pkce(database, browser):
    spa = make_interactive(database, app_type="spa")
    redirected_error(sign_in(browser, spa), "invalid_request", "PKCE")


def test_a_web_application_may_leave_pkce_out(browser, client, web):
    answer = callback(sign_in(browser, web, scope=READ))
    assert redeem(client, web, answer["code"]).status_code == 200


def test_form_post_answers_with_a_form_to_the_redirect_uri(browser, web):
    _verifier, challenge = pkce()
    page = sign_in(browser, web, response_mode="form_post", code_challenge=challenge, code_challenge_method="S256")
    assert page.status_code == 200
    assert f'action="{REDIRECT_URI}"' in page.text and '<script src="/connect/form_post.js">' in page.text
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page.text))
    assert fields["state"] == "st-1" and fields["iss"] == BASE and fields["code"]
    assert "form-action 'self' https://app.example" in page.headers["content-security-policy"]
    assert "submit()" in browser.get("/connect/form_post.js").text


def test_the_chooser_appears_for_two_companies_and_binds_the_token_to_the_one_chosen(database, browser, client):
    two = make_interactive(database, companies=2)
    page = browser.get(authorize_url(two), follow_redirects=False)
    next_url = parse_qs(urlsplit(page.headers["location"]).query)["next"][0]
    log_in(browser, two.email, next_url=next_url)
    chooser = browser.get(next_url)
    assert chooser.status_code == 200 and chooser.text.count('name="company_id"') == 2
    second_id, second_guid = two.companies[1]
    answer = callback(
        browser.post(
            next_url,
            data={"csrf": csrf_of(chooser.text), "decision": "allow", "company_id": str(second_id)},
            follow_redirects=False,
        )
    )
    body = redeem(client, two, answer["code"]).json()
    assert claims_of(body["access_token"])["tenant_id"] == second_guid
    customers = client.get("/v1/customer", headers=bearer(body["access_token"]))
    assert customers.status_code == 200
    other = client.get(
        "/v1/customer", headers={**bearer(body["access_token"]), "ipp-company-id": str(two.companies[0][0])}
    )
    assert other.status_code == 400 and other.json()["ExceptionFaultCode"] == "12002"


def test_the_chooser_refuses_a_company_not_offered_and_a_stale_form(database, browser):
    two = make_interactive(database, companies=2)
    other = make_interactive(database)
    url = authorize_url(two)
    page = browser.get(url, follow_redirects=False)
    log_in(browser, two.email, next_url=parse_qs(urlsplit(page.headers["location"]).query)["next"][0])
    chooser = browser.get(url)
    stranger = {"csrf": csrf_of(chooser.text), "decision": "allow", "company_id": str(other.companies[0][0])}
    assert browser.post(url, data=stranger, follow_redirects=False).status_code == 400
    stale = {"csrf": "nope", "decision": "allow", "company_id": str(two.companies[0][0])}
    assert browser.post(url, data=stale, follow_redirects=False).status_code == 403
    cancelled = browser.post(url, data={**stranger, "decision": "deny"}, follow_redirects=False)
    redirected_error(cancelled, "access_denied")


def test_prompt_none_login_consent(database, browser, client, web):
    redirected_error(sign_in(browser, web, prompt="none"), "login_required")
    callback(sign_in(browser, web))  # signed in now
    assert "code" in callback(browser.get(authorize_url(web, prompt="none"), follow_redirects=False))
    # consent: the page even for one company
    page = browser.get(authorize_url(web, prompt="consent"), follow_redirects=False)
    assert page.status_code == 200 and 'name="company_id"' in page.text
    # login: back to the login page though signed in, then the code
    again = browser.get(authorize_url(web, prompt="login"), follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"].startswith("/login")
    next_url = parse_qs(urlsplit(again.headers["location"]).query)["next"][0]
    assert "prompt=login" in next_url and "nettfin_login_after" in next_url
    assert browser.get(next_url, follow_redirects=False).headers["location"].startswith("/login")
    log_in(browser, web.email, next_url=next_url)
    assert "code" in callback(browser.get(next_url, follow_redirects=False))
    two = make_interactive(database, companies=2)
    browser.cookies.clear()
    callback(sign_in(browser, two, choose=two.companies[0][0]))
    redirected_error(
        browser.get(authorize_url(two, prompt="none"), follow_redirects=False), "account_selection_required"
    )
    redirected_error(browser.get(authorize_url(two, prompt="none login"), follow_redirects=False), "invalid_request")


# --- refusals at /connect/authorize --------------------------------------------------------------------------


def test_an_unregistered_redirect_uri_or_unknown_client_gets_a_page_never_a_redirect(browser, web):
    for url in (
        authorize_url(web, redirect_uri="https://evil.example/callback"),
        authorize_url(web, redirect_uri=REDIRECT_URI + "/"),
        authorize_url(web, redirect_uri=None),
        authorize_url(web, client_id="isv_nobody"),
        authorize_url(web, client_id=None),
        authorize_url(web) + "&redirect_uri=https%3A%2F%2Fevil.example%2F",
    ):
        page = browser.get(url, follow_redirects=False)
        assert page.status_code == 400, url
        assert "location" not in page.headers and "The application cannot connect" in page.text


@pytest.mark.parametrize(
    ("extra", "error", "words"),
    [
        ({"response_type": "token"}, "unsupported_response_type", ["token"]),
        ({"response_type": None}, "invalid_request", ["response_type"]),
        ({"scope": "vismanet_erp_service_api:read"}, "invalid_scope", ["vismanet_erp_service_api:read"]),
        ({"scope": None}, "invalid_scope", ["required"]),
        ({"code_challenge_method": "S512", "code_challenge": "a" * 43}, "invalid_request", ["S512"]),
        ({"code_challenge": "short"}, "invalid_request", ["43 to 128"]),
        ({"code_challenge_method": "S256"}, "invalid_request", ["without a code_challenge"]),
        ({"response_mode": "fragment"}, "invalid_request", ["fragment"]),
        ({"prompt": "sometimes"}, "invalid_request", ["sometimes"]),
        ({"nonce": "n" * 501}, "invalid_request", ["nonce"]),
    ],
)
def test_a_bad_authorization_request_goes_back_as_an_oauth_error(browser, web, extra, error, words):
    redirected_error(browser.get(authorize_url(web, **extra), follow_redirects=False), error, *words)


def test_a_service_application_may_not_use_the_code_flow(database, browser, client):
    connected = make_connected(database, client)
    with database.writing() as session:
        from nettfin.server.identity.connect.models import ConnectApplication

        session.execute(
            update(ConnectApplication)
            .where(ConnectApplication.client_id == connected.client_id)
            .values(redirect_uris=[REDIRECT_URI])
        )
    service = Interactive(connected.client_id, connected.secret, "", 0, [], "service")
    redirected_error(browser.get(authorize_url(service), follow_redirects=False), "unauthorized_client")


def test_a_user_without_a_company_that_approved_the_application_is_sent_back_with_access_denied(database, browser, web):
    with database.writing() as session:
        session.execute(CompanyRole.__table__.delete().where(CompanyRole.user_id == web.user_id))
    redirected_error(sign_in(browser, web), "access_denied", "no company")


# --- refusals at the token endpoint --------------------------------------------------------------------------


def _code(browser, app, **extra) -> tuple[str, str]:
    verifier, challenge = pkce()
    answer = callback(sign_in(browser, app, code_challenge=challenge, code_challenge_method="S256", **extra))
    return answer["code"], verifier


def test_a_replayed_code_is_invalid_grant_and_revokes_what_it_issued(browser, client, web):
    code, verifier = _code(browser, web)
    first = redeem(client, web, code, verifier).json()
    assert client.get("/v1/customer", headers=bearer(first["access_token"])).status_code == 200
    refused(redeem(client, web, code, verifier), 400, "invalid_grant", "already been used")
    gone = client.get("/v1/customer", headers=bearer(first["access_token"]))
    assert gone.status_code == 401 and "revoked" in gone.json()["ExceptionMessage"]
    refused(refresh(client, web, first["refresh_token"]), 400, "invalid_grant", "revoked")


def test_pkce_redirect_uri_client_and_expiry_are_checked_before_anything_is_issued(database, browser, client, web):
    code, verifier = _code(browser, web)
    refused(redeem(client, web, code, "x" * 50), 400, "invalid_grant", "PKCE")
    refused(redeem(client, web, code), 400, "invalid_request", "code_verifier")
    refused(redeem(client, web, code, "bad verifier!"), 400, "invalid_request", "43 to 128")
    refused(redeem(client, web, code, verifier, redirect_uri="https://app.example/other"), 400, "invalid_grant")
    refused(redeem(client, web, code, verifier, redirect_uri=None), 400, "invalid_request", "redirect_uri")
    other = make_interactive(database)
    refused(redeem(client, other, code, verifier), 400, "invalid_grant", "invalid")
    wrong = client.post(
        TOKEN_URL,
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT_URI,
            "code_verifier": verifier,
        },
        auth=(web.client_id, "wrong"),
    )
    refused(wrong, 401, "invalid_client")
    # None of that spent the code.
    assert redeem(client, web, code, verifier).status_code == 200
    stale, stale_verifier = _code(browser, web)
    with database.writing() as session:
        session.execute(
            update(ConnectCode)
            .values(expires_at=utcnow() - timedelta(seconds=1))
            .where(ConnectCode.used_at.is_(None), ConnectCode.application_id == _application_id(database, web))
        )
    refused(redeem(client, web, stale, stale_verifier), 400, "invalid_grant", "expired")
    refused(redeem(client, web, "never-issued", verifier), 400, "invalid_grant")
    refused(redeem(client, web, None, verifier), 400, "invalid_request", "code")


def _application_id(database, app: Interactive) -> int:
    from nettfin.server.identity.connect.service import find_application

    with database.reading() as session:
        return find_application(session, app.client_id).id


def test_a_confidential_application_must_authenticate_and_a_public_one_cannot_use_a_secret(
    database, browser, client, web
):
    code, verifier = _code(browser, web)
    public_style = client.post(
        TOKEN_URL,
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT_URI,
            "code_verifier": verifier,
            "client_id": web.client_id,
        },
    )
    refused(public_style, 400, "invalid_client")
    assert redeem(client, web, code, verifier).status_code == 200


def test_a_user_who_lost_the_company_cannot_redeem_refresh_or_call(database, browser, client, web):
    body = tokens(browser, client, web)
    code, verifier = _code(browser, web)
    with database.writing() as session:
        session.execute(CompanyRole.__table__.delete().where(CompanyRole.user_id == web.user_id))
    refused(redeem(client, web, code, verifier), 400, "invalid_grant", "no longer")
    refused(refresh(client, web, body["refresh_token"]), 400, "invalid_grant", "no longer")
    with database.writing() as session:  # the code was not spent by the refusal
        session.add(CompanyRole(user_id=web.user_id, company_id=web.companies[0][0], role=FINANCIALS_USER))
    assert redeem(client, web, code, verifier).status_code == 200


# --- refresh tokens ------------------------------------------------------------------------------------------


def test_a_reuse_refresh_token_comes_back_unchanged_and_may_narrow_the_scope(database, browser, client):
    app = make_interactive(database, refresh_policy="reuse")
    body = tokens(browser, client, app, scope=f"offline_access openid {READ} {CREATE}")
    again = refresh(client, app, body["refresh_token"])
    assert again.status_code == 200, again.text
    renewed = again.json()
    assert renewed["refresh_token"] == body["refresh_token"] and "id_token" in renewed
    assert claims_of(renewed["access_token"])["auth_time"] == claims_of(body["access_token"])["auth_time"]
    narrowed = refresh(client, app, body["refresh_token"], scope=READ).json()
    assert claims_of(narrowed["access_token"])["scope"] == [READ] and narrowed["scope"] == READ
    assert refresh(client, app, body["refresh_token"]).status_code == 200  # still usable after narrowing
    refused(
        refresh(client, app, body["refresh_token"], scope="vismanet_erp_interactive_api:delete"), 400, "invalid_scope"
    )
    other = make_interactive(database)
    refused(refresh(client, other, body["refresh_token"]), 400, "invalid_grant")
    refused(refresh(client, app, "0" * 64), 400, "invalid_grant")


def test_a_one_time_refresh_token_rotates_and_a_replay_revokes_the_family(database, browser, client):
    app = make_interactive(database, refresh_policy="one-time")
    body = tokens(browser, client, app)
    second = refresh(client, app, body["refresh_token"]).json()
    assert second["refresh_token"] != body["refresh_token"]
    third = refresh(client, app, second["refresh_token"]).json()
    refused(refresh(client, app, body["refresh_token"]), 400, "invalid_grant", "already been used")
    refused(refresh(client, app, third["refresh_token"]), 400, "invalid_grant", "revoked")
    gone = client.get("/v1/customer", headers=bearer(third["access_token"]))
    assert gone.status_code == 401 and "revoked" in gone.json()["ExceptionMessage"]


def test_no_refresh_token_without_offline_access(browser, client, web):
    body = tokens(browser, client, web, scope=f"openid {READ}")
    assert "refresh_token" not in body


# --- userinfo, end session ------------------------------------------------------------------------------------


def test_userinfo_answers_for_an_interactive_token_with_openid(database, browser, client, web):
    body = tokens(browser, client, web)
    info = client.get("/connect/userinfo", headers=bearer(body["access_token"]))
    assert info.status_code == 200, info.text
    assert info.json() == {
        "sub": str(web.user_id),
        "email": web.email,
        "email_verified": False,
        "name": "Kari Nordmann",
        "given_name": "Kari",
        "family_name": "Nordmann",
    }
    without = tokens(browser, client, web, scope=READ)
    denied = client.get("/connect/userinfo", headers=bearer(without["access_token"]))
    assert denied.status_code == 403 and denied.json()["error"] == "insufficient_scope"
    assert 'scope="openid"' in denied.headers["www-authenticate"]
    service = make_connected(database, client)
    from tests.connect_helpers import access_token

    assert client.get("/connect/userinfo", headers=bearer(access_token(client, service))).status_code == 403
    assert client.get("/connect/userinfo", headers=bearer("eyJ.x.y")).status_code == 401
    assert client.get("/connect/userinfo").json()["error"] == "invalid_token"


def test_end_session_signs_out_and_returns_to_a_registered_uri(browser, client, web):
    body = tokens(browser, client, web)
    bad = browser.get(
        "/connect/endsession?"
        + urlencode({"id_token_hint": body["id_token"], "post_logout_redirect_uri": "https://evil.example/"}),
        follow_redirects=False,
    )
    assert bad.status_code == 400 and "location" not in bad.headers
    forged = browser.get("/connect/endsession?" + urlencode({"id_token_hint": body["access_token"]}))
    assert forged.status_code == 400
    ended = browser.get(
        "/connect/endsession?"
        + urlencode({"id_token_hint": body["id_token"], "post_logout_redirect_uri": LOGOUT_URI, "state": "bye"}),
        follow_redirects=False,
    )
    assert ended.status_code == 303 and ended.headers["location"] == f"{LOGOUT_URI}?state=bye"
    redirected_error(browser.get(authorize_url(web, prompt="none"), follow_redirects=False), "login_required")


def test_end_session_without_a_hint_asks_first(browser, web):
    callback(sign_in(browser, web))
    page = browser.get(
        "/connect/endsession?" + urlencode({"client_id": web.client_id, "post_logout_redirect_uri": LOGOUT_URI})
    )
    assert page.status_code == 200 and "Sign out" in page.text
    assert browser.post("/connect/endsession", data={"csrf": "stale"}).status_code == 403
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page.text))
    done = browser.post("/connect/endsession", data=fields, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == LOGOUT_URI
    redirected_error(browser.get(authorize_url(web, prompt="none"), follow_redirects=False), "login_required")


# --- revocation, introspection, discovery --------------------------------------------------------------------


def _post(client, path: str, app: Interactive, **form):
    return client.post(path, data=form, auth=(app.client_id, app.secret))


def test_revoking_an_access_token_stops_it_and_a_refresh_token_takes_its_family(database, browser, client, web):
    body = tokens(browser, client, web)
    assert _post(client, "/connect/revocation", web, token=body["access_token"]).status_code == 200
    gone = client.get("/v1/customer", headers=bearer(body["access_token"]))
    assert gone.status_code == 401 and "revoked" in gone.json()["ExceptionMessage"]
    renewed = refresh(client, web, body["refresh_token"]).json()
    response = _post(client, "/connect/revocation", web, token=body["refresh_token"], token_type_hint="refresh_token")
    assert response.status_code == 200
    refused(refresh(client, web, body["refresh_token"]), 400, "invalid_grant", "revoked")
    assert client.get("/v1/customer", headers=bearer(renewed["access_token"])).status_code == 401
    assert _post(client, "/connect/revocation", web, token="unknown").status_code == 200
    refused(_post(client, "/connect/revocation", web, token_type_hint="access_token"), 400, "invalid_request", "token")
    wrong = client.post("/connect/revocation", data={"token": "x"}, auth=(web.client_id, "wrong"))
    refused(wrong, 401, "invalid_client")
    # A service token can be revoked too.
    service = make_connected(database, client)
    from tests.connect_helpers import access_token

    token = access_token(client, service)
    assert (
        client.post("/connect/revocation", data={"token": token}, auth=(service.client_id, service.secret)).status_code
        == 200
    )
    assert client.get("/v1/customer", headers=bearer(token)).status_code == 401


def test_introspection_describes_the_callers_own_live_tokens(database, browser, client, web):
    body = tokens(browser, client, web)
    active = _post(client, "/connect/introspect", web, token=body["access_token"]).json()
    assert active["active"] is True and active["sub"] == str(web.user_id)
    assert active["client_id"] == web.client_id and active["tenant_id"] == web.companies[0][1]
    assert READ in active["scope"].split()
    refresh_info = _post(client, "/connect/introspection", web, token=body["refresh_token"]).json()
    assert refresh_info["active"] is True and refresh_info["token_type"] == "refresh_token"
    other = make_interactive(database)
    assert _post(client, "/connect/introspect", other, token=body["access_token"]).json() == {"active": False}
    assert _post(client, "/connect/introspect", other, token=body["refresh_token"]).json() == {"active": False}
    _post(client, "/connect/revocation", web, token=body["access_token"])
    assert _post(client, "/connect/introspect", web, token=body["access_token"]).json() == {"active": False}
    assert _post(client, "/connect/introspect", web, token="garbage").json() == {"active": False}
    native = make_interactive(database, app_type="native")
    public = client.post("/connect/introspect", data={"token": body["access_token"], "client_id": native.client_id})
    refused(public, 400, "invalid_client")


def test_discovery_lists_every_endpoint_and_capability(client):
    document = client.get("/.well-known/openid-configuration").json()
    for name, path in (
        ("authorization_endpoint", "/connect/authorize"),
        ("token_endpoint", "/connect/token"),
        ("userinfo_endpoint", "/connect/userinfo"),
        ("end_session_endpoint", "/connect/endsession"),
        ("revocation_endpoint", "/connect/revocation"),
        ("introspection_endpoint", "/connect/introspect"),
    ):
        assert document[name] == BASE + path
    assert document["grant_types_supported"] == ["authorization_code", "client_credentials", "refresh_token"]
    assert document["response_modes_supported"] == ["query", "form_post"]
    assert document["code_challenge_methods_supported"] == ["plain", "S256"]
    assert set(document["prompt_values_supported"]) == {"none", "login", "consent", "select_account"}
    assert {"openid", "offline_access", READ} <= set(document["scopes_supported"])
