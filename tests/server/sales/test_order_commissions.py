"""A sales order's commissions (`/salesorder/{type}/{nbr}/commissions` and the order's commission members): each
sales person's percentage is the one crm/'s sales persons give for the order's customer and location, else the
person's own."""

from __future__ import annotations

from tests.factories import new_number
from tests.sales_factories import add_trading_company


def _person(tenant, code: str, percent, customers=()) -> None:
    body = {
        "salespersonID": {"value": code},
        "name": {"value": f"Selger {code}"},
        "commissionPct": {"value": percent},
        "customers": [
            {"operation": "Insert", "customerID": {"value": number}, "commissionPct": {"value": pct}}
            for number, pct in customers
        ],
    }
    response = tenant.post("/salesperson", body)
    assert response.status_code == 201, response.text


def _order(customer: str, person: str, line_person: str | None = None) -> dict:
    """2 x VARE at 250 by the order's sales person, 1 x BOK at 100 less 10 % by `line_person` (else the order's)."""
    second = {
        "operation": "Insert",
        "inventoryNumber": {"value": "BOK"},
        "quantity": {"value": 1},
        "unitPrice": {"value": 100},
        "discountPercent": {"value": 10},
    }
    if line_person:
        second["salesPerson"] = {"value": line_person}
    return {
        "orderType": {"value": "SO"},
        "date": {"value": "2020-03-02"},
        "customer": {"value": customer},
        "salesPerson": {"value": person},
        "lines": [{"operation": "Insert", "inventoryNumber": {"value": "VARE"}, "quantity": {"value": 2}}, second],
    }


def _rows(tenant, number: str) -> list[tuple]:
    found = tenant.get(f"/salesorder/SO/{number}/commissions")
    assert found.status_code == 200, found.text
    return [
        (r["salesPersonId"], r["commissionPercent"], r["commissionAmount"], r["commissionableAmount"])
        for r in found.json()
    ]


def test_each_sales_person_earns_the_percentage_it_has_for_the_customer(tenant):
    add_trading_company(tenant)
    _person(tenant, "SP01", 5, customers=[("10000", 7.5)])
    _person(tenant, "SP02", 3)
    number = new_number(tenant.post("/salesorder", _order("10000", "SP01", line_person="SP02")))
    assert _rows(tenant, number) == [("SP01", 7.5, 37.5, 500), ("SP02", 3, 2.7, 90)]
    order = tenant.get(f"/salesorder/{number}").json()
    assert (order["commissionPercent"], order["commissionAmount"], order["commissionableAmount"]) == (
        "7.50",
        "37.50",
        "500.00",
    )
    # Another customer: the person's own percentage; a person the company does not keep earns nothing.
    other = new_number(tenant.post("/salesorder", _order("20000", "SP01")))
    assert _rows(tenant, other) == [("SP01", 5, 29.5, 590)]
    unknown = new_number(tenant.post("/salesorder", _order("10000", "NOBODY")))
    assert _rows(tenant, unknown) == [("NOBODY", 0, 0, 590)]
    # Changing the order's customer takes the percentage again.
    moved = tenant.put(f"/salesorder/{other}", {"orderType": {"value": "SO"}, "customer": {"value": "10000"}})
    assert moved.status_code == 204, moved.text
    assert _rows(tenant, other) == [("SP01", 7.5, 44.25, 590)]
    assert tenant.get(f"/salesorder/IN/{number}/commissions").status_code == 404
