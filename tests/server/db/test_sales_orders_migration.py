"""Migration 0032 on both databases: the sales order tables come and go with it, and a company that existed before
it gets the standard sales order types."""

from __future__ import annotations

from sqlalchemy import text

from .scaffold import round_trip

# The sales orders migration (renumbered at merge: change it here); the one before it comes from its down_revision.
SALES_ORDERS = "0032"
TABLES = {"sales_order_type", "sales_order", "sales_order_line"}


def test_the_sales_order_tables_come_and_go_and_existing_companies_get_the_standard_types(old_database):
    def check(connection):
        types = connection.execute(
            text("SELECT order_type, requires_shipment FROM sales_order_type WHERE company_id = 1 ORDER BY order_type")
        ).all()
        assert [(t, bool(s)) for t, s in types] == [
            ("CR", False),
            ("CS", False),
            ("IN", False),
            ("QT", False),
            ("RC", True),
            ("SO", True),
        ]

    round_trip(old_database, SALES_ORDERS, TABLES, check)
