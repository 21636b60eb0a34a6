"""Tenants, company roles, API clients, OAuth codes and tokens, throttle counters, the session key

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24

Company access becomes Financials roles per company (existing access becomes "Financials User"), and every
existing company gets a tenant of its own.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nettfin.server.db.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_secret",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_server_secret")),
    )
    op.create_table(
        "tenant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tenant")),
    )
    op.create_table(
        "throttle_counter",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_throttle_counter")),
    )
    op.create_index(op.f("ix_throttle_counter_expires_at"), "throttle_counter", ["expires_at"], unique=False)
    op.create_table(
        "api_client",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("client_type", sa.String(length=20), nullable=False),
        sa.Column("secret_hash", sa.String(length=200), nullable=False),
        sa.Column("redirect_uris", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("activation_hash", sa.String(length=64), nullable=True),
        sa.Column("activation_expires_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_api_client_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_client")),
        sa.UniqueConstraint("activation_hash", name=op.f("uq_api_client_activation_hash")),
        sa.UniqueConstraint("client_id", name=op.f("uq_api_client_client_id")),
    )
    op.create_index(op.f("ix_api_client_tenant_id"), "api_client", ["tenant_id"], unique=False)
    op.create_table(
        "authorization_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("redirect_uri", sa.String(length=2000), nullable=False),
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("code_challenge", sa.String(length=128), nullable=True),
        sa.Column("code_challenge_method", sa.String(length=10), nullable=True),
        sa.Column("expires_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", nettfin.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["api_client.id"],
            name=op.f("fk_authorization_code_client_id_api_client"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_authorization_code_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_authorization_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_authorization_code_code_hash")),
    )
    op.create_index(op.f("ix_authorization_code_client_id"), "authorization_code", ["client_id"], unique=False)
    op.create_table(
        "company_role",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_company_role_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_company_role_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "company_id", "role", name=op.f("pk_company_role")),
    )

    with op.batch_alter_table("company") as batch_op:
        batch_op.add_column(sa.Column("tenant_id", sa.Integer(), nullable=True))
    op.execute("INSERT INTO tenant (id, name, created_at) SELECT id, name, created_at FROM company")
    op.execute("UPDATE company SET tenant_id = id")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SELECT setval(pg_get_serial_sequence('tenant', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM tenant")
    with op.batch_alter_table("company") as batch_op:
        batch_op.alter_column("tenant_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f("ix_company_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_company_tenant_id_tenant"), "tenant", ["tenant_id"], ["id"], ondelete="CASCADE"
        )

    with op.batch_alter_table("app_user") as batch_op:
        batch_op.add_column(sa.Column("tenant_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("password_hash", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("customer_administrator", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index(batch_op.f("ix_app_user_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_app_user_tenant_id_tenant"), "tenant", ["tenant_id"], ["id"], ondelete="CASCADE"
        )
    with op.batch_alter_table("app_user") as batch_op:
        batch_op.alter_column("customer_administrator", server_default=None)

    op.execute(
        "INSERT INTO company_role (user_id, company_id, role) "
        "SELECT user_id, company_id, 'Financials User' FROM company_access"
    )
    op.drop_table("company_access")

    with op.batch_alter_table("api_token") as batch_op:
        batch_op.add_column(sa.Column("refresh_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("client_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("origin", sa.String(length=20), nullable=False, server_default="development"))
        batch_op.add_column(sa.Column("authorization_code_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("scope", sa.String(length=200), nullable=False, server_default="financialstasks"))
        batch_op.create_index(batch_op.f("ix_api_token_client_id"), ["client_id"], unique=False)
        batch_op.create_index("ix_api_token_refresh_hash", ["refresh_hash"], unique=True)
        batch_op.create_foreign_key(
            batch_op.f("fk_api_token_client_id_api_client"), "api_client", ["client_id"], ["id"], ondelete="CASCADE"
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_api_token_authorization_code_id_authorization_code"),
            "authorization_code",
            ["authorization_code_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("api_token") as batch_op:
        batch_op.alter_column("origin", server_default=None)
        batch_op.alter_column("scope", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("api_token") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_api_token_authorization_code_id_authorization_code"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("fk_api_token_client_id_api_client"), type_="foreignkey")
        batch_op.drop_index("ix_api_token_refresh_hash")
        batch_op.drop_index(batch_op.f("ix_api_token_client_id"))
        for column in ("scope", "authorization_code_id", "origin", "client_id", "refresh_hash"):
            batch_op.drop_column(column)
    op.create_table(
        "company_access",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_company_access_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_company_access_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "company_id", name=op.f("pk_company_access")),
    )
    op.execute("INSERT INTO company_access (user_id, company_id) SELECT DISTINCT user_id, company_id FROM company_role")
    with op.batch_alter_table("app_user") as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_app_user_tenant_id_tenant"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_app_user_tenant_id"))
        for column in ("customer_administrator", "password_hash", "tenant_id"):
            batch_op.drop_column(column)
    with op.batch_alter_table("company") as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_company_tenant_id_tenant"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_company_tenant_id"))
        batch_op.drop_column("tenant_id")
    op.drop_table("company_role")
    op.drop_index(op.f("ix_authorization_code_client_id"), table_name="authorization_code")
    op.drop_table("authorization_code")
    op.drop_index(op.f("ix_api_client_tenant_id"), table_name="api_client")
    op.drop_table("api_client")
    op.drop_index(op.f("ix_throttle_counter_expires_at"), table_name="throttle_counter")
    op.drop_table("throttle_counter")
    op.drop_table("tenant")
    op.drop_table("server_secret")
