"""Throttling as the knowledge base describes it (HTTP 429; 500/hour for test clients, 15,000 for production
clients; SameRequestLimit; ClientErrorLimit), with the X-RateLimit-* headers on every counted response."""

from __future__ import annotations

import os
import uuid

import pytest
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.identity.models import ORIGIN_CLIENT
from nettfin.server.identity.service import (
    activate_client,
    create_company,
    create_tenant,
    create_user,
    grant_company,
    issue_token,
    register_client,
)
from nettfin.server.settings import Settings
from nettfin.server.throttle.policy import Limits, Throttle
from nettfin.server.throttle.stores import MemoryStore, RedisStore, SqlStore
from tests.conftest import in_ci

NOON = 1_800_000_000 - 1_800_000_000 % 3600 + 1800  # half past some hour: no window edge near


def make_caller(database, client_type: str | None) -> tuple[int, str]:
    """A company and a token issued to a client of the given type (None: a development token)."""
    with database.writing() as session:
        tenant = create_tenant(session, name="Throttled")
        company = create_company(session, name="Throttled AS", tenant=tenant)
        user = create_user(session, email=f"{uuid.uuid4().hex[:10]}@example.test", tenant=tenant)
        grant_company(session, user=user, company=company)
        client = None
        if client_type:
            client, _secret, activation = register_client(
                session, tenant=tenant, name="Client", redirect_uris=["https://x.example/cb"], client_type=client_type
            )
            activate_client(session, activation=activation)
        token = issue_token(session, user=user, client=client, origin=ORIGIN_CLIENT if client else "development")
    return company.id, token


@pytest.fixture
def throttled(database, tmp_path):
    """An app with the test policy and small limits, on a fixed clock."""

    def build(policy: str = "test", **limits):
        app = create_app(Settings(data_dir=tmp_path, throttle=policy), database=database)
        app.state.throttle = Throttle(policy=policy, store=MemoryStore(), limits=Limits(**limits), clock=lambda: NOON)
        return TestClient(app, raise_server_exceptions=False)

    return build


def get(client: TestClient, company_id: int, token: str, path: str = "/customer", **params):
    headers = {"Authorization": f"Bearer {token}", "ipp-company-id": str(company_id)}
    return client.get(f"/API/controller/api/v1{path}", headers=headers, params=params)


def test_every_counted_response_carries_the_rate_limit_headers(database, throttled):
    client = throttled(test=500)
    company_id, token = make_caller(database, "test")
    for response in (get(client, company_id, token), get(client, company_id, token, "/customer/NOPE")):
        assert response.headers["X-RateLimit-Limit"] == "500"
        assert response.headers["X-RateLimit-Policy"] == "IntervalLimit"
        assert int(response.headers["X-RateLimit-Reset"]) == NOON + 1800
    assert get(client, company_id, token, pageNumber=2).headers["X-RateLimit-Remaining"] == "497"


def test_a_test_client_gets_its_hourly_limit_then_429_with_retry_after(database, throttled):
    client = throttled(test=3, same_request=100)
    company_id, token = make_caller(database, "test")
    statuses = [get(client, company_id, token, pageNumber=n).status_code for n in range(1, 5)]
    assert statuses == [200, 200, 200, 429]
    response = get(client, company_id, token, pageNumber=9)
    assert response.headers["Retry-After"] == "1800"
    assert response.headers["X-RateLimit-Remaining"] == "0"
    assert "IntervalLimit allows 3 calls per hour" in response.json()["message"]
    assert response.json()["message"].startswith("VismaId: ")


def test_a_throttled_write_executes_nothing(database, throttled):
    client = throttled(test=1)
    company_id, token = make_caller(database, "test")
    headers = {"Authorization": f"Bearer {token}", "ipp-company-id": str(company_id)}
    get(client, company_id, token)
    response = client.post("/API/controller/api/v1/customer", headers=headers, json={"name": {"value": "Never"}})
    assert response.status_code == 429
    with database.reading() as session:
        from sqlalchemy import func, select

        from nettfin.server.receivables.models import Customer

        assert session.scalar(select(func.count()).where(Customer.company_id == company_id)) == 0


