"""The note of a project transaction document, kept on its journal batch

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03

Existing batches have none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("journal_batch") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("journal_batch") as batch:
        batch.drop_column("note")
