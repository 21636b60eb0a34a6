"""Cash transactions with their details

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from nettfin.server.db.types import Money, UTCDateTime

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
    ]


def _company(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["company_id"], ["company.id"], name=op.f(f"fk_{table}_company_id_company"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "cash_transaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("reference_number", sa.String(length=15), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("hold", sa.Boolean(), nullable=False),
        sa.Column("released", sa.Boolean(), nullable=False),
        sa.Column("tran_date", UTCDateTime(), nullable=False),
        sa.Column("period_id", sa.String(length=6), nullable=False),
        sa.Column("cash_account_id", sa.Integer(), nullable=True),
        sa.Column("entry_type", sa.String(length=10), nullable=True),
        sa.Column("document_ref", sa.String(length=40), nullable=True),
        sa.Column("description", sa.String(length=256), nullable=True),
        sa.Column("amount", Money(), nullable=False),
        sa.Column("control_total", Money(), nullable=True),
        sa.Column("batch_number", sa.String(length=15), nullable=True),
        sa.Column("reverses", sa.String(length=15), nullable=True),
        *_stamps(),
        _company("cash_transaction"),
        sa.ForeignKeyConstraint(
            ["cash_account_id"], ["account.id"], name=op.f("fk_cash_transaction_cash_account_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_transaction")),
        sa.UniqueConstraint(
            "company_id", "reference_number", name=op.f("uq_cash_transaction_company_id_reference_number")
        ),
    )
    op.create_index(
        "ix_cash_transaction_company_modified_id", "cash_transaction", ["company_id", "last_modified_at", "id"]
    )
    op.create_table(
        "cash_transaction_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("branch_cd", sa.String(length=30), nullable=True),
        sa.Column("description", sa.String(length=256), nullable=True),
        sa.Column("quantity", Money(), nullable=False),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("price", Money(), nullable=False),
        sa.Column("amount", Money(), nullable=False),
        sa.Column("offset_account_id", sa.Integer(), nullable=True),
        sa.Column("offset_subaccount", sa.String(length=30), nullable=True),
        _company("cash_transaction_line"),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["cash_transaction.id"],
            name=op.f("fk_cash_transaction_line_transaction_id_cash_transaction"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offset_account_id"], ["account.id"], name=op.f("fk_cash_transaction_line_offset_account_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_transaction_line")),
        sa.UniqueConstraint(
            "transaction_id", "line_number", name=op.f("uq_cash_transaction_line_transaction_id_line_number")
        ),
    )


def downgrade() -> None:
    op.drop_table("cash_transaction_line")
    op.drop_index("ix_cash_transaction_company_modified_id", table_name="cash_transaction")
    op.drop_table("cash_transaction")
