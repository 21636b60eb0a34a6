"""Migration 0016 on both databases: every company that existed gets its base currency as its one currency, and
its organisation with the main branch `1`, named after the company."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from nettfin.server.db.engine import normalise_url
from nettfin.server.db.migrate import upgrade

from .scaffold import add_companies


def test_existing_companies_get_their_base_currency_organisation_and_main_branch(old_database):
    _migrate(old_database)


def _migrate(url: str) -> None:
    upgrade(url, "0014")
    engine = create_engine(normalise_url(url))
    with engine.begin() as connection:
        add_companies(connection, ("Fjord Kraft AS", "SEK"), ("Ålesund Øl", "NOK"))
    upgrade(url)
    with engine.connect() as connection:
        currencies = connection.execute(
            text("SELECT company_id, currency_id, description FROM currency ORDER BY company_id")
        ).all()
        organisations = connection.execute(
            text("SELECT company_id, organization_cd FROM organization ORDER BY company_id")
        ).all()
        branches = connection.execute(
            text("SELECT company_id, branch_cd, name, main, active FROM branch ORDER BY company_id")
        ).all()
    engine.dispose()
    assert [tuple(row) for row in currencies] == [(1, "SEK", "Swedish krona"), (2, "NOK", "Norwegian krone")]
    assert [tuple(row) for row in organisations] == [(1, "FJORD"), (2, "ÅLESUND")]
    assert [tuple(row) for row in branches] == [
        (1, "1", "Fjord Kraft AS", True, True),
        (2, "1", "Ålesund Øl", True, True),
    ]
