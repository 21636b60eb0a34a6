"""Sales prices, discount codes, discount series with their breakpoints and what each series applies to

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-03

New tables only: existing documents keep the prices they were given.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from nettfin.server.db.types import Money, UTCDateTime

revision = "0036"
down_revision = "0035"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
    )


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
    ]


def _money(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, Money(precision=19, scale=4), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "customer_sales_price",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("price_type", sa.String(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("price_class", sa.String(length=10), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("promotion", sa.Boolean(), nullable=False),
        _money("break_qty"),
        _money("price"),
        sa.Column("currency_id", sa.String(length=5), nullable=True),
        sa.Column("vat", sa.String(length=10), nullable=True),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("expiration_date", sa.Date(), nullable=True),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        *_stamps(),
        _fk("customer_sales_price", "company_id", "company"),
        _fk("customer_sales_price", "customer_id", "customer"),
        _fk("customer_sales_price", "item_id", "inventory_item"),
        _fk("customer_sales_price", "warehouse_id", "warehouse"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_sales_price")),
        sa.UniqueConstraint("company_id", "record_id", name=op.f("uq_customer_sales_price_company_id_record_id")),
    )
    op.create_index("ix_customer_sales_price_company_item", "customer_sales_price", ["company_id", "item_id"])
    op.create_table(
        "discount_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("discount_type", sa.String(length=20), nullable=False),
        sa.Column("applicable_to", sa.String(length=60), nullable=False),
        sa.Column("apply_to_deferred_revenue", sa.Boolean(), nullable=False),
        sa.Column("manual", sa.Boolean(), nullable=False),
        sa.Column("exclude_from_discountable_amount", sa.Boolean(), nullable=False),
        sa.Column("skip_document_discounts", sa.Boolean(), nullable=False),
        sa.Column("auto_numbering", sa.Boolean(), nullable=False),
        sa.Column("last_number", sa.String(length=10), nullable=True),
        *_stamps(),
        _fk("discount_code", "company_id", "company"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discount_code")),
        sa.UniqueConstraint("company_id", "code", name=op.f("uq_discount_code_company_id_code")),
    )
    op.create_table(
        "discount_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("discount_by", sa.String(length=10), nullable=False),
        sa.Column("break_by", sa.String(length=10), nullable=False),
        sa.Column("promotional", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("prorate_discount", sa.Boolean(), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("expiration_date", sa.Date(), nullable=True),
        sa.Column("last_update_date", UTCDateTime(timezone=True), nullable=True),
        *_stamps(),
        _fk("discount_series", "company_id", "company"),
        _fk("discount_series", "code_id", "discount_code"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discount_series")),
        sa.UniqueConstraint(
            "company_id", "code_id", "series", name=op.f("uq_discount_series_company_id_code_id_series")
        ),
    )
    op.create_table(
        "discount_breakpoint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("line_nbr", sa.Integer(), nullable=False),
        _money("break_amount"),
        _money("break_quantity"),
        _money("discount_amount"),
        _money("discount_percent"),
        _money("last_break_amount", True),
        _money("last_break_quantity", True),
        _money("last_discount_amount", True),
        _money("last_discount_percent", True),
        _money("pending_break_amount", True),
        _money("pending_break_quantity", True),
        _money("pending_discount_amount", True),
        _money("pending_discount_percent", True),
        sa.Column("pending_date", sa.Date(), nullable=True),
        sa.Column("effective_date", sa.Date(), nullable=True),
        _fk("discount_breakpoint", "company_id", "company"),
        _fk("discount_breakpoint", "series_id", "discount_series"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discount_breakpoint")),
        sa.UniqueConstraint("series_id", "line_nbr", name=op.f("uq_discount_breakpoint_series_id_line_nbr")),
    )
    op.create_table(
        "discount_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(length=30), nullable=True),
        _fk("discount_target", "company_id", "company"),
        _fk("discount_target", "series_id", "discount_series"),
        _fk("discount_target", "customer_id", "customer"),
        _fk("discount_target", "item_id", "inventory_item"),
        _fk("discount_target", "warehouse_id", "warehouse"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discount_target")),
    )
    op.create_index(op.f("ix_discount_target_series_id"), "discount_target", ["series_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_discount_target_series_id"), table_name="discount_target")
    op.drop_table("discount_target")
    op.drop_table("discount_breakpoint")
    op.drop_table("discount_series")
    op.drop_table("discount_code")
    op.drop_index("ix_customer_sales_price_company_item", table_name="customer_sales_price")
    op.drop_table("customer_sales_price")
