"""Business accounts' locations and contacts

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-03

Every existing supplier gets its default location, MAIN, whose address and contact are the supplier's main
ones; no contact exists yet.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import nettfin.server.db.types

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    location = op.create_table(
        "party_location",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("party_kind", sa.String(length=10), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("address_same_as_main", sa.Boolean(), nullable=False),
        sa.Column("contact_same_as_main", sa.Boolean(), nullable=False),
        sa.Column("address", DOCUMENT, nullable=False),
        sa.Column("contact", DOCUMENT, nullable=False),
        sa.Column("vat_registration_id", sa.String(length=50), nullable=True),
        sa.Column("vat_zone_id", sa.Integer(), nullable=True),
        sa.Column("edi_code", sa.String(length=50), nullable=True),
        sa.Column("gln", sa.String(length=20), nullable=True),
        sa.Column("corporate_id", sa.String(length=50), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_party_location_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["vat_zone_id"], ["vat_zone.id"], name=op.f("fk_party_location_vat_zone_id_vat_zone")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_location")),
        sa.UniqueConstraint(
            "company_id",
            "party_kind",
            "party_id",
            "location_id",
            name=op.f("uq_party_location_company_id_party_kind_party_id_location_id"),
        ),
    )
    op.create_index(
        "ix_party_location_company_kind_modified",
        "party_location",
        ["company_id", "party_kind", "last_modified_at"],
    )
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("party_kind", sa.String(length=10), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=10), nullable=True),
        sa.Column("first_name", sa.String(length=50), nullable=True),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("position", sa.String(length=50), nullable=True),
        sa.Column("email", sa.String(length=255), nullable=True),
        sa.Column("web", sa.String(length=255), nullable=True),
        sa.Column("phone1", sa.String(length=50), nullable=True),
        sa.Column("phone2", sa.String(length=50), nullable=True),
        sa.Column("phone3", sa.String(length=50), nullable=True),
        sa.Column("fax", sa.String(length=50), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_contact_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
        sa.UniqueConstraint("company_id", "contact_id", name=op.f("uq_contact_company_id_contact_id")),
    )
    op.create_index("ix_contact_company_party", "contact", ["company_id", "party_kind", "party_id"])
    suppliers = op.get_bind().execute(sa.text("SELECT id, company_id FROM supplier ORDER BY id")).all()
    now = datetime.now(UTC)
    rows = [
        {
            "company_id": company_id,
            "party_kind": "Supplier",
            "party_id": supplier_id,
            "location_id": "MAIN",
            "name": "Primary location",
            "active": True,
            "address_same_as_main": True,
            "contact_same_as_main": True,
            "address": {},
            "contact": {},
            "created_at": now,
            "last_modified_at": now,
            "row_version": 1,
        }
        for supplier_id, company_id in suppliers
    ]
    if rows:
        op.bulk_insert(location, rows)


def downgrade() -> None:
    op.drop_index("ix_contact_company_party", table_name="contact")
    op.drop_table("contact")
    op.drop_index("ix_party_location_company_kind_modified", table_name="party_location")
    op.drop_table("party_location")
