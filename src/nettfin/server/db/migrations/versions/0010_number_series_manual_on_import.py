"""Number series: Visma's "Allow manual numbering on imports"

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

An automatic series with this setting keeps a number a client sends with a new record and gives the next one
when none is sent. Existing series keep their behaviour (off).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("number_series") as batch:
        batch.add_column(sa.Column("manual_on_import", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("number_series") as batch:
        batch.drop_column("manual_on_import")
