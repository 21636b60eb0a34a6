"""Supplier locations (AP303010, `/supplierlocation`): every supplier's default location MAIN, made with it;
creating, reading, listing and updating locations, through the app on both databases, validated against the
real SupplierLocation document's `SupplierLocationDto`."""

from __future__ import annotations

import pytest

from tests.factories import new_number
from tests.party_factories import add_supplier_reference_data, assert_real, minimal_supplier

DOCUMENT = "supplierlocation"


@pytest.fixture
def supplier(tenant):
    add_supplier_reference_data(tenant)
    body = minimal_supplier(vatRegistrationId={"value": "NO999888777MVA"}, corporateId={"value": "999888777"})
    number = new_number(tenant.post("/supplier", body))
    tenant.number = number
    return tenant


def location_body(**members) -> dict:
    return {name: {"value": value} for name, value in members.items()}


def branch_address() -> dict:
    members = {"addressLine1": "Lagerveien 1", "postalCode": "5003", "city": "Bergen", "countryId": "NO"}
    return {"value": {name: {"value": value} for name, value in members.items()}}


def test_a_new_supplier_has_its_default_location_with_its_own_address_and_registration(supplier):
    response = supplier.get(f"/supplierlocation/{supplier.number}/MAIN")
    assert response.status_code == 200, response.text
    body = response.json()
    assert_real(body, DOCUMENT, "SupplierLocationDto")
    assert response.headers["ETag"].strip('"') == body["timeStamp"]
    assert body["baccount"]["number"] == supplier.number
    assert (body["locationId"], body["locationName"], body["active"]) == ("MAIN", "Primary location", True)
    assert body["address"]["addressLine1"] == "Testroad 5"
    assert body["address"]["country"] == {"id": "NO", "name": "Norway"}
    assert body["vatRegistrationId"] == "NO999888777MVA"
    assert body["corporateId"] == "999888777"
    assert body["vatZone"]["id"] == "01"


def test_create_a_location_then_read_it_back_in_both_lists(supplier):
    body = location_body(
        baccountId=supplier.number, locationId="lager", locationName="Lager Bergen", gln="7080000000001"
    )
    body["address"] = branch_address()
    response = supplier.post("/supplierlocation", body)
    assert response.status_code == 201, response.text
    assert response.headers["Location"].endswith(f"/v1/supplierlocation/{supplier.number}/LAGER")
    found = supplier.get(f"/supplierlocation/{supplier.number}/LAGER").json()
    assert_real(found, DOCUMENT, "SupplierLocationDto")
    assert (found["locationName"], found["gln"]) == ("Lager Bergen", "7080000000001")
    assert found["address"]["city"] == "Bergen"
    # The supplier's own registration is the default location's, not another location's.
    assert "vatRegistrationId" not in found
    listed = supplier.get(f"/supplierlocation/{supplier.number}").json()
    assert [item["locationId"] for item in listed] == ["MAIN", "LAGER"]
    for item in listed:
        assert_real(item, DOCUMENT, "SupplierLocationDto")
        assert item["metadata"] == {"totalCount": 2, "maxPageSize": 1000}
    assert [i["locationId"] for i in supplier.get("/supplierlocation", params={"gln": "7080000000001"}).json()] == [
        "LAGER"
    ]
    assert [i["locationId"] for i in supplier.get("/supplierlocation", params={"locationId": "main"}).json()] == [
        "MAIN"
    ]


def test_update_patches_the_location_and_checks_if_match(supplier):
    path = f"/supplierlocation/{supplier.number}/MAIN"
    etag = supplier.get(path).headers["ETag"]
    response = supplier.put(path, location_body(locationName="Hovedkontor", ediCode="EDI1"), headers={"If-Match": etag})
    assert response.status_code == 204, response.text
    assert response.headers["ETag"] != etag
    stale = supplier.put(path, location_body(locationName="Stale"), headers={"If-Match": etag})
    assert stale.status_code == 412
    body = supplier.get(path).json()
    assert (body["locationName"], body["ediCode"]) == ("Hovedkontor", "EDI1")


def test_the_default_locations_registration_is_the_suppliers(supplier):
    path = f"/supplierlocation/{supplier.number}/MAIN"
    response = supplier.put(path, location_body(vatRegistrationId="NO111222333MVA", vatZone="02"))
    assert response.status_code == 204, response.text
    read = supplier.get(f"/supplier/{supplier.number}").json()
    assert read["vatRegistrationId"] == "NO111222333MVA"
    assert read["vatZone"]["id"] == "02"


def test_an_own_address_stops_following_the_suppliers_until_same_as_main_again(supplier):
    created = supplier.post(
        "/supplierlocation", {**location_body(baccountId=supplier.number, locationId="L2"), "address": branch_address()}
    )
    assert created.status_code == 201, created.text
    path = f"/supplierlocation/{supplier.number}/L2"
    assert supplier.get(path).json()["address"]["city"] == "Bergen"
    assert supplier.put(path, location_body(addressIsSameAsMain=True)).status_code == 204
    assert supplier.get(path).json()["address"]["city"] == "OSLO"


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"locationId": "X1"}, "'Supplier' cannot be empty."),
        ({"baccountId": "NOPE", "locationId": "X1"}, "Supplier 'NOPE' cannot be found in the system."),
        ({"baccountId": None, "locationId": ""}, "'Location ID' cannot be empty."),
        ({"baccountId": None, "locationId": "MAIN"}, "'Location ID' 'MAIN' already exists; choose another."),
        ({"baccountId": None, "locationId": "TOOLONGLOCATION"}, "Location ID"),
        ({"baccountId": None, "locationId": "X1", "vatZone": "99"}, "VAT zone '99' cannot be found in the system."),
    ],
)
def test_a_bad_create_is_refused_with_the_problem_and_writes_nothing(supplier, body, problem):
    if body.get("baccountId", "") is None:
        body["baccountId"] = supplier.number
    before = supplier.get(f"/supplierlocation/{supplier.number}").json()
    response = supplier.post("/supplierlocation", location_body(**body))
    assert response.status_code == 400, response.text
    assert problem in response.json()["message"]
    assert "Error inserting the location." in response.json()["message"]
    assert supplier.get(f"/supplierlocation/{supplier.number}").json() == before


def test_the_default_location_cannot_be_deactivated(supplier):
    response = supplier.put(f"/supplierlocation/{supplier.number}/MAIN", location_body(active=False))
    assert response.status_code == 400
    assert "cannot be deactivated" in response.json()["message"]
    assert supplier.get(f"/supplierlocation/{supplier.number}/MAIN").json()["active"] is True


def test_unknown_supplier_or_location_is_404(supplier):
    assert supplier.get("/supplierlocation/NOPE").status_code == 404
    response = supplier.get(f"/supplierlocation/{supplier.number}/NOPE")
    assert response.status_code == 404
    assert response.json()["message"].endswith(f"Location '{supplier.number}/NOPE' not found.")
    assert supplier.put(f"/supplierlocation/{supplier.number}/NOPE", location_body(gln="1")).status_code == 404


def test_key_changes_in_an_update_are_ignored_and_named(supplier):
    response = supplier.put(f"/supplierlocation/{supplier.number}/MAIN", location_body(locationId="OTHER"))
    assert response.status_code == 204
    assert "locationId" in response.headers["X-Nettfin-Ignored-Fields"]
    assert supplier.get(f"/supplierlocation/{supplier.number}/MAIN").status_code == 200
