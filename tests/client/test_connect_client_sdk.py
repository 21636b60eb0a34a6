"""The SDK's Visma Connect client against the real app (both databases): client credentials with `tenant_id`
found through the discovery document, the token cached and renewed before it expires and once on a 401,
`/v1/customer` listed without `ipp-company-id`, sync and async; then the same through a real nettfin server, by
the SDK and by Authlib's httpx-based clients as integrations use them. The interactive flow's client side is
tested as far as the server serves it (`authorization_endpoint` in the discovery document)."""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest
from authlib.integrations.httpx_client import AsyncOAuth2Client, OAuth2Client
from starlette.testclient import TestClient

from nettfin.client import (
    AsyncClient,
    Client,
    ClientCredentials,
    ConnectTokens,
    OAuthError,
    RefreshingConnectToken,
    Unauthorized,
    VismaConnect,
)
from nettfin.server.identity.connect.models import ConnectApplication
from nettfin.server.identity.connect.service import create_application, create_secret, grant_application, revoke_grant
from nettfin.server.identity.models import Company
from tests.connect_helpers import READ, make_connected
from tests.oauth_helpers import log_in, make_organisation
from tests.sdk_helpers import NO_WAITING, app_transport
from tests.servers import free_port

ISSUER = BASE = "http://testserver"  # nettfin is identity provider and API in one


class Seen(httpx2.BaseTransport):
    """Forwards every request to the app and keeps it (method, path, headers): an observer, not a mock."""

    def __init__(self, inner: httpx2.BaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx2.Request] = []

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        return self.inner.handle_request(request)

    def paths(self) -> list[str]:
        return [request.url.path for request in self.requests]

    def tokens_asked(self) -> int:
        return self.paths().count("/connect/token")


class AsyncSeen(httpx2.AsyncBaseTransport):
    def __init__(self, app) -> None:
        self.inner = httpx2.ASGITransport(app=app)
        self.paths: list[str] = []

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        self.paths.append(request.url.path)
        return await self.inner.handle_async_request(request)


def with_customer(database, client, name: str = "Nordavind AS", **options):
    connected = make_connected(database, client, **options)
    assert connected.tenant.post("/customer", json={"name": {"value": name}}).status_code == 201
    return connected


def set_lifetime(database, connected, seconds: int) -> None:
    with database.writing() as session:
        session.get(ConnectApplication, connected.application_id).token_lifetime = seconds


def test_client_credentials_find_the_token_url_and_list_customers_without_ipp_company_id(database, client):
    connected = with_customer(database, client)
    seen = Seen(app_transport(client))
    auth = ClientCredentials(connected.client_id, connected.secret, connected.tenant_id, issuer=ISSUER)
    with Client(BASE, auth, transport=seen, retry=NO_WAITING) as sdk:
        assert [c.name for c in sdk.customers.list()] == ["Nordavind AS"]
        assert [c.name for c in sdk.customers.iterate(page_size=1)] == ["Nordavind AS"]
    assert seen.paths()[:3] == ["/.well-known/openid-configuration", "/connect/token", "/v1/customer"]
    assert seen.tokens_asked() == 1  # kept and used for every call
    api_calls = [r for r in seen.requests if r.url.path.startswith("/v1/")]
    assert all("ipp-company-id" not in r.headers for r in api_calls)
    assert all(r.headers["Authorization"] == f"Bearer {auth.tokens.access_token}" for r in api_calls)
    token_request = seen.requests[1]
    assert token_request.headers["Authorization"].startswith("Basic ")  # client_secret_basic by default
    claims = auth.tokens.claims()
    assert claims["tenant_id"] == connected.tenant_id and claims["client_id"] == connected.client_id
    assert sorted(claims["scope"]) == sorted(auth.scope.split())
    assert 3590 < auth.tokens.expires_in <= 3600


