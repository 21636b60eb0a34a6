"""`nettfin admin faults add|list|remove|clear` and `nettfin admin throttle on|off|reset` on the database the app
serves (both backends): what the CLI sets, a running app applies on its next call."""

from __future__ import annotations

from typer.testing import CliRunner

from nettfin.cli.main import app as cli

from .conftest import ADMIN, AUTH

runner = CliRunner()


def _run(database_url: str, *args: str) -> str:
    result = runner.invoke(cli, [*args, "--database-url", database_url])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def test_rules_are_added_listed_applied_removed_and_cleared(database_url, http, company):
    company_id = str(company.company_id)

    added = _run(
        database_url, "admin", "faults", "add", company_id, "--status", "503", "--method", "get", "--times", "2"
    )
    rule_id = added.split("\t", 1)[0]
    second = _run(database_url, "admin", "faults", "add", company_id, "--latency-ms", "5", "--path", "/v1/vat*")
    listed = _run(database_url, "admin", "faults", "list", company_id)
    applied = company.get("/customer").status_code
    after_one = _run(database_url, "admin", "faults", "list", company_id)
    removed = _run(database_url, "admin", "faults", "remove", company_id, rule_id)
    unaffected = company.get("/customer").status_code
    cleared = _run(database_url, "admin", "faults", "clear", company_id)

    assert added == f"{rule_id}\tstatus 503\tGET *\tprobability 1\t2 of 2 left"
    assert second.endswith("\tlatency 5 ms\tany method /v1/vat*\tprobability 1\tno limit")
    assert listed.splitlines() == [added, second]
    assert applied == 503
    assert after_one.splitlines()[0].endswith("1 of 2 left")
    assert removed == f"fault rule {rule_id} is removed"
    assert unaffected == 200
    assert cleared == "1 fault rule(s) removed"
    assert _run(database_url, "admin", "faults", "list", company_id) == ""


def test_a_bad_rule_is_refused_naming_the_field_and_nothing_is_written(database_url, http, company):
    company_id = str(company.company_id)

    result = runner.invoke(
        cli, ["admin", "faults", "add", company_id, "--status", "418", "--database-url", database_url]
    )

    assert result.exit_code != 0
    assert "Invalid field 'status': 418 is not injectable" in result.output
    assert _run(database_url, "admin", "faults", "list", company_id) == ""


def test_an_unknown_company_is_refused(database_url):
    result = runner.invoke(
        cli, ["admin", "faults", "add", "2000000000", "--status", "503", "--database-url", database_url]
    )

    assert result.exit_code != 0
    assert "No company has the id 2000000000" in result.output


def test_the_throttle_is_switched_on_off_and_reset(database_url, fault_app, http, company):
    company_id = str(company.company_id)
    throttle = fault_app.state.throttle
    clock = throttle.clock
    throttle.clock = lambda: 1_800_000_030
    try:
        on = _run(database_url, "admin", "throttle", "on", company_id)
        statuses = [company.get("/customer").status_code for _ in range(6)]
        reset = _run(database_url, "admin", "throttle", "reset", company_id)
        after_reset = company.get("/customer").status_code
        off = _run(database_url, "admin", "throttle", "off", company_id)
        read = http.get(f"{ADMIN}/companies/{company_id}/throttle", headers=AUTH).json()
    finally:
        throttle.clock = clock

    assert on == f"company {company_id}: throttle on: the real limits apply"
    assert statuses == [200] * 5 + [429]
    assert reset == f"company {company_id}: throttle windows reset"
    assert after_reset == 200
    assert off == f"company {company_id}: throttle off: the server's --throttle applies"
    assert read == {"companyId": company.company_id, "enabled": False}


def test_the_data_dir_option_works_as_for_every_admin_command(tmp_path):
    data_dir = str(tmp_path / "data")
    company = runner.invoke(cli, ["admin", "company", "create", "Fault AS", "--data-dir", data_dir])
    assert company.exit_code == 0, company.output
    company_id = company.output.strip().splitlines()[-1]

    added = runner.invoke(cli, ["admin", "faults", "add", company_id, "--drop", "after", "--data-dir", data_dir])
    listed = runner.invoke(cli, ["admin", "faults", "list", company_id, "--data-dir", data_dir])

    assert added.exit_code == 0, added.output
    assert "drop after" in listed.output
