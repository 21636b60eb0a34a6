"""The fault tests' app: the admin API on, no job workers, and a client that re-raises what the app raises, so a
dropped connection reaches the test as the transport error an HTTP client sees."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.settings import Settings
from tests.conftest import Tenant, make_tenant
from tests.factories import add_reference_data

KEY = "fault-admin-key"
ADMIN = "/admin/api"
AUTH = {"Authorization": f"Bearer {KEY}"}


def app_on(database, data_dir, **settings):
    return create_app(Settings(data_dir=data_dir, job_workers=0, admin_api_key=KEY, **settings), database=database)


@pytest.fixture(scope="module")
def fault_app(database, tmp_path_factory):
    return app_on(database, tmp_path_factory.mktemp("faults"))


@pytest.fixture(scope="module")
def http(fault_app) -> Iterator[TestClient]:
    with TestClient(fault_app) as client:
        yield client


@pytest.fixture
def company(database, http) -> Tenant:
    tenant = make_tenant(database, http)
    add_reference_data(tenant)
    return tenant


def add_fault(http: TestClient, company_id: int, **rule) -> dict:
    response = http.post(f"{ADMIN}/companies/{company_id}/faults", json=rule, headers=AUTH)
    assert response.status_code == 201, response.text
    return response.json()


def list_faults(http: TestClient, company_id: int) -> list[dict]:
    response = http.get(f"{ADMIN}/companies/{company_id}/faults", headers=AUTH)
    assert response.status_code == 200, response.text
    return response.json()
