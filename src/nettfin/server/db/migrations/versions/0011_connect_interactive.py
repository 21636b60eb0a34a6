"""Visma Connect, interactive flow: authorization codes, refresh tokens, revocable access tokens, post-logout URIs

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

Codes and refresh tokens are stored as SHA-256 hashes. Existing applications get no post-logout redirect URI.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nettfin.server.db.types

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

UTC = nettfin.server.db.types.UTCDateTime(timezone=True)


def _application(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["application_id"],
        ["connect_application.id"],
        name=op.f(f"fk_{table}_application_id_connect_application"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    with op.batch_alter_table("connect_application") as batch_op:
        batch_op.add_column(
            sa.Column("post_logout_redirect_uris", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    with op.batch_alter_table("connect_application") as batch_op:
        batch_op.alter_column("post_logout_redirect_uris", existing_type=sa.JSON(), server_default=None)
    op.create_table(
        "connect_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("family", sa.String(length=32), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("redirect_uri", sa.String(length=2000), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("nonce", sa.String(length=500), nullable=True),
        sa.Column("code_challenge", sa.String(length=128), nullable=True),
        sa.Column("code_challenge_method", sa.String(length=10), nullable=True),
        sa.Column("auth_time", sa.Integer(), nullable=False),
        sa.Column("expires_at", UTC, nullable=False),
        sa.Column("used_at", UTC, nullable=True),
        _application("connect_code"),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_connect_code_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_connect_code_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_connect_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_connect_code_code_hash")),
        sa.UniqueConstraint("family", name=op.f("uq_connect_code_family")),
    )
    op.create_index(op.f("ix_connect_code_application_id"), "connect_code", ["application_id"], unique=False)
    op.create_index(op.f("ix_connect_code_user_id"), "connect_code", ["user_id"], unique=False)
    op.create_table(
        "connect_refresh_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("family", sa.String(length=32), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("auth_time", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("expires_at", UTC, nullable=False),
        sa.Column("used_at", UTC, nullable=True),
        sa.Column("revoked_at", UTC, nullable=True),
        _application("connect_refresh_token"),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
            name=op.f("fk_connect_refresh_token_company_id_company"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_connect_refresh_token_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_connect_refresh_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_connect_refresh_token_token_hash")),
    )
    for column in ("family", "application_id", "user_id"):
        op.create_index(op.f(f"ix_connect_refresh_token_{column}"), "connect_refresh_token", [column], unique=False)
    op.create_table(
        "connect_access_token",
        sa.Column("jti", sa.String(length=64), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("family", sa.String(length=32), nullable=True),
        sa.Column("expires_at", UTC, nullable=False),
        sa.Column("revoked_at", UTC, nullable=True),
        _application("connect_access_token"),
        sa.PrimaryKeyConstraint("jti", name=op.f("pk_connect_access_token")),
    )
    for column in ("application_id", "family", "expires_at"):
        op.create_index(op.f(f"ix_connect_access_token_{column}"), "connect_access_token", [column], unique=False)


def downgrade() -> None:
    for column in ("application_id", "family", "expires_at"):
        op.drop_index(op.f(f"ix_connect_access_token_{column}"), table_name="connect_access_token")
    op.drop_table("connect_access_token")
    for column in ("family", "application_id", "user_id"):
        op.drop_index(op.f(f"ix_connect_refresh_token_{column}"), table_name="connect_refresh_token")
    op.drop_table("connect_refresh_token")
    op.drop_index(op.f("ix_connect_code_user_id"), table_name="connect_code")
    op.drop_index(op.f("ix_connect_code_application_id"), table_name="connect_code")
    op.drop_table("connect_code")
    with op.batch_alter_table("connect_application") as batch_op:
        batch_op.drop_column("post_logout_redirect_uris")
