"""Customer (reference 3.1, AR303000): list, get, create, update, classes, through the app on both databases."""

from __future__ import annotations

from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.settings import Settings
from tests.factories import add_reference_data, minimal_customer, new_number


def test_minimum_create_body_returns_201_with_location_of_the_new_number(tenant):
    add_reference_data(tenant)
    response = tenant.post("/customer", minimal_customer())
    assert response.status_code == 201
    assert response.content == b""
    location = response.headers["Location"]
    assert location.startswith("http://testserver/API/controller/api/v1/customer/")
    assert location.endswith("/10001")
    assert response.headers["ETag"]


def test_created_customer_reads_back_with_nested_references_and_class_defaults(tenant):
    add_reference_data(tenant)
    number = new_number(tenant.post("/customer", minimal_customer()))
    response = tenant.get(f"/customer/{number}")
    assert response.status_code == 200
    body = response.json()
    assert body["number"] == number
    assert body["name"] == "Acme AS"
    assert body["status"] == "Active"
    assert body["customerClass"] == {"id": "1", "description": "Domestic customers"}
    # The class's defaults fill what the body did not give.
    assert body["creditTerms"] == {"id": "30", "description": "30 days"}
    assert body["vatZone"]["id"] == "01"
    assert body["invoiceOrdersSeparately"] is True
    assert body["mainAddress"]["addressLine1"] == "TestRoad 13"
    assert body["mainAddress"]["country"] == {"id": "NO", "name": "Norway"}
    assert body["currencyId"] == "NOK"
    assert body["timeStamp"] and response.headers["ETag"] == f'"{body["timeStamp"]}"'
    assert "metadata" not in body


def test_numbers_come_from_the_series_in_order(tenant):
    add_reference_data(tenant)
    numbers = [new_number(tenant.post("/customer", minimal_customer(f"Customer {i}"))) for i in range(3)]
    assert numbers == ["10001", "10002", "10003"]


def test_a_number_sent_without_override_is_ignored_and_named_in_the_header(tenant):
    add_reference_data(tenant)
    response = tenant.post("/customer", minimal_customer(number={"value": "X1"}))
    assert new_number(response) == "10001"
    assert "number" in response.headers["X-Nettfin-Ignored-Fields"].split(", ")


def test_override_number_series_keeps_the_given_number_and_the_series_skips_it(tenant):
    add_reference_data(tenant)
    body = minimal_customer(number={"value": "10001"}, overrideNumberSeries={"value": True})
    assert new_number(tenant.post("/customer", body)) == "10001"
    assert new_number(tenant.post("/customer", minimal_customer("Next"))) == "10002"


def test_duplicate_number_is_refused_and_nothing_is_written(tenant):
    add_reference_data(tenant)
    body = minimal_customer(number={"value": "K1"}, overrideNumberSeries={"value": True})
    assert tenant.post("/customer", body).status_code == 201
    response = tenant.post("/customer", {**body, "name": {"value": "Second"}})
    assert response.status_code == 400
    assert "'Customer ID' 'K1' already exists" in response.json()["message"]
    assert len(tenant.get("/customer").json()) == 1


def test_manual_numbering_without_a_number_says_customer_id_cannot_be_empty(database, client):
    from tests.conftest import make_tenant

    manual = make_tenant(database, client, manual_numbering=True)
    add_reference_data(manual)
    response = manual.post("/customer", minimal_customer())
    assert response.status_code == 400
    message = response.json()["message"]
    assert message.startswith("VismaId: ")
    assert message.endswith(
        "Error inserting the customer. Error: Inserting 'Customer' record raised at least one error. "
        "Please review the errors.\r\nError: 'Customer ID' cannot be empty.\r\n"
    )


