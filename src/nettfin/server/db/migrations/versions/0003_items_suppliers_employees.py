"""items, item classes, warehouses, suppliers, supplier classes, employees, departments, employee classes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 03:44:45.333933
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import nettfin.server.db.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "department",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_department_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department")),
        sa.UniqueConstraint("company_id", "department_id", name=op.f("uq_department_company_id_department_id")),
    )
    op.create_table(
        "employee_class",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_employee_class_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employee_class")),
        sa.UniqueConstraint("company_id", "class_id", name=op.f("uq_employee_class_company_id_class_id")),
    )
    op.create_table(
        "posting_class",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_posting_class_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_posting_class")),
        sa.UniqueConstraint("company_id", "class_id", name=op.f("uq_posting_class_company_id_class_id")),
    )
    op.create_table(
        "warehouse",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.String(length=30), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_warehouse_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warehouse")),
        sa.UniqueConstraint("company_id", "warehouse_id", name=op.f("uq_warehouse_company_id_warehouse_id")),
    )
    op.create_table(
        "employee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("employee_class_id", sa.Integer(), nullable=False),
        sa.Column("branch", sa.String(length=30), nullable=True),
        sa.Column("calendar", sa.String(length=10), nullable=True),
        sa.Column(
            "contact", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column(
            "address", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column(
            "work_groups", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_employee_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_employee_department_id_department")
        ),
        sa.ForeignKeyConstraint(
            ["employee_class_id"], ["employee_class.id"], name=op.f("fk_employee_employee_class_id_employee_class")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_employee_user_id_app_user"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employee")),
        sa.UniqueConstraint("company_id", "number", name=op.f("uq_employee_company_id_number")),
        sa.UniqueConstraint("company_id", "user_id", name=op.f("uq_employee_company_id_user_id")),
    )
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.create_index("ix_employee_company_modified_id", ["company_id", "last_modified_at", "id"], unique=False)
        batch_op.create_index("ix_employee_company_number_id", ["company_id", "number", "id"], unique=False)
    op.create_table(
        "item_class",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.String(length=30), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("item_type", sa.String(length=20), nullable=False),
        sa.Column("posting_class_id", sa.Integer(), nullable=True),
        sa.Column("vat_category_code", sa.String(length=10), nullable=True),
        sa.Column("base_unit", sa.String(length=6), nullable=True),
        sa.Column("sales_unit", sa.String(length=6), nullable=True),
        sa.Column("purchase_unit", sa.String(length=6), nullable=True),
        sa.Column("default_warehouse_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_item_class_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["default_warehouse_id"], ["warehouse.id"], name=op.f("fk_item_class_default_warehouse_id_warehouse")
        ),
        sa.ForeignKeyConstraint(
            ["posting_class_id"], ["posting_class.id"], name=op.f("fk_item_class_posting_class_id_posting_class")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_class")),
        sa.UniqueConstraint("company_id", "class_id", name=op.f("uq_item_class_company_id_class_id")),
    )
    op.create_table(
        "supplier_class",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("vat_zone_id", sa.Integer(), nullable=True),
        sa.Column("required_vat_zone", sa.Boolean(), nullable=False),
        sa.Column("credit_terms_id", sa.Integer(), nullable=True),
        sa.Column("payment_method_id", sa.String(length=10), nullable=True),
        sa.Column("currency_id", sa.String(length=5), nullable=True),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_supplier_class_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["credit_terms_id"], ["credit_terms.id"], name=op.f("fk_supplier_class_credit_terms_id_credit_terms")
        ),
        sa.ForeignKeyConstraint(["vat_zone_id"], ["vat_zone.id"], name=op.f("fk_supplier_class_vat_zone_id_vat_zone")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_class")),
        sa.UniqueConstraint("company_id", "class_id", name=op.f("uq_supplier_class_company_id_class_id")),
    )
    op.create_table(
        "inventory_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("item_type", sa.String(length=20), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("item_class_id", sa.Integer(), nullable=True),
        sa.Column("posting_class_id", sa.Integer(), nullable=True),
        sa.Column("lot_serial_class", sa.String(length=10), nullable=True),
        sa.Column("vat_category_code", sa.String(length=10), nullable=True),
        sa.Column("default_price", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("recommended_price", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("pending_cost", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("pending_cost_date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("current_cost", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("effective_date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_cost", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("base_unit", sa.String(length=6), nullable=False),
        sa.Column("sales_unit", sa.String(length=6), nullable=False),
        sa.Column("purchase_unit", sa.String(length=6), nullable=False),
        sa.Column("unspsc", sa.String(length=20), nullable=True),
        sa.Column("kit_item", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("default_warehouse_id", sa.Integer(), nullable=True),
        sa.Column("default_issue_from_id", sa.Integer(), nullable=True),
        sa.Column("default_receipt_to_id", sa.Integer(), nullable=True),
        sa.Column(
            "packaging", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column(
            "intrastat", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column(
            "accounts", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column(
            "subaccounts", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_inventory_item_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["default_issue_from_id"], ["warehouse.id"], name=op.f("fk_inventory_item_default_issue_from_id_warehouse")
        ),
        sa.ForeignKeyConstraint(
            ["default_receipt_to_id"], ["warehouse.id"], name=op.f("fk_inventory_item_default_receipt_to_id_warehouse")
        ),
        sa.ForeignKeyConstraint(
            ["default_warehouse_id"], ["warehouse.id"], name=op.f("fk_inventory_item_default_warehouse_id_warehouse")
        ),
        sa.ForeignKeyConstraint(
            ["item_class_id"], ["item_class.id"], name=op.f("fk_inventory_item_item_class_id_item_class")
        ),
        sa.ForeignKeyConstraint(
            ["posting_class_id"], ["posting_class.id"], name=op.f("fk_inventory_item_posting_class_id_posting_class")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inventory_item")),
        sa.UniqueConstraint("company_id", "number", name=op.f("uq_inventory_item_company_id_number")),
    )
    with op.batch_alter_table("inventory_item", schema=None) as batch_op:
        batch_op.create_index("ix_inventory_item_company_created_id", ["company_id", "created_at", "id"], unique=False)
        batch_op.create_index(
            "ix_inventory_item_company_modified_id", ["company_id", "last_modified_at", "id"], unique=False
        )
        batch_op.create_index("ix_inventory_item_company_number_id", ["company_id", "number", "id"], unique=False)
    op.create_table(
        "supplier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("account_reference", sa.String(length=50), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("supplier_class_id", sa.Integer(), nullable=True),
        sa.Column("credit_terms_id", sa.Integer(), nullable=True),
        sa.Column("document_language", sa.String(length=10), nullable=True),
        sa.Column("currency_id", sa.String(length=5), nullable=False),
        sa.Column("currency_override", sa.Boolean(), nullable=False),
        sa.Column("currency_rate_override", sa.Boolean(), nullable=False),
        sa.Column("payment_method_id", sa.String(length=10), nullable=True),
        sa.Column("cash_account", sa.String(length=10), nullable=True),
        sa.Column("charge_bearer", sa.String(length=20), nullable=False),
        sa.Column("account_used_for_payment", sa.String(length=10), nullable=False),
        sa.Column("payment_by", sa.String(length=20), nullable=False),
        sa.Column("payment_lead_time", sa.SmallInteger(), nullable=False),
        sa.Column("payment_ref_display_mask", sa.String(length=50), nullable=True),
        sa.Column("pay_separately", sa.Boolean(), nullable=False),
        sa.Column("vat_registration_id", sa.String(length=50), nullable=True),
        sa.Column("corporate_id", sa.String(length=50), nullable=True),
        sa.Column("vat_zone_id", sa.Integer(), nullable=True),
        sa.Column("retainage_apply", sa.Boolean(), nullable=False),
        sa.Column("retainage_cash_account", sa.String(length=10), nullable=True),
        sa.Column("retainage_pct", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("number_of_employees", sa.Integer(), nullable=True),
        sa.Column("nace_code", sa.String(length=10), nullable=True),
        sa.Column("landed_cost_supplier", sa.Boolean(), nullable=False),
        sa.Column(
            "main_address",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "main_contact",
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
            "supplier_address",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "supplier_contact",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "gl_accounts", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column(
            "payment_method_details",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_supplier_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["credit_terms_id"], ["credit_terms.id"], name=op.f("fk_supplier_credit_terms_id_credit_terms")
        ),
        sa.ForeignKeyConstraint(["parent_id"], ["supplier.id"], name=op.f("fk_supplier_parent_id_supplier")),
        sa.ForeignKeyConstraint(
            ["supplier_class_id"], ["supplier_class.id"], name=op.f("fk_supplier_supplier_class_id_supplier_class")
        ),
        sa.ForeignKeyConstraint(["vat_zone_id"], ["vat_zone.id"], name=op.f("fk_supplier_vat_zone_id_vat_zone")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier")),
        sa.UniqueConstraint("company_id", "number", name=op.f("uq_supplier_company_id_number")),
    )
    with op.batch_alter_table("supplier", schema=None) as batch_op:
        batch_op.create_index("ix_supplier_company_modified_id", ["company_id", "last_modified_at", "id"], unique=False)
        batch_op.create_index("ix_supplier_company_number_id", ["company_id", "number", "id"], unique=False)
    op.create_table(
        "item_cross_reference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("alternate_type", sa.String(length=10), nullable=False),
        sa.Column("alternate_id", sa.String(length=50), nullable=False),
        sa.Column("b_account", sa.String(length=30), nullable=True),
        sa.Column("description", sa.String(length=60), nullable=True),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_item_cross_reference_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["inventory_item.id"],
            name=op.f("fk_item_cross_reference_item_id_inventory_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_cross_reference")),
        sa.UniqueConstraint(
            "item_id",
            "alternate_type",
            "alternate_id",
            name=op.f("uq_item_cross_reference_item_id_alternate_type_alternate_id"),
        ),
    )
    with op.batch_alter_table("item_cross_reference", schema=None) as batch_op:
        batch_op.create_index(
            "ix_item_cross_reference_company_alternate_id", ["company_id", "alternate_id"], unique=False
        )
    op.create_table(
        "item_warehouse",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_item_warehouse_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["inventory_item.id"],
            name=op.f("fk_item_warehouse_item_id_inventory_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouse.id"], name=op.f("fk_item_warehouse_warehouse_id_warehouse")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_warehouse")),
        sa.UniqueConstraint("item_id", "warehouse_id", name=op.f("uq_item_warehouse_item_id_warehouse_id")),
    )


def downgrade() -> None:
    op.drop_table("item_warehouse")
    with op.batch_alter_table("item_cross_reference", schema=None) as batch_op:
        batch_op.drop_index("ix_item_cross_reference_company_alternate_id")
    op.drop_table("item_cross_reference")
    with op.batch_alter_table("supplier", schema=None) as batch_op:
        batch_op.drop_index("ix_supplier_company_number_id")
        batch_op.drop_index("ix_supplier_company_modified_id")
    op.drop_table("supplier")
    with op.batch_alter_table("inventory_item", schema=None) as batch_op:
        batch_op.drop_index("ix_inventory_item_company_number_id")
        batch_op.drop_index("ix_inventory_item_company_modified_id")
        batch_op.drop_index("ix_inventory_item_company_created_id")
    op.drop_table("inventory_item")
    op.drop_table("supplier_class")
    op.drop_table("item_class")
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.drop_index("ix_employee_company_number_id")
        batch_op.drop_index("ix_employee_company_modified_id")
    op.drop_table("employee")
    op.drop_table("warehouse")
    op.drop_table("posting_class")
    op.drop_table("employee_class")
    op.drop_table("department")
