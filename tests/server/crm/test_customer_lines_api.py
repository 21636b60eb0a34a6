"""A customer's direct debit mandates (`directDebitLines`) and sales persons (`salesPersons`) written with the
customer's own POST and PUT, kept by crm: through the app on both databases, validated against the real Customer
document."""

from __future__ import annotations

from sqlalchemy import func, select

from nettfin.server.crm.models import DirectDebitMandate, SalesPersonCustomer
from nettfin.server.receivables.models import Customer
from tests.factories import minimal_customer, new_number
from tests.party_factories import assert_real

from .conftest import wrapped


def _sales_person(tenant, code: str, pct: float = 5) -> None:
    response = tenant.post("/salesperson", wrapped(salespersonID=code, name=f"Selger {code}", commissionPct=pct))
    assert response.status_code == 201, response.text


def _count(tenant, model) -> int:
    with tenant.database.reading() as session:
        return session.scalar(
            select(func.count(model.id)).join(Customer).where(Customer.company_id == tenant.company_id)
        )


def _customers(tenant) -> int:
    with tenant.database.reading() as session:
        return session.scalar(select(func.count(Customer.id)).where(Customer.company_id == tenant.company_id))


def _mandate(mandate_id: str, **members) -> dict:
    return {"mandateId": {"value": mandate_id}, **wrapped(**members)}


def test_a_new_customer_comes_with_its_mandates_and_sales_persons(accounts):
    _sales_person(accounts, "SP01")
    _sales_person(accounts, "SP02", 3)
    body = minimal_customer("Debet AS")
    body["directDebitLines"] = [
        _mandate("M-1", iban="NO9386011117947", isDefault=True),
        {"operation": "Insert", **_mandate("M-2", bic="DNBANOKK", maxAmount=5000, dateOfSignature="2026-01-05")},
    ]
    body["salesPersons"] = [
        {"salesPersonID": {"value": "SP01"}, "commissionPct": {"value": 7.5}},
        {"operation": "Insert", "salesPersonID": {"value": "SP02"}},
    ]
    response = accounts.post("/customer", body)
    assert response.status_code == 201, response.text
    number = new_number(response)

    customer = accounts.get(f"/customer/{number}").json()
    assert_real(customer, "customer", "CustomerDto")
    lines = customer["directDebitLines"]
    assert [(m["mandateId"], m["isDefault"]) for m in lines] == [("M-1", True), ("M-2", False)]
    assert (lines[1]["bic"], lines[1]["maxAmount"], lines[1]["dateOfSignature"][:10]) == (
        "DNBANOKK",
        5000,
        "2026-01-05",
    )
    assert accounts.get(f"/customer/{number}/directdebit").json() == lines
    # A list has them only when asked.
    listed = accounts.get("/customer", params={"name": "Debet"}).json()
    assert [c["number"] for c in listed] == [number] and "directDebitLines" not in listed[0]
    expanded = accounts.get("/customer", params={"name": "Debet", "expandDirectDebit": True}).json()
    assert [m["mandateId"] for m in expanded[0]["directDebitLines"]] == ["M-1", "M-2"]

    served = accounts.get(f"/customer/{number}/salespersons").json()
    assert [(s["salePersonID"], s["locationID"], s["commisionPct"], s["isDefault"]) for s in served] == [
        ("SP01", "MAIN", 7.5, True),
        ("SP02", "MAIN", 3, False),
    ]
    # The sales person's side shows the same pairing.
    person = accounts.get("/salesperson/SP01").json()
    assert [c["customerName"] for c in person["customers"]] == ["Debet AS"]


