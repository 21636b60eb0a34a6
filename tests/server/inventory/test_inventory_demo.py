"""The demo company's items: the knowledge base's walk-throughs' items (`test*test`, `teststock` and `6` in
warehouse 2 by the pallet) exist, use the VAT set-up's categories, and the seed is deterministic."""

from __future__ import annotations

import pytest

from tests.party_factories import DEMO_API, assert_real, seeded_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with seeded_demo(tmp_path_factory.mktemp("inventory-demo")) as client:
        yield client


def test_the_demo_has_34_stock_and_non_stock_items(demo):
    items = demo.get(f"{DEMO_API}/inventory").json()
    assert len(items) == 34 and items[0]["metadata"] == {"totalCount": 34, "maxPageSize": 5000}
    assert [item["inventoryNumber"] for item in items if item.get("kitItem")] == ["KIT1"]
    assert {True, False} == {item["stockItem"] for item in items}


@pytest.mark.parametrize("number", ["teststock", "6"])
def test_the_purchase_order_articles_items_are_stock_items_in_warehouse_2_bought_by_the_pallet(demo, number):
    item = demo.get(f"{DEMO_API}/inventory/{number}").json()
    assert item["stockItem"] is True
    assert (item["purchaseUnit"], item["defaultWarehouse"]["id"]) == ("PALL", "2")
    assert [(d["warehouse"], d["isDefault"]) for d in item["warehouseDetails"]] == [("2", True)]


def test_the_demo_has_a_lot_tracked_a_serial_tracked_and_a_standard_cost_item(demo):
    found = {number: demo.get(f"{DEMO_API}/inventory/{number}").json() for number in ("1101", "1102", "1103")}
    assert {
        n: (i["stockItem"], i["lotSerialClass"]["id"] if "lotSerialClass" in i else None) for n, i in found.items()
    } == {
        "1101": (True, "PARTI"),
        "1102": (True, "SERIENR"),
        "1103": (True, None),
    }
    assert found["1103"]["itemClass"]["id"] == "STANDARD"


def test_the_supplier_invoice_articles_item_is_a_non_stock_item_with_the_walk_throughs_vat_category(demo):
    item = demo.get(f"{DEMO_API}/inventory/test*test").json()
    assert (item["inventoryNumber"], item["stockItem"]) == ("test*test", False)
    assert item["vatCode"] == {"id": "03", "description": "Høy sats (25 %)"}


def test_the_demo_items_use_the_vat_set_ups_categories_and_the_ledgers_accounts(demo):
    items = demo.get(f"{DEMO_API}/inventory").json()
    categories = {item["vatCode"]["id"]: item["vatCode"]["description"] for item in items}
    assert set(categories) == {"03", "05", "06", "31", "33"}
    assert all(description for description in categories.values())
    accounts = items[0]["accountInformation"]
    assert accounts["salesAccount"]["number"] == "3000" and accounts["salesSubaccount"]["description"] == "Salg"


def test_every_demo_item_and_class_is_valid_against_the_real_document(demo):
    for item in demo.get(f"{DEMO_API}/inventory", params={"addCostPriceStatistics": "true"}).json():
        assert_real(item, "inventory", "InventoryDto")
    classes = demo.get(f"{DEMO_API}/inventory/itemClass").json()
    assert [c["id"] for c in classes] == ["DIVERSE", "FRAKT", "LAGER", "MAT", "PALL", "STANDARD", "TJENESTE"]
    for item_class in classes:
        assert_real(item_class, "inventory", "ItemClassDto")


def test_the_demo_seed_is_deterministic(tmp_path):
    bodies = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        with seeded_demo(tmp_path / name, fresh=True) as client:
            bodies.append(client.get(f"{DEMO_API}/inventory").content)
    assert bodies[0] == bodies[1]
