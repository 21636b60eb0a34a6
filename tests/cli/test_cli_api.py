"""The `nettfin` API commands (login, context, get, create, update, logout) with typer's CliRunner, on
both databases. The commands talk to the real app in process: the test hands them the app's transport through
click's context object (`obj`), the one seam the CLI has for it; everything else is the real command."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx2
import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from nettfin.cli.main import app
from nettfin.client import OAuthError, VismaConnect
from nettfin.server.identity.connect.service import find_application, grant_application
from nettfin.server.identity.models import Company
from tests.client.test_connect_client_sdk import browser_user, interactive, make_web_application  # noqa: F401 - a fixture
from tests.client.test_sdk_oauth import approve
from tests.connect_helpers import make_connected
from tests.factories import add_reference_data, insert_customers
from tests.oauth_helpers import make_organisation
from tests.sdk_helpers import BASE_URL, app_transport
from tests.servers import free_port

runner = CliRunner()


@pytest.fixture
def config_home(tmp_path) -> Path:
    return tmp_path / "config"


@pytest.fixture
def nettfin(tenant, config_home):
    """Runs `nettfin ...` against the app in process, with its own config directory; returns the result."""

    def run(*args: str, expect: int = 0, transport=None, env=None, input=None, **obj):  # noqa: A002
        result = runner.invoke(
            app,
            list(args),
            env={
                "XDG_CONFIG_HOME": str(config_home),
                "NETTFIN_TOKEN": None,
                "NETTFIN_BASE_URL": None,
                "NETTFIN_CLIENT_SECRET": None,
                **(env or {}),
            },
            input=input,
            obj={"transport": transport or app_transport(tenant.client), **obj},
        )
        assert result.exit_code == expect, (result.stdout, result.stderr, result.exception)
        return result

    return run


@pytest.fixture
def logged_in(nettfin, tenant):
    nettfin("login", "--base-url", BASE_URL, "--token", tenant.token)
    return nettfin


def saved(config_home: Path) -> dict:
    return json.loads((config_home / "nettfin" / "credentials.json").read_text())


# --- login and the saved credentials -----------------------------------------------------------------------


def test_login_with_a_token_saves_it_readable_by_the_user_only_and_picks_the_only_company(nettfin, tenant, config_home):
    result = nettfin("login", "--base-url", BASE_URL, "--token", tenant.token)
    path = config_home / "nettfin" / "credentials.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert saved(config_home) == {
        "base_url": BASE_URL,
        "token": tenant.token,
        "refresh_token": None,
        "company_id": tenant.company_id,
        "client_id": None,
        "client_secret": None,
    }
    assert f"Using company {tenant.company_id}" in result.stderr


def test_a_credentials_file_made_readable_by_others_is_tightened_on_the_next_save(logged_in, config_home, tenant):
    path = config_home / "nettfin" / "credentials.json"
    path.chmod(0o644)
    logged_in("context", "--use", str(tenant.company_id))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_login_through_the_browser_saves_the_token_and_refresh_token(database, client, config_home):
    redirect_uri = f"http://127.0.0.1:{free_port()}/callback"
    org = make_organisation(database, redirect_uri=redirect_uri)

    def user_in_browser(url: str) -> None:
        with TestClient(client.app, raise_server_exceptions=False) as browser:
            location = approve(browser, url, org.email).headers["location"]
        httpx2.get(location, timeout=10, trust_env=False)

    result = runner.invoke(
        app,
        [
            "login",
            "--base-url",
            BASE_URL,
            "--client-id",
            org.client_id,
            "--client-secret",
            org.client_secret,
            "--redirect-uri",
            redirect_uri,
            "--timeout",
            "30",
        ],
        env={"XDG_CONFIG_HOME": str(config_home)},
        obj={"transport": app_transport(client), "open_browser": user_in_browser},
    )
    assert result.exit_code == 0, (result.stdout, result.stderr)
    credentials = saved(config_home)
    assert credentials["token"] and credentials["refresh_token"]
    assert (credentials["client_id"], credentials["company_id"]) == (org.client_id, org.company_id)


def test_logout_revokes_the_token_and_forgets_it(logged_in, tenant, config_home, client):
    result = logged_in("logout")
    assert "Logged out." in result.stderr
    assert not (config_home / "nettfin" / "credentials.json").exists()
    revoked = client.get("/API/resources/v1/context", headers={"Authorization": f"Bearer {tenant.token}"})
    assert revoked.status_code == 401


def test_commands_without_a_login_say_how_to_log_in(nettfin):
    result = nettfin("get", "customer", expect=1)
    assert "not logged in" in result.stderr and "nettfin login" in result.stderr


# --- context and get ---------------------------------------------------------------------------------------


def test_context_lists_the_companies_as_json(logged_in, tenant):
    companies = json.loads(logged_in("context", "-o", "json").stdout)
    assert [(c["id"], c["type"]) for c in companies] == [(tenant.company_id, "Company")]


def test_get_one_record_prints_it_as_json_with_exact_decimals(logged_in, tenant):
    insert_customers(tenant, 1)
    output = logged_in("get", "customer", "C00001", "-o", "json").stdout
    record = json.loads(output, parse_float=Decimal)
    assert record["number"] == "C00001"
    assert '"creditLimit": 0.0000' in output  # the service's scale, not 0.0


def test_get_a_list_prints_one_page_and_all_pages_with_filters(logged_in, tenant):
    insert_customers(tenant, 12, status="Active")
    insert_customers(tenant, 3, start=50, status="Inactive")
    first = json.loads(logged_in("get", "customers", "--page-size", "5", "-o", "json").stdout)
    assert [c["number"] for c in first] == [f"C{n:05d}" for n in range(1, 6)]
    lines = logged_in("get", "customer", "--all", "--page-size", "5", "-f", "status=Active", "-o", "jsonl").stdout
    records = [json.loads(line) for line in lines.splitlines()]
    assert [r["number"] for r in records] == [f"C{n:05d}" for n in range(1, 13)]
    assert {r["metadata"]["totalCount"] for r in records} == {12}


def test_get_with_a_condition_filter_and_parallel_pages(logged_in, tenant):
    insert_customers(tenant, 10, modified=datetime(2020, 3, 1, tzinfo=UTC), step=timedelta(days=1))
    output = logged_in(
        "get",
        "customer",
        "--all",
        "--page-size",
        "2",
        "--concurrency",
        "3",
        "-f",
        "lastModifiedDateTime>=2020-03-06",
        "-o",
        "json",
    ).stdout
    assert [c["number"] for c in json.loads(output)] == [f"C{n:05d}" for n in range(6, 11)]


def test_get_prints_a_table_for_people(logged_in, tenant):
    insert_customers(tenant, 2)
    table = logged_in("get", "customer").stdout
    assert "number" in table and "name" in table and "status" in table
    assert "C00001" in table and "Customer C00002" in table


def test_get_an_unknown_key_fails_with_the_services_message(logged_in):
    result = logged_in("get", "customer", "NOPE", expect=1)
    assert "404 NotFound: Customer 'NOPE' not found. (VismaId " in result.stderr
    assert result.stdout == ""


def test_get_an_unknown_resource_lists_the_known_ones(logged_in):
    result = logged_in("get", "widgets", expect=1)
    assert "unknown resource 'widgets'" in result.stderr and "vat_zones" in result.stderr


# --- create and update -------------------------------------------------------------------------------------


def test_create_prints_the_new_key_and_update_changes_only_what_is_sent(logged_in, tenant, tmp_path):
    add_reference_data(tenant)
    body = tmp_path / "customer.json"
    body.write_text(
        json.dumps(
            {
                "name": {"value": "Fjellbris AS"},
                "overrideWithClassValues": True,
                "customerClassId": {"value": "1"},
                "creditLimit": {"value": 1500.25},
                "mainAddress": {"value": {"countryId": {"value": "NO"}}},
            }
        )
    )
    number = logged_in("create", "customer", "--file", str(body)).stdout.strip()
    assert number == "10001"
    change = tmp_path / "change.json"
    change.write_text('{"name": {"value": "Fjellbris Nord AS"}}')
    etag = logged_in("update", "customer", number, "--file", str(change)).stdout.strip()
    record = json.loads(logged_in("get", "customer", number, "-o", "json").stdout)
    assert record["name"] == "Fjellbris Nord AS" and record["creditLimit"] == 1500.25
    assert etag == f'"{record["timeStamp"]}"'


def test_a_refused_create_prints_each_problem_and_exits_1(logged_in, tenant, tmp_path):
    add_reference_data(tenant)
    body = tmp_path / "bad.json"
    body.write_text('{"customerClassId": {"value": "NOPE"}}')
    result = logged_in("create", "customer", "--file", str(body), expect=1)
    assert "400 ValidationError: Error inserting the customer." in result.stderr
    assert "Customer class 'NOPE' cannot be found in the system." in result.stderr


def test_update_with_a_stale_etag_is_refused(logged_in, tenant, tmp_path):
    insert_customers(tenant, 1)
    change = tmp_path / "change.json"
    change.write_text('{"name": {"value": "X"}}')
    etag = logged_in("update", "customer", "C00001", "--file", str(change)).stdout.strip()
    logged_in("update", "customer", "C00001", "--file", str(change))
    result = logged_in("update", "customer", "C00001", "--file", str(change), "--if-match", etag, expect=1)
    assert "412 Conflict" in result.stderr


# --- Visma Connect: the service flow ---------------------------------------------------------------------------

CONNECT_BASE = "http://testserver"  # the current surface: /v1/..., nettfin is its own issuer


def connect_login(nettfin, connected, *extra: str, **options):
    args = ["login", "--client-credentials", "--base-url", CONNECT_BASE, "--client-id", connected.client_id]
    return nettfin(*args, "--tenant-id", connected.tenant_id, *extra, **options)


def test_login_with_client_credentials_then_get_lists_customers_without_ipp_company_id(
    nettfin, database, client, config_home
):
    connected = make_connected(database, client)
    insert_customers(connected.tenant, 2)
    result = connect_login(nettfin, connected, env={"NETTFIN_CLIENT_SECRET": connected.secret})
    assert f"tenant_id {connected.tenant_id}" in result.stderr
    login = saved(config_home)
    assert login["flow"] == "client_credentials" and login["issuer"] == CONNECT_BASE
    assert login["company_id"] is None and login["tenant_id"] == connected.tenant_id
    assert login["token"].count(".") == 2 and login["expires_at"] > 0
    path = config_home / "nettfin" / "credentials.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds the application's secret
    seen: list[httpx2.Request] = []

    class Observer(httpx2.BaseTransport):
        def handle_request(self, request):
            seen.append(request)
            return app_transport(client).handle_request(request)

    records = json.loads(nettfin("get", "customer", "-o", "json", transport=Observer()).stdout)
    assert [r["number"] for r in records] == ["C00001", "C00002"]
    assert [r.url.path for r in seen] == ["/v1/customer"]  # the saved token, no new token request
    assert "ipp-company-id" not in seen[0].headers
    assert json.loads(nettfin("get", "customer", "C00002", "-o", "json").stdout)["number"] == "C00002"


def test_client_credentials_login_asks_for_the_secret_when_it_is_not_given(nettfin, database, client, config_home):
    connected = make_connected(database, client)
    result = connect_login(
        nettfin, connected, "--scope", "vismanet_erp_service_api:read", input=connected.secret + "\n"
    )
    assert "Client secret of" in result.stderr and connected.secret not in result.stdout + result.stderr
    assert saved(config_home)["scope"] == "vismanet_erp_service_api:read"


def test_an_expired_saved_connect_token_is_renewed_and_saved(nettfin, database, client, config_home):
    connected = make_connected(database, client)
    insert_customers(connected.tenant, 1)
    connect_login(nettfin, connected, env={"NETTFIN_CLIENT_SECRET": connected.secret})
    path = config_home / "nettfin" / "credentials.json"
    before = saved(config_home)
    path.write_text(json.dumps({**before, "expires_at": 1.0}))
    assert json.loads(nettfin("get", "customer", "-o", "json").stdout)[0]["number"] == "C00001"
    after = saved(config_home)
    assert after["token"] != before["token"] and after["expires_at"] > before["expires_at"] - 5
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_wrong_secret_or_tenant_fails_the_login_with_the_oauth_error(nettfin, database, client, config_home):
    connected = make_connected(database, client)
    result = connect_login(nettfin, connected, env={"NETTFIN_CLIENT_SECRET": "wrong"}, expect=1)
    assert "invalid_client" in result.stderr
    other = make_connected(database, client)
    args = ["login", "--client-credentials", "--base-url", CONNECT_BASE, "--client-id", connected.client_id]
    result = nettfin(*args, "--tenant-id", other.tenant_id, env={"NETTFIN_CLIENT_SECRET": connected.secret}, expect=1)
    assert "invalid_tenant" in result.stderr
    assert not (config_home / "nettfin" / "credentials.json").exists()


def test_context_after_a_connect_login_lists_the_tokens_one_company(nettfin, database, client, config_home):
    """A Connect token is bound to one company: Context (under /API, as on api.finance.visma.net) lists it alone,
    although the application's service principal may use another company too."""
    connected = make_connected(database, client)
    other = make_connected(database, client)
    with database.writing() as session:
        grant_application(
            session, find_application(session, connected.client_id), session.get(Company, other.company_id)
        )
    connect_login(nettfin, connected, env={"NETTFIN_CLIENT_SECRET": connected.secret})
    seen: list[httpx2.Request] = []

    class Observer(httpx2.BaseTransport):
        def handle_request(self, request):
            seen.append(request)
            return app_transport(client).handle_request(request)

    companies = json.loads(nettfin("context", "-o", "json", transport=Observer()).stdout)
    assert [company["id"] for company in companies] == [connected.company_id]
    assert companies[0]["type"] == "Company"
    assert [request.url.path for request in seen] == ["/API/resources/v1/context"]
    result = nettfin("context", "--use", str(other.company_id), expect=1)
    assert f"company {other.company_id} is not available to this token" in result.stderr
    nettfin("context", "--use", str(connected.company_id))
    assert saved(config_home)["company_id"] == connected.company_id
    # The saved company goes out as ipp-company-id; the token's own company is accepted.
    assert json.loads(nettfin("get", "customer", "-o", "json").stdout) == []


