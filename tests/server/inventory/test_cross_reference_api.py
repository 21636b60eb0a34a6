"""An item's cross-references on their own paths (`/v1/inventory/{inventoryNumber}/crossReferences`) and the barcode
lookups (`/v1/inventory/barcode/{document}/{number}`) through the app on both databases, validated against the real
`InventoryCrossReferenceDto` and `BarCodeDto`; what they refuse, with nothing written."""

from __future__ import annotations

import pytest

from nettfin.server.inventory import cross_references
from tests.party_factories import assert_real
from tests.server.inventory.test_warehouse_api import message_of
from tests.stock_factories import add_stock_setup

BARCODE = {"alternateType": {"value": "Barcode"}, "alternateID": {"value": "7040000000012"}}


@pytest.fixture
def stock(tenant):
    add_stock_setup(tenant)
    return tenant


def _references(tenant, number="AVG") -> list[dict]:
    response = tenant.get(f"/inventory/{number}/crossReferences")
    assert response.status_code == 200, response.text
    for element in response.json():
        assert_real(element, "inventory", "InventoryCrossReferenceDto")
    return response.json()


def test_a_new_cross_reference_is_201_and_listed_and_on_the_item(stock):
    before = stock.get("/inventory/AVG").headers["ETag"]
    response = stock.post("/inventory/AVG/crossReferences", {**BARCODE, "description": {"value": "EAN"}})
    assert response.status_code == 201, response.text
    assert response.headers["Location"].endswith("/v1/inventory/AVG/crossReferences/Barcode/7040000000012")
    assert response.headers["ETag"] != before
    found = _references(stock)
    assert [(r["alternateType"], r["alternateID"], r.get("description")) for r in found] == [
        ("Barcode", "7040000000012", "EAN")
    ]
    item = stock.get("/inventory/AVG").json()
    assert item["crossReferences"][0]["alternateID"] == "7040000000012"
    assert found[0]["timestamp"] == item["timestamp"]


def test_an_update_changes_the_reference_the_path_names(stock):
    stock.post("/inventory/AVG/crossReferences", BARCODE)
    response = stock.put(
        "/inventory/AVG/crossReferences/Barcode/7040000000012",
        {"description": {"value": "EAN-13"}, "uom": {"value": "STK"}, "bAccount": {"value": "10001"}},
    )
    assert response.status_code == 204, response.text
    assert "bAccount" in response.headers["X-Nettfin-Ignored-Fields"]
    (found,) = _references(stock)
    assert (found["description"], found["uom"]) == ("EAN-13", "STK")


def _refused(tenant, method, path, body, status=400) -> str:
    before = tenant.get("/inventory/AVG").json()
    response = getattr(tenant, method)(path, body)
    assert response.status_code == status, response.text
    assert tenant.get("/inventory/AVG").json() == before  # nothing written
    return message_of(response)


def test_bad_cross_references_are_refused(stock):
    stock.post("/inventory/AVG/crossReferences", BARCODE)
    assert "Cross-reference Barcode '7040000000012' is already on the item." in _refused(
        stock, "post", "/inventory/AVG/crossReferences", BARCODE
    )
    assert "'Alternate type' and 'Alternate ID' cannot be empty." in _refused(
        stock, "post", "/inventory/AVG/crossReferences", {"alternateType": {"value": "CPN"}}
    )
    assert _refused(stock, "post", "/inventory/NOPE/crossReferences", BARCODE, 404) == (
        "Inventory item 'NOPE' not found."
    )
    assert _refused(stock, "put", "/inventory/AVG/crossReferences/CPN/X", {"description": {"value": "x"}}, 404) == (
        "Cross-reference CPN 'X' not found."
    )
    assert "Invalid path segment 'alternateType'" in _refused(
        stock, "put", "/inventory/AVG/crossReferences/Bogus/X", {}
    )
    too_long = {"alternateType": {"value": "Global"}, "alternateID": {"value": "x" * 51}}
    assert "Alternate ID" in _refused(stock, "post", "/inventory/AVG/crossReferences", too_long)


def test_a_barcode_names_one_item(stock):
    stock.post("/inventory/FIFO/crossReferences", BARCODE)
    message = _refused(stock, "post", "/inventory/AVG/crossReferences", BARCODE)
    assert "The barcode '7040000000012' is already the item 'FIFO''s; a barcode names one item." in message
    # Another type may carry the same code.
    other = {"alternateType": {"value": "Global"}, "alternateID": {"value": "7040000000012"}}
    assert stock.post("/inventory/AVG/crossReferences", other).status_code == 201


@pytest.mark.parametrize("kind", cross_references.DOCUMENT_KINDS)
def test_a_barcode_lookup_without_the_document_reads_the_number_as_a_barcode(stock, kind):
    stock.post("/inventory/AVG/crossReferences", BARCODE)
    response = stock.get(f"/inventory/barcode/{kind}/7040000000012")
    assert response.status_code == 200, response.text
    body = response.json()
    for element in body:
        assert_real(element, "inventory", "BarCodeDto")
    assert body == [{"barCode": "7040000000012", "inventoryNumber": "AVG", "metadata": {"totalCount": 1}}]
    assert stock.get(f"/inventory/barcode/{kind}/000001").json() == []


def test_a_registered_document_gives_its_items_barcodes(stock, monkeypatch):
    stock.post("/inventory/AVG/crossReferences", BARCODE)
    stock.post("/inventory/FIFO/crossReferences", {**BARCODE, "alternateID": {"value": "7040000000029"}})
    ids = {n: stock.get(f"/inventory/{n}").json()["inventoryId"] for n in ("AVG", "FIFO", "STD")}
    documents = {"000001": [ids["AVG"], ids["FIFO"], ids["STD"]]}
    monkeypatch.setitem(cross_references._DOCUMENTS, "shipment", lambda session, company, n: documents.get(n))
    body = stock.get("/inventory/barcode/shipment/000001").json()
    assert [(b["inventoryNumber"], b["barCode"]) for b in body] == [("AVG", "7040000000012"), ("FIFO", "7040000000029")]
    assert {b["metadata"]["totalCount"] for b in body} == {2}
    with pytest.raises(ValueError):
        cross_references.register_document("invoice", lambda session, company, n: None)


def test_an_item_write_keeps_a_barcode_to_one_item_too(stock):
    stock.post("/inventory/FIFO/crossReferences", BARCODE)
    line = {"operation": "Insert", **BARCODE}
    message = _refused(stock, "put", "/inventory/AVG", {"crossReferences": [line]})
    assert "The barcode '7040000000012' is already the item 'FIFO''s" in message