def test_client_secret_post_a_token_url_given_and_a_narrower_scope(database, client):
    connected = with_customer(database, client)
    seen = Seen(app_transport(client))
    auth = ClientCredentials(
        connected.client_id,
        connected.secret,
        connected.tenant_id,
        [READ],
        token_url=f"{ISSUER}/connect/token",
        auth_method="client_secret_post",
    )
    with Client(BASE, auth, transport=seen, retry=NO_WAITING) as sdk:
        assert len(sdk.customers.list()) == 1
        with pytest.raises(Exception) as refused:  # no create scope: 403 that names it
            sdk.customers.create({"name": {"value": "Ikke AS"}})
    assert refused.value.status == 403 and "vismanet_erp_service_api:create" in refused.value.message
    assert "/.well-known/openid-configuration" not in seen.paths()
    assert "Authorization" not in seen.requests[0].headers
    assert b"client_secret=" in seen.requests[0].content


def test_context_on_the_current_surface_lists_the_tokens_one_company(database, client):
    """Context stays under /API when the base URL is the current surface's (the server's origin)."""
    connected = with_customer(database, client)
    seen = Seen(app_transport(client))
    auth = ClientCredentials(connected.client_id, connected.secret, connected.tenant_id, issuer=ISSUER)
    with Client(BASE, auth, transport=seen, retry=NO_WAITING) as sdk:
        assert [c.id for c in sdk.context()] == [connected.tenant.company_id]
    assert "/API/resources/v1/context" in seen.paths()


def test_the_legacy_paths_take_the_connect_token_too(database, client):
    connected = with_customer(database, client)
    auth = ClientCredentials(connected.client_id, connected.secret, connected.tenant_id, issuer=ISSUER)
    with Client(f"{BASE}/API", auth, transport=app_transport(client), retry=NO_WAITING) as sdk:
        assert [c.name for c in sdk.customers.list()] == ["Nordavind AS"]


def test_the_token_is_renewed_shortly_before_it_expires(database, client):
    connected = with_customer(database, client)
    set_lifetime(database, connected, 60)  # the shortest an application may have
    seen = Seen(app_transport(client))
    issued: list[ConnectTokens] = []
    auth = ClientCredentials(
        connected.client_id,
        connected.secret,
        connected.tenant_id,
        issuer=ISSUER,
        renew_before=59,
        on_token=issued.append,
    )
    with Client(BASE, auth, transport=seen, retry=NO_WAITING) as sdk:
        sdk.customers.list()
        sdk.customers.list()
        assert seen.tokens_asked() == 1 and 59 < issued[0].expires_in <= 60
        time.sleep(1.2)  # now within 59 s of expiry
        sdk.customers.list()
        sdk.customers.list()
    assert seen.tokens_asked() == 2 and len(issued) == 2
    assert issued[0].access_token != issued[1].access_token
    assert seen.requests[-1].headers["Authorization"] == f"Bearer {issued[1].access_token}"
    assert seen.paths().count("/.well-known/openid-configuration") == 1


def test_a_short_lived_token_is_renewed_a_tenth_of_its_lifetime_before_expiry_by_default(database, client):
    connected = with_customer(database, client)
    set_lifetime(database, connected, 60)
    auth = ClientCredentials(connected.client_id, connected.secret, connected.tenant_id, issuer=ISSUER)
    with Client(BASE, auth, transport=app_transport(client), retry=NO_WAITING) as sdk:
        sdk.customers.list()
        first = auth.tokens
        assert not auth._stale(time.time() + 53) and auth._stale(time.time() + 55)  # 6 s before the 60 s are up
        auth.tokens = replace(first, expires_at=time.time() + 5)  # as if 55 s had passed
        sdk.customers.list()
    assert auth.tokens.access_token != first.access_token


def test_a_401_renews_the_token_once_and_repeats_the_request(database, client):
    connected = with_customer(database, client)
    seen = Seen(app_transport(client))
    auth = ClientCredentials(connected.client_id, connected.secret, connected.tenant_id, issuer=ISSUER)
    with Client(BASE, auth, transport=seen, retry=NO_WAITING) as sdk:
        sdk.customers.list()
        good = auth.tokens
        # A token the server no longer takes though it has not expired here (a key rotated away, another clock).
        header, payload, signature = good.access_token.split(".")
        auth.tokens = replace(good, access_token=f"{header}.{payload}.{signature[::-1]}")
        assert [c.name for c in sdk.customers.list()] == ["Nordavind AS"]
    statuses = [r.url.path for r in seen.requests[-3:]]
    assert statuses == ["/v1/customer", "/connect/token", "/v1/customer"]
    assert seen.tokens_asked() == 2 and auth.tokens.access_token not in (good.access_token,)


