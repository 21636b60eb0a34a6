"""Cash transactions with their details; the companies' ledgers; budget articles with their period amounts;
deferral codes

Every existing company gets the three ledgers a new company gets: ACTUAL (the one its batches posted to),
BUDGET and STAT, stamped with the company's creation.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from nettfin.server.db.types import Money, UTCDateTime

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_modified_at", UTCDateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
    ]


def _company(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["company_id"], ["company.id"], name=op.f(f"fk_{table}_company_id_company"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "cash_transaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("reference_number", sa.String(length=15), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("hold", sa.Boolean(), nullable=False),
        sa.Column("released", sa.Boolean(), nullable=False),
        sa.Column("tran_date", UTCDateTime(), nullable=False),
        sa.Column("period_id", sa.String(length=6), nullable=False),
        sa.Column("cash_account_id", sa.Integer(), nullable=True),
        sa.Column("entry_type", sa.String(length=10), nullable=True),
        sa.Column("document_ref", sa.String(length=40), nullable=True),
        sa.Column("description", sa.String(length=256), nullable=True),
        sa.Column("amount", Money(), nullable=False),
        sa.Column("control_total", Money(), nullable=True),
        sa.Column("batch_number", sa.String(length=15), nullable=True),
        sa.Column("reverses", sa.String(length=15), nullable=True),
        *_stamps(),
        _company("cash_transaction"),
        sa.ForeignKeyConstraint(
            ["cash_account_id"], ["account.id"], name=op.f("fk_cash_transaction_cash_account_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_transaction")),
        sa.UniqueConstraint(
            "company_id", "reference_number", name=op.f("uq_cash_transaction_company_id_reference_number")
        ),
    )
    op.create_index(
        "ix_cash_transaction_company_modified_id", "cash_transaction", ["company_id", "last_modified_at", "id"]
    )
    op.create_table(
        "cash_transaction_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("branch_cd", sa.String(length=30), nullable=True),
        sa.Column("description", sa.String(length=256), nullable=True),
        sa.Column("quantity", Money(), nullable=False),
        sa.Column("uom", sa.String(length=6), nullable=True),
        sa.Column("price", Money(), nullable=False),
        sa.Column("amount", Money(), nullable=False),
        sa.Column("offset_account_id", sa.Integer(), nullable=True),
        sa.Column("offset_subaccount", sa.String(length=30), nullable=True),
        _company("cash_transaction_line"),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["cash_transaction.id"],
            name=op.f("fk_cash_transaction_line_transaction_id_cash_transaction"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offset_account_id"], ["account.id"], name=op.f("fk_cash_transaction_line_offset_account_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_transaction_line")),
        sa.UniqueConstraint(
            "transaction_id", "line_number", name=op.f("uq_cash_transaction_line_transaction_id_line_number")
        ),
    )

    ledger = op.create_table(
        "ledger",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("internal_id", sa.Integer(), nullable=False),
        sa.Column("ledger_cd", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("balance_type", sa.String(length=12), nullable=False),
        *_stamps(),
        _company("ledger"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger")),
        sa.UniqueConstraint("company_id", "ledger_cd", name=op.f("uq_ledger_company_id_ledger_cd")),
    )
    _give_companies_their_ledgers(ledger)
    op.create_table(
        "budget_article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("ledger_id", sa.Integer(), nullable=False),
        sa.Column("financial_year", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("subaccount_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=256), nullable=True),
        sa.Column("amount", Money(), nullable=False),
        *_stamps(),
        _company("budget_article"),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_budget_article_branch_id_branch"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["ledger_id"], ["ledger.id"], name=op.f("fk_budget_article_ledger_id_ledger"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], name=op.f("fk_budget_article_account_id_account")),
        sa.ForeignKeyConstraint(
            ["subaccount_id"], ["subaccount.id"], name=op.f("fk_budget_article_subaccount_id_subaccount")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_article")),
        sa.UniqueConstraint(
            "company_id",
            "branch_id",
            "ledger_id",
            "financial_year",
            "account_id",
            "subaccount_id",
            name="uq_budget_article_key",
        ),
    )
    op.create_table(
        "budget_period_amount",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.String(length=6), nullable=False),
        sa.Column("amount", Money(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["budget_article.id"],
            name=op.f("fk_budget_period_amount_article_id_budget_article"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_period_amount")),
        sa.UniqueConstraint("article_id", "period_id", name=op.f("uq_budget_period_amount_article_id_period_id")),
    )
    op.create_table(
        "deferral_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("deferral_code_cd", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=60), nullable=False),
        sa.Column("code_type", sa.String(length=10), nullable=False),
        sa.Column("recognition_method", sa.String(length=25), nullable=False),
        sa.Column("deferred_revenue_from_item", sa.Boolean(), nullable=False),
        sa.Column("deferral_account_id", sa.Integer(), nullable=True),
        sa.Column("deferral_subaccount_id", sa.Integer(), nullable=True),
        _company("deferral_code"),
        sa.ForeignKeyConstraint(
            ["deferral_account_id"], ["account.id"], name=op.f("fk_deferral_code_deferral_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["deferral_subaccount_id"],
            ["subaccount.id"],
            name=op.f("fk_deferral_code_deferral_subaccount_id_subaccount"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deferral_code")),
        sa.UniqueConstraint(
            "company_id", "deferral_code_cd", name=op.f("uq_deferral_code_company_id_deferral_code_cd")
        ),
    )


# (internal id, number, description, balance type): the ledgers identity.service.create_company gives a company.
LEDGERS = (
    (1, "ACTUAL", "Actual ledger", "Actual"),
    (2, "BUDGET", "Budget ledger", "Budget"),
    (3, "STAT", "Statistical ledger", "Statistical"),
)


def _give_companies_their_ledgers(ledger: sa.Table) -> None:
    company = sa.table("company", sa.column("id", sa.Integer()), sa.column("created_at", UTCDateTime()))
    rows = []
    for company_id, created_at in op.get_bind().execute(sa.select(company.c.id, company.c.created_at)).all():
        moment = created_at or datetime.now(UTC)
        rows += [
            {
                "company_id": company_id,
                "internal_id": internal,
                "ledger_cd": number,
                "description": text,
                "balance_type": kind,
                "created_at": moment,
                "last_modified_at": moment,
                "row_version": 1,
            }
            for internal, number, text, kind in LEDGERS
        ]
    if rows:
        op.bulk_insert(ledger, rows)


def downgrade() -> None:
    op.drop_table("deferral_code")
    op.drop_table("budget_period_amount")
    op.drop_table("budget_article")
    op.drop_table("ledger")
    op.drop_table("cash_transaction_line")
    op.drop_index("ix_cash_transaction_company_modified_id", table_name="cash_transaction")
    op.drop_table("cash_transaction")
