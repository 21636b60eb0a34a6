"""Visma Connect: the tenant that registered an application in the admin panel

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03

Applications made before (on the command line, or by the demo seed) have no owner: the server's operator manages
them, and a tenant's administrator may only approve them for the tenant's companies.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("connect_application") as batch_op:
        batch_op.add_column(sa.Column("owner_tenant_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_connect_application_owner_tenant_id"), ["owner_tenant_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_connect_application_owner_tenant_id_tenant"),
            "tenant",
            ["owner_tenant_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("connect_application") as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_connect_application_owner_tenant_id_tenant"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_connect_application_owner_tenant_id"))
        batch_op.drop_column("owner_tenant_id")
