"""Stock: warehouse locations, lot/serial classes, item class valuation, posting class accounts, and the stock
engine's quantities, cost layers and movements

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-03

Existing item classes value their items at average cost; existing posting classes name no accounts (a release
that needs one says which is missing). Nothing is on hand.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from nettfin.server.db.types import Money, UTCDateTime

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def _company(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["company_id"], ["company.id"], name=op.f(f"fk_{table}_company_id_company"), ondelete="CASCADE"
    )


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "warehouse_location",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("location_cd", sa.String(length=30), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("include_in_available", sa.Boolean(), nullable=False),
        sa.Column("receipts_allowed", sa.Boolean(), nullable=False),
        sa.Column("sales_allowed", sa.Boolean(), nullable=False),
        sa.Column("transfers_allowed", sa.Boolean(), nullable=False),
        sa.Column("assembly_allowed", sa.Boolean(), nullable=False),
        sa.Column("pick_priority", sa.Integer(), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(), nullable=False),
        _company("warehouse_location"),
        _fk("warehouse_location", "warehouse_id", "warehouse"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warehouse_location")),
        sa.UniqueConstraint("warehouse_id", "location_cd", name=op.f("uq_warehouse_location_warehouse_id_location_cd")),
    )
    op.create_table(
        "lot_serial_class",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("class_cd", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("tracking_method", sa.String(length=20), nullable=False),
        sa.Column("track_expiration", sa.Boolean(), nullable=False),
        sa.Column("assignment_method", sa.String(length=20), nullable=False),
        sa.Column("issue_method", sa.String(length=20), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(), nullable=False),
        _company("lot_serial_class"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lot_serial_class")),
        sa.UniqueConstraint("company_id", "class_cd", name=op.f("uq_lot_serial_class_company_id_class_cd")),
    )
    with op.batch_alter_table("posting_class") as batch:
        batch.add_column(
            sa.Column(
                "accounts",
                sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
                nullable=False,
                server_default="{}",
            )
        )
    with op.batch_alter_table("item_class") as batch:
        batch.add_column(sa.Column("valuation_method", sa.String(length=10), nullable=False, server_default="Average"))
    op.create_table(
        "stock_quantity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("lot_serial", sa.String(length=100), nullable=False),
        sa.Column("on_hand", Money(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        _company("stock_quantity"),
        _fk("stock_quantity", "item_id", "inventory_item"),
        _fk("stock_quantity", "warehouse_id", "warehouse"),
        _fk("stock_quantity", "location_id", "warehouse_location"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_quantity")),
    )
    op.create_index(op.f("ix_stock_quantity_company_id"), "stock_quantity", ["company_id"])
    op.create_index(
        "ix_stock_quantity_place", "stock_quantity", ["item_id", "warehouse_id", "location_id", "lot_serial"]
    )
    op.create_table(
        "stock_cost_layer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("quantity", Money(), nullable=False),
        sa.Column("value", Money(), nullable=False),
        sa.Column("source", sa.String(length=60), nullable=False),
        _company("stock_cost_layer"),
        _fk("stock_cost_layer", "item_id", "inventory_item"),
        _fk("stock_cost_layer", "warehouse_id", "warehouse"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_cost_layer")),
    )
    op.create_index(op.f("ix_stock_cost_layer_company_id"), "stock_cost_layer", ["company_id"])
    op.create_index("ix_stock_cost_layer_item", "stock_cost_layer", ["item_id", "warehouse_id"])
    op.create_table(
        "stock_movement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("lot_serial", sa.String(length=100), nullable=False),
        sa.Column("quantity", Money(), nullable=False),
        sa.Column("value", Money(), nullable=False),
        sa.Column("moved_on", sa.Date(), nullable=False),
        sa.Column("source_type", sa.String(length=30), nullable=False),
        sa.Column("source_number", sa.String(length=30), nullable=False),
        sa.Column("source_line", sa.Integer(), nullable=True),
        _company("stock_movement"),
        _fk("stock_movement", "item_id", "inventory_item"),
        _fk("stock_movement", "warehouse_id", "warehouse"),
        _fk("stock_movement", "location_id", "warehouse_location"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_movement")),
    )
    op.create_index("ix_stock_movement_item", "stock_movement", ["item_id", "warehouse_id"])
    op.create_index("ix_stock_movement_source", "stock_movement", ["company_id", "source_type", "source_number"])


def downgrade() -> None:
    op.drop_table("stock_movement")
    op.drop_table("stock_cost_layer")
    op.drop_table("stock_quantity")
    with op.batch_alter_table("item_class") as batch:
        batch.drop_column("valuation_method")
    with op.batch_alter_table("posting_class") as batch:
        batch.drop_column("accounts")
    op.drop_table("lot_serial_class")
    op.drop_table("warehouse_location")
