"""One line data model: customer invoice and purchase order lines keep their GL account and subaccount as foreign
keys, as supplier document lines do; purchase order lines are numbered by `line_number`

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-09

Existing lines keep what they name: `account_id` is the company's account whose number the line held and
`subaccount_id` the company's subaccount whose number it held. A subaccount number the ledger had not defined yet
(free segment values, created on release until now) is defined first, as a write defines it from now on. An
account number that named no account (purchase orders took one unchecked) leaves the line without an account.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from nettfin.server.db.types import UTCDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

LINE_TABLES = ("customer_invoice_line", "purchase_order_line")


def upgrade() -> None:
    for table in LINE_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
            batch.add_column(sa.Column("subaccount_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(batch.f(f"fk_{table}_account_id_account"), "account", ["account_id"], ["id"])
            batch.create_foreign_key(
                batch.f(f"fk_{table}_subaccount_id_subaccount"), "subaccount", ["subaccount_id"], ["id"]
            )
    connection = op.get_bind()
    _define_subaccounts(connection)
    for table in LINE_TABLES:
        connection.execute(
            sa.text(
                f"UPDATE {table} SET "
                f"account_id = (SELECT a.id FROM account a WHERE a.company_id = {table}.company_id "
                f"AND a.account_cd = {table}.account), "
                f"subaccount_id = (SELECT s.id FROM subaccount s WHERE s.company_id = {table}.company_id "
                f"AND s.subaccount_cd = {table}.subaccount)"
            )
        )
    with op.batch_alter_table("customer_invoice_line") as batch:
        batch.drop_column("subaccount")
        batch.drop_column("account")
    with op.batch_alter_table("purchase_order_line") as batch:
        batch.drop_constraint(batch.f("uq_purchase_order_line_order_id_line_nbr"), type_="unique")
        batch.alter_column("line_nbr", new_column_name="line_number", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("subaccount")
        batch.drop_column("account")
    # A batch of its own: in the batch that renames the column, SQLite's copy of the table would lose it.
    with op.batch_alter_table("purchase_order_line") as batch:
        batch.create_unique_constraint(
            batch.f("uq_purchase_order_line_order_id_line_number"), ["order_id", "line_number"]
        )


def _define_subaccounts(connection) -> None:
    """A subaccount record for every number a line holds that its company has not defined."""
    held = " UNION ".join(
        f"SELECT company_id, subaccount AS code FROM {table} WHERE subaccount IS NOT NULL AND subaccount <> ''"
        for table in LINE_TABLES
    )
    statement = sa.text(
        "INSERT INTO subaccount (company_id, subaccount_cd, description, active, last_modified_at, row_version) "
        f"SELECT held.company_id, held.code, '', :active, :now, 1 FROM ({held}) held "
        "WHERE NOT EXISTS (SELECT 1 FROM subaccount s WHERE s.company_id = held.company_id "
        "AND s.subaccount_cd = held.code)"
    ).bindparams(sa.bindparam("active", type_=sa.Boolean()), sa.bindparam("now", type_=UTCDateTime()))
    connection.execute(statement, {"active": True, "now": datetime.now(UTC)})


def downgrade() -> None:
    for table in LINE_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("account", sa.String(length=10), nullable=True))
            batch.add_column(sa.Column("subaccount", sa.String(length=30), nullable=True))
        op.get_bind().execute(
            sa.text(
                f"UPDATE {table} SET "
                f"account = (SELECT a.account_cd FROM account a WHERE a.id = {table}.account_id), "
                f"subaccount = (SELECT s.subaccount_cd FROM subaccount s WHERE s.id = {table}.subaccount_id)"
            )
        )
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(batch.f(f"fk_{table}_subaccount_id_subaccount"), type_="foreignkey")
            batch.drop_constraint(batch.f(f"fk_{table}_account_id_account"), type_="foreignkey")
            batch.drop_column("subaccount_id")
            batch.drop_column("account_id")
    with op.batch_alter_table("purchase_order_line") as batch:
        batch.drop_constraint(batch.f("uq_purchase_order_line_order_id_line_number"), type_="unique")
        batch.alter_column("line_number", new_column_name="line_nbr", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("purchase_order_line") as batch:
        batch.create_unique_constraint(batch.f("uq_purchase_order_line_order_id_line_nbr"), ["order_id", "line_nbr"])
