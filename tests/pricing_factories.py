"""Test data for prices and discounts: discount codes (which the API only reads) and what a series applies to
(which the write DTO does not carry) go straight into the database; what a test is about goes through the API."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from nettfin.server.inventory.models import InventoryItem
from nettfin.server.kit.changes import bump_version
from nettfin.server.pricing.models import DiscountBreakpoint, DiscountCode, DiscountSeries, DiscountTarget, SalesPrice
from nettfin.server.receivables.models import Customer
from tests.conftest import Tenant
from tests.sales_factories import add_trading_company


def add_discount_code(
    tenant: Tenant, code: str, applicable_to: str = "CustomerAndItem", *, discount_type: str = "Line", manual=False
) -> None:
    with tenant.database.writing() as session:
        session.add(
            DiscountCode(
                company_id=tenant.company_id,
                code=code,
                description=f"{code} discount",
                discount_type=discount_type,
                applicable_to=applicable_to,
                manual=manual,
            )
        )
        bump_version(session, company_id=tenant.company_id, resource="discountCode")


def add_targets(tenant: Tenant, code: str, series: str, *, customers=(), items=()) -> None:
    """The customers and items (by number) a series applies to."""
    with tenant.database.writing() as session:
        company_id = tenant.company_id
        record = session.scalars(
            select(DiscountSeries)
            .join(DiscountCode, DiscountSeries.code_id == DiscountCode.id)
            .where(DiscountSeries.company_id == company_id, DiscountCode.code == code, DiscountSeries.series == series)
        ).one()
        for number in customers:
            found = session.scalars(
                select(Customer).where(Customer.company_id == company_id, Customer.number == number)
            ).one()
            record.targets.append(DiscountTarget(company_id=company_id, kind="Customer", customer=found))
        for number in items:
            found = session.scalars(
                select(InventoryItem).where(InventoryItem.company_id == company_id, InventoryItem.number == number)
            ).one()
            record.targets.append(DiscountTarget(company_id=company_id, kind="Item", item=found))
        bump_version(session, company_id=company_id, resource="discount")


def price_body(item: str = "VARE", price="200", **extra) -> dict:
    body = {"inventoryId": {"value": item}, "price": {"value": price}}
    body.update({key: {"value": value} for key, value in extra.items()})
    return body


def series_body(code: str = "VOLUM", series: str = "S1", breaks=((1, 5), (10, 10)), **extra) -> dict:
    """A percent series breaking by quantity: (pending break quantity, pending percent) per breakpoint."""
    body = {
        "discountCode": {"value": code},
        "series": {"value": series},
        "description": {"value": "Volume discount"},
        "discountBy": {"value": "Percent"},
        "breakBy": {"value": "Quantity"},
        "discountBreakpoints": [
            {
                "operation": "Insert",
                "pendingBreakQuantity": {"value": quantity},
                "pendingDiscountPercent": {"value": percent},
            }
            for quantity, percent in breaks
        ],
    }
    body.update({key: {"value": value} for key, value in extra.items()})
    return body


def add_pricing_records(tenant: Tenant) -> None:
    """A base price of the company's first item, the line discount code VOLUM and its series S1 (5 % from 1 unit)
    for the first customer and item: a record of every pricing resource."""
    company_id = tenant.company_id
    with tenant.database.writing() as session:
        item = session.scalars(
            select(InventoryItem).where(InventoryItem.company_id == company_id).order_by(InventoryItem.id)
        ).first()
        customer = session.scalars(
            select(Customer).where(Customer.company_id == company_id).order_by(Customer.id)
        ).first()
        session.add(
            SalesPrice(
                company_id=company_id,
                record_id=1,
                item=item,
                uom=item.sales_unit,
                price=Decimal("100"),
                currency_id="NOK",
            )
        )
        code = DiscountCode(company_id=company_id, code="VOLUM", applicable_to="CustomerAndItem")
        session.add(
            DiscountSeries(
                company_id=company_id,
                code=code,
                series="S1",
                breakpoints=[
                    DiscountBreakpoint(
                        company_id=company_id, line_nbr=1, break_quantity=Decimal(1), discount_percent=Decimal(5)
                    )
                ],
                targets=[
                    DiscountTarget(company_id=company_id, kind="Customer", customer=customer),
                    DiscountTarget(company_id=company_id, kind="Item", item=item),
                ],
            )
        )
        for resource in ("customerSalesPrice", "discountCode", "discount"):
            bump_version(session, company_id=company_id, resource=resource)


def add_priced_company(tenant: Tenant) -> None:
    """The trading company with VARE's prices (base 230; customer 10000's 210, and 190 from 10 pieces) and the
    line discount VOLUM for 10000 and VARE (5 % from 1 piece, 10 % from 10)."""
    add_trading_company(tenant)
    assert tenant.post("/customerSalesPrice", price_body(price="230")).status_code == 201
    assert (
        tenant.post("/customerSalesPrice", price_body(price="210", priceType="Customer", priceCode="10000")).status_code
        == 201
    )
    assert (
        tenant.post(
            "/customerSalesPrice", price_body(price="190", priceType="Customer", priceCode="10000", breakQty=10)
        ).status_code
        == 201
    )
    add_discount_code(tenant, "VOLUM")
    assert tenant.post("/discount", series_body()).status_code == 201
    assert tenant.post("/discount/VOLUM/S1/2020-01-01/action/updateDiscounts").status_code == 204
    add_targets(tenant, "VOLUM", "S1", customers=["10000"], items=["VARE"])
