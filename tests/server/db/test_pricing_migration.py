"""Migration 0036 on both databases: the pricing tables come and go with it, and a database with a company on it
upgrades without change to what it held."""

from __future__ import annotations

from sqlalchemy import text

from .scaffold import round_trip

# The pricing migration (renumbered at merge: change it here); the one before it comes from its down_revision.
PRICING = "0036"
PRICING_TABLES = {"customer_sales_price", "discount_code", "discount_series", "discount_breakpoint", "discount_target"}


def test_the_pricing_tables_come_and_go_with_the_migration(old_database):
    def check(connection):
        assert connection.execute(text("SELECT name FROM company")).scalar_one() == "Kontor AS"

    round_trip(old_database, PRICING, PRICING_TABLES, check)
