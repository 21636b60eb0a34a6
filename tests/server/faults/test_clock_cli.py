"""`nettfin admin clock show|set|advance|freeze|resume|reset` on the database the app serves (both backends): what
the CLI sets, a running app applies on the company's next call; a refused move says why and changes nothing."""

from __future__ import annotations

from typer.testing import CliRunner

from nettfin.cli.main import app as cli
from tests.factories import new_number

runner = CliRunner()


def _run(database_url: str, *args: str) -> str:
    result = runner.invoke(cli, ["admin", "clock", *args, "--database-url", database_url])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def test_the_clock_is_set_advanced_frozen_resumed_and_reset(database_url, http, company):
    company_id = str(company.company_id)

    real = _run(database_url, "show", company_id)
    frozen = _run(database_url, "set", company_id, "2020-03-17T09:30:00Z", "--frozen")
    created = company.get(f"/customer/{new_number(company.post('/customer', json={'name': {'value': 'Then AS'}}))}")
    advanced = _run(database_url, "advance", company_id, "--days", "2", "--hours", "1.5")
    resumed = _run(database_url, "resume", company_id)
    refrozen = _run(database_url, "freeze", company_id)
    reset = _run(database_url, "reset", company_id)

    assert real.startswith(f"company {company_id}: real time, ")
    assert frozen == f"company {company_id}: 2020-03-17T09:30:00.000Z (frozen)"
    assert created.json()["createdDateTime"] == "2020-03-17T09:30:00"
    assert advanced == f"company {company_id}: 2020-03-19T11:00:00.000Z (frozen)"
    assert resumed.startswith(f"company {company_id}: 2020-03-19T11:00:00.000Z (running, -")
    assert refrozen.startswith(f"company {company_id}: 2020-03-19T11:00:") and refrozen.endswith("(frozen)")
    assert reset.startswith(f"company {company_id}: real time, ")


def test_a_bad_instant_and_an_empty_advance_are_refused_and_change_nothing(database_url, http, company):
    company_id = str(company.company_id)

    naive = runner.invoke(
        cli, ["admin", "clock", "set", company_id, "2020-03-17T09:30", "--database-url", database_url]
    )
    empty = runner.invoke(cli, ["admin", "clock", "advance", company_id, "--database-url", database_url])

    assert naive.exit_code != 0 and "has no time zone" in naive.output
    assert empty.exit_code != 0 and "say how far" in empty.output
    assert _run(database_url, "show", company_id).startswith(f"company {company_id}: real time, ")
