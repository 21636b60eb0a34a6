"""Inventory documents: receipts, issues, adjustments and transfers, and their lines

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from nettfin.server.db.types import Money, UTCDateTime

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "inventory_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("doc_type", sa.String(length=12), nullable=False),
        sa.Column("reference_number", sa.String(length=15), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("hold", sa.Boolean(), nullable=False),
        sa.Column("released", sa.Boolean(), nullable=False),
        sa.Column("date", UTCDateTime(), nullable=False),
        sa.Column("period_id", sa.String(length=6), nullable=False),
        sa.Column("external_reference", sa.String(length=40), nullable=True),
        sa.Column("description", sa.String(length=256), nullable=True),
        sa.Column("branch_cd", sa.String(length=30), nullable=True),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("to_warehouse_id", sa.Integer(), nullable=True),
        sa.Column("total_quantity", Money(), nullable=False),
        sa.Column("total_cost", Money(), nullable=False),
        sa.Column("total_amount", Money(), nullable=False),
        sa.Column("control_quantity", Money(), nullable=True),
        sa.Column("control_cost", Money(), nullable=True),
        sa.Column("batch_number", sa.String(length=15), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        _fk("inventory_document", "company_id", "company"),
        _fk("inventory_document", "warehouse_id", "warehouse"),
        _fk("inventory_document", "to_warehouse_id", "warehouse"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inventory_document")),
        sa.UniqueConstraint(
            "company_id",
            "doc_type",
            "reference_number",
            name=op.f("uq_inventory_document_company_id_doc_type_reference_number"),
        ),
    )
    op.create_index(
        "ix_inventory_document_company_modified_id", "inventory_document", ["company_id", "last_modified_at", "id"]
    )
    op.create_table(
        "inventory_document_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("tran_type", sa.String(length=12), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("to_location_id", sa.Integer(), nullable=True),
        sa.Column("lot_serial", sa.String(length=100), nullable=False),
        sa.Column("allocations", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("quantity", Money(), nullable=False),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("unit_cost", Money(), nullable=True),
        sa.Column("ext_cost", Money(), nullable=False),
        sa.Column("unit_price", Money(), nullable=False),
        sa.Column("ext_price", Money(), nullable=False),
        sa.Column("description", sa.String(length=256), nullable=True),
        sa.Column("branch_cd", sa.String(length=30), nullable=True),
        _fk("inventory_document_line", "company_id", "company"),
        _fk("inventory_document_line", "document_id", "inventory_document"),
        _fk("inventory_document_line", "item_id", "inventory_item"),
        _fk("inventory_document_line", "warehouse_id", "warehouse"),
        _fk("inventory_document_line", "location_id", "warehouse_location"),
        _fk("inventory_document_line", "to_location_id", "warehouse_location"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inventory_document_line")),
        sa.UniqueConstraint(
            "document_id", "line_number", name=op.f("uq_inventory_document_line_document_id_line_number")
        ),
    )


def downgrade() -> None:
    op.drop_table("inventory_document_line")
    op.drop_table("inventory_document")
