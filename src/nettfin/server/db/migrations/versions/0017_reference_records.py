"""Attributes and their values; item description translations and the company's default language; UI extensions

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03

Every table starts empty: a company without a language row has the default `en-US`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from nettfin.server.db.types import UTCDateTime

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def _company(table: str) -> list:
    return [
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f(f"fk_{table}_company_id_company"), ondelete="CASCADE"
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "attribute",
        sa.Column("id", sa.Integer(), nullable=False),
        *_company("attribute"),
        sa.Column("attribute_id", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("control_type", sa.String(length=20), nullable=False),
        sa.Column("internal", sa.Boolean(), nullable=False),
        sa.Column("entry_mask", sa.String(length=60), nullable=True),
        sa.Column("reg_exp", sa.String(length=255), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribute")),
        sa.UniqueConstraint("company_id", "attribute_id", name=op.f("uq_attribute_company_id_attribute_id")),
    )
    op.create_table(
        "attribute_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attribute_id", sa.Integer(), nullable=False),
        sa.Column("value_id", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attribute_id"],
            ["attribute.id"],
            name=op.f("fk_attribute_value_attribute_id_attribute"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribute_value")),
        sa.UniqueConstraint("attribute_id", "value_id", name=op.f("uq_attribute_value_attribute_id_value_id")),
    )
    op.create_table(
        "company_language",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("default_language", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_company_language_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("company_id", name=op.f("pk_company_language")),
    )
    op.create_table(
        "inventory_item_translation",
        sa.Column("id", sa.Integer(), nullable=False),
        *_company("inventory_item_translation"),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("language_iso", sa.String(length=10), nullable=False),
        sa.Column("translation", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["inventory_item.id"],
            name=op.f("fk_inventory_item_translation_item_id_inventory_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inventory_item_translation")),
        sa.UniqueConstraint("item_id", "language_iso", name=op.f("uq_inventory_item_translation_item_id_language_iso")),
    )
    op.create_table(
        "ui_extension",
        sa.Column("id", sa.Integer(), nullable=False),
        *_company("ui_extension"),
        sa.Column("internal_id", sa.String(length=36), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=False),
        sa.Column("owner_name", sa.String(length=100), nullable=False),
        sa.Column("type", sa.String(length=10), nullable=False),
        sa.Column("screen_id", sa.String(length=8), nullable=True),
        sa.Column("step_id", sa.String(length=30), nullable=True),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ui_extension")),
        sa.UniqueConstraint("internal_id", name=op.f("uq_ui_extension_internal_id")),
    )
    op.create_index("ix_ui_extension_company_owner", "ui_extension", ["company_id", "owner_id"])


def downgrade() -> None:
    op.drop_index("ix_ui_extension_company_owner", table_name="ui_extension")
    op.drop_table("ui_extension")
    op.drop_table("inventory_item_translation")
    op.drop_table("company_language")
    op.drop_table("attribute_value")
    op.drop_table("attribute")
