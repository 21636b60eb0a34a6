"""The demo company's suppliers: the knowledge base's walk-throughs (supplier 50000, supplier class 1, the
Supplier article's POST) work on it as printed, and the seed is deterministic."""

from __future__ import annotations

import pytest

from tests.party_factories import DEMO_API, article_supplier_body, assert_real, minimal_supplier, seeded_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with seeded_demo(tmp_path_factory.mktemp("supplier-demo")) as client:
        yield client


def test_the_demo_has_30_suppliers_from_50000_with_the_walk_throughs_class_1(demo):
    suppliers = demo.get(f"{DEMO_API}/supplier").json()
    assert len(suppliers) == 30 and suppliers[0]["metadata"]["totalCount"] == 30
    assert [s["number"] for s in suppliers[:2]] == ["50000", "50001"]
    first = demo.get(f"{DEMO_API}/supplier/50000").json()
    assert first["supplierClass"]["id"] == "1" and first["vatZone"]["id"] == "01"
    assert {s["supplierClass"]["id"] for s in suppliers} == {"1", "2", "3"}
    assert [c["id"] for c in demo.get(f"{DEMO_API}/supplier/supplierClass").json()] == ["1", "2", "3"]


def test_the_demo_suppliers_gl_accounts_are_the_ledgers(demo):
    accounts = demo.get(f"{DEMO_API}/supplier/50000").json()["glAccounts"]
    assert accounts["supplierAccount"] == {"type": "Liability", "number": "2400", "description": "Leverandørgjeld"}
    assert accounts["supplierSubaccount"]["description"] == "Felles"


def test_every_demo_supplier_is_a_valid_real_supplier_dto(demo):
    for supplier in demo.get(f"{DEMO_API}/supplier", params={"expandAccountInformation": "true"}).json():
        assert_real(supplier, "supplier", "SupplierDto")


def test_the_articles_post_sent_verbatim_to_the_demo_creates_supplier_50002_and_omitted_numbers_still_come(demo):
    """The demo's supplier series keeps a number sent with a new supplier (Visma's "allow manual numbering on
    imports"), as the article's company evidently did, and still numbers a supplier sent without one."""
    response = demo.post(f"{DEMO_API}/supplier", json=article_supplier_body())
    assert response.status_code == 201, response.text
    assert response.headers["Location"] == f"http://testserver{DEMO_API}/supplier/50002"
    assert response.headers["X-Nettfin-Ignored-Fields"] == "mainAddress.addressId"
    assert demo.get(f"{DEMO_API}/supplier/50002").json()["mainAddress"]["addressLine1"] == "Testroad 5"
    automatic = demo.post(f"{DEMO_API}/supplier", json=minimal_supplier("Automatisk AS"))
    assert automatic.headers["Location"].endswith("/supplier/50031")
    again = demo.post(f"{DEMO_API}/supplier", json=article_supplier_body())
    assert again.status_code == 400
    assert "'Supplier ID' '50002' already exists" in again.json()["message"]


def test_the_demo_seed_is_deterministic(tmp_path):
    bodies = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        with seeded_demo(tmp_path / name, fresh=True) as client:
            bodies.append(client.get(f"{DEMO_API}/supplier", params={"expandAccountInformation": "true"}).content)
    assert bodies[0] == bodies[1]


def test_the_demo_suppliers_have_their_default_locations_a_warehouse_and_contacts(demo):
    locations = demo.get(f"{DEMO_API}/supplierlocation/50000").json()
    assert [(x["locationId"], x["lastModifiedDateTime"]) for x in locations] == [
        ("MAIN", "2019-11-01T08:00:00"),
        ("LAGER", "2019-11-01T09:00:00"),
    ]
    assert locations[1]["address"]["city"] == "Oslo" and locations[1]["gln"] == "7080003000017"
    everyone = demo.get(f"{DEMO_API}/supplierlocation", params={"pageSize": 1000}).json()
    suppliers = demo.get(f"{DEMO_API}/supplier").json()[0]["metadata"]["totalCount"]
    # A default location per supplier (those the tests above made too), and the warehouse.
    assert everyone[0]["metadata"]["totalCount"] == suppliers + 1
    contacts = demo.get(f"{DEMO_API}/supplier/50000/contact").json()
    assert [(c["contactId"], c["displayName"]) for c in contacts] == [(1, "Kari Nordmann"), (2, "Ola Hansen")]
    for contact in contacts:
        assert_real(contact, "supplier", "ContactDto")
