"""Storage on both databases: migrations agree with the models, money is exact, datetimes stay UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select

from nettfin.server.db.engine import normalise_url
from nettfin.server.db.migrate import alembic_config
from nettfin.server.db.types import MONEY_LIMIT, Money, UTCDateTime
from nettfin.server.models import Base


def test_migrations_build_exactly_the_models_schema(database_url):
    """`alembic upgrade head` ran on an empty database (the session fixture); nothing is left to autogenerate."""
    engine = create_engine(normalise_url(database_url))
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()
    command.check(alembic_config(database_url))


def test_the_migration_history_has_one_head():
    from alembic.script import ScriptDirectory

    assert len(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()) == 1


probe_metadata = MetaData()
probe = Table(
    "storage_probe",
    probe_metadata,
    Column("id", Integer, primary_key=True),
    Column("amount", Money),
    Column("moment", UTCDateTime),
)


@pytest.fixture(scope="module")
def probe_engine(database_url):
    engine = create_engine(normalise_url(database_url))
    probe_metadata.create_all(engine)
    yield engine
    probe_metadata.drop_all(engine)
    engine.dispose()


amounts = st.decimals(
    min_value=-MONEY_LIMIT + Decimal("0.0001"),
    max_value=MONEY_LIMIT - Decimal("0.0001"),
    places=4,
    allow_nan=False,
    allow_infinity=False,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amount=amounts)
def test_money_round_trips_exactly(probe_engine, amount):
    with probe_engine.begin() as connection:
        row_id = connection.execute(insert(probe).values(amount=amount)).inserted_primary_key[0]
        stored = connection.execute(select(probe.c.amount).where(probe.c.id == row_id)).scalar_one()
    assert stored == amount
    assert isinstance(stored, Decimal)
    assert stored.as_tuple().exponent == -4


def test_money_sums_are_exact_where_floats_are_not(probe_engine):
    with probe_engine.begin() as connection:
        ids = [
            connection.execute(insert(probe).values(amount=Decimal("0.1"))).inserted_primary_key[0] for _ in range(10)
        ]
        stored = connection.execute(select(probe.c.amount).where(probe.c.id.in_(ids))).scalars().all()
    assert sum(stored) == Decimal("1.0000")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    moment=st.datetimes(
        min_value=datetime(1970, 1, 2),
        max_value=datetime(2100, 1, 1),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=2)), timezone(-timedelta(hours=7))]),
    )
)
def test_datetimes_round_trip_as_the_same_utc_instant(probe_engine, moment):
    with probe_engine.begin() as connection:
        row_id = connection.execute(insert(probe).values(moment=moment)).inserted_primary_key[0]
        stored = connection.execute(select(probe.c.moment).where(probe.c.id == row_id)).scalar_one()
    assert stored == moment
    assert stored.utcoffset() == timedelta(0)


def test_naive_datetimes_are_refused(probe_engine):
    with pytest.raises(Exception, match="naive datetime"), probe_engine.begin() as connection:
        connection.execute(insert(probe).values(moment=datetime(2020, 1, 1)))
