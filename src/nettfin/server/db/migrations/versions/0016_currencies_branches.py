"""Currencies, currency rate types and currency rates

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-03

Every existing company gets its base currency as its one currency (described as nettfin knew it when this was
written); rate types and rates start empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from nettfin.server.db.types import UTCDateTime

revision = "0016"
down_revision = "0014"
branch_labels = None
depends_on = None

# (description, symbol, decimal precision) of the currencies nettfin knew; another code describes itself.
KNOWN = {
    "NOK": ("Norwegian krone", "kr", 2),
    "SEK": ("Swedish krona", "kr", 2),
    "DKK": ("Danish krone", "kr.", 2),
    "EUR": ("Euro", "€", 2),
    "USD": ("US dollar", "$", 2),
    "GBP": ("Pound sterling", "£", 2),
    "ISK": ("Icelandic króna", "kr", 0),
}


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    currency = op.create_table(
        "currency",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("currency_id", sa.String(length=5), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("symbol", sa.String(length=10), nullable=False),
        sa.Column("decimal_precision", sa.Integer(), nullable=False),
        sa.Column("used_for_accounting", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_currency_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_currency")),
        sa.UniqueConstraint("company_id", "currency_id", name=op.f("uq_currency_company_id_currency_id")),
    )
    op.create_table(
        "currency_rate_type",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("rate_type_id", sa.String(length=6), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("days_effective", sa.Integer(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_currency_rate_type_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_currency_rate_type")),
        sa.UniqueConstraint("company_id", "rate_type_id", name=op.f("uq_currency_rate_type_company_id_rate_type_id")),
    )
    op.create_table(
        "currency_rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("rate_number", sa.Integer(), nullable=False),
        sa.Column("from_currency_id", sa.String(length=5), nullable=True),
        sa.Column("to_currency_id", sa.String(length=5), nullable=True),
        sa.Column("rate_type_id", sa.String(length=6), nullable=True),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("rate", sa.Numeric(precision=19, scale=8), nullable=True),
        sa.Column("mult_div", sa.String(length=8), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_currency_rate_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_currency_rate")),
        sa.UniqueConstraint("company_id", "rate_number", name=op.f("uq_currency_rate_company_id_rate_number")),
        sa.UniqueConstraint(
            "company_id",
            "from_currency_id",
            "to_currency_id",
            "rate_type_id",
            "effective_date",
            name="uq_currency_rate_one_a_day",
        ),
    )
    connection = op.get_bind()
    companies = connection.execute(sa.text("SELECT id, base_currency FROM company ORDER BY id")).all()
    rows = []
    for company_id, base in companies:
        description, symbol, precision = KNOWN.get(base, (base, base, 2))
        rows.append(
            {
                "company_id": company_id,
                "currency_id": base,
                "description": description,
                "symbol": symbol,
                "decimal_precision": precision,
                "used_for_accounting": True,
            }
        )
    if rows:
        op.bulk_insert(currency, rows)


def downgrade() -> None:
    op.drop_table("currency_rate")
    op.drop_table("currency_rate_type")
    op.drop_table("currency")
