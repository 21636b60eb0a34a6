"""Sales orders and their lines, and the sales order types with the standard types for every existing company

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-03

The standard types are the ones a new company gets (`sales.order_types.STANDARD_TYPES`), as of this revision.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import nettfin.server.db.types

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None

_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "sales_order_type",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("order_type", sa.String(length=2), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("behavior", sa.String(length=20), nullable=False),
        sa.Column("default_operation", sa.String(length=10), nullable=False),
        sa.Column("customer_document_type", sa.String(length=20), nullable=False),
        sa.Column("requires_shipment", sa.Boolean(), nullable=False),
        sa.Column("updates_inventory", sa.Boolean(), nullable=False),
        sa.Column("series_id", sa.String(length=10), nullable=False),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_sales_order_type_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_order_type")),
        sa.UniqueConstraint("company_id", "order_type", name=op.f("uq_sales_order_type_company_id_order_type")),
    )
    with op.batch_alter_table("sales_order_type", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sales_order_type_company_modified_id", ["company_id", "last_modified_at", "id"], unique=False
        )

    op.create_table(
        "sales_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("order_type", sa.String(length=2), nullable=False),
        sa.Column("order_nbr", sa.String(length=15), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("hold", sa.Boolean(), nullable=False),
        sa.Column("canceled", sa.Boolean(), nullable=False),
        sa.Column("date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("request_on", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("customer_order", sa.String(length=40), nullable=True),
        sa.Column("customer_ref_no", sa.String(length=40), nullable=True),
        sa.Column("location", sa.String(length=30), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("gln", sa.String(length=20), nullable=True),
        sa.Column("vat_registration_id", sa.String(length=50), nullable=True),
        sa.Column("currency_id", sa.String(length=5), nullable=False),
        sa.Column("exchange_rate", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("branch", sa.String(length=30), nullable=True),
        sa.Column("project", sa.String(length=30), nullable=True),
        sa.Column("credit_terms_id", sa.Integer(), nullable=True),
        sa.Column("vat_zone_id", sa.Integer(), nullable=True),
        sa.Column("sales_person", sa.String(length=30), nullable=True),
        sa.Column("commission_percent", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("owner", sa.String(length=36), nullable=True),
        sa.Column("orig_order_type", sa.String(length=2), nullable=True),
        sa.Column("orig_order_nbr", sa.String(length=15), nullable=True),
        sa.Column("sched_shipment", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ship_separately", sa.Boolean(), nullable=False),
        sa.Column("ship_complete", sa.String(length=20), nullable=False),
        sa.Column("cancel_by", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("preferred_warehouse_id", sa.Integer(), nullable=True),
        sa.Column("ship_via", sa.String(length=15), nullable=True),
        sa.Column("fob_point", sa.String(length=15), nullable=True),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("shipping_terms", sa.String(length=10), nullable=True),
        sa.Column("shipping_zone", sa.String(length=15), nullable=True),
        sa.Column("residential_delivery", sa.Boolean(), nullable=False),
        sa.Column("saturday_delivery", sa.Boolean(), nullable=False),
        sa.Column("insurance", sa.Boolean(), nullable=False),
        sa.Column("transaction_type", sa.Integer(), nullable=True),
        sa.Column("payment_method", sa.String(length=10), nullable=True),
        sa.Column("cash_account", sa.String(length=10), nullable=True),
        sa.Column("payment_ref", sa.String(length=40), nullable=True),
        sa.Column("invoice_separately", sa.Boolean(), nullable=False),
        sa.Column("print_description_on_invoice", sa.Boolean(), nullable=False),
        sa.Column("print_note_on_external_documents", sa.Boolean(), nullable=False),
        sa.Column("print_note_on_internal_documents", sa.Boolean(), nullable=False),
        sa.Column("is_rot_rut_deductible", sa.Boolean(), nullable=False),
        sa.Column("rot_rut", _DOCUMENT, nullable=False),
        sa.Column("emailed", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("invoice_nbr", sa.String(length=15), nullable=True),
        sa.Column("invoice_date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("line_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("discount_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("vat_taxable_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("vat_exempt_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("tax_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("order_total", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("tax_details", _DOCUMENT, nullable=False),
        sa.Column(
            "billing_address",
            _DOCUMENT,
            nullable=False,
        ),
        sa.Column(
            "billing_contact",
            _DOCUMENT,
            nullable=False,
        ),
        sa.Column(
            "shipping_address",
            _DOCUMENT,
            nullable=False,
        ),
        sa.Column(
            "shipping_contact",
            _DOCUMENT,
            nullable=False,
        ),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_sales_order_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["credit_terms_id"], ["credit_terms.id"], name=op.f("fk_sales_order_credit_terms_id_credit_terms")
        ),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_sales_order_customer_id_customer")),
        sa.ForeignKeyConstraint(
            ["preferred_warehouse_id"], ["warehouse.id"], name=op.f("fk_sales_order_preferred_warehouse_id_warehouse")
        ),
        sa.ForeignKeyConstraint(["vat_zone_id"], ["vat_zone.id"], name=op.f("fk_sales_order_vat_zone_id_vat_zone")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_order")),
        sa.UniqueConstraint("company_id", "order_nbr", name=op.f("uq_sales_order_company_id_order_nbr")),
    )
    with op.batch_alter_table("sales_order", schema=None) as batch_op:
        batch_op.create_index("ix_sales_order_company_customer", ["company_id", "customer_id"], unique=False)
        batch_op.create_index(
            "ix_sales_order_company_modified_id", ["company_id", "last_modified_at", "id"], unique=False
        )
        batch_op.create_index("ix_sales_order_company_nbr_id", ["company_id", "order_nbr", "id"], unique=False)

    op.create_table(
        "sales_order_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("operation", sa.String(length=10), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("line_description", sa.String(length=255), nullable=True),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("quantity", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("shipped_qty", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("qty_on_shipments", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("billed_qty", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("unit_cost", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("unit_price", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("ext_price", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("discount_percent", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("discount_amount", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("manual_discount", sa.Boolean(), nullable=False),
        sa.Column("discount_code", sa.String(length=10), nullable=True),
        sa.Column("amount", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("unbilled_amount", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("free_item", sa.Boolean(), nullable=False),
        sa.Column("requested_on", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ship_on", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ship_complete", sa.String(length=20), nullable=False),
        sa.Column("undership_threshold", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("overship_threshold", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("mark_for_po", sa.Boolean(), nullable=False),
        sa.Column("po_source", sa.String(length=20), nullable=True),
        sa.Column("po_order_nbr", sa.String(length=15), nullable=True),
        sa.Column("lot_serial_nbr", sa.String(length=100), nullable=True),
        sa.Column("expiration_date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reason_code", sa.String(length=20), nullable=True),
        sa.Column("sales_person", sa.String(length=30), nullable=True),
        sa.Column("commissionable", sa.Boolean(), nullable=False),
        sa.Column("tax_category", sa.String(length=10), nullable=True),
        sa.Column("vat_id", sa.String(length=10), nullable=True),
        sa.Column("alternate_id", sa.String(length=50), nullable=True),
        sa.Column("project_task", sa.String(length=30), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("subaccount_id", sa.Integer(), nullable=True),
        sa.Column("external_link", sa.String(length=255), nullable=True),
        sa.Column("is_rot_rut_deductible", sa.Boolean(), nullable=False),
        sa.Column("branch", sa.String(length=30), nullable=True),
        sa.Column("invoice_nbr", sa.String(length=15), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], name=op.f("fk_sales_order_line_account_id_account")),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_sales_order_line_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["inventory_item.id"], name=op.f("fk_sales_order_line_item_id_inventory_item")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["sales_order.id"], name=op.f("fk_sales_order_line_order_id_sales_order"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["subaccount_id"], ["subaccount.id"], name=op.f("fk_sales_order_line_subaccount_id_subaccount")
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouse.id"], name=op.f("fk_sales_order_line_warehouse_id_warehouse")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_order_line")),
        sa.UniqueConstraint("order_id", "line_number", name=op.f("uq_sales_order_line_order_id_line_number")),
    )
    with op.batch_alter_table("sales_order_line", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sales_order_line_item_warehouse", ["company_id", "item_id", "warehouse_id"], unique=False
        )
    _add_standard_types()


_STANDARD_TYPES = (
    ("SO", "Sales order", "SalesOrder", "Issue", "Invoice", True, True, "SOORDER"),
    ("IN", "Invoice", "Invoice", "Issue", "Invoice", False, False, "SOINVOICE"),
    ("CS", "Cash sale", "Invoice", "Issue", "CashSale", False, False, "SOCASHSALE"),
    ("QT", "Quote", "Quote", "Issue", "NoUpdate", False, False, "SOQUOTE"),
    ("RC", "Return for credit", "RMAOrder", "Receipt", "CreditMemo", True, True, "SORETURN"),
    ("CR", "Credit memo", "CreditMemo", "Receipt", "CreditMemo", False, False, "SOCREDIT"),
)


def _add_standard_types() -> None:
    bind = op.get_bind()
    companies = [row[0] for row in bind.execute(sa.text("SELECT id FROM company"))]
    table = sa.table(
        "sales_order_type",
        *(
            sa.column(name)
            for name in (
                "company_id",
                "order_type",
                "active",
                "description",
                "behavior",
                "default_operation",
                "customer_document_type",
                "requires_shipment",
                "updates_inventory",
                "series_id",
                "created_at",
                "last_modified_at",
                "row_version",
            )
        ),
    )
    now = datetime.now(UTC)
    rows = [
        dict(
            zip(
                (
                    "order_type",
                    "description",
                    "behavior",
                    "default_operation",
                    "customer_document_type",
                    "requires_shipment",
                    "updates_inventory",
                    "series_id",
                ),
                standard,
                strict=True,
            )
        )
        | {"company_id": company, "active": True, "created_at": now, "last_modified_at": now, "row_version": 1}
        for company in companies
        for standard in _STANDARD_TYPES
    ]
    if rows:
        op.bulk_insert(table, rows)


def downgrade() -> None:
    with op.batch_alter_table("sales_order_line", schema=None) as batch_op:
        batch_op.drop_index("ix_sales_order_line_item_warehouse")

    op.drop_table("sales_order_line")
    with op.batch_alter_table("sales_order", schema=None) as batch_op:
        batch_op.drop_index("ix_sales_order_company_nbr_id")
        batch_op.drop_index("ix_sales_order_company_modified_id")
        batch_op.drop_index("ix_sales_order_company_customer")

    op.drop_table("sales_order")
    with op.batch_alter_table("sales_order_type", schema=None) as batch_op:
        batch_op.drop_index("ix_sales_order_type_company_modified_id")

    op.drop_table("sales_order_type")
