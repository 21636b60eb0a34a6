"""The admin API's webhook subscriptions (`/admin/api/...`) through the app, on both databases: off without a key
(403), a wrong key refused (401), subscriptions made (the signing key in the 201 only, the key deliveries are
signed with), listed, read and removed, the delivery log read newest first and a notification sent again; unknown
ids 404, bad input 400 with the use case's message, in Visma's error body."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.db.base import utcnow
from nettfin.server.db.engine import Database
from nettfin.server.settings import Settings
from nettfin.server.webhooks import deliver, service
from nettfin.server.webhooks.models import DeliveryStatus
from tests.conftest import own_database
from tests.connect_helpers import Connected, make_connected

KEY = "admin-key-for-tests"
API = "/admin/api"
AUTH = {"Authorization": f"Bearer {KEY}"}
VISMA_ID = "VismaId: "


@pytest.fixture(scope="module")
def database(database_url, tmp_path_factory) -> Iterator[Database]:
    """This module's own database: its app runs no job workers, so a queued delivery stays as the test left it,
    and the suite's app, whose workers run on the shared database, must not send it either."""
    with own_database(database_url, tmp_path_factory) as db:
        yield db


def _client(database, tmp_path, **settings) -> Iterator[TestClient]:
    # No job workers: a queued delivery stays pending until the test records its attempt.
    app = create_app(Settings(data_dir=tmp_path, job_workers=0, **settings), database=database)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="module")
def admin(database, tmp_path_factory) -> Iterator[TestClient]:
    yield from _client(database, tmp_path_factory.mktemp("data"), admin_api_key=KEY)


@pytest.fixture
def connected(database, admin) -> Connected:
    return make_connected(database, admin)


def _new(admin: TestClient, connected: Connected, **body):
    fields = {"publisher": "Visma net", "eventTypes": ["BACKGROUND_API_RESPONSE"], "url": "https://hooks.example/in"}
    return admin.post(f"{API}/applications/{connected.client_id}/webhooks", json={**fields, **body}, headers=AUTH)


def _made(admin: TestClient, connected: Connected, **body) -> dict:
    response = _new(admin, connected, **body)
    assert response.status_code == 201, response.text
    return response.json()


def _message(response) -> str:
    message = response.json()["message"]
    assert message.startswith(VISMA_ID)
    return message


def _notify(database, connected: Connected, moment) -> tuple[int, str]:
    """One notification to the application's subscriptions, as the background API's fan-out makes it."""
    with database.writing() as session:
        (delivery,) = service.fan_out(
            session,
            application_id=connected.application_id,
            company_id=connected.company_id,
            publisher=service.VISMA_NET,
            event_id=service.BACKGROUND_API_RESPONSE,
            body={"id": str(uuid.uuid4())},
            now=moment,
        )
        return delivery.id, delivery.notification_id


def _attempted(database, delivery_id: int, status: str, code: int, moment) -> None:
    """An attempt recorded as the delivery job records it."""
    service.record_attempt(database, delivery_id, status=status, now=moment, response_status=code, response_ms=12)


# --- the key --------------------------------------------------------------------------------------------------


