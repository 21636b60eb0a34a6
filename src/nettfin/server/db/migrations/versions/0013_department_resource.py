"""Departments as an API resource: publicId, expense account and subaccount, last change and version

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02

Existing departments get a publicId each, no expense account or subaccount, version 1, and the migration's
moment as their last change.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("department") as batch:
        batch.add_column(sa.Column("public_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("expense_account_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("expense_subaccount_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("last_modified_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("row_version", sa.Integer(), server_default="1", nullable=False))
        batch.create_foreign_key(
            batch.f("fk_department_expense_account_id_account"), "account", ["expense_account_id"], ["id"]
        )
        batch.create_foreign_key(
            batch.f("fk_department_expense_subaccount_id_subaccount"), "subaccount", ["expense_subaccount_id"], ["id"]
        )
    connection = op.get_bind()
    now = datetime.now(UTC)
    if connection.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    for department_id in connection.execute(sa.text("SELECT id FROM department ORDER BY id")).scalars().all():
        connection.execute(
            sa.text("UPDATE department SET public_id = :guid, last_modified_at = :now WHERE id = :id"),
            {"guid": str(uuid.uuid4()), "now": now, "id": department_id},
        )
    with op.batch_alter_table("department") as batch:
        batch.alter_column("public_id", existing_type=sa.String(length=36), nullable=False)
        batch.alter_column("last_modified_at", existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("department") as batch:
        batch.drop_constraint(batch.f("fk_department_expense_subaccount_id_subaccount"), type_="foreignkey")
        batch.drop_constraint(batch.f("fk_department_expense_account_id_account"), type_="foreignkey")
        batch.drop_column("row_version")
        batch.drop_column("last_modified_at")
        batch.drop_column("expense_subaccount_id")
        batch.drop_column("expense_account_id")
        batch.drop_column("public_id")
