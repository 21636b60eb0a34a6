"""Supplier document actions: prebooking, reversal and correction links, approval, balance write-off; the void of
customer payments

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-03

Existing documents are not prebooked, reverse nothing and are `New` to approval; existing supplier classes have
no write-off account or limit.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nettfin.server.db.types

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("supplier_document") as batch:
        batch.add_column(sa.Column("prebook_account_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("prebook_subaccount_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("prebook_batch_number", sa.String(length=15), nullable=True))
        batch.add_column(sa.Column("original_document_type", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("original_reference_number", sa.String(length=15), nullable=True))
        batch.add_column(sa.Column("approval_status", sa.String(length=30), nullable=False, server_default="New"))
        batch.add_column(sa.Column("approval_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("write_off_batch_number", sa.String(length=15), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_supplier_document_prebook_account_id_account"), "account", ["prebook_account_id"], ["id"]
        )
        batch.create_foreign_key(
            batch.f("fk_supplier_document_prebook_subaccount_id_subaccount"),
            "subaccount",
            ["prebook_subaccount_id"],
            ["id"],
        )
        batch.create_index("ix_supplier_document_company_approval_id", ["company_id", "approval_id"])
    with op.batch_alter_table("supplier_payment") as batch:
        batch.add_column(sa.Column("write_off_batch_number", sa.String(length=15), nullable=True))
    with op.batch_alter_table("supplier_class") as batch:
        batch.add_column(sa.Column("write_off_account", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("write_off_subaccount", sa.String(length=30), nullable=True))
        batch.add_column(
            sa.Column("write_off_limit", nettfin.server.db.types.Money(precision=19, scale=4), nullable=True)
        )
    with op.batch_alter_table("customer_payment") as batch:
        batch.add_column(sa.Column("void_batch_number", sa.String(length=15), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("customer_payment") as batch:
        batch.drop_column("void_batch_number")
    with op.batch_alter_table("supplier_class") as batch:
        for column in ("write_off_limit", "write_off_subaccount", "write_off_account"):
            batch.drop_column(column)
    with op.batch_alter_table("supplier_payment") as batch:
        batch.drop_column("write_off_batch_number")
    with op.batch_alter_table("supplier_document") as batch:
        batch.drop_index("ix_supplier_document_company_approval_id")
        batch.drop_constraint(batch.f("fk_supplier_document_prebook_subaccount_id_subaccount"), type_="foreignkey")
        batch.drop_constraint(batch.f("fk_supplier_document_prebook_account_id_account"), type_="foreignkey")
        for column in (
            "write_off_batch_number",
            "approval_id",
            "approval_status",
            "original_reference_number",
            "original_document_type",
            "prebook_batch_number",
            "prebook_subaccount_id",
            "prebook_account_id",
        ):
            batch.drop_column(column)