def test_a_company_that_withdrew_its_approval_ends_in_the_token_endpoints_error(database, client):
    connected = with_customer(database, client)
    auth = ClientCredentials(connected.client_id, connected.secret, connected.tenant_id, issuer=ISSUER)
    with Client(BASE, auth, transport=app_transport(client), retry=NO_WAITING) as sdk:
        sdk.customers.list()
        with database.writing() as session:
            application = session.get(ConnectApplication, connected.application_id)
            revoke_grant(session, application, session.get(Company, connected.company_id))
        with pytest.raises(OAuthError) as refused:  # 401, renewed once: the token endpoint says why
            sdk.customers.list()
    assert refused.value.error == "invalid_tenant"


def test_a_wrong_secret_is_the_oauth_error_and_no_api_call_is_made(database, client):
    connected = make_connected(database, client)
    seen = Seen(app_transport(client))
    auth = ClientCredentials(connected.client_id, "not-the-secret", connected.tenant_id, issuer=ISSUER)
    with Client(BASE, auth, transport=seen, retry=NO_WAITING) as sdk, pytest.raises(OAuthError) as refused:
        sdk.customers.list()
    assert refused.value.error == "invalid_client"
    assert seen.paths() == ["/.well-known/openid-configuration", "/connect/token"]


def test_an_issuer_that_is_not_the_documents_is_refused(database, client):
    connected = make_connected(database, client)
    auth = ClientCredentials(connected.client_id, connected.secret, connected.tenant_id, issuer=f"{ISSUER}/elsewhere")
    with Client(BASE, auth, transport=app_transport(client), retry=NO_WAITING) as sdk, pytest.raises(OAuthError):
        sdk.customers.list()


def test_async_client_with_client_credentials_asks_once_for_concurrent_requests(database, client, app):
    connected = with_customer(database, client)
    transport = AsyncSeen(app)
    auth = ClientCredentials(connected.client_id, connected.secret, connected.tenant_id, issuer=ISSUER)

    async def run() -> list:
        async with AsyncClient(BASE, auth, transport=transport, retry=NO_WAITING) as sdk:
            pages = await asyncio.gather(*(sdk.customers.list() for _ in range(5)))
            return [[c.name for c in page] for page in pages]

    assert asyncio.run(run()) == [["Nordavind AS"]] * 5
    assert transport.paths.count("/connect/token") == 1


def test_visma_connect_gives_a_token_for_the_service_flow_and_rejects_a_missing_endpoint(database, client):
    connected = with_customer(database, client)
    with VismaConnect(ISSUER, transport=app_transport(client)) as provider:
        tokens = provider.client_credentials(connected.client_id, connected.secret, connected.tenant_id, READ)
        assert tokens.claims()["scope"] == [READ] and tokens.refresh_token is None
        assert provider.metadata["issuer"] == ISSUER
        if "revocation_endpoint" not in provider.metadata:
            with pytest.raises(OAuthError, match="revocation_endpoint"):
                provider.revoke("x", client_id=connected.client_id, client_secret=connected.secret)
    with Client(BASE, tokens.access_token, transport=app_transport(client), retry=NO_WAITING) as sdk:
        assert len(sdk.customers.list()) == 1


def test_refreshing_connect_token_without_a_refresh_token_uses_the_token_and_reports_its_401(database, client):
    connected = with_customer(database, client)
    with VismaConnect(ISSUER, transport=app_transport(client)) as provider:
        tokens = provider.client_credentials(connected.client_id, connected.secret, connected.tenant_id)
    auth = RefreshingConnectToken(tokens, client_id=connected.client_id, issuer=ISSUER)
    with Client(BASE, auth, transport=app_transport(client), retry=NO_WAITING) as sdk:
        assert len(sdk.customers.list()) == 1
        auth.tokens = replace(tokens, access_token=tokens.access_token[:-4] + "AAAA")
        with pytest.raises(Unauthorized):
            sdk.customers.list()


