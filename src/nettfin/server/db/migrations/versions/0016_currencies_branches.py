"""Currencies, currency rate types and currency rates; the company's organisation and its branches

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-03

Every existing company gets its base currency as its one currency (described as nettfin knew it when this was
written); rate types and rates start empty. Every existing company gets its organisation (coded by the first word
of its name in capitals) and the main branch `1`, named after the company, both without bank settings.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from nettfin.server.db.types import UTCDateTime

revision = "0016"
down_revision = "0015"
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
    organization = op.create_table(
        "organization",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("organization_cd", sa.String(length=30), nullable=False),
        sa.Column("bank_settings", sa.JSON(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_organization_company_id_company"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization")),
        sa.UniqueConstraint("company_id", name=op.f("uq_organization_company_id")),
    )
    branch = op.create_table(
        "branch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("branch_cd", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("main", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("bank_settings", sa.JSON(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_branch_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_branch_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_branch")),
        sa.UniqueConstraint("company_id", "branch_cd", name=op.f("uq_branch_company_id_branch_cd")),
    )
    op.create_index(op.f("ix_branch_organization_id"), "branch", ["organization_id"])
    connection = op.get_bind()
    companies = connection.execute(sa.text("SELECT id, base_currency, name FROM company ORDER BY id")).all()
    now = datetime.now(UTC)
    stamps = {"created_at": now, "last_modified_at": now, "row_version": 1}
    for company_id, _, name in companies:
        words = re.findall(r"[^\W_]+", name.upper())
        code = words[0][:30] if words else "1"
        op.bulk_insert(
            organization, [{"company_id": company_id, "organization_cd": code, "bank_settings": {}, **stamps}]
        )
        organization_id = connection.execute(
            sa.text("SELECT id FROM organization WHERE company_id = :company"), {"company": company_id}
        ).scalar_one()
        op.bulk_insert(
            branch,
            [
                {
                    "company_id": company_id,
                    "organization_id": organization_id,
                    "branch_cd": "1",
                    "name": name,
                    "main": True,
                    "active": True,
                    "bank_settings": {},
                    **stamps,
                }
            ],
        )
    rows = []
    for company_id, base, _ in companies:
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
    op.drop_index(op.f("ix_branch_organization_id"), table_name="branch")
    op.drop_table("branch")
    op.drop_table("organization")
    op.drop_table("currency_rate")
    op.drop_table("currency_rate_type")
    op.drop_table("currency")
