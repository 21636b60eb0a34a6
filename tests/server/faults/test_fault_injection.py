"""Fault rules applied to a company's API calls through the app, on both databases: each status with the real
service's body, latency, both drops (drop-after committed the write, drop-before wrote nothing), `times` and
`probability`, narrowing by method, path and client, and companies without rules unaffected."""

from __future__ import annotations

import asyncio
import re
import time
import uuid

import httpx2
import pytest

from nettfin.server.identity.models import User
from nettfin.server.identity.service import create_tenant, issue_token, register_client
from tests.conftest import make_tenant
from tests.connect_helpers import access_token, make_connected
from tests.factories import minimal_customer

from .conftest import ADMIN, AUTH, add_fault, list_faults

GUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def _names(company) -> list[str]:
    response = company.get("/customer")
    assert response.status_code == 200, response.text
    return [row["name"] for row in response.json()]


def test_a_company_without_rules_is_answered_as_usual(company):
    response = company.get("/customer")

    assert response.status_code == 200
    assert response.json() == []


def test_429_carries_the_throttles_body_and_headers(http, company):
    add_fault(http, company.company_id, status=429)

    response = company.get("/customer")

    assert response.status_code == 429
    message = response.json()["message"]
    assert re.fullmatch(
        rf"VismaId: {GUID}\. Too many requests: TenantIntervalLimit allows 15000 calls per hour for this client in "
        rf"company {company.company_id}\. The window resets at \S+Z \(in \d+ seconds\)\.",
        message,
    )
    reset = int(response.headers["X-RateLimit-Reset"])
    assert reset % 3600 == 0
    assert 1 <= int(response.headers["Retry-After"]) <= 3600
    assert response.headers["X-RateLimit-Remaining"] == "0"
    assert response.headers["X-RateLimit-Limit"] == "15000"
    assert response.headers["X-RateLimit-Policy"] == "TenantIntervalLimit"


def test_a_429_rule_may_name_its_retry_after(http, company):
    add_fault(http, company.company_id, status=429, retryAfter=2)

    response = company.get("/customer")

    assert response.status_code == 429
    assert response.headers["Retry-After"] == "2"
    assert "(in 2 seconds)" in response.json()["message"]


def test_500_is_the_services_error_body(http, company):
    add_fault(http, company.company_id, status=500)

    response = company.get("/customer")

    assert response.status_code == 500
    assert re.fullmatch(rf"VismaId: {GUID}\. An error has occurred\.", response.json()["message"])


@pytest.mark.parametrize(
    ("status", "reason"), [(502, "Bad Gateway"), (503, "Service Unavailable"), (504, "Gateway Timeout")]
)
def test_gateway_errors_are_the_gateways_body(http, company, status, reason):
    add_fault(http, company.company_id, status=status)

    response = company.get("/customer")

    assert response.status_code == status
    assert response.json() == {"statusCode": status, "message": reason}


def test_12027_is_the_ipp_licence_error(http, company):
    add_fault(http, company.company_id, status=12027)

    response = company.get("/customer")

    assert response.status_code == 403
    body = response.json()
    assert re.fullmatch(rf"12027_{GUID}", body.pop("ExceptionMessageID"))
    assert body == {
        "ExceptionType": "IPPException",
        "ExceptionMessage": "No license for this company.",
        "ExceptionFaultCode": "12027",
        "ExceptionDetails": "",
    }


def test_a_status_fault_runs_nothing(http, company):
    add_fault(http, company.company_id, status=503, method="POST")

    response = company.post("/customer", json=minimal_customer("Never written"))

    assert response.status_code == 503
    assert _names(company) == []


def test_latency_delays_the_answer_and_may_come_with_a_status(http, company):
    add_fault(http, company.company_id, latencyMs=300, status=504)

    started = time.monotonic()
    response = company.get("/customer")

    assert time.monotonic() - started >= 0.3
    assert response.status_code == 504


def test_latency_alone_changes_nothing_else(http, company):
    add_fault(http, company.company_id, latencyMs=200)

    started = time.monotonic()
    response = company.get("/customer")

    assert time.monotonic() - started >= 0.2
    assert response.status_code == 200


def test_drop_before_drops_the_connection_and_writes_nothing(http, company):
    add_fault(http, company.company_id, drop="before", method="POST")

    with pytest.raises(httpx2.RemoteProtocolError, match="without sending a response"):
        company.post("/customer", json=minimal_customer("Dropped before"))

    assert _names(company) == []


def test_drop_after_commits_the_write_the_client_never_saw(http, company):
    add_fault(http, company.company_id, drop="after", method="POST", times=1)

    with pytest.raises(httpx2.RemoteProtocolError, match="without sending a response"):
        company.post("/customer", json=minimal_customer("Written unseen"))

    assert _names(company) == ["Written unseen"]


def test_times_counts_down_then_the_rule_is_used_up(http, company):
    rule = add_fault(http, company.company_id, status=503, times=2)

    statuses = [company.get("/customer").status_code for _ in range(3)]

    assert statuses == [503, 503, 200]
    assert rule["times"] == rule["remaining"] == 2
    (listed,) = list_faults(http, company.company_id)
    assert (listed["times"], listed["remaining"]) == (2, 0)


