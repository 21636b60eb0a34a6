"""Warehouses (IN204000, `/v1/warehouse`): list, get and the location POST and PUT through the app on both
databases, validated against the real `WarehouseDto`; the location rules and what they refuse (nothing written)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import update

from nettfin.server.inventory.models import Warehouse
from nettfin.server.stock.engine import Move, StockSource, receive
from tests.party_factories import assert_real, query_names, real_query_names
from tests.stock_factories import add_stock_setup, item, warehouse


@pytest.fixture
def stock(tenant):
    add_stock_setup(tenant)
    return tenant


def _warehouse(tenant, code="MAIN") -> dict:
    response = tenant.get(f"/warehouse/{code}")
    assert response.status_code == 200, response.text
    assert_real(response.json(), "warehouse", "WarehouseDto")
    return response.json()


def _location(tenant, code, warehouse_code="MAIN") -> dict:
    found = [loc for loc in _warehouse(tenant, warehouse_code)["locations"] if loc["locationId"] == code]
    assert len(found) == 1
    return found[0]


def test_the_list_and_a_warehouse_are_the_real_dto(stock):
    response = stock.get("/warehouse", params={"pageSize": 10})
    assert response.status_code == 200
    body = response.json()
    assert [w["warehouseID"] for w in body] == ["MAIN", "SIDE"]
    for element in body:
        assert_real(element, "warehouse", "WarehouseDto")
        assert element["metadata"]["totalCount"] == 2
    main = _warehouse(stock)
    assert main["active"] is True and main["locationEntry"] == "Validate"
    assert [loc["locationId"] for loc in main["locations"]] == ["A1", "B1"]
    assert main["locations"][0] == {
        "locationId": "A1",
        "active": True,
        "inclQtyAvail": True,
        "isCosted": False,
        "salesValid": True,
        "receiptsValid": True,
        "transfersValid": True,
        "assemblyValid": True,
        "primaryItemValid": "PrimaryNothing",
    }
    assert _warehouse(stock, "SIDE")["locations"] == []
    assert response.headers.get("ETag") is None


def test_the_list_filters_are_the_real_ones(stock, client):
    assert query_names(client, "/warehouse") >= real_query_names("warehouse", "/warehouse") - {"erp-api-background"}
    with stock.database.writing() as session:
        session.execute(
            update(Warehouse)
            .where(Warehouse.company_id == stock.company_id, Warehouse.warehouse_id == "SIDE")
            .values(active=False, branch_number="2")
        )
    assert [w["warehouseID"] for w in stock.get("/warehouse", params={"active": "false"}).json()] == ["SIDE"]
    assert [w["warehouseID"] for w in stock.get("/warehouse", params={"active": "true"}).json()] == ["MAIN"]
    assert [w["warehouseID"] for w in stock.get("/warehouse", params={"branch": "2"}).json()] == ["SIDE"]
    assert stock.get("/warehouse/SIDE").json()["branch"] == {"number": "2"}


def test_an_unknown_warehouse_is_404(stock):
    response = stock.get("/warehouse/NOPE")
    assert response.status_code == 404
    assert message_of(response) == "Warehouse 'NOPE' not found."


def test_a_new_location_is_201_with_its_location_and_shows_on_the_warehouse(stock):
    before = stock.get("/warehouse/MAIN").headers["ETag"]
    body = {
        "locationId": {"value": "C1"},
        "description": {"value": "Reol C"},
        "inclQtyAvail": {"value": False},
        "isCosted": {"value": True},
        "pickPriority": {"value": 3},
        "primaryItemValid": {"value": "PrimaryItemWarning"},
        "primaryItemId": {"value": "AVG"},
        "primaryItemClassId": {"value": "AVERAGE"},
    }
    response = stock.post("/warehouse/MAIN/location", body)
    assert response.status_code == 201, response.text
    assert response.headers["Location"].endswith("/v1/warehouse/MAIN/location/C1")
    assert response.headers["ETag"] != before
    found = _location(stock, "C1")
    assert found["description"] == "Reol C"
    assert (found["inclQtyAvail"], found["isCosted"], found["primaryItemValid"]) == (False, True, "PrimaryItemWarning")
    assert found["primaryItem"] == {"number": "AVG", "description": "Item AVG"}
    assert found["primaryItemClass"]["id"] == "AVERAGE"


def test_a_location_update_changes_what_is_sent_only(stock):
    response = stock.put(
        "/warehouse/MAIN/location/B1", {"description": {"value": "Reol B, nede"}, "salesValid": {"value": False}}
    )
    assert response.status_code == 204, response.text
    found = _location(stock, "B1")
    assert (found["description"], found["salesValid"], found["receiptsValid"]) == ("Reol B, nede", False, True)


def _refused(tenant, method, path, body, status=400) -> str:
    before = tenant.get("/warehouse/MAIN").json()
    response = getattr(tenant, method)(path, body)
    assert response.status_code == status, response.text
    after = tenant.get("/warehouse/MAIN").json()
    assert after == before  # nothing written
    return message_of(response)


def message_of(response) -> str:
    """The error's message without the `VismaId: ... ` it starts with."""
    return response.json()["message"].split(". ", 1)[1]


