"""Numbers stay unique under concurrent POSTs: a real server with two worker processes, on both databases."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest

from .conftest import make_tenant
from .factories import add_reference_data, minimal_customer

PARALLEL = 40


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory):
    port = _free_port()
    env = {**os.environ, "NETTFIN_DATA_DIR": str(tmp_path_factory.mktemp("server"))}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nettfin.cli.main",
            "serve",
            "--database-url",
            database_url,
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"{base}/swagger", timeout=1).status_code == 200:
                break
        except httpx2.TransportError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail(f"server did not start: {process.stderr.read().decode()[-2000:]}")
    yield base
    process.terminate()
    process.wait(timeout=20)


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
