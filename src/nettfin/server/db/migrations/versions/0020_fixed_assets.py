"""Fixed assets: classes, property tax groups and their details, assets, and their transactions

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03

New tables only: existing companies start without fixed assets.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from nettfin.server.db.types import Money, UTCDateTime

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
    ]


def _money(name: str) -> sa.Column:
    return sa.Column(name, Money(precision=19, scale=4), nullable=False)


def _company(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["company_id"], ["company.id"], name=op.f(f"fk_{table}_company_id_company"), ondelete="CASCADE"
    )


def _references(table: str, *columns: tuple[str, str]) -> list[sa.ForeignKeyConstraint]:
    return [
        sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"))
        for column, target in columns
    ]


def _accounts(*names: str) -> list[sa.Column]:
    columns = []
    for name in names:
        columns.append(sa.Column(f"{name}_account_id", sa.Integer(), nullable=False))
        columns.append(sa.Column(f"{name}_subaccount_id", sa.Integer(), nullable=True))
    return columns


def _account_keys(table: str, *names: str) -> list[sa.ForeignKeyConstraint]:
    pairs = [(f"{name}_{kind}_id", kind) for name in names for kind in ("account", "subaccount")]
    return _references(table, *pairs)


CLASS_ACCOUNTS = ("asset", "accrual", "accumulated", "expense")


def upgrade() -> None:
    op.create_table(
        "fixed_asset_class",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.String(length=30), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("asset_type_id", sa.String(length=10), nullable=True),
        sa.Column("is_tangible", sa.Boolean(), nullable=False),
        sa.Column("depreciable", sa.Boolean(), nullable=False),
        _money("useful_life"),
        sa.Column("accelerated_depreciation", sa.Boolean(), nullable=False),
        sa.Column("depreciation_method_id", sa.String(length=10), nullable=False),
        *_accounts(*CLASS_ACCOUNTS),
        *_stamps(),
        _company("fixed_asset_class"),
        *_account_keys("fixed_asset_class", *CLASS_ACCOUNTS),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fixed_asset_class")),
        sa.UniqueConstraint("company_id", "class_id", name=op.f("uq_fixed_asset_class_company_id_class_id")),
    )
    op.create_table(
        "fixed_asset_tax_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("property_tax_id", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        *_stamps(),
        _company("fixed_asset_tax_group"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fixed_asset_tax_group")),
        sa.UniqueConstraint(
            "company_id",
            "property_tax_id",
            name=op.f("uq_fixed_asset_tax_group_company_id_property_tax_id"),
        ),
    )
    op.create_table(
        "fixed_asset_tax_detail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        _money("property_value"),
        _money("min_percent"),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["fixed_asset_tax_group.id"],
            name=op.f("fk_fixed_asset_tax_detail_group_id_fixed_asset_tax_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fixed_asset_tax_detail")),
        sa.UniqueConstraint("group_id", "date", name=op.f("uq_fixed_asset_tax_detail_group_id_date")),
    )
    op.create_table(
        "fixed_asset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("asset_id", sa.String(length=30), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("is_tangible", sa.Boolean(), nullable=False),
        _money("quantity"),
        sa.Column("depreciable", sa.Boolean(), nullable=False),
        _money("useful_life"),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("property_type", sa.String(length=20), nullable=False),
        sa.Column("receipt_date", sa.Date(), nullable=False),
        sa.Column("depreciate_from_date", sa.Date(), nullable=False),
        _money("acquisition_cost"),
        _money("salvage_amount"),
        sa.Column("bill_number", sa.String(length=15), nullable=True),
        sa.Column("serial_number", sa.String(length=30), nullable=True),
        sa.Column("property_tax_group_id", sa.Integer(), nullable=True),
        sa.Column("branch_id", sa.Integer(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=True),
        *_stamps(),
        _company("fixed_asset"),
        *_references(
            "fixed_asset",
            ("class_id", "fixed_asset_class"),
            ("property_tax_group_id", "fixed_asset_tax_group"),
            ("branch_id", "branch"),
            ("department_id", "department"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fixed_asset")),
        sa.UniqueConstraint("company_id", "asset_id", name=op.f("uq_fixed_asset_company_id_asset_id")),
    )
    op.create_index(op.f("ix_fixed_asset_class_id"), "fixed_asset", ["class_id"])
    op.create_table(
        "fixed_asset_transaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("ref_no", sa.String(length=15), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("asset_id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("transaction_type", sa.String(length=20), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("book_id", sa.String(length=10), nullable=False),
        *_accounts("debit", "credit"),
        _money("amount"),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("period_id", sa.String(length=6), nullable=False),
        sa.Column("transaction_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        *_stamps(),
        _company("fixed_asset_transaction"),
        *_references(
            "fixed_asset_transaction",
            ("asset_id", "fixed_asset"),
            ("branch_id", "branch"),
            ("batch_id", "journal_batch"),
        ),
        *_account_keys("fixed_asset_transaction", "debit", "credit"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fixed_asset_transaction")),
        sa.UniqueConstraint(
            "company_id", "ref_no", "line_no", name=op.f("uq_fixed_asset_transaction_company_id_ref_no_line_no")
        ),
    )
    op.create_index(op.f("ix_fixed_asset_transaction_asset_id"), "fixed_asset_transaction", ["asset_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_fixed_asset_transaction_asset_id"), table_name="fixed_asset_transaction")
    op.drop_table("fixed_asset_transaction")
    op.drop_index(op.f("ix_fixed_asset_class_id"), table_name="fixed_asset")
    op.drop_table("fixed_asset")
    op.drop_table("fixed_asset_tax_detail")
    op.drop_table("fixed_asset_tax_group")
    op.drop_table("fixed_asset_class")