def test_limits_are_per_company(database, throttled):
    client = throttled(test=1)
    company_a, token_a = make_caller(database, "test")
    company_b, token_b = make_caller(database, "test")
    assert get(client, company_a, token_a).status_code == 200
    assert get(client, company_b, token_b).status_code == 200
    assert get(client, company_a, token_a, pageNumber=2).status_code == 429


def test_production_clients_get_the_production_limit_under_the_test_policy(database, throttled):
    client = throttled(test=1, production=2)
    company_id, token = make_caller(database, "production")
    response = get(client, company_id, token)
    assert response.headers["X-RateLimit-Limit"] == "2"
    assert response.headers["X-RateLimit-Policy"] == "TenantIntervalLimit"


def test_the_production_policy_gives_every_client_the_production_limit(database, throttled):
    client = throttled("production", test=1, production=15_000)
    company_id, token = make_caller(database, "test")
    assert get(client, company_id, token).headers["X-RateLimit-Limit"] == "15000"
    assert get(client, company_id, token, pageNumber=2).status_code == 200


def test_the_production_policy_never_refuses_a_developer_repeating_a_request(database, throttled):
    client = throttled("production", same_request=5, client_error=2)
    company_id, token = make_caller(database, "test")
    assert [get(client, company_id, token).status_code for _ in range(8)] == [200] * 8
    assert [get(client, company_id, token, "/customer/NOPE").status_code for _ in range(5)] == [404] * 5


def test_the_off_policy_counts_nothing(database, throttled):
    client = throttled("off", test=1)
    company_id, token = make_caller(database, "test")
    responses = [get(client, company_id, token, pageNumber=n) for n in (1, 2, 3)]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert "X-RateLimit-Limit" not in responses[0].headers


def test_the_same_request_more_than_five_times_a_minute_is_throttled(database, throttled):
    client = throttled(same_request=5)
    company_id, token = make_caller(database, "test")
    statuses = [get(client, company_id, token, pageNumber=1).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    response = get(client, company_id, token, pageNumber=1)
    assert "Same request made too many times" in response.json()["message"]
    assert response.headers["X-RateLimit-Policy"] == "SameRequestLimit"
    assert get(client, company_id, token, pageNumber=2).status_code == 200


def test_a_failed_request_may_be_repeated_twice_then_client_error_limit(database, throttled):
    client = throttled(same_request=100, client_error=2)
    company_id, token = make_caller(database, "test")
    statuses = [get(client, company_id, token, "/customer/NOPE").status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]
    response = get(client, company_id, token, "/customer/NOPE")
    assert response.headers["X-RateLimit-Policy"] == "ClientErrorLimit"
    assert get(client, company_id, token, "/customer/OTHER").status_code == 404


def test_the_sql_store_counts_exactly_under_concurrent_threads(database):
    from concurrent.futures import ThreadPoolExecutor

    store = SqlStore(database)
    key = f"test:{uuid.uuid4().hex}"
    with ThreadPoolExecutor(max_workers=8) as pool:
        counts = list(pool.map(lambda _: store.hit([(key, NOON + 3600)])[0], range(80)))
    assert sorted(counts) == list(range(1, 81))
    assert store.count(key) == 80


@pytest.fixture(scope="module")
def redis_url():
    url = os.environ.get("NETTFIN_TEST_REDIS_URL")
    if not url:
        pytest.skip("NETTFIN_TEST_REDIS_URL is not set: Redis store tests skipped")
    try:
        RedisStore(url, namespace="probe").count("ping")
    except Exception as exc:  # noqa: BLE001 - any connection failure means "not reachable"
        if in_ci():
            pytest.fail(f"CI=true requires Redis at {url}: {exc}", pytrace=False)
        pytest.skip(f"Redis at {url} is not reachable: {exc.__class__.__name__}")
    return url


def test_the_redis_store_counts_exactly_under_concurrent_threads(redis_url):
    from concurrent.futures import ThreadPoolExecutor

    store = RedisStore(redis_url, namespace=uuid.uuid4().hex)
    key = f"test:{uuid.uuid4().hex}"
    with ThreadPoolExecutor(max_workers=8) as pool:
        counts = list(pool.map(lambda _: store.hit([(key, NOON + 3600)])[0], range(80)))
    assert sorted(counts) == list(range(1, 81))