def test_without_a_key_setting_the_admin_api_is_off_and_says_how_to_turn_it_on(database, tmp_path):
    for client in _client(database, tmp_path):
        response = client.get(f"{API}/webhooks/{uuid.uuid4()}", headers=AUTH)
        assert response.status_code == 403
        assert "NETTFIN_ADMIN_API_KEY" in _message(response) and "off" in response.json()["message"]
        assert client.post(f"{API}/applications/x/webhooks", json={}, headers=AUTH).status_code == 403


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-key"}, {"Authorization": f"Basic {KEY}"}, {"Authorization": "Bearer "}],
)
def test_a_missing_or_wrong_key_is_refused_with_401(admin, connected, headers):
    response = admin.get(f"{API}/applications/{connected.client_id}/webhooks", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert "NETTFIN_ADMIN_API_KEY" in _message(response)
    made = admin.post(
        f"{API}/applications/{connected.client_id}/webhooks",
        json={"publisher": "Visma net", "eventTypes": ["BACKGROUND_API_RESPONSE"], "url": "https://h.example/"},
        headers=headers,
    )
    assert made.status_code == 401


def test_the_admin_api_is_not_in_the_visma_openapi_document(admin):
    assert not [path for path in admin.app.openapi()["paths"] if path.startswith("/admin")]


# --- subscriptions --------------------------------------------------------------------------------------------


def test_a_subscription_is_made_with_its_key_shown_once_and_deliveries_are_signed_with_it(database, admin, connected):
    response = _new(admin, connected, eventTypes=["BACKGROUND_API_RESPONSE"], companyId=connected.company_id)
    assert response.status_code == 201, response.text
    made = response.json()
    assert response.headers["Location"] == f"http://testserver{API}/webhooks/{made['id']}"
    assert made["clientId"] == connected.client_id and made["publisher"] == "Visma net"
    assert made["eventTypes"] == ["BACKGROUND_API_RESPONSE"] and made["url"] == "https://hooks.example/in"
    assert made["companyId"] == connected.company_id and made["createdAt"].endswith("Z")
    key = made["signingKey"]
    assert len(key) >= 32

    read = admin.get(response.headers["Location"].removeprefix("http://testserver"), headers=AUTH)
    assert read.status_code == 200
    assert read.json() == {name: value for name, value in made.items() if name != "signingKey"}
    listed = admin.get(f"{API}/applications/{connected.client_id}/webhooks", headers=AUTH)
    assert key not in read.text and key not in listed.text

    delivery_id, _notification = _notify(database, connected, utcnow())
    outgoing = service.outgoing(database, delivery_id)
    headers = deliver.signed_headers(outgoing, utcnow())
    expected = base64.b64encode(hmac.new(key.encode(), outgoing.body, hashlib.sha256).digest()).decode()
    assert headers[deliver.SIGNATURE] == expected


def test_an_applications_subscriptions_are_listed_without_company_when_for_every_company(admin, connected):
    first = _made(admin, connected)
    second = _made(
        admin, connected, publisher="visma net financial", eventTypes=["Customer Created", "supplier_changed"]
    )
    other = make_connected(admin.app.state.db, admin)
    _made(admin, other)

    listed = admin.get(f"{API}/applications/{connected.client_id}/webhooks", headers=AUTH)
    assert listed.status_code == 200
    rows = listed.json()
    assert [row["id"] for row in rows] == [first["id"], second["id"]]
    assert rows[1]["publisher"] == "Visma Net Financial" and rows[1]["eventTypes"] == [
        "customer_created",
        "supplier_changed",
    ]
    assert "companyId" not in rows[0] and all("signingKey" not in row for row in rows)


def test_a_removed_subscription_is_gone(admin, connected):
    made = _made(admin, connected)
    removed = admin.delete(f"{API}/webhooks/{made['id']}", headers=AUTH)
    assert removed.status_code == 204 and removed.content == b""
    gone = admin.get(f"{API}/webhooks/{made['id']}", headers=AUTH)
    assert gone.status_code == 404
    assert admin.get(f"{API}/applications/{connected.client_id}/webhooks", headers=AUTH).json() == []
    assert admin.delete(f"{API}/webhooks/{made['id']}", headers=AUTH).status_code == 404


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"publisher": "Visma Spam"}, "Unknown publisher 'Visma Spam'. Accepted publishers: Visma Net Financial"),
        ({"url": "http://hooks.example/in"}, "https"),
        ({"url": "not a url"}, "URL"),
        ({"eventTypes": []}, "at least one event type"),
        ({"eventTypes": ["NO_SUCH_EVENT"]}, "has no event 'NO_SUCH_EVENT'"),
        ({"companyId": 2_000_000_000}, "Company 2000000000 does not exist"),
        ({"eventTypes": "BACKGROUND_API_RESPONSE"}, "eventTypes"),
        ({"url": None}, "url"),
        ({"publisher": 7}, "Invalid field 'publisher'"),
    ],
)
def test_bad_input_is_refused_with_the_reason_and_nothing_is_made(admin, connected, body, words):
    response = _new(admin, connected, **body)
    assert response.status_code == 400, response.text
    assert words in _message(response)
    assert "detail" not in response.json()
    assert admin.get(f"{API}/applications/{connected.client_id}/webhooks", headers=AUTH).json() == []


