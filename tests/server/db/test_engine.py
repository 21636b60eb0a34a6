"""How the engine hands out connections and runs reads: a pooled PostgreSQL connection is checked only when it lay
unused, and replaced when the server dropped it; a reading session runs outside a transaction on PostgreSQL and
refuses to write on both databases."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from psycopg.pq import TransactionStatus
from sqlalchemy import create_engine, text, update

from nettfin.server.db import engine as engine_module
from nettfin.server.db.engine import Database, ReadOnlySession
from nettfin.server.kit.changes import DataVersion
from nettfin.server.numbering.models import NumberSeries


@pytest.fixture
def postgres(fresh_postgres_url) -> Iterator[Database]:
    db = Database(fresh_postgres_url)
    yield db
    db.dispose()


@pytest.fixture
def pings(postgres, monkeypatch) -> list[int]:
    """Every ping the dialect sends, counted."""
    sent: list[int] = []
    dialect = postgres.engine.dialect
    do_ping = dialect.do_ping

    def counted(dbapi_connection):
        sent.append(1)
        return do_ping(dbapi_connection)

    monkeypatch.setattr(dialect, "do_ping", counted)
    return sent


def _backend(db: Database) -> int:
    with db.reading() as session:
        return session.scalar(text("SELECT pg_backend_pid()"))


def test_a_connection_used_a_moment_ago_is_handed_out_without_a_ping(postgres, pings):
    first = _backend(postgres)

    assert _backend(postgres) == first
    assert pings == []


def test_a_connection_unused_past_the_window_is_pinged_first(postgres, pings, monkeypatch):
    first = _backend(postgres)
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_SECONDS", 0.0)

    assert _backend(postgres) == first
    assert pings == [1]


def test_a_connection_the_server_dropped_while_idle_is_replaced_before_a_call_gets_it(
    postgres, fresh_postgres_url, monkeypatch
):
    dropped = _backend(postgres)
    admin = create_engine(engine_module.normalise_url(fresh_postgres_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        assert connection.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": dropped})
    admin.dispose()
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_SECONDS", 0.0)

    replaced = _backend(postgres)

    assert replaced != dropped


def test_a_reading_session_on_postgresql_runs_outside_a_transaction(postgres):
    with postgres.reading() as session:
        assert session.scalar(text("SELECT 1")) == 1
        driver = session.connection().connection.dbapi_connection
        assert driver.info.transaction_status == TransactionStatus.IDLE
    with postgres.writing() as session:
        session.execute(text("SELECT 1"))
        driver = session.connection().connection.dbapi_connection
        assert driver.info.transaction_status == TransactionStatus.INTRANS


def test_a_reading_session_refuses_to_write(database):
    with database.reading() as session, pytest.raises(ReadOnlySession):
        session.execute(update(DataVersion).values(version=DataVersion.version + 1))
    with database.reading() as session, pytest.raises(ReadOnlySession):
        session.add(NumberSeries(company_id=1, series_id="READ", description="Never written", last_number=0))
        session.flush()
    with database.reading() as session:
        assert session.get(NumberSeries, (1, "READ")) is None
