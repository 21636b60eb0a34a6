"""Security headers through the app on both databases: `X-Content-Type-Options: nosniff` on every response (lists,
errors, the unexpected 500, pages, static assets, downloads); a Content-Security-Policy, X-Frame-Options and
Referrer-Policy on every HTML page, none of which carries an inline script; HSTS and a Secure session cookie only
with `behind_tls`. In a real browser: Swagger UI's walkthrough and the pages raise no CSP violation."""

from __future__ import annotations

import os
import uuid
from html.parser import HTMLParser

import pytest
from fastapi import APIRouter
from sqlalchemy import select
from starlette.testclient import TestClient
from typer.testing import CliRunner

from nettfin.server.app import LEGACY_PREFIX, create_app
from nettfin.server.identity.models import User
from nettfin.server.kit.security_headers import page_policy
from nettfin.server.settings import Settings
from tests.attachment_factories import seed_headers, webclient_upload
from tests.conftest import make_tenant
from tests.factories import new_number
from tests.oauth_helpers import PASSWORD, authorize_url, log_in, make_organisation
from tests.supplier_ledger_factories import books, invoice_body, invoice_line

PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HSTS = "max-age=31536000"


@pytest.fixture
def browser(app):
    """A fresh cookie jar, like a new browser."""
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def tls_browser(database, tmp_path):
    """The app with `behind_tls`, reached over https (a Secure cookie is only sent back over https)."""
    app = create_app(Settings(data_dir=tmp_path, behind_tls=True), database=database)
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as test_client:
        yield test_client


def _nosniff(response) -> None:
    assert response.headers["X-Content-Type-Options"] == "nosniff", (response.url, response.status_code)


def _a_page(response, policy: str = PAGE_POLICY) -> None:
    assert response.headers["content-type"].startswith("text/html"), response.url
    _nosniff(response)
    assert response.headers["Content-Security-Policy"] == policy, response.url
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers.get_list("Content-Security-Policy") == [policy]  # one policy, never two
    _no_inline_script(response.text)


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []
        self.handlers: list[str] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        self.handlers += [name for name in found if name.startswith("on")]
        self.handlers += [value for value in found.values() if value and value.strip().startswith("javascript:")]
        if tag == "script":
            self._open = found

    def handle_data(self, data):
        executable = self._open is not None and self._open.get("type") != "application/json"
        if executable and not self._open.get("src") and data.strip():
            self.inline.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def _no_inline_script(html: str) -> None:
    """What the policy would block: an inline <script>, an on* handler, a javascript: URL."""
    scripts = _Scripts()
    scripts.feed(html)
    assert scripts.inline == [] and scripts.handlers == []


def _no_page_headers(response) -> None:
    for name in ("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy"):
        assert name not in response.headers, (response.url, name)


# --- nosniff on every response ------------------------------------------------------------------------------


def test_a_json_list_says_nosniff_and_carries_no_page_policy(tenant):
    response = tenant.get("/customer", params={"pageSize": 1})
    assert response.status_code == 200
    _nosniff(response)
    _no_page_headers(response)
    assert "Strict-Transport-Security" not in response.headers


def test_errors_say_nosniff(tenant, client, browser):
    responses = {
        400: tenant.post("/customer", {"name": "not wrapped"}),
        401: client.get(f"{LEGACY_PREFIX}/v1/customer"),
        404: client.get("/no/such/path"),
        405: browser.delete(f"{LEGACY_PREFIX}/v1/customer/10001", headers=tenant.headers),
        415: tenant.post("/customer", content=b"name=x", headers={"Content-Type": "application/x-www-form-urlencoded"}),
    }
    for status, response in responses.items():
        assert response.status_code == status, (status, response.text)
        _nosniff(response)
        _no_page_headers(response)


def test_the_unexpected_500_says_nosniff(database, tmp_path):
    app = create_app(Settings(data_dir=tmp_path), database=database)
    boom = APIRouter()

    @boom.get("/boom")
    def explode():
        raise RuntimeError("secret internals")

    app.include_router(boom)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    assert response.json()["message"].startswith("VismaId: ")
    _nosniff(response)


def test_swagger_its_document_and_its_static_assets_say_nosniff(client):
    for url in ("/swagger/v1/swagger.json", "/swagger/assets/swagger-ui.css", "/swagger/assets/swagger-ui-bundle.js"):
        response = client.get(url)
        assert response.status_code == 200, url
        _nosniff(response)
        _no_page_headers(response)
    missing = client.get("/swagger/assets/no-such-file.js")
    assert missing.status_code == 404
    _nosniff(missing)