def test_a_customer_put_updates_and_deletes_its_lines(accounts):
    _sales_person(accounts, "SP01")
    _sales_person(accounts, "SP02")
    number = accounts.customer
    put = accounts.put(
        f"/customer/{number}",
        {
            "directDebitLines": [_mandate("M-1"), _mandate("M-2")],
            "salesPersons": [{"salesPersonID": {"value": "SP01"}}, {"salesPersonID": {"value": "SP02"}}],
        },
    )
    assert put.status_code == 204, put.text
    first, second = accounts.get(f"/customer/{number}").json()["directDebitLines"]

    put = accounts.put(
        f"/customer/{number}",
        {
            "directDebitLines": [
                {"operation": "Update", "id": second["id"], **wrapped(isDefault=True, iban="NO9386011117948")},
                {"operation": "Delete", "id": first["id"]},
            ],
            "salesPersons": [
                {"operation": "Update", "salesPersonID": {"value": "SP02"}, **wrapped(isDefault=True, commissionPct=9)},
                {"operation": "Delete", "salesPersonID": {"value": "SP01"}, "locationID": {"value": "MAIN"}},
            ],
        },
    )
    assert put.status_code == 204, put.text
    lines = accounts.get(f"/customer/{number}").json()["directDebitLines"]
    assert [(m["id"], m["mandateId"], m["isDefault"], m["iban"]) for m in lines] == [
        (second["id"], "M-2", True, "NO9386011117948")
    ]
    served = accounts.get(f"/customer/{number}/salespersons").json()
    assert [(s["salePersonID"], s["commisionPct"], s["isDefault"]) for s in served] == [("SP02", 9, True)]
    assert accounts.get("/salesperson/SP01").json().get("customers", []) == []


def test_bad_lines_are_refused_naming_the_field_and_nothing_is_written(accounts):
    _sales_person(accounts, "SP01")
    customers, mandates, served = (
        _customers(accounts),
        _count(accounts, DirectDebitMandate),
        _count(accounts, SalesPersonCustomer),
    )
    body = minimal_customer("Aldri AS")
    body["directDebitLines"] = [_mandate("M-1"), {"iban": {"value": "NO93"}}]
    body["salesPersons"] = [{"salesPersonID": {"value": "SP01"}}, {"salesPersonID": {"value": "NOPE"}}]
    response = accounts.post("/customer", body)
    assert response.status_code == 400, response.text
    message = response.json()["message"]
    assert "directDebitLines[1]: 'Mandate ID' cannot be empty." in message
    assert "salesPersons[1]: Salesperson 'NOPE' cannot be found in the system." in message
    assert (_customers(accounts), _count(accounts, DirectDebitMandate), _count(accounts, SalesPersonCustomer)) == (
        customers,
        mandates,
        served,
    )

    # On an update, the customer's own members are not written either.
    number = accounts.customer
    before = accounts.get(f"/customer/{number}").json()
    response = accounts.put(
        f"/customer/{number}",
        {
            "name": {"value": "Nytt navn AS"},
            "salesPersons": [
                {"salesPersonID": {"value": "SP01"}, "locationID": {"value": "NOWHERE"}},
                {"operation": "Update", "salesPersonID": {"value": "SP01"}},
                {"commissionPct": {"value": 5}},
                {"salesPersonID": {"value": "SP01"}, "commissionPct": {"value": 120}},
            ],
            "directDebitLines": [
                {"operation": "Delete"},
                {"operation": "Update", "id": "00000000-0000-0000-0000-0000000000aa"},
            ],
        },
    )
    assert response.status_code == 400, response.text
    message = response.json()["message"]
    assert f"salesPersons[0]: Location '{number}/NOWHERE' cannot be found in the system." in message
    assert (
        "salesPersons[1]: Salesperson 'SP01' at location 'MAIN' is not among the customer's sales persons." in message
    )
    assert "salesPersons[2]: 'Salesperson ID' cannot be empty." in message
    assert "salesPersons[3]: 'Commission %' must be between 0 and 100" in message
    assert "directDebitLines[0]: 'id' cannot be empty" in message
    assert "directDebitLines[1]: Direct debit mandate '00000000-0000-0000-0000-0000000000aa' is not among" in message
    after = accounts.get(f"/customer/{number}").json()
    assert after["name"] == before["name"] == "Kunde AS"
    assert _count(accounts, SalesPersonCustomer) == served