def test_bad_locations_are_refused_with_every_problem_and_nothing_written(stock):
    message = _refused(
        stock,
        "post",
        "/warehouse/MAIN/location",
        {
            "locationId": {"value": "a1"},
            "primaryItemId": {"value": "NOPE"},
            "primaryItemClassId": {"value": "NOCLASS"},
            "pickPriority": {"value": -1},
            "projectId": {"value": "PRJ1"},
        },
    )
    assert "'Location ID' 'a1' already exists; choose another." in message
    assert "Inventory item 'NOPE' cannot be found in the system." in message
    assert "Item class 'NOCLASS' cannot be found in the system." in message
    assert "'Pick priority' cannot be less than 0; -1 was given." in message
    assert "'projectId'" in message
    assert message.startswith("Error inserting the location.")
    assert "'Location ID' cannot be empty." in _refused(
        stock, "post", "/warehouse/MAIN/location", {"description": {"value": "x"}}
    )
    assert (
        _refused(stock, "post", "/warehouse/NOPE/location", {"locationId": {"value": "X"}}, 404)
        == "Warehouse 'NOPE' not found."
    )
    assert (
        _refused(stock, "put", "/warehouse/MAIN/location/ZZ", {"active": {"value": False}}, 404)
        == "Location 'ZZ' not found."
    )


def test_a_location_holding_stock_cannot_be_deactivated(stock):
    with stock.database.writing() as session:
        receive(
            session,
            stock.company_id,
            [Move(item(session, stock, "AVG"), warehouse(session, stock, "MAIN"), Decimal(2), unit_cost=Decimal(5))],
            on=date(2020, 3, 2),
            source=StockSource("Test", "1"),
        )
    message = _refused(stock, "put", "/warehouse/MAIN/location/A1", {"active": {"value": False}})
    assert "The location 'A1' of warehouse 'MAIN' holds stock (2 on hand); it cannot be deactivated" in message
    # B1 holds nothing: it may be deactivated.
    assert stock.put("/warehouse/MAIN/location/B1", {"active": {"value": False}}).status_code == 204
    assert _location(stock, "B1")["active"] is False


def test_the_receiving_location_keeps_taking_receipts(stock):
    with stock.database.writing() as session:
        session.execute(
            update(Warehouse)
            .where(Warehouse.company_id == stock.company_id, Warehouse.warehouse_id == "MAIN")
            .values(receipt_location_cd="B1")
        )
    assert _warehouse(stock)["receiptLocation"] == {"id": "B1"}
    message = _refused(stock, "put", "/warehouse/MAIN/location/B1", {"receiptsValid": {"value": False}})
    assert (
        "The location 'B1' of warehouse 'MAIN' is its receiving location: it must be active and allow receipts."
        in message
    )


def test_a_stale_if_match_is_412_and_a_different_location_id_is_ignored(stock):
    etag = stock.get("/warehouse/MAIN").headers["ETag"]
    assert stock.put("/warehouse/MAIN/location/A1", {"description": {"value": "x"}}).status_code == 204
    stale = stock.put("/warehouse/MAIN/location/A1", {"description": {"value": "y"}}, headers={"If-Match": etag})
    assert stale.status_code == 412
    renamed = stock.put("/warehouse/MAIN/location/A1", {"locationId": {"value": "Q9"}, "description": {"value": "z"}})
    assert renamed.status_code == 204
    assert "locationId" in renamed.headers["X-Nettfin-Ignored-Fields"]
    assert _location(stock, "A1")["description"] == "z"


def test_another_company_does_not_see_the_warehouses(stock, other_tenant):
    assert other_tenant.get("/warehouse/MAIN").status_code == 404
    assert other_tenant.post("/warehouse/MAIN/location", {"locationId": {"value": "X"}}).status_code == 404
