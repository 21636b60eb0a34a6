"""Carriers, packaging types, and shipments with their lines and packages; the shipment a customer invoice line
invoices

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-03

Existing customer invoice lines invoice no shipment (the three so_ columns are empty).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import nettfin.server.db.types

revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None

_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "carrier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=15), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_carrier_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carrier")),
        sa.UniqueConstraint("company_id", "code", name=op.f("uq_carrier_company_id_code")),
    )
    op.create_table(
        "packaging_type",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("box_id", sa.String(length=15), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=False),
        sa.Column("box_weight", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("max_weight", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("weight_uom", sa.String(length=6), nullable=True),
        sa.Column("max_volume", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("volume_uom", sa.String(length=6), nullable=True),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("active_by_default", sa.Boolean(), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_packaging_type_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_packaging_type")),
        sa.UniqueConstraint("company_id", "box_id", name=op.f("uq_packaging_type_company_id_box_id")),
    )
    op.create_table(
        "shipment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("shipment_nbr", sa.String(length=15), nullable=False),
        sa.Column("shipment_type", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("hold", sa.Boolean(), nullable=False),
        sa.Column("operation", sa.String(length=10), nullable=False),
        sa.Column("date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("period_id", sa.String(length=6), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=30), nullable=True),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("to_warehouse_id", sa.Integer(), nullable=True),
        sa.Column("currency_id", sa.String(length=5), nullable=False),
        sa.Column("control_quantity", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("delivery_address", _DOCUMENT, nullable=False),
        sa.Column("delivery_contact", _DOCUMENT, nullable=False),
        sa.Column("ship_via", sa.String(length=15), nullable=True),
        sa.Column("fob_point", sa.String(length=15), nullable=True),
        sa.Column("shipping_terms", sa.String(length=15), nullable=True),
        sa.Column("shipping_zone", sa.String(length=15), nullable=True),
        sa.Column("residential_delivery", sa.Boolean(), nullable=False),
        sa.Column("saturday_delivery", sa.Boolean(), nullable=False),
        sa.Column("use_customer_account", sa.Boolean(), nullable=False),
        sa.Column("insurance", sa.Boolean(), nullable=False),
        sa.Column("freight_cost", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("freight_amt", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("transaction_type", sa.Integer(), nullable=True),
        sa.Column("mode_of_transport", sa.String(length=30), nullable=True),
        sa.Column("container", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("shipped_quantity", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("batch_number", sa.String(length=15), nullable=True),
        sa.Column("invoice_type", sa.String(length=20), nullable=True),
        sa.Column("invoice_nbr", sa.String(length=15), nullable=True),
        sa.Column("custom", _DOCUMENT, nullable=False),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_shipment_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_shipment_customer_id_customer")),
        sa.ForeignKeyConstraint(
            ["to_warehouse_id"], ["warehouse.id"], name=op.f("fk_shipment_to_warehouse_id_warehouse")
        ),
        sa.ForeignKeyConstraint(["warehouse_id"], ["warehouse.id"], name=op.f("fk_shipment_warehouse_id_warehouse")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shipment")),
        sa.UniqueConstraint("company_id", "shipment_nbr", name=op.f("uq_shipment_company_id_shipment_nbr")),
    )
    with op.batch_alter_table("shipment", schema=None) as batch_op:
        batch_op.create_index("ix_shipment_company_modified_id", ["company_id", "last_modified_at", "id"], unique=False)
        batch_op.create_index("ix_shipment_company_nbr_id", ["company_id", "shipment_nbr", "id"], unique=False)

    op.create_table(
        "shipment_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("shipment_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("order_type", sa.String(length=2), nullable=True),
        sa.Column("order_nbr", sa.String(length=15), nullable=True),
        sa.Column("order_line_nbr", sa.Integer(), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("free_item", sa.Boolean(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("shipped_qty", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("lot_serial", sa.String(length=100), nullable=False),
        sa.Column("expiration_date", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reason_code", sa.String(length=20), nullable=True),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("allocations", _DOCUMENT, nullable=False),
        sa.Column("value", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("custom", _DOCUMENT, nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_shipment_line_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["inventory_item.id"], name=op.f("fk_shipment_line_item_id_inventory_item")
        ),
        sa.ForeignKeyConstraint(
            ["location_id"], ["warehouse_location.id"], name=op.f("fk_shipment_line_location_id_warehouse_location")
        ),
        sa.ForeignKeyConstraint(
            ["shipment_id"], ["shipment.id"], name=op.f("fk_shipment_line_shipment_id_shipment"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouse.id"], name=op.f("fk_shipment_line_warehouse_id_warehouse")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shipment_line")),
        sa.UniqueConstraint("shipment_id", "line_number", name=op.f("uq_shipment_line_shipment_id_line_number")),
    )
    with op.batch_alter_table("shipment_line", schema=None) as batch_op:
        batch_op.create_index(
            "ix_shipment_line_order", ["company_id", "order_type", "order_nbr", "order_line_nbr"], unique=False
        )

    op.create_table(
        "shipment_package",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("shipment_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("box_id", sa.String(length=15), nullable=True),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("weight", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("volume", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("declared_value", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("cod_amount", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("tracking_number", sa.String(length=255), nullable=True),
        sa.Column("custom_ref_nbr1", sa.String(length=255), nullable=True),
        sa.Column("custom_ref_nbr2", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_shipment_package_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["shipment_id"], ["shipment.id"], name=op.f("fk_shipment_package_shipment_id_shipment"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shipment_package")),
        sa.UniqueConstraint("shipment_id", "line_number", name=op.f("uq_shipment_package_shipment_id_line_number")),
    )

    with op.batch_alter_table("customer_invoice_line", schema=None) as batch_op:
        batch_op.add_column(sa.Column("so_shipment_nbr", sa.String(length=15), nullable=True))
        batch_op.add_column(sa.Column("so_order_type", sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column("so_order_nbr", sa.String(length=15), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("customer_invoice_line", schema=None) as batch_op:
        batch_op.drop_column("so_order_nbr")
        batch_op.drop_column("so_order_type")
        batch_op.drop_column("so_shipment_nbr")
    op.drop_table("shipment_package")
    with op.batch_alter_table("shipment_line", schema=None) as batch_op:
        batch_op.drop_index("ix_shipment_line_order")

    op.drop_table("shipment_line")
    with op.batch_alter_table("shipment", schema=None) as batch_op:
        batch_op.drop_index("ix_shipment_company_nbr_id")
        batch_op.drop_index("ix_shipment_company_modified_id")

    op.drop_table("shipment")
    op.drop_table("packaging_type")
    op.drop_table("carrier")
