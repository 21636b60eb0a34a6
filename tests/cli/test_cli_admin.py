"""The `nettfin` server-side commands: db upgrade, admin tenant|company|user|role|client, token create."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from nettfin.cli.main import app

runner = CliRunner()


def run(*args: str, database_url: str) -> str:
    result = runner.invoke(app, [*args, "--database-url", database_url])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def test_an_administrator_builds_a_tenant_with_a_company_a_user_a_role_a_client_and_a_token(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert "up to date" in run("db", "upgrade", database_url=url)
    tenant = run("admin", "tenant", "create", "Fjord Group", database_url=url)
    company = run("admin", "company", "create", "Fjord AS", "--tenant", tenant, database_url=url)
    assert f"{company}\tFjord AS\ttenant {tenant}" in run("admin", "company", "list", database_url=url)
    run("admin", "user", "create", "kari@fjord.no", "--tenant", tenant, "--password", "pw", database_url=url)
    run(
        "admin",
        "role",
        "grant",
        "--user",
        "kari@fjord.no",
        "--company",
        company,
        "--role",
        "Financials Administrator",
        database_url=url,
    )
    client = run(
        "admin",
        "client",
        "register",
        "Fjord Sync",
        "--tenant",
        tenant,
        "--redirect-uri",
        "https://fjord.example/cb",
        "--activate",
        database_url=url,
    )
    assert client.startswith("client_id:") and "client_secret:" in client
    assert "active" in run("admin", "client", "list", database_url=url)
    token = run("token", "create", "--user", "kari@fjord.no", database_url=url)
    assert len(token) == 36

    from starlette.testclient import TestClient

    from nettfin.server.app import create_app
    from nettfin.server.db.engine import Database
    from nettfin.server.settings import Settings

    database = Database(url)
    with TestClient(create_app(Settings(data_dir=tmp_path), database=database)) as client_app:
        headers = {"Authorization": f"Bearer {token}", "ipp-company-id": company}
        assert client_app.get("/API/resources/v1/context", headers=headers).json()[0]["name"] == "Fjord AS"
        created = client_app.post(
            "/API/controller/api/v1/supplier", headers=headers, json={"name": {"value": "Leverandør AS"}}
        )
        assert created.headers["Location"].endswith("/50001"), created.text
    database.dispose()


def test_a_production_client_with_a_plain_http_redirect_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    tenant = run("admin", "tenant", "create", "T", database_url=url)
    result = runner.invoke(
        app,
        [
            "admin",
            "client",
            "register",
            "X",
            "--tenant",
            tenant,
            "--type",
            "production",
            "--redirect-uri",
            "http://x.example/cb",
            "--database-url",
            url,
        ],
    )
    assert result.exit_code != 0
    assert "must use HTTPS" in result.output


def test_an_unknown_company_is_named_in_the_error(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    run("admin", "user", "create", "a@b.no", database_url=url)
    result = runner.invoke(
        app, ["admin", "role", "grant", "--user", "a@b.no", "--company", "99", "--database-url", url]
    )
    assert result.exit_code != 0
    assert "company 99 does not exist" in result.output


def test_seed_puts_the_demo_company_into_an_empty_database_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'seed.db'}"
    assert "demo company 1 seeded" in run("seed", database_url=url)
    assert "demo company 1 already present" in run("seed", database_url=url)


def test_seed_refuses_a_database_that_holds_other_companies(tmp_path):
    url = f"sqlite:///{tmp_path / 'other.db'}"
    run("admin", "company", "create", "Not the demo", database_url=url)
    result = runner.invoke(app, ["seed", "--database-url", url])
    assert result.exit_code != 0
    assert "only into an empty one" in result.output


def test_a_depreciation_run_posts_the_demo_assets_next_period_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'assets.db'}"
    run("seed", database_url=url)
    posted = run("admin", "asset", "depreciate", "202004", "--company", "1", database_url=url)
    assert posted.splitlines()[1:] == ["  FA0001\t3600.00", "  FA0002\t1500.00", "  FA0003\t1180.55"]
    again = runner.invoke(app, ["admin", "asset", "depreciate", "202004", "--company", "1", "--database-url", url])
    assert again.exit_code != 0
    assert "Period '202004' has already been depreciated." in again.output
    listed = run("admin", "asset", "list", "--company", "1", database_url=url).splitlines()
    assert listed[0] == (
        "FA0001\tActive\tcost 240000.0000\tdepreciated 21600.0000\tnet 218400.0000\tlast period 202004"
    )


def _said(output: str) -> str:
    """An error's text without rich's box and line wrapping."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", output).split())


