"""The item's `updateCost` action (its pending cost becomes its current cost; stock valued at standard is revalued
and the difference posted), the inventory summary (`/v1/inventorysummary/{inventoryNumber}`) and the item's cost
statistics from the cost layers, through the app on both databases, validated against the real documents."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from nettfin.server.inventory.models import InventoryItem
from nettfin.server.ledger.invariants import account_balance
from nettfin.server.ledger.journal import JournalBatch, Module
from nettfin.server.ledger.posting import Source, ledger_invariants, post
from nettfin.server.stock.accounts import Role, posting_lines
from nettfin.server.stock.engine import Move, StockSource, receive
from nettfin.server.stock.models import CostLayer, StockMovement
from tests.ledger_factories import close_period
from tests.party_factories import assert_real
from tests.server.inventory.test_warehouse_api import message_of
from tests.stock_factories import add_stock_setup, item, location, warehouse

DAY = date(2020, 3, 2)


@pytest.fixture
def stock(tenant):
    add_stock_setup(tenant)
    return tenant


def _receive(tenant, number, quantity, cost, wh="MAIN", loc=None, lot=""):
    with tenant.database.writing() as session:
        place = location(session, tenant, wh, loc) if loc else None
        move = Move(item(session, tenant, number), warehouse(session, tenant, wh), Decimal(quantity), place, lot)
        move = Move(move.item, move.warehouse, move.quantity, place, lot, Decimal(cost))
        moved = receive(session, tenant.company_id, [move], on=DAY, source=StockSource("Test", "1"))
        post(
            session,
            company_id=tenant.company_id,
            module=Module.IN,
            period="202003",
            date=DAY,
            description="receipt",
            source=Source("Test", "1"),
            lines=posting_lines(moved, offset=Role.ADJUSTMENT, inbound=True),
        )


def _pending(tenant, number, cost, on=datetime(2020, 4, 1, tzinfo=UTC)):
    with tenant.database.writing() as session:
        found = item(session, tenant, number)
        found.pending_cost, found.pending_cost_date = Decimal(cost), on


def _state(tenant, number="STD"):
    with tenant.database.reading() as session:
        found = item(session, tenant, number)
        layers = session.execute(
            select(func.sum(CostLayer.quantity), func.sum(CostLayer.value)).where(CostLayer.item_id == found.id)
        ).one()
        moved = session.execute(
            select(func.sum(StockMovement.quantity), func.sum(StockMovement.value)).where(
                StockMovement.item_id == found.id
            )
        ).one()
        assert tuple(layers) == tuple(moved)  # the engine's invariant
        assert not ledger_invariants(session, tenant.company_id)
        batches = session.scalar(
            select(func.count()).select_from(JournalBatch).where(JournalBatch.company_id == tenant.company_id)
        )
        return found.current_cost, layers[1], account_balance(session, tenant.company_id, "1400"), batches


def _update(tenant, number="STD"):
    response = tenant.post(f"/inventory/{number}/action/updateCost")
    return response


def test_update_cost_revalues_standard_stock_on_hand_and_posts_the_difference(stock):
    _receive(stock, "STD", 4, "11.00")  # stocked at the standard 10: 40, variance 4
    _receive(stock, "STD", 2, "10.00", wh="SIDE")
    assert _state(stock)[:3] == (Decimal("10.00"), Decimal("60.00"), Decimal("60.00"))
    _pending(stock, "STD", "12.50")
    response = _update(stock)
    assert response.status_code == 200, response.text
    assert_real(response.json(), "inventory", "UpdateCostActionResultDto")
    assert response.json()["actionResult"] == "Done"
    cost, value, inventory, _ = _state(stock)
    assert (cost, value, inventory) == (Decimal("12.50"), Decimal("75.00"), Decimal("75.00"))
    with stock.database.reading() as session:
        # The revaluation is against the variance account (the posting class names no revaluation account).
        assert account_balance(session, stock.company_id, "4091") == Decimal("4.00") - Decimal("15.00")
        batch = session.scalars(
            select(JournalBatch).where(
                JournalBatch.company_id == stock.company_id, JournalBatch.source_type == "CostUpdate"
            )
        ).one()
        assert (batch.period_id, batch.transaction_date, batch.module) == ("202004", date(2020, 4, 1), "IN")
    item_body = stock.get("/inventory/STD").json()
    assert (item_body["currentCost"], item_body["effectiveDate"]) == (12.5, "2020-04-01T00:00:00")
    # The next receipt is stocked at the new standard.
    _receive(stock, "STD", 1, "12.50")
    assert _state(stock)[1:3] == (Decimal("87.50"), Decimal("87.50"))


def test_a_lower_standard_takes_value_off_and_nothing_pending_is_done_with_no_change(stock):
    _receive(stock, "STD", 3, "10.00")
    _pending(stock, "STD", "9.99")
    assert _update(stock).status_code == 200
    assert _state(stock)[:3] == (Decimal("9.99"), Decimal("29.97"), Decimal("29.97"))
    before = _state(stock)
    again = _update(stock)  # nothing pending any more
    assert again.status_code == 200 and _state(stock) == before


def test_average_and_fifo_items_take_the_cost_without_a_revaluation(stock):
    _receive(stock, "AVG", 2, "7.00")
    _pending(stock, "AVG", "9.00")
    batches = _state(stock, "AVG")[3]
    assert _update(stock, "AVG").status_code == 200
    assert _state(stock, "AVG") == (Decimal("9.00"), Decimal("14.00"), Decimal("14.00"), batches)


def _refused(tenant, number, status=400) -> str:
    before = _state(tenant, number) if number != "NOPE" else None
    response = _update(tenant, number)
    assert response.status_code == status, response.text
    if before is not None:
        assert _state(tenant, number) == before  # nothing written
    return message_of(response)


def test_what_update_cost_refuses_changes_nothing(stock):
    assert _refused(stock, "NOPE", 404) == "Inventory item 'NOPE' not found."
    _receive(stock, "STD", 1, "10.00")
    _pending(stock, "STD", "11.00", on=datetime(2999, 1, 1, tzinfo=UTC))
    assert "takes effect on 2999-01-01; it cannot be applied before then." in _refused(stock, "STD")
    _pending(stock, "STD", "11.00")
    close_period(stock, "202004", closed_in_inventory_management=True)
    assert "Financial period '202004' is closed in the Inventory management." in _refused(stock, "STD")
    with stock.database.reading() as session:
        assert session.get(InventoryItem, item(session, stock, "STD").id).pending_cost_date is not None


def test_the_inventory_summary_is_per_warehouse_and_location(stock):
    _receive(stock, "LOT", 3, "5.00", loc="A1", lot="L1")
    _receive(stock, "LOT", 2, "6.00", loc="A1", lot="L2")
    _receive(stock, "LOT", 4, "5.00", loc="B1", lot="L1")
    _receive(stock, "LOT", 1, "8.00", wh="SIDE", lot="L3")
    with stock.database.writing() as session:
        location(session, stock, "MAIN", "B1").include_in_available = False
    response = stock.get("/inventorysummary/LOT")
    assert response.status_code == 200, response.text
    rows = response.json()
    for row in rows:
        assert_real(row, "inventorysummary", "InventorySummaryDto")
    summary = [
        (r["warehouse"]["id"], r.get("location", {}).get("name"), r["onHand"], r["available"], r["notAvailable"])
        for r in rows
    ]
    assert summary == [("MAIN", "A1", 5, 5, 0), ("MAIN", "B1", 4, 0, 4), ("SIDE", None, 1, 1, 0)]
    main = rows[0]
    assert (main["estimatedUnitCost"], main["estimatedTotalCost"], main["soBooked"]) == (5.22, 26.11, 0)
    assert main["inventory"] == {"number": "LOT", "description": "Item LOT"} and main["baseUnit"] == "STK"
    only = stock.get("/inventorysummary/LOT", params={"warehouse": "MAIN", "location": "B1"}).json()
    assert [(r["location"]["name"], r["onHand"]) for r in only] == [("B1", 4)]
    assert message_of(stock.get("/inventorysummary/LOT", params={"warehouse": "NOPE"})) == "Warehouse 'NOPE' not found."
    assert message_of(stock.get("/inventorysummary/NOPE")) == "Inventory item 'NOPE' not found."
    # An item with no stock: a row of zeros for each warehouse it is kept in, none otherwise.
    assert stock.get("/inventorysummary/FIFO").json() == []


def test_cost_statistics_read_the_cost_layers(stock):
    _receive(stock, "FIFO", 2, "10.00")
    _receive(stock, "FIFO", 2, "14.00")
    statistics = stock.get("/inventory/FIFO").json()["costPriceStatistics"]
    assert (statistics["averageCost"], statistics["minCost"], statistics["maxCost"]) == (12, 10, 14)
    listed = stock.get("/inventory", params={"addCostPriceStatistics": "true", "inventoryNumber": "FIFO"}).json()
    assert listed[0]["costPriceStatistics"] == statistics
    assert stock.get("/inventory/AVG").json()["costPriceStatistics"]["averageCost"] == 0


def test_warehouse_details_show_the_stock_on_hand(stock):
    _receive(stock, "AVG", 3, "5.00", loc="A1")
    _receive(stock, "AVG", 2, "5.00", loc="B1")
    with stock.database.writing() as session:
        location(session, stock, "MAIN", "B1").include_in_available = False
    details = {"warehouseDetails": [{"operation": "Insert", "warehouse": {"value": w}} for w in ("MAIN", "SIDE")]}
    assert stock.put("/inventory/AVG", details).status_code == 204
    shown = {
        d["warehouse"]: (d["quantityOnHand"], d["available"], d["availableForShipment"])
        for d in stock.get("/inventory/AVG").json()["warehouseDetails"]
    }
    assert shown == {"MAIN": (5, 3, 3), "SIDE": (0, 0, 0)}
    listed = stock.get("/inventory", params={"expandWarehouseDetail": "true", "inventoryNumber": "AVG"}).json()
    assert {d["warehouse"]: d["quantityOnHand"] for d in listed[0]["warehouseDetails"]} == {"MAIN": 5, "SIDE": 0}
