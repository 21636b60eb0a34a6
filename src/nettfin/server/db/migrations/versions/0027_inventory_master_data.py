"""Inventory master data as the API serves it: warehouses' settings and their receiving, shipping, return and
drop-ship locations, locations' costing and primary item, lot/serial classes' auto-numbering, landed cost codes

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-03

Existing warehouses are active, validate their locations and take the average cost for returns; existing locations
are not costed separately and name no primary item; existing lot/serial classes do not number automatically.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from nettfin.server.db.types import UTCDateTime

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("warehouse") as batch:
        batch.add_column(sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch.add_column(sa.Column("branch_number", sa.String(length=30), nullable=True))
        batch.add_column(sa.Column("lock_site_pi_count_entry", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("location_entry", sa.String(length=10), nullable=False, server_default="Validate"))
        batch.add_column(
            sa.Column("avg_default_cost", sa.String(length=12), nullable=False, server_default="AverageCost")
        )
        batch.add_column(
            sa.Column("fifo_default_cost", sa.String(length=12), nullable=False, server_default="AverageCost")
        )
        for column in ("receipt_location_cd", "ship_location_cd", "return_location_cd", "drop_ship_location_cd"):
            batch.add_column(sa.Column(column, sa.String(length=30), nullable=True))
        batch.add_column(
            sa.Column("last_modified_at", UTCDateTime(), nullable=False, server_default=sa.text("CURRENT_TIMESTAMP"))
        )
        batch.add_column(sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("warehouse_location") as batch:
        batch.add_column(sa.Column("is_costed", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(
            sa.Column("primary_item_valid", sa.String(length=30), nullable=False, server_default="PrimaryNothing")
        )
        batch.add_column(sa.Column("primary_item_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("primary_item_class_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_warehouse_location_primary_item_id_inventory_item"),
            "inventory_item",
            ["primary_item_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_foreign_key(
            op.f("fk_warehouse_location_primary_item_class_id_item_class"),
            "item_class",
            ["primary_item_class_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("lot_serial_class") as batch:
        batch.add_column(sa.Column("required_for_drop_ship", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(
            sa.Column("auto_generate_next_number", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("auto_incremental_between_classes", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("auto_incremental_value", sa.String(length=30), nullable=True))
        batch.add_column(sa.Column("segments", _DOCUMENT, nullable=False, server_default="[]"))
    op.create_table(
        "landed_cost_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=15), nullable=False),
        sa.Column("description", sa.String(length=150), nullable=False),
        sa.Column("landed_cost_type", sa.String(length=30), nullable=False),
        sa.Column("application_method", sa.String(length=10), nullable=False),
        sa.Column("allocation_method", sa.String(length=10), nullable=False),
        sa.Column("supplier_number", sa.String(length=30), nullable=True),
        sa.Column("supplier_location", sa.String(length=30), nullable=True),
        sa.Column("terms", sa.String(length=10), nullable=True),
        sa.Column("reason_code", sa.String(length=20), nullable=True),
        sa.Column("vat_category_code", sa.String(length=10), nullable=True),
        sa.Column("accrual_account", sa.String(length=10), nullable=True),
        sa.Column("accrual_subaccount", sa.String(length=30), nullable=True),
        sa.Column("variance_account", sa.String(length=10), nullable=True),
        sa.Column("variance_subaccount", sa.String(length=30), nullable=True),
        sa.Column("last_modified_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_landed_cost_code_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_landed_cost_code")),
        sa.UniqueConstraint("company_id", "code", name=op.f("uq_landed_cost_code_company_id_code")),
    )


def downgrade() -> None:
    op.drop_table("landed_cost_code")
    with op.batch_alter_table("lot_serial_class") as batch:
        for column in (
            "segments",
            "auto_incremental_value",
            "auto_incremental_between_classes",
            "auto_generate_next_number",
            "required_for_drop_ship",
        ):
            batch.drop_column(column)
    with op.batch_alter_table("warehouse_location") as batch:
        batch.drop_constraint(op.f("fk_warehouse_location_primary_item_class_id_item_class"), type_="foreignkey")
        batch.drop_constraint(op.f("fk_warehouse_location_primary_item_id_inventory_item"), type_="foreignkey")
        for column in ("primary_item_class_id", "primary_item_id", "primary_item_valid", "is_costed"):
            batch.drop_column(column)
    with op.batch_alter_table("warehouse") as batch:
        for column in (
            "row_version",
            "last_modified_at",
            "drop_ship_location_cd",
            "return_location_cd",
            "ship_location_cd",
            "receipt_location_cd",
            "fifo_default_cost",
            "avg_default_cost",
            "location_entry",
            "lock_site_pi_count_entry",
            "branch_number",
            "active",
        ):
            batch.drop_column(column)
