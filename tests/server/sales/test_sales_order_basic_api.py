"""Sales order basic endpoints (`/v1/salesorderbasic`, `/v2/salesorderbasic`): the same orders as
`/v1/salesorder`, in the basic shape. Created, read, changed, listed, attached to and invoiced through the basic
paths, they are the full endpoint's orders; bad input is refused as the full endpoint refuses it. Every body read
is validated against the real document."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from nettfin.server.app import LEGACY_PREFIX
from nettfin.server.sales.models import SalesOrder
from tests.attachment_factories import attachment_id, seed_headers, upload, webclient_upload
from tests.factories import new_number
from tests.party_factories import assert_real
from tests.sales_factories import add_trading_company
from tests.server.sales.test_sales_order_api import order_body
from tests.server.sales.test_sales_order_v2_api import v2_post
from tests.supplier_ledger_factories import account_balance, batch_count

BASIC = "salesorderbasic"
BASIC_V2 = "salesorderbasicv2"


def _orders(tenant) -> int:
    with tenant.database.reading() as session:
        return len(session.scalars(select(SalesOrder.id).where(SalesOrder.company_id == tenant.company_id)).all())


def _upload_v2(tenant, path: str, file_name: str):
    shape, body = webclient_upload(file_name, b"%PDF-1.4\n%%EOF\n")
    return tenant.client.post(f"{LEGACY_PREFIX}/v2{path}", content=body, headers={**seed_headers(tenant), **shape})


def test_an_order_created_at_basic_is_the_full_endpoints_order(tenant):
    add_trading_company(tenant)
    response = tenant.post("/salesorderbasic", order_body())
    assert response.status_code == 201, response.text
    number = new_number(response)
    assert response.headers["Location"].endswith(f"/salesorderbasic/{number}")
    basic = tenant.get(f"/salesorderbasic/{number}")
    assert basic.status_code == 200 and basic.headers["ETag"]
    order = basic.json()
    assert_real(order, BASIC, "SalesOrderBasicDto")
    full = tenant.get(f"/salesorder/{number}").json()

    # The basic body is the full one's basic members, with the same values.
    def basic_of(body: dict, shown: dict) -> dict:
        return {name: value for name, value in body.items() if name in shown}

    assert basic_of(full, order) == {**order, "lines": full["lines"]}
    assert [basic_of(x, y) for x, y in zip(full["lines"], order["lines"], strict=True)] == order["lines"]
    assert "soBillingAddress" not in order and "shipments" not in order and "operation" not in order["lines"][0]
    assert (order["orderNo"], order["orderType"], order["status"], order["date"][:10]) == (
        number,
        "SO",
        "Open",
        "2020-03-02",
    )
    assert order["customer"] == {"internalId": full["customer"]["internalId"], "number": "10000", "name": "Kunde AS"}
    assert order["location"]["id"] == "MAIN"
    assert [(x["lineNbr"], x["inventory"]["number"], x["extPrice"]) for x in order["lines"]] == [
        (1, "VARE", 500.0),
        (2, "BOK", 100.0),
    ]
    assert (order["taxTotal"], order["orderTotal"], order["discountTotal"]) == (135.8, 725.8, 10.0)
    # An order made at the full endpoint is read at the basic one too.
    other = new_number(tenant.post("/salesorder", order_body(order_type="IN")))
    assert tenant.get(f"/salesorderbasic/{other}").json()["orderType"] == "IN"


def test_v2_create_points_at_the_v1_basic_order(tenant):
    add_trading_company(tenant)
    response = v2_post(tenant, "/salesorderbasic", order_body(order_type="IN"))
    assert response.status_code == 201, response.text
    number = new_number(response)
    assert response.headers["Location"].endswith(f"/v1/salesorderbasic/{number}")
    assert tenant.get(f"/salesorderbasic/IN/{number}").json()["orderTotal"] == 725.8


def test_put_changes_lines_and_the_typed_get_reads_by_type(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/salesorderbasic", order_body()))
    body = {
        "lines": [
            {"operation": "Update", "lineNbr": {"value": 1}, "quantity": {"value": 4}},
            {"operation": "Delete", "lineNbr": {"value": 2}},
            {"operation": "Insert", "inventoryNumber": {"value": "TJENESTE"}, "quantity": {"value": 1}},
        ],
        "description": {"value": "Changed"},
    }
    response = tenant.put(f"/salesorderbasic/{number}", body)
    assert response.status_code == 204, response.text
    typed = tenant.get(f"/salesorderbasic/so/{number}")
    assert typed.status_code == 200
    order = typed.json()
    assert_real(order, BASIC, "SalesOrderBasicDto")
    assert [(x["lineNbr"], x["inventory"]["number"], x["quantity"]) for x in order["lines"]] == [
        (1, "VARE", 4.0),
        (3, "TJENESTE", 1.0),
    ]
    assert (order["orderTotal"], order["description"]) == (2500.0, "Changed")
    assert tenant.get(f"/salesorder/{number}").json()["orderTotal"] == 2500.0
    assert tenant.get(f"/salesorderbasic/IN/{number}").status_code == 404
    assert tenant.get("/salesorderbasic/999999").status_code == 404


def test_lists_filter_and_page_and_the_customer_has_its_orders(tenant):
    add_trading_company(tenant)
    first = new_number(tenant.post("/salesorderbasic", order_body()))
    second = new_number(tenant.post("/salesorderbasic", order_body(order_type="IN", customer="20000")))
    page = tenant.get("/salesorderbasic", params={"pageSize": 1, "pageNumber": 2}).json()
    assert [o["orderNo"] for o in page] == [second]
    assert page[0]["metadata"]["totalCount"] == 2
    for element in tenant.get("/salesorderbasic").json():
        assert_real(element, BASIC, "SalesOrderBasicDto")
    assert [o["orderNo"] for o in tenant.get("/salesorderbasic", params={"orderType": "IN"}).json()] == [second]
    assert [o["orderNo"] for o in tenant.get("/salesorderbasic", params={"greaterThanValue": first}).json()] == [second]
    assert tenant.get("/salesorderbasic", params={"status": "Completed"}).json() == []
    mine = tenant.get("/customer/20000/salesorderbasic").json()
    assert [o["orderNo"] for o in mine] == [second] and "soBillingAddress" not in mine[0]
    assert_real(mine[0], BASIC, "SalesOrderBasicDto")
    missing = tenant.get("/customer/99999/salesorderbasic")
    assert missing.status_code == 404 and "99999" in missing.json()["message"]


def test_attachments_at_the_basic_paths_are_the_orders(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/salesorderbasic", order_body()))
    header = attachment_id(upload(tenant, f"/salesorderbasic/{number}/attachment", "ordre.pdf"))
    line = attachment_id(upload(tenant, f"/salesorderbasic/orderType/SO/{number}/2/attachment", "linje.pdf"))
    order = tenant.get(f"/salesorderbasic/{number}").json()
    assert [a["id"] for a in order["attachments"]] == [header]
    assert [a["id"] for a in order["lines"][1]["attachments"]] == [line]
    assert [a["id"] for a in tenant.get(f"/salesorder/{number}").json()["attachments"]] == [header]
    assert upload(tenant, f"/salesorderbasic/orderType/IN/{number}/attachment", "x.pdf").status_code == 404
    v2 = _upload_v2(tenant, f"/salesorderbasic/{number}/1/attachment", "v2.pdf")
    assert v2.status_code == 201, v2.text
    v2_typed = _upload_v2(tenant, f"/salesorderbasic/orderType/SO/{number}/attachment", "v2t.pdf")
    assert v2_typed.status_code == 201, v2_typed.text

    def delete(path: str):
        return tenant.client.delete(tenant.url(path), headers=tenant.headers)

    assert delete(f"/salesorderbasic/SO/{number}/1/attachment/{line}").status_code == 404
    assert delete(f"/salesorderbasic/SO/{number}/2/attachment/{line}").status_code == 200
    assert delete(f"/salesorderbasic/SO/{number}/attachment/{header}").status_code == 200
    order = tenant.get(f"/salesorderbasic/{number}").json()
    assert [a["id"] for a in order["attachments"]] == [attachment_id(v2_typed)]
    assert order["lines"][1]["attachments"] == []
    assert [a["id"] for a in order["lines"][0]["attachments"]] == [attachment_id(v2)]


def test_v2_prepare_invoice_makes_the_invoice_that_posts_to_the_ledger(tenant):
    add_trading_company(tenant)
    number = new_number(v2_post(tenant, "/salesorderbasic", order_body(order_type="IN")))
    batches = batch_count(tenant)
    response = v2_post(tenant, f"/salesorderbasic/IN/{number}/action/prepareInvoice")
    assert response.status_code == 200, response.text
    assert_real(response.json(), BASIC_V2, "PrepareInvoiceActionResultDto")
    reference = response.json()["referenceNumber"]
    assert response.headers["Location"].endswith(f"/v1/customerinvoice/{reference}")
    invoice = tenant.get(f"/customerinvoice/{reference}").json()
    assert (invoice["amount"], invoice["vatTotal"], invoice["customer"]["number"]) == (725.8, 135.8, "10000")
    assert batch_count(tenant) == batches
    assert tenant.get(f"/salesorderbasic/{number}").json()["status"] == "Invoiced"
    assert tenant.post(f"/customerinvoice/{reference}/action/release").status_code == 200
    assert account_balance(tenant, "1500") == Decimal("725.80")
    assert account_balance(tenant, "3000") == Decimal("-590.00")
    again = v2_post(tenant, f"/salesorderbasic/IN/{number}/action/prepareInvoice")
    assert again.status_code == 400 and "is invoiced and cannot be invoiced" in again.json()["message"]


def test_v2_send_by_mail_marks_the_order_emailed(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/salesorderbasic", order_body()))
    response = v2_post(tenant, f"/salesorderbasic/SO/{number}/action/sendbymail")
    assert response.status_code == 200 and response.json()["actionResult"] == "Done"
    assert tenant.get(f"/salesorder/{number}").json()["emailed"] is True
    assert v2_post(tenant, f"/salesorderbasic/IN/{number}/action/sendbymail").status_code == 404


def test_bad_input_is_refused_with_the_field_named_and_nothing_written(tenant):
    add_trading_company(tenant)
    unknown = tenant.post("/salesorderbasic", order_body(customer="99999"))
    assert unknown.status_code == 400 and "Customer '99999' cannot be found in the system." in unknown.json()["message"]
    no_type = v2_post(tenant, "/salesorderbasic", order_body(order_type="ZZ"))
    assert no_type.status_code == 400 and "Order type 'ZZ' cannot be found in the system." in no_type.json()["message"]
    bad_item = order_body(
        lines=[{"operation": "Insert", "inventoryNumber": {"value": "NOPE"}, "quantity": {"value": 1}}]
    )
    response = tenant.post("/salesorderbasic", bad_item)
    assert response.status_code == 400 and "Item 'NOPE' cannot be found in the system." in response.json()["message"]
    assert _orders(tenant) == 0
    number = new_number(tenant.post("/salesorderbasic", order_body()))
    unwrapped = tenant.put(f"/salesorderbasic/{number}", {"lines": [{"operation": "Insert", "quantity": 1}]})
    assert unwrapped.status_code == 400 and "quantity" in unwrapped.json()["message"]
    assert len(tenant.get(f"/salesorderbasic/{number}").json()["lines"]) == 2
