"""Webhook subscriptions (reference section 6): deliveries signed as the Visma Webhook Dispatcher signs them,
retried with back-off, logged, sent again on demand; the background API's subscription form delivered through
them; the receivers' feedback endpoint."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.background import service as background
from nettfin.server.identity.connect.models import ConnectApplication
from nettfin.server.kit.errors import BusinessError
from nettfin.server.settings import Settings
from nettfin.server.webhooks import service
from nettfin.server.webhooks.models import WebhookDelivery
from tests.connect_helpers import Connected, access_token, bearer, make_connected
from tests.delivery_helpers import receiving, wait_for_job
from tests.server.background.test_background_calls import BACKGROUND, CUSTOMER

FEEDBACK = "/v1/webhooknotificationfeedback"


@pytest.fixture
def quick_client(database, tmp_path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path, job_retry_base_seconds=0.05, job_poll_seconds=0.1)
    with TestClient(create_app(settings, database=database), raise_server_exceptions=False) as client:
        yield client


def _subscribe(database, connected: Connected, url: str, **kwargs) -> tuple[str, str]:
    with database.writing() as session:
        application = session.get(ConnectApplication, connected.application_id)
        subscription, key = service.create_subscription(
            session,
            application,
            publisher=kwargs.pop("publisher", "Visma net"),
            event_types=kwargs.pop("event_types", ["BACKGROUND_API_RESPONSE"]),
            url=url,
            **kwargs,
        )
        return subscription.id, key


def _queue_in_background(client: TestClient, connected: Connected, mode: str) -> str:
    headers = {**bearer(access_token(client, connected)), BACKGROUND: mode}
    accepted = client.post("/v1/customer", json=CUSTOMER, headers=headers)
    assert accepted.status_code == 202, accepted.text
    return accepted.json()["id"]


def _delivery(database, subscription_id: str) -> WebhookDelivery:
    with database.reading() as session:
        (delivery,) = service.deliveries(session, subscription_id)
        return delivery


def _wait_delivered(database, subscription_id: str) -> WebhookDelivery:
    with database.reading() as session:
        (delivery,) = service.deliveries(session, subscription_id)
    wait_for_job(database, service.DELIVERY, str(delivery.id))
    return _delivery(database, subscription_id)


def _expected_signature(key: str, raw: bytes) -> str:
    return base64.b64encode(hmac.new(key.encode(), raw, hashlib.sha256).digest()).decode()


def test_a_subscription_form_call_is_delivered_to_the_subscription_signed_and_with_its_custom_headers(
    database, quick_client
):
    connected = make_connected(database, quick_client)
    with receiving() as receiver:
        subscription_id, key = _subscribe(database, connected, receiver.url)

        request_id = _queue_in_background(
            quick_client, connected, "subscription:x-my-correlation-id=order-4711,x-batch=7"
        )
        receiver.wait_for(1)
        delivery = _wait_delivered(database, subscription_id)

    assert len(receiver.received) == 1
    headers, body = receiver.received[0]
    raw = receiver.raw[0]
    assert headers["X-VWD-Signature-V1"] == _expected_signature(key, raw)
    assert body == {
        "id": request_id,
        "statusCode": 201,
        "stateLocation": f"http://testserver/v1/background/{request_id}",
        "contentLocation": f"http://testserver/v1/background/{request_id}/content",
    }
    assert headers["x-vwd-event-id"] == "BACKGROUND_API_RESPONSE"
    assert headers["x-vwd-subscription-id"] == subscription_id
    assert headers["x-vwd-tenant-id"] == connected.tenant_id
    assert headers["x-vwd-application-id"] == connected.client_id
    assert headers["x-vwd-notification-id"] == delivery.notification_id
    assert headers["x-vwd-notification-timestamp"].isdigit()
    assert headers["x-vwd-webhook-timestamp"] == headers["x-vwd-notification-timestamp"]
    assert headers["Content-Type"] == "application/json"
    assert (headers["x-my-correlation-id"], headers["x-batch"]) == ("order-4711", "7")
    token = access_token(quick_client, connected)
    state = quick_client.get(f"/v1/background/{request_id}", headers=bearer(token)).json()
    assert state["webhookAddress"] == "subscription"


def test_a_delivery_is_retried_until_the_receiver_takes_it_and_logged(database, quick_client):
    connected = make_connected(database, quick_client)
    with receiving(failures=2) as receiver:
        subscription_id, key = _subscribe(database, connected, receiver.url)
        _queue_in_background(quick_client, connected, "subscription")
        receiver.wait_for(3)
        delivery = _wait_delivered(database, subscription_id)

    assert len(receiver.received) == 3  # two 503s, then the 200
    assert {headers["x-vwd-notification-id"] for headers, _ in receiver.received} == {delivery.notification_id}
    assert all(
        headers["X-VWD-Signature-V1"] == _expected_signature(key, raw)
        for (headers, _), raw in zip(receiver.received, receiver.raw, strict=True)
    )
    assert (delivery.status, delivery.attempts, delivery.last_status, delivery.last_error) == (
        "delivered",
        3,
        200,
        None,
    )
    assert delivery.event_id == "BACKGROUND_API_RESPONSE"
    assert delivery.response_ms is not None and delivery.response_ms >= 0
    assert delivery.delivered_at is not None and delivery.delivered_at >= delivery.created_at
    assert json.loads(delivery.body) == receiver.received[-1][1]


def test_the_log_forgets_deliveries_after_thirty_days(database, quick_client):
    connected = make_connected(database, quick_client)
    with receiving() as receiver:
        subscription_id, _ = _subscribe(database, connected, receiver.url)
        _queue_in_background(quick_client, connected, "subscription")
        receiver.wait_for(1)
        delivery = _wait_delivered(database, subscription_id)

    service.forget_deliveries(database, delivery.created_at + service.KEEP_DELIVERIES)
    with database.reading() as session:
        assert len(service.deliveries(session, subscription_id)) == 1
    service.forget_deliveries(database, delivery.created_at + service.KEEP_DELIVERIES + timedelta(seconds=1))
    with database.reading() as session:
        assert service.deliveries(session, subscription_id) == []


def test_a_receiver_that_refuses_with_a_4xx_is_not_tried_again(database, quick_client):
    connected = make_connected(database, quick_client)
    with receiving(failures=1, refusal=400) as receiver:
        subscription_id, _key = _subscribe(database, connected, receiver.url)
        _queue_in_background(quick_client, connected, "subscription")
        receiver.wait_for(1)
        delivery = _wait_delivered(database, subscription_id)

    assert len(receiver.received) == 1
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("failed", 1, 400)
    assert "400" in delivery.last_error


def test_a_delivered_notification_is_sent_again_on_demand(database, quick_client):
    connected = make_connected(database, quick_client)
    with receiving() as receiver:
        subscription_id, key = _subscribe(database, connected, receiver.url)
        _queue_in_background(quick_client, connected, "subscription")
        receiver.wait_for(1)
        first = _wait_delivered(database, subscription_id)
        with database.writing() as session:
            service.redeliver(session, first.notification_id)
        receiver.wait_for(2)
        wait_for_job(database, service.DELIVERY, str(first.id))
        again = _delivery(database, subscription_id)

    assert len(receiver.received) == 2
    assert receiver.raw[0] == receiver.raw[1]
    assert receiver.received[1][0]["x-vwd-notification-id"] == first.notification_id
    assert receiver.received[1][0]["X-VWD-Signature-V1"] == _expected_signature(key, receiver.raw[1])
    assert (again.status, again.attempts) == ("delivered", 2)


def test_only_the_calling_applications_subscriptions_to_the_event_and_company_get_it(database, quick_client):
    connected = make_connected(database, quick_client)
    other = make_connected(database, quick_client)
    with receiving() as receiver:
        wanted, _ = _subscribe(database, connected, receiver.url)
        elsewhere, _ = _subscribe(database, connected, receiver.url, company_id=other.company_id)
        financials, _ = _subscribe(
            database, connected, receiver.url, publisher="Visma Net Financial", event_types=["supplier_changed"]
        )
        not_ours, _ = _subscribe(database, other, receiver.url)
        _queue_in_background(quick_client, connected, "subscription")
        receiver.wait_for(1)
        _wait_delivered(database, wanted)

    assert len(receiver.received) == 1
    with database.reading() as session:
        assert [len(service.deliveries(session, s)) for s in (elsewhere, financials, not_ours)] == [0, 0, 0]


@pytest.mark.parametrize("url", ["http://example.com/hook", "ftp://127.0.0.1/hook", "hook"])
def test_a_url_that_is_not_https_or_loopback_http_is_refused(database, quick_client, url):
    connected = make_connected(database, quick_client)

    with pytest.raises(BusinessError) as refused:
        _subscribe(database, connected, url)

    assert url in refused.value.message
    with database.reading() as session:
        assert service.list_subscriptions(session, session.get(ConnectApplication, connected.application_id)) == []


def test_an_unknown_publisher_or_event_is_refused_naming_the_accepted_ones(database, quick_client):
    connected = make_connected(database, quick_client)

    with pytest.raises(BusinessError, match="Accepted publishers: Visma Net Financial, Visma net"):
        _subscribe(database, connected, "https://hooks.example/x", publisher="Visma Nut")
    with pytest.raises(BusinessError, match="Its events: BACKGROUND_API_RESPONSE"):
        _subscribe(database, connected, "https://hooks.example/x", event_types=["customer_changed"])


def test_feedback_on_a_delivered_notification_is_created_and_kept_with_its_delivery(database, quick_client):
    connected = make_connected(database, quick_client)
    with receiving() as receiver:
        subscription_id, _ = _subscribe(database, connected, receiver.url)
        _queue_in_background(quick_client, connected, "subscription")
        receiver.wait_for(1)
        delivery = _wait_delivered(database, subscription_id)
    headers = bearer(access_token(quick_client, connected))

    sent = {
        "notificationId": delivery.notification_id,
        "source": "Fjord sync",
        "description": "Operation failed",
        "isSuccess": False,
    }
    created = quick_client.post(FEEDBACK, json=sent, headers=headers)

    assert created.status_code == 201, created.text
    kept = _delivery(database, subscription_id)
    assert (kept.feedback_success, kept.feedback_source, kept.feedback_description) == (
        False,
        "Fjord sync",
        "Operation failed",
    )
    assert kept.feedback_at is not None


def test_feedback_on_an_unknown_notification_or_with_a_bad_body_is_a_400(database, quick_client):
    connected = make_connected(database, quick_client)
    headers = bearer(access_token(quick_client, connected))
    unknown = "6f1c9a0e-2d8b-4c53-9a51-0d7e0c8f1a22"

    answers = [
        quick_client.post(FEEDBACK, json={"notificationId": unknown, "isSuccess": True}, headers=headers),
        quick_client.post(FEEDBACK, json={"source": "x", "isSuccess": True}, headers=headers),
        quick_client.post(FEEDBACK, json={"notificationId": unknown, "isSuccess": "maybe"}, headers=headers),
    ]

    assert [answer.status_code for answer in answers] == [400, 400, 400]
    assert unknown in answers[0].json()["message"]
    assert "notificationId" in answers[1].json()["message"]
    assert "isSuccess" in answers[2].json()["message"]


def test_the_legacy_url_form_still_posts_to_its_url_and_makes_no_delivery(database, quick_client):
    connected = make_connected(database, quick_client)
    with receiving() as receiver, receiving() as subscribed:
        subscription_id, _ = _subscribe(database, connected, subscribed.url)
        request_id = _queue_in_background(quick_client, connected, receiver.url)
        receiver.wait_for(1)
        wait_for_job(database, background.NOTIFY, request_id)

    assert len(receiver.received) == 1 and "X-VWD-Signature-V1" not in receiver.received[0][0]
    assert subscribed.received == []
    with database.reading() as session:
        assert service.deliveries(session, subscription_id) == []


def test_without_a_subscription_the_subscription_form_delivers_nothing(database, quick_client):
    connected = make_connected(database, quick_client)

    request_id = _queue_in_background(quick_client, connected, "subscription")
    job = wait_for_job(database, background.NOTIFY, request_id)

    assert job.state == "done"
    with database.reading() as session:
        assert session.query(WebhookDelivery).filter_by(company_id=connected.company_id).count() == 0
