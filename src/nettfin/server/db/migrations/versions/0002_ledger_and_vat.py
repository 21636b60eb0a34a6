"""ledger set-up (accounts, periods, dimensions, subaccounts) and VAT (VAT IDs, categories, zones)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 03:48:03.816605
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nettfin.server.db.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account_class",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.String(length=20), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("type", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_account_class_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_class")),
        sa.UniqueConstraint("company_id", "class_id", name=op.f("uq_account_class_company_id_class_id")),
    )
    op.create_table(
        "dimension",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("dimension_id", sa.String(length=15), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_dimension_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dimension")),
        sa.UniqueConstraint("company_id", "dimension_id", name=op.f("uq_dimension_company_id_dimension_id")),
    )
    op.create_table(
        "financial_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.String(length=6), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("closed_in_supplier_ledger", sa.Boolean(), nullable=False),
        sa.Column("closed_in_customer_ledger", sa.Boolean(), nullable=False),
        sa.Column("closed_in_inventory_management", sa.Boolean(), nullable=False),
        sa.Column("closed_in_general_ledger", sa.Boolean(), nullable=False),
        sa.Column("closed_in_cash_management", sa.Boolean(), nullable=False),
        sa.Column("closed_in_fixed_assets", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_financial_period_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_financial_period")),
        sa.UniqueConstraint("company_id", "period_id", name=op.f("uq_financial_period_company_id_period_id")),
    )
    op.create_table(
        "ledger_settings",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("enforce_subaccount_combinations", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_ledger_settings_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("company_id", name=op.f("pk_ledger_settings")),
    )
    op.create_table(
        "subaccount",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("subaccount_cd", sa.String(length=30), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_subaccount_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subaccount")),
        sa.UniqueConstraint("company_id", "subaccount_cd", name=op.f("uq_subaccount_company_id_subaccount_cd")),
    )
    with op.batch_alter_table("subaccount", schema=None) as batch_op:
        batch_op.create_index("ix_subaccount_company_cd_id", ["company_id", "subaccount_cd", "id"], unique=False)
    op.create_table(
        "vat_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("exclude_listed_taxes", sa.Boolean(), nullable=False),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_vat_category_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vat_category")),
        sa.UniqueConstraint("company_id", "category_id", name=op.f("uq_vat_category_company_id_category_id")),
    )
    op.create_table(
        "vat_settings",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("rounding", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_vat_settings_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("company_id", name=op.f("pk_vat_settings")),
    )
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("account_cd", sa.String(length=10), nullable=False),
        sa.Column("account_class_id", sa.Integer(), nullable=True),
        sa.Column("type", sa.String(length=10), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("use_default_sub", sa.Boolean(), nullable=False),
        sa.Column("post_option", sa.String(length=10), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("tax_category", sa.String(length=10), nullable=True),
        sa.Column("cash_account", sa.Boolean(), nullable=False),
        sa.Column("public_code1", sa.String(length=20), nullable=True),
        sa.Column("external_code1", sa.String(length=20), nullable=True),
        sa.Column("external_code2", sa.String(length=20), nullable=True),
        sa.Column("analysis_code", sa.String(length=20), nullable=True),
        sa.Column("account_group_cd", sa.String(length=20), nullable=True),
        sa.Column("control_account_module", sa.String(length=2), nullable=True),
        sa.Column("allow_manual_entry", sa.Boolean(), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_class_id"], ["account_class.id"], name=op.f("fk_account_account_class_id_account_class")
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_account_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("company_id", "account_cd", name=op.f("uq_account_company_id_account_cd")),
    )
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.create_index("ix_account_company_modified_id", ["company_id", "last_modified_at", "id"], unique=False)
    op.create_table(
        "dimension_segment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("dimension_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("validate", sa.Boolean(), nullable=False),
        sa.Column("default_value", sa.String(length=30), nullable=True),
        sa.Column("auto_number", sa.Boolean(), nullable=False),
        sa.Column("consol_num_char", sa.Integer(), nullable=False),
        sa.Column("consol_order", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=36), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_dimension_segment_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["dimension_id"],
            ["dimension.id"],
            name=op.f("fk_dimension_segment_dimension_id_dimension"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dimension_segment")),
        sa.UniqueConstraint("dimension_id", "segment_id", name=op.f("uq_dimension_segment_dimension_id_segment_id")),
    )
    op.create_table(
        "dimension_segment_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("value_id", sa.String(length=30), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("mapped_seg_value", sa.String(length=30), nullable=True),
        sa.Column("public_id", sa.String(length=36), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
            name=op.f("fk_dimension_segment_value_company_id_company"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["dimension_segment.id"],
            name=op.f("fk_dimension_segment_value_segment_id_dimension_segment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dimension_segment_value")),
        sa.UniqueConstraint("segment_id", "value_id", name=op.f("uq_dimension_segment_value_segment_id_value_id")),
    )
    op.create_table(
        "vat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("vat_id", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("deductible_vat", sa.Boolean(), nullable=False),
        sa.Column("reverse_vat", sa.Boolean(), nullable=False),
        sa.Column("statistical_vat", sa.Boolean(), nullable=False),
        sa.Column("pending_vat", sa.Boolean(), nullable=False),
        sa.Column("include_in_vat_exempt_total", sa.Boolean(), nullable=False),
        sa.Column("include_in_vat_total", sa.Boolean(), nullable=False),
        sa.Column("enter_from_vat_invoice", sa.Boolean(), nullable=False),
        sa.Column("calculate_on", sa.String(length=30), nullable=False),
        sa.Column("cash_discount", sa.String(length=20), nullable=False),
        sa.Column("not_valid_after", sa.Date(), nullable=True),
        sa.Column("eu_report_code", sa.String(length=20), nullable=True),
        sa.Column("document_text", sa.Text(), nullable=True),
        sa.Column("visma_xml_vat_type", sa.String(length=20), nullable=True),
        sa.Column("payable_account_id", sa.Integer(), nullable=True),
        sa.Column("payable_subaccount_id", sa.Integer(), nullable=True),
        sa.Column("claimable_account_id", sa.Integer(), nullable=True),
        sa.Column("claimable_subaccount_id", sa.Integer(), nullable=True),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["claimable_account_id"], ["account.id"], name=op.f("fk_vat_claimable_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["claimable_subaccount_id"], ["subaccount.id"], name=op.f("fk_vat_claimable_subaccount_id_subaccount")
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_vat_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["payable_account_id"], ["account.id"], name=op.f("fk_vat_payable_account_id_account")),
        sa.ForeignKeyConstraint(
            ["payable_subaccount_id"], ["subaccount.id"], name=op.f("fk_vat_payable_subaccount_id_subaccount")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vat")),
        sa.UniqueConstraint("company_id", "vat_id", name=op.f("uq_vat_company_id_vat_id")),
    )
    with op.batch_alter_table("vat", schema=None) as batch_op:
        batch_op.create_index("ix_vat_company_modified_id", ["company_id", "last_modified_at", "id"], unique=False)
    op.create_table(
        "vat_category_vat",
        sa.Column("vat_category_id", sa.Integer(), nullable=False),
        sa.Column("vat_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["vat_category_id"],
            ["vat_category.id"],
            name=op.f("fk_vat_category_vat_vat_category_id_vat_category"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vat_id"], ["vat.id"], name=op.f("fk_vat_category_vat_vat_id_vat"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("vat_category_id", "vat_id", name=op.f("pk_vat_category_vat")),
    )
    op.create_table(
        "vat_schedule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("vat_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("vat_rate", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("deductible_vat_rate", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("min_taxable_amt", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("max_taxable_amt", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("reporting_group", sa.String(length=20), nullable=True),
        sa.Column("group_type", sa.String(length=6), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_vat_schedule_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["vat_id"], ["vat.id"], name=op.f("fk_vat_schedule_vat_id_vat"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vat_schedule")),
        sa.UniqueConstraint("vat_id", "start_date", name=op.f("uq_vat_schedule_vat_id_start_date")),
    )
    op.create_table(
        "vat_zone_vat",
        sa.Column("vat_zone_id", sa.Integer(), nullable=False),
        sa.Column("vat_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["vat_id"], ["vat.id"], name=op.f("fk_vat_zone_vat_vat_id_vat"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["vat_zone_id"], ["vat_zone.id"], name=op.f("fk_vat_zone_vat_vat_zone_id_vat_zone"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("vat_zone_id", "vat_id", name=op.f("pk_vat_zone_vat")),
    )


def downgrade() -> None:
    op.drop_table("vat_zone_vat")
    op.drop_table("vat_schedule")
    op.drop_table("vat_category_vat")
    with op.batch_alter_table("vat", schema=None) as batch_op:
        batch_op.drop_index("ix_vat_company_modified_id")
    op.drop_table("vat")
    op.drop_table("dimension_segment_value")
    op.drop_table("dimension_segment")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index("ix_account_company_modified_id")
    op.drop_table("account")
    op.drop_table("vat_settings")
    op.drop_table("vat_category")
    with op.batch_alter_table("subaccount", schema=None) as batch_op:
        batch_op.drop_index("ix_subaccount_company_cd_id")
    op.drop_table("subaccount")
    op.drop_table("ledger_settings")
    op.drop_table("financial_period")
    op.drop_table("dimension")
    op.drop_table("account_class")
