"""Kits: kit specifications per kit item and revision with their stock and non-stock components, and kit
assembly documents with their component lines

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-03

New tables only; nothing existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from nettfin.server.db.types import Money, UTCDateTime

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, *, cascade: bool = True) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete="CASCADE" if cascade else None,
    )


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "kit_specification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("kit_item_id", sa.Integer(), nullable=False),
        sa.Column("kit_number", sa.String(length=30), nullable=False),
        sa.Column("revision", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=256), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("allow_component_addition", sa.Boolean(), nullable=False),
        *_stamps(),
        _fk("kit_specification", "company_id", "company"),
        _fk("kit_specification", "kit_item_id", "inventory_item"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_specification")),
        sa.UniqueConstraint(
            "company_id", "kit_item_id", "revision", name=op.f("uq_kit_specification_company_id_kit_item_id_revision")
        ),
    )
    op.create_index(
        "ix_kit_specification_company_modified_id", "kit_specification", ["company_id", "last_modified_at", "id"]
    )
    op.create_table(
        "kit_specification_component",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("specification_id", sa.Integer(), nullable=False),
        sa.Column("stock", sa.Boolean(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("quantity", Money(), nullable=False),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("allow_qty_variation", sa.Boolean(), nullable=False),
        sa.Column("min_qty", Money(), nullable=True),
        sa.Column("max_qty", Money(), nullable=True),
        sa.Column("disassembly_coeff", Money(), nullable=False),
        sa.Column("allow_substitution", sa.Boolean(), nullable=False),
        _fk("kit_specification_component", "company_id", "company"),
        _fk("kit_specification_component", "specification_id", "kit_specification"),
        _fk("kit_specification_component", "item_id", "inventory_item", cascade=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_specification_component")),
        sa.UniqueConstraint(
            "specification_id",
            "stock",
            "line_number",
            name=op.f("uq_kit_specification_component_specification_id_stock_line_number"),
        ),
    )
    op.create_table(
        "kit_assembly",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("doc_type", sa.String(length=1), nullable=False),
        sa.Column("ref_no", sa.String(length=15), nullable=False),
        sa.Column("status", sa.String(length=1), nullable=False),
        sa.Column("hold", sa.Boolean(), nullable=False),
        sa.Column("released", sa.Boolean(), nullable=False),
        sa.Column("date", UTCDateTime(), nullable=False),
        sa.Column("period_id", sa.String(length=6), nullable=False),
        sa.Column("kit_item_id", sa.Integer(), nullable=True),
        sa.Column("revision", sa.String(length=10), nullable=True),
        sa.Column("reason_code", sa.String(length=20), nullable=True),
        sa.Column("description", sa.String(length=256), nullable=True),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("quantity", Money(), nullable=False),
        sa.Column("batch_number", sa.String(length=15), nullable=True),
        *_stamps(),
        _fk("kit_assembly", "company_id", "company"),
        _fk("kit_assembly", "kit_item_id", "inventory_item", cascade=False),
        _fk("kit_assembly", "warehouse_id", "warehouse", cascade=False),
        _fk("kit_assembly", "location_id", "warehouse_location", cascade=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_assembly")),
        sa.UniqueConstraint("company_id", "ref_no", name=op.f("uq_kit_assembly_company_id_ref_no")),
    )
    op.create_index("ix_kit_assembly_company_modified_id", "kit_assembly", ["company_id", "last_modified_at", "id"])
    op.create_table(
        "kit_assembly_component",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("assembly_id", sa.Integer(), nullable=False),
        sa.Column("stock", sa.Boolean(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("quantity", Money(), nullable=False),
        sa.Column("unit_cost", Money(), nullable=False),
        sa.Column("reason_code", sa.String(length=20), nullable=True),
        sa.Column("component_qty", Money(), nullable=True),
        sa.Column("allow_qty_variation", sa.Boolean(), nullable=False),
        sa.Column("min_qty", Money(), nullable=True),
        sa.Column("max_qty", Money(), nullable=True),
        sa.Column("allow_substitution", sa.Boolean(), nullable=False),
        sa.Column("disassembly_coeff", Money(), nullable=True),
        _fk("kit_assembly_component", "company_id", "company"),
        _fk("kit_assembly_component", "assembly_id", "kit_assembly"),
        _fk("kit_assembly_component", "item_id", "inventory_item", cascade=False),
        _fk("kit_assembly_component", "location_id", "warehouse_location", cascade=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_assembly_component")),
        sa.UniqueConstraint(
            "assembly_id", "stock", "line_number", name=op.f("uq_kit_assembly_component_assembly_id_stock_line_number")
        ),
    )


def downgrade() -> None:
    op.drop_table("kit_assembly_component")
    op.drop_table("kit_assembly")
    op.drop_table("kit_specification_component")
    op.drop_table("kit_specification")
