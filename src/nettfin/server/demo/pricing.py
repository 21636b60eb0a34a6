"""The demo's sales prices and discounts: a base price list for the office chair 1001 and the desk 1002 (with a
price from 10 chairs), customer 10001's own chair price and a promotional spring price, the line discount code
VOLUM (customer and item) with series S1 breaking by quantity (5 % from 5 chairs, 10 % from 20, a pending 12 %
from 1 July), the manual code KAMPANJE (unconditional, 15 % from one unit, for lines that name it) and the
document discount code ORDRE. Every row is stamped with a fixed moment, so two seeds are the same."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..inventory.models import InventoryItem
from ..kit.changes import bump_version
from ..pricing.models import DiscountBreakpoint, DiscountCode, DiscountSeries, DiscountTarget, SalesPrice
from ..receivables.models import Customer
from .timeline import DEMO_YEAR, moment

# (price type, customer, item, break quantity, price, promotion, effective, expiration)
_PRICES = [
    ("Base", None, "1001", "0", "2490.00", False, date(DEMO_YEAR, 1, 1), None),
    ("Base", None, "1001", "10", "2290.00", False, date(DEMO_YEAR, 1, 1), None),
    ("Base", None, "1002", "0", "4990.00", False, date(DEMO_YEAR, 1, 1), None),
    ("Customer", "10001", "1001", "0", "2350.00", False, date(DEMO_YEAR, 1, 1), None),
    ("Base", None, "1001", "0", "1990.00", True, date(DEMO_YEAR, 3, 1), date(DEMO_YEAR, 4, 30)),
]


def seed_pricing(session: Session, company_id: int) -> None:
    items = {i.number: i for i in session.scalars(select(InventoryItem).where(InventoryItem.company_id == company_id))}
    customer = session.scalars(
        select(Customer).where(Customer.company_id == company_id, Customer.number == "10001")
    ).one()
    stamp = moment(date(DEMO_YEAR, 1, 2))
    stamps = {"created_at": stamp, "last_modified_at": stamp}
    for number, (kind, party, item, quantity, price, promotion, start, end) in enumerate(_PRICES, start=1):
        session.add(
            SalesPrice(
                company_id=company_id,
                record_id=number,
                price_type=kind,
                customer=customer if party else None,
                item=items[item],
                uom=items[item].sales_unit,
                promotion=promotion,
                break_qty=Decimal(quantity),
                price=Decimal(price),
                currency_id="NOK",
                effective_date=start,
                expiration_date=end,
                **stamps,
            )
        )
    volum = DiscountCode(
        company_id=company_id, code="VOLUM", description="Volumrabatt", applicable_to="CustomerAndItem", **stamps
    )
    campaign = DiscountCode(
        company_id=company_id,
        code="KAMPANJE",
        description="Kampanjerabatt",
        applicable_to="Unconditional",
        manual=True,
        **stamps,
    )
    order = DiscountCode(
        company_id=company_id,
        code="ORDRE",
        description="Ordrerabatt",
        discount_type="Document",
        applicable_to="Unconditional",
        **stamps,
    )
    session.add_all([volum, campaign, order])
    effective = date(DEMO_YEAR, 1, 1)
    s1 = DiscountSeries(
        company_id=company_id,
        code=volum,
        series="S1",
        description="Stoler i volum",
        last_update_date=stamp,
        breakpoints=[
            _breakpoint(company_id, 1, "5", "5", effective),
            _breakpoint(company_id, 2, "20", "10", effective, pending=("12", date(DEMO_YEAR, 7, 1))),
        ],
        targets=[
            DiscountTarget(company_id=company_id, kind="Customer", customer=customer),
            DiscountTarget(company_id=company_id, kind="Item", item=items["1001"]),
        ],
        **stamps,
    )
    spring = DiscountSeries(
        company_id=company_id,
        code=campaign,
        series="VAR",
        description="Vårkampanje",
        promotional=True,
        effective_date=date(DEMO_YEAR, 3, 1),
        expiration_date=date(DEMO_YEAR, 5, 31),
        last_update_date=stamp,
        breakpoints=[_breakpoint(company_id, 1, "1", "15", effective)],
        **stamps,
    )
    session.add_all([s1, spring])
    for resource in ("customerSalesPrice", "discountCode", "discount"):
        bump_version(session, company_id=company_id, resource=resource)


def _breakpoint(company_id, number, quantity, percent, effective, pending=None) -> DiscountBreakpoint:
    return DiscountBreakpoint(
        company_id=company_id,
        line_nbr=number,
        break_quantity=Decimal(quantity),
        break_amount=Decimal(0),
        discount_percent=Decimal(percent),
        discount_amount=Decimal(0),
        effective_date=effective,
        pending_discount_percent=Decimal(pending[0]) if pending else None,
        pending_date=pending[1] if pending else None,
    )
