"""nettfin's item wire format against the REAL 2026 Inventory OpenAPI document
(`visma-openapi/visma-inventory-api-openapi.yml`): responses validated closed against `InventoryDto`,
`ItemClassDto`, `PostingClassDto` and `MetadataDto`; write models, enums and query names compared."""

from __future__ import annotations

import pytest

from nettfin.server.inventory import schemas as nettfin
from nettfin.server.inventory.classes import ITEM_CLASS, POSTING_CLASS
from nettfin.server.inventory.items import ITEM
from nettfin.server.kit.shapes import SegmentUpdateDto
from tests.party_factories import (
    add_gl_accounts,
    add_inventory_reference_data,
    add_vat_categories,
    assert_real,
    contract_problems,
    minimal_item,
    query_names,
    real_enum,
    real_query_names,
    schemas,
    write_kind_mismatches,
)


def rich_stock_item() -> dict:
    """Every member nettfin stores."""
    return {
        "inventoryNumber": {"value": "RICH"},
        "status": {"value": "NoPurchases"},
        "type": {"value": "SubassemblyItem"},
        "description": {"value": "Rich item"},
        "body": {"value": "<p>Long description</p>"},
        "itemClass": {"value": "STOCK"},
        "postingClass": {"value": "GOODS"},
        "lotSerialClass": {"value": "LOT"},
        "vatCode": {"value": "02"},
        "defaultPrice": {"value": 249.9},
        "baseUnit": {"value": "STK"},
        "salesUnit": {"value": "PAKKE"},
        "purchaseUnit": {"value": "PALL"},
        "unspsc": {"value": "43211500"},
        "salesAccount": {"value": "3000"},
        "cogsAccount": {"value": "4000"},
        "inventoryAccount": {"value": "1460"},
        "salesSubaccount": [{"segmentId": 1, "segmentValue": "0"}],
        "cogsSubaccount": [{"segmentId": 1, "segmentValue": "1"}],
        "packaging": {
            "baseItemWeight": {"value": 1.25},
            "weightUOM": {"value": "KG"},
            "baseItemVolume": {"value": 0.002},
            "volumeUOM": {"value": "M3"},
        },
        "costPriceStatistics": {"lastCost": {"value": 120}},
        "warehouseDetails": [{"operation": "Insert", "warehouse": {"value": "2"}}],
        "intrastat": {
            "cN8": {"value": "84713000"},
            "countryOfOrigin": {"value": "DE"},
            "supplementaryMeasureUnit": {"value": "p/st"},
        },
        "crossReferences": [
            {
                "operation": "Insert",
                "alternateType": {"value": "Barcode"},
                "alternateID": {"value": "7038010000003"},
                "description": {"value": "EAN"},
                "uom": {"value": "STK"},
            }
        ],
        "defaultWarehouse": {"value": "1"},
        "defaultIssueFrom": {"value": "1"},
        "defaultReceiptTo": {"value": "2"},
        "kitItem": {"value": True},
        "note": {"value": "A note"},
    }


def create_rich_item(tenant) -> dict:
    add_inventory_reference_data(tenant)
    add_vat_categories(tenant)
    add_gl_accounts(tenant, {"3000": "Income", "4000": "Expense", "1460": "Asset"})
    response = tenant.post("/inventory", rich_stock_item())
    assert response.status_code == 201, response.text
    return tenant.get("/inventory/RICH").json()


def test_minimal_non_stock_item_is_a_valid_real_inventory_dto(tenant):
    assert tenant.post("/inventory", minimal_item()).status_code == 201
    assert_real(tenant.get("/inventory/ITEM1").json(), "inventory", "InventoryDto")


def test_rich_stock_item_is_a_valid_real_inventory_dto_with_its_members_filled(tenant):
    body = create_rich_item(tenant)
    assert_real(body, "inventory", "InventoryDto")
    for member in ("itemClass", "postingClass", "vatCode", "lotSerialClass", "costPriceStatistics", "note", "body"):
        assert body[member] is not None, member
    for member in ("defaultWarehouse", "defaultIssueFrom", "defaultReceiptTo", "unspsc"):
        assert body[member] is not None, member
    assert [d["warehouse"] for d in body["warehouseDetails"]] == ["2", "1"]
    assert body["crossReferences"][0]["alternateID"] == "7038010000003"
    assert all(body["intrastat"].values()) and all(body["packaging"].values())
    assert body["accountInformation"]["inventoryAccount"]["type"] == "Asset"


def test_every_list_element_is_valid_with_every_expand_flag_on_or_off(tenant):
    create_rich_item(tenant)
    assert tenant.post("/inventory", minimal_item()).status_code == 201
    off = {
        name: "false"
        for name in (
            "expandCrossReference",
            "expandAttachment",
            "expandAttribute",
            "expandWarehouseDetail",
            "expandAccountInformation",
            "expandInventoryUnits",
            "expandSupplierDetails",
            "expandSalesCategories",
            "expandNote",
        )
    }
    for params in ({}, {"addCostPriceStatistics": "true"}, off):
        elements = tenant.get("/inventory", params=params).json()
        assert len(elements) == 2
        for element in elements:
            assert_real(element, "inventory", "InventoryDto")
            assert_real(element["metadata"], "inventory", "MetadataDto")