def test_probability_is_drawn_per_call(http, fault_app, company):
    add_fault(http, company.company_id, status=500, probability=0.25)
    book = fault_app.state.faults
    drawn = book.chance
    try:
        book.chance = lambda: 0.3
        missed = company.get("/customer").status_code
        book.chance = lambda: 0.2
        hit = company.get("/customer").status_code
    finally:
        book.chance = drawn

    assert (missed, hit) == (200, 500)


def test_method_narrowing(http, company):
    add_fault(http, company.company_id, status=502, method="post")

    assert company.get("/customer").status_code == 200
    assert company.post("/customer", json=minimal_customer()).status_code == 502


def test_a_path_glob_is_case_insensitive_and_names_both_surfaces(http, company):
    add_fault(http, company.company_id, status=503, path="/V1/Customer*")

    legacy = company.get("/customer")
    current = http.get("/v1/customer", headers=company.headers)
    other = company.get("/vat")

    assert (legacy.status_code, current.status_code) == (503, 503)
    assert other.status_code == 200


def test_other_companies_are_unaffected(http, company, database):
    other = make_tenant(database, http)
    add_fault(http, company.company_id, status=503)

    assert other.get("/customer").status_code == 200
    assert company.get("/customer").status_code == 503


def test_a_rule_narrowed_to_a_legacy_client_spares_other_callers(http, company, database):
    with database.writing() as session:
        owner = create_tenant(session, name=f"Tenant {uuid.uuid4().hex[:6]}")
        client, _secret, _activation = register_client(
            session, tenant=owner, name="Fault client", redirect_uris=["https://example.test/cb"]
        )
        client_id = client.client_id
        client_token = issue_token(session, user=session.get(User, company.user_id), client=client)
    add_fault(http, company.company_id, status=503, clientId=client_id)

    plain = company.get("/customer")
    narrowed = company.get("/customer", headers={"Authorization": f"Bearer {client_token}"})

    assert (plain.status_code, narrowed.status_code) == (200, 503)
    (listed,) = list_faults(http, company.company_id)
    assert listed["clientId"] == client_id


def test_a_rule_narrowed_to_a_connect_application(http, database):
    connected = make_connected(database, http)
    add_fault(http, connected.company_id, status=12027, clientId=connected.client_id)
    token = access_token(http, connected)

    narrowed = http.get("/v1/customer", headers={"Authorization": f"Bearer {token}"})
    legacy = connected.tenant.get("/customer")

    assert narrowed.status_code == 403
    assert narrowed.json()["ExceptionFaultCode"] == "12027"
    assert legacy.status_code == 200


def test_rules_apply_in_order_latencies_add_and_the_first_status_decides(http, company):
    first = add_fault(http, company.company_id, status=502, times=1)
    second = add_fault(http, company.company_id, status=504, times=1)

    statuses = [company.get("/customer").status_code for _ in range(3)]

    assert statuses == [502, 504, 200]
    assert [rule["id"] for rule in list_faults(http, company.company_id)] == [first["id"], second["id"]]


def test_removing_a_rule_stops_it_at_once(http, company):
    rule = add_fault(http, company.company_id, status=503)
    assert company.get("/customer").status_code == 503

    removed = http.delete(f"{ADMIN}/companies/{company.company_id}/faults/{rule['id']}", headers=AUTH)

    assert removed.status_code == 204
    assert company.get("/customer").status_code == 200


def test_clearing_removes_every_rule(http, company):
    add_fault(http, company.company_id, status=503)
    add_fault(http, company.company_id, latencyMs=5)

    cleared = http.delete(f"{ADMIN}/companies/{company.company_id}/faults", headers=AUTH)

    assert cleared.status_code == 204
    assert list_faults(http, company.company_id) == []
    assert company.get("/customer").status_code == 200


@pytest.mark.parametrize(
    ("method", "body", "status"),
    [("GET", None, 200), ("POST", {"name": {"value": "Latency AS"}}, 201)],
    ids=["read", "write"],
)
def test_a_calls_latency_holds_up_no_other_call(fault_app, database, http, company, method, body, status):
    # On SQLite a worker runs calls one at a time on its event loop (sync_work.py), and a server process lets one
    # API write past its gate at a time (kit/call_gate.py): the latency is slept on the loop, out of the gate, so
    # another company's call, sent while the first waits, is answered first.
    add_fault(http, company.company_id, latencyMs=1500, method=method, path="/API/controller/api/v1/customer")
    other = make_tenant(database, http)
    finished: list[str] = []

    async def call(client: httpx2.AsyncClient, name: str, headers: dict, delay: float) -> None:
        await asyncio.sleep(delay)
        response = await client.request(method, "/API/controller/api/v1/customer", json=body, headers=headers)
        assert response.status_code == status, response.text
        finished.append(name)

    async def both() -> None:
        transport = httpx2.ASGITransport(app=fault_app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
            await asyncio.gather(call(client, "delayed", company.headers, 0), call(client, "other", other.headers, 0.2))

    asyncio.run(both())
    assert finished == ["other", "delayed"]
