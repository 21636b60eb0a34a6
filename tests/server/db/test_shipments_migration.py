"""Migration 0033 on both databases: the shipping tables are there and empty, and a downgrade removes them."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from nettfin.server.db.engine import normalise_url
from nettfin.server.db.migrate import alembic_config, upgrade
from tests.conftest import new_postgres_database

TABLES = {"carrier", "packaging_type", "shipment", "shipment_line", "shipment_package"}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_shipping_tables_come_and_go(backend, tmp_path, request):
    if backend == "postgresql":
        request.getfixturevalue("postgres_available")
        with new_postgres_database() as url:
            _migrate(url)
    else:
        _migrate(f"sqlite:///{tmp_path / 'old.db'}")


def _migrate(url: str) -> None:
    upgrade(url)
    engine = create_engine(normalise_url(url))
    assert set(inspect(engine).get_table_names()) >= TABLES
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM shipment")).scalar() == 0
    command.downgrade(alembic_config(url), "0033-1")
    assert not TABLES & set(inspect(engine).get_table_names())
    engine.dispose()