def test_cleared_members_come_back_as_the_real_document_allows(tenant):
    create_rich_item(tenant)
    cleared = {
        name: {"value": None}
        for name in ("status", "body", "postingClass", "lotSerialClass", "vatCode", "unspsc", "salesAccount", "note")
    }
    cleared["defaultWarehouse"] = {"value": None}
    cleared["packaging"] = {"weightUOM": {"value": None}, "baseItemWeight": {"value": None}}
    assert tenant.put("/inventory/RICH", cleared).status_code == 204
    body = tenant.get("/inventory/RICH").json()
    assert "vatCode" not in body and "defaultWarehouse" not in body and body["packaging"]["baseItemWeight"] == 0
    assert "weightUOM" not in body["packaging"]
    assert_real(body, "inventory", "InventoryDto")


def test_item_and_posting_classes_are_valid_real_dtos(tenant):
    add_inventory_reference_data(tenant)
    for element in tenant.get("/inventory/itemClass").json():
        assert_real(element, "inventory", "ItemClassDto")
    assert_real(tenant.get("/inventory/itemclass/STOCK").json(), "inventory", "ItemClassDto")
    for element in tenant.get("/inventory/itemPostClass").json():
        assert_real(element, "inventory", "PostingClassDto")


def test_the_real_read_dto_spells_timestamp_in_lower_case():
    members = set(schemas("inventory")["InventoryDto"]["properties"])
    assert "timestamp" in members and "timeStamp" not in members
    assert contract_problems({"inventoryId": 1, "timeStamp": "AAAAAAAAAAE="}, "inventory", "InventoryDto")


@pytest.mark.parametrize(
    ("enum", "component", "member"),
    [
        (nettfin.InventoryStatus, "InventoryDto", "status"),
        (nettfin.InventoryStatus, "InventoryUpdateDto", "status"),
        (nettfin.InventoryType, "InventoryDto", "type"),
        (nettfin.InventoryType, "InventoryUpdateDto", "type"),
        (nettfin.InventoryType, "ItemClassDto", "type"),
        (nettfin.AlternateType, "InventoryCrossReferenceDto", "alternateType"),
        (nettfin.AlternateType, "CrossReferenceUpdateDto", "alternateType"),
    ],
)
def test_nettfins_enums_are_exactly_the_real_ones(enum, component, member):
    assert {value.value for value in enum} == real_enum("inventory", component, member)


@pytest.mark.parametrize(
    ("model", "component"),
    [
        (ITEM.write_model, "InventoryUpdateDto"),
        (SegmentUpdateDto, "SegmentUpdateDto"),
        (nettfin.PackagingUpdateDto, "PackagingUpdateDto"),
        (nettfin.CostPriceStatisticsUpdateDto, "CostPriceStatisticsUpdateDto"),
        (nettfin.IntrastatUpdateDto, "IntrastatUpdateDto"),
        (nettfin.WarehouseDetailUpdateDto, "WarehouseDetailUpdateDto"),
        (nettfin.CrossReferenceUpdateDto, "CrossReferenceUpdateDto"),
        (ITEM.read_model, "InventoryDto"),
        (ITEM_CLASS.read_model, "ItemClassDto"),
        (POSTING_CLASS.read_model, "PostingClassDto"),
        (nettfin.WarehouseDetailDto, "WarehouseDetailDto"),
        (nettfin.InventoryCrossReferenceDto, "InventoryCrossReferenceDto"),
    ],
)
def test_nettfins_models_use_only_real_member_names(model, component):
    invented = set(model.model_fields) - set(schemas("inventory")[component]["properties"])
    assert not invented, f"{model.__name__} has members the real {component} lacks: {sorted(invented)}"


def test_the_real_write_members_nettfin_leaves_to_the_ignored_header():
    real = set(schemas("inventory")["InventoryUpdateDto"]["properties"])
    assert real - set(ITEM.write_model.model_fields) == {"attributeLines", "supplierDetails"}


def test_nettfins_write_members_are_wrapped_and_typed_as_the_real_ones():
    assert not write_kind_mismatches(ITEM.write_model, "inventory", "InventoryUpdateDto")
    for model in (nettfin.PackagingUpdateDto, nettfin.WarehouseDetailUpdateDto, nettfin.CrossReferenceUpdateDto):
        assert not write_kind_mismatches(model, "inventory", model.__name__)


@pytest.mark.parametrize("path", ["/inventory", "/inventory/itemClass", "/inventory/itemPostClass"])
def test_the_list_query_parameters_are_the_real_ones(client, path):
    ours, real = query_names(client, path), real_query_names("inventory", path) - {"erp-api-background"}
    assert real <= ours
    # The shared paging dependency also accepts the deprecated no-op parameters on every paged list.
    assert ours - real <= {"numberToRead", "skipRecords", "orderBy"}


def test_the_bodies_used_here_are_valid_real_inventory_update_dtos():
    assert_real(minimal_item(), "inventory", "InventoryUpdateDto")
    assert_real(rich_stock_item(), "inventory", "InventoryUpdateDto")
    assert contract_problems(minimal_item(type={"value": "StockItem"}), "inventory", "InventoryUpdateDto")
