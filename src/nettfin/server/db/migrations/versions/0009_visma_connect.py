"""Visma Connect: company-tenant GUIDs, applications, their secrets and grants, signing keys

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

Every existing company gets a random company-tenant GUID (Connect's `tenant_id`); new ones get theirs when they
are created. Signing keys are made on first need, not here.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

import nettfin.server.db.types

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "connect_signing_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("kid", sa.String(length=64), nullable=False),
        sa.Column("private_key_pem", sa.Text(), nullable=False),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("retired_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_connect_signing_key")),
        sa.UniqueConstraint("generation", name=op.f("uq_connect_signing_key_generation")),
        sa.UniqueConstraint("kid", name=op.f("uq_connect_signing_key_kid")),
    )
    op.create_table(
        "connect_application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("app_type", sa.String(length=10), nullable=False),
        sa.Column("grants", sa.JSON(), nullable=False),
        sa.Column("allowed_scopes", sa.JSON(), nullable=False),
        sa.Column("token_lifetime", sa.Integer(), nullable=False),
        sa.Column("refresh_policy", sa.String(length=10), nullable=False),
        sa.Column("redirect_uris", sa.JSON(), nullable=False),
        sa.Column("service_user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("disabled_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["service_user_id"], ["app_user.id"], name=op.f("fk_connect_application_service_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_connect_application")),
        sa.UniqueConstraint("client_id", name=op.f("uq_connect_application_client_id")),
        sa.UniqueConstraint("service_user_id", name=op.f("uq_connect_application_service_user_id")),
    )
    op.create_table(
        "connect_application_secret",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(length=12), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("description", sa.String(length=100), nullable=False),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["connect_application.id"],
            name=op.f("fk_connect_application_secret_application_id_connect_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_connect_application_secret")),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_connect_application_secret_secret_hash")),
    )
    op.create_index(
        op.f("ix_connect_application_secret_application_id"),
        "connect_application_secret",
        ["application_id"],
        unique=False,
    )
    op.create_table(
        "connect_grant",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("granted_by_user_id", sa.Integer(), nullable=True),
        sa.Column("granted_by", sa.String(length=254), nullable=False),
        sa.Column("granted_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["connect_application.id"],
            name=op.f("fk_connect_grant_application_id_connect_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_connect_grant_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["granted_by_user_id"],
            ["app_user.id"],
            name=op.f("fk_connect_grant_granted_by_user_id_app_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("application_id", "company_id", name=op.f("pk_connect_grant")),
    )
    op.create_index(op.f("ix_connect_grant_company_id"), "connect_grant", ["company_id"], unique=False)

    with op.batch_alter_table("company") as batch_op:
        batch_op.add_column(sa.Column("tenant_guid", sa.String(length=36), nullable=True))
    connection = op.get_bind()
    company_ids = connection.execute(sa.text("SELECT id FROM company ORDER BY id")).scalars().all()
    for company_id in company_ids:
        connection.execute(
            sa.text("UPDATE company SET tenant_guid = :guid WHERE id = :id"),
            {"guid": str(uuid.uuid4()), "id": company_id},
        )
    with op.batch_alter_table("company") as batch_op:
        batch_op.alter_column("tenant_guid", existing_type=sa.String(length=36), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_company_tenant_guid"), ["tenant_guid"])


def downgrade() -> None:
    with op.batch_alter_table("company") as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_company_tenant_guid"), type_="unique")
        batch_op.drop_column("tenant_guid")
    op.drop_index(op.f("ix_connect_grant_company_id"), table_name="connect_grant")
    op.drop_table("connect_grant")
    op.drop_index(op.f("ix_connect_application_secret_application_id"), table_name="connect_application_secret")
    op.drop_table("connect_application_secret")
    op.drop_table("connect_application")
    op.drop_table("connect_signing_key")
