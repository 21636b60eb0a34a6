"""Overdue charges (setup and what each calculation charged), dunning letters, and a customer document's
dunning level

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-03

Cash sales and overdue charge documents are customer documents (types `CashSale` and `FinCharge`): no table of
their own. Existing documents have never been dunned (level 0).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from nettfin.server.db.types import Money, UTCDateTime

revision = "0035"
down_revision = "0034"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, *, cascade: bool = False) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete="CASCADE" if cascade else None,
    )


def upgrade() -> None:
    with op.batch_alter_table("customer_invoice") as batch:
        batch.add_column(sa.Column("dunning_level", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("dunning_letter_at", UTCDateTime(timezone=True), nullable=True))
    op.create_table(
        "overdue_charge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("charge_id", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("customer_class_id", sa.Integer(), nullable=False),
        sa.Column("annual_rate", Money(precision=19, scale=4), nullable=False),
        sa.Column("minimum_amount", Money(precision=19, scale=4), nullable=False),
        sa.Column("grace_days", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("vat_category", sa.String(length=10), nullable=True),
        sa.Column("subaccount_id", sa.Integer(), nullable=True),
        sa.Column("last_modified_at", UTCDateTime(timezone=True), nullable=False),
        _fk("overdue_charge", "company_id", "company", cascade=True),
        _fk("overdue_charge", "customer_class_id", "customer_class", cascade=True),
        _fk("overdue_charge", "account_id", "account"),
        _fk("overdue_charge", "subaccount_id", "subaccount"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overdue_charge")),
        sa.UniqueConstraint("company_id", "charge_id", name=op.f("uq_overdue_charge_company_id")),
        sa.UniqueConstraint("company_id", "customer_class_id", name=op.f("uq_overdue_charge_company_id_class")),
    )
    op.create_table(
        "overdue_charge_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("charge_document_id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("from_date", UTCDateTime(timezone=True), nullable=False),
        sa.Column("to_date", UTCDateTime(timezone=True), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("balance", Money(precision=19, scale=4), nullable=False),
        sa.Column("amount", Money(precision=19, scale=4), nullable=False),
        _fk("overdue_charge_item", "company_id", "company", cascade=True),
        _fk("overdue_charge_item", "charge_document_id", "customer_invoice", cascade=True),
        _fk("overdue_charge_item", "invoice_id", "customer_invoice"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overdue_charge_item")),
    )
    op.create_index(op.f("ix_overdue_charge_item_invoice_id"), "overdue_charge_item", ["invoice_id"])
    op.create_table(
        "dunning_letter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("letter_date", UTCDateTime(timezone=True), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("total_overdue", Money(precision=19, scale=4), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        _fk("dunning_letter", "company_id", "company", cascade=True),
        _fk("dunning_letter", "customer_id", "customer"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dunning_letter")),
    )
    op.create_index(op.f("ix_dunning_letter_customer_id"), "dunning_letter", ["customer_id"])
    op.create_table(
        "dunning_letter_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("balance", Money(precision=19, scale=4), nullable=False),
        _fk("dunning_letter_document", "letter_id", "dunning_letter", cascade=True),
        _fk("dunning_letter_document", "invoice_id", "customer_invoice"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dunning_letter_document")),
    )
    op.create_index(op.f("ix_dunning_letter_document_invoice_id"), "dunning_letter_document", ["invoice_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_dunning_letter_document_invoice_id"), table_name="dunning_letter_document")
    op.drop_table("dunning_letter_document")
    op.drop_index(op.f("ix_dunning_letter_customer_id"), table_name="dunning_letter")
    op.drop_table("dunning_letter")
    op.drop_index(op.f("ix_overdue_charge_item_invoice_id"), table_name="overdue_charge_item")
    op.drop_table("overdue_charge_item")
    op.drop_table("overdue_charge")
    with op.batch_alter_table("customer_invoice") as batch:
        batch.drop_column("dunning_letter_at")
        batch.drop_column("dunning_level")
