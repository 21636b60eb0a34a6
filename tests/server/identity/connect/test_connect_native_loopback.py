"""RFC 8252 §7.3 at /connect/authorize and the token endpoint: a native application's registered loopback redirect URI
matches a request's with any port; every other URI, and every other type's, must match exactly."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.testclient import TestClient

from nettfin.server.identity.connect.server import loopback_match
from tests.server.identity.connect.test_connect_interactive import (
    authorize_url,
    make_interactive,
    pkce,
    redeem,
    sign_in,
)


@pytest.fixture
def browser(app):
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("registered", "requested"),
    [
        ("http://127.0.0.1/callback", "http://127.0.0.1:53120/callback"),
        ("http://127.0.0.1:5000/callback", "http://127.0.0.1:61000/callback"),
        ("http://[::1]/cb", "http://[::1]:8000/cb"),
        ("http://localhost/oauth?app=1", "http://localhost:9000/oauth?app=1"),
        ("http://127.0.0.1", "http://127.0.0.1:4000/"),
    ],
)
def test_a_loopback_uri_matches_with_any_port(registered, requested):
    assert loopback_match(registered, requested)


@pytest.mark.parametrize(
    ("registered", "requested"),
    [
        ("http://127.0.0.1/callback", "http://127.0.0.1:53120/other"),  # another path
        ("http://127.0.0.1/callback", "http://localhost:53120/callback"),  # another host
        ("http://127.0.0.1/callback", "https://127.0.0.1:53120/callback"),  # another scheme
        ("http://127.0.0.1/callback", "http://user@127.0.0.1:53120/callback"),  # credentials
        ("http://127.0.0.1/callback", "http://127.0.0.1:port/callback"),  # not a port
        ("http://127.0.0.1/callback?a=1", "http://127.0.0.1:5/callback?a=2"),  # another query
        ("https://app.example/callback", "https://app.example:8443/callback"),  # not loopback
        ("http://127.0.0.1.example/cb", "http://127.0.0.1.example:80/cb"),
    ],
)
def test_anything_else_about_the_uri_must_match(registered, requested):
    assert not loopback_match(registered, requested)


def _native(database, redirect_uri: str = "http://127.0.0.1/callback", app_type: str = "native"):
    return make_interactive(database, app_type=app_type, redirect_uri=redirect_uri)


def test_a_native_application_signs_in_through_a_loopback_port_it_did_not_register(database, browser, client):
    native = _native(database)
    callback = "http://127.0.0.1:53120/callback"
    verifier, challenge = pkce()
    answer = sign_in(browser, native, redirect_uri=callback, code_challenge=challenge, code_challenge_method="S256")
    assert answer.status_code == 303, answer.text
    location = urlsplit(answer.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == callback
    code = parse_qs(location.query)["code"][0]
    # The code is bound to the URI the request used, port included.
    assert redeem(client, native, code, verifier, redirect_uri="http://127.0.0.1:53121/callback").status_code == 400
    assert redeem(client, native, code, verifier, redirect_uri=callback).status_code == 200


@pytest.mark.parametrize(
    ("registered", "requested", "app_type"),
    [
        ("http://127.0.0.1/callback", "http://127.0.0.1:53120/elsewhere", "native"),
        ("http://127.0.0.1/callback", "http://localhost:53120/callback", "native"),
        ("http://127.0.0.1:5000/callback", "http://127.0.0.1:5001/callback", "web"),
        ("http://127.0.0.1:5000/callback", "http://127.0.0.1:5001/callback", "spa"),
        ("https://app.example/callback", "https://app.example:8443/callback", "native"),
    ],
)
def test_other_uris_and_types_still_need_an_exact_match(database, browser, registered, requested, app_type):
    app = _native(database, registered, app_type)
    _verifier, challenge = pkce()
    url = authorize_url(app, redirect_uri=requested, code_challenge=challenge, code_challenge_method="S256")
    response = browser.get(url, follow_redirects=False)
    assert response.status_code == 400, response.text
    assert "is not registered" in response.text and "location" not in response.headers


def test_a_native_application_may_register_a_private_use_scheme_but_a_web_one_may_not(database):
    from nettfin.server.identity.connect.service import create_application
    from nettfin.server.kit.errors import BusinessError

    with database.writing() as session:
        native = create_application(
            session, name="Pocket", app_type="native", redirect_uris=["com.example.pocket:/callback"]
        )
        assert native.redirect_uris == ["com.example.pocket:/callback"]
    with pytest.raises(BusinessError, match="must use https"), database.writing() as session:
        create_application(session, name="Pocket web", app_type="web", redirect_uris=["com.example.pocket:/callback"])
    with pytest.raises(BusinessError, match="must use https"), database.writing() as session:
        create_application(session, name="Plain", app_type="native", redirect_uris=["http://192.168.1.4/callback"])
