"""customers, companies, users and tokens

Revision ID: 0001
Revises:
Create Date: 2026-11-24 03:26:56.282804
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import nettfin.server.db.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("first_name", sa.String(length=60), nullable=False),
        sa.Column("last_name", sa.String(length=60), nullable=False),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("email", name=op.f("uq_app_user_email")),
    )
    op.create_table(
        "company",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("organization_number", sa.String(length=40), nullable=True),
        sa.Column("address_line1", sa.String(length=100), nullable=True),
        sa.Column("address_line2", sa.String(length=100), nullable=True),
        sa.Column("base_currency", sa.String(length=3), nullable=False),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company")),
    )
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_api_token_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_token_token_hash")),
    )
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_token_user_id"), ["user_id"], unique=False)

    op.create_table(
        "company_access",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
            name=op.f("fk_company_access_company_id_company"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_company_access_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "company_id", name=op.f("pk_company_access")),
    )
    op.create_table(
        "credit_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("terms_id", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("due_days", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
            name=op.f("fk_credit_terms_company_id_company"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_terms")),
        sa.UniqueConstraint("company_id", "terms_id", name=op.f("uq_credit_terms_company_id_terms_id")),
    )
    op.create_table(
        "data_version",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("resource", sa.String(length=40), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
            name=op.f("fk_data_version_company_id_company"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("company_id", "resource", name=op.f("pk_data_version")),
    )
    op.create_table(
        "number_series",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.String(length=20), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("last_number", sa.BigInteger(), nullable=False),
        sa.Column("manual", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
            name=op.f("fk_number_series_company_id_company"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("company_id", "series_id", name=op.f("pk_number_series")),
    )
    op.create_table(
        "vat_zone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("zone_id", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("default_vat_category", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_vat_zone_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vat_zone")),
        sa.UniqueConstraint("company_id", "zone_id", name=op.f("uq_vat_zone_company_id_zone_id")),
    )
    op.create_table(
        "customer_class",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("vat_zone_id", sa.Integer(), nullable=True),
        sa.Column("required_vat_zone", sa.Boolean(), nullable=False),
        sa.Column("credit_terms_id", sa.Integer(), nullable=True),
        sa.Column("payment_method_id", sa.String(length=10), nullable=True),
        sa.Column("invoice_orders_separately", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
            name=op.f("fk_customer_class_company_id_company"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["credit_terms_id"],
            ["credit_terms.id"],
            name=op.f("fk_customer_class_credit_terms_id_credit_terms"),
        ),
        sa.ForeignKeyConstraint(["vat_zone_id"], ["vat_zone.id"], name=op.f("fk_customer_class_vat_zone_id_vat_zone")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_class")),
        sa.UniqueConstraint("company_id", "class_id", name=op.f("uq_customer_class_company_id_class_id")),
    )
    op.create_table(
        "customer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("account_reference", sa.String(length=50), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("customer_class_id", sa.Integer(), nullable=True),
        sa.Column("credit_terms_id", sa.Integer(), nullable=True),
        sa.Column("vat_zone_id", sa.Integer(), nullable=True),
        sa.Column("currency_id", sa.String(length=5), nullable=False),
        sa.Column("credit_verification", sa.String(length=30), nullable=False),
        sa.Column("credit_limit", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("credit_days_past_due", sa.Integer(), nullable=False),
        sa.Column("invoice_orders_separately", sa.Boolean(), nullable=False),
        sa.Column("print_invoices", sa.Boolean(), nullable=False),
        sa.Column("accept_auto_invoices", sa.Boolean(), nullable=False),
        sa.Column("send_invoices_by_email", sa.Boolean(), nullable=False),
        sa.Column("send_dunning_letters_via_email", sa.Boolean(), nullable=False),
        sa.Column("print_dunning_letters", sa.Boolean(), nullable=False),
        sa.Column("print_statements", sa.Boolean(), nullable=False),
        sa.Column("send_statements_by_email", sa.Boolean(), nullable=False),
        sa.Column("print_multi_currency_statements", sa.Boolean(), nullable=False),
        sa.Column("invoice_to_default_location", sa.Boolean(), nullable=False),
        sa.Column("statement_type", sa.String(length=30), nullable=False),
        sa.Column("vat_registration_id", sa.String(length=50), nullable=True),
        sa.Column("corporate_id", sa.String(length=50), nullable=True),
        sa.Column("gln", sa.String(length=20), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("number_of_employees", sa.Integer(), nullable=True),
        sa.Column("exclude_debt_collection", sa.Boolean(), nullable=False),
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
            "invoice_address",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "invoice_contact",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "delivery_address",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "delivery_contact",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_customer_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["credit_terms_id"], ["credit_terms.id"], name=op.f("fk_customer_credit_terms_id_credit_terms")
        ),
        sa.ForeignKeyConstraint(
            ["customer_class_id"],
            ["customer_class.id"],
            name=op.f("fk_customer_customer_class_id_customer_class"),
        ),
        sa.ForeignKeyConstraint(["parent_id"], ["customer.id"], name=op.f("fk_customer_parent_id_customer")),
        sa.ForeignKeyConstraint(["vat_zone_id"], ["vat_zone.id"], name=op.f("fk_customer_vat_zone_id_vat_zone")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer")),
        sa.UniqueConstraint("company_id", "number", name=op.f("uq_customer_company_id_number")),
    )
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.create_index("ix_customer_company_created_id", ["company_id", "created_at", "id"], unique=False)
        batch_op.create_index("ix_customer_company_modified_id", ["company_id", "last_modified_at", "id"], unique=False)
        batch_op.create_index("ix_customer_company_number_id", ["company_id", "number", "id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_index("ix_customer_company_number_id")
        batch_op.drop_index("ix_customer_company_modified_id")
        batch_op.drop_index("ix_customer_company_created_id")

    op.drop_table("customer")
    op.drop_table("customer_class")
    op.drop_table("vat_zone")
    op.drop_table("number_series")
    op.drop_table("data_version")
    op.drop_table("credit_terms")
    op.drop_table("company_access")
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_token_user_id"))

    op.drop_table("api_token")
    op.drop_table("company")
    op.drop_table("app_user")
