"""Migration 0035 on both databases: the overdue charge and dunning tables and a customer document's dunning
columns come and go with it, and existing documents upgrade undunned (level 0)."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from nettfin.server.db.engine import normalise_url
from nettfin.server.db.migrate import alembic_config, upgrade
from tests.conftest import new_postgres_database

# The migration (renumbered at merge: change it here); the one before it comes from its down_revision.
COLLECTION = "0035"
TABLES = {"overdue_charge", "overdue_charge_item", "dunning_letter", "dunning_letter_document"}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_collection_tables_come_and_go_with_the_migration(backend, tmp_path, request):
    if backend == "postgresql":
        request.getfixturevalue("postgres_available")
        with new_postgres_database() as url:
            _migrate(url)
    else:
        _migrate(f"sqlite:///{tmp_path / 'old.db'}")


def _inspect(url: str) -> tuple[set[str], set[str]]:
    engine = create_engine(normalise_url(url))
    try:
        found = inspect(engine)
        return set(found.get_table_names()), {c["name"] for c in found.get_columns("customer_invoice")}
    finally:
        engine.dispose()


def _migrate(url: str) -> None:
    before = ScriptDirectory.from_config(alembic_config(url)).get_revision(COLLECTION).down_revision
    upgrade(url, before)
    tables, columns = _inspect(url)
    assert not TABLES & tables and "dunning_level" not in columns
    engine = create_engine(normalise_url(url))
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO tenant (id, name, created_at) VALUES (1, 'T', '2020-01-01')"))
        connection.execute(
            text(
                "INSERT INTO company (id, tenant_id, name, base_currency, tenant_guid, created_at) VALUES "
                "(1, 1, 'Kontor AS', 'NOK', 'a', '2020-01-01')"
            )
        )
    upgrade(url, COLLECTION)
    tables, columns = _inspect(url)
    assert tables >= TABLES and {"dunning_level", "dunning_letter_at"} <= columns
    with engine.connect() as connection:
        assert connection.execute(text("SELECT name FROM company")).scalar_one() == "Kontor AS"
    engine.dispose()
    command.downgrade(alembic_config(url), before)
    tables, columns = _inspect(url)
    assert not TABLES & tables and "dunning_level" not in columns
