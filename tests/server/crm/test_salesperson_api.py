"""Sales persons (AR205000, `/v1/salesperson`, `/v2/salesperson`, `/customer/{cd}/salespersons`): the customers
each serves with the commission there, and the commission a sale earns; through the app on both databases,
validated against the real SalesPerson, SalesPersonV2 and Customer documents."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from nettfin.server.crm.models import SalesPerson
from nettfin.server.crm.salespersons import commission_for
from nettfin.server.receivables.models import Customer
from tests.party_factories import add_gl_accounts, assert_real

from .conftest import wrapped


def _people(tenant) -> int:
    with tenant.database.reading() as session:
        return session.scalar(select(func.count(SalesPerson.id)).where(SalesPerson.company_id == tenant.company_id))


def _commission(tenant, code: str, number: str, location: str | None = None) -> Decimal | None:
    with tenant.database.reading() as session:
        customer = session.scalars(
            select(Customer).where(Customer.company_id == tenant.company_id, Customer.number == number)
        ).one()
        return commission_for(session, tenant.company_id, code, customer.id, location)


def test_a_sales_person_serves_customers_at_their_own_commission(accounts):
    add_gl_accounts(accounts, {}, subaccounts=("1-000",))
    accounts.post("/location", wrapped(baccountId=accounts.customer, locationId="BERGEN"))
    body = wrapped(salespersonID="SP01", name="Siri Salg", commissionPct=5, salesSub="1-000")
    body["customers"] = [
        {"customerID": {"value": accounts.customer}, "commissionPct": {"value": 7.5}},
        {"operation": "Insert", "customerID": {"value": accounts.customer}, "locationID": {"value": "BERGEN"}},
    ]
    response = accounts.post("/salesperson", body)
    assert response.status_code == 201, response.text
    assert response.headers["Location"].endswith("/v1/salesperson/SP01")
    found = accounts.get("/salesperson/SP01")
    person = found.json()
    assert_real(person, "salesperson", "SalesPersonDto")
    assert (person["name"], person["isActive"], person["commissionPct"]) == ("Siri Salg", True, 5)
    assert person["salesSub"]["id"] == "1-000"
    assert [
        (c["customerName"], c.get("locationName"), c["commisionPct"], c["isDefault"]) for c in person["customers"]
    ] == [
        ("Kunde AS", "Primary location", 7.5, True),
        ("Kunde AS", None, 5, False),
    ]
    assert _commission(accounts, "SP01", accounts.customer) == Decimal("7.5")
    assert _commission(accounts, "SP01", accounts.customer, "bergen") == Decimal(5)
    assert _commission(accounts, "NOBODY", accounts.customer) is None
    # The customer's sales persons.
    mine = accounts.get(f"/customer/{accounts.customer}/salespersons").json()
    for element in mine:
        assert_real(element, "customer", "CustSalesPersonsDto")
    assert [(e["salePersonID"], e["locationID"], e["commisionPct"]) for e in mine] == [
        ("SP01", "MAIN", 7.5),
        ("SP01", "BERGEN", 5),
    ]
    # Update the commission at MAIN, remove BERGEN.
    update = {
        "customers": [
            {"operation": "Update", "customerID": {"value": accounts.customer}, "commissionPct": {"value": 10}},
            {"operation": "Delete", "customerID": {"value": accounts.customer}, "locationID": {"value": "BERGEN"}},
        ]
    }
    response = accounts.put("/salesperson/SP01", update, headers={"If-Match": found.headers["ETag"]})
    assert response.status_code == 204, response.text
    assert _commission(accounts, "SP01", accounts.customer) == Decimal(10)
    assert len(accounts.get("/salesperson/SP01").json()["customers"]) == 1


def test_the_two_lists(accounts):
    for code, name in (("SP02", "Bjørn"), ("SP01", "Anne")):
        assert accounts.post("/salesperson", wrapped(salespersonID=code, name=name)).status_code == 201
    page = accounts.get("/salesperson", params={"pageSize": 1}).json()
    assert_real(page, "salesperson", "BasePaginationDtoOfSalesPersonDto")
    assert (page["pageNumber"], page["pageSize"], page["totalCount"]) == (1, 1, 2)
    assert [r["salespersonID"] for r in page["records"]] == ["SP01"]
    listed = accounts.get("/salesperson", params={"name": "Bjørn"}).json()
    assert [r["salespersonID"] for r in listed["records"]] == ["SP02"]
    v2 = accounts.client.get(
        "/v2/salesperson", headers=accounts.headers, params={"pageNumber": 2, "pageSize": 1}
    ).json()
    assert [e["salespersonID"] for e in v2] == ["SP02"]
    assert v2[0]["metadata"]["totalCount"] == 2
    for element in v2:
        assert_real(element, "salespersonv2", "SalesPersonDto")
    one = accounts.client.get("/v2/salesperson/SP01", headers=accounts.headers)
    assert one.status_code == 200 and one.json()["name"] == "Anne"


def test_bad_sales_persons_are_refused_and_nothing_is_written(accounts):
    assert accounts.post("/salesperson", wrapped(salespersonID="SP01", name="Anne")).status_code == 201
    before = _people(accounts)
    response = accounts.post("/salesperson", wrapped(salespersonID="SP01", name="Again"))
    assert response.status_code == 400
    assert "'Salesperson ID' 'SP01' already exists" in response.json()["message"]
    body = wrapped(salespersonID="SP09", commissionPct=120)
    body["customers"] = [{"customerID": {"value": "NOPE"}}]
    message = accounts.post("/salesperson", body).json()["message"]
    assert "'Name' cannot be empty." in message
    assert "'Commission %' must be between 0 and 100" in message
    assert "customers[0]: Customer 'NOPE' cannot be found in the system." in message
    response = accounts.post(
        "/salesperson", {**wrapped(salespersonID="SP08", name="X"), "customers": [{"operation": "Upsert"}]}
    )
    assert response.status_code == 400 and "operation" in response.json()["message"]
    assert _people(accounts) == before
    assert accounts.get("/salesperson/NOPE").status_code == 404
    assert accounts.get("/customer/NOPE/salespersons").status_code == 404
