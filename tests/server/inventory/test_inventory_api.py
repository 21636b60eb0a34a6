"""Inventory items (reference 3.14, IN202000 non-stock and IN202500 stock items): list, get, create and update,
item classes and posting classes, through the app on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import unquote

import pytest

from tests.factories import new_number
from tests.party_factories import (
    add_gl_accounts,
    add_inventory_reference_data,
    add_vat_categories,
    insert_items,
    minimal_item,
)


def numbers(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["inventoryNumber"] for item in response.json()]


@pytest.fixture
def items(tenant):
    add_inventory_reference_data(tenant)
    add_vat_categories(tenant)
    return tenant


def stock_item(number: str = "STK1", **extra) -> dict:
    """A stock item that takes everything but its number and description from class STOCK."""
    body = {
        "inventoryNumber": {"value": number},
        "description": {"value": f"Lagervare {number}"},
        "itemClass": {"value": "STOCK"},
    }
    body.update(extra)
    return body


# --- create -------------------------------------------------------------------------------------------------


def test_minimum_non_stock_item_returns_201_with_location_of_its_number(items):
    response = items.post("/inventory", minimal_item("ITEM1"))
    assert response.status_code == 201
    assert response.content == b""
    assert response.headers["Location"] == "http://testserver/API/controller/api/v1/inventory/ITEM1"
    body = items.get("/inventory/ITEM1").json()
    assert (body["type"], body["stockItem"], body["status"]) == ("NonStockItem", False, "Active")
    # Sales and purchase units default to the base unit.
    assert (body["baseUnit"], body["salesUnit"], body["purchaseUnit"]) == ("STK", "STK", "STK")
    assert body["defaultPrice"] == 0 and body["warehouseDetails"] == []


def test_a_stock_item_takes_its_class_defaults(items):
    assert new_number(items.post("/inventory", stock_item())) == "STK1"
    response = items.get("/inventory/STK1")
    body = response.json()
    assert (body["type"], body["stockItem"]) == ("FinishedGoodItem", True)
    assert body["itemClass"]["id"] == "STOCK" and body["itemClass"]["type"] == "FinishedGoodItem"
    assert body["postingClass"] == {"id": "GOODS", "description": "Varer"}
    assert body["vatCode"] == {"id": "01", "description": "Category 01"}
    assert (body["baseUnit"], body["salesUnit"]) == ("STK", "STK")
    assert body["defaultWarehouse"] == {"id": "1", "description": "Hovedlager"}
    assert [(d["warehouse"], d["isDefault"]) for d in body["warehouseDetails"]] == [("1", True)]
    assert response.headers["ETag"] == f'"{body["timestamp"]}"'
    assert "timeStamp" not in body and "metadata" not in body


def test_what_the_body_gives_wins_over_the_class(items):
    body = stock_item(
        type={"value": "ComponentPartItem"},
        baseUnit={"value": "PALL"},
        vatCode={"value": "02"},
        defaultWarehouse={"value": "2"},
    )
    read = items.get(f"/inventory/{new_number(items.post('/inventory', body))}").json()
    assert (read["type"], read["baseUnit"], read["salesUnit"], read["vatCode"]["id"]) == (
        "ComponentPartItem",
        "PALL",
        "PALL",
        "02",
    )
    assert [(d["warehouse"], d["isDefault"]) for d in read["warehouseDetails"]] == [("2", True)]


def test_the_item_id_description_type_and_base_unit_cannot_be_empty(items):
    response = items.post("/inventory", {"status": {"value": "Active"}})
    assert response.status_code == 400
    message = response.json()["message"]
    assert message.startswith("VismaId: ")
    assert "Error inserting the inventory item. Error: Inserting 'Inventory Item' record raised" in message
    for problem in ("'Item ID'", "'Description'", "'Type'", "'Base unit'"):
        assert f"Error: {problem} cannot be empty.\r\n" in message, problem


def test_a_duplicate_item_id_is_refused_and_nothing_is_written(items):
    assert items.post("/inventory", minimal_item("DUP")).status_code == 201
    response = items.post("/inventory", minimal_item("DUP", description={"value": "Second"}))
    assert response.status_code == 400
    assert "Error: 'Item ID' 'DUP' already exists; choose another.\r\n" in response.json()["message"]
    assert items.get("/inventory/DUP").json()["description"] == "Item DUP"


def test_unknown_references_are_refused_all_at_once(items):
    body = minimal_item(
        itemClass={"value": "NOPE"},
        postingClass={"value": "XX"},
        vatCode={"value": "99"},
        defaultWarehouse={"value": "9"},
        defaultPrice={"value": -5},
    )
    response = items.post("/inventory", body)
    assert response.status_code == 400
    message = response.json()["message"]
    for problem in (
        "Item class 'NOPE' cannot be found in the system.",
        "Posting class 'XX' cannot be found in the system.",
        "VAT category '99' cannot be found in the system.",
        "Warehouse '9' cannot be found in the system.",
        "'Default price' cannot be less than 0.",
    ):
        assert f"Error: {problem}\r\n" in message, problem
    assert items.get("/inventory").json() == []


def test_a_stock_item_class_cannot_be_used_for_a_non_stock_item(items):
    response = items.post("/inventory", stock_item(type={"value": "ServiceItem"}))
    assert response.status_code == 400
    assert "Item class 'STOCK' cannot be used for a non-stock item ('ServiceItem')." in response.json()["message"]


def test_an_item_cannot_change_between_stock_and_non_stock(items):
    new_number(items.post("/inventory", minimal_item("NS1")))
    response = items.put("/inventory/NS1", {"type": {"value": "FinishedGoodItem"}})
    assert response.status_code == 400
    message = response.json()["message"]
    assert "Error updating the inventory item. Error: Updating 'Inventory Item' record" in message
    assert "'Type' cannot change between stock and non-stock items" in message
    assert items.put("/inventory/NS1", {"type": {"value": "LaborItem"}}).status_code == 204
    assert items.get("/inventory/NS1").json()["type"] == "LaborItem"


def test_unknown_enum_value_lists_what_is_accepted(items):
    response = items.post("/inventory", minimal_item(type={"value": "StockItem"}))
    assert response.status_code == 400
    message = response.json()["message"]
    assert "type.value" in message and "FinishedGoodItem" in message and "NonStockItem" in message


def test_the_seeds_item_numbers_with_reserved_characters_work_as_keys(items):
    # Location percent-encodes the key; its last segment decodes to the item number.
    assert unquote(new_number(items.post("/inventory", minimal_item("test*test")))) == "test*test"
    assert items.get("/inventory/test*test").json()["inventoryNumber"] == "test*test"
    # The release notes' b64 example is an item number.
    assert items.post("/inventory", minimal_item(":/?#[]@&*+;")).status_code == 201
    assert items.get("/inventory/b64(Oi8_I1tdQCYqKzs)").json()["inventoryNumber"] == ":/?#[]@&*+;"
    assert items.get("/inventory/b64(_w)").status_code == 400


# --- lines: warehouses and cross-references -----------------------------------------------------------------


def test_warehouse_detail_lines_insert_update_and_delete(items):
    new_number(items.post("/inventory", stock_item()))
    lines = [{"operation": "Insert", "warehouse": {"value": "2"}, "isDefault": {"value": True}}]
    assert items.put("/inventory/STK1", {"warehouseDetails": lines}).status_code == 204
    read = items.get("/inventory/STK1").json()
    assert [(d["warehouse"], d["isDefault"]) for d in read["warehouseDetails"]] == [("1", False), ("2", True)]
    assert read["defaultWarehouse"]["id"] == "2"
    lines = [{"operation": "Delete", "warehouse": {"value": "2"}}]
    assert items.put("/inventory/STK1", {"warehouseDetails": lines}).status_code == 204
    read = items.get("/inventory/STK1").json()
    assert [d["warehouse"] for d in read["warehouseDetails"]] == ["1"] and "defaultWarehouse" not in read


def test_warehouse_detail_lines_that_do_not_fit_the_item_are_refused(items):
    new_number(items.post("/inventory", stock_item()))
    lines = [
        {"operation": "Insert", "warehouse": {"value": "1"}},
        {"operation": "Update", "warehouse": {"value": "2"}},
        {"operation": "Insert", "warehouse": {"value": "9"}},
        {"operation": "Insert"},
    ]
    message = items.put("/inventory/STK1", {"warehouseDetails": lines}).json()["message"]
    assert "warehouseDetails[0]: Warehouse '1' is already on the item." in message
    assert "warehouseDetails[1]: Warehouse '2' is not on the item." in message
    assert "warehouseDetails[2]: Warehouse '9' cannot be found in the system." in message
    assert "warehouseDetails[3]: 'Warehouse' cannot be empty." in message


def test_cross_references_are_kept_and_found_by_the_alternate_id_filter(items):
    lines = [
        {"operation": "Insert", "alternateType": {"value": "Barcode"}, "alternateID": {"value": "7038010000003"}},
        {
            "operation": "Insert",
            "alternateType": {"value": "VPN"},
            "alternateID": {"value": "LEV-1"},
            "bAccount": {"value": "50000"},
            "description": {"value": "Supplier part"},
        },
    ]
    response = items.post("/inventory", minimal_item("X1", crossReferences=lines))
    assert response.status_code == 201
    assert response.headers["X-Nettfin-Ignored-Fields"] == "crossReferences.bAccount"
    new_number(items.post("/inventory", minimal_item("X2")))
    assert numbers(items.get("/inventory", params={"alternateID": "7038010000003"})) == ["X1"]
    update = [
        {
            "operation": "Update",
            "alternateType": {"value": "vpn"},
            "alternateID": {"value": "LEV-1"},
            "uom": {"value": "STK"},
        }
    ]
    assert items.put("/inventory/X1", {"crossReferences": update}).status_code == 204
    delete = [{"operation": "Delete", "alternateType": {"value": "Barcode"}, "alternateID": {"value": "7038010000003"}}]
    assert items.put("/inventory/X1", {"crossReferences": delete}).status_code == 204
    read = items.get("/inventory/X1").json()["crossReferences"]
    assert [(r["alternateType"], r["alternateID"], r["description"], r["uom"]) for r in read] == [
        ("VPN", "LEV-1", "Supplier part", "STK")
    ]
    assert items.get("/inventory", params={"alternateID": "7038010000003"}).json() == []


def test_a_cross_reference_that_is_already_there_or_missing_is_refused(items):
    line = {"operation": "Insert", "alternateType": {"value": "Global"}, "alternateID": {"value": "G1"}}
    new_number(items.post("/inventory", minimal_item("X1", crossReferences=[line])))
    response = items.put(
        "/inventory/X1", {"crossReferences": [line, {**line, "operation": "Delete", "alternateID": {"value": "G2"}}]}
    )
    message = response.json()["message"]
    assert "crossReferences[0]: Cross-reference Global 'G1' is already on the item." in message
    assert "crossReferences[1]: Cross-reference Global 'G2' is not on the item." in message


def test_a_line_deleted_and_inserted_again_in_one_body_is_replaced(items):
    """Both collections are unique by key in their tables: the replacement reuses the deleted row (a 500 before)."""
    line = {"alternateType": {"value": "Global"}, "alternateID": {"value": "G1"}, "uom": {"value": "STK"}}
    new_number(items.post("/inventory", stock_item("X1", crossReferences=[{"operation": "Insert", **line}])))
    body = {
        "crossReferences": [
            {**line, "operation": "Delete"},
            {"operation": "Insert", **line, "uom": {"value": None}, "description": {"value": "New"}},
        ],
        "warehouseDetails": [
            {"operation": "Delete", "warehouse": {"value": "1"}},
            {"operation": "Insert", "warehouse": {"value": "1"}, "isDefault": {"value": True}},
        ],
    }
    assert items.put("/inventory/X1", body).status_code == 204
    read = items.get("/inventory/X1").json()
    assert [(r["alternateID"], r.get("description"), r.get("uom")) for r in read["crossReferences"]] == [
        ("G1", "New", None)
    ]
    assert [(d["warehouse"], d["isDefault"]) for d in read["warehouseDetails"]] == [("1", True)]


# --- accounts, costs, holders -------------------------------------------------------------------------------


def test_gl_accounts_resolve_against_the_ledger_and_subaccounts_keep_their_segments(items):
    add_gl_accounts(items, {"3000": "Income", "4300": "Expense"})
    body = minimal_item(
        salesAccount={"value": "3000"},
        cogsAccount={"value": "4300"},
        salesSubaccount=[{"segmentId": 2, "segmentValue": "10"}, {"segmentId": 1, "segmentValue": "0"}],
    )
    assert items.post("/inventory", body).status_code == 201
    accounts = items.get("/inventory/ITEM1").json()["accountInformation"]
    assert accounts["salesAccount"] == {"type": "Income", "number": "3000", "description": "Konto 3000"}
    assert accounts["cogsAccount"]["type"] == "Expense"
    assert accounts["salesSubaccount"] == {"active": True, "id": "0-10"}
    assert "inventoryAccount" not in accounts


def test_unknown_gl_accounts_and_bad_segments_are_refused(items):
    body = minimal_item(
        salesAccount={"value": "9999"},
        expenseSubaccount=[{"segmentId": 0, "segmentValue": "1"}, {"segmentId": 2, "segmentValue": ""}],
    )
    message = items.post("/inventory", body).json()["message"]
    assert "Error: Sales account '9999' cannot be found in the system.\r\n" in message
    assert "expenseSubaccount[0]: 'segmentId' must be 1 or more" in message
    assert "expenseSubaccount[1]: 'segmentValue' cannot be empty." in message


def test_prices_costs_and_plain_holders_are_kept_exactly(items):
    body = stock_item(
        defaultPrice={"value": 1234.5},
        costPriceStatistics={"lastCost": {"value": 99.125}},
        packaging={"baseItemWeight": {"value": 12.5}, "weightUOM": {"value": "KG"}},
        intrastat={"cN8": {"value": "84713000"}, "countryOfOrigin": {"value": "se"}},
    )
    new_number(items.post("/inventory", body))
    response = items.get("/inventory/STK1")
    assert b'"defaultPrice":1234.5000' in response.content
    read = response.json()
    assert read["lastCost"] == 99.125 and read["costPriceStatistics"]["lastCost"] == 99.125
    assert read["packaging"] == {"baseItemWeight": 12.5, "weightUOM": "KG", "baseItemVolume": 0}
    assert read["intrastat"] == {"cN8": "84713000", "countryOfOrigin": "SE"}
    response = items.put("/inventory/STK1", {"intrastat": {"countryOfOrigin": {"value": "XX"}}})
    assert "intrastat: Country 'XX' cannot be found in the system." in response.json()["message"]


# --- update -------------------------------------------------------------------------------------------------


def test_put_changes_only_the_fields_sent(items):
    new_number(items.post("/inventory", stock_item(note={"value": "Keep"}, defaultPrice={"value": 10})))
    before = items.get("/inventory/STK1").json()
    response = items.put(
        "/inventory/STK1", {"description": {"value": "Renamed"}, "packaging": {"volumeUOM": {"value": "M3"}}}
    )
    assert response.status_code == 204 and response.content == b""
    after = items.get("/inventory/STK1").json()
    assert after["description"] == "Renamed" and after["packaging"]["volumeUOM"] == "M3"
    changed = {"description", "packaging", "lastModifiedDateTime", "timestamp", "crossReferences"}
    assert {k: v for k, v in after.items() if k not in changed} == {k: v for k, v in before.items() if k not in changed}


def test_value_null_clears_a_field_and_status_returns_to_active(items):
    new_number(items.post("/inventory", stock_item(status={"value": "NoSales"}, body={"value": "Long text"})))
    clear = {
        "status": {"value": None},
        "body": {"value": None},
        "vatCode": {"value": None},
        "salesUnit": {"value": None},
    }
    assert items.put("/inventory/STK1", clear).status_code == 204
    read = items.get("/inventory/STK1").json()
    assert (read["status"], read["salesUnit"]) == ("Active", "STK")
    assert "body" not in read and "vatCode" not in read
    response = items.put("/inventory/STK1", {"description": {"value": None}})
    assert "'Description' cannot be empty." in response.json()["message"]


def test_a_new_inventory_number_in_a_put_is_ignored_and_named(items):
    new_number(items.post("/inventory", minimal_item("A1")))
    response = items.put("/inventory/A1", {"inventoryNumber": {"value": "B1"}})
    assert response.status_code == 204 and response.headers["X-Nettfin-Ignored-Fields"] == "inventoryNumber"
    assert items.get("/inventory/A1").status_code == 200 and items.get("/inventory/B1").status_code == 404


def test_put_with_stale_if_match_is_412_and_changes_nothing(items):
    new_number(items.post("/inventory", minimal_item("A1")))
    etag = items.get("/inventory/A1").headers["ETag"]
    assert (
        items.put("/inventory/A1", {"description": {"value": "First"}}, headers={"If-Match": etag}).status_code == 204
    )
    stale = items.put("/inventory/A1", {"description": {"value": "Second"}}, headers={"If-Match": etag})
    assert (stale.status_code, stale.content) == (412, b"")
    assert items.get("/inventory/A1").json()["description"] == "First"


def test_internal_id_routes_read_and_update(items):
    new_number(items.post("/inventory", minimal_item("A1")))
    internal_id = items.get("/inventory/A1").json()["inventoryId"]
    assert items.get(f"/inventory/internal/{internal_id}").json()["inventoryNumber"] == "A1"
    assert items.put(f"/inventory/internal/{internal_id}", {"description": {"value": "By id"}}).status_code == 204
    assert items.get("/inventory/A1").json()["description"] == "By id"
    assert items.get("/inventory/internal/abc").status_code == 404


def test_unknown_items_are_404_in_the_message_shape(items):
    for response in (items.get("/inventory/NOPE"), items.put("/inventory/NOPE", {"description": {"value": "x"}})):
        assert response.status_code == 404
        assert response.json()["message"].endswith("Inventory item 'NOPE' not found.")


# --- list ---------------------------------------------------------------------------------------------------


def test_list_is_paged_with_metadata_and_a_max_page_size_of_5000(items):
    insert_items(items, 5)
    page = items.get("/inventory", params={"pageSize": 2, "pageNumber": 3})
    assert numbers(page) == ["I00005"]
    assert page.json()[0]["metadata"] == {"totalCount": 5, "maxPageSize": 5000}
    assert len(items.get("/inventory", params={"pageSize": 9000}).json()) == 5


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"inventoryNumber": "I00002"}, ["I00002"]),
        ({"description": "item i0000"}, ["I00001", "I00002", "I00003", "I00004"]),
        ({"inventoryTypes": "NonStockItem"}, ["I00002", "I00004"]),
        ({"inventoryTypes": "nonstockitem,FinishedGoodItem"}, ["I00001", "I00002", "I00003", "I00004"]),
        ({"inventoryTypes": ["FinishedGoodItem", "ServiceItem"]}, ["I00001", "I00003"]),
        ({"greaterThanValue": "I00002"}, ["I00003", "I00004"]),
        ({"lastModifiedDateTime": "2020-01-12", "lastModifiedDateTimeCondition": ">"}, ["I00004"]),
        ({"createdDateTime": "2020-01-11", "createdDateTimeCondition": "<="}, ["I00001", "I00002"]),
        ({"salesCategory": 1}, []),
        ({"attachmentLastModifiedDateTime": "2020-01-01", "attachmentLastModifiedDateTimeCondition": ">"}, []),
    ],
)
def test_list_filters(items, params, expected):
    insert_items(items, 4, modified=datetime(2020, 1, 10, tzinfo=UTC), step=timedelta(days=1))
    assert numbers(items.get("/inventory", params=params)) == expected


def test_status_filter_and_availability_filter(items):
    new_number(items.post("/inventory", stock_item("S1", status={"value": "Inactive"})))
    new_number(items.post("/inventory", minimal_item("N1")))
    assert numbers(items.get("/inventory", params={"status": "inactive"})) == ["S1"]
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    window = {"availabilityLastModifiedDateTime": today, "availabilityLastModifiedDateTimeCondition": ">="}
    # Only the stock item has a warehouse detail.
    assert numbers(items.get("/inventory", params=window)) == ["S1"]


def test_an_unknown_inventory_type_filter_is_a_400_listing_the_types(items):
    response = items.get("/inventory", params={"inventoryTypes": "StockItem"})
    assert response.status_code == 400
    message = response.json()["message"]
    assert "'inventoryTypes'" in message and "StockItem" in message and "SubassemblyItem" in message


def test_expand_flags_default_to_true_and_false_leaves_the_member_out(items):
    new_number(items.post("/inventory", stock_item(note={"value": "Notat"})))
    full = items.get("/inventory").json()[0]
    assert full["warehouseDetails"] and full["note"] == "Notat" and full["accountInformation"] is not None
    assert "costPriceStatistics" not in full
    flags = {"expandWarehouseDetail": "false", "expandNote": "false", "expandAccountInformation": "false"}
    lean = items.get("/inventory", params={**flags, "addCostPriceStatistics": "true"}).json()[0]
    assert not {"warehouseDetails", "note", "accountInformation"} & lean.keys()
    assert lean["costPriceStatistics"]["lastCost"] == 0


# --- classes ------------------------------------------------------------------------------------------------


def test_item_classes_are_paged_and_found_by_id(items):
    classes = items.get("/inventory/itemClass").json()
    assert [(c["id"], c["type"]) for c in classes] == [("STOCK", "FinishedGoodItem"), ("TJENESTE", "ServiceItem")]
    assert classes[0]["metadata"] == {"totalCount": 2, "maxPageSize": 1000}
    assert items.get("/inventory/itemClass", params={"pageSize": 1, "pageNumber": 2}).json()[0]["id"] == "TJENESTE"
    one = items.get("/inventory/itemclass/TJENESTE")
    assert one.status_code == 200 and one.json()["description"] == "Tjenester" and "metadata" not in one.json()
    missing = items.get("/inventory/itemClass/NOPE")
    assert missing.status_code == 404 and missing.json()["message"].endswith("Item class 'NOPE' not found.")


def test_posting_classes_are_paged(items):
    classes = items.get("/inventory/itemPostClass").json()
    assert [(c["id"], c["description"]) for c in classes] == [("GOODS", "Varer"), ("SERVICE", "Tjenester")]
    assert {c["metadata"]["totalCount"] for c in classes} == {2}


# --- isolation and authentication ---------------------------------------------------------------------------


def test_another_companys_items_and_classes_are_invisible(items, other_tenant):
    new_number(items.post("/inventory", stock_item()))
    internal_id = items.get("/inventory/STK1").json()["inventoryId"]
    assert other_tenant.get("/inventory").json() == []
    assert other_tenant.get("/inventory/STK1").status_code == 404
    assert other_tenant.get(f"/inventory/internal/{internal_id}").status_code == 404
    assert other_tenant.put("/inventory/STK1", {"description": {"value": "x"}}).status_code == 404
    assert other_tenant.get("/inventory/itemClass").json() == []
    assert other_tenant.get("/inventory/itemPostClass").json() == []
    response = other_tenant.post("/inventory", stock_item("OTHER"))
    assert "Item class 'STOCK' cannot be found in the system." in response.json()["message"]


INVENTORY_CALLS = [
    ("GET", "/inventory", None),
    ("GET", "/inventory/A1", None),
    ("GET", "/inventory/internal/1", None),
    ("GET", "/inventory/itemClass", None),
    ("GET", "/inventory/itemclass/STOCK", None),
    ("GET", "/inventory/itemPostClass", None),
    ("POST", "/inventory", minimal_item()),
    ("PUT", "/inventory/A1", {"description": {"value": "x"}}),
    ("PUT", "/inventory/internal/1", {"description": {"value": "x"}}),
]


@pytest.mark.parametrize(("method", "path", "body"), INVENTORY_CALLS)
def test_every_inventory_route_needs_a_token_and_a_company_the_user_may_use(tenant, other_tenant, method, path, body):
    url = tenant.url(path)
    no_token = tenant.client.request(method, url, json=body, headers={"ipp-company-id": str(tenant.company_id)})
    assert no_token.status_code == 401 and no_token.json()["ExceptionType"] == "IPPException"
    foreign = {"Authorization": f"Bearer {tenant.token}", "ipp-company-id": str(other_tenant.company_id)}
    assert tenant.client.request(method, url, json=body, headers=foreign).json()["ExceptionFaultCode"] == "12002"
