"""The pytest plugin: a nettfin server for the test session and a company of its own for every test.

Installed with nettfin (entry point `pytest11`), it does nothing until a test asks for one of its fixtures:

- `nettfin_server`: the server (session): nettfin in this process on a free port (the demo company, the `demo`
  template, throttle off), or the one `--nettfin-url` names (with `--nettfin-admin-key`);
- `nettfin_company`: a new company cloned from a template for the test (`@pytest.mark.nettfin_template("name")`,
  default `--nettfin-template`, else `demo`): its tenant id, its own Connect application's client id and secret,
  a development token; deleted after the test on an external server (unless `--nettfin-keep`);
- `nettfin_client`: an SDK client (`nettfin.client.Client`) signed in to that company through Visma Connect;
- `nettfin`: all of it in one object, with `faults(...)` and `calls(...)`;
- `nettfin_admin`: the admin API's client (`nettfin.testing.admin.AdminClient`).

With pytest-xdist every worker process has its own in-process server (its own database), and every test its own
company wherever it runs. docs/testing.md shows a complete test file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from .admin import AdminClient, Company

DEFAULT_TEMPLATE = "demo"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("nettfin", "nettfin: a Visma.net Financials API for tests")
    group.addoption(
        "--nettfin-url",
        default=os.environ.get("NETTFIN_URL"),
        help="Use the nettfin server at this URL (env NETTFIN_URL) instead of one in the test process.",
    )
    group.addoption(
        "--nettfin-admin-key",
        default=os.environ.get("NETTFIN_ADMIN_API_KEY"),
        help="That server's admin API key (env NETTFIN_ADMIN_API_KEY).",
    )
    group.addoption(
        "--nettfin-database-url",
        default=os.environ.get("NETTFIN_TEST_DATABASE_URL"),
        help="Run the in-process server on this database (e.g. PostgreSQL) instead of a SQLite file.",
    )
    group.addoption(
        "--nettfin-template",
        default=DEFAULT_TEMPLATE,
        help="The template each test's company is cloned from, unless the test names one (default: demo).",
    )
    group.addoption(
        "--nettfin-keep",
        action="store_true",
        default=False,
        help="Keep each test's company on an external server instead of deleting it after the test.",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "nettfin_template(name): the template the test's nettfin company is cloned from")


@dataclass(frozen=True)
class Server:
    base_url: str
    admin_key: str
    in_process: bool


@pytest.fixture(scope="session")
def nettfin_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    options = request.config.option
    if options.nettfin_url:
        if not options.nettfin_admin_key:
            raise pytest.UsageError("--nettfin-url needs --nettfin-admin-key (or NETTFIN_ADMIN_API_KEY)")
        yield Server(options.nettfin_url.rstrip("/"), options.nettfin_admin_key, in_process=False)
        return
    from .server import InProcessServer

    server = InProcessServer(tmp_path_factory.mktemp("nettfin"), database_url=options.nettfin_database_url)
    with server:
        yield Server(server.base_url, server.admin_key, in_process=True)


@pytest.fixture(scope="session")
def nettfin_admin(nettfin_server: Server) -> Iterator[AdminClient]:
    admin = AdminClient(nettfin_server.base_url, nettfin_server.admin_key)
    yield admin
    admin.close()


@pytest.fixture
def nettfin_company(
    request: pytest.FixtureRequest, nettfin_server: Server, nettfin_admin: AdminClient
) -> Iterator[Company]:
    marker = request.node.get_closest_marker("nettfin_template")
    template = marker.args[0] if marker and marker.args else request.config.option.nettfin_template
    company = nettfin_admin.clone(template)
    yield company
    # An in-process server's database goes with the session: deleting would only cost time.
    if not nettfin_server.in_process and not request.config.option.nettfin_keep:
        nettfin_admin.delete_company(company.company_id)


@pytest.fixture
def nettfin_client(nettfin_company: Company) -> Iterator[Any]:
    from nettfin.client import Client, ClientCredentials

    auth = ClientCredentials(
        nettfin_company.client_id,
        nettfin_company.client_secret,
        nettfin_company.tenant_id,
        issuer=nettfin_company.base_url,
    )
    with Client(base_url=nettfin_company.base_url, token=auth) as client:
        yield client


class Harness:
    """One test's nettfin: its company, an SDK client for it, and the admin API's test controls."""

    def __init__(self, company: Company, client: Any, admin: AdminClient) -> None:
        self.company = company
        self.client = client
        self.admin = admin

    @property
    def base_url(self) -> str:
        return self.company.base_url

    def faults(self, **rule: Any):
        """A context manager: the company's calls misbehave as the rule says while the block runs
        (`status=503`, `times=2`, `latencyMs=200`, `drop="after"`, `method=`, `path=`, ...)."""
        from .faults import faults

        return faults(self.admin, self.company.company_id, **rule)

    @property
    def clock(self):
        """The company's own clock: `now()`, `set(when, frozen=False)`, `advance(days=, hours=, ...)`, `freeze()`,
        `resume()`, `reset()`; other companies keep real time."""
        from .clock import CompanyClock

        return CompanyClock(self.admin, self.company.company_id)

    def calls(self, **filters: Any) -> list:
        """The API calls made to the company so far (`method=`, `path=`, `status=`), oldest first."""
        from .calls import calls

        return calls(self.admin, company_id=self.company.company_id, **filters)


@pytest.fixture
def nettfin(nettfin_company: Company, nettfin_client: Any, nettfin_admin: AdminClient) -> Harness:
    return Harness(nettfin_company, nettfin_client, nettfin_admin)
