"""Stocktakes: physical inventory counts and their lines

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-03

New tables only; no company has a count yet.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from nettfin.server.db.types import Money, UTCDateTime

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "stocktake",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("ref_nbr", sa.String(length=15), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("frozen_at", UTCDateTime(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("batch_number", sa.String(length=15), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        _fk("stocktake", "company_id", "company"),
        _fk("stocktake", "warehouse_id", "warehouse"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stocktake")),
        sa.UniqueConstraint("company_id", "ref_nbr", name=op.f("uq_stocktake_company_id_ref_nbr")),
    )
    op.create_table(
        "stocktake_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stocktake_id", sa.Integer(), nullable=False),
        sa.Column("line_nbr", sa.Integer(), nullable=False),
        sa.Column("tag_nbr", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("lot_serial", sa.String(length=100), nullable=False),
        sa.Column("expiration_date", sa.Date(), nullable=True),
        sa.Column("book_quantity", Money(), nullable=False),
        sa.Column("physical_quantity", Money(), nullable=True),
        sa.Column("unit_cost", Money(), nullable=False),
        sa.Column("reason_code", sa.String(length=20), nullable=True),
        sa.Column("added", sa.Boolean(), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(), nullable=False),
        _fk("stocktake_line", "stocktake_id", "stocktake"),
        _fk("stocktake_line", "item_id", "inventory_item"),
        _fk("stocktake_line", "location_id", "warehouse_location"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stocktake_line")),
        sa.UniqueConstraint("stocktake_id", "line_nbr", name=op.f("uq_stocktake_line_stocktake_id_line_nbr")),
    )
    op.create_index(op.f("ix_stocktake_line_stocktake_id"), "stocktake_line", ["stocktake_id"])


def downgrade() -> None:
    op.drop_table("stocktake_line")
    op.drop_table("stocktake")