def test_missing_name_uses_the_services_wording(tenant):
    add_reference_data(tenant)
    body = minimal_customer()
    del body["name"]
    response = tenant.post("/customer", body)
    assert response.status_code == 400
    assert "Error inserting the customer." in response.json()["message"]
    assert "Error: 'Customer name' cannot be empty.\r\n" in response.json()["message"]


def test_unknown_references_are_refused_all_at_once_and_nothing_is_written(tenant):
    add_reference_data(tenant)
    body = minimal_customer(creditTermsId={"value": "TT"}, vatZoneId={"value": "99"}, customerClassId={"value": "NOPE"})
    response = tenant.post("/customer", body)
    assert response.status_code == 400
    message = response.json()["message"]
    assert "Error: Terms 'TT' cannot be found in the system.\r\n" in message
    assert "Error: VAT zone '99' cannot be found in the system.\r\n" in message
    assert "Error: Customer class 'NOPE' cannot be found in the system.\r\n" in message
    assert tenant.get("/customer").json() == []


def test_class_requiring_a_vat_zone_refuses_a_customer_without_one(tenant):
    add_reference_data(tenant)
    response = tenant.post("/customer", minimal_customer(customerClassId={"value": "2"}))
    assert response.status_code == 400
    assert "'VAT zone' cannot be empty." in response.json()["message"]


def test_put_changes_only_the_fields_sent(tenant):
    add_reference_data(tenant)
    number = new_number(
        tenant.post(
            "/customer",
            minimal_customer(mainContact={"value": {"email": {"value": "a@example.no"}, "phone1": {"value": "123"}}}),
        )
    )
    response = tenant.put(
        f"/customer/{number}",
        {
            "name": {"value": "Renamed AS"},
            "mainContact": {"value": {"email": {"value": "b@example.no"}}},
        },
    )
    assert response.status_code == 204
    assert response.content == b""
    body = tenant.get(f"/customer/{number}").json()
    assert body["name"] == "Renamed AS"
    assert body["mainContact"]["email"] == "b@example.no"
    assert body["mainContact"]["phone1"] == "123"
    assert body["mainAddress"]["addressLine1"] == "TestRoad 13"
    assert body["creditTerms"]["id"] == "30"


def test_value_null_clears_a_field(tenant):
    add_reference_data(tenant)
    number = new_number(tenant.post("/customer", minimal_customer(corporateId={"value": "999888777"})))
    assert (
        tenant.put(
            f"/customer/{number}", {"corporateId": {"value": None}, "creditTermsId": {"value": None}}
        ).status_code
        == 204
    )
    body = tenant.get(f"/customer/{number}").json()
    assert body["number"] == number
    assert "corporateId" not in body
    assert "creditTerms" not in body


def test_a_cleared_field_is_an_explicit_null_from_a_server_that_renders_nulls(tenant, tmp_path):
    add_reference_data(tenant)
    number = new_number(tenant.post("/customer", minimal_customer(corporateId={"value": "999888777"})))
    cleared = {"corporateId": {"value": None}, "creditTermsId": {"value": None}}
    assert tenant.put(f"/customer/{number}", cleared).status_code == 204

    app = create_app(Settings(data_dir=tmp_path, render_nulls=True), database=tenant.database)
    with TestClient(app) as client:
        response = client.get(tenant.url(f"/customer/{number}"), headers=tenant.headers)
    assert response.status_code == 200
    body = response.json()
    assert body["number"] == number
    assert "corporateId" in body and body["corporateId"] is None
    assert "creditTerms" in body and body["creditTerms"] is None


def test_put_of_unknown_customer_is_404(tenant):
    response = tenant.put("/customer/NOPE", {"name": {"value": "x"}})
    assert response.status_code == 404
    assert response.json()["message"].endswith("Customer 'NOPE' not found.")


def test_get_of_unknown_customer_is_404_in_the_message_shape(tenant):
    response = tenant.get("/customer/NOPE")
    assert response.status_code == 404
    assert set(response.json()) == {"message"}


