"""The request log's bodies compressed with lz4 on PostgreSQL

Revision ID: 0044
Revises: 0043
Create Date: 2026-12-05

The request log keeps every call's bodies, up to 64 KB each. PostgreSQL compressed them with pglz, its default:
on a list page of 50 customers that was 0.28 of the 0.55 ms PostgreSQL spent per call, more than the call's own
queries (docs/performance.md, "Round trips, the request log's compression and one write at a time"). lz4 takes a
fifth of that. Only where the server has lz4 (PostgreSQL 14 and later, built with it; Debian's is); elsewhere,
and on SQLite, nothing changes. Bodies already written keep their compression; the schema is otherwise the same.
"""

from __future__ import annotations

from alembic import op

revision = "0044"
down_revision = "0043"
branch_labels = None
depends_on = None

BODIES = ("request_body", "response_body")


def _lz4_available() -> bool:
    found = op.get_bind().exec_driver_sql(
        "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
    )
    return found.first() is not None


def _compress_with(method: str) -> None:
    if op.get_bind().dialect.name != "postgresql" or not _lz4_available():
        return
    for column in BODIES:
        op.execute(f"ALTER TABLE request_log ALTER COLUMN {column} SET COMPRESSION {method}")


def upgrade() -> None:
    _compress_with("lz4")


def downgrade() -> None:
    _compress_with("pglz")
