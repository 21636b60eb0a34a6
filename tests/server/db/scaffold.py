"""The migration tests' scaffold: the tables a database has, companies entered on an old schema, and the round
trip of a migration that adds tables (upgraded to just before it with a company on it, then through it and back)."""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine, inspect, text

from nettfin.server.db.engine import normalise_url
from nettfin.server.db.migrate import alembic_config, upgrade


def tables(url: str) -> set[str]:
    engine = create_engine(normalise_url(url))
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def add_companies(connection: Connection, *companies: tuple[str, str]) -> None:
    """One tenant, and a company of each (name, base currency), numbered 1, 2, ... as given."""
    connection.execute(text("INSERT INTO tenant (id, name, created_at) VALUES (1, 'T', '2020-01-01')"))
    for number, (name, currency) in enumerate(companies, start=1):
        connection.execute(
            text(
                "INSERT INTO company (id, tenant_id, name, base_currency, tenant_guid, created_at) VALUES "
                "(:id, 1, :name, :currency, :guid, '2020-01-01')"
            ),
            {"id": number, "name": name, "currency": currency, "guid": chr(ord("a") + number - 1)},
        )


def round_trip(url: str, revision: str, added: set[str], check: Callable[[Connection], None]) -> None:
    """Upgrade to the revision before `revision`, without its tables; enter company 1, Kontor AS; upgrade through
    it: the tables are there and `check` sees the data; downgrade: they are gone."""
    before = ScriptDirectory.from_config(alembic_config(url)).get_revision(revision).down_revision
    upgrade(url, before)
    assert not added & tables(url)
    engine = create_engine(normalise_url(url))
    try:
        with engine.begin() as connection:
            add_companies(connection, ("Kontor AS", "NOK"))
        upgrade(url, revision)
        assert tables(url) >= added
        with engine.connect() as connection:
            check(connection)
    finally:
        engine.dispose()
    command.downgrade(alembic_config(url), before)
    assert not added & tables(url)
