"""Expense claims and expense receipts; the employee class's payables account

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03

A receipt is an expense detail, and a claim's line when it is on one (`expense_detail.claim_id`). Existing
employee classes get no payables account: a claim of their employees is released once the class has one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from nettfin.server.db.types import Money, UTCDateTime

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
    ]


def _fk(table: str, column: str, referred: str, **options) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{referred}.id"], name=op.f(f"fk_{table}_{column}_{referred}"), **options
    )


def upgrade() -> None:
    with op.batch_alter_table("employee_class") as batch:
        batch.add_column(sa.Column("payable_account_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("payable_subaccount_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_employee_class_payable_account_id_account"), "account", ["payable_account_id"], ["id"]
        )
        batch.create_foreign_key(
            batch.f("fk_employee_class_payable_subaccount_id_subaccount"),
            "subaccount",
            ["payable_subaccount_id"],
            ["id"],
        )
    op.create_table(
        "expense_claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("ref_nbr", sa.String(length=15), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("approval_status", sa.String(length=30), nullable=False),
        sa.Column("approval_text", sa.String(length=255), nullable=True),
        sa.Column("approval_date", UTCDateTime(), nullable=True),
        sa.Column("approver", sa.String(length=30), nullable=True),
        sa.Column("date", UTCDateTime(), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("currency_id", sa.String(length=5), nullable=False),
        sa.Column("location", sa.String(length=30), nullable=True),
        sa.Column("claim_total", Money(), nullable=False),
        sa.Column("vat_taxable_total", Money(), nullable=False),
        sa.Column("vat_exempt_total", Money(), nullable=False),
        sa.Column("period_id", sa.String(length=6), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        *_stamps(),
        _fk("expense_claim", "company_id", "company", ondelete="CASCADE"),
        _fk("expense_claim", "employee_id", "employee"),
        _fk("expense_claim", "department_id", "department"),
        _fk("expense_claim", "batch_id", "journal_batch"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expense_claim")),
        sa.UniqueConstraint("company_id", "ref_nbr", name=op.f("uq_expense_claim_company_id_ref_nbr")),
    )
    op.create_index(op.f("ix_expense_claim_employee_id"), "expense_claim", ["employee_id"])
    op.create_index("ix_expense_claim_company_modified_id", "expense_claim", ["company_id", "last_modified_at", "id"])
    op.create_table(
        "expense_detail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("receipt_nbr", sa.String(length=15), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("line_number", sa.Integer(), nullable=True),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("date", UTCDateTime(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("quantity", Money(), nullable=False),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("unit_cost", Money(), nullable=False),
        sa.Column("total_amount", Money(), nullable=False),
        sa.Column("employee_part", Money(), nullable=False),
        sa.Column("claim_amount", Money(), nullable=False),
        sa.Column("vat_id", sa.String(length=30), nullable=True),
        sa.Column("tax_amount", Money(), nullable=False),
        sa.Column("tax_category", sa.String(length=30), nullable=True),
        sa.Column("currency_id", sa.String(length=5), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=True),
        sa.Column("invoiceable", sa.Boolean(), nullable=False),
        sa.Column("project", sa.String(length=30), nullable=True),
        sa.Column("project_task", sa.String(length=30), nullable=True),
        sa.Column("branch", sa.String(length=30), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("subaccount_id", sa.Integer(), nullable=True),
        *_stamps(),
        _fk("expense_detail", "company_id", "company", ondelete="CASCADE"),
        _fk("expense_detail", "claim_id", "expense_claim", ondelete="SET NULL"),
        _fk("expense_detail", "employee_id", "employee"),
        _fk("expense_detail", "item_id", "inventory_item"),
        _fk("expense_detail", "account_id", "account"),
        _fk("expense_detail", "subaccount_id", "subaccount"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expense_detail")),
        sa.UniqueConstraint("company_id", "receipt_nbr", name=op.f("uq_expense_detail_company_id_receipt_nbr")),
        sa.UniqueConstraint("claim_id", "line_number", name=op.f("uq_expense_detail_claim_id_line_number")),
    )
    op.create_index(op.f("ix_expense_detail_claim_id"), "expense_detail", ["claim_id"])
    op.create_index(op.f("ix_expense_detail_employee_id"), "expense_detail", ["employee_id"])
    op.create_index("ix_expense_detail_company_modified_id", "expense_detail", ["company_id", "last_modified_at", "id"])


def downgrade() -> None:
    op.drop_table("expense_detail")
    op.drop_table("expense_claim")
    with op.batch_alter_table("employee_class") as batch:
        batch.drop_constraint(batch.f("fk_employee_class_payable_subaccount_id_subaccount"), type_="foreignkey")
        batch.drop_constraint(batch.f("fk_employee_class_payable_account_id_account"), type_="foreignkey")
        batch.drop_column("payable_subaccount_id")
        batch.drop_column("payable_account_id")
