"""Helpers for the OAuth 2.0 tests: a tenant with a login user and an active API client, and the flow's steps."""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from starlette.testclient import TestClient

from nettfin.server.identity.models import FINANCIALS_ROLES
from nettfin.server.identity.service import (
    activate_client,
    create_company,
    create_tenant,
    create_user,
    grant_company,
    register_client,
)

PASSWORD = "correct horse battery staple"
REDIRECT_URI = "https://integration.example/callback"


@dataclass
class Organisation:
    tenant_id: int
    company_id: int
    email: str
    client_id: str
    client_secret: str


def make_organisation(
    database,
    *,
    client_type: str = "test",
    active: bool = True,
    roles=FINANCIALS_ROLES,
    redirect_uri: str = REDIRECT_URI,
) -> Organisation:
    with database.writing() as session:
        tenant = create_tenant(session, name=f"Tenant {uuid.uuid4().hex[:6]}")
        company = create_company(session, name="OAuth AS", tenant=tenant)
        email = f"{uuid.uuid4().hex[:10]}@example.test"
        user = create_user(session, email=email, tenant=tenant, password=PASSWORD, customer_administrator=True)
        if roles:
            grant_company(session, user=user, company=company, roles=tuple(roles))
        client, secret, activation = register_client(
            session, tenant=tenant, name="Acme Integration", redirect_uris=[redirect_uri], client_type=client_type
        )
        if active:
            activate_client(session, activation=activation)
    return Organisation(tenant.id, company.id, email, client.client_id, secret)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def authorize_url(org: Organisation, *, state: str = "xyz", redirect_uri: str = REDIRECT_URI, **extra) -> str:
    query = {
        "response_type": "code",
        "client_id": org.client_id,
        "redirect_uri": redirect_uri,
        "scope": "financialstasks",
        "state": state,
        **extra,
    }
    return f"/API/resources/oauth/authorize?{urlencode(query)}"


def log_in(browser: TestClient, email: str, password: str = PASSWORD, next_url: str = "/admin"):
    page = browser.get(f"/login?{urlencode({'next': next_url})}")
    return browser.post(
        "/login",
        data={"csrf": csrf_of(page.text), "email": email, "password": password, "next": next_url},
        follow_redirects=False,
    )


def consent(browser: TestClient, org: Organisation, decision: str = "allow", **extra):
    """Log in through the authorize page and answer the consent page; returns the final redirect response."""
    url = authorize_url(org, **extra)
    page = browser.get(url, follow_redirects=False)
    if page.status_code == 303:  # not logged in yet: the login page comes first, then back to the consent page
        next_url = parse_qs(urlsplit(page.headers["location"]).query)["next"][0]
        assert log_in(browser, org.email, next_url=next_url).status_code == 303
        page = browser.get(url)
    assert page.status_code == 200, page.text
    return browser.post(url, data={"csrf": csrf_of(page.text), "decision": decision}, follow_redirects=False)


def code_from(response) -> str:
    assert response.status_code == 302, response.text
    return parse_qs(urlsplit(response.headers["location"]).query)["code"][0]


def exchange(client: TestClient, org: Organisation, code: str, **overrides):
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT_URI,
        "client_id": org.client_id,
        "client_secret": org.client_secret,
        **overrides,
    }
    return client.post("/API/security/api/v2/token", data={k: v for k, v in form.items() if v is not None})


def pkce_pair() -> tuple[str, str]:
    from nettfin.server.identity.oauth import code_challenge_s256

    verifier = secrets.token_urlsafe(48)
    return verifier, code_challenge_s256(verifier)
