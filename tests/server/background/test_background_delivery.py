"""Background calls on a server of their own settings: the legacy form's notification, retried with back-off
until the receiver takes it, and the retention after which the state is gone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.background import service
from nettfin.server.background.models import BackgroundRequest
from nettfin.server.db.base import utcnow
from nettfin.server.settings import Settings
from tests.conftest import make_tenant
from tests.delivery_helpers import Receiver, receiving, wait_for_job
from tests.server.background.test_background_calls import BACKGROUND, CUSTOMER, wait_for


@pytest.fixture
def quick_client(database, tmp_path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path, job_retry_base_seconds=0.05, job_poll_seconds=0.1)
    with TestClient(create_app(settings, database=database), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiving(failures=2) as receiver:
        yield receiver


def test_the_url_form_notifies_the_url_and_retries_until_it_takes_the_notification(database, quick_client, receiver):
    tenant = make_tenant(database, quick_client)

    accepted = quick_client.post("/v1/customer", json=CUSTOMER, headers={**tenant.headers, BACKGROUND: receiver.url})
    request_id = accepted.json()["id"]
    receiver.wait_for(3)

    assert len(receiver.received) == 3  # two 503s, then the 200
    headers, body = receiver.received[-1]
    assert body == {
        "id": request_id,
        "statusCode": 201,
        "stateLocation": f"http://testserver/v1/background/{request_id}",
        "contentLocation": f"http://testserver/v1/background/{request_id}/content",
    }
    assert headers["x-vwd-event-id"] == "BACKGROUND_API_RESPONSE"
    assert wait_for(tenant, request_id)["webhookAddress"] == receiver.url
    job = wait_for_job(database, service.NOTIFY, request_id)
    assert (job.state, job.attempts) == ("done", 3)


def test_after_the_retention_the_state_is_not_found_and_the_content_is_gone(database, tmp_path):
    settings = Settings(data_dir=tmp_path, background_retention_hours=0)
    with TestClient(create_app(settings, database=database), raise_server_exceptions=False) as client:
        tenant = make_tenant(database, client)
        request_id = client.get("/v1/customer", headers={**tenant.headers, BACKGROUND: "none"}).json()["id"]

        state = client.get(f"/v1/background/{request_id}", headers=tenant.headers)
        content = client.get(f"/v1/background/{request_id}/content", headers=tenant.headers)

    assert state.status_code == 404
    assert "removed" in state.json()["message"]
    assert content.status_code == 410
    service.expire(database, utcnow() + timedelta(seconds=1))
    wait_for_job(database, service.CALL, request_id)  # a run that ends after the removal keeps nothing either
    with database.reading() as session:
        record = session.get(BackgroundRequest, request_id)
    assert (record.removed, record.response_body, record.request_headers) == (True, None, [])
