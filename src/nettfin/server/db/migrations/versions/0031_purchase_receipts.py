"""Purchase receipts and returns with their lines; what purchase order lines have received; the receipt line a
supplier invoice line bills

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-03

Existing purchase order lines have received nothing; existing supplier invoice lines bill no receipt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from nettfin.server.db.types import Money, UTCDateTime

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _fk(table: str, column: str, target: str, *, cascade: bool = False) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete="CASCADE" if cascade else None,
    )


def upgrade() -> None:
    op.create_table(
        "purchase_receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("receipt_type", sa.String(length=20), nullable=False),
        sa.Column("receipt_nbr", sa.String(length=15), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("hold", sa.Boolean(), nullable=False),
        sa.Column("date", UTCDateTime(timezone=True), nullable=False),
        sa.Column("period_id", sa.String(length=6), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=30), nullable=True),
        sa.Column("currency_id", sa.String(length=5), nullable=False),
        sa.Column("exchange_rate", Money(precision=19, scale=4), nullable=False),
        sa.Column("create_bill", sa.Boolean(), nullable=False),
        sa.Column("supplier_ref", sa.String(length=40), nullable=True),
        sa.Column("control_qty", Money(precision=19, scale=4), nullable=False),
        sa.Column("control_total", Money(precision=19, scale=4), nullable=False),
        sa.Column("branch", sa.String(length=30), nullable=True),
        sa.Column("due_date", UTCDateTime(timezone=True), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("total_qty", Money(precision=19, scale=4), nullable=False),
        sa.Column("total_amt", Money(precision=19, scale=4), nullable=False),
        sa.Column("batch_number", sa.String(length=15), nullable=True),
        sa.Column("custom", _DOCUMENT, nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        _fk("purchase_receipt", "company_id", "company", cascade=True),
        _fk("purchase_receipt", "warehouse_id", "warehouse"),
        _fk("purchase_receipt", "supplier_id", "supplier"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_receipt")),
        sa.UniqueConstraint("company_id", "receipt_nbr", name=op.f("uq_purchase_receipt_company_id_receipt_nbr")),
    )
    op.create_index("ix_purchase_receipt_company_nbr_id", "purchase_receipt", ["company_id", "receipt_nbr", "id"])
    op.create_index(
        "ix_purchase_receipt_company_modified_id", "purchase_receipt", ["company_id", "last_modified_at", "id"]
    )
    op.create_table(
        "purchase_receipt_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("receipt_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=True),
        sa.Column("line_type", sa.String(length=30), nullable=False),
        sa.Column("branch", sa.String(length=30), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("receipt_qty", Money(precision=19, scale=4), nullable=False),
        sa.Column("unit_cost", Money(precision=19, scale=4), nullable=False),
        sa.Column("ext_cost", Money(precision=19, scale=4), nullable=False),
        sa.Column("discount_percent", Money(precision=19, scale=4), nullable=False),
        sa.Column("discount_amount", Money(precision=19, scale=4), nullable=False),
        sa.Column("amount", Money(precision=19, scale=4), nullable=False),
        sa.Column("tax_category", sa.String(length=10), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("subaccount_id", sa.Integer(), nullable=True),
        sa.Column("lot_serial", sa.String(length=100), nullable=False),
        sa.Column("expiration_date", UTCDateTime(timezone=True), nullable=True),
        sa.Column("complete_po_line", sa.Boolean(), nullable=False),
        sa.Column("value", Money(precision=19, scale=4), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("custom", _DOCUMENT, nullable=False),
        _fk("purchase_receipt_line", "company_id", "company", cascade=True),
        _fk("purchase_receipt_line", "receipt_id", "purchase_receipt", cascade=True),
        _fk("purchase_receipt_line", "order_line_id", "purchase_order_line"),
        _fk("purchase_receipt_line", "item_id", "inventory_item"),
        _fk("purchase_receipt_line", "warehouse_id", "warehouse"),
        _fk("purchase_receipt_line", "location_id", "warehouse_location"),
        _fk("purchase_receipt_line", "account_id", "account"),
        _fk("purchase_receipt_line", "subaccount_id", "subaccount"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_receipt_line")),
        sa.UniqueConstraint("receipt_id", "line_number", name=op.f("uq_purchase_receipt_line_receipt_id_line_number")),
    )
    op.create_index("ix_purchase_receipt_line_order_line", "purchase_receipt_line", ["order_line_id"])
    with op.batch_alter_table("purchase_order_line") as batch:
        batch.add_column(sa.Column("received_qty", Money(precision=19, scale=4), nullable=False, server_default="0"))
        batch.add_column(sa.Column("received_amt", Money(precision=19, scale=4), nullable=False, server_default="0"))
    with op.batch_alter_table("purchase_order_line") as batch:
        batch.alter_column("received_qty", server_default=None)
        batch.alter_column("received_amt", server_default=None)
    with op.batch_alter_table("supplier_document_line") as batch:
        batch.add_column(sa.Column("receipt_line_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("po_receipt_nbr", sa.String(length=15), nullable=True))
        batch.add_column(sa.Column("po_receipt_line_nbr", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("po_order_nbr", sa.String(length=15), nullable=True))
        batch.add_column(sa.Column("po_line_nbr", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("receipt_value", Money(precision=19, scale=4), nullable=True))
        batch.add_column(sa.Column("variance_account_cd", sa.String(length=10), nullable=True))
        batch.create_foreign_key(
            op.f("fk_supplier_document_line_receipt_line_id_purchase_receipt_line"),
            "purchase_receipt_line",
            ["receipt_line_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("supplier_document_line") as batch:
        batch.drop_constraint(
            op.f("fk_supplier_document_line_receipt_line_id_purchase_receipt_line"), type_="foreignkey"
        )
        for column in (
            "variance_account_cd",
            "receipt_value",
            "po_line_nbr",
            "po_order_nbr",
            "po_receipt_line_nbr",
            "po_receipt_nbr",
            "receipt_line_id",
        ):
            batch.drop_column(column)
    with op.batch_alter_table("purchase_order_line") as batch:
        batch.drop_column("received_amt")
        batch.drop_column("received_qty")
    op.drop_index("ix_purchase_receipt_line_order_line", table_name="purchase_receipt_line")
    op.drop_table("purchase_receipt_line")
    op.drop_index("ix_purchase_receipt_company_modified_id", table_name="purchase_receipt")
    op.drop_index("ix_purchase_receipt_company_nbr_id", table_name="purchase_receipt")
    op.drop_table("purchase_receipt")
