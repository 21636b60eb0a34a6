"""Numbers stay unique under concurrent POSTs: a real server with two worker processes, on both databases."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest

from tests.conftest import make_tenant
from tests.factories import add_reference_data, minimal_customer
from tests.server.throttle.test_throttle import redis_url  # noqa: F401 - a fixture
from tests.servers import start_server, stop_server

PARALLEL = 40


def _post_all(base: str, tenant, bodies: list[dict]) -> list[httpx2.Response]:
    url = f"{base}/API/controller/api/v1/customer"
    with httpx2.Client(timeout=60) as client, ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        return list(pool.map(lambda body: client.post(url, json=body, headers=tenant.headers), bodies))


def test_parallel_creations_get_distinct_consecutive_numbers(server, database, client):
    tenant = make_tenant(database, client)
    add_reference_data(tenant)
    responses = _post_all(server, tenant, [minimal_customer(f"Parallel {i}") for i in range(PARALLEL)])
    assert [r.status_code for r in responses] == [201] * PARALLEL
    numbers = sorted(int(r.headers["Location"].rsplit("/", 1)[-1]) for r in responses)
    assert numbers == list(range(10001, 10001 + PARALLEL))
    listed = tenant.get("/customer").json()
    assert len(listed) == PARALLEL and listed[0]["metadata"]["totalCount"] == PARALLEL


def test_parallel_creations_of_one_given_number_create_it_once(server, database, client):
    tenant = make_tenant(database, client)
    add_reference_data(tenant)
    body = minimal_customer("Same", number={"value": "DUP"}, overrideNumberSeries={"value": True})
    responses = _post_all(server, tenant, [body] * 10)
    assert sorted(r.status_code for r in responses) == [201] + [400] * 9
    assert all("already exists" in r.json()["message"] for r in responses if r.status_code == 400)
    assert [c["number"] for c in tenant.get("/customer").json()] == ["DUP"]


LIMIT = 60


@pytest.fixture(params=["sql", "redis"])
def throttled_server(request, database_url, tmp_path_factory):
    env = {"NETTFIN_THROTTLE_TEST_LIMIT": str(LIMIT), "NETTFIN_THROTTLE_SAME_REQUEST_LIMIT": "100000"}
    if request.param == "redis":
        env["NETTFIN_REDIS_URL"] = request.getfixturevalue("redis_url")
    process, base = start_server(database_url, tmp_path_factory.mktemp("throttled"), throttle="test", **env)
    yield base
    stop_server(process)


def test_exactly_the_limit_succeeds_when_two_processes_race(throttled_server, database):
    from tests.server.throttle.test_throttle import make_caller

    company_id, token = make_caller(database, "test")
    headers = {"Authorization": f"Bearer {token}", "ipp-company-id": str(company_id)}
    url = f"{throttled_server}/API/controller/api/v1/customer"
    with httpx2.Client(timeout=60) as client, ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        responses = list(
            pool.map(lambda n: client.get(url, params={"pageNumber": n}, headers=headers), range(1, LIMIT + 101))
        )
    statuses = [r.status_code for r in responses]
    assert statuses.count(200) == LIMIT
    assert statuses.count(429) == 100
