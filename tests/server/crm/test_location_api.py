"""Locations (`/v1/location`): customers' and suppliers' locations over one table; every customer has its MAIN
location as every supplier does; through the app on both databases, validated against the real Location
document's `LocationDto`."""

from __future__ import annotations

from sqlalchemy import func, select

from nettfin.server.parties.models import PartyLocation
from tests.party_factories import assert_real

from .conftest import wrapped


def _locations(tenant) -> int:
    with tenant.database.reading() as session:
        return session.scalar(select(func.count(PartyLocation.id)).where(PartyLocation.company_id == tenant.company_id))


def test_a_new_customer_has_its_main_location_and_both_kinds_are_listed(accounts):
    response = accounts.get(f"/location/{accounts.customer}/MAIN")
    assert response.status_code == 200, response.text
    body = response.json()
    assert_real(body, "location", "LocationDto")
    assert (body["baccount"]["number"], body["locationId"], body["locationName"]) == (
        accounts.customer,
        "MAIN",
        "Primary location",
    )
    # The default location's registration is the customer's.
    assert body["vatRegistrationId"] == "NO111MVA"
    assert body["address"]["addressLine1"] == "TestRoad 13"
    listed = accounts.get("/location").json()
    assert {(e["baccount"]["number"], e["locationId"]) for e in listed} == {
        (accounts.customer, "MAIN"),
        (accounts.supplier, "MAIN"),
    }
    for element in listed:
        assert_real(element, "location", "LocationDto")
        assert element["metadata"]["totalCount"] == 2


def test_create_and_update_a_customer_location(accounts):
    body = wrapped(baccountId=accounts.customer, locationId="bergen", locationName="Avd. Bergen", gln="7080000000002")
    body["peppolScheme"] = {"value": {"endpoint": {"value": "0192:999888777"}}}
    response = accounts.post("/location", body)
    assert response.status_code == 201, response.text
    assert response.headers["Location"].endswith(f"/v1/location/{accounts.customer}/BERGEN")
    found = accounts.get(f"/location/{accounts.customer}/BERGEN").json()
    assert_real(found, "location", "LocationDto")
    assert (found["locationName"], found["gln"], found["peppolScheme"]["endpoint"]) == (
        "Avd. Bergen",
        "7080000000002",
        "0192:999888777",
    )
    # A new location's VAT registration is its own, not the customer's.
    assert "vatRegistrationId" not in found
    listed = accounts.get(f"/location/{accounts.customer}").json()
    assert [e["locationId"] for e in listed] == ["MAIN", "BERGEN"]
    # Writing the default location's registration writes the customer's.
    response = accounts.put(f"/location/{accounts.customer}/MAIN", wrapped(vatRegistrationId="NO222MVA"))
    assert response.status_code == 204, response.text
    assert accounts.get(f"/customer/{accounts.customer}").json()["vatRegistrationId"] == "NO222MVA"
    response = accounts.put(f"/location/{accounts.customer}/BERGEN", wrapped(active=False))
    assert response.status_code == 204
    assert accounts.get(f"/location/{accounts.customer}/BERGEN").json()["active"] is False


def test_bad_locations_are_refused_and_nothing_is_written(accounts):
    before = _locations(accounts)
    response = accounts.post("/location", wrapped(baccountId="NOPE", locationId="X"))
    assert response.status_code == 400
    assert "Business account 'NOPE' cannot be found in the system." in response.json()["message"]
    response = accounts.post("/location", wrapped(baccountId=accounts.customer, locationId="MAIN"))
    assert response.status_code == 400
    assert "'Location ID' 'MAIN' already exists" in response.json()["message"]
    response = accounts.put(f"/location/{accounts.customer}/MAIN", wrapped(active=False))
    assert response.status_code == 400
    assert "The default location of a customer cannot be deactivated." in response.json()["message"]
    assert _locations(accounts) == before
    assert accounts.get(f"/location/{accounts.customer}/NOPE").status_code == 404
    assert accounts.get("/location/NOPE").status_code == 404
