"""Migration 0029 on both databases: the kit tables come and go with it, and a database with stock already on it
upgrades without change to what it held."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from nettfin.server.db.engine import normalise_url
from nettfin.server.db.migrate import alembic_config, upgrade
from tests.conftest import new_postgres_database

# The kits migration (renumbered at merge: change it here); the one before it comes from its down_revision.
KITS = "0029"
KIT_TABLES = {"kit_specification", "kit_specification_component", "kit_assembly", "kit_assembly_component"}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_kit_tables_come_and_go_with_the_migration(backend, tmp_path, request):
    if backend == "postgresql":
        request.getfixturevalue("postgres_available")
        with new_postgres_database() as url:
            _migrate(url)
    else:
        _migrate(f"sqlite:///{tmp_path / 'old.db'}")


def _tables(url: str) -> set[str]:
    engine = create_engine(normalise_url(url))
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _migrate(url: str) -> None:
    before = ScriptDirectory.from_config(alembic_config(url)).get_revision(KITS).down_revision
    upgrade(url, before)
    assert not KIT_TABLES & _tables(url)
    engine = create_engine(normalise_url(url))
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO tenant (id, name, created_at) VALUES (1, 'T', '2020-01-01')"))
        connection.execute(
            text(
                "INSERT INTO company (id, tenant_id, name, base_currency, tenant_guid, created_at) VALUES "
                "(1, 1, 'Kontor AS', 'NOK', 'a', '2020-01-01')"
            )
        )
    upgrade(url, KITS)
    assert _tables(url) >= KIT_TABLES
    with engine.connect() as connection:
        assert connection.execute(text("SELECT name FROM company")).scalar_one() == "Kontor AS"
    engine.dispose()
    command.downgrade(alembic_config(url), before)
    assert not KIT_TABLES & _tables(url)
