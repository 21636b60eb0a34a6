"""Company templates; company ids never reused

Revision ID: 0040
Revises: 0039
Create Date: 2026-12-04

A new table of named templates. On SQLite the `company` table is rebuilt with AUTOINCREMENT (its rows and ids
kept), so a deleted company's id is never given to a new one; PostgreSQL's sequence never reuses ids already.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nettfin.server.db.types

revision = "0040"
down_revision = "0039"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "company_template",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("source_company_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_company_template_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_company_id"],
            ["company.id"],
            name=op.f("fk_company_template_source_company_id_company"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_company_template")),
        sa.UniqueConstraint("company_id", name=op.f("uq_company_template_company_id")),
    )
    if op.get_bind().dialect.name == "sqlite":
        # The migration's connection has foreign keys off (SQLite's default), so dropping the old table in the
        # rebuild deletes nothing that refers to it; the references follow the table by name.
        with op.batch_alter_table("company", recreate="always", table_kwargs={"sqlite_autoincrement": True}):
            pass


def downgrade() -> None:
    op.drop_table("company_template")