def test_logout_of_a_connect_login_forgets_it(nettfin, database, client, config_home):
    connected = make_connected(database, client)
    connect_login(nettfin, connected, env={"NETTFIN_CLIENT_SECRET": connected.secret})
    assert "Logged out." in nettfin("logout").stderr
    assert not (config_home / "nettfin" / "credentials.json").exists()


# --- Visma Connect: the interactive flow ----------------------------------------------------------------------


@pytest.mark.usefixtures("interactive")  # skipped while the server has no authorization_endpoint
def test_login_with_connect_in_the_browser_then_get_refresh_and_logout(nettfin, database, client, config_home):
    redirect_uri = f"http://127.0.0.1:{free_port()}/callback"
    org, client_id, secret, tenant_id = make_web_application(database, redirect_uri)
    args = ["login", "--connect", "--base-url", CONNECT_BASE, "--client-id", client_id, "--redirect-uri", redirect_uri]
    result = nettfin(
        *args,
        "--timeout",
        "30",
        env={"NETTFIN_CLIENT_SECRET": secret},
        open_browser=browser_user(client.app, org.email, []),
    )
    assert f"tenant_id {tenant_id}" in result.stderr
    login = saved(config_home)
    assert login["flow"] == "authorization_code" and login["refresh_token"] and login["company_id"] is None
    assert json.loads(nettfin("get", "customer", "-o", "json").stdout) == []
    path = config_home / "nettfin" / "credentials.json"
    path.write_text(json.dumps({**login, "expires_at": 1.0}))
    assert json.loads(nettfin("get", "customer", "-o", "json").stdout) == []  # renewed with the refresh token
    renewed = saved(config_home)
    assert renewed["token"] != login["token"] and renewed["expires_at"] > 1.0
    assert "Logged out." in nettfin("logout").stderr
    with VismaConnect(CONNECT_BASE, transport=app_transport(client)) as provider, pytest.raises(OAuthError):
        provider.refresh(renewed["refresh_token"], client_id=client_id, client_secret=secret)