def test_unknown_applications_subscriptions_and_notifications_are_404_with_what_to_do(admin):
    unknown_app = admin.get(f"{API}/applications/no-such-app/webhooks", headers=AUTH)
    assert unknown_app.status_code == 404 and "nettfin admin app list" in _message(unknown_app)
    made = admin.post(
        f"{API}/applications/no-such-app/webhooks",
        json={"publisher": "Visma net", "eventTypes": ["BACKGROUND_API_RESPONSE"], "url": "https://h.example/"},
        headers=AUTH,
    )
    assert made.status_code == 404
    unknown = str(uuid.uuid4())
    for response in (
        admin.get(f"{API}/webhooks/{unknown}", headers=AUTH),
        admin.get(f"{API}/webhooks/{unknown}/deliveries", headers=AUTH),
    ):
        assert response.status_code == 404 and "/webhooks lists" in _message(response)
    redelivered = admin.post(f"{API}/webhooks/deliveries/{unknown}/redeliver", headers=AUTH)
    assert redelivered.status_code == 404 and "/deliveries lists" in _message(redelivered)


# --- deliveries -----------------------------------------------------------------------------------------------


def test_deliveries_are_listed_newest_first_and_a_finished_one_is_sent_again(database, admin, connected):
    made = _made(admin, connected)
    start = utcnow()
    older_id, older = _notify(database, connected, start - timedelta(minutes=5))
    newer_id, newer = _notify(database, connected, start)
    _attempted(database, older_id, DeliveryStatus.DELIVERED, 200, start - timedelta(minutes=4))
    service.record_feedback(
        database,
        company_id=connected.company_id,
        notification_id=older,
        source="erp-sync",
        description="Imported",
        is_success=True,
        now=start,
    )

    listed = admin.get(f"{API}/webhooks/{made['id']}/deliveries", headers=AUTH)
    assert listed.status_code == 200
    rows = listed.json()
    assert [row["notificationId"] for row in rows] == [newer, older]
    assert rows[0]["status"] == "pending" and rows[0]["attempts"] == 0 and "feedback" not in rows[0]
    assert rows[1]["status"] == "delivered" and rows[1]["attempts"] == 1 and rows[1]["lastStatus"] == 200
    assert rows[1]["responseMs"] == 12 and rows[1]["eventId"] == "BACKGROUND_API_RESPONSE"
    assert rows[1]["deliveredAt"].endswith("Z")
    assert rows[1]["feedback"]["isSuccess"] is True and rows[1]["feedback"]["source"] == "erp-sync"
    assert rows[1]["feedback"]["description"] == "Imported"
    limited = admin.get(f"{API}/webhooks/{made['id']}/deliveries?limit=1", headers=AUTH).json()
    assert [row["notificationId"] for row in limited] == [newer]

    pending = admin.post(f"{API}/webhooks/deliveries/{newer}/redeliver", headers=AUTH)
    assert pending.status_code == 400 and "still being delivered" in _message(pending)
    again = admin.post(f"{API}/webhooks/deliveries/{older}/redeliver", headers=AUTH)
    assert again.status_code == 202, again.text
    assert again.json()["notificationId"] == older and again.json()["status"] == "pending"
    _attempted(database, newer_id, DeliveryStatus.FAILED, 410, start)
    failed = admin.post(f"{API}/webhooks/deliveries/{newer.upper()}/redeliver", headers=AUTH)
    assert failed.status_code == 202 and failed.json()["attempts"] == 1


def test_a_body_that_is_not_a_json_object_is_a_400_in_the_visma_shape(admin, connected):
    path = f"{API}/applications/{connected.client_id}/webhooks"
    garbled = admin.post(path, content=b"{not json", headers=AUTH)
    assert garbled.status_code == 400 and "not valid JSON" in _message(garbled)
    listed = admin.post(path, json=["Visma net"], headers=AUTH)
    assert listed.status_code == 400 and "detail" not in listed.json()
    _message(listed)


def test_a_bad_limit_is_a_400_in_the_visma_shape(admin, connected):
    made = _made(admin, connected)
    response = admin.get(f"{API}/webhooks/{made['id']}/deliveries?limit=0", headers=AUTH)
    assert response.status_code == 400 and "limit" in _message(response)
