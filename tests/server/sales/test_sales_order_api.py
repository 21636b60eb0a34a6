"""Sales orders (SO301000) through the API, v1 and v2: create, read by number and by type, update with line
operations, list filters, totals and VAT as a customer invoice's, statuses and the actions they allow, commissions,
ROT/RUT, the printout, attachments, the customer's orders and the stock open orders commit. Every body read is
validated against the real document."""

from __future__ import annotations

from sqlalchemy import select

from nettfin.server.receivables.models import Customer
from nettfin.server.sales.models import SalesOrder
from tests.attachment_factories import attachment_id, upload
from tests.factories import new_number
from tests.party_factories import assert_real
from tests.sales_factories import add_trading_company

SO = "sales-order"
V2 = "salesorderv2"


def order_body(order_type: str = "SO", customer: str = "10000", **extra) -> dict:
    """2 x VARE at its default price 250, and 1 x BOK at 100 with 10 % discount, dated 2020-03-02."""
    body = {
        "orderType": {"value": order_type},
        "date": {"value": "2020-03-02"},
        "customer": {"value": customer},
        "customerOrder": {"value": "PO-77"},
        "lines": [
            {"operation": "Insert", "inventoryNumber": {"value": "VARE"}, "quantity": {"value": 2}},
            {
                "operation": "Insert",
                "inventoryNumber": {"value": "BOK"},
                "quantity": {"value": 1},
                "unitPrice": {"value": 100},
                "discountPercent": {"value": 10},
            },
        ],
    }
    body.update(extra)
    return body


def _orders(tenant) -> int:
    with tenant.database.reading() as session:
        return len(session.scalars(select(SalesOrder.id).where(SalesOrder.company_id == tenant.company_id)).all())


def test_a_new_order_gets_its_number_location_prices_vat_and_totals(tenant):
    add_trading_company(tenant)
    response = tenant.post("/salesorder", order_body())
    number = new_number(response)
    assert number == "000001" and response.headers["Location"].endswith("/salesorder/000001")
    order = tenant.get(f"/salesorder/{number}").json()
    assert_real(order, SO, "SalesOrderDto")
    first, second = order["lines"]
    assert (first["unitPrice"], first["extPrice"], first["openQty"], first["warehouse"]["id"]) == (
        250.0,
        500.0,
        2.0,
        "1",
    )
    assert (second["extPrice"], second["discountAmount"], second["discUnitPrice"]) == (100.0, 10.0, 90.0)
    # Zone 01 in 2020: VARE's category 03 at 25 %, BOK's category 33 at 12 %.
    assert (order["taxTotal"], order["orderTotal"], order["discountTotal"]) == (135.8, 725.8, 10.0)
    assert (order["status"], order["orderType"], order["customer"]["number"]) == ("Open", "SO", "10000")
    typed = tenant.get(f"/salesorder/so/{number}")
    assert typed.status_code == 200 and typed.json()["orderNo"] == number
    assert tenant.get(f"/salesorder/IN/{number}").status_code == 404


