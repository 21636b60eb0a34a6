"""Migration 0014 on both databases: customer invoice and purchase order lines that held account and subaccount
numbers come out holding the records (each in its own company), and `line_nbr` is `line_number`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import Connection, MetaData, Table, create_engine, insert, inspect, select, text

from nettfin.server.db.engine import normalise_url
from nettfin.server.db.migrate import alembic_config, upgrade
from tests.conftest import new_postgres_database

_STAND_INS = {
    str: "x",
    int: 1,
    bool: False,
    Decimal: Decimal(0),
    date: date(2020, 1, 1),
    datetime: datetime(2020, 1, 1, tzinfo=UTC),
    dict: {},
    list: [],
    object: "{}",  # SQLite's JSON columns reflect as no type: their text
}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_lines_holding_numbers_come_out_holding_their_records(backend, tmp_path, request):
    if backend == "postgresql":
        request.getfixturevalue("postgres_available")
        with new_postgres_database() as url:
            _migrate_lines(url)
    else:
        _migrate_lines(f"sqlite:///{tmp_path / 'old.db'}")


def _migrate_lines(url: str) -> None:
    upgrade(url, "0013")
    engine = create_engine(normalise_url(url))
    with engine.begin() as connection:
        tenant = _insert(connection, "tenant")
        # Two companies with the same numbers: each line must get its own company's records.
        other, company = (_insert(connection, "company", tenant_id=tenant, tenant_guid=g) for g in ("a", "b"))
        for number in ("3000", "4000"):
            _insert(connection, "account", company_id=other, account_cd=number)
        sales = _insert(connection, "account", company_id=company, account_cd="3000")
        expense = _insert(connection, "account", company_id=company, account_cd="4000")
        _insert(connection, "subaccount", company_id=other, subaccount_cd="10-000")
        defined = _insert(connection, "subaccount", company_id=company, subaccount_cd="10-000")
        customer = _insert(connection, "customer", company_id=company)
        invoice = _insert(connection, "customer_invoice", company_id=company, customer_id=customer)
        supplier = _insert(connection, "supplier", company_id=company)
        order = _insert(connection, "purchase_order", company_id=company, supplier_id=supplier)
        invoice_line = _insert(
            connection,
            "customer_invoice_line",
            company_id=company,
            invoice_id=invoice,
            line_number=1,
            account="3000",
            subaccount="10-000",
        )
        bare_line = _insert(connection, "customer_invoice_line", company_id=company, invoice_id=invoice, line_number=2)
        order_line = _insert(
            connection,
            "purchase_order_line",
            company_id=company,
            order_id=order,
            line_nbr=2,
            account="4000",
            subaccount="20-000",  # a valid combination no one had defined: release would have defined it
        )
        unknown_line = _insert(
            connection, "purchase_order_line", company_id=company, order_id=order, line_nbr=3, account="9999"
        )
    upgrade(url)
    with engine.connect() as connection:
        lines = _rows(connection, "customer_invoice_line", "account_id", "subaccount_id")
        assert lines == {invoice_line: (sales, defined), bare_line: (None, None)}
        created = connection.execute(
            text("SELECT id FROM subaccount WHERE company_id = :company AND subaccount_cd = '20-000'"),
            {"company": company},
        ).scalar_one()
        lines = _rows(connection, "purchase_order_line", "line_number", "account_id", "subaccount_id")
        assert lines == {order_line: (2, expense, created), unknown_line: (3, None, None)}
        # The unique line number survived the rename.
        assert "uq_purchase_order_line_order_id_line_number" in _unique_names(connection, "purchase_order_line")
    command.downgrade(alembic_config(url), "0013")
    with engine.connect() as connection:
        lines = _rows(connection, "purchase_order_line", "line_nbr", "account", "subaccount")
        assert lines == {order_line: (2, "4000", "20-000"), unknown_line: (3, None, None)}
        lines = _rows(connection, "customer_invoice_line", "account", "subaccount")
        assert lines == {invoice_line: ("3000", "10-000"), bare_line: (None, None)}
    engine.dispose()


def _insert(connection: Connection, table: str, **values) -> int:
    """A row with the values given and a stand-in for every other column the schema requires, as it is at the
    revision the database is at."""
    reflected = Table(table, MetaData(), autoload_with=connection)
    row = dict(values)
    for column in reflected.columns:
        if column.name in row or column.nullable or column.primary_key or column.server_default is not None:
            continue
        assert not column.foreign_keys, f"give {table}.{column.name}: it refers to another table"
        row[column.name] = _STAND_INS[column.type.python_type]
    return connection.execute(insert(reflected).values(row)).inserted_primary_key[0]


def _rows(connection: Connection, table: str, *columns: str) -> dict[int, tuple]:
    reflected = Table(table, MetaData(), autoload_with=connection)
    statement = select(reflected.c.id, *(reflected.c[name] for name in columns))
    return {row[0]: tuple(row[1:]) for row in connection.execute(statement)}


def _unique_names(connection: Connection, table: str) -> set[str]:
    return {constraint["name"] for constraint in inspect(connection).get_unique_constraints(table)}
