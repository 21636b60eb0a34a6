"""The attempt of the job run that wrote a job's marker

Revision ID: 0045
Revises: 0044
Create Date: 2026-12-06

A job run whose lease ran out while it still ran could run beside the run that claimed its job again, and both
made their change (a queued create made twice). The marker a run's first committed change writes now says which
attempt wrote it, so a run that finds another attempt's marker, or commits beside one, makes no change. A marker
written before this revision was an earlier run's: it gets attempt 0, which no run has.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0045"
down_revision = "0044"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("job_write") as batch:
        batch.add_column(sa.Column("attempt", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("job_write") as batch:
        batch.alter_column("attempt", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("job_write") as batch:
        batch.drop_column("attempt")