def test_put_applies_line_operations_and_recomputes_totals(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/salesorder", order_body()))
    body = {
        "lines": [
            {"operation": "Update", "lineNbr": {"value": 1}, "quantity": {"value": 4}},
            {"operation": "Delete", "lineNbr": {"value": 2}},
            {"operation": "Insert", "inventoryNumber": {"value": "TJENESTE"}, "quantity": {"value": 1}},
        ],
        "description": {"value": "Changed"},
    }
    response = tenant.put(f"/salesorder/{number}", body)
    assert response.status_code == 204, response.text
    order = tenant.get(f"/salesorder/{number}").json()
    assert [(x["lineNbr"], x["inventory"]["number"], x["extPrice"]) for x in order["lines"]] == [
        (1, "VARE", 1000.0),
        (3, "TJENESTE", 1000.0),
    ]
    assert (order["orderTotal"], order["description"]) == (2500.0, "Changed")


def test_bad_input_is_refused_with_the_field_named_and_nothing_written(tenant):
    add_trading_company(tenant)
    unknown = tenant.post("/salesorder", order_body(customer="99999"))
    assert unknown.status_code == 400 and "Customer '99999' cannot be found in the system." in unknown.json()["message"]
    bad_item = order_body(
        lines=[{"operation": "Insert", "inventoryNumber": {"value": "NOPE"}, "quantity": {"value": 1}}]
    )
    response = tenant.post("/salesorder", bad_item)
    assert response.status_code == 400 and "Item 'NOPE' cannot be found in the system." in response.json()["message"]
    negative = order_body(
        lines=[{"operation": "Insert", "inventoryNumber": {"value": "VARE"}, "quantity": {"value": -1}}]
    )
    response = tenant.post("/salesorder", negative)
    assert response.status_code == 400 and "'Quantity' cannot be less than 0." in response.json()["message"]
    no_type = tenant.post("/salesorder", order_body(order_type="ZZ"))
    assert no_type.status_code == 400 and "Order type 'ZZ' cannot be found in the system." in no_type.json()["message"]
    assert _orders(tenant) == 0


def test_a_customer_on_credit_hold_gets_no_order(tenant):
    add_trading_company(tenant)
    with tenant.database.writing() as session:
        customer = session.scalar(
            select(Customer).where(Customer.company_id == tenant.company_id, Customer.number == "20000")
        )
        customer.status = "CreditHold"
    response = tenant.post("/salesorder", order_body(customer="20000"))
    assert response.status_code == 400
    assert "The customer '20000' is on credit hold" in response.json()["message"]
    assert _orders(tenant) == 0


def test_cancel_and_reopen_drive_what_the_order_accepts(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/salesorder", order_body()))
    missing_type = tenant.post(f"/salesorder/{number}/action/cancelSalesOrder", {})
    assert missing_type.status_code == 400 and "orderType" in missing_type.json()["message"]
    response = tenant.post(f"/salesorder/{number}/action/cancelSalesOrder", {"orderType": "SO"})
    assert response.status_code == 200 and response.json()["actionResult"] == "Done"
    order = tenant.get(f"/salesorder/{number}").json()
    assert (order["status"], order["canceled"]) == ("Cancelled", True)
    refused = tenant.put(f"/salesorder/{number}", {"description": {"value": "x"}})
    assert refused.status_code == 400 and "is cancelled and cannot be changed" in refused.json()["message"]
    again = tenant.post(f"/salesorder/{number}/action/cancelSalesOrder", {"orderType": "SO"})
    assert again.status_code == 400
    reopened = tenant.post(
        f"/salesorder/{number}/action/reopenSalesOrder",
        {"saleOrderUpdateDto": {"orderType": {"value": "SO"}, "description": {"value": "Back"}}},
    )
    assert reopened.status_code == 200, reopened.text
    order = tenant.get(f"/salesorder/{number}").json()
    assert (order["status"], order["description"]) == ("Open", "Back")
    not_cancelled = tenant.post(f"/salesorder/{number}/action/reopenSalesOrder", {"saleOrderUpdateDto": {}})
    assert not_cancelled.status_code == 400 and "is not cancelled" in not_cancelled.json()["message"]


def test_hold_is_a_status(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/salesorder", order_body(hold={"value": True})))
    assert tenant.get(f"/salesorder/{number}").json()["status"] == "Hold"
    assert [o["orderNo"] for o in tenant.get("/salesorder", params={"status": "Hold"}).json()] == [number]
    assert tenant.get("/salesorder", params={"status": "Open"}).json() == []


def test_lists_filter_and_page_and_the_customer_has_its_orders(tenant):
    add_trading_company(tenant)
    first = new_number(tenant.post("/salesorder", order_body()))
    second = new_number(tenant.post("/salesorder", order_body(order_type="IN", customer="20000")))
    page = tenant.get("/salesorder", params={"pageSize": 1, "pageNumber": 1}).json()
    assert [o["orderNo"] for o in page] == [first] and page[0]["metadata"]["totalCount"] == 2
    for element in page:
        assert_real(element, SO, "SalesOrderDto")
    assert [o["orderNo"] for o in tenant.get("/salesorder", params={"orderType": "IN"}).json()] == [second]
    assert [o["orderNo"] for o in tenant.get("/salesorder", params={"greaterThanValue": first}).json()] == [second]
    mine = tenant.get("/customer/20000/salesorder").json()
    assert [o["orderNo"] for o in mine] == [second]
    assert tenant.get("/customer/99999/salesorder").status_code == 404


def test_commissions_rot_rut_and_the_printout(tenant):
    add_trading_company(tenant)
    body = order_body(
        salesPerson={"value": "SP01"},
        isRotRutDeductible={"value": True},
        rotRutDetails={
            "type": {"value": "Rot"},
            "estate": {"value": "Villa 1"},
            "distribution": [
                {
                    "operation": "Insert",
                    "lineNbr": {"value": 1},
                    "personalId": {"value": "19800101-1234"},
                    "amount": {"value": 150},
                },
            ],
        },
    )
    number = new_number(tenant.post("/salesorder", body))
    commissions = tenant.get(f"/salesorder/SO/{number}/commissions").json()
    assert commissions == [
        {"salesPersonId": "SP01", "commissionPercent": 0.0, "commissionAmount": 0.0, "commissionableAmount": 590.0}
    ]
    rot = tenant.get(f"/salesorder/SO/{number}/rotrut").json()
    assert_real(rot, SO, "RotRutBasicDto")
    assert (rot["type"], rot["estate"], rot["distribution"][0]["amount"]) == ("Rot", "Villa 1", 150.0)
    pdf = tenant.get(f"/salesorder/SO/{number}/printOrder")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-1.4") and b"Sales order SO 000001" in pdf.content
    assert tenant.get(f"/salesorder/IN/{number}/printOrder").status_code == 404


def test_attachments_on_orders_and_lines_and_their_deletes(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/salesorder", order_body()))
    header = attachment_id(upload(tenant, f"/salesorder/{number}/attachment", "ordre.pdf"))
    line = attachment_id(upload(tenant, f"/salesorder/orderType/SO/{number}/1/attachment", "linje.pdf"))
    order = tenant.get(f"/salesorder/{number}").json()
    assert [a["id"] for a in order["attachments"]] == [header]
    assert [a["id"] for a in order["lines"][0]["attachments"]] == [line]
    assert upload(tenant, f"/salesorder/orderType/IN/{number}/attachment", "x.pdf").status_code == 404
    assert (
        tenant.client.delete(
            tenant.url(f"/salesorder/SO/{number}/2/attachment/{line}"), headers=tenant.headers
        ).status_code
        == 404
    )
    deleted = tenant.client.delete(tenant.url(f"/salesorder/SO/{number}/1/attachment/{line}"), headers=tenant.headers)
    assert deleted.status_code == 200
    deleted = tenant.client.delete(tenant.url(f"/salesorder/SO/{number}/attachment/{header}"), headers=tenant.headers)
    assert deleted.status_code == 200
    order = tenant.get(f"/salesorder/{number}").json()
    assert order["attachments"] == [] and order["lines"][0]["attachments"] == []


def test_open_orders_commit_stock_in_the_inventory_summary(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/salesorder", order_body()))
    new_number(tenant.post("/salesorder", order_body(order_type="QT")))
    rows = tenant.get("/inventorysummary/VARE").json()
    assert [(r["warehouse"]["id"], r["soBooked"]) for r in rows] == [("1", 2.0)]
    tenant.post(f"/salesorder/{number}/action/cancelSalesOrder", {"orderType": "SO"})
    rows = tenant.get("/inventorysummary/VARE").json()
    assert [r["soBooked"] for r in rows] == []


def test_the_order_types_and_their_rules(tenant):
    types = tenant.get("/salesordertype").json()
    assert [(t["orderType"], t["behavior"], t["customerDocumentType"]) for t in types] == [
        ("CR", "CreditMemo", "CreditMemo"),
        ("CS", "Invoice", "CashSale"),
        ("IN", "Invoice", "Invoice"),
        ("QT", "Quote", "NoUpdate"),
        ("RC", "RMAOrder", "CreditMemo"),
        ("SO", "SalesOrder", "Invoice"),
    ]
    for element in types:
        assert_real(element, "salesordertype", "SalesOrderTypeDto")
    one = tenant.get("/salesordertype/IN").json()
    assert (one["description"], one["defaultOperation"], one["active"]) == ("Invoice", "Issue", True)
    assert tenant.get("/salesordertype/XX").status_code == 404
