"""Changing a record's key by its internal id (`changeCustomerCd`, `changeEmployeeCd`, `changeInventoryNbr`):
the record answers to its new key only, what refers to it follows (it holds the row id), and a key that is empty,
too long or taken is refused with nothing changed. The answers are the real action result DTOs."""

from __future__ import annotations

import pytest

from tests.factories import insert_customers, new_number
from tests.party_factories import (
    add_employee_reference_data,
    add_inventory_reference_data,
    assert_real,
    insert_employees,
    insert_items,
)
from tests.sales_factories import add_trading_company, invoice_body


def change(tenant, path: str, internal: int | str, body: dict, **headers):
    return tenant.post(f"{path}/action/{internal}", body, headers=headers)


def test_a_customer_gets_a_new_number_and_its_invoices_follow(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/customerinvoice", invoice_body()))
    customer = tenant.get("/customer/10000")
    internal, etag = customer.json()["internalId"], customer.headers["ETag"]
    response = change(
        tenant, "/customer", f"changeCustomerCd/{internal}", {"customerCd": "K-10000"}, **{"If-Match": etag}
    )
    assert response.status_code == 200, response.text
    assert_real(response.json(), "customer", "ChangeCustomerCdActionResultDto")
    assert response.headers["ETag"] != etag
    assert tenant.get("/customer/10000").status_code == 404
    assert tenant.get("/customer/K-10000").json()["internalId"] == internal
    assert tenant.get(f"/customerinvoice/{number}").json()["customer"]["number"] == "K-10000"
    assert tenant.get(f"/customer/internal/{internal}").json()["number"] == "K-10000"


def test_a_taken_empty_or_stale_key_change_is_refused_and_changes_nothing(tenant):
    insert_customers(tenant, 2)
    first, second = tenant.get("/customer").json()
    path = f"changeCustomerCd/{first['internalId']}"
    taken = change(tenant, "/customer", path, {"customerCd": second["number"]})
    assert taken.status_code == 400
    assert f"'Customer ID' '{second['number']}' already exists; choose another." in taken.json()["message"]
    empty = change(tenant, "/customer", path, {"customerCd": " "})
    assert empty.status_code == 400 and "'Customer ID' cannot be empty." in empty.json()["message"]
    long = change(tenant, "/customer", path, {"customerCd": "X" * 200})
    assert long.status_code == 400
    stale = change(tenant, "/customer", path, {"customerCd": "NEW"}, **{"If-Match": '"c3RhbGU="'})
    assert stale.status_code == 412
    assert change(tenant, "/customer", "changeCustomerCd/999999", {"customerCd": "NEW"}).status_code == 404
    assert change(tenant, "/customer", "changeCustomerCd/x", {"customerCd": "NEW"}).status_code == 404
    assert [c["number"] for c in tenant.get("/customer").json()] == [first["number"], second["number"]]


@pytest.mark.parametrize(
    ("path", "action", "field", "internal_member", "document", "result"),
    [
        ("/employee", "changeEmployeeCd", "employeeNr", "employeeId", "employee", "ChangeEmployeeNrActionResultDto"),
        (
            "/inventory",
            "changeInventoryNbr",
            "inventoryNbr",
            "inventoryId",
            "inventory",
            "ChangeInventoryNbrActionResultDto",
        ),
    ],
)
def test_employees_and_items_get_new_keys_the_same_way(tenant, path, action, field, internal_member, document, result):
    if path == "/employee":
        add_employee_reference_data(tenant)
        (old,) = insert_employees(tenant, 1)
    else:
        add_inventory_reference_data(tenant)
        (old,) = insert_items(tenant, 1)
    internal = tenant.get(f"{path}/{old}").json()[internal_member]
    response = change(tenant, path, f"{action}/{internal}", {field: "RENAMED"})
    assert response.status_code == 200, response.text
    assert_real(response.json(), document, result)
    assert tenant.get(f"{path}/{old}").status_code == 404
    assert tenant.get(f"{path}/RENAMED").json()[internal_member] == internal
