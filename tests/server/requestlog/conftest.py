"""The request log's tests run on a database of their own (both kinds): they clear and prune the log, and their
app runs the job workers that replay background calls."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.db.engine import Database
from nettfin.server.settings import Settings
from tests.conftest import own_database

KEY = "request-log-admin-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
API = "/admin/api"


@pytest.fixture(scope="module")
def database(database_url, tmp_path_factory) -> Iterator[Database]:
    with own_database(database_url, tmp_path_factory) as db:
        yield db


def logging_client(database: Database, tmp_path, **settings) -> Iterator[TestClient]:
    app = create_app(Settings(data_dir=tmp_path, admin_api_key=KEY, **settings), database=database)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="module")
def client(database, tmp_path_factory) -> Iterator[TestClient]:
    """The API and the admin API of one app (the request log on, default settings)."""
    yield from logging_client(database, tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def app(client):
    return client.app


class Admin:
    """The admin API, as `nettfin.testing.calls` takes it."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def request(self, method: str, path: str, params: dict | None = None, json: dict | None = None):
        return self.client.request(method, f"{API}{path}", params=params, json=json, headers=AUTH)


@pytest.fixture
def admin(client) -> Admin:
    return Admin(client)
