"""VAT report notes: the notes `PUT /v1/vat/{vendorCd}/{taxPeriodId}/{revisionId}[/{lineNumber}]` writes on a
VAT report's header and lines

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03

The table starts empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from nettfin.server.db.types import UTCDateTime

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vat_report_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=30), nullable=False),
        sa.Column("tax_period_id", sa.String(length=6), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_vat_report_note_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vat_report_note")),
        sa.UniqueConstraint(
            "company_id",
            "agency",
            "tax_period_id",
            "revision_id",
            "line_number",
            name="uq_vat_report_note_place",
        ),
    )


def downgrade() -> None:
    op.drop_table("vat_report_note")
