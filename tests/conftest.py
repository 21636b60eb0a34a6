"""Test fixtures: the whole suite runs on SQLite and, when NETTFIN_TEST_POSTGRES_URL is set, on PostgreSQL.

Each backend gets a fresh database, migrated with Alembic, for the test session. Tests isolate themselves by
company: the `tenant` fixture creates a new company, user and token, so nothing leaks between tests and
nothing needs rolling back.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from starlette.testclient import TestClient

from nettfin.server.app import LEGACY_PREFIX, create_app
from nettfin.server.db.engine import Database, normalise_url
from nettfin.server.db.migrate import upgrade
from nettfin.server.identity.service import create_company, create_user, grant_company, issue_token
from nettfin.server.numbering.service import CUSTOMER, create_series
from nettfin.server.settings import Settings
from tests.openapi_check import ResponseCheck, response_hook
from tests.servers import LiveServer, serve_with_log, stop_server

BACKENDS = ["sqlite", "postgresql"]
# A project of nettfin's users, with its own pytest.ini: tests/testing/test_sample_project.py runs it; not collected.
collect_ignore = ["sample_project"]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def postgres_server_url() -> str | None:
    return os.environ.get("NETTFIN_TEST_POSTGRES_URL") or None


def _postgres_unavailable_reason() -> str | None:
    url = postgres_server_url()
    if url is None:
        return "NETTFIN_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped"
    try:
        engine = create_engine(normalise_url(url))
        with engine.connect():
            pass
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - any connection failure means "not reachable"
        return f"PostgreSQL at {make_url(url).render_as_string()} is not reachable: {exc.__class__.__name__}"
    return None


@pytest.fixture(scope="session")
def postgres_available() -> None:
    reason = _postgres_unavailable_reason()
    if reason is None:
        return
    if in_ci():
        pytest.fail(f"CI=true requires PostgreSQL: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def fresh_postgres_url(postgres_available) -> Iterator[str]:
    """A new, empty database on the PostgreSQL server, dropped after the session."""
    with new_postgres_database() as url:
        yield url


@contextmanager
def new_postgres_database(template: str | None = None) -> Iterator[str]:
    """A new database on the PostgreSQL server, dropped when the block ends: empty, or a copy of the database
    named `template` (which nothing may be connected to)."""
    server = make_url(normalise_url(postgres_server_url()))
    name = f"nettfin_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    copy = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def own_database(database_url: str, tmp_path_factory) -> Iterator[Database]:
    """A migrated database of the same kind as `database_url`, for a module whose app must be the only one with job
    workers on it, or none: the suite's app runs workers on the shared database, and they would take its jobs."""
    if database_url.startswith("postgresql"):
        with new_postgres_database() as url:
            upgrade(url)
            db = Database(url)
            yield db
            db.dispose()
        return
    url = f"sqlite:///{tmp_path_factory.mktemp('own') / 'nettfin.db'}"
    upgrade(url)
    db = Database(url)
    yield db
    db.dispose()


def _database_url(backend: str, request: pytest.FixtureRequest, tmp_path_factory) -> str:
    if backend == "postgresql":
        return request.getfixturevalue("fresh_postgres_url")
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'nettfin.db'}"


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory) -> str:
    url = _database_url(request.param, request, tmp_path_factory)
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def database(database_url) -> Iterator[Database]:
    db = Database(database_url)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def app(database, tmp_path_factory):
    return create_app(Settings(data_dir=Path(tmp_path_factory.mktemp("data"))), database=database)


@pytest.fixture(scope="session")
def client(app) -> Iterator[TestClient]:
    """The suite's client: every response it receives must be what the OpenAPI document declares."""
    with TestClient(app, raise_server_exceptions=False) as test_client:
        test_client.event_hooks = {"request": [], "response": [response_hook(ResponseCheck(app.openapi()))]}
        yield test_client


@pytest.fixture(scope="session")
def live_server(database_url, tmp_path_factory) -> Iterator[LiveServer]:
    """One real server (two worker processes, default settings) on the session's database, shared by every test
    that needs real HTTP, real concurrency or a browser. Tests isolate themselves by company, as with `client`;
    a module that needs other settings (a throttle, a size limit, a restart) starts its own."""
    process, server = serve_with_log(database_url, tmp_path_factory.mktemp("live-server"))
    yield server
    stop_server(process)


@pytest.fixture(scope="session")
def server(live_server) -> str:
    """The shared live server's base URL (`http://127.0.0.1:PORT`)."""
    return live_server.base


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As this machine kind's probe starts it: no sandbox as root, no background traffic to hosts it cannot reach.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def chromium():
    """Debian's chromium driven by Playwright, one per test module; skipped where it is not installed (a
    failure under CI=true, which requires the browser tests)."""
    if not os.path.exists(CHROMIUM):
        reason = "Debian's chromium is not installed (make test installs it where apt-get is available)"
        if in_ci():
            pytest.fail(f"CI=true requires the browser tests: {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A page in a fresh browser context (its own cookies), closed after the test."""
    context = chromium.new_context()
    yield context.new_page()
    context.close()


@dataclass
class Tenant:
    """A company of its own, with a user and a token that may use it."""

    company_id: int
    user_id: int
    token: str
    client: TestClient
    database: Database

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "ipp-company-id": str(self.company_id)}

    def url(self, path: str) -> str:
        return f"{LEGACY_PREFIX}/v1{path}"

    def get(self, path: str, **kwargs):
        return self.client.get(self.url(path), headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)

    def post(self, path: str, json=None, **kwargs):
        return self.client.post(
            self.url(path), json=json, headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs
        )

    def put(self, path: str, json=None, **kwargs):
        return self.client.put(
            self.url(path), json=json, headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs
        )


def make_tenant(database: Database, client: TestClient, *, manual_numbering: bool = False) -> Tenant:
    with database.writing() as session:
        company = create_company(session, name=f"Test company {uuid.uuid4().hex[:6]}")
        user = create_user(session, email=f"{uuid.uuid4().hex[:10]}@example.test")
        grant_company(session, user=user, company=company)
        token = issue_token(session, user=user)
        create_series(
            session,
            company_id=company.id,
            series_id=CUSTOMER,
            description="Customers",
            start_after=10000,
            manual=manual_numbering,
        )
    return Tenant(company.id, user.id, token, client, database)


@pytest.fixture
def tenant(database, client) -> Tenant:
    return make_tenant(database, client)


@pytest.fixture
def other_tenant(database, client) -> Tenant:
    return make_tenant(database, client)


@pytest.fixture(scope="module")
def idle_database(database_url, tmp_path_factory) -> Iterator[Database]:
    """A module's own database, for `idle_tenant`: no other app's job workers take its jobs."""
    with own_database(database_url, tmp_path_factory) as db:
        yield db


@pytest.fixture
def idle_tenant(idle_database, tmp_path) -> Iterator[Tenant]:
    """A tenant on an app whose job workers do not run: a queued job waits until the test runs or claims it."""
    app = create_app(Settings(data_dir=tmp_path, job_workers=0), database=idle_database)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield make_tenant(idle_database, client)
