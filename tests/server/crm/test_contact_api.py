"""Contacts (CR302000, `/v1/contact`, `/customer/{cd}/contact`): one contact table for customers' and suppliers'
contacts; create, read, list, update and bad input through the app on both databases, validated against the
real Contact document's `ContactDto`."""

from __future__ import annotations

from sqlalchemy import func, select

from nettfin.server.parties.models import Contact
from tests.factories import new_number
from tests.party_factories import assert_real

from .conftest import wrapped


def _contacts(tenant) -> int:
    with tenant.database.reading() as session:
        return session.scalar(select(func.count(Contact.id)).where(Contact.company_id == tenant.company_id))


def test_contacts_of_a_customer_and_a_supplier_are_one_list(accounts):
    customer_contact = new_number(
        accounts.post(
            "/contact",
            wrapped(
                businessAccount=accounts.customer,
                firstName="Kari",
                lastName="Nordmann",
                title="Ms",
                email="kari@kunde.no",
                contactMethod="email",
                doNotCall=True,
            ),
        )
    )
    supplier_contact = new_number(
        accounts.post("/contact", wrapped(businessAccount=accounts.supplier, lastName="Hansen", position="Selger"))
    )
    assert int(supplier_contact) == int(customer_contact) + 1
    listed = accounts.get("/contact").json()
    assert [c["contactId"] for c in listed] == [int(customer_contact), int(supplier_contact)]
    for element in listed:
        assert_real(element, "contact", "ContactDto")
    first, second = listed
    assert (first["businessAccount"], first["businessAccountType"]) == (accounts.customer, "Customer")
    assert (first["displayName"], first["title"], first["contactMethod"], first["doNotCall"]) == (
        "Kari Nordmann",
        "Ms",
        "Email",
        True,
    )
    # The contact's address is its account's main address while sameAsAccount holds.
    assert first["sameAsAccount"] is True and first["address"]["addressLine1"] == "TestRoad 13"
    assert (second["businessAccount"], second["businessAccountType"]) == (accounts.supplier, "Supplier")
    # The supplier's contact list and the customer's read the same rows.
    supplier_list = accounts.get(f"/supplier/{accounts.supplier}/contact").json()
    assert [c["contactId"] for c in supplier_list] == [int(supplier_contact)]
    customer_list = accounts.get(f"/customer/{accounts.customer}/contact").json()
    assert [c["contactId"] for c in customer_list] == [int(customer_contact)]
    assert accounts.get("/contact", params={"businessAccount": accounts.supplier}).json() == supplier_list


def test_get_and_update_a_contact_with_its_own_address(accounts):
    number = new_number(accounts.post("/contact", wrapped(businessAccount=accounts.customer, lastName="Berg")))
    response = accounts.get(f"/contact/{number}")
    assert response.status_code == 200
    etag = response.headers["ETag"]
    address = {
        "value": {"addressLine1": {"value": "Storgata 1"}, "city": {"value": "Oslo"}, "countryId": {"value": "NO"}}
    }
    response = accounts.put(
        f"/contact/{number}",
        {"address": address, "phone1": {"value": "+47 22 00 00 00"}, "noMarketing": {"value": True}},
        headers={"If-Match": etag},
    )
    assert response.status_code == 204, response.text
    body = accounts.get(f"/contact/{number}").json()
    assert_real(body, "contact", "ContactDto")
    assert body["sameAsAccount"] is False
    assert (body["address"]["addressLine1"], body["address"]["city"]) == ("Storgata 1", "Oslo")
    assert (body["phone1"], body["noMarketing"]) == ("+47 22 00 00 00", True)
    # A stale If-Match changes nothing.
    stale = accounts.put(f"/contact/{number}", {"lastName": {"value": "Dal"}}, headers={"If-Match": etag})
    assert stale.status_code == 412
    assert accounts.get(f"/contact/{number}").json()["lastName"] == "Berg"
    # Moving it to the supplier.
    assert accounts.put(f"/contact/{number}", wrapped(businessAccount=accounts.supplier)).status_code == 204
    assert accounts.get(f"/contact/{number}").json()["businessAccountType"] == "Supplier"


def test_bad_contacts_are_refused_naming_the_field_and_nothing_is_written(accounts):
    before = _contacts(accounts)
    response = accounts.post("/contact", wrapped(businessAccount="NOPE", firstName="Per"))
    assert response.status_code == 400
    message = response.json()["message"]
    assert "Business account 'NOPE' cannot be found in the system." in message
    assert "'Last name' cannot be empty." in message
    response = accounts.post("/contact", wrapped(businessAccount=accounts.customer, lastName="X", title="Sir"))
    assert response.status_code == 400
    assert "title" in response.json()["message"]
    response = accounts.post(
        "/contact", wrapped(businessAccount=accounts.customer, lastName="X", contactMethod="Pigeon")
    )
    assert response.status_code == 400
    assert "contactMethod" in response.json()["message"]
    assert _contacts(accounts) == before
    assert accounts.get("/contact/999999").status_code == 404
    assert "Contact 'abc' not found." in accounts.get("/contact/abc").json()["message"]
    assert accounts.get("/customer/NOPE/contact").status_code == 404
