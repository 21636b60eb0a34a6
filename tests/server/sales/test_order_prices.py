"""Sales order lines priced as customer invoice lines are (`pricing.line_prices`): the customer's price from the
price lists and the line discount from the discounts, a price or discount the client gives kept, a discount code
that does not apply refused naming it."""

from __future__ import annotations

from sqlalchemy import func, select

from nettfin.server.sales.models import SalesOrder
from tests.factories import new_number
from tests.pricing_factories import add_discount_code, add_priced_company


def _line(item: str, quantity, **members) -> dict:
    line = {"operation": "Insert", "inventoryNumber": {"value": item}, "quantity": {"value": quantity}}
    return line | {key: {"value": value} for key, value in members.items()}


def _order(customer: str, *lines: dict) -> dict:
    return {
        "orderType": {"value": "SO"},
        "date": {"value": "2020-03-02"},
        "customer": {"value": customer},
        "lines": list(lines),
    }


def _orders(tenant) -> int:
    with tenant.database.reading() as session:
        return session.scalar(select(func.count(SalesOrder.id)).where(SalesOrder.company_id == tenant.company_id))


def _priced(line: dict) -> tuple:
    """(unit price, discount %, discount code, amount: ext. price less the discount)."""
    amount = round(line["extPrice"] - line.get("discountAmount", 0), 2)
    return (line["unitPrice"], line.get("discountPercent"), line.get("discountCode"), amount)


def test_an_order_line_gets_the_customers_price_and_line_discount(tenant):
    add_priced_company(tenant)
    body = _order(
        "10000",
        _line("VARE", 2),
        _line("VARE", 12),
        _line("BOK", 1),
        _line("VARE", 1, unitPrice=99),
        _line("VARE", 1, discountPercent=2),
    )
    number = new_number(tenant.post("/salesorder", body))
    lines = tenant.get(f"/salesorder/{number}").json()["lines"]
    assert [_priced(line) for line in lines] == [
        (210, 5, "VOLUM", 399),
        (190, 10, "VOLUM", 2052),
        (199, 0, None, 199),
        (99, 5, "VOLUM", 94.05),
        (210, 2, None, 205.8),
    ]
    # Another customer gets the base price and no discount; a quantity changed later prices the line again.
    other = new_number(tenant.post("/salesorder", _order("20000", _line("VARE", 1))))
    (line,) = tenant.get(f"/salesorder/{other}").json()["lines"]
    assert _priced(line) == (230, 0, None, 230)
    changed = tenant.put(
        f"/salesorder/{number}",
        {
            "orderType": {"value": "SO"},
            "lines": [{"operation": "Update", "lineNbr": {"value": 1}, "quantity": {"value": 10}}],
        },
    )
    assert changed.status_code == 204, changed.text
    first = tenant.get(f"/salesorder/{number}").json()["lines"][0]
    assert _priced(first) == (190, 10, "VOLUM", 1710)


def test_an_order_line_naming_a_discount_code_that_does_not_apply_is_refused(tenant):
    add_priced_company(tenant)
    add_discount_code(tenant, "ANNEN")
    before = _orders(tenant)
    for code, message in [
        ("VOLUM", "lines[1]: Discount code 'VOLUM' does not apply to customer '10000' and item 'BOK'"),
        ("ANNEN", "lines[1]: Discount code 'ANNEN' does not apply to customer '10000' and item 'BOK'"),
        ("NOPE", "lines[1]: Discount code 'NOPE' cannot be found in the system."),
    ]:
        refused = tenant.post("/salesorder", _order("10000", _line("VARE", 1), _line("BOK", 1, discountCode=code)))
        assert refused.status_code == 400, refused.text
        error = refused.json()
        assert list(error) == ["message"] and error["message"].startswith("VismaId: "), refused.text
        assert message in error["message"], refused.text
    assert _orders(tenant) == before
    number = new_number(tenant.post("/salesorder", _order("10000", _line("VARE", 1, discountCode="VOLUM"))))
    (line,) = tenant.get(f"/salesorder/{number}").json()["lines"]
    assert _priced(line) == (210, 5, "VOLUM", 199.5)
