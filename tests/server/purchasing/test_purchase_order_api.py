"""Purchase orders (PO301000) through the API: create, read, update with line operations, list filters,
totals and VAT computed from the lines, numbering, errors in the service's wording, company isolation."""

from __future__ import annotations

from tests.factories import new_number
from tests.ledger_factories import add_dimension
from tests.sales_factories import add_trading_company, order_body


def test_a_new_order_gets_a_number_from_the_series_and_a_location(tenant):
    add_trading_company(tenant)
    response = tenant.post("/purchaseorder", order_body())
    number = new_number(response)
    assert number == "000001"
    assert response.headers["Location"].endswith("/purchaseorder/000001")
    assert new_number(tenant.post("/purchaseorder", order_body())) == "000002"


def test_an_order_computes_line_amounts_vat_and_totals_from_the_supplier_zone_and_item_category(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/purchaseorder", order_body()))
    order = tenant.get(f"/purchaseorder/{number}").json()
    first, second = order["lines"]
    assert (first["lineNbr"], first["extCost"], first["amount"], first["taxCategory"]["number"]) == (
        1,
        200.0,
        200.0,
        "03",
    )
    assert (second["lineNbr"], second["amount"], second["taxCategory"]["number"]) == (2, 360.0, "33")
    assert order["lineTotal"] == 560.0
    # Zone 01 x category 03 is VAT ID 1 (25 %) on purchases; category 33 has no purchase VAT in zone 01.
    assert [(d["taxId"], d["taxableAmount"], d["vatAmount"]) for d in order["taxDetails"]] == [("1", 200.0, 50.0)]
    assert order["taxTotal"] == 50.0 and order["orderTotal"] == 610.0
    assert order["status"] == "Open" and order["supplier"]["number"] == "50000"


def test_put_updates_inserts_and_deletes_lines_by_line_number_and_recomputes_totals(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/purchaseorder", order_body()))
    body = {
        "lines": [
            {"operation": "Update", "lineNumber": {"value": 1}, "orderQty": {"value": 5}},
            {"operation": "Delete", "lineNumber": {"value": 2}},
            {
                "operation": "Insert",
                "inventory": {"value": "TJENESTE"},
                "orderQty": {"value": 1},
                "unitCost": {"value": 40},
            },
        ]
    }
    response = tenant.put(f"/purchaseorder/{number}", body)
    assert response.status_code == 204, response.text
    order = tenant.get(f"/purchaseorder/{number}").json()
    assert [(x["lineNbr"], x["inventory"]["number"], x["amount"]) for x in order["lines"]] == [
        (1, "VARE", 500.0),
        (3, "TJENESTE", 40.0),
    ]
    assert (order["lineTotal"], order["taxTotal"], order["orderTotal"]) == (540.0, 135.0, 675.0)
    assert response.headers["ETag"] == f'"{order["timeStamp"]}"'


def test_line_discounts_give_the_amount_and_a_sent_amount_is_ignored_and_named(tenant):
    add_trading_company(tenant)
    body = order_body()
    body["lines"] = [
        {
            "inventory": {"value": "VARE"},
            "orderQty": {"value": 3},
            "unitCost": {"value": "33.33"},
            "discountPercent": {"value": 10},
            "amount": {"value": 1},
        }
    ]
    response = tenant.post("/purchaseorder", body)
    assert response.headers["X-Nettfin-Ignored-Fields"] == "lines[0].amount"
    line = tenant.get(f"/purchaseorder/{new_number(response)}").json()["lines"][0]
    assert (line["extCost"], line["discountAmount"], line["amount"], line["manualDiscount"]) == (
        99.99,
        10.0,
        89.99,
        True,
    )


def test_an_invalid_order_is_refused_with_every_problem_and_nothing_is_written(tenant):
    add_trading_company(tenant)
    body = order_body(supplier="99999", terms={"value": "NOPE"})
    body["lines"][0]["inventory"] = {"value": "NOSUCH"}
    body["lines"][1]["warehouse"] = {"value": "9"}
    response = tenant.post("/purchaseorder", body)
    assert response.status_code == 400
    message = response.json()["message"]
    assert (
        "Error inserting the purchase order. Error: Inserting 'PurchaseOrder' record raised at least one error"
        in message
    )
    for problem in (
        "Supplier '99999' cannot be found in the system.",
        "Terms 'NOPE' cannot be found in the system.",
        "lines[0]: Item 'NOSUCH' cannot be found in the system.",
        "lines[1]: Warehouse '9' cannot be found in the system.",
    ):
        assert f"Error: {problem}\r\n" in message
    assert tenant.get("/purchaseorder").json() == []


def test_an_order_without_a_supplier_or_with_a_bad_enum_is_a_400_naming_the_field(tenant):
    add_trading_company(tenant)
    response = tenant.post("/purchaseorder", {"date": {"value": "2020-01-01"}})
    assert response.status_code == 400 and "'Supplier' cannot be empty." in response.json()["message"]
    response = tenant.post("/purchaseorder", order_body(orderType={"value": "Weird"}))
    assert response.status_code == 400 and "orderType" in response.json()["message"]


def test_update_and_delete_of_a_line_the_order_does_not_have_are_refused(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/purchaseorder", order_body()))
    response = tenant.put(f"/purchaseorder/{number}", {"lines": [{"operation": "Delete", "lineNumber": {"value": 7}}]})
    assert response.status_code == 400
    assert "Error: lines[0]: Line 7 is not on the order.\r\n" in response.json()["message"]
    response = tenant.put(f"/purchaseorder/{number}", {"lines": [{"operation": "Insert", "lineNumber": {"value": 1}}]})
    assert "Error: lines[0]: Line 1 is already on the order.\r\n" in response.json()["message"]
    assert len(tenant.get(f"/purchaseorder/{number}").json()["lines"]) == 2


def test_unknown_orders_are_404_and_a_stale_if_match_is_412(tenant):
    add_trading_company(tenant)
    assert tenant.get("/purchaseorder/NOPE").status_code == 404
    assert tenant.put("/purchaseorder/NOPE", {"description": {"value": "x"}}).status_code == 404
    number = new_number(tenant.post("/purchaseorder", order_body()))
    response = tenant.put(
        f"/purchaseorder/{number}", {"description": {"value": "x"}}, headers={"If-Match": '"AAAAAAAAAAk="'}
    )
    assert response.status_code == 412


def test_hold_completed_lines_and_printing_decide_the_status(tenant):
    add_trading_company(tenant)
    held = new_number(tenant.post("/purchaseorder", order_body(hold={"value": True})))
    printed = new_number(tenant.post("/purchaseorder", order_body(dontPrint={"value": False})))
    done = new_number(tenant.post("/purchaseorder", order_body()))
    complete = [{"lineNumber": {"value": n}, "completed": {"value": True}} for n in (1, 2)]
    assert tenant.put(f"/purchaseorder/{done}", {"lines": complete}).status_code == 204
    statuses = {o["orderNbr"]: o["status"] for o in tenant.get("/purchaseorder").json()}
    assert statuses == {held: "Hold", printed: "PendingPrint", done: "Closed"}
    response = tenant.put(f"/purchaseorder/{done}", {"description": {"value": "late"}})
    assert response.status_code == 400 and "is closed and cannot be changed" in response.json()["message"]


def test_list_filters_by_type_status_supplier_dates_and_greater_than_value(tenant):
    add_trading_company(tenant)
    first = new_number(tenant.post("/purchaseorder", order_body(promisedOn={"value": "2020-04-01"})))
    second = new_number(tenant.post("/purchaseorder", order_body(supplier="50001", orderType={"value": "DropShip"})))
    third = new_number(tenant.post("/purchaseorder", order_body(date={"value": "2020-05-01"}, hold={"value": True})))

    def numbers(query: str) -> list[str]:
        response = tenant.get(f"/purchaseorder?{query}")
        assert response.status_code == 200, response.text
        return [o["orderNbr"] for o in response.json()]

    assert numbers("orderType=DropShip") == [second]
    assert numbers("orderStatus=Hold") == [third]
    assert numbers("supplier=50000&status=open") == [first]
    assert numbers("orderDate=2020-04-01&orderDateCondition=%3E%3D") == [third]
    assert numbers("deliveryDate=2020-03-31&deliveryDateCondition=%3E") == [first]
    assert numbers(f"greaterThanValue={first}") == [second, third]
    response = tenant.get("/purchaseorder?orderDate=2020-04-01")
    assert response.status_code == 400 and "orderDateCondition" in response.json()["message"]


def test_every_list_element_carries_metadata_and_pages_are_stable(tenant):
    add_trading_company(tenant)
    made = [new_number(tenant.post("/purchaseorder", order_body())) for _ in range(3)]
    page = tenant.get("/purchaseorder?pageSize=2&pageNumber=2").json()
    assert [o["orderNbr"] for o in page] == made[2:]
    assert page[0]["metadata"] == {"totalCount": 3, "maxPageSize": 500}


def test_another_companys_orders_are_invisible(tenant, other_tenant):
    add_trading_company(tenant)
    add_trading_company(other_tenant)
    number = new_number(tenant.post("/purchaseorder", order_body(description={"value": "mine"})))
    assert other_tenant.get(f"/purchaseorder/{number}").status_code == 404
    assert other_tenant.get("/purchaseorder").json() == []
    assert other_tenant.put(f"/purchaseorder/{number}", {"description": {"value": "x"}}).status_code == 404
    assert tenant.get(f"/purchaseorder/{number}").json()["description"] == "mine"


def test_a_number_sent_with_override_is_kept_and_a_duplicate_is_refused(tenant):
    add_trading_company(tenant)
    response = tenant.post(
        "/purchaseorder", order_body(orderNumber={"value": "PO-7"}, overrideNumberSeries={"value": True})
    )
    assert new_number(response) == "PO-7"
    again = tenant.post(
        "/purchaseorder", order_body(orderNumber={"value": "PO-7"}, overrideNumberSeries={"value": True})
    )
    assert again.status_code == 400 and "'Order no.' 'PO-7' already exists" in again.json()["message"]
    ignored = tenant.post("/purchaseorder", order_body(orderNumber={"value": "PO-8"}))
    assert new_number(ignored) == "000001" and ignored.headers["X-Nettfin-Ignored-Fields"] == "orderNumber"


def test_custom_free_fields_are_kept_and_shown_only_when_asked_for(tenant):
    add_trading_company(tenant)
    number = new_number(
        tenant.post("/purchaseorder", order_body(customStr1={"value": "abc"}, customDec1={"value": 1.5}))
    )
    plain = tenant.get(f"/purchaseorder/{number}").json()
    assert "customStr1" not in plain
    full = tenant.get(f"/purchaseorder/{number}?includeCustomFreeFields=true").json()
    assert (full["customStr1"], full["customDec1"]) == ("abc", 1.5)
    assert "customStr2" not in full
    assert "customInt1" not in full


def test_a_line_names_a_ledger_account_and_subaccount_and_an_unknown_account_is_refused(tenant):
    add_trading_company(tenant)
    add_dimension(tenant, project_validated=False)
    body = order_body()
    body["lines"][1]["account"] = {"value": "4300"}
    body["lines"][1]["sub"] = [{"segmentId": 1, "segmentValue": "20"}, {"segmentId": 2, "segmentValue": "777"}]
    number = new_number(tenant.post("/purchaseorder", body))
    first, second = tenant.get(f"/purchaseorder/{number}").json()["lines"]
    # VARE is a stock item: the line takes its inventory account. BOK's line names its own.
    assert first["account"] == {"type": "Asset", "number": "1400", "description": "Varelager"}
    assert second["account"] == {"type": "Expense", "number": "4300", "description": "Innkjøp av varer"}
    assert "sub" not in first
    # A valid combination the ledger had not defined is defined when the order is saved.
    assert second["sub"]["subaccountNumber"] == "20-777"
    assert second["sub"]["subaccountId"] == tenant.get("/subaccount/20-777").json()["subaccountId"]
    body = order_body()
    body["lines"][0]["account"] = {"value": "9999"}
    response = tenant.post("/purchaseorder", body)
    assert response.status_code == 400
    assert "Error: lines[0]: Account '9999' cannot be found in the system.\r\n" in response.json()["message"]
