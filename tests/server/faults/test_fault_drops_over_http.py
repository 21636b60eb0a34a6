"""Dropped connections over real HTTP: `nettfin serve` in a subprocess (two workers), the rules made through its
admin API. The client sees its connection closed with no HTTP response; drop-after committed the write, drop-
before wrote nothing; the server answers the next call as usual."""

from __future__ import annotations

from collections.abc import Iterator

import httpx2
import pytest

from tests.conftest import LEGACY_PREFIX, make_tenant
from tests.factories import add_reference_data, minimal_customer
from tests.servers import LiveServer, serve_with_log, stop_server

from .conftest import ADMIN, AUTH, KEY


@pytest.fixture(scope="module")
def live(database_url, tmp_path_factory) -> Iterator[LiveServer]:
    process, server = serve_with_log(database_url, tmp_path_factory.mktemp("served"), NETTFIN_ADMIN_API_KEY=KEY)
    yield server
    stop_server(process)


@pytest.fixture
def served(live) -> str:
    return live.base


@pytest.fixture
def company(database, http):
    tenant = make_tenant(database, http)
    add_reference_data(tenant)
    return tenant


def _rule(base: str, company_id: int, **rule) -> None:
    response = httpx2.post(f"{base}{ADMIN}/companies/{company_id}/faults", json=rule, headers=AUTH, timeout=10)
    assert response.status_code == 201, response.text


def _customers(base: str, company) -> list[str]:
    response = httpx2.get(f"{base}{LEGACY_PREFIX}/v1/customer", headers=company.headers, timeout=10)
    assert response.status_code == 200, response.text
    return [row["name"] for row in response.json()]


def _post_customer(base: str, company, name: str):
    return httpx2.post(
        f"{base}{LEGACY_PREFIX}/v1/customer", json=minimal_customer(name), headers=company.headers, timeout=10
    )


def test_drop_before_closes_the_connection_without_a_response_and_writes_nothing(served, company):
    _rule(served, company.company_id, drop="before", method="POST", times=1)

    with pytest.raises(httpx2.RemoteProtocolError, match="without sending a response"):
        _post_customer(served, company, "Dropped before")

    assert _customers(served, company) == []
    assert _post_customer(served, company, "Second try").status_code == 201


def test_drop_after_closes_the_connection_after_the_write_committed(live, served, company):
    mark = len(live.log)
    _rule(served, company.company_id, drop="after", method="POST", times=1)

    with pytest.raises(httpx2.RemoteProtocolError, match="without sending a response"):
        _post_customer(served, company, "Written unseen")

    assert _customers(served, company) == ["Written unseen"]
    # uvicorn saw the client go: no "Exception in ASGI application", no "returned without starting response".
    assert not [line for line in live.logged_since(mark) if "ASGI" in line or "Traceback" in line]


def test_a_status_fault_over_http(served, company):
    _rule(served, company.company_id, status=503, times=1)

    response = httpx2.get(f"{served}{LEGACY_PREFIX}/v1/customer", headers=company.headers, timeout=10)

    assert response.status_code == 503
    assert response.json() == {"statusCode": 503, "message": "Service Unavailable"}
    assert _customers(served, company) == []
