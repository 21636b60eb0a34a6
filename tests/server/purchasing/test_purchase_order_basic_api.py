"""Purchase orders at `/v1/purchaseorderbasic` (PO301000, the basic DTO): the same orders as `/v1/purchaseorder`,
entered, changed and read through the order's use cases, in the real basic DTO's shape."""

from __future__ import annotations

from nettfin.server.purchasing.basic_router import BASIC
from tests.factories import new_number
from tests.party_factories import assert_real, query_names, real_query_names, write_kind_mismatches
from tests.sales_factories import add_trading_company, order_body

DOCUMENT = "purchaseorderbasic"
# The order's body without the members the basic write DTO lacks.
_BASIC_ONLY = ("orderType", "date", "supplier", "lines")


def basic_body(**extra) -> dict:
    body = {k: v for k, v in order_body().items() if k in _BASIC_ONLY}
    body.update(extra)
    return body


def test_a_basic_order_is_created_read_back_in_the_real_shape_and_is_a_purchase_order(tenant):
    add_trading_company(tenant)
    response = tenant.post(
        "/purchaseorderbasic", basic_body(description={"value": "Basic"}, customStr1={"value": "K1"})
    )
    assert response.status_code == 201, response.text
    number = new_number(response)
    assert response.headers["Location"].endswith(f"/purchaseorderbasic/{number}")
    order = tenant.get(f"/purchaseorderbasic/{number}").json()
    assert_real(order, DOCUMENT, "PurchaseOrderBasicDto")
    assert (order["orderNbr"], order["description"], order["status"], order["orderTotal"]) == (
        number,
        "Basic",
        "Open",
        610.0,
    )
    assert "shippingAddress" not in order and "terms" not in order and "openBalance" not in order
    assert [(x["lineNbr"], x["inventory"]["number"]) for x in order["lines"]] == [(1, "VARE"), (2, "BOK")]
    full = tenant.get(f"/purchaseorder/{number}").json()
    assert full["orderTotal"] == 610.0 and full["timeStamp"] == order["timeStamp"]
    custom = tenant.get(f"/purchaseorderbasic/{number}?includeCustomFreeFields=true").json()
    assert_real(custom, DOCUMENT, "PurchaseOrderBasicDto")
    assert custom["customStr1"] == "K1" and "customStr1" not in order


def test_put_changes_lines_and_the_list_pages_filtered_in_the_basic_shape(tenant):
    add_trading_company(tenant)
    first = new_number(tenant.post("/purchaseorderbasic", basic_body()))
    second = new_number(tenant.post("/purchaseorder", order_body(hold={"value": True})))
    body = {
        "hold": {"value": True},
        "lines": [
            {"operation": "Update", "lineNumber": {"value": 1}, "orderQty": {"value": 5}},
            {"operation": "Delete", "lineNumber": {"value": 2}},
        ],
    }
    response = tenant.put(f"/purchaseorderbasic/{first}", body)
    assert response.status_code == 204, response.text
    order = tenant.get(f"/purchaseorderbasic/{first}").json()
    assert (order["status"], order["lineTotal"], len(order["lines"])) == ("Hold", 500.0, 1)
    assert response.headers["ETag"] == f'"{order["timeStamp"]}"'
    listed = tenant.get("/purchaseorderbasic?orderStatus=Hold").json()
    assert [x["orderNbr"] for x in listed] == [first, second]
    for element in listed:
        assert_real(element, DOCUMENT, "PurchaseOrderBasicDto")
        assert element["metadata"]["totalCount"] == 2
    assert [x["orderNbr"] for x in tenant.get(f"/purchaseorderbasic?greaterThanValue={first}").json()] == [second]


def test_a_bad_basic_order_names_every_problem_and_writes_nothing(tenant):
    add_trading_company(tenant)
    body = basic_body(supplier={"value": "99999"})
    body["lines"][0]["inventory"] = {"value": "NOSUCH"}
    response = tenant.post("/purchaseorderbasic", body)
    assert response.status_code == 400
    message = response.json()["message"]
    assert "Error: Supplier '99999' cannot be found in the system.\r\n" in message
    assert "Error: lines[0]: Item 'NOSUCH' cannot be found in the system.\r\n" in message
    assert tenant.get("/purchaseorderbasic").json() == []
    number = new_number(tenant.post("/purchaseorderbasic", basic_body()))
    response = tenant.put(
        f"/purchaseorderbasic/{number}", {"lines": [{"operation": "Delete", "lineNumber": {"value": 7}}]}
    )
    assert response.status_code == 400 and "Line 7 is not on the order." in response.json()["message"]
    assert len(tenant.get(f"/purchaseorderbasic/{number}").json()["lines"]) == 2
    assert tenant.get("/purchaseorderbasic/NOPE").status_code == 404
    assert tenant.put("/purchaseorderbasic/NOPE", {"description": {"value": "x"}}).status_code == 404
    stale = tenant.put(
        f"/purchaseorderbasic/{number}", {"description": {"value": "x"}}, headers={"If-Match": '"AAAAAAAAAAk="'}
    )
    assert stale.status_code == 412


def test_the_basic_dtos_and_filters_are_the_real_documents(client):
    assert write_kind_mismatches(BASIC.write_dto, DOCUMENT, "PurchaseOrderBasicUpdateDto") == {}
    ours, real = query_names(client, "/purchaseorderbasic"), real_query_names(DOCUMENT, "/purchaseorderbasic")
    # As every document list: nettfin also takes the deprecated `orderBy`.
    assert (real - ours, ours - real) == ({"erp-api-background", "numberToRead", "skipRecords"} - ours, {"orderBy"})
