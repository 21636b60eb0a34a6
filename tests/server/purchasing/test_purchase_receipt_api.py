"""Purchase receipts (PO302000) through the API on both databases: receipts and returns from purchase order
lines, the over-receipt rule, release through the stock engine and the ledger (inventory or expense against the
PO accrual), the order's received quantities and status, the v2 and basic endpoints, the printout, the order's
createpurchasereceipt action, bad input refused with nothing written, and supplier invoices that bill receipt
lines and clear the accrual (purchase price variance for the difference)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from nettfin.server.ledger.invariants import account_balance
from nettfin.server.stock.models import StockMovement, StockQuantity
from tests.factories import new_number
from tests.ledger_factories import assert_real, close_period
from tests.party_factories import DEMO_API, seeded_demo
from tests.receipt_factories import PPV_ACCOUNT, add_buying_company, order, receipt_body

DOC, DTO = "purchasereceipt", "PurchaseReceiptDto"


def _receipt(tenant, body) -> str:
    return new_number(tenant.post("/PurchaseReceipt", body))


def _release(tenant, number):
    return tenant.post(f"/PurchaseReceipt/{number}/action/release")


def _balance(tenant, account) -> Decimal:
    with tenant.database.reading() as session:
        return account_balance(session, tenant.company_id, account)


def _on_hand(tenant) -> Decimal:
    with tenant.database.reading() as session:
        return session.scalar(
            select(func.coalesce(func.sum(StockQuantity.on_hand), 0)).where(
                StockQuantity.company_id == tenant.company_id
            )
        )


def _message(response) -> str:
    return response.json()["message"]


def test_a_receipt_takes_the_order_lines_cost_and_release_stocks_and_posts_the_accrual(tenant):
    add_buying_company(tenant)
    po = order(tenant, ("AVG", 4, 10, "MAIN"), ("BOK", 2, 50))
    number = _receipt(tenant, receipt_body(po, (1, 3, {"locationId": {"value": "B1"}}), (2, 2)))
    receipt = tenant.get(f"/PurchaseReceipt/{number}").json()
    assert_real(receipt, DOC, DTO)
    assert (receipt["status"], receipt["totalQty"], receipt["totalAmt"], receipt["postPeriod"]) == (
        "Balanced",
        5.0,
        130.0,
        "032020",
    )
    first = receipt["lines"][0]
    assert (first["poOrderNbr"], first["poOrderLineNbr"], first["unitCost"], first["location"]["id"]) == (
        po,
        1,
        10.0,
        "B1",
    )

    response = _release(tenant, number)
    assert response.status_code == 200, response.text
    assert tenant.get(f"/PurchaseReceipt/{number}").json()["status"] == "Released"
    assert _on_hand(tenant) == Decimal(3)
    assert (_balance(tenant, "1400"), _balance(tenant, "4300"), _balance(tenant, "2490")) == (
        Decimal("30.00"),
        Decimal("100.00"),
        Decimal("-130.00"),
    )
    ordered = tenant.get(f"/purchaseorder/{po}").json()
    assert [(x["qtyOnReceipts"], x["receivedAmt"], x["completed"]) for x in ordered["lines"]] == [
        (3.0, 30.0, False),
        (2.0, 100.0, True),
    ]
    assert ordered["status"] == "Open" and ordered["openQuantity"] == 1.0
    assert ordered["purchaseReceipts"][0]["receiptNumber"] == number

    rest = _receipt(tenant, receipt_body(po, (1, 1)))
    assert _release(tenant, rest).status_code == 200
    assert tenant.get(f"/purchaseorder/{po}").json()["status"] == "Closed"


def test_a_return_issues_the_stock_back_and_reverses_the_accrual(tenant):
    add_buying_company(tenant)
    po = order(tenant, ("FIFO", 5, 20, "MAIN"))
    assert _release(tenant, _receipt(tenant, receipt_body(po, (1, 5)))).status_code == 200
    assert tenant.get(f"/purchaseorder/{po}").json()["status"] == "Closed"
    back = _receipt(tenant, receipt_body(po, (1, 2), receipt_type="PoReturn"))
    assert _release(tenant, back).status_code == 200, "a return of a closed order's received goods"
    assert _on_hand(tenant) == Decimal(3)
    assert (_balance(tenant, "1400"), _balance(tenant, "2490")) == (Decimal("60.00"), Decimal("-60.00"))
    ordered = tenant.get(f"/purchaseorder/{po}").json()
    assert (ordered["status"], ordered["lines"][0]["qtyOnReceipts"], ordered["lines"][0]["completed"]) == (
        "Open",
        3.0,
        False,
    )
    response = tenant.post("/PurchaseReceipt", receipt_body(po, (1, 4), receipt_type="PoReturn"))
    assert response.status_code == 400
    assert "more than the 3 it has received" in _message(response)


def test_over_receipt_is_refused_beyond_the_lines_threshold_and_accepted_when_the_line_accepts(tenant):
    add_buying_company(tenant)
    po = order(tenant, ("AVG", 10, 5, "MAIN"))
    response = tenant.post("/PurchaseReceipt", receipt_body(po, (1, 11)))
    assert response.status_code == 400
    assert "would be 11, more than the 10 it allows" in _message(response)
    assert tenant.get("/PurchaseReceipt").json() == []
    # Two receipts together count: the second may not take what the first has.
    _receipt(tenant, receipt_body(po, (1, 8)))
    assert tenant.post("/PurchaseReceipt", receipt_body(po, (1, 3))).status_code == 400
    change = {"lines": [{"operation": "Update", "lineNumber": {"value": 1}, "maxReceipt": {"value": 90}}]}
    assert tenant.put(f"/purchaseorder/{po}", change).status_code == 204
    assert tenant.post("/PurchaseReceipt", receipt_body(po, (1, 1))).status_code == 201
    response = tenant.post("/PurchaseReceipt", receipt_body(po, (1, 1)))
    assert response.status_code == 400 and "would be 10, more than the 9 it allows" in _message(response)
    change = {"lines": [{"operation": "Update", "lineNumber": {"value": 1}, "receiptAction": {"value": "Accept"}}]}
    assert tenant.put(f"/purchaseorder/{po}", change).status_code == 204
    assert tenant.post("/PurchaseReceipt", receipt_body(po, (1, 50))).status_code == 201


def test_bad_receipts_are_refused_with_every_problem_and_nothing_is_written(tenant):
    add_buying_company(tenant)
    po = order(tenant, ("AVG", 4, 10, "MAIN"), ("LOT", 2, 10, "MAIN"))
    body = receipt_body(
        po,
        (1, 1, {"warehouseId": {"value": "NOWHERE"}}),
        (2, 1, {"locationId": {"value": "Z9"}}),
        (7, 1),
    )
    response = tenant.post("/PurchaseReceipt", body)
    assert response.status_code == 400
    message = _message(response)
    assert "Error inserting the purchase receipt." in message
    for problem in (
        "lines[0]: Warehouse 'NOWHERE' cannot be found in the system.",
        "lines[1]: Location 'Z9' cannot be found in warehouse 'MAIN'.",
        f"lines[2]: Line 7 is not on purchase order '{po}'.",
    ):
        assert f"Error: {problem}\r\n" in message
    assert tenant.post("/PurchaseReceipt", receipt_body("NOPE", (1, 1))).status_code == 400
    assert tenant.post("/PurchaseReceipt", receipt_body(po, (1, 1), supplier="50001")).status_code == 400
    assert tenant.get("/PurchaseReceipt").json() == []

    # A lot-tracked item without its lot number is refused at release; nothing moves, nothing posts.
    number = _receipt(tenant, receipt_body(po, (1, 1), (2, 1)))
    response = _release(tenant, number)
    assert response.status_code == 400
    assert "The item 'LOT' is lot tracked: the lot number is required." in _message(response)
    assert (_on_hand(tenant), _balance(tenant, "2490")) == (0, 0)
    assert tenant.get(f"/PurchaseReceipt/{number}").json()["status"] == "Balanced"
    fix = {"lines": [{"operation": "Update", "lineNbr": {"value": 2}, "lotSerialNumber": {"value": "L-1"}}]}
    assert tenant.put(f"/PurchaseReceipt/{number}", fix).status_code == 204
    assert _release(tenant, number).status_code == 200
    again = _release(tenant, number)
    assert again.status_code == 400 and f"The purchase receipt '{number}' is already released." in _message(again)
    assert tenant.put(f"/PurchaseReceipt/{number}", {"hold": {"value": True}}).status_code == 400
    with tenant.database.reading() as session:
        assert session.scalar(select(func.count()).where(StockMovement.company_id == tenant.company_id)) == 2


def test_a_closed_period_or_a_closed_order_refuses_and_writes_nothing(tenant):
    add_buying_company(tenant)
    po = order(tenant, ("AVG", 2, 10, "MAIN"))
    number = _receipt(tenant, receipt_body(po, (1, 2)))
    close_period(tenant, "202003", closed_in_inventory_management=True)
    response = _release(tenant, number)
    assert response.status_code == 400 and "closed in the Inventory management" in _message(response)
    assert (_on_hand(tenant), tenant.get(f"/PurchaseReceipt/{number}").json()["status"]) == (0, "Balanced")
    response = tenant.post("/PurchaseReceipt", receipt_body(po, (1, 1)))
    assert response.status_code == 400 and "'Post period'" in _message(response)
    close_period(tenant, "202003", closed_in_inventory_management=False)
    assert _release(tenant, number).status_code == 200
    response = tenant.post("/PurchaseReceipt", receipt_body(po, (1, 1)))
    assert response.status_code == 400
    assert f"Purchase order '{po}' is closed: nothing more can be received on it." in _message(response)


def test_actions_add_orders_and_chosen_lines_and_cancel_an_unreleased_receipt(tenant):
    add_buying_company(tenant)
    first = order(tenant, ("AVG", 4, 10, "MAIN"), ("FIFO", 2, 7, "MAIN"))
    second = order(tenant, ("STD", 3, 12, "MAIN"), ("BOK", 1, 50))
    number = _receipt(tenant, {"date": {"value": "2020-03-10"}, "supplierId": {"value": "50000"}})
    response = tenant.post(
        f"/PurchaseReceipt/{number}/action/addpurchaseorder",
        {"purchaseOrders": [{"orderNbr": first, "orderType": "RegularOrder"}]},
    )
    assert response.status_code == 200, response.text
    assert response.json()["actionResult"] == "Done"
    body = {"purchaseOrderLines": [{"orderNbr": second, "lines": [{"lineNbr": "2"}]}]}
    assert tenant.post(f"/PurchaseReceipt/{number}/action/addpurchaseorderlines", body).status_code == 200
    lines = tenant.get(f"/PurchaseReceipt/{number}").json()["lines"]
    assert [(x["poOrderNbr"], x["poOrderLineNbr"], x["receiptQty"]) for x in lines] == [
        (first, 1, 4.0),
        (first, 2, 2.0),
        (second, 2, 1.0),
    ]
    bad = {"purchaseOrderLines": [{"orderNbr": second, "lines": [{"lineNbr": "9"}]}]}
    response = tenant.post(f"/PurchaseReceipt/{number}/action/addpurchaseorderlines", bad)
    assert response.status_code == 400 and f"Line 9 is not on purchase order '{second}'." in _message(response)
    assert len(tenant.get(f"/PurchaseReceipt/{number}").json()["lines"]) == 3
    assert tenant.post(f"/PurchaseReceipt/{number}/action/cancelReceipt").status_code == 200
    assert tenant.get(f"/PurchaseReceipt/{number}").json()["status"] == "Cancelled"
    # A cancelled receipt no longer holds the order's quantities.
    assert tenant.post("/PurchaseReceipt", receipt_body(first, (1, 4))).status_code == 201
    assert _release(tenant, number).status_code == 400


def test_the_order_creates_its_receipt_and_v2_basic_and_print_read_it(tenant):
    add_buying_company(tenant)
    po = order(tenant, ("AVG", 4, 10, "MAIN"), ("BOK", 2, 50))
    response = tenant.post(f"/purchaseorder/{po}/action/createpurchasereceipt", {"orderType": "RegularOrder"})
    assert response.status_code == 200, response.text
    [receipt] = tenant.get("/PurchaseReceipt", params={"poOrderNbr": po}).json()
    assert_real({k: v for k, v in receipt.items() if k != "metadata"}, DOC, DTO)
    assert (receipt["date"], receipt["totalQty"]) == ("2020-03-02T00:00:00", 6.0)
    number = receipt["receiptNbr"]
    v2 = tenant.client.get(f"/v2/PurchaseReceipt/{number}", headers=tenant.headers).json()
    assert_real(v2, "purchasereceiptv2", DTO)
    basic = tenant.get(f"/PurchaseReceiptBasic/{number}").json()
    assert_real(basic, "purchasereceiptbasic", "PurchaseReceiptBasicDto")
    assert "landedCost" not in basic
    update = {"lines": [{"operation": "Update", "lineNbr": {"value": 1}, "receiptQty": {"value": 1}}]}
    assert tenant.put(f"/PurchaseReceiptBasic/{number}", update).status_code == 204
    assert tenant.post(f"/PurchaseReceiptBasic/{number}/action/release").status_code == 200
    printed = tenant.get(f"/PurchaseReceipt/{number}/print")
    assert printed.status_code == 200 and printed.headers["content-type"] == "application/pdf"
    assert printed.content.startswith(b"%PDF-1.4") and printed.content.rstrip().endswith(b"%%EOF")
    listed = tenant.client.get("/v2/PurchaseReceipt", params={"status": "Released"}, headers=tenant.headers)
    assert [x["receiptNbr"] for x in listed.json()] == [number]
    response = tenant.post(f"/purchaseorder/{po}/action/createpurchasereceipt", {"orderType": "DropShip"})
    assert response.status_code == 400 and "not DropShip" in _message(response)
    assert tenant.get("/PurchaseReceipt/999999").status_code == 404


def _bill(tenant, lines, **extra):
    body = {
        "documentType": {"value": "Invoice"},
        "supplierNumber": {"value": "50000"},
        "date": {"value": "2020-03-20"},
        "invoiceLines": [],
        "addPOReceiptLines": lines,
        **extra,
    }
    return tenant.post("/supplierInvoice", body)


def test_invoicing_everything_received_clears_the_po_accrual(tenant):
    add_buying_company(tenant)
    po = order(tenant, ("AVG", 4, 10, "MAIN"), ("BOK", 2, 50))
    number = _receipt(tenant, receipt_body(po, (1, 4), (2, 2)))
    assert _release(tenant, number).status_code == 200
    assert _balance(tenant, "2490") == Decimal("-140.00")
    wanted = [{"poReceiptNumber": {"value": number}, "poReceiptLineNumber": {"value": n}} for n in (1, 2)]
    invoice = new_number(_bill(tenant, wanted))
    lines = tenant.get(f"/supplierInvoice/{invoice}").json()["invoiceLines"]
    assert [(x["poReceiptNbr"], x["poReceiptLineNbr"], x["poNumber"], x["account"]["number"]) for x in lines] == [
        (number, 1, po, "2490"),
        (number, 2, po, "2490"),
    ]
    assert tenant.post(f"/supplierInvoice/{invoice}/action/release").status_code == 200
    assert _balance(tenant, "2490") == Decimal(0)
    assert _balance(tenant, PPV_ACCOUNT) == Decimal(0)
    # Nothing is left to bill.
    response = _bill(tenant, wanted[:1])
    assert response.status_code == 400 and "has 0 unbilled" in _message(response)


def test_a_debit_adjustment_bills_a_return_so_the_accrual_clears_after_a_return_too(tenant):
    add_buying_company(tenant)
    po = order(tenant, ("AVG", 4, 10, "MAIN"))
    received = _receipt(tenant, receipt_body(po, (1, 4)))
    assert _release(tenant, received).status_code == 200
    returned = _receipt(tenant, receipt_body(po, (1, 1), receipt_type="PoReturn"))
    assert _release(tenant, returned).status_code == 200
    assert _balance(tenant, "2490") == Decimal("-30.00")
    line = {"poReceiptLineNumber": {"value": 1}}
    refused = _bill(tenant, [{"poReceiptNumber": {"value": returned}, **line}])  # an Invoice cannot bill a return
    assert refused.status_code == 400 and "is not a released receipt" in _message(refused)
    invoice = new_number(_bill(tenant, [{"poReceiptNumber": {"value": received}, **line}]))
    debit = new_number(
        _bill(tenant, [{"poReceiptNumber": {"value": returned}, **line}], documentType={"value": "DebitAdj"})
    )
    for kind, number in (("Invoice", invoice), ("DebitAdj", debit)):
        assert tenant.post(f"/supplierInvoice/{kind}/{number}/action/release").status_code == 200
    assert (_balance(tenant, "2490"), _balance(tenant, PPV_ACCOUNT)) == (Decimal(0), Decimal(0))


def test_an_invoice_costing_more_than_the_receipt_posts_the_difference_as_price_variance(tenant):
    add_buying_company(tenant)
    po = order(tenant, ("AVG", 4, 10, "MAIN"))
    number = _receipt(tenant, receipt_body(po, (1, 4)))
    assert _release(tenant, number).status_code == 200
    half = {
        "poReceiptNumber": {"value": number},
        "poReceiptLineNumber": {"value": 1},
        "quantity": {"value": 2},
        "unitCostInCurrency": {"value": 12},
    }
    invoice = new_number(_bill(tenant, [half]))
    assert tenant.post(f"/supplierInvoice/{invoice}/action/release").status_code == 200
    assert (_balance(tenant, "2490"), _balance(tenant, PPV_ACCOUNT)) == (Decimal("-20.00"), Decimal("4.00"))
    rest = {"poReceiptNumber": {"value": number}, "poReceiptLineNumber": {"value": 1}, "quantity": {"value": 3}}
    response = _bill(tenant, [rest])
    assert response.status_code == 400 and "has 2 unbilled; 3 cannot be billed" in _message(response)
    other = order(tenant, ("AVG", 1, 10, "MAIN"))
    unreleased = {"poReceiptNumber": {"value": _receipt(tenant, receipt_body(other, (1, 1)))}}
    response = _bill(tenant, [unreleased])
    assert response.status_code == 400 and "an Invoice bills released receipts (PoReceipt)" in _message(response)


def test_the_demo_has_a_received_a_partly_received_and_an_open_order_and_a_billed_receipt(tmp_path, database_url):
    with seeded_demo(tmp_path, database_url) as demo:
        receipts = demo.get(f"{DEMO_API}/PurchaseReceipt").json()
        assert [(x["receiptNbr"], x["status"], x["totalQty"]) for x in receipts] == [
            ("000001", "Released", 14.0),
            ("000002", "Released", 12.0),
        ]
        assert_real(demo.get(f"{DEMO_API}/PurchaseReceipt/000001").json(), DOC, DTO)
        orders = {x["orderNbr"]: x for x in demo.get(f"{DEMO_API}/purchaseorder", params={"supplier": "50012"}).json()}
        assert [orders[n]["status"] for n in ("000001", "000002", "000003")] == ["Closed", "Open", "Open"]
        assert orders["000002"]["openQuantity"] == 8.0
        invoices = demo.get(f"{DEMO_API}/supplierInvoice", params={"supplier": "50012"}).json()
        billed = [x for x in invoices if any(line.get("poReceiptNbr") == "000001" for line in x["invoiceLines"])]
        assert len(billed) == 1 and billed[0]["status"] == "Open"
