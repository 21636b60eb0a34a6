"""Supplier (reference 3.2, AP303000): list, get, create, update, classes and balances, through the app on
both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import make_tenant
from tests.factories import new_number
from tests.party_factories import add_supplier_reference_data, insert_suppliers, minimal_supplier


def numbers(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["number"] for item in response.json()]


@pytest.fixture
def suppliers(tenant):
    add_supplier_reference_data(tenant)
    return tenant


# --- create -------------------------------------------------------------------------------------------------


def test_minimum_create_body_returns_201_with_location_of_the_next_series_number(suppliers):
    response = suppliers.post("/supplier", minimal_supplier())
    assert response.status_code == 201
    assert response.content == b""
    assert response.headers["Location"] == "http://testserver/API/controller/api/v1/supplier/50001"
    assert response.headers["ETag"]


def test_created_supplier_reads_back_with_class_defaults_and_nested_references(suppliers):
    number = new_number(suppliers.post("/supplier", minimal_supplier()))
    response = suppliers.get(f"/supplier/{number}")
    assert response.status_code == 200
    body = response.json()
    assert (body["number"], body["name"], body["status"]) == (number, "Leverandør AS", "Active")
    assert body["supplierClass"] == {"id": "1", "description": "Domestic suppliers"}
    # The class fills what the body did not give.
    assert body["creditTerms"] == {"id": "30", "description": "30 days"}
    assert body["vatZone"]["id"] == "01" and body["vatZone"]["defaultVatCategory"] == "03"
    assert body["paymentMethod"] == {"id": "BANK"}
    assert body["currencyId"] == "NOK"
    assert body["mainAddress"]["country"] == {"id": "NO", "name": "Norway"}
    assert body["location"] == {"countryId": "NO", "id": "MAIN", "name": "Primary location"}
    assert (body["chargeBearer"], body["accountUsedForPayment"], body["paymentBy"]) == ("Shared", "BBAN", "DueDate")
    assert response.headers["ETag"] == f'"{body["timeStamp"]}"'
    assert "metadata" not in body


def test_numbers_come_from_the_supplier_series_in_order(suppliers):
    created = [new_number(suppliers.post("/supplier", minimal_supplier(f"S{i}"))) for i in range(3)]
    assert created == ["50001", "50002", "50003"]


def test_supplier_and_customer_numbers_come_from_separate_series(suppliers):
    assert new_number(suppliers.post("/supplier", minimal_supplier())) == "50001"
    customer = suppliers.post("/customer", {"name": {"value": "Kunde AS"}})
    assert new_number(customer) == "10001"


def test_a_number_sent_without_override_is_ignored_and_named_in_the_header(suppliers):
    response = suppliers.post("/supplier", minimal_supplier(number={"value": "X1"}))
    assert new_number(response) == "50001"
    assert "number" in response.headers["X-Nettfin-Ignored-Fields"].split(", ")


def test_override_number_series_keeps_the_given_number_and_the_series_skips_it(suppliers):
    body = minimal_supplier(number={"value": "50001"}, overrideNumberSeries={"value": True})
    assert new_number(suppliers.post("/supplier", body)) == "50001"
    assert new_number(suppliers.post("/supplier", minimal_supplier("Next"))) == "50002"


def test_duplicate_number_is_refused_in_the_services_wording_and_nothing_is_written(suppliers):
    body = minimal_supplier(number={"value": "L1"}, overrideNumberSeries={"value": True})
    assert suppliers.post("/supplier", body).status_code == 201
    response = suppliers.post("/supplier", {**body, "name": {"value": "Second"}})
    assert response.status_code == 400
    message = response.json()["message"]
    assert "Error inserting the supplier. Error: Inserting 'Supplier' record raised at least one error." in message
    assert "Error: 'Supplier ID' 'L1' already exists" in message
    assert numbers(suppliers.get("/supplier")) == ["L1"]


def test_manual_numbering_without_a_number_says_supplier_id_cannot_be_empty(database, client):
    manual = make_tenant(database, client)
    add_supplier_reference_data(manual, manual_numbering=True)
    response = manual.post("/supplier", minimal_supplier())
    assert response.status_code == 400
    assert response.json()["message"].endswith(
        "Error inserting the supplier. Error: Inserting 'Supplier' record raised at least one error. "
        "Please review the errors.\r\nError: 'Supplier ID' cannot be empty.\r\n"
    )


def test_a_company_without_a_supplier_series_needs_the_number_in_the_body(tenant):
    response = tenant.post("/supplier", {"name": {"value": "No series AS"}})
    assert response.status_code == 400
    assert "'Supplier ID' cannot be empty." in response.json()["message"]
    assert new_number(tenant.post("/supplier", {"number": {"value": "L9"}, "name": {"value": "Given"}})) == "L9"


def test_every_problem_is_reported_at_once_and_nothing_is_written(suppliers):
    body = minimal_supplier(
        creditTermsId={"value": "TT"},
        vatZoneId={"value": "99"},
        supplierClassId={"value": "NOPE"},
        currencyId={"value": "nok"},
        paymentLeadTime={"value": -1},
        retainagePct={"value": 101},
    )
    body["name"] = {"value": None}
    response = suppliers.post("/supplier", body)
    assert response.status_code == 400
    message = response.json()["message"]
    for problem in (
        "'Supplier name' cannot be empty.",
        "Terms 'TT' cannot be found in the system.",
        "VAT zone '99' cannot be found in the system.",
        "Supplier class 'NOPE' cannot be found in the system.",
        "Currency 'nok' cannot be found in the system.",
        "'Payment lead time (days)' cannot be less than 0.",
        "'Retainage (%)' cannot be greater than 100.",
    ):
        assert f"Error: {problem}\r\n" in message, problem
    assert suppliers.get("/supplier").json() == []


def test_class_requiring_a_vat_zone_refuses_a_supplier_without_one(suppliers):
    response = suppliers.post("/supplier", minimal_supplier(supplierClassId={"value": "2"}))
    assert response.status_code == 400
    assert "'VAT zone' cannot be empty." in response.json()["message"]


def test_unknown_enum_value_lists_what_is_accepted(suppliers):
    response = suppliers.post("/supplier", minimal_supplier(chargeBearer={"value": "Nobody"}))
    assert response.status_code == 400
    message = response.json()["message"]
    assert "chargeBearer.value" in message and "ServiceLevel" in message


def test_enum_values_bind_case_insensitively(suppliers):
    body = minimal_supplier(status={"value": "holdpayments"}, accountUsedForPayment={"value": "iban"})
    number = new_number(suppliers.post("/supplier", body))
    read = suppliers.get(f"/supplier/{number}").json()
    assert (read["status"], read["accountUsedForPayment"]) == ("HoldPayments", "IBAN")


def test_too_long_values_and_out_of_range_numbers_name_the_field(suppliers):
    response = suppliers.post("/supplier", minimal_supplier("x" * 256, paymentLeadTime={"value": 40000}))
    message = response.json()["message"]
    assert response.status_code == 400
    assert "'Supplier name' is too long: 256 characters, at most 255" in message
    assert "'Payment lead time (days)' is out of range: 40000" in message


def test_unwrapped_scalar_is_a_400_that_shows_the_wrapper(suppliers):
    response = suppliers.post("/supplier", {"name": "Acme"})
    assert response.status_code == 400
    assert 'must be wrapped as {"value": ...}' in response.json()["message"]


def test_unknown_country_is_refused(suppliers):
    body = minimal_supplier()
    body["mainAddress"]["value"]["countryId"] = {"value": "XX"}
    response = suppliers.post("/supplier", body)
    assert response.status_code == 400
    assert "mainAddress: Country 'XX' cannot be found in the system." in response.json()["message"]


def test_attribute_lines_are_accepted_and_named_as_ignored(suppliers):
    body = minimal_supplier(attributeLines=[{"attributeId": {"value": "A"}, "attributeValue": {"value": "B"}}])
    response = suppliers.post("/supplier", body)
    assert response.status_code == 201
    assert response.headers["X-Nettfin-Ignored-Fields"] == "attributeLines"


def test_payment_method_details_are_kept_by_description(suppliers):
    details = [
        {"paymentMethodDetailDescription": "Bank account", "paymentMethodDetailValue": {"value": "1503.12.34567"}},
        {"paymentMethodDetailDescription": "BIC", "paymentMethodDetailValue": {"value": "DNBANOKK"}},
    ]
    number = new_number(suppliers.post("/supplier", minimal_supplier(supplierPaymentMethodDetails=details)))
    change = [{"paymentMethodDetailDescription": "BIC", "paymentMethodDetailValue": {"value": "NDEANOKK"}}]
    assert suppliers.put(f"/supplier/{number}", {"supplierPaymentMethodDetails": change}).status_code == 204
    read = suppliers.get(f"/supplier/{number}").json()["supplierPaymentMethodDetails"]
    assert [(d["paymentMethodDetailDescription"], d["paymentMethodDetailValue"]) for d in read] == [
        ("Bank account", "1503.12.34567"),
        ("BIC", "NDEANOKK"),
    ]


def test_parent_record_is_resolved_by_number(suppliers):
    parent = new_number(suppliers.post("/supplier", minimal_supplier("Parent AS")))
    child = new_number(suppliers.post("/supplier", minimal_supplier("Child AS", parentRecordNumber={"value": parent})))
    assert suppliers.get(f"/supplier/{child}").json()["parentRecord"] == {"number": parent, "name": "Parent AS"}
    response = suppliers.put(f"/supplier/{child}", {"parentRecordNumber": {"value": child}})
    assert "'Parent account' cannot be the supplier itself." in response.json()["message"]


# --- update -------------------------------------------------------------------------------------------------


def test_put_changes_only_the_fields_sent(suppliers):
    body = minimal_supplier(
        mainContact={"value": {"email": {"value": "a@example.no"}, "phone1": {"value": "123"}}},
        vatRegistrationId={"value": "NO999888777MVA"},
        note={"value": "Keep me"},
    )
    number = new_number(suppliers.post("/supplier", body))
    before = suppliers.get(f"/supplier/{number}").json()
    update = {"name": {"value": "Renamed AS"}, "mainContact": {"value": {"email": {"value": "b@example.no"}}}}
    response = suppliers.put(f"/supplier/{number}", update)
    assert response.status_code == 204
    assert response.content == b""
    after = suppliers.get(f"/supplier/{number}").json()
    assert after["name"] == "Renamed AS"
    assert after["mainContact"]["email"] == "b@example.no"
    changed = {"name", "mainContact", "lastModifiedDateTime", "timeStamp"}
    assert {k: v for k, v in after.items() if k not in changed} == {k: v for k, v in before.items() if k not in changed}
    assert after["mainContact"]["phone1"] == "123"


def test_value_null_clears_a_field_and_returns_defaults_for_those_that_cannot_be_empty(suppliers):
    body = minimal_supplier(corporateId={"value": "999888777"}, chargeBearer={"value": "Payer"})
    number = new_number(suppliers.post("/supplier", body))
    clear = {"corporateId": {"value": None}, "creditTermsId": {"value": None}, "chargeBearer": {"value": None}}
    assert suppliers.put(f"/supplier/{number}", clear).status_code == 204
    read = suppliers.get(f"/supplier/{number}").json()
    assert "corporateId" not in read and "creditTerms" not in read and read["chargeBearer"] == "Shared"


def test_changing_class_with_override_takes_the_new_class_defaults(suppliers):
    body = minimal_supplier(supplierClassId={"value": "2"}, vatZoneId={"value": "02"})
    number = new_number(suppliers.post("/supplier", body))
    assert "creditTerms" not in suppliers.get(f"/supplier/{number}").json()
    update = {"supplierClassId": {"value": "1"}, "overrideWithClassValues": True}
    assert suppliers.put(f"/supplier/{number}", update).status_code == 204
    read = suppliers.get(f"/supplier/{number}").json()
    assert (read["creditTerms"]["id"], read["vatZone"]["id"]) == ("30", "01")


def test_changing_class_without_override_keeps_the_suppliers_values(suppliers):
    body = minimal_supplier(supplierClassId={"value": "2"}, vatZoneId={"value": "02"})
    number = new_number(suppliers.post("/supplier", body))
    assert suppliers.put(f"/supplier/{number}", {"supplierClassId": {"value": "1"}}).status_code == 204
    read = suppliers.get(f"/supplier/{number}").json()
    assert (read["supplierClass"]["id"], read["vatZone"]["id"]) == ("1", "02") and "creditTerms" not in read


def test_a_refused_update_changes_nothing(suppliers):
    number = new_number(suppliers.post("/supplier", minimal_supplier()))
    response = suppliers.put(f"/supplier/{number}", {"name": {"value": "New"}, "vatZoneId": {"value": "99"}})
    assert response.status_code == 400
    assert "Error updating the supplier. Error: Updating 'Supplier' record" in response.json()["message"]
    assert suppliers.get(f"/supplier/{number}").json()["name"] == "Leverandør AS"


def test_number_in_a_put_is_ignored_and_named(suppliers):
    number = new_number(suppliers.post("/supplier", minimal_supplier()))
    response = suppliers.put(f"/supplier/{number}", {"number": {"value": "OTHER"}})
    assert response.status_code == 204
    assert response.headers["X-Nettfin-Ignored-Fields"] == "number"
    assert suppliers.get(f"/supplier/{number}").status_code == 200


def test_put_with_stale_if_match_is_412_and_changes_nothing(suppliers):
    number = new_number(suppliers.post("/supplier", minimal_supplier()))
    etag = suppliers.get(f"/supplier/{number}").headers["ETag"]
    first = suppliers.put(f"/supplier/{number}", {"name": {"value": "First"}}, headers={"If-Match": etag})
    assert first.status_code == 204 and first.headers["ETag"] != etag
    stale = suppliers.put(f"/supplier/{number}", {"name": {"value": "Second"}}, headers={"If-Match": etag})
    assert (stale.status_code, stale.content) == (412, b"")
    assert suppliers.get(f"/supplier/{number}").json()["name"] == "First"


def test_unknown_supplier_is_404_on_get_put_and_balance(suppliers):
    for response in (
        suppliers.get("/supplier/NOPE"),
        suppliers.put("/supplier/NOPE", {"name": {"value": "x"}}),
        suppliers.get("/supplier/NOPE/balance"),
    ):
        assert response.status_code == 404
        assert response.json()["message"].endswith("Supplier 'NOPE' not found.")


def test_b64_keys_and_case_insensitive_paths(suppliers):
    key = ":/?#[]@&*+;"
    body = minimal_supplier(number={"value": key}, overrideNumberSeries={"value": True})
    assert suppliers.post("/supplier", body).status_code == 201
    assert suppliers.get("/supplier/b64(Oi8_I1tdQCYqKzs)").json()["number"] == key
    body = minimal_supplier(number={"value": "AbC"}, overrideNumberSeries={"value": True})
    assert suppliers.post("/supplier", body).status_code == 201
    response = suppliers.client.get("/api/controller/api/V1/SUPPLIER/AbC", headers=suppliers.headers)
    assert response.json()["number"] == "AbC"
    assert suppliers.get("/supplier/abc").status_code == 404


def test_current_surface_alias_serves_the_same_handlers(suppliers):
    response = suppliers.client.post("/v1/supplier", json=minimal_supplier(), headers=suppliers.headers)
    assert response.headers["Location"] == "http://testserver/v1/supplier/50001"
    assert suppliers.client.get("/v1/supplier/50001", headers=suppliers.headers).json()["name"] == "Leverandør AS"


# --- list ---------------------------------------------------------------------------------------------------


def test_list_is_paged_with_metadata_on_every_element(suppliers):
    insert_suppliers(suppliers, 7)
    page = suppliers.get("/supplier", params={"pageSize": 3, "pageNumber": 3})
    assert numbers(page) == ["S00007"]
    assert {item["metadata"]["totalCount"] for item in page.json()} == {7}
    assert page.json()[0]["metadata"]["maxPageSize"] == 1000
    assert suppliers.get("/supplier", params={"pageSize": 3, "pageNumber": 4}).json() == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"name": "kjøkken"}, ["K1"]),
        ({"status": "inactive"}, ["K2"]),
        ({"vatRegistrationId": "NO111MVA"}, ["K1"]),
        ({"corporateId": "222"}, ["K2"]),
        ({"greaterThanValue": "K1"}, ["K2", "K3"]),
    ],
)
def test_list_filters(suppliers, params, expected):
    for number, name, extra in (
        ("K1", "Kjøkkenutstyr AS", {"vatRegistrationId": {"value": "NO111MVA"}}),
        ("K2", "Kontor AS", {"status": {"value": "Inactive"}, "corporateId": {"value": "222"}}),
        ("K3", "Verksted AS", {}),
    ):
        body = minimal_supplier(name, number={"value": number}, overrideNumberSeries={"value": True}, **extra)
        assert suppliers.post("/supplier", body).status_code == 201
    assert numbers(suppliers.get("/supplier", params=params)) == expected


def test_unknown_status_filter_is_a_400_naming_the_parameter(suppliers):
    response = suppliers.get("/supplier", params={"status": "Sleeping"})
    assert response.status_code == 400
    assert "query parameter 'status'" in response.json()["message"]


def test_last_modified_filter_needs_its_condition(suppliers):
    response = suppliers.get("/supplier", params={"lastModifiedDateTime": "2020-01-14"})
    assert response.status_code == 400
    assert "'lastModifiedDateTimeCondition'" in response.json()["message"]


def test_expand_flags_fill_gl_accounts_and_note_in_lists_only_when_asked(suppliers):
    body = minimal_supplier(
        note={"value": "Ring før levering"}, glAccounts={"value": {"expenseSubaccount": {"value": "00"}}}
    )
    number = new_number(suppliers.post("/supplier", body))
    plain = suppliers.get("/supplier").json()[0]
    assert "note" not in plain and "glAccounts" not in plain
    expanded = suppliers.get("/supplier", params={"expandNote": "true", "expandAccountInformation": "true"}).json()[0]
    assert expanded["note"] == "Ring før levering"
    assert expanded["glAccounts"]["expenseSubaccount"]["id"] == "00"
    single = suppliers.get(f"/supplier/{number}").json()
    assert single["note"] == "Ring før levering" and single["glAccounts"]["expenseSubaccount"]["id"] == "00"


# --- classes and balances -----------------------------------------------------------------------------------


def test_supplier_classes_list_and_get(suppliers):
    classes = suppliers.get("/supplier/supplierClass").json()
    assert [(c["id"], c["description"], c.get("paymentMethodId")) for c in classes] == [
        ("1", "Domestic suppliers", "BANK"),
        ("2", "Zone required", None),
    ]
    assert "paymentMethodId" not in classes[1]
    one = suppliers.get("/supplier/supplierclass/2")
    assert one.status_code == 200 and one.json()["id"] == "2"
    assert one.headers["ETag"] == f'"{one.json()["timeStamp"]}"'
    missing = suppliers.get("/supplier/supplierClass/9")
    assert missing.status_code == 404 and missing.json()["message"].endswith("Supplier class '9' not found.")


def test_balance_of_a_supplier_is_zero_until_documents_exist(suppliers):
    number = new_number(suppliers.post("/supplier", minimal_supplier()))
    response = suppliers.get(f"/supplier/{number}/balance")
    assert response.status_code == 200
    body = response.json()
    assert body["supplier"]["number"] == number and body["supplier"]["name"] == "Leverandør AS"
    assert body["balance"] == 0
    assert body["totalPurchaseInvoiceYear"] == {"withoutVat": 0, "withVat": 0}
    assert b'"balance":0.0000' in response.content


def test_balances_list_every_supplier_unpaged_with_the_deprecated_window_parameters(suppliers):
    insert_suppliers(suppliers, 5, modified=datetime(2020, 1, 10, tzinfo=UTC), step=timedelta(days=1))
    listed = suppliers.get("/supplier/balance").json()
    assert [b["supplier"]["number"] for b in listed] == ["S00001", "S00002", "S00003", "S00004", "S00005"]
    assert all("metadata" not in b for b in listed)
    window = suppliers.get("/supplier/balance", params={"skipRecords": 1, "numberToRead": 2}).json()
    assert [b["supplier"]["number"] for b in window] == ["S00002", "S00003"]
    after = suppliers.get("/supplier/balance", params={"greaterThanValue": "S00003"}).json()
    assert [b["supplier"]["number"] for b in after] == ["S00004", "S00005"]
    recent = suppliers.get(
        "/supplier/balance", params={"lastModifiedDateTime": "2020-01-13", "lastModifiedDateTimeCondition": ">="}
    ).json()
    assert [b["supplier"]["number"] for b in recent] == ["S00004", "S00005"]


# --- isolation and authentication ---------------------------------------------------------------------------


def test_another_companys_suppliers_and_classes_are_invisible(suppliers, other_tenant):
    number = new_number(suppliers.post("/supplier", minimal_supplier()))
    assert other_tenant.get("/supplier").json() == []
    assert other_tenant.get(f"/supplier/{number}").status_code == 404
    assert other_tenant.put(f"/supplier/{number}", {"name": {"value": "Taken"}}).status_code == 404
    assert other_tenant.get("/supplier/supplierClass").json() == []
    assert other_tenant.get("/supplier/supplierClass/1").status_code == 404
    assert other_tenant.get("/supplier/balance").json() == []
    assert suppliers.get(f"/supplier/{number}").json()["name"] == "Leverandør AS"


def test_another_companys_classes_and_zones_cannot_be_referenced(suppliers, other_tenant):
    response = other_tenant.post(
        "/supplier", minimal_supplier(number={"value": "X"}, vatZoneId={"value": "01"}, creditTermsId={"value": "30"})
    )
    assert response.status_code == 400
    message = response.json()["message"]
    assert "Supplier class '1' cannot be found" in message and "VAT zone '01' cannot be found" in message


SUPPLIER_CALLS = [
    ("GET", "/supplier", None),
    ("GET", "/supplier/50001", None),
    ("GET", "/supplier/supplierClass", None),
    ("GET", "/supplier/supplierClass/1", None),
    ("GET", "/supplier/balance", None),
    ("GET", "/supplier/50001/balance", None),
    ("POST", "/supplier", {"name": {"value": "x"}}),
    ("PUT", "/supplier/50001", {"name": {"value": "x"}}),
]


@pytest.mark.parametrize(("method", "path", "body"), SUPPLIER_CALLS)
def test_every_supplier_route_needs_a_token_and_a_company_the_user_may_use(tenant, other_tenant, method, path, body):
    url = tenant.url(path)
    no_token = tenant.client.request(method, url, json=body, headers={"ipp-company-id": str(tenant.company_id)})
    assert no_token.status_code == 401 and no_token.json()["ExceptionType"] == "IPPException"
    no_company = tenant.client.request(method, url, json=body, headers={"Authorization": f"Bearer {tenant.token}"})
    assert no_company.status_code == 400 and no_company.json()["ExceptionFaultCode"] == "12002"
    foreign = {"Authorization": f"Bearer {tenant.token}", "ipp-company-id": str(other_tenant.company_id)}
    assert tenant.client.request(method, url, json=body, headers=foreign).json()["ExceptionFaultCode"] == "12002"