def test_put_with_stale_if_match_is_412_and_changes_nothing(tenant):
    add_reference_data(tenant)
    number = new_number(tenant.post("/customer", minimal_customer()))
    etag = tenant.get(f"/customer/{number}").headers["ETag"]
    assert (
        tenant.put(f"/customer/{number}", {"name": {"value": "First"}}, headers={"If-Match": etag}).status_code == 204
    )
    stale = tenant.put(f"/customer/{number}", {"name": {"value": "Second"}}, headers={"If-Match": etag})
    assert stale.status_code == 412
    assert stale.content == b""
    assert tenant.get(f"/customer/{number}").json()["name"] == "First"


def test_etag_changes_on_every_update(tenant):
    add_reference_data(tenant)
    number = new_number(tenant.post("/customer", minimal_customer()))
    before = tenant.get(f"/customer/{number}").headers["ETag"]
    response = tenant.put(f"/customer/{number}", {"gln": {"value": "7080000000001"}})
    assert response.headers["ETag"] != before
    assert tenant.get(f"/customer/{number}").headers["ETag"] == response.headers["ETag"]


def test_unknown_fields_are_ignored_and_named_in_a_header(tenant):
    add_reference_data(tenant)
    body = minimal_customer(nmae={"value": "typo"})
    body["mainAddress"]["value"]["street"] = {"value": "x"}
    response = tenant.post("/customer", body)
    assert response.status_code == 201
    assert response.headers["X-Nettfin-Ignored-Fields"] == "mainAddress.street, nmae"


def test_unwrapped_value_is_a_400_that_shows_the_wrapper(tenant):
    response = tenant.post("/customer", {"name": "Acme"})
    assert response.status_code == 400
    message = response.json()["message"]
    assert "'name'" in message and 'must be wrapped as {"value": ...}' in message


def test_wrong_type_inside_the_wrapper_names_the_field(tenant):
    add_reference_data(tenant)
    response = tenant.post("/customer", minimal_customer(creditLimit={"value": "lots"}))
    assert response.status_code == 400
    assert "'creditLimit.value'" in response.json()["message"]
    assert "lots" in response.json()["message"]


def test_enum_values_and_field_names_bind_case_insensitively(tenant):
    add_reference_data(tenant)
    body = minimal_customer(Status={"Value": "onhold"}, statementType={"value": "balancebroughtforward"})
    number = new_number(tenant.post("/customer", body))
    read = tenant.get(f"/customer/{number}").json()
    assert read["status"] == "OnHold"
    assert read["statementType"] == "BalanceBroughtForward"


def test_unknown_enum_value_lists_what_is_accepted(tenant):
    response = tenant.post("/customer", minimal_customer(status={"value": "Sleeping"}))
    assert response.status_code == 400
    message = response.json()["message"]
    assert "status.value" in message and "Active" in message and "OneTime" in message


def test_decimals_are_json_numbers_that_keep_their_scale(tenant):
    add_reference_data(tenant)
    number = new_number(tenant.post("/customer", minimal_customer(creditLimit={"value": 1234.77})))
    response = tenant.get(f"/customer/{number}")
    assert b'"creditLimit":1234.7700' in response.content


def test_negative_credit_limit_and_too_long_name_are_refused(tenant):
    add_reference_data(tenant)
    response = tenant.post("/customer", minimal_customer("x" * 300, creditLimit={"value": -1}))
    message = response.json()["message"]
    assert response.status_code == 400
    assert "'Credit limit' cannot be less than 0." in message
    assert "'Customer name' is too long: 300 characters, at most 255" in message


def test_unknown_country_is_refused(tenant):
    add_reference_data(tenant)
    body = minimal_customer()
    body["mainAddress"]["value"]["countryId"] = {"value": "XX"}
    response = tenant.post("/customer", body)
    assert response.status_code == 400
    assert "Country 'XX' cannot be found in the system." in response.json()["message"]


