"""Reference lists: credit terms get their creation and last change; payment methods become records

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03

Existing credit terms get the migration's moment as their creation and last change. Every payment method code a
company's customer classes, suppliers or supplier classes already carry becomes a payment method of that company
(active, usable by suppliers, described by its code, no means of payment), so the codes in use can be read back.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from nettfin.server.db.types import UTCDateTime

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

PARTY_TABLES = ("customer_class", "supplier", "supplier_class")


def upgrade() -> None:
    with op.batch_alter_table("credit_terms") as batch:
        batch.add_column(sa.Column("created_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("last_modified_at", UTCDateTime(), nullable=True))
    connection = op.get_bind()
    now = datetime.now(UTC)
    connection.execute(
        sa.text("UPDATE credit_terms SET created_at = :now, last_modified_at = :now"),
        {"now": UTCDateTime().process_bind_param(now, connection.dialect)},
    )
    with op.batch_alter_table("credit_terms") as batch:
        batch.alter_column("created_at", existing_type=UTCDateTime(), nullable=False)
        batch.alter_column("last_modified_at", existing_type=UTCDateTime(), nullable=False)

    payment_method = op.create_table(
        "payment_method",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("payment_method_id", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("means_of_payment", sa.String(length=20), nullable=True),
        sa.Column("use_in_ap", sa.Boolean(), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_payment_method_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_method")),
        sa.UniqueConstraint(
            "company_id", "payment_method_id", name=op.f("uq_payment_method_company_id_payment_method_id")
        ),
    )
    in_use = " UNION ".join(
        f"SELECT company_id, payment_method_id FROM {table} WHERE payment_method_id IS NOT NULL"
        f" AND payment_method_id <> ''"
        for table in PARTY_TABLES
    )
    codes = connection.execute(sa.text(f"SELECT company_id, payment_method_id FROM ({in_use}) AS used ORDER BY 1, 2"))
    rows = [
        {
            "company_id": company_id,
            "payment_method_id": code,
            "description": code,
            "active": True,
            "means_of_payment": None,
            "use_in_ap": True,
            "last_modified_at": now,
        }
        for company_id, code in codes
    ]
    if rows:
        op.bulk_insert(payment_method, rows)


def downgrade() -> None:
    op.drop_table("payment_method")
    with op.batch_alter_table("credit_terms") as batch:
        batch.drop_column("last_modified_at")
        batch.drop_column("created_at")
