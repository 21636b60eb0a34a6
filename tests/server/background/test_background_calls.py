"""The background API (reference section 5): a call sent with `erp-api-background` is answered at once with 202
and run by the job runner exactly as if it had been sent directly; its state and stored response are read back
from `/v1/background/{id}` and `/content`."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Tenant

BACKGROUND = "erp-api-background"
CUSTOMER = {"name": {"value": "Queued Customer AS"}}


def wait_for(tenant: Tenant, request_id: str, *, within: float = 60.0) -> dict:
    """Poll the state until the call has run (the runner's workers run in the test client's server)."""
    deadline = time.monotonic() + within
    while True:
        state = tenant.client.get(f"/v1/background/{request_id}", headers=tenant.headers)
        assert state.status_code == 200, state.text
        body = state.json()
        if body["status"] != "Started" or time.monotonic() > deadline:
            return body
        time.sleep(0.05)


def test_a_queued_create_is_answered_202_then_runs_and_stores_its_201(tenant: Tenant):
    accepted = tenant.client.post("/v1/customer", json=CUSTOMER, headers={**tenant.headers, BACKGROUND: "none"})

    assert accepted.status_code == 202, accepted.text
    body = accepted.json()
    assert set(body) == {"id", "stateLocation"}
    assert body["stateLocation"] == f"http://testserver/v1/background/{body['id']}"
    assert accepted.headers["Location"] == body["stateLocation"]

    state = wait_for(tenant, body["id"])
    assert state["status"] == "Finished"
    assert state["statusCode"] == 201
    assert state["webhookAddress"] == "none"
    assert state["originalUri"] == "http://testserver/v1/customer"
    assert (state["hasRequestContent"], state["hasResponseContent"]) == (True, False)
    number = state["responseHeaders"]["location"].rsplit("/", 1)[1]
    customer = tenant.get(f"/customer/{number}")
    assert customer.json()["name"] == "Queued Customer AS"
    assert tenant.client.get(state["contentLocation"], headers=tenant.headers).status_code == 404


def test_an_app_served_in_two_event_loops_at_once_runs_queued_calls_in_both_and_after_one_stops(app, tenant: Tenant):
    """One app whose lifespan runs twice at once, each in its own event loop (a test client beside a fuzzer's
    ASGI transport does that): each loop has workers of its own, and when one stops the other still runs what is
    queued."""
    queued = {**tenant.headers, BACKGROUND: "none"}
    with TestClient(app) as second:
        time.sleep(1.5)  # past a poll, so the first loop's workers have waited again since the second started
        on_second = second.post("/v1/customer", json={"name": {"value": "Second Loop AS"}}, headers=queued)
        assert wait_for(tenant, on_second.json()["id"])["status"] == "Finished"
    time.sleep(1.5)
    on_first = tenant.client.post("/v1/customer", json={"name": {"value": "First Loop AS"}}, headers=queued)

    state = wait_for(tenant, on_first.json()["id"], within=15)
    assert (state["status"], state["statusCode"]) == ("Finished", 201)


def test_a_queued_read_stores_the_body_a_direct_read_gets(tenant: Tenant):
    number = tenant.post("/customer", json=CUSTOMER).headers["Location"].rsplit("/", 1)[1]
    direct = tenant.client.get(f"/v1/customer/{number}", headers=tenant.headers)

    accepted = tenant.client.get(f"/v1/customer/{number}", headers={**tenant.headers, BACKGROUND: "subscription"})
    state = wait_for(tenant, accepted.json()["id"])
    content = tenant.client.get(state["contentLocation"], headers=tenant.headers)

    assert (state["statusCode"], state["hasResponseContent"]) == (200, True)
    assert content.status_code == 200
    assert content.json() == direct.json()


def test_a_queued_call_to_an_unknown_operation_stores_the_404_a_direct_call_gets(tenant: Tenant):
    accepted = tenant.client.get("/v1/nosuchresource/1", headers={**tenant.headers, BACKGROUND: "none"})
    state = wait_for(tenant, accepted.json()["id"])

    assert state["statusCode"] == 404
    content = tenant.client.get(state["contentLocation"], headers=tenant.headers).json()
    assert "No HTTP resource was found" in content["message"]


def test_another_company_may_not_read_the_state(tenant: Tenant, other_tenant: Tenant):
    accepted = tenant.client.get("/v1/customer", headers={**tenant.headers, BACKGROUND: "none"})
    request_id = accepted.json()["id"]

    assert other_tenant.client.get(f"/v1/background/{request_id}", headers=other_tenant.headers).status_code == 403
    assert (
        tenant.client.get("/v1/background/00000000-0000-0000-0000-000000000000", headers=tenant.headers).status_code
        == 404
    )


@pytest.mark.parametrize(
    "value",
    ["sometimes", "subscription:no-equals", "ftp://example.com/hook", "http://example.com/hook"],
)
def test_a_bad_header_value_is_refused_and_nothing_is_queued(tenant: Tenant, value: str):
    response = tenant.client.post("/v1/customer", json=CUSTOMER, headers={**tenant.headers, BACKGROUND: value})

    assert response.status_code == 400
    assert BACKGROUND in response.json()["message"]
    assert tenant.get("/customer").json() == []


def test_a_call_without_a_valid_token_is_refused_before_it_is_queued(tenant: Tenant):
    response = tenant.client.get("/v1/customer", headers={"Authorization": "Bearer nope", BACKGROUND: "none"})
    assert response.status_code == 401


def test_a_queued_update_with_a_stale_if_match_stores_the_412_a_direct_call_gets(tenant: Tenant):
    number = tenant.post("/customer", json=CUSTOMER).headers["Location"].rsplit("/", 1)[1]
    headers = {**tenant.headers, BACKGROUND: "none", "If-Match": 'W/"999999"'}

    accepted = tenant.client.put(f"/v1/customer/{number}", json={"name": {"value": "Changed"}}, headers=headers)
    state = wait_for(tenant, accepted.json()["id"])

    assert state["statusCode"] == 412
    assert tenant.get(f"/customer/{number}").json()["name"] == "Queued Customer AS"


def test_the_legacy_path_queues_too_and_its_locations_stay_on_it(tenant: Tenant):
    accepted = tenant.get("/customer", headers={BACKGROUND: "none"})

    assert accepted.status_code == 202
    assert accepted.json()["stateLocation"].startswith("http://testserver/API/controller/api/v1/background/")
    state = tenant.client.get(accepted.json()["stateLocation"], headers=tenant.headers)
    assert state.status_code == 200
    assert state.json()["contentLocation"] == accepted.json()["stateLocation"] + "/content"
