"""The company tree (work groups, delegations), earning types and time cards with their lines

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26

Employees keep their work group memberships in `employee.work_groups` (their companyTreeInfo); the groups
they name become rows of `work_group` here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nettfin.server.db.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "earning_type",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("is_overtime", sa.Boolean(), nullable=False),
        sa.Column("is_billable", sa.Boolean(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("overtime_multiplier", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_earning_type_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_earning_type")),
        sa.UniqueConstraint("company_id", "code", name=op.f("uq_earning_type_company_id_code")),
    )
    op.create_table(
        "work_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_work_group_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["parent_id"], ["work_group.id"], name=op.f("fk_work_group_parent_id_work_group")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_group")),
        sa.UniqueConstraint("company_id", "name", name=op.f("uq_work_group_company_id_name")),
    )
    op.create_index(op.f("ix_work_group_parent_id"), "work_group", ["parent_id"], unique=False)
    op.create_table(
        "work_group_delegation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_work_group_delegation_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["work_group.id"],
            name=op.f("fk_work_group_delegation_group_id_work_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_work_group_delegation_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_group_delegation")),
        sa.UniqueConstraint("group_id", "user_id", name=op.f("uq_work_group_delegation_group_id_user_id")),
    )
    op.create_index(
        "ix_work_group_delegation_company_user", "work_group_delegation", ["company_id", "user_id"], unique=False
    )
    op.create_table(
        "time_card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("ref_nbr", sa.String(length=15), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("approval_status", sa.String(length=30), nullable=False),
        sa.Column("approval_text", sa.String(length=255), nullable=True),
        sa.Column("approver", sa.String(length=30), nullable=True),
        sa.Column("card_type", sa.String(length=20), nullable=False),
        sa.Column("original_id", sa.Integer(), nullable=True),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_time_card_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["employee_id"], ["employee.id"], name=op.f("fk_time_card_employee_id_employee")),
        sa.ForeignKeyConstraint(["original_id"], ["time_card.id"], name=op.f("fk_time_card_original_id_time_card")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_card")),
        sa.UniqueConstraint("company_id", "ref_nbr", name=op.f("uq_time_card_company_id_ref_nbr")),
    )
    op.create_index(
        "ix_time_card_company_employee_week", "time_card", ["company_id", "employee_id", "week"], unique=False
    )
    op.create_index(
        "ix_time_card_company_modified_id", "time_card", ["company_id", "last_modified_at", "id"], unique=False
    )
    op.create_index(
        "uq_time_card_employee_week_original",
        "time_card",
        ["company_id", "employee_id", "week"],
        unique=True,
        sqlite_where=sa.text("original_id IS NULL"),
        postgresql_where=sa.text("original_id IS NULL"),
    )
    op.create_table(
        "time_card_material",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("time_card_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=30), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("project", sa.String(length=30), nullable=True),
        sa.Column("project_task", sa.String(length=30), nullable=True),
        sa.Column("mon", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("tue", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("wed", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("thu", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("fri", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("sat", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("sun", nettfin.server.db.types.Money(precision=19, scale=4), nullable=False),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_time_card_material_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["time_card_id"],
            ["time_card.id"],
            name=op.f("fk_time_card_material_time_card_id_time_card"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_card_material")),
        sa.UniqueConstraint("time_card_id", "line_number", name=op.f("uq_time_card_material_time_card_id_line_number")),
    )
    op.create_table(
        "time_card_summary",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("time_card_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("earning_type_id", sa.Integer(), nullable=False),
        sa.Column("project", sa.String(length=30), nullable=True),
        sa.Column("project_task", sa.String(length=30), nullable=True),
        sa.Column("mon", sa.Integer(), nullable=False),
        sa.Column("tue", sa.Integer(), nullable=False),
        sa.Column("wed", sa.Integer(), nullable=False),
        sa.Column("thu", sa.Integer(), nullable=False),
        sa.Column("fri", sa.Integer(), nullable=False),
        sa.Column("sat", sa.Integer(), nullable=False),
        sa.Column("sun", sa.Integer(), nullable=False),
        sa.Column("invoiceable", sa.Boolean(), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("last_modified_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_time_card_summary_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["earning_type_id"],
            ["earning_type.id"],
            name=op.f("fk_time_card_summary_earning_type_id_earning_type"),
        ),
        sa.ForeignKeyConstraint(
            ["time_card_id"],
            ["time_card.id"],
            name=op.f("fk_time_card_summary_time_card_id_time_card"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_card_summary")),
        sa.UniqueConstraint("time_card_id", "line_number", name=op.f("uq_time_card_summary_time_card_id_line_number")),
    )


def downgrade() -> None:
    op.drop_table("time_card_summary")
    op.drop_table("time_card_material")
    op.drop_index(
        "uq_time_card_employee_week_original",
        table_name="time_card",
        sqlite_where=sa.text("original_id IS NULL"),
        postgresql_where=sa.text("original_id IS NULL"),
    )
    op.drop_index("ix_time_card_company_modified_id", table_name="time_card")
    op.drop_index("ix_time_card_company_employee_week", table_name="time_card")
    op.drop_table("time_card")
    op.drop_index("ix_work_group_delegation_company_user", table_name="work_group_delegation")
    op.drop_table("work_group_delegation")
    op.drop_index(op.f("ix_work_group_parent_id"), table_name="work_group")
    op.drop_table("work_group")
    op.drop_table("earning_type")