def test_an_attachment_download_says_nosniff(database, client, browser):
    company = books(make_tenant(database, client))
    number = new_number(company.post("/supplierInvoice", invoice_body(invoice_line())))
    shape, body = webclient_upload("bilag.pdf", b"%PDF-1.4\n" + uuid.uuid4().bytes)
    upload = client.post(
        f"{LEGACY_PREFIX}/v1/supplierInvoice/{number}/Attachment",
        content=body,
        headers={**seed_headers(company), **shape},
    )
    assert upload.status_code == 201, upload.text
    _nosniff(upload)
    guid = upload.headers["Location"].rsplit("/", 1)[-1]
    download = browser.get(f"{LEGACY_PREFIX}/v1/attachment/{guid}", headers=company.headers)
    assert download.status_code == 200 and download.headers["content-type"] == "application/pdf"
    _nosniff(download)
    _no_page_headers(download)


# --- the HTML pages -----------------------------------------------------------------------------------------


def test_swagger_ui_and_its_oauth_redirect_page_carry_the_page_policy_and_no_inline_script(client):
    for url in ("/swagger", "/swagger/oauth2-redirect.html"):
        response = client.get(url)
        assert response.status_code == 200
        _a_page(response)
    # Its initialisation is a served file (script-src 'self'), its configuration a JSON data block.
    for asset in ("nettfin-swagger-init.js", "nettfin-oauth2-redirect.js"):
        script = client.get(f"/swagger/assets/{asset}")
        assert script.status_code == 200 and "javascript" in script.headers["content-type"]
        _nosniff(script)
    assert '<script id="swagger-config" type="application/json">' in client.get("/swagger").text


def test_the_login_page_and_its_error_answers_carry_the_page_policy(browser):
    page = browser.get("/login")
    assert page.status_code == 200
    _a_page(page)
    assert page.headers["Cache-Control"] == "no-store"
    wrong = browser.post("/login", data={"csrf": "stale", "email": "x@example.test", "password": "x"})
    assert wrong.status_code == 403
    _a_page(wrong)


def test_the_consent_page_lets_its_form_redirect_to_the_clients_redirect_uri_only(database, browser):
    org = make_organisation(database, redirect_uri="https://integration.example:8443/callback?x=1")
    log_in(browser, org.email)
    page = browser.get(authorize_url(org, redirect_uri="https://integration.example:8443/callback?x=1"))
    assert page.status_code == 200 and "Allow Acme Integration" in page.text
    # A route's own policy is kept: the default one with the client's origin as a form target.
    _a_page(page, PAGE_POLICY.replace("form-action 'self'", "form-action 'self' https://integration.example:8443"))
    assert page.headers["Cache-Control"] == "no-store"


def test_error_pages_of_the_authorize_path_carry_the_page_policy(browser):
    page = browser.get(
        "/API/resources/oauth/authorize?response_type=code&client_id=nobody&redirect_uri=https://evil.example/"
    )
    assert page.status_code == 400 and "Unknown or inactive client" in page.text
    _a_page(page)
    assert "evil.example" not in page.headers["Content-Security-Policy"]


def test_every_admin_and_company_tree_page_carries_the_page_policy(database, browser):
    org = make_organisation(database)
    log_in(browser, org.email)
    with database.reading() as session:
        user_id = session.scalar(select(User.id).where(User.email == org.email))
    for url in (
        "/admin",
        f"/admin/users/{user_id}",
        "/admin/clients",
        "/admin/clients/activate/no-such-link",
        f"/companytree/{org.company_id}",
    ):
        response = browser.get(url)
        assert response.status_code in (200, 400, 404), (url, response.status_code)
        _a_page(response)


def test_redirects_say_nosniff(browser):
    response = browser.get("/admin", follow_redirects=False)
    assert response.status_code == 303
    _nosniff(response)


def test_page_policy_writes_only_an_origin_a_policy_can_hold():
    assert page_policy() == PAGE_POLICY
    assert page_policy(form_targets=["http://127.0.0.1:9000/cb", "http://127.0.0.1:9000/other"]).endswith(
        "form-action 'self' http://127.0.0.1:9000"
    )
    assert page_policy(form_targets=["http://[::1]:8000/cb"]).endswith("form-action 'self' http://[::1]:8000")
    for hostile in ("javascript:alert(1)", "https://a.example;script-src *", "not a url", "https://a b/"):
        assert page_policy(form_targets=[hostile]) == PAGE_POLICY, hostile


# --- behind TLS ---------------------------------------------------------------------------------------------