# --- a real server: the SDK and Authlib's httpx clients, as integrations use them -----------------------------


def test_the_sdk_against_a_running_server(server, database, client):
    connected = with_customer(database, client, name="Fjellbris AS")
    auth = ClientCredentials(connected.client_id, connected.secret, connected.tenant_id, issuer=server)
    with Client(server, auth, retry=NO_WAITING) as sdk:
        for _ in range(4):  # two workers take turns; either checks the other's token
            assert [c.name for c in sdk.customers.list()] == ["Fjellbris AS"]


def test_authlib_httpx_oauth2_client_with_tenant_id_then_v1_customer(server, database, client):
    connected = with_customer(database, client, name="Fjellbris AS")
    with OAuth2Client(connected.client_id, connected.secret, scope=READ) as session:
        metadata = session.request("GET", f"{server}/.well-known/openid-configuration", withhold_token=True).json()
        token = session.fetch_token(
            metadata["token_endpoint"], grant_type="client_credentials", tenant_id=connected.tenant_id
        )
        assert token["token_type"] == "Bearer" and token["scope"] == READ
        response = session.get(f"{server}/v1/customer", params={"pageSize": 10})
        assert response.status_code == 200, response.text
        assert [c["name"] for c in response.json()] == ["Fjellbris AS"]
        assert "ipp-company-id" not in response.request.headers


def test_authlib_async_oauth2_client_with_tenant_id_then_v1_customer(server, database, client):
    connected = with_customer(database, client, name="Fjellbris AS")

    async def run():
        async with AsyncOAuth2Client(
            connected.client_id, connected.secret, scope=READ, token_endpoint_auth_method="client_secret_post"
        ) as session:
            await session.fetch_token(
                f"{server}/connect/token", grant_type="client_credentials", tenant_id=connected.tenant_id
            )
            return await session.get(f"{server}/v1/customer")

    response = asyncio.run(run())
    assert response.status_code == 200, response.text
    assert [c["name"] for c in response.json()] == ["Fjellbris AS"]


# --- the interactive flow: authorization code + PKCE, loopback redirect, refresh tokens -------------------------


@pytest.fixture
def interactive(client):
    """Skips when the server does not serve the authorization code flow yet (no authorization_endpoint)."""
    document = client.get("/.well-known/openid-configuration").json()
    if "authorization_endpoint" not in document:
        pytest.skip("this server's discovery document has no authorization_endpoint")
    return document


def make_web_application(database, redirect_uri: str, *, app_type: str = "web", refresh_policy: str = "reuse"):
    """A company with a user who holds a Financials role, and an application of `app_type` it approved."""
    org = make_organisation(database)
    with database.writing() as session:
        application = create_application(
            session,
            name=f"Web {uuid.uuid4().hex[:8]}",
            app_type=app_type,
            redirect_uris=[redirect_uri],
            refresh_policy=refresh_policy,
        )
        secret = create_secret(session, application)[1] if app_type == "web" else None
        company = session.get(Company, org.company_id)
        grant_application(session, application, company, granted_by="test")
        tenant_id = company.tenant_guid
    return org, application.client_id, secret, tenant_id


def browser_user(app, email: str, visited: list[str]):
    """The user in a browser: signs in when the authorize endpoint sends them to the login page, then follows the
    redirect to the application's loopback address."""

    def act(url: str) -> None:
        visited.append(url)
        with TestClient(app, raise_server_exceptions=False) as browser:
            page = browser.get(url, follow_redirects=False)
            if page.status_code == 303 and page.headers["location"].startswith("/login"):
                next_url = parse_qs(urlsplit(page.headers["location"]).query)["next"][0]
                assert log_in(browser, email, next_url=next_url).status_code == 303
                page = browser.get(url, follow_redirects=False)
            assert page.status_code in (302, 303), page.text
        httpx2.get(page.headers["location"], timeout=10, trust_env=False)

    return act


