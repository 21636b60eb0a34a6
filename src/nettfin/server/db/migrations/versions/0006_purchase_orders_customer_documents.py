"""purchase orders, customer invoices and customer payments

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 04:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import nettfin.server.db.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_invoice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("document_type", sa.String(length=20), nullable=False),
        sa.Column("reference_number", sa.String(length=15), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("hold", sa.Boolean(), nullable=False),
        sa.Column("released", sa.Boolean(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("document_date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("orig_invoice_date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("due_date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("cash_discount_date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("post_period", sa.String(length=6), nullable=False),
        sa.Column("financial_period", sa.String(length=6), nullable=False),
        sa.Column("closed_period", sa.String(length=6), nullable=True),
        sa.Column("currency_id", sa.String(length=5), nullable=False),
        sa.Column("exchange_rate", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("credit_terms_id", sa.Integer(), nullable=True),
        sa.Column("vat_zone_id", sa.Integer(), nullable=True),
        sa.Column("payment_method_id", sa.String(length=10), nullable=True),
        sa.Column("customer_ref_number", sa.String(length=40), nullable=True),
        sa.Column("external_reference", sa.String(length=40), nullable=True),
        sa.Column("payment_reference", sa.String(length=40), nullable=True),
        sa.Column("invoice_text", sa.String(length=255), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("location_id", sa.String(length=30), nullable=True),
        sa.Column("branch", sa.String(length=30), nullable=True),
        sa.Column("cash_account", sa.String(length=10), nullable=True),
        sa.Column("project", sa.String(length=30), nullable=True),
        sa.Column("customer_project", sa.String(length=30), nullable=True),
        sa.Column("salesperson", sa.String(length=30), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("send_to_auto_invoice", sa.Boolean(), nullable=False),
        sa.Column("dont_print", sa.Boolean(), nullable=False),
        sa.Column("dont_email", sa.Boolean(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("exclude_debt_collection", sa.Boolean(), nullable=False),
        sa.Column("start_date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("end_date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("accounting_cost_ref", sa.String(length=40), nullable=True),
        sa.Column("originator_doc_ref", sa.String(length=40), nullable=True),
        sa.Column("contract_doc_ref", sa.String(length=40), nullable=True),
        sa.Column("detail_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("discount_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("vat_taxable_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("vat_exempt_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("vat_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("amount", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("balance", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("original_id", sa.Integer(), nullable=True),
        sa.Column("batch_number", sa.String(length=15), nullable=True),
        sa.Column(
            "billing_address",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "invoice_contact",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "tax_details", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_customer_invoice_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["credit_terms_id"], ["credit_terms.id"], name=op.f("fk_customer_invoice_credit_terms_id_credit_terms")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_customer_invoice_customer_id_customer")
        ),
        sa.ForeignKeyConstraint(
            ["original_id"], ["customer_invoice.id"], name=op.f("fk_customer_invoice_original_id_customer_invoice")
        ),
        sa.ForeignKeyConstraint(
            ["vat_zone_id"], ["vat_zone.id"], name=op.f("fk_customer_invoice_vat_zone_id_vat_zone")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_invoice")),
        sa.UniqueConstraint(
            "company_id", "reference_number", name=op.f("uq_customer_invoice_company_id_reference_number")
        ),
    )
    op.create_index(
        "ix_customer_invoice_company_customer",
        "customer_invoice",
        ["company_id", "customer_id", "released"],
        unique=False,
    )
    op.create_index(
        "ix_customer_invoice_company_modified_id",
        "customer_invoice",
        ["company_id", "last_modified_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_customer_invoice_company_ref_id", "customer_invoice", ["company_id", "reference_number", "id"], unique=False
    )
    op.create_table(
        "customer_payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("payment_type", sa.String(length=20), nullable=False),
        sa.Column("reference_number", sa.String(length=15), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("hold", sa.Boolean(), nullable=False),
        sa.Column("released", sa.Boolean(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("application_date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("application_period", sa.String(length=6), nullable=False),
        sa.Column("payment_ref", sa.String(length=40), nullable=True),
        sa.Column("location", sa.String(length=30), nullable=True),
        sa.Column("payment_method", sa.String(length=10), nullable=True),
        sa.Column("cash_account", sa.String(length=10), nullable=True),
        sa.Column("currency_id", sa.String(length=5), nullable=False),
        sa.Column("payment_amount", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("invoice_text", sa.String(length=255), nullable=True),
        sa.Column("applied_to_documents", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("available_balance", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("batch_number", sa.String(length=15), nullable=True),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_customer_payment_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_customer_payment_customer_id_customer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_payment")),
        sa.UniqueConstraint(
            "company_id", "reference_number", name=op.f("uq_customer_payment_company_id_reference_number")
        ),
    )
    op.create_index(
        "ix_customer_payment_company_customer",
        "customer_payment",
        ["company_id", "customer_id", "released"],
        unique=False,
    )
    op.create_index(
        "ix_customer_payment_company_modified_id",
        "customer_payment",
        ["company_id", "last_modified_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_customer_payment_company_ref_id", "customer_payment", ["company_id", "reference_number", "id"], unique=False
    )
    op.create_table(
        "purchase_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("order_type", sa.String(length=20), nullable=False),
        sa.Column("order_nbr", sa.String(length=15), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("hold", sa.Boolean(), nullable=False),
        sa.Column("date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("promised_on", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=30), nullable=True),
        sa.Column("owner", sa.String(length=36), nullable=True),
        sa.Column("gln", sa.String(length=20), nullable=True),
        sa.Column("vat_registration_id", sa.String(length=50), nullable=True),
        sa.Column("currency_id", sa.String(length=5), nullable=False),
        sa.Column("exchange_rate", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("supplier_ref", sa.String(length=40), nullable=True),
        sa.Column("control_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("branch", sa.String(length=30), nullable=True),
        sa.Column("shipping_destination_type", sa.String(length=20), nullable=False),
        sa.Column("ship_to", sa.String(length=30), nullable=True),
        sa.Column("shipping_location", sa.String(length=30), nullable=True),
        sa.Column("fob_point", sa.String(length=15), nullable=True),
        sa.Column("ship_via", sa.String(length=15), nullable=True),
        sa.Column("ship_terms", sa.String(length=10), nullable=True),
        sa.Column("credit_terms_id", sa.Integer(), nullable=True),
        sa.Column("vat_zone_id", sa.Integer(), nullable=True),
        sa.Column("dont_print", sa.Boolean(), nullable=False),
        sa.Column("dont_email", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("line_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("vat_exempt_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("tax_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("order_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("open_quantity", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("open_balance", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column(
            "shipping_address",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "shipping_contact",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "remit_address",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "remit_contact",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "tax_details", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column(
            "custom", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_purchase_order_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["credit_terms_id"], ["credit_terms.id"], name=op.f("fk_purchase_order_credit_terms_id_credit_terms")
        ),
        sa.ForeignKeyConstraint(["supplier_id"], ["supplier.id"], name=op.f("fk_purchase_order_supplier_id_supplier")),
        sa.ForeignKeyConstraint(["vat_zone_id"], ["vat_zone.id"], name=op.f("fk_purchase_order_vat_zone_id_vat_zone")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_order")),
        sa.UniqueConstraint("company_id", "order_nbr", name=op.f("uq_purchase_order_company_id_order_nbr")),
    )
    op.create_index(
        "ix_purchase_order_company_modified_id",
        "purchase_order",
        ["company_id", "last_modified_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_purchase_order_company_nbr_id", "purchase_order", ["company_id", "order_nbr", "id"], unique=False
    )
    op.create_index("ix_purchase_order_company_supplier", "purchase_order", ["company_id", "supplier_id"], unique=False)
    op.create_table(
        "customer_invoice_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("quantity", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("unit_price", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("manual_amount", nettfin.server.db.types.Money(precision=19, scale=4), nullable=True),
        sa.Column("discount_percent", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("discount_amount", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("manual_discount", sa.Boolean(), nullable=False),
        sa.Column("discount_code", sa.String(length=10), nullable=True),
        sa.Column("amount", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("account", sa.String(length=10), nullable=True),
        sa.Column("subaccount", sa.String(length=30), nullable=True),
        sa.Column("vat_category", sa.String(length=10), nullable=True),
        sa.Column("vat_code_given", sa.String(length=10), nullable=True),
        sa.Column("vat_id", sa.String(length=10), nullable=True),
        sa.Column("vat_amount", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("salesperson", sa.String(length=30), nullable=True),
        sa.Column("deferral_schedule", sa.Integer(), nullable=True),
        sa.Column("deferral_code", sa.String(length=10), nullable=True),
        sa.Column("term_start_date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("term_end_date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("start_date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("end_date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("branch", sa.String(length=30), nullable=True),
        sa.Column("item_type", sa.String(length=20), nullable=True),
        sa.Column("task_id", sa.String(length=30), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_customer_invoice_line_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["customer_invoice.id"],
            name=op.f("fk_customer_invoice_line_invoice_id_customer_invoice"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["inventory_item.id"], name=op.f("fk_customer_invoice_line_item_id_inventory_item")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_invoice_line")),
        sa.UniqueConstraint("invoice_id", "line_number", name=op.f("uq_customer_invoice_line_invoice_id_line_number")),
    )
    op.create_table(
        "customer_payment_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("amount_paid", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("cash_discount_taken", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("balance_write_off", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("write_off_reason_code", sa.String(length=20), nullable=True),
        sa.Column("cross_rate", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_customer_payment_line_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["customer_invoice.id"], name=op.f("fk_customer_payment_line_invoice_id_customer_invoice")
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"],
            ["customer_payment.id"],
            name=op.f("fk_customer_payment_line_payment_id_customer_payment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_payment_line")),
        sa.UniqueConstraint("payment_id", "invoice_id", name=op.f("uq_customer_payment_line_payment_id_invoice_id")),
    )
    op.create_index("ix_customer_payment_line_invoice", "customer_payment_line", ["invoice_id"], unique=False)
    op.create_table(
        "purchase_order_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("line_nbr", sa.Integer(), nullable=False),
        sa.Column("branch", sa.String(length=30), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("line_type", sa.String(length=30), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("line_description", sa.String(length=255), nullable=True),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("order_qty", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("unit_cost", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("ext_cost", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("discount_percent", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("discount_amount", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("manual_discount", sa.Boolean(), nullable=False),
        sa.Column("discount_code", sa.String(length=10), nullable=True),
        sa.Column("amount", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("alternate_id", sa.String(length=50), nullable=True),
        sa.Column("min_receipt", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("max_receipt", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("complete_on", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("receipt_action", sa.String(length=20), nullable=False),
        sa.Column("tax_category", sa.String(length=10), nullable=True),
        sa.Column("vat_id", sa.String(length=10), nullable=True),
        sa.Column("account", sa.String(length=10), nullable=True),
        sa.Column("subaccount", sa.String(length=30), nullable=True),
        sa.Column("project", sa.String(length=30), nullable=True),
        sa.Column("project_task", sa.String(length=30), nullable=True),
        sa.Column("requested", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("promised", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("canceled", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column(
            "custom", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_purchase_order_line_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["inventory_item.id"], name=op.f("fk_purchase_order_line_item_id_inventory_item")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["purchase_order.id"],
            name=op.f("fk_purchase_order_line_order_id_purchase_order"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouse.id"], name=op.f("fk_purchase_order_line_warehouse_id_warehouse")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_order_line")),
        sa.UniqueConstraint("order_id", "line_nbr", name=op.f("uq_purchase_order_line_order_id_line_nbr")),
    )


def downgrade() -> None:
    op.drop_table("purchase_order_line")
    op.drop_table("customer_payment_line")
    op.drop_table("customer_invoice_line")
    op.drop_table("purchase_order")
    op.drop_table("customer_payment")
    op.drop_table("customer_invoice")