def test_a_stocktake_is_prepared_and_completed_from_the_command_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'stocktake.db'}"
    run("seed", database_url=url)
    busy = runner.invoke(
        app, ["admin", "stocktake", "prepare", "--company", "1", "--warehouse", "1", "--database-url", url]
    )
    assert busy.exit_code != 0
    assert "The warehouse '1' is being counted in stocktake '000002'; complete it first." in _said(busy.output)
    done = run("admin", "stocktake", "complete", "000002", "--company", "1", "--date", "2020-04-01", database_url=url)
    assert done == "stocktake 000002 completed: 0 gains, 0 losses, batch -"
    prepared = run("admin", "stocktake", "prepare", "--company", "1", "--warehouse", "1", database_url=url)
    assert prepared == "stocktake 000003: warehouse 1, 23 lines to count"  # what the demo's documents left
    again = runner.invoke(app, ["admin", "stocktake", "complete", "000002", "--company", "1", "--database-url", url])
    assert again.exit_code != 0 and "is completed and cannot be completed" in _said(again.output)
    bad = runner.invoke(
        app, ["admin", "stocktake", "complete", "000003", "--company", "1", "--date", "1.4.", "--database-url", url]
    )
    assert bad.exit_code != 0 and "is not a date (YYYY-MM-DD)" in _said(bad.output)


# --- Visma Connect: post-logout URIs, changing an application, sweeping -------------------------------------


def test_an_application_gets_post_logout_uris_at_creation_and_changes_them_later(tmp_path):
    url = f"sqlite:///{tmp_path / 'apps.db'}"
    created = run(
        "admin",
        "app",
        "create",
        "Fjord Web",
        "--type",
        "web",
        "--redirect-uri",
        "https://fjord.example/callback",
        "--post-logout-redirect-uri",
        "https://fjord.example/bye",
        "--post-logout-redirect-uri",
        "http://localhost:5000/",
        database_url=url,
    )
    assert "client_id:     isv_fjord-web" in created
    shown = run("admin", "app", "show", "isv_fjord-web", database_url=url)
    assert "post-logout:    https://fjord.example/bye http://localhost:5000/" in shown
    updated = run(
        "admin",
        "app",
        "update",
        "isv_fjord-web",
        "--redirect-uri",
        "https://fjord.example/new",
        "--post-logout-redirect-uri",
        "https://fjord.example/signed-out",
        "--lifetime",
        "900",
        database_url=url,
    )
    assert "redirect URIs:  https://fjord.example/new" in updated
    assert "post-logout:    https://fjord.example/signed-out" in updated
    shown = run("admin", "app", "show", "isv_fjord-web", database_url=url)
    assert "token lifetime: 900 s" in shown and "refresh policy: reuse" in shown  # the rest stays
    cleared = run("admin", "app", "update", "isv_fjord-web", "--clear-post-logout-redirect-uris", database_url=url)
    assert "post-logout:    -" in cleared and "redirect URIs:  https://fjord.example/new" in cleared


def test_a_bad_change_is_refused_with_the_reason_and_changes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'apps.db'}"
    run(
        "admin",
        "app",
        "create",
        "Fjord Web",
        "--type",
        "web",
        "--redirect-uri",
        "https://f.example/cb",
        database_url=url,
    )
    for args, words in (
        (["--redirect-uri", "http://f.example/cb"], "must use https"),
        (["--post-logout-redirect-uri", "http://f.example/bye"], "Post-logout redirect URI"),
        (["--lifetime", "5"], "60 to 86400"),
        (["--scope", "financialstasks"], "may not be allowed financialstasks"),
    ):
        result = runner.invoke(app, ["admin", "app", "update", "isv_fjord-web", *args, "--database-url", url])
        assert result.exit_code != 0 and words in result.output, (args, result.output)
    unknown = runner.invoke(app, ["admin", "app", "update", "isv_nobody", "--lifetime", "60", "--database-url", url])
    assert unknown.exit_code != 0 and "No application has the client id 'isv_nobody'" in unknown.output
    shown = run("admin", "app", "show", "isv_fjord-web", database_url=url)
    assert "redirect URIs:  https://f.example/cb" in shown and "token lifetime: 3600 s" in shown
    result = runner.invoke(
        app,
        [
            "admin",
            "app",
            "create",
            "Plain",
            "--type",
            "web",
            "--redirect-uri",
            "http://f.example/cb",
            "--database-url",
            url,
        ],
    )
    assert result.exit_code != 0 and "must use https" in result.output


