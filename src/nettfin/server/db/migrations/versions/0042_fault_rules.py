"""Fault rules per company, and the per-company throttle switch

Revision ID: 0042
Revises: 0041
Create Date: 2026-12-04

New tables only; nothing existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nettfin.server.db.types

revision = "0042"
down_revision = "0041"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fault_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("api_client_id", sa.Integer(), nullable=True),
        sa.Column("method", sa.String(length=10), nullable=True),
        sa.Column("path", sa.String(length=200), nullable=True),
        sa.Column("latency_ms", sa.Integer(), nullable=True),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("retry_after", sa.Integer(), nullable=True),
        sa.Column("drop", sa.String(length=6), nullable=True),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("times", sa.Integer(), nullable=True),
        sa.Column("remaining", sa.Integer(), nullable=True),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["api_client_id"],
            ["api_client.id"],
            name=op.f("fk_fault_rule_api_client_id_api_client"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["connect_application.id"],
            name=op.f("fk_fault_rule_application_id_connect_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_fault_rule_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fault_rule")),
    )
    with op.batch_alter_table("fault_rule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fault_rule_company_id"), ["company_id"], unique=False)
    op.create_table(
        "throttle_switch",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_throttle_switch_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("company_id", name=op.f("pk_throttle_switch")),
    )


def downgrade() -> None:
    op.drop_table("throttle_switch")
    with op.batch_alter_table("fault_rule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fault_rule_company_id"))
    op.drop_table("fault_rule")
