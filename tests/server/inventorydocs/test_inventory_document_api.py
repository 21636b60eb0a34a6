"""Inventory receipts, issues, adjustments and transfers (IN301000-IN304000) through the app on both databases:
bodies validated against the real documents; release moves the stock and posts module IN (receipt: inventory
against the adjustment account; issue: COGS against inventory; adjustment: either way; transfer: nothing posted,
the account is the item's); bad input refused naming the field, nothing written."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nettfin.server.inventorydocs.schemas import (
    InventoryAdjustmentUpdateDto,
    InventoryIssueUpdateDto,
    InventoryReceiptUpdateDto,
    InventoryTransferUpdateDto,
)
from tests.inventory_document_factories import (
    PATHS,
    allocation,
    body,
    create,
    enter_and_release,
    line,
    on_hand_value,
    read,
    release,
    stock_snapshot,
    transfer_body,
    transfer_line,
)
from tests.ledger_factories import assert_real, close_period, real_query_parameters
from tests.party_factories import query_names, write_kind_mismatches
from tests.stock_factories import add_stock_setup
from tests.supplier_ledger_factories import account_balance, assert_sound_books, wrap

WRITE_DTOS = {
    "Receipt": (InventoryReceiptUpdateDto, "InventoryReceiptUpdateDto", "/v1/inventoryReceipt"),
    "Issue": (InventoryIssueUpdateDto, "InventoryIssueUpdateDto", "/v1/inventoryissue"),
    "Adjustment": (InventoryAdjustmentUpdateDto, "InventoryAdjustmentUpdateDto", "/v1/inventoryadjustment"),
    "Transfer": (InventoryTransferUpdateDto, "InventoryTransferUpdateDto", "/v1/inventoryTransfer"),
}


@pytest.fixture
def stock(tenant):
    add_stock_setup(tenant)
    return tenant


def assert_real_document(found: dict, kind: str) -> None:
    _path, _lines, name, component = PATHS[kind]
    assert_real(found, name, component)


def receive(tenant, *lines: dict) -> str:
    return enter_and_release(tenant, "Receipt", body("Receipt", *lines))


@pytest.mark.parametrize("kind", list(WRITE_DTOS))
def test_the_write_bodies_and_list_parameters_are_the_real_ones(client, kind):
    model, component, path = WRITE_DTOS[kind]
    name = PATHS[kind][2]
    assert write_kind_mismatches(model, name, component) == {}
    assert real_query_parameters(name, path) <= query_names(client, PATHS[kind][0])


def test_a_receipt_is_created_balanced_read_as_the_real_dto_and_released_into_stock(stock):
    response = stock.post(
        "/inventoryReceipt", body("Receipt", line("AVG", 10, unitCost="12.50"), line("FIFO", 4, extCost="20"))
    )
    number = create_number = response.headers["Location"].rsplit("/", 1)[-1]
    assert response.status_code == 201, response.text
    found = read(stock, "Receipt", number)
    assert_real_document(found, "Receipt")
    assert (found["status"], found["hold"], found["postPeriod"]) == ("Balanced", False, "032020")
    assert (found["totalQuantity"], found["totalCost"], found["controlCost"]) == (14, 145.0, 145.0)
    lines = found["receiptLines"]
    assert [(x["inventoryItem"]["number"], x["warehouse"]["id"], x["unitCost"], x["extCost"]) for x in lines] == [
        ("AVG", "MAIN", 12.5, 125.0),
        ("FIFO", "MAIN", 5.0, 20.0),
    ]
    assert release(stock, "Receipt", create_number).status_code == 200
    released = read(stock, "Receipt", number)
    assert_real_document(released, "Receipt")
    assert released["status"] == "Released" and released["batchNumber"]
    assert account_balance(stock, "1400") == Decimal("145.00")
    assert account_balance(stock, "4090") == Decimal("-145.00")
    assert on_hand_value(stock) == Decimal("145.00")
    journal = stock.get(f"/journaltransaction/{released['batchNumber']}").json()
    assert journal["module"] == "ModuleIN"
    listed = stock.get("/inventoryReceipt").json()
    assert [x["referenceNumber"] for x in listed] == [number]
    for element in listed:
        assert_real_document(element, "Receipt")
        assert element["metadata"]["totalCount"] == 1
    assert_sound_books(stock)


def test_each_type_numbers_its_own_documents(stock):
    receipt = receive(stock, line("AVG", 5, unitCost="10"))
    issue = create(stock, "Issue", body("Issue", line("AVG", 1)))
    assert receipt == issue == "000001"


def test_an_issue_credits_inventory_at_the_layers_cost_and_debits_cogs(stock):
    receive(stock, line("FIFO", 2, unitCost="10"), line("AVG", 4, unitCost="5"))
    receive(stock, line("FIFO", 2, unitCost="20"))
    number = enter_and_release(stock, "Issue", body("Issue", line("FIFO", 3, unitPrice="50"), line("AVG", 1)))
    found = read(stock, "Issue", number)
    assert_real_document(found, "Issue")
    lines = found["issueLines"]
    assert [(x["transactionType"], x["extCost"], x["extPrice"]) for x in lines] == [
        ("Issue", 40.0, 150.0),
        ("Issue", 5.0, 0.0),
    ]
    assert found["totalAmount"] == 150.0
    assert account_balance(stock, "4300") == Decimal("45.00")
    assert account_balance(stock, "1400") == on_hand_value(stock) == Decimal("35.00")
    assert_sound_books(stock)


def test_a_return_line_on_an_issue_receives_against_cogs(stock):
    receive(stock, line("AVG", 2, unitCost="10"))
    number = enter_and_release(stock, "Issue", body("Issue", line("AVG", 1, tranType="Return", unitCost="10")))
    assert read(stock, "Issue", number)["issueLines"][0]["transactionType"] == "Return"
    assert account_balance(stock, "4300") == Decimal("-10.00")
    assert account_balance(stock, "1400") == on_hand_value(stock) == Decimal("30.00")


def test_an_adjustment_adds_and_removes_stock_against_the_adjustment_account(stock):
    receive(stock, line("AVG", 10, unitCost="3"))
    number = enter_and_release(stock, "Adjustment", body("Adjustment", line("AVG", -4), line("FIFO", 2, unitCost="7")))
    found = read(stock, "Adjustment", number)
    assert_real_document(found, "Adjustment")
    assert [(x["quantity"], x["extCost"]) for x in found["adjusmentLines"]] == [(-4, -12.0), (2, 14.0)]
    assert found["totalCost"] == 2.0
    assert account_balance(stock, "1400") == on_hand_value(stock) == Decimal("32.00")
    assert account_balance(stock, "4090") == Decimal("-32.00")
    assert_sound_books(stock)


def test_a_transfer_moves_the_stock_and_its_value_and_posts_nothing(stock):
    receive(stock, line("FIFO", 5, unitCost="4", locationId="B1"))
    number = enter_and_release(stock, "Transfer", transfer_body(transfer_line("FIFO", 3, locationId="B1")))
    found = read(stock, "Transfer", number)
    assert_real_document(found, "Transfer")
    assert (found["warehouse"]["id"], found["toWarehouse"]["id"], found["status"]) == ("MAIN", "SIDE", "Released")
    assert "batchNumber" not in found
    assert found["transferLines"][0]["location"]["id"] == "B1"
    assert account_balance(stock, "1400") == on_hand_value(stock) == Decimal("20.00")
    listed = stock.get("/inventoryTransfer", params={"toWarehouse": "SIDE"}).json()
    assert [x["referenceNumber"] for x in listed] == [number]
    assert stock.get("/inventoryTransfer", params={"warehouse": "SIDE"}).json() == []
    within = enter_and_release(
        stock, "Transfer", transfer_body(transfer_line("FIFO", 2, locationId="B1", toLocationId="A1"), to="MAIN")
    )
    assert read(stock, "Transfer", within)["transferLines"][0]["toLocation"]["id"] == "A1"


def test_lots_and_serials_by_allocation(stock):
    receive(
        stock,
        line("LOT", None, allocations=[allocation(3, lot="L1"), allocation(2, lot="L2")], unitCost="1"),
        line("SER", None, allocations=[allocation(1, lot="S1"), allocation(1, lot="S2")], unitCost="100"),
    )
    number = enter_and_release(
        stock, "Issue", body("Issue", line("LOT", 2, lotSerialNumber="L2"), line("SER", 1, lotSerialNumber="S1"))
    )
    found = read(stock, "Issue", number)
    assert [x["lotSerialNumber"] for x in found["issueLines"]] == ["L2", "S1"]
    receipt = read(stock, "Receipt", "000001")
    assert [a["lotSerialNumber"] for a in receipt["receiptLines"][0]["allocations"]] == ["L1", "L2"]
    assert receipt["receiptLines"][0]["quantity"] == 5
    reused = create(stock, "Receipt", body("Receipt", line("SER", 1, allocations=[allocation(1, lot="S2")])))
    before = stock_snapshot(stock)
    refused = release(stock, "Receipt", reused)
    assert refused.status_code == 400
    assert "serial number 'S2'" in refused.json()["message"]
    assert stock_snapshot(stock) == before
    missing = create(stock, "Receipt", body("Receipt", line("LOT", 1)))
    refused = release(stock, "Receipt", missing)
    assert "lot number is required" in refused.json()["message"]


def test_issuing_more_than_on_hand_is_refused_with_nothing_written(stock):
    receive(stock, line("AVG", 2, unitCost="10"))
    number = create(stock, "Issue", body("Issue", line("AVG", 3)))
    before = stock_snapshot(stock)
    refused = release(stock, "Issue", number)
    assert refused.status_code == 400
    assert "negative quantity on hand" in refused.json()["message"]
    assert stock_snapshot(stock) == before
    assert read(stock, "Issue", number)["status"] == "Balanced"
    assert account_balance(stock, "1400") == Decimal("20.00")


def test_bad_references_are_refused_naming_the_field(stock):
    payload = body(
        "Receipt",
        line("NOPE", 1),
        line("AVG", 1, warehouse="NOWHERE"),
        line("AVG", 1, locationId="Z9"),
        line("AVG", 0),
        line("AVG", 1, reasonCode="SCRAP"),
    )
    response = stock.post("/inventoryReceipt", payload)
    assert response.status_code == 400
    message = response.json()["message"]
    assert "receiptLines[0]: Item ID 'NOPE' cannot be found in the system." in message
    assert "receiptLines[1]: Warehouse 'NOWHERE' cannot be found in the system." in message
    assert "receiptLines[2]: Location 'Z9' cannot be found in warehouse 'MAIN'." in message
    assert "receiptLines[3]: 'Quantity' must be greater than 0" in message
    assert "receiptLines[4]: 'Reason code'" in message
    assert stock.get("/inventoryReceipt").json() == []
    response = stock.post("/inventoryTransfer", transfer_body(transfer_line("AVG", 1), to="ELSEWHERE"))
    assert "To 'ELSEWHERE' cannot be found in the system." in response.json()["message"]
    response = stock.post("/inventoryadjustment", body("Adjustment", line("AVG", 0, extCost="5")))
    assert "cost of the stock on hand alone is not served" in response.json()["message"]
    response = stock.post("/inventoryissue", body("Issue", line("AVG", 1, tranType="Invoice")))
    assert "Accepted values: Issue, Return." in response.json()["message"]
    response = stock.post("/inventoryissue", body("Issue", line("AVG", "1e30", unitCost="1e40")))
    assert response.status_code == 400
    assert "'quantity' must be less than 1,000,000,000,000" in response.json()["message"]
    assert "'unitCost' must be less than" in response.json()["message"]
    assert stock.get("/inventoryissue").json() == []


def test_hold_control_totals_and_put(stock):
    number = create(stock, "Receipt", body("Receipt", line("AVG", 2, unitCost="5"), hold=True, controlQuantity="3"))
    assert read(stock, "Receipt", number)["status"] == "Hold"
    refused = release(stock, "Receipt", number)
    assert refused.status_code == 400 and "on hold" in refused.json()["message"]
    refused = stock.put(f"/inventoryReceipt/{number}", wrap(hold=False))
    assert refused.status_code == 400 and "control quantity 3.00" in refused.json()["message"]
    update = {
        **wrap(hold=False, controlQuantity="3", description="Endret"),
        "receiptLines": [{"operation": "Update", **wrap(lineNumber=1, quantity="3")}],
    }
    assert stock.put(f"/inventoryReceipt/{number}", update).status_code == 204
    found = read(stock, "Receipt", number)
    assert (found["status"], found["totalQuantity"], found["totalCost"], found["description"]) == (
        "Balanced",
        3,
        15.0,
        "Endret",
    )
    assert release(stock, "Receipt", number).status_code == 200
    again = release(stock, "Receipt", number)
    assert again.status_code == 400 and "already released" in again.json()["message"]
    put = stock.put(f"/inventoryReceipt/{number}", wrap(description="Etter"))
    assert put.status_code == 400 and "already released" in put.json()["message"]
    assert read(stock, "Receipt", number)["description"] == "Endret"
    assert stock.get("/inventoryReceipt/999999").status_code == 404


def test_release_in_a_closed_period_is_refused_with_nothing_written(stock):
    number = create(stock, "Receipt", body("Receipt", line("AVG", 2, unitCost="5")))
    close_period(stock, "202003", closed_in_inventory_management=True)
    before = stock_snapshot(stock)
    refused = release(stock, "Receipt", number)
    assert refused.status_code == 400
    assert "closed in the Inventory management" in refused.json()["message"]
    assert stock_snapshot(stock) == before
    assert account_balance(stock, "1400") == Decimal(0)


def test_list_filters(stock):
    first = receive(stock, line("AVG", 1, unitCost="1"))
    held = create(stock, "Receipt", body("Receipt", line("AVG", 1), hold=True, date="2020-04-01T00:00:00"))

    def numbers(**params):
        response = stock.get("/inventoryReceipt", params=params)
        assert response.status_code == 200, response.text
        return [x["referenceNumber"] for x in response.json()]

    assert numbers(status="Hold") == [held]
    assert numbers(status="Released") == [first]
    assert numbers(date="2020-03-15", dateCondition=">") == [held]
    assert numbers(greaterThanValue=first) == [held]
    assert numbers(pageSize=1, pageNumber=2) == [held]


def test_allocations_name_their_locations_and_a_transfer_moves_lots_by_allocation(stock):
    receive(stock, line("LOT", None, unitCost="2", allocations=[allocation(3, lot="L1", location="B1")]))
    found = stock.get("/inventoryReceipt").json()[0]
    assert found["receiptLines"][0]["allocations"][0]["location"]["id"] == "B1"
    assert_real_document(found, "Receipt")
    number = enter_and_release(
        stock,
        "Transfer",
        transfer_body(transfer_line("LOT", None, allocations=[allocation(2, lot="L1", location="B1")])),
    )
    moved = read(stock, "Transfer", number)
    assert_real_document(moved, "Transfer")
    assert moved["transferLines"][0]["allocations"][0]["quantity"] == 2
    refused = stock.post(
        "/inventoryTransfer", transfer_body(transfer_line("LOT", None, allocations=[allocation(1, location="Q7")]))
    )
    assert refused.status_code == 400
    assert "Location 'Q7' cannot be found in warehouse 'MAIN'." in refused.json()["message"]
    assert account_balance(stock, "1400") == on_hand_value(stock) == Decimal("6.00")