def test_parent_record_is_resolved_by_number(tenant):
    add_reference_data(tenant)
    parent = new_number(tenant.post("/customer", minimal_customer("Parent AS")))
    child = new_number(tenant.post("/customer", minimal_customer("Child AS", parentRecordNumber={"value": parent})))
    assert tenant.get(f"/customer/{child}").json()["parentRecord"] == {"number": parent, "name": "Parent AS"}


def test_a_list_renders_parents_whichever_comes_first_on_the_page(tenant):
    """A page joins each row's parent for its number and name only; a parent that is also a row of the page (before
    or after its child) still renders whole, with its class, terms and zone."""
    add_reference_data(tenant)
    first = new_number(tenant.post("/customer", minimal_customer("First AS")))
    second = new_number(tenant.post("/customer", minimal_customer("Second AS")))
    assert tenant.put(f"/customer/{first}", {"parentRecordNumber": {"value": second}}).status_code == 204
    third = new_number(tenant.post("/customer", minimal_customer("Third AS", parentRecordNumber={"value": first})))

    listed = {c["number"]: c for c in tenant.get("/customer", params={"expandDirectDebit": True}).json()}
    for number in (first, second, third):
        alone = tenant.get(f"/customer/{number}").json()
        assert {k: v for k, v in listed[number].items() if k != "metadata"} == alone
    assert listed[first]["parentRecord"] == {"number": second, "name": "Second AS"}
    assert listed[third]["parentRecord"] == {"number": first, "name": "First AS"}
    assert listed[first]["customerClass"]["id"] == "1" and listed[first]["creditTerms"]["id"] == "30"


def test_internal_id_routes_read_and_update(tenant):
    add_reference_data(tenant)
    number = new_number(tenant.post("/customer", minimal_customer()))
    internal_id = tenant.get(f"/customer/{number}").json()["internalId"]
    assert tenant.get(f"/customer/internal/{internal_id}").json()["number"] == number
    assert tenant.put(f"/customer/internal/{internal_id}", {"name": {"value": "By id"}}).status_code == 204
    assert tenant.get(f"/customer/{number}").json()["name"] == "By id"


def test_customer_classes_list_and_get(tenant):
    add_reference_data(tenant)
    classes = tenant.get("/customer/customerClass").json()
    assert [c["id"] for c in classes] == ["1", "2"]
    assert classes[0]["taxZoneId"] == "01"
    assert tenant.get("/customer/customerclass/2").json()["requiredTaxzoneId"] is True
    assert tenant.get("/customer/customerClass/9").status_code == 404


def test_paths_match_case_insensitively_and_keys_keep_their_case(tenant):
    add_reference_data(tenant)
    body = minimal_customer(number={"value": "AbC"}, overrideNumberSeries={"value": True})
    assert new_number(tenant.post("/customer", body)) == "AbC"
    response = tenant.client.get("/api/CONTROLLER/Api/V1/Customer/AbC", headers=tenant.headers)
    assert response.status_code == 200
    assert response.json()["number"] == "AbC"
    assert tenant.get("/customer/abc").status_code == 404


def test_b64_keys_are_decoded(tenant):
    add_reference_data(tenant)
    key = ":/?#[]@&*+;"
    body = minimal_customer(number={"value": key}, overrideNumberSeries={"value": True})
    assert tenant.post("/customer", body).status_code == 201
    assert tenant.get("/customer/b64(Oi8_I1tdQCYqKzs)").json()["number"] == key


def test_current_surface_alias_serves_the_same_handlers(tenant):
    add_reference_data(tenant)
    response = tenant.client.post("/v1/customer", json=minimal_customer(), headers=tenant.headers)
    assert response.status_code == 201
    assert response.headers["Location"] == "http://testserver/v1/customer/10001"
    assert tenant.client.get("/v1/customer/10001", headers=tenant.headers).json()["name"] == "Acme AS"
