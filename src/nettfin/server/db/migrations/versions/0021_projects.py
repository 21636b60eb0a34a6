"""Projects (PM): projects, their tasks, account groups and their accounts, budget lines; the project and task
of journal lines

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03

Existing companies start without projects; existing journal lines are of no project (the non-project code X).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import nettfin.server.db.types

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "project_account_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("group_cd", sa.String(length=30), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("group_type", sa.String(length=20), nullable=False),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_project_account_group_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_account_group")),
        sa.UniqueConstraint("company_id", "group_cd", name=op.f("uq_project_account_group_company_id_group_cd")),
    )
    op.create_table(
        "project_account_group_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_project_account_group_account_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
            name=op.f("fk_project_account_group_account_company_id_company"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["project_account_group.id"],
            name=op.f("fk_project_account_group_account_group_id_project_account_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_account_group_account")),
        sa.UniqueConstraint(
            "company_id", "account_id", name=op.f("uq_project_account_group_account_company_id_account_id")
        ),
    )
    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("project_cd", sa.String(length=30), nullable=False),
        sa.Column("public_id", sa.String(length=36), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("hold", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("restrict_employees", sa.Boolean(), nullable=False),
        sa.Column("restrict_equipment", sa.Boolean(), nullable=False),
        sa.Column("billing_period", sa.String(length=20), nullable=True),
        sa.Column("auto_allocate", sa.Boolean(), nullable=False),
        sa.Column("automatic_release_ar", sa.Boolean(), nullable=False),
        sa.Column("visibility", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=True),
        sa.Column("note", sa.String(length=4000), nullable=True),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_project_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_project_customer_id_customer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
        sa.UniqueConstraint("company_id", "project_cd", name=op.f("uq_project_company_id_project_cd")),
    )
    op.create_table(
        "project_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("task_cd", sa.String(length=30), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=False),
        sa.Column("planned_start", sa.Date(), nullable=True),
        sa.Column("planned_end", sa.Date(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("restrict_employees", sa.Boolean(), nullable=False),
        sa.Column("visibility", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=True),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_project_task_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_project_task_project_id_project"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_task")),
        sa.UniqueConstraint("project_id", "task_cd", name=op.f("uq_project_task_project_id_task_cd")),
    )
    op.create_table(
        "project_budget",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("account_group_id", sa.Integer(), nullable=False),
        sa.Column("inventory_number", sa.String(length=30), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("rate", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("original_budget_qty", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("original_budget_amount", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("revised_budget_qty", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("revised_budget_amount", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_group_id"],
            ["project_account_group.id"],
            name=op.f("fk_project_budget_account_group_id_project_account_group"),
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_project_budget_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_project_budget_project_id_project"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["project_task.id"], name=op.f("fk_project_budget_task_id_project_task"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_budget")),
        sa.UniqueConstraint(
            "project_id", "task_id", "account_group_id", "inventory_number", name="uq_project_budget_line"
        ),
    )
    with op.batch_alter_table("journal_line", schema=None) as batch_op:
        batch_op.add_column(sa.Column("project_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("project_task_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_journal_line_project_id", ["project_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_journal_line_project_task_id_project_task"), "project_task", ["project_task_id"], ["id"]
        )
        batch_op.create_foreign_key(batch_op.f("fk_journal_line_project_id_project"), "project", ["project_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("journal_line", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_journal_line_project_id_project"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_journal_line_project_task_id_project_task"), type_="foreignkey")
        batch_op.drop_index("ix_journal_line_project_id")
        batch_op.drop_column("project_task_id")
        batch_op.drop_column("project_id")

    op.drop_table("project_budget")
    op.drop_table("project_task")
    op.drop_table("project")
    op.drop_table("project_account_group_account")
    op.drop_table("project_account_group")
