"""Contacts' preferences and own address, locations' PEPPOL scheme, every customer's default location; sales
persons and the customers they serve, customers' payment methods and direct debit mandates, sales categories
and their items

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-03

Existing contacts keep the defaults (contact method Any, no "do not" flag, the account's address); every
existing customer gets its default location, MAIN, as a new customer does.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from nettfin.server.db.types import Money, UTCDateTime

revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None

_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
_PERCENT = sa.Numeric(9, 6)
_CONTACT_FLAGS = ("do_not_call", "do_not_fax", "do_not_email", "do_not_mail", "no_mass_mail", "no_marketing")


def _fk(table: str, column: str, target: str, *, cascade: bool = False) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete="CASCADE" if cascade else None,
    )


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("contact") as batch:
        batch.add_column(sa.Column("contact_method", sa.String(length=10), nullable=False, server_default="Any"))
        for flag in _CONTACT_FLAGS:
            batch.add_column(sa.Column(flag, sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("same_as_account", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch.add_column(sa.Column("address", _DOCUMENT, nullable=False, server_default="{}"))
    with op.batch_alter_table("contact") as batch:
        for name in ("contact_method", *_CONTACT_FLAGS, "same_as_account", "address"):
            batch.alter_column(name, server_default=None)
    with op.batch_alter_table("party_location") as batch:
        batch.add_column(sa.Column("peppol_scheme", _DOCUMENT, nullable=False, server_default="{}"))
    with op.batch_alter_table("party_location") as batch:
        batch.alter_column("peppol_scheme", server_default=None)
    _add_customers_main_locations()

    op.create_table(
        "salesperson",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("salesperson_cd", sa.String(length=15), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("commission_pct", _PERCENT, nullable=False),
        sa.Column("sales_subaccount", sa.String(length=30), nullable=True),
        *_stamps(),
        _fk("salesperson", "company_id", "company", cascade=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_salesperson")),
        sa.UniqueConstraint("company_id", "salesperson_cd", name=op.f("uq_salesperson_company_id_salesperson_cd")),
    )
    op.create_index("ix_salesperson_company_modified_id", "salesperson", ["company_id", "last_modified_at", "id"])
    op.create_table(
        "salesperson_customer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("salesperson_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("commission_pct", _PERCENT, nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(timezone=True), nullable=False),
        _fk("salesperson_customer", "salesperson_id", "salesperson", cascade=True),
        _fk("salesperson_customer", "customer_id", "customer", cascade=True),
        _fk("salesperson_customer", "location_id", "party_location", cascade=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_salesperson_customer")),
        sa.UniqueConstraint(
            "salesperson_id",
            "customer_id",
            "location_id",
            name=op.f("uq_salesperson_customer_salesperson_id_customer_id_location_id"),
        ),
    )
    op.create_index("ix_salesperson_customer_customer", "salesperson_customer", ["customer_id"])
    op.create_table(
        "customer_payment_method",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("payment_method_id", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("cash_account_id", sa.Integer(), nullable=True),
        sa.Column("details", _DOCUMENT, nullable=False),
        *_stamps(),
        _fk("customer_payment_method", "company_id", "company", cascade=True),
        _fk("customer_payment_method", "customer_id", "customer", cascade=True),
        _fk("customer_payment_method", "payment_method_id", "payment_method", cascade=True),
        _fk("customer_payment_method", "cash_account_id", "account"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_payment_method")),
        sa.UniqueConstraint(
            "customer_id", "payment_method_id", name=op.f("uq_customer_payment_method_customer_id_payment_method_id")
        ),
    )
    op.create_table(
        "direct_debit_mandate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=36), nullable=False),
        sa.Column("mandate_id", sa.String(length=35), nullable=False),
        sa.Column("mandate_description", sa.String(length=255), nullable=True),
        sa.Column("date_of_signature", UTCDateTime(timezone=True), nullable=True),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("one_time", sa.Boolean(), nullable=False),
        sa.Column("bic", sa.String(length=11), nullable=True),
        sa.Column("iban", sa.String(length=34), nullable=True),
        sa.Column("last_collection_date", UTCDateTime(timezone=True), nullable=True),
        sa.Column("max_amount", Money(precision=19, scale=4), nullable=True),
        sa.Column("expiration_date", UTCDateTime(timezone=True), nullable=True),
        sa.Column("branch", sa.String(length=30), nullable=True),
        _fk("direct_debit_mandate", "company_id", "company", cascade=True),
        _fk("direct_debit_mandate", "customer_id", "customer", cascade=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_direct_debit_mandate")),
        sa.UniqueConstraint("public_id", name=op.f("uq_direct_debit_mandate_public_id")),
    )
    op.create_index("ix_direct_debit_mandate_customer", "direct_debit_mandate", ["customer_id"])
    op.create_table(
        "sales_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        _fk("sales_category", "company_id", "company", cascade=True),
        _fk("sales_category", "parent_id", "sales_category", cascade=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_category")),
        sa.UniqueConstraint("company_id", "category_id", name=op.f("uq_sales_category_company_id_category_id")),
    )
    op.create_table(
        "sales_category_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        _fk("sales_category_item", "category_id", "sales_category", cascade=True),
        _fk("sales_category_item", "item_id", "inventory_item", cascade=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_category_item")),
        sa.UniqueConstraint("category_id", "item_id", name=op.f("uq_sales_category_item_category_id_item_id")),
    )
    op.create_index("ix_sales_category_item_item", "sales_category_item", ["item_id"])


def _add_customers_main_locations() -> None:
    location = sa.table(
        "party_location",
        *(sa.column(name) for name in ("company_id", "party_kind", "party_id", "location_id", "name", "active")),
        *(sa.column(name) for name in ("address_same_as_main", "contact_same_as_main", "row_version")),
        sa.column("address", _DOCUMENT),
        sa.column("contact", _DOCUMENT),
        sa.column("peppol_scheme", _DOCUMENT),
        sa.column("created_at", UTCDateTime(timezone=True)),
        sa.column("last_modified_at", UTCDateTime(timezone=True)),
    )
    customers = op.get_bind().execute(sa.text("SELECT id, company_id FROM customer ORDER BY id")).all()
    now = datetime.now(UTC)
    rows = [
        {
            "company_id": company_id,
            "party_kind": "Customer",
            "party_id": customer_id,
            "location_id": "MAIN",
            "name": "Primary location",
            "active": True,
            "address_same_as_main": True,
            "contact_same_as_main": True,
            "address": {},
            "contact": {},
            "peppol_scheme": {},
            "created_at": now,
            "last_modified_at": now,
            "row_version": 1,
        }
        for customer_id, company_id in customers
    ]
    if rows:
        op.bulk_insert(location, rows)


def downgrade() -> None:
    for table in (
        "sales_category_item",
        "sales_category",
        "direct_debit_mandate",
        "customer_payment_method",
        "salesperson_customer",
        "salesperson",
    ):
        op.drop_table(table)
    op.execute("DELETE FROM party_location WHERE party_kind = 'Customer'")
    with op.batch_alter_table("party_location") as batch:
        batch.drop_column("peppol_scheme")
    with op.batch_alter_table("contact") as batch:
        for name in ("address", "same_as_account", *reversed(_CONTACT_FLAGS), "contact_method"):
            batch.drop_column(name)
