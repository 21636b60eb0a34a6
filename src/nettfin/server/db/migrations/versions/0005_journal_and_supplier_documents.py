"""Journal transactions and GL balances; supplier invoices and supplier payments

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25

The posting engine's batches and lines, the GL balances every posted batch adds to, and the supplier ledger's
documents: invoices, credit and debit adjustments and prepayments with their lines and VAT details, and
supplier payments with the documents they pay.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nettfin.server.db.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("batch_number", sa.String(length=15), nullable=False),
        sa.Column("module", sa.String(length=2), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("hold", sa.Boolean(), nullable=False),
        sa.Column("period_id", sa.String(length=6), nullable=False),
        sa.Column("transaction_date", sa.Date(), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("currency_id", sa.String(length=5), nullable=False),
        sa.Column("source_type", sa.String(length=20), nullable=True),
        sa.Column("source_number", sa.String(length=30), nullable=True),
        sa.Column("original_batch_number", sa.String(length=15), nullable=True),
        sa.Column("debit_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("credit_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("control_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("posted_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_journal_batch_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_batch")),
        sa.UniqueConstraint("company_id", "batch_number", name=op.f("uq_journal_batch_company_id_batch_number")),
    )
    op.create_index(
        "ix_journal_batch_company_modified_id", "journal_batch", ["company_id", "last_modified_at", "id"], unique=False
    )
    op.create_index(
        "ix_journal_batch_company_period_id", "journal_batch", ["company_id", "period_id", "id"], unique=False
    )
    op.create_table(
        "journal_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("subaccount_id", sa.Integer(), nullable=True),
        sa.Column("debit", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("credit", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("reference_number", sa.String(length=30), nullable=True),
        sa.Column("vat_id", sa.String(length=10), nullable=True),
        sa.Column("vat_category", sa.String(length=10), nullable=True),
        sa.Column("party", sa.String(length=30), nullable=True),
        sa.Column("inventory_number", sa.String(length=30), nullable=True),
        sa.Column("quantity", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("note", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], name=op.f("fk_journal_line_account_id_account")),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["journal_batch.id"], name=op.f("fk_journal_line_batch_id_journal_batch"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_journal_line_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["subaccount_id"], ["subaccount.id"], name=op.f("fk_journal_line_subaccount_id_subaccount")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_line")),
        sa.UniqueConstraint("batch_id", "line_number", name=op.f("uq_journal_line_batch_id_line_number")),
    )
    op.create_index("ix_journal_line_account_id", "journal_line", ["account_id"], unique=False)
    op.create_index("ix_journal_line_company_batch_id", "journal_line", ["company_id", "batch_id", "id"], unique=False)
    op.create_table(
        "ledger_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("account_cd", sa.String(length=10), nullable=False),
        sa.Column("subaccount_cd", sa.String(length=30), nullable=False),
        sa.Column("period_id", sa.String(length=6), nullable=False),
        sa.Column("debit", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("credit", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], name=op.f("fk_ledger_history_account_id_account")),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_ledger_history_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_history")),
        sa.UniqueConstraint(
            "company_id",
            "account_id",
            "subaccount_cd",
            "period_id",
            name=op.f("uq_ledger_history_company_id_account_id_subaccount_cd_period_id"),
        ),
    )
    op.create_index(
        "ix_ledger_history_company_account_cd_id", "ledger_history", ["company_id", "account_cd", "id"], unique=False
    )
    op.create_index(
        "ix_ledger_history_company_modified_id",
        "ledger_history",
        ["company_id", "last_modified_at", "id"],
        unique=False,
    )
    op.create_table(
        "supplier_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("document_type", sa.String(length=20), nullable=False),
        sa.Column("reference_number", sa.String(length=15), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("hold", sa.Boolean(), nullable=False),
        sa.Column("released", sa.Boolean(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("orig_invoice_date", sa.Date(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("cash_discount_date", sa.Date(), nullable=True),
        sa.Column("pay_date", sa.Date(), nullable=True),
        sa.Column("period_id", sa.String(length=6), nullable=False),
        sa.Column("currency_id", sa.String(length=5), nullable=False),
        sa.Column("exchange_rate", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("credit_terms_id", sa.Integer(), nullable=True),
        sa.Column("vat_zone_id", sa.Integer(), nullable=True),
        sa.Column("tax_calculation_mode", sa.String(length=10), nullable=False),
        sa.Column("supplier_reference", sa.String(length=40), nullable=True),
        sa.Column("payment_ref_no", sa.String(length=40), nullable=True),
        sa.Column("payment_message", sa.String(length=100), nullable=True),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("location_id", sa.String(length=10), nullable=False),
        sa.Column("branch_number", sa.String(length=30), nullable=True),
        sa.Column("cash_account", sa.String(length=10), nullable=True),
        sa.Column("payment_method", sa.String(length=10), nullable=True),
        sa.Column("pay_selected", sa.Boolean(), nullable=False),
        sa.Column("detail_total_cur", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("detail_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("discount_total_cur", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("discount_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("vat_taxable_cur", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("vat_taxable", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("vat_exempt_cur", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("vat_exempt", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("vat_total_cur", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("vat_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("amount_cur", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("amount", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("balance_cur", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("balance", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("ap_account_id", sa.Integer(), nullable=True),
        sa.Column("ap_subaccount_id", sa.Integer(), nullable=True),
        sa.Column("batch_number", sa.String(length=15), nullable=True),
        sa.Column("void_batch_number", sa.String(length=15), nullable=True),
        sa.Column("closed_period_id", sa.String(length=6), nullable=True),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ap_account_id"], ["account.id"], name=op.f("fk_supplier_document_ap_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["ap_subaccount_id"], ["subaccount.id"], name=op.f("fk_supplier_document_ap_subaccount_id_subaccount")
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_supplier_document_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["credit_terms_id"], ["credit_terms.id"], name=op.f("fk_supplier_document_credit_terms_id_credit_terms")
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["supplier.id"], name=op.f("fk_supplier_document_supplier_id_supplier")
        ),
        sa.ForeignKeyConstraint(
            ["vat_zone_id"], ["vat_zone.id"], name=op.f("fk_supplier_document_vat_zone_id_vat_zone")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_document")),
        sa.UniqueConstraint(
            "company_id",
            "document_type",
            "reference_number",
            name=op.f("uq_supplier_document_company_id_document_type_reference_number"),
        ),
    )
    op.create_index(
        "ix_supplier_document_company_modified_id",
        "supplier_document",
        ["company_id", "last_modified_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_supplier_document_company_number_id",
        "supplier_document",
        ["company_id", "reference_number", "id"],
        unique=False,
    )
    op.create_index(
        "ix_supplier_document_company_supplier_id",
        "supplier_document",
        ["company_id", "supplier_id", "id"],
        unique=False,
    )
    op.create_table(
        "supplier_payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("payment_type", sa.String(length=20), nullable=False),
        sa.Column("reference_number", sa.String(length=15), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("hold", sa.Boolean(), nullable=False),
        sa.Column("released", sa.Boolean(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("application_date", sa.Date(), nullable=False),
        sa.Column("period_id", sa.String(length=6), nullable=False),
        sa.Column("payment_ref", sa.String(length=40), nullable=True),
        sa.Column("location_id", sa.String(length=10), nullable=False),
        sa.Column("payment_method", sa.String(length=10), nullable=True),
        sa.Column("cash_account", sa.String(length=10), nullable=True),
        sa.Column("currency_id", sa.String(length=5), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("branch_number", sa.String(length=30), nullable=True),
        sa.Column("payment_amount", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("unapplied_balance", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("ap_account_id", sa.Integer(), nullable=True),
        sa.Column("batch_number", sa.String(length=15), nullable=True),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ap_account_id"], ["account.id"], name=op.f("fk_supplier_payment_ap_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_supplier_payment_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["supplier.id"], name=op.f("fk_supplier_payment_supplier_id_supplier")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_payment")),
        sa.UniqueConstraint(
            "company_id",
            "payment_type",
            "reference_number",
            name=op.f("uq_supplier_payment_company_id_payment_type_reference_number"),
        ),
    )
    op.create_index(
        "ix_supplier_payment_company_modified_id",
        "supplier_payment",
        ["company_id", "last_modified_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_supplier_payment_company_number_id",
        "supplier_payment",
        ["company_id", "reference_number", "id"],
        unique=False,
    )
    op.create_index(
        "ix_supplier_payment_company_supplier_id", "supplier_payment", ["company_id", "supplier_id", "id"], unique=False
    )
    op.create_table(
        "supplier_document_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("inventory_number", sa.String(length=30), nullable=True),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("quantity", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("unit_cost_cur", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("discount_percent", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("discount_amount_cur", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("manual_discount", sa.Boolean(), nullable=False),
        sa.Column("cost_cur", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("cost", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("manual_cost", sa.Boolean(), nullable=False),
        sa.Column("taxable_cur", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("taxable", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("subaccount_id", sa.Integer(), nullable=True),
        sa.Column("vat_id", sa.String(length=10), nullable=True),
        sa.Column("vat_category", sa.String(length=10), nullable=True),
        sa.Column("manual_vat", sa.Boolean(), nullable=False),
        sa.Column("project_id", sa.String(length=30), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_supplier_document_line_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
            name=op.f("fk_supplier_document_line_company_id_company"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["supplier_document.id"],
            name=op.f("fk_supplier_document_line_document_id_supplier_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["inventory_item.id"], name=op.f("fk_supplier_document_line_item_id_inventory_item")
        ),
        sa.ForeignKeyConstraint(
            ["subaccount_id"], ["subaccount.id"], name=op.f("fk_supplier_document_line_subaccount_id_subaccount")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_document_line")),
        sa.UniqueConstraint(
            "document_id", "line_number", name=op.f("uq_supplier_document_line_document_id_line_number")
        ),
    )
    op.create_index(
        "ix_supplier_document_line_company_item",
        "supplier_document_line",
        ["company_id", "inventory_number"],
        unique=False,
    )
    op.create_table(
        "supplier_document_tax",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("vat_id", sa.String(length=10), nullable=False),
        sa.Column("vat_rate", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("reverse", sa.Boolean(), nullable=False),
        sa.Column("taxable_cur", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("taxable", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("vat_cur", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("vat", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_supplier_document_tax_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["supplier_document.id"],
            name=op.f("fk_supplier_document_tax_document_id_supplier_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_document_tax")),
        sa.UniqueConstraint("document_id", "vat_id", name=op.f("uq_supplier_document_tax_document_id_vat_id")),
    )
    op.create_table(
        "supplier_payment_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("amount_paid", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("amount_paid_base", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_supplier_payment_line_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["supplier_document.id"],
            name=op.f("fk_supplier_payment_line_document_id_supplier_document"),
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"],
            ["supplier_payment.id"],
            name=op.f("fk_supplier_payment_line_payment_id_supplier_payment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_payment_line")),
        sa.UniqueConstraint("payment_id", "line_number", name=op.f("uq_supplier_payment_line_payment_id_line_number")),
    )
    op.create_index("ix_supplier_payment_line_document_id", "supplier_payment_line", ["document_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_supplier_payment_line_document_id", table_name="supplier_payment_line")
    op.drop_table("supplier_payment_line")
    op.drop_table("supplier_document_tax")
    op.drop_index("ix_supplier_document_line_company_item", table_name="supplier_document_line")
    op.drop_table("supplier_document_line")
    op.drop_index("ix_supplier_payment_company_supplier_id", table_name="supplier_payment")
    op.drop_index("ix_supplier_payment_company_number_id", table_name="supplier_payment")
    op.drop_index("ix_supplier_payment_company_modified_id", table_name="supplier_payment")
    op.drop_table("supplier_payment")
    op.drop_index("ix_supplier_document_company_supplier_id", table_name="supplier_document")
    op.drop_index("ix_supplier_document_company_number_id", table_name="supplier_document")
    op.drop_index("ix_supplier_document_company_modified_id", table_name="supplier_document")
    op.drop_table("supplier_document")
    op.drop_index("ix_ledger_history_company_modified_id", table_name="ledger_history")
    op.drop_index("ix_ledger_history_company_account_cd_id", table_name="ledger_history")
    op.drop_table("ledger_history")
    op.drop_index("ix_journal_line_company_batch_id", table_name="journal_line")
    op.drop_index("ix_journal_line_account_id", table_name="journal_line")
    op.drop_table("journal_line")
    op.drop_index("ix_journal_batch_company_period_id", table_name="journal_batch")
    op.drop_index("ix_journal_batch_company_modified_id", table_name="journal_batch")
    op.drop_table("journal_batch")
