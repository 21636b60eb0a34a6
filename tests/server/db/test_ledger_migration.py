"""Migration 0019 on both databases: every company that existed gets the ledgers a new company gets (ACTUAL,
BUDGET, STAT), stamped with its creation."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from nettfin.server.db.engine import normalise_url
from nettfin.server.db.migrate import upgrade
from nettfin.server.ledger.company_ledgers import STANDARD_LEDGERS
from tests.conftest import new_postgres_database


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_existing_companies_get_their_actual_budget_and_statistical_ledgers(backend, tmp_path, request):
    if backend == "postgresql":
        request.getfixturevalue("postgres_available")
        with new_postgres_database() as url:
            _migrate(url)
    else:
        _migrate(f"sqlite:///{tmp_path / 'old.db'}")


def _migrate(url: str) -> None:
    upgrade(url, "0018")
    engine = create_engine(normalise_url(url))
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO tenant (id, name, created_at) VALUES (1, 'T', '2020-01-01 00:00:00')"))
        connection.execute(
            text(
                "INSERT INTO company (id, tenant_id, name, base_currency, tenant_guid, created_at) VALUES "
                "(1, 1, 'Fjord Kraft AS', 'SEK', 'a', '2020-01-01 00:00:00'), "
                "(2, 1, 'Ålesund Øl', 'NOK', 'b', '2021-06-01 00:00:00')"
            )
        )
    upgrade(url)
    with engine.connect() as connection:
        ledgers = connection.execute(
            text("SELECT company_id, internal_id, ledger_cd, balance_type FROM ledger ORDER BY company_id, internal_id")
        ).all()
    engine.dispose()
    expected = [(internal, number, str(kind)) for internal, number, _, kind in STANDARD_LEDGERS]
    assert [tuple(row) for row in ledgers] == [(1, *row) for row in expected] + [(2, *row) for row in expected]
