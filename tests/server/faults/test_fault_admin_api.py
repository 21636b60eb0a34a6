"""The admin API's fault rules and throttle switch: refusals name the field, what was wrong and what is accepted,
in Visma's error body, and write nothing; rules made by one process apply in another (the per-process cache
follows the company's data version), and `times` counts across processes."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from .conftest import ADMIN, AUTH, add_fault, app_on, list_faults


def _refused(http, company_id, body, status=400) -> str:
    response = http.post(f"{ADMIN}/companies/{company_id}/faults", json=body, headers=AUTH)
    assert response.status_code == status, response.text
    message = response.json()["message"]
    assert message.startswith("VismaId: ")
    return message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"status": 418}, "Invalid field 'status': 418 is not injectable; one of 429, 500, 502, 503, 504, 12027"),
        ({"status": 503, "probability": 0}, "Invalid field 'probability': 0.0 is outside (0, 1]"),
        ({"status": 503, "probability": 1.5}, "Invalid field 'probability': 1.5 is outside (0, 1]"),
        ({"status": 503, "times": 0}, "Invalid field 'times': 0; the rule is used up after 'times' calls, 1 or more"),
        ({"method": "GET"}, "The rule has no effect: give 'latencyMs' (1..60000), 'status'"),
        ({"drop": "middle"}, "Invalid field 'drop': 'middle' is not accepted; 'before' or 'after'"),
        ({"drop": "before", "status": 503}, "Invalid field 'drop': a rule answers with 'status' or drops"),
        ({"latencyMs": 0}, "Invalid field 'latencyMs': 0 is out of range; 1 to 60000"),
        ({"latencyMs": 60001}, "Invalid field 'latencyMs': 60001 is out of range; 1 to 60000"),
        ({"status": 503, "path": "v1/customer"}, "Invalid field 'path': 'v1/customer' must start with '/' or '*'"),
        ({"status": 503, "path": "/v1/[abc"}, "Invalid field 'path': '/v1/[abc' has a '[' without its ']'"),
        ({"status": 503, "path": "/v1/a b"}, "Invalid field 'path': '/v1/a b' contains a space"),
        ({"status": 503, "method": "FETCH"}, "Invalid field 'method': 'FETCH' is not accepted; one of GET, HEAD"),
        ({"status": 500, "retryAfter": 5}, "Invalid field 'retryAfter': it belongs"),
        ({"status": 429, "retryAfter": 0}, "Invalid field 'retryAfter': 0 is out of range; 1 to 3600"),
        ({"status": 503, "clientId": "nobody"}, "Invalid field 'clientId': 'nobody' is neither a Connect"),
        ({"status": 503, "latency": 5}, "Invalid field 'latency': Extra inputs are not permitted"),
        ({"status": "often"}, "Invalid field 'status'"),
    ],
)
def test_bad_rules_are_refused_naming_the_field_and_nothing_is_written(http, company, body, expected):
    message = _refused(http, company.company_id, body)

    assert expected in message
    assert list_faults(http, company.company_id) == []


def test_every_problem_is_named_at_once(http, company):
    message = _refused(http, company.company_id, {"status": 200, "probability": 2, "times": -1})

    assert "'status'" in message and "'probability'" in message and "'times'" in message


def test_an_unknown_company_is_404(http):
    message = _refused(http, 2_000_000_000, {"status": 503}, status=404)

    assert "No company has the id 2000000000" in message
    assert http.get(f"{ADMIN}/companies/2000000000/faults", headers=AUTH).status_code == 404
    assert http.put(f"{ADMIN}/companies/2000000000/throttle", json={"enabled": True}, headers=AUTH).status_code == 404
    assert http.post(f"{ADMIN}/companies/2000000000/throttle/reset", headers=AUTH).status_code == 404


def test_an_unknown_rule_is_404(http, company):
    response = http.delete(f"{ADMIN}/companies/{company.company_id}/faults/999999999", headers=AUTH)

    assert response.status_code == 404
    assert f"Company {company.company_id} has no fault rule 999999999" in response.json()["message"]


def test_the_admin_key_is_required(http, company):
    response = http.post(f"{ADMIN}/companies/{company.company_id}/faults", json={"status": 503})

    assert response.status_code == 401
    assert list_faults(http, company.company_id) == []


def test_a_made_rule_is_answered_with_its_id_and_location(http, company):
    response = http.post(
        f"{ADMIN}/companies/{company.company_id}/faults",
        json={"status": 503, "method": "post", "path": "/v1/customer*", "probability": 0.5, "times": 3},
        headers=AUTH,
    )

    assert response.status_code == 201
    made = response.json()
    assert response.headers["Location"].endswith(f"{ADMIN}/companies/{company.company_id}/faults/{made['id']}")
    assert {key: made[key] for key in ("status", "method", "path", "probability", "times", "remaining")} == {
        "status": 503,
        "method": "POST",
        "path": "/v1/customer*",
        "probability": 0.5,
        "times": 3,
        "remaining": 3,
    }


def test_the_throttle_switch_applies_the_real_limits_on_a_server_whose_throttle_is_off(fault_app, http, company):
    assert fault_app.state.throttle.policy == "off"
    throttle = fault_app.state.throttle
    clock = throttle.clock
    throttle.clock = lambda: 1_800_000_030  # one minute's window for every call of this test
    try:
        before = company.get("/customer")
        switched = http.put(f"{ADMIN}/companies/{company.company_id}/throttle", json={"enabled": True}, headers=AUTH)
        read = http.get(f"{ADMIN}/companies/{company.company_id}/throttle", headers=AUTH)
        statuses = [company.get("/customer").status_code for _ in range(6)]
        sixth = company.get("/customer")
        reset = http.post(f"{ADMIN}/companies/{company.company_id}/throttle/reset", headers=AUTH)
        after_reset = company.get("/customer")
        http.put(f"{ADMIN}/companies/{company.company_id}/throttle", json={"enabled": False}, headers=AUTH)
        off = [company.get("/customer").status_code for _ in range(7)]
    finally:
        throttle.clock = clock

    assert "X-RateLimit-Limit" not in before.headers
    assert switched.status_code == 200 and switched.json() == {"companyId": company.company_id, "enabled": True}
    assert read.json()["enabled"] is True
    assert statuses == [200] * 5 + [429]
    assert sixth.status_code == 429
    assert "SameRequestLimit allows 5 identical requests per minute" in sixth.json()["message"]
    assert reset.status_code == 204
    assert after_reset.status_code == 200
    assert after_reset.headers["X-RateLimit-Limit"] == "15000"  # a token without a client: the production limit
    assert off == [200] * 7


def test_the_throttle_switch_body_is_checked(http, company):
    response = http.put(f"{ADMIN}/companies/{company.company_id}/throttle", json={"enabled": "yes"}, headers=AUTH)

    assert response.status_code == 400
    assert "Invalid field 'enabled'" in response.json()["message"]


def test_a_rule_made_in_one_process_applies_in_another_and_times_counts_across_them(database, http, company, tmp_path):
    with TestClient(app_on(database, tmp_path)) as second:
        assert second.get(company.url("/customer"), headers=company.headers).status_code == 200  # cached: no rules
        add_fault(http, company.company_id, status=503, times=3)
        statuses = [
            client.get(company.url("/customer"), headers=company.headers).status_code
            for client in (second, http, second, http, second)
        ]
        http.delete(f"{ADMIN}/companies/{company.company_id}/faults", headers=AUTH)
        add_fault(http, company.company_id, status=502)
        replaced = second.get(company.url("/customer"), headers=company.headers).status_code

    assert statuses == [503, 503, 503, 200, 200]
    assert replaced == 502
