"""A company's moved clock, for tests that set or advance a company's "now"

Revision ID: 0043
Revises: 0042
Create Date: 2026-12-04

A new table only; nothing existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nettfin.server.db.types

revision = "0043"
down_revision = "0042"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "company_clock",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("offset_us", sa.BigInteger(), nullable=False),
        sa.Column("frozen_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("set_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_company_clock_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("company_id", name=op.f("pk_company_clock")),
    )


def downgrade() -> None:
    op.drop_table("company_clock")