def _session_cookie(response) -> str:
    (cookie,) = [value for value in response.headers.get_list("set-cookie") if value.startswith("nettfin_session=")]
    return cookie.lower()


def test_without_behind_tls_there_is_no_hsts_and_the_session_cookie_is_not_secure(browser):
    page = browser.get("/login")
    assert "Strict-Transport-Security" not in page.headers
    assert "secure" not in [part.strip() for part in _session_cookie(page).split(";")]
    assert "Strict-Transport-Security" not in browser.get("/swagger/v1/swagger.json").headers


def test_behind_tls_every_response_carries_hsts(tenant, tls_browser):
    responses = [
        tls_browser.get(f"{LEGACY_PREFIX}/v1/customer", headers=tenant.headers),
        tls_browser.get(f"{LEGACY_PREFIX}/v1/customer"),  # 401
        tls_browser.get("/no/such/path"),
        tls_browser.get("/swagger"),
        tls_browser.get("/swagger/assets/swagger-ui.css"),
        tls_browser.get("/login"),
    ]
    for response in responses:
        assert response.headers["Strict-Transport-Security"] == HSTS, response.url
        _nosniff(response)


def test_behind_tls_the_session_cookie_is_secure_and_a_login_still_works(database, tls_browser):
    org = make_organisation(database)
    page = tls_browser.get("/login")
    assert "secure" in [part.strip() for part in _session_cookie(page).split(";")]
    answer = log_in(tls_browser, org.email, PASSWORD)
    assert answer.status_code == 303 and answer.headers["location"] == "/admin"
    assert "secure" in [part.strip() for part in _session_cookie(answer).split(";")]
    assert tls_browser.get("/admin").status_code == 200


def test_behind_tls_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("NETTFIN_BEHIND_TLS", "true")
    assert Settings().behind_tls is True
    monkeypatch.delenv("NETTFIN_BEHIND_TLS")
    assert Settings().behind_tls is False


def test_serve_behind_tls_sets_it_for_the_workers(monkeypatch, database_url):
    import uvicorn

    from nettfin.cli.main import app as cli

    for name in ("NETTFIN_BEHIND_TLS", "NETTFIN_DATABASE_URL", "NETTFIN_THROTTLE"):
        # serve writes these: setenv first, so monkeypatch records the original state and restores it (a bare
        # delenv of an absent name records nothing, and serve's values leaked into the tests that followed)
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    served = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: served.append(os.environ.get("NETTFIN_BEHIND_TLS")))
    runner = CliRunner()
    assert runner.invoke(cli, ["serve", "--database-url", database_url]).exit_code == 0
    assert runner.invoke(cli, ["serve", "--database-url", database_url, "--behind-tls"]).exit_code == 0
    assert served == [None, "true"]


# --- in a real browser --------------------------------------------------------------------------------------


def test_swagger_ui_and_the_pages_run_in_a_browser_without_a_csp_violation(database, chromium, server):
    """Every console message of every page (the OAuth popup too) is collected; a CSP violation is logged there."""
    from tests.server.test_browser import organisation

    org = organisation(database, server)
    context = chromium.new_context()
    messages: list[str] = []
    context.on("console", lambda message: messages.append(message.text))
    context.on("weberror", lambda error: messages.append(str(error.error)))
    try:
        page = context.new_page()
        page.goto(f"{server}/swagger")
        page.wait_for_selector(".opblock")
        page.click("button.authorize")
        page.click('label[for="financialstasks-authorizationCode-checkbox-Visma.net OAuth 2.0"]')
        with page.expect_popup() as popup_info:
            page.click('button[aria-label="Apply given OAuth2 credentials"]')
        popup = popup_info.value
        popup.fill("#email", org["admin"])
        popup.fill("#password", PASSWORD)
        popup.click("button[type=submit]")
        with popup.expect_event("close"):
            popup.click("button[value=allow]")
        page.click("button.btn-done >> nth=0")
        page.wait_for_selector("button.authorize.locked")  # authorized
        for url in ("/admin", "/admin/clients", f"/companytree/{org['first']}"):
            page.goto(f"{server}{url}")
            page.wait_for_load_state("load")
        assert [m for m in messages if "Content Security Policy" in m or "Content-Security-Policy" in m] == []

        # The control: an injected inline script is refused, and the refusal is seen.
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
            " document.body.appendChild(s); }"
        )
        assert page.evaluate("() => window.injected") is None
        page.wait_for_timeout(200)
        assert any("Content Security Policy" in m for m in messages), messages
    finally:
        context.close()
