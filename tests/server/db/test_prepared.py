"""Fixed statements on the driver's cursor (db/prepared.py), on both databases: the rows SQLAlchemy would give,
the statement's own literals carried, in the caller's transaction, and the driver's errors raised as SQLAlchemy's
(what `retrying_write` and the error handlers catch)."""

from __future__ import annotations

import pytest
from sqlalchemy import bindparam, or_, select
from sqlalchemy.exc import IntegrityError

from nettfin.server.db.prepared import Prepared
from nettfin.server.kit.changes import DataVersion

_VERSIONS = select(DataVersion.resource, DataVersion.version).where(
    DataVersion.company_id == bindparam("company_id"),
    or_(DataVersion.resource == "alpha", DataVersion.resource == "beta"),
)
_INSERT = DataVersion.__table__.insert().values(
    company_id=bindparam("company_id"), resource=bindparam("resource"), version=7
)


def test_rows_as_sqlalchemy_gives_them_with_the_statements_own_literals(tenant):
    prepared = Prepared(_VERSIONS.order_by(DataVersion.resource))
    with tenant.database.writing() as session:
        connection = session.connection()
        Prepared(_INSERT).run_many(
            connection, [{"company_id": tenant.company_id, "resource": r} for r in ("alpha", "beta", "gamma")]
        )
        # In the writing transaction: its own uncommitted rows are seen.
        inside = prepared.all(connection, {"company_id": tenant.company_id})
        expected = connection.execute(prepared.statement, {"company_id": tenant.company_id}).all()
    assert [tuple(row) for row in inside] == [tuple(row) for row in expected] == [("alpha", 7), ("beta", 7)]
    with tenant.database.reading() as session:
        assert tuple(prepared.first(session.connection(), {"company_id": tenant.company_id})) == ("alpha", 7)
        assert prepared.first(session.connection(), {"company_id": -1}) is None


def test_the_drivers_error_is_raised_as_sqlalchemys(tenant):
    row = {"company_id": tenant.company_id, "resource": "twice"}
    with pytest.raises(IntegrityError), tenant.database.writing() as session:
        Prepared(_INSERT).run_many(session.connection(), [row, row])
    with tenant.database.reading() as session:
        # The failed transaction rolled back whole: the first insert is gone too.
        assert Prepared(_VERSIONS).first(session.connection(), {"company_id": tenant.company_id}) is None


def test_an_expanding_in_is_refused_when_first_run(tenant):
    """Its SQL text is made per call by SQLAlchemy; a fixed text cannot carry it."""
    prepared = Prepared(select(DataVersion.version).where(DataVersion.resource.in_(["alpha"])))
    with tenant.database.reading() as session, pytest.raises(ValueError, match="expanding"):
        prepared.first(session.connection(), {})


def test_each_rows_returning_comes_back_in_the_rows_order(tenant):
    """`first_each`: on PostgreSQL the statements go in one round trip (psycopg's pipeline), one result each."""
    insert = DataVersion.__table__.insert().values(
        company_id=bindparam("company_id"), resource=bindparam("resource"), version=bindparam("version")
    )
    prepared = Prepared(insert.returning(DataVersion.resource, DataVersion.version))
    rows = [
        {"company_id": tenant.company_id, "resource": name, "version": n} for n, name in ((3, "c"), (1, "a"), (2, "b"))
    ]
    with tenant.database.writing() as session:
        returned = prepared.first_each(session.connection(), rows)
    assert [tuple(row) for row in returned] == [("c", 3), ("a", 1), ("b", 2)]

    again = [{**rows[0], "resource": "d"}, rows[1]]  # "a" is taken: the second fails, and the first goes with it
    with pytest.raises(IntegrityError), tenant.database.writing() as session:
        prepared.first_each(session.connection(), again)
    with tenant.database.reading() as session:
        kept = set(session.scalars(select(DataVersion.resource).where(DataVersion.company_id == tenant.company_id)))
        assert {"a", "b", "c"} <= kept and "d" not in kept
