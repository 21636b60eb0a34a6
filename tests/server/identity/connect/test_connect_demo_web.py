"""The demo's Visma Connect web application: the demo user signs in with it (authorization code + PKCE) and lists
the demo company's customers without ipp-company-id; a demo seeded before it existed gets it on the next start."""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

from nettfin.server.demo.seed import (
    CUSTOMER_COUNT,
    DEMO_CONNECT_WEB_CLIENT_ID,
    DEMO_CONNECT_WEB_CLIENT_SECRET,
    DEMO_EMAIL,
    DEMO_PASSWORD,
    DEMO_TENANT_GUID,
    ensure_demo,
)
from tests.oauth_helpers import log_in
from tests.server.demo.test_demo import fresh_demo

REDIRECT_URI = "http://localhost:5000/callback"


def test_the_demo_user_signs_in_with_the_demo_web_application(tmp_path):
    database, client = fresh_demo(tmp_path, "web.db")
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    query = {
        "response_type": "code",
        "client_id": DEMO_CONNECT_WEB_CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "scope": "openid offline_access vismanet_erp_interactive_api:read",
        "state": "demo",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    url = f"/connect/authorize?{urlencode(query)}"
    with client:
        assert log_in(client, DEMO_EMAIL, DEMO_PASSWORD, next_url=url).status_code == 303
        answer = client.get(url, follow_redirects=False)
        assert answer.status_code == 303, answer.text
        code = parse_qs(urlsplit(answer.headers["location"]).query)["code"][0]
        token = client.post(
            "/connect/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": REDIRECT_URI,
                "code_verifier": verifier,
            },
            auth=(DEMO_CONNECT_WEB_CLIENT_ID, DEMO_CONNECT_WEB_CLIENT_SECRET),
        )
        assert token.status_code == 200, token.text
        body = token.json()
        assert {"id_token", "refresh_token"} <= set(body)
        introspected = client.post(
            "/connect/introspect",
            data={"token": body["access_token"]},
            auth=(DEMO_CONNECT_WEB_CLIENT_ID, DEMO_CONNECT_WEB_CLIENT_SECRET),
        ).json()
        assert introspected["tenant_id"] == DEMO_TENANT_GUID
        customers = client.get("/v1/customer", headers={"Authorization": f"Bearer {body['access_token']}"})
        assert len(customers.json()) == CUSTOMER_COUNT
    database.dispose()


def test_a_demo_seeded_before_the_web_application_gets_it(tmp_path):
    from sqlalchemy import delete

    from nettfin.server.identity.connect.models import ConnectApplication
    from nettfin.server.identity.models import User

    database, _client = fresh_demo(tmp_path, "older.db")
    with database.writing() as session:
        session.execute(delete(ConnectApplication).where(ConnectApplication.client_id == DEMO_CONNECT_WEB_CLIENT_ID))
        session.execute(delete(User).where(User.email == f"{DEMO_CONNECT_WEB_CLIENT_ID}@connect.nettfin.invalid"))
    assert ensure_demo(database) is None
    with database.reading() as session:
        assert session.query(ConnectApplication).filter_by(client_id=DEMO_CONNECT_WEB_CLIENT_ID).count() == 1
    database.dispose()
