"""The SDK's OAuth 2.0 helpers against the real app (both databases): the knowledge base's authorization-code
flow with `token` in the answer, PKCE, refresh-token rotation, automatic refresh on 401, and the loopback login
that catches the browser's redirect on 127.0.0.1."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest
from starlette.testclient import TestClient

from nettfin.client import (
    Client,
    OAuthError,
    Pkce,
    RefreshingToken,
    Tokens,
    Unauthorized,
    authorization_url,
    exchange_code,
    login_loopback,
    refresh_tokens,
)
from tests.oauth_helpers import REDIRECT_URI, csrf_of, log_in, make_organisation
from tests.sdk_helpers import BASE_URL, app_transport
from tests.servers import free_port


@pytest.fixture
def browser(app):
    """A fresh cookie jar, like a new browser."""
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def approve(browser: TestClient, url: str, email: str, decision: str = "allow") -> httpx2.Response:
    """What the user does in the browser: log in if asked, then answer the consent page."""
    page = browser.get(url, follow_redirects=False)
    if page.status_code == 303:
        next_url = parse_qs(urlsplit(page.headers["location"]).query)["next"][0]
        assert log_in(browser, email, next_url=next_url).status_code == 303
        page = browser.get(url)
    assert page.status_code == 200, page.text
    answer = browser.post(url, data={"csrf": csrf_of(page.text), "decision": decision}, follow_redirects=False)
    assert answer.status_code == 302, answer.text
    return answer


def code_and_state(answer: httpx2.Response) -> tuple[str, str]:
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    return query["code"][0], query["state"][0]


def test_the_authorization_url_names_the_client_redirect_scope_state_and_challenge():
    pkce = Pkce("a" * 64)
    url = urlsplit(authorization_url("acme", "https://acme.example/cb", "s1", pkce, base_url=BASE_URL))
    assert f"{url.scheme}://{url.netloc}{url.path}" == "http://testserver/API/resources/oauth/authorize"
    assert parse_qs(url.query) == {
        "response_type": ["code"],
        "client_id": ["acme"],
        "redirect_uri": ["https://acme.example/cb"],
        "scope": ["financialstasks"],
        "state": ["s1"],
        "code_challenge": [pkce.challenge],
        "code_challenge_method": ["S256"],
    }


def test_the_code_is_exchanged_for_the_services_token_which_lists_and_uses_the_company(database, browser, client):
    org = make_organisation(database)
    pkce = Pkce.generate()
    url = authorization_url(org.client_id, REDIRECT_URI, "state-1", pkce, base_url=BASE_URL)
    code, state = code_and_state(approve(browser, url, org.email))
    assert state == "state-1"
    tokens = exchange_code(
        code,
        client_id=org.client_id,
        client_secret=org.client_secret,
        redirect_uri=REDIRECT_URI,
        pkce=pkce,
        base_url=BASE_URL,
        transport=app_transport(client),
    )
    assert tokens.token and tokens.refresh_token and tokens.scope == "financialstasks"
    with Client(BASE_URL, tokens.token, org.company_id, transport=app_transport(client)) as sdk:
        assert [c.id for c in sdk.context()] == [org.company_id]
        assert sdk.customers.list() == []


def test_an_exchange_without_the_pkce_verifier_is_refused(database, browser, client):
    org = make_organisation(database)
    url = authorization_url(org.client_id, REDIRECT_URI, "s", Pkce.generate(), base_url=BASE_URL)
    code, _ = code_and_state(approve(browser, url, org.email))
    with pytest.raises(OAuthError) as raised:
        exchange_code(
            code,
            client_id=org.client_id,
            client_secret=org.client_secret,
            redirect_uri=REDIRECT_URI,
            base_url=BASE_URL,
            transport=app_transport(client),
        )
    assert raised.value.error == "invalid_request"


def _tokens(database, browser, client) -> tuple[object, Tokens]:
    org = make_organisation(database)
    code, _ = code_and_state(
        approve(browser, authorization_url(org.client_id, REDIRECT_URI, "s", base_url=BASE_URL), org.email)
    )
    return org, exchange_code(
        code,
        client_id=org.client_id,
        client_secret=org.client_secret,
        redirect_uri=REDIRECT_URI,
        base_url=BASE_URL,
        transport=app_transport(client),
    )


def test_a_refresh_gives_a_new_pair_and_the_old_token_stops_working(database, browser, client):
    org, first = _tokens(database, browser, client)
    second = refresh_tokens(
        first.refresh_token,
        client_id=org.client_id,
        client_secret=org.client_secret,
        base_url=BASE_URL,
        transport=app_transport(client),
    )
    assert second.token != first.token and second.refresh_token != first.refresh_token
    with Client(BASE_URL, second.token, org.company_id, transport=app_transport(client)) as sdk:
        assert sdk.context()[0].id == org.company_id
    with (
        Client(BASE_URL, first.token, org.company_id, transport=app_transport(client)) as sdk,
        pytest.raises(Unauthorized),
    ):
        sdk.context()


def test_refreshing_token_refreshes_once_on_401_repeats_the_request_and_reports_the_new_pair(database, browser, client):
    org, tokens = _tokens(database, browser, client)
    stale = Tokens("00000000-0000-4000-8000-000000000000", tokens.refresh_token)
    saved: list[Tokens] = []
    auth = RefreshingToken(
        stale, client_id=org.client_id, client_secret=org.client_secret, base_url=BASE_URL, on_refresh=saved.append
    )
    with Client(BASE_URL, auth, org.company_id, transport=app_transport(client)) as sdk:
        assert sdk.customers.list() == []
        assert sdk.context()[0].id == org.company_id  # the new token is used from now on, without refreshing
    assert len(saved) == 1 and saved[0].token not in (stale.token, tokens.token)
    assert auth.tokens == saved[0]


def test_refreshing_token_with_a_spent_refresh_token_raises_oauth_error(database, browser, client):
    org, tokens = _tokens(database, browser, client)
    refresh_tokens(  # spends the refresh token: pairs rotate
        tokens.refresh_token,
        client_id=org.client_id,
        client_secret=org.client_secret,
        base_url=BASE_URL,
        transport=app_transport(client),
    )
    auth = RefreshingToken(tokens, client_id=org.client_id, client_secret=org.client_secret, base_url=BASE_URL)
    with Client(BASE_URL, auth, org.company_id, transport=app_transport(client)) as sdk, pytest.raises(OAuthError):
        sdk.customers.list()


# --- login through the browser, redirect caught on the loopback address ----------------------------------


def test_login_loopback_catches_the_redirect_and_exchanges_the_code(database, browser, client):
    redirect_uri = f"http://127.0.0.1:{free_port()}/callback"
    org = make_organisation(database, redirect_uri=redirect_uri)
    visited: list[str] = []

    def user_in_browser(url: str) -> None:
        visited.append(url)
        answer = approve(browser, url, org.email)
        # The browser follows the redirect to the loopback listener.
        assert httpx2.get(answer.headers["location"], timeout=10, trust_env=False).status_code == 200

    tokens = login_loopback(
        client_id=org.client_id,
        client_secret=org.client_secret,
        redirect_uri=redirect_uri,
        base_url=BASE_URL,
        open_browser=user_in_browser,
        timeout=30,
        transport=app_transport(client),
    )
    assert "code_challenge_method=S256" in visited[0]
    with Client(BASE_URL, tokens.token, org.company_id, transport=app_transport(client)) as sdk:
        assert sdk.context()[0].id == org.company_id


def test_login_loopback_reports_a_refusal_as_the_services_error(database, browser, client):
    redirect_uri = f"http://127.0.0.1:{free_port()}/callback"
    org = make_organisation(database, redirect_uri=redirect_uri)

    def user_says_no(url: str) -> None:
        httpx2.get(approve(browser, url, org.email, decision="deny").headers["location"], timeout=10, trust_env=False)

    with pytest.raises(OAuthError) as raised:
        login_loopback(
            client_id=org.client_id,
            client_secret=org.client_secret,
            redirect_uri=redirect_uri,
            base_url=BASE_URL,
            open_browser=user_says_no,
            timeout=30,
            transport=app_transport(client),
        )
    assert raised.value.error == "access_denied"


def test_login_loopback_refuses_a_redirect_with_a_forged_state():
    redirect_uri = f"http://127.0.0.1:{free_port()}/callback"

    def attacker(url: str) -> None:
        httpx2.get(f"{redirect_uri}?code=stolen&state=forged", timeout=10, trust_env=False)

    with pytest.raises(OAuthError) as raised:
        login_loopback(client_id="c", client_secret="s", redirect_uri=redirect_uri, open_browser=attacker, timeout=10)
    assert raised.value.error == "invalid_state"


def test_login_loopback_needs_a_loopback_http_redirect_uri():
    with pytest.raises(Exception, match="loopback"):
        login_loopback(client_id="c", client_secret="s", redirect_uri="https://acme.example/cb", timeout=1)