def test_sweep_connect_deletes_expired_records_and_prints_the_counts(tmp_path):
    from datetime import timedelta

    from nettfin.server.db.base import utcnow
    from nettfin.server.db.engine import Database
    from nettfin.server.identity.connect.models import ConnectAccessToken
    from nettfin.server.identity.connect.service import find_application

    url = f"sqlite:///{tmp_path / 'sweep.db'}"
    run("admin", "app", "create", "Fjord Sync", database_url=url)
    database = Database(url)
    with database.writing() as session:
        application_id = find_application(session, "isv_fjord-sync").id
        for jti, age in (("old", timedelta(hours=2)), ("live", -timedelta(hours=1))):
            session.add(
                ConnectAccessToken(
                    jti=jti, application_id=application_id, expires_at=utcnow() - age, revoked_at=utcnow()
                )
            )
    output = run("db", "sweep-connect", database_url=url)
    assert output == "deleted 0 authorization code(s), 0 refresh token(s), 1 access-token record(s)"
    with database.reading() as session:
        assert [row.jti for row in session.query(ConnectAccessToken)] == ["live"]
    database.dispose()


def test_overdue_charges_are_set_up_and_calculated_from_the_command_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'overdue.db'}"
    run("seed", database_url=url)
    said = run(
        "admin",
        "overdue-charges",
        "setup",
        "--company",
        "1",
        "--class",
        "1",
        "--account",
        "8040",
        "--rate",
        "10",
        database_url=url,
    )
    assert said == "overdue charge RENTE: class 1, 10 % a year to 8040"
    made = run("admin", "overdue-charges", "calculate", "--company", "1", "--date", "2021-01-31", database_url=url)
    lines = made.splitlines()
    assert lines and all(line.startswith("overdue charge ") and "customer 1" in line for line in lines)
    bad = runner.invoke(
        app, ["admin", "overdue-charges", "calculate", "--company", "1", "--date", "31.1.", "--database-url", url]
    )
    assert bad.exit_code != 0 and "is not a date (YYYY-MM-DD)" in _said(bad.output)
    unknown = runner.invoke(
        app,
        [
            "admin",
            "overdue-charges",
            "setup",
            "--company",
            "1",
            "--class",
            "X",
            "--account",
            "8040",
            "--rate",
            "1",
            "--database-url",
            url,
        ],
    )
    assert unknown.exit_code != 0 and "Customer class 'X' cannot be found in the system." in _said(unknown.output)


def test_contract_billing_runs_from_the_command_line_once_per_billing_date(tmp_path):
    url = f"sqlite:///{tmp_path / 'contracts.db'}"
    run("seed", database_url=url)
    # The demo's K0001 was billed on 2020-10-01: November's billing is next (usage of 2 hours is within the 5 included).
    billed = run("admin", "contracts", "bill", "--company", "1", "--date", "2020-11-15", database_url=url)
    lines = billed.splitlines()
    assert lines[-1] == "1 contract invoices"
    assert lines[0].startswith("K0001\t2020-11-01\tinvoice ") and lines[0].endswith("\t3125.00")
    assert run("admin", "contracts", "bill", "--company", "1", "--date", "2020-11-15", database_url=url) == (
        "0 contract invoices"
    )
    bad = runner.invoke(app, ["admin", "contracts", "bill", "--company", "1", "--date", "1.11.", "--database-url", url])
    assert bad.exit_code != 0 and "is not a date (YYYY-MM-DD)" in _said(bad.output)