def test_login_through_the_browser_with_pkce_then_the_api_and_a_refresh(interactive, database, client, app):
    redirect_uri = f"http://127.0.0.1:{free_port()}/callback"
    org, client_id, secret, tenant_id = make_web_application(database, redirect_uri)
    visited: list[str] = []
    with VismaConnect(ISSUER, transport=app_transport(client)) as provider:
        tokens = provider.login_loopback(
            client_id=client_id,
            client_secret=secret,
            redirect_uri=redirect_uri,
            open_browser=browser_user(app, org.email, visited),
            timeout=30,
        )
    query = parse_qs(urlsplit(visited[0]).query)
    assert visited[0].startswith(interactive["authorization_endpoint"] + "?")
    assert query["code_challenge_method"] == ["S256"] and "nonce" in query and "state" in query
    assert tokens.refresh_token and tokens.id_token
    claims = tokens.claims()
    assert claims["tenant_id"] == tenant_id and claims["sub"] and "vismanet_erp_interactive_api:read" in claims["scope"]
    issued: list[ConnectTokens] = []
    seen = Seen(app_transport(client))
    auth = RefreshingConnectToken(
        tokens, client_id=client_id, client_secret=secret, issuer=ISSUER, on_token=issued.append
    )
    with Client(BASE, auth, transport=seen, retry=NO_WAITING) as sdk:
        assert sdk.customers.list() == []
        auth.tokens = replace(auth.tokens, expires_at=time.time() + 1)  # about to expire
        assert sdk.customers.list() == []
    assert len(issued) == 1 and issued[0].access_token != tokens.access_token
    assert issued[0].refresh_token  # re-used or rotated: kept either way
    assert seen.paths().count("/connect/token") == 1
    assert all("ipp-company-id" not in r.headers for r in seen.requests)


def test_one_time_refresh_tokens_rotate_and_the_new_one_is_kept(interactive, database, client, app):
    redirect_uri = f"http://127.0.0.1:{free_port()}/callback"
    org, client_id, secret, _ = make_web_application(database, redirect_uri, refresh_policy="one-time")
    with VismaConnect(ISSUER, transport=app_transport(client)) as provider:
        first = provider.login_loopback(
            client_id=client_id,
            client_secret=secret,
            redirect_uri=redirect_uri,
            open_browser=browser_user(app, org.email, []),
            timeout=30,
        )
        second = provider.refresh(first.refresh_token, client_id=client_id, client_secret=secret)
        assert second.refresh_token != first.refresh_token
        third = provider.refresh(second.refresh_token, client_id=client_id, client_secret=secret)
        assert third.access_token.count(".") == 2
        with pytest.raises(OAuthError) as replayed:
            provider.refresh(first.refresh_token, client_id=client_id, client_secret=secret)
        assert replayed.value.error == "invalid_grant"


def test_a_public_native_application_logs_in_with_pkce_and_no_secret(interactive, database, client, app):
    redirect_uri = f"http://127.0.0.1:{free_port()}/callback"
    org, client_id, _, tenant_id = make_web_application(database, redirect_uri, app_type="native")
    with VismaConnect(ISSUER, transport=app_transport(client)) as provider:
        tokens = provider.login_loopback(
            client_id=client_id,
            redirect_uri=redirect_uri,
            open_browser=browser_user(app, org.email, []),
            timeout=30,
        )
    assert tokens.claims()["tenant_id"] == tenant_id
    auth = RefreshingConnectToken(tokens, client_id=client_id, issuer=ISSUER)
    with Client(BASE, auth, transport=app_transport(client), retry=NO_WAITING) as sdk:
        assert sdk.customers.list() == []


def test_a_refused_login_is_the_oauth_error_from_the_redirect(interactive, database, client, app):
    redirect_uri = f"http://127.0.0.1:{free_port()}/callback"
    org, client_id, secret, _ = make_web_application(database, redirect_uri)
    with VismaConnect(ISSUER, transport=app_transport(client)) as provider, pytest.raises(OAuthError) as refused:
        provider.login_loopback(
            client_id=client_id,
            client_secret=secret,
            redirect_uri=redirect_uri,
            scopes="openid vismanet_erp_service_api:nope",
            open_browser=browser_user(app, org.email, []),
            timeout=30,
        )
    assert refused.value.error == "invalid_scope"
