"""The sales order use cases below the API: an order entered with lines gets its number from its type's series,
its prices from the items, VAT and totals as a customer invoice's; every company has the standard types."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from nettfin.server.kit.errors import ApiError
from nettfin.server.sales.models import SalesOrderType
from nettfin.server.sales.orders import enter_order, open_quantity
from tests.sales_factories import add_trading_company


def test_every_company_has_the_standard_order_types(tenant):
    with tenant.database.reading() as session:
        types = session.scalars(
            select(SalesOrderType).where(SalesOrderType.company_id == tenant.company_id).order_by(SalesOrderType.id)
        ).all()
        assert [(t.order_type, t.requires_shipment) for t in types] == [
            ("SO", True),
            ("IN", False),
            ("CS", False),
            ("QT", False),
            ("RC", True),
            ("CR", False),
        ]


def test_an_order_entered_with_lines_takes_item_prices_and_computes_vat_and_totals(tenant):
    add_trading_company(tenant)
    changes = {
        "orderType": "SO",
        "customer": "10000",
        "lines": [
            {"inventoryNumber": "VARE", "quantity": Decimal(2)},
            {"inventoryNumber": "BOK", "quantity": Decimal(1), "unitPrice": Decimal(100), "discountPercent": 10},
        ],
    }
    with tenant.database.writing() as session:
        order, ignored = enter_order(session, tenant.company_id, changes)
        assert (order.order_nbr, order.status, ignored) == ("000001", "Open", [])
        first, second = order.lines
        assert (first.unit_price, first.amount, open_quantity(first)) == (Decimal(250), Decimal(500), Decimal(2))
        assert (second.ext_price, second.discount_amount, second.amount) == (Decimal(100), Decimal(10), Decimal(90))
        # Zone 01: category 03 at 25 %, category 33 (books) at 6 %.
        assert order.line_total == Decimal(590)
        assert order.tax_total == Decimal("130.40")
        assert order.order_total == Decimal("720.40")


def test_an_order_of_an_unknown_type_is_refused(tenant):
    add_trading_company(tenant)
    with pytest.raises(ApiError) as refused, tenant.database.writing() as session:
        enter_order(session, tenant.company_id, {"orderType": "ZZ", "customer": "10000"})
    assert "Order type 'ZZ' cannot be found in the system." in str(refused.value)
