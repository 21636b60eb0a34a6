"""Chart of accounts (reference 3.15, GL202500): list, get, create, update, through the app on both databases,
validated against the real visma-account document."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from nettfin.server.ledger.accounts import ACCOUNT
from nettfin.server.ledger.schemas import AccountType
from tests.factories import new_number
from tests.ledger_factories import (
    account_body,
    add_account_classes,
    add_vat_setup,
    assert_real,
    insert_accounts,
    real_document,
    real_problems,
    real_properties,
    real_query_parameters,
)


def numbers(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [a["accountCD"] for a in response.json()]


def test_create_returns_201_with_location_of_the_account_number_and_an_etag(tenant):
    response = tenant.post("/account", account_body("3000"))
    assert response.status_code == 201, response.text
    assert response.content == b""
    assert response.headers["Location"] == "http://testserver/API/controller/api/v1/account/3000"
    assert response.headers["ETag"]


def test_created_account_reads_back_with_every_member_sent(tenant):
    add_account_classes(tenant)
    add_vat_setup(tenant)
    new_number(
        tenant.post("/account", account_body("3000", accountClass={"value": "SALES"}, taxCategory={"value": "03"}))
    )
    response = tenant.get("/account/3000")
    assert response.status_code == 200
    body = response.json()
    assert body["accountCD"] == "3000"
    assert body["type"] == "Income"
    assert body["description"] == "Salgsinntekt, avgiftspliktig"
    assert body["accountClass"] == "SALES"
    assert body["accountClassDescription"] == "Salg"
    assert body["postOption"] == "Detail"
    assert body["externalCode1Info"] == {"number": "EXT1"}
    assert body["analisysCodeInfo"] == {"number": "AN"}
    assert body["taxCategory"] == "03"
    assert body["currency"] == "NOK"
    assert body["useDefaultSub"] is True
    assert body["allowManualEntry"] is True
    assert "controlAccountModule" not in body
    assert response.headers["ETag"] == f'"{body["timeStamp"]}"'
    assert "metadata" not in body
    assert_real(body, "account", "AccountDto")


def test_the_class_gives_its_type_when_the_body_gives_none(tenant):
    add_account_classes(tenant)
    body = account_body("1510", accountClass={"value": "ASSETS"})
    del body["type"]
    new_number(tenant.post("/account", body))
    assert tenant.get("/account/1510").json()["type"] == "Asset"


def test_missing_number_type_and_description_are_refused_all_at_once_in_the_services_wording(tenant):
    response = tenant.post("/account", {"active": {"value": True}})
    assert response.status_code == 400
    message = response.json()["message"]
    assert message.startswith("VismaId: ")
    assert "Error inserting the account. Error: Inserting 'Account' record raised at least one error." in message
    assert "Error: 'Account' cannot be empty.\r\n" in message
    assert "Error: 'Type' cannot be empty.\r\n" in message
    assert "Error: 'Description' cannot be empty.\r\n" in message


def test_unknown_references_and_bad_values_are_named_and_nothing_is_written(tenant):
    body = account_body(
        "3000",
        accountClass={"value": "NOPE"},
        taxCategory={"value": "99"},
        currency={"value": "nok"},
        postOption={"value": "Sometimes"},
        description={"value": "x" * 61},
    )
    response = tenant.post("/account", body)
    assert response.status_code == 400
    message = response.json()["message"]
    assert "Error: Account class 'NOPE' cannot be found in the system.\r\n" in message
    assert "Error: VAT category '99' cannot be found in the system.\r\n" in message
    assert "Error: Currency 'nok' cannot be found in the system.\r\n" in message
    assert "Error: 'Post option' must be Summary or Detail, got 'Sometimes'.\r\n" in message
    assert "Error: 'Description' is too long: 61 characters, at most 60 are allowed.\r\n" in message
    assert tenant.get("/account").json() == []


def test_an_invalid_type_is_a_400_naming_the_field(tenant):
    response = tenant.post("/account", account_body("3000", type={"value": "Equity"}))
    assert response.status_code == 400
    assert "'type.value'" in response.json()["message"]


def test_duplicate_account_number_is_refused(tenant):
    assert tenant.post("/account", account_body("3000")).status_code == 201
    response = tenant.post("/account", account_body("3000", description={"value": "Another"}))
    assert response.status_code == 400
    assert "Error: 'Account' '3000' already exists; choose another.\r\n" in response.json()["message"]
    assert len(tenant.get("/account").json()) == 1


def test_put_changes_only_the_fields_sent_and_returns_204_with_a_new_etag(tenant):
    new_number(tenant.post("/account", account_body("3000")))
    before = tenant.get("/account/3000").json()
    response = tenant.put("/account/3000", {"description": {"value": "Salg"}, "active": {"value": False}})
    assert response.status_code == 204, response.text
    assert response.content == b""
    after = tenant.get("/account/3000").json()
    assert after["description"] == "Salg"
    assert after["active"] is False
    assert after["type"] == before["type"] and after["publicCode1"] == before["publicCode1"]
    assert response.headers["ETag"] == f'"{after["timeStamp"]}"' != f'"{before["timeStamp"]}"'


def test_put_with_a_different_account_number_ignores_it_and_names_it(tenant):
    new_number(tenant.post("/account", account_body("3000")))
    response = tenant.put("/account/3000", {"accountCD": {"value": "3001"}, "description": {"value": "Salg"}})
    assert response.status_code == 204
    assert response.headers["X-Nettfin-Ignored-Fields"] == "accountCD"
    assert tenant.get("/account/3000").json()["description"] == "Salg"
    assert tenant.get("/account/3001").status_code == 404


def test_put_with_a_stale_if_match_is_412_and_changes_nothing(tenant):
    new_number(tenant.post("/account", account_body("3000")))
    stale = tenant.get("/account/3000").headers["ETag"]
    assert tenant.put("/account/3000", {"description": {"value": "First"}}).status_code == 204
    response = tenant.put("/account/3000", {"description": {"value": "Second"}}, headers={"If-Match": stale})
    assert response.status_code == 412
    assert tenant.get("/account/3000").json()["description"] == "First"


def test_put_that_clears_the_description_is_refused_in_the_update_wording(tenant):
    new_number(tenant.post("/account", account_body("3000")))
    response = tenant.put("/account/3000", {"description": {"value": None}})
    assert response.status_code == 400
    assert (
        "Error updating the account. Error: Updating 'Account' record raised at least one error."
        in (response.json()["message"])
    )


def test_unknown_account_is_404_for_get_and_put(tenant):
    assert tenant.get("/account/9999").status_code == 404
    response = tenant.put("/account/9999", {"description": {"value": "x"}})
    assert response.status_code == 404
    assert response.json()["message"].endswith("Account '9999' not found.")


def test_the_list_is_the_whole_chart_by_number_without_metadata(tenant):
    insert_accounts(tenant, "3000", "1500", "2400")
    body = tenant.get("/account").json()
    assert [a["accountCD"] for a in body] == ["1500", "2400", "3000"]
    assert all("metadata" not in a for a in body)
    for account in body:
        assert_real(account, "account", "AccountDto")


def test_greater_than_value_is_exclusive(tenant):
    insert_accounts(tenant, "1500", "2400", "3000")
    assert numbers(tenant.get("/account", params={"greaterThanValue": "2400"})) == ["3000"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"active": "true"}, ["1500"]),
        ({"active": "false"}, ["1600"]),
        ({"publicCode": "P1"}, ["1500"]),
        ({"externalCode1": "E1"}, ["1500"]),
        ({"externalCode2": "E2"}, ["1600"]),
        ({"analysisCode": "A1"}, ["1500"]),
    ],
)
def test_list_filters_select_accounts(tenant, params, expected):
    insert_accounts(tenant, "1500", public_code1="P1", external_code1="E1", analysis_code="A1")
    insert_accounts(tenant, "1600", active=False, external_code2="E2")
    assert numbers(tenant.get("/account", params=params)) == expected


def test_last_modified_filter_needs_its_condition_and_selects_by_moment(tenant):
    insert_accounts(tenant, "1500", modified=datetime(2020, 1, 1, tzinfo=UTC))
    insert_accounts(tenant, "1600", modified=datetime(2020, 2, 1, tzinfo=UTC))
    params = {"lastModifiedDateTime": "2020-01-15", "lastModifiedDateTimeCondition": ">"}
    assert numbers(tenant.get("/account", params=params)) == ["1600"]
    response = tenant.get("/account", params={"lastModifiedDateTime": "2020-01-15"})
    assert response.status_code == 400
    assert "lastModifiedDateTimeCondition" in response.json()["message"]


def test_class_description_is_listed_only_when_asked_for(tenant):
    add_account_classes(tenant)
    new_number(tenant.post("/account", account_body("3000", accountClass={"value": "SALES"})))
    plain = tenant.get("/account").json()[0]
    asked = tenant.get("/account", params={"includeAccountClassDescription": "true"}).json()[0]
    assert plain["accountClass"] == "SALES" and "accountClassDescription" not in plain
    assert asked["accountClassDescription"] == "Salg"


def test_control_accounts_name_their_module_and_refuse_manual_entry(tenant):
    insert_accounts(tenant, "1500", control="AR")
    body = tenant.get("/account/1500").json()
    assert body["controlAccountModule"] == "AR"
    assert body["allowManualEntry"] is False


def test_company_b_accounts_are_invisible_to_company_a(tenant, other_tenant):
    insert_accounts(other_tenant, "1500")
    assert tenant.get("/account").json() == []
    assert tenant.get("/account/1500").status_code == 404
    assert tenant.put("/account/1500", {"description": {"value": "x"}}).status_code == 404
    assert other_tenant.get("/account/1500").json()["description"] == "Account 1500"


def test_the_current_surface_alias_serves_accounts_too(tenant):
    insert_accounts(tenant, "1500")
    response = tenant.client.get("/v1/Account/1500", headers=tenant.headers)
    assert response.status_code == 200
    assert response.json()["accountCD"] == "1500"


# --- the write and read models against the real document ----------------------------------------------------


def test_the_write_model_has_exactly_the_real_members_misspelling_included():
    assert set(ACCOUNT.write_model.model_fields) == real_properties("account", "AccountUpdateDto")
    assert "extenalCode1" in ACCOUNT.write_model.model_fields


def test_the_documented_read_model_uses_only_real_names_and_the_real_type_enum():
    assert set(ACCOUNT.read_model.model_fields) <= real_properties("account", "AccountDto")
    real = real_document("account")["components"]["schemas"]["AccountDto"]["properties"]["type"]["enum"]
    assert {member.value for member in AccountType} == set(real)


def test_the_bodies_sent_here_are_valid_real_update_dtos():
    assert_real(account_body(), "account", "AccountUpdateDto")
    assert real_problems(account_body(externalCode1={"value": "x"}), "account", "AccountUpdateDto")


def test_the_list_declares_only_real_query_parameters(client):
    ours = {
        p["name"]
        for p in client.get("/swagger/v1/swagger.json").json()["paths"]["/API/controller/api/v1/account"]["get"][
            "parameters"
        ]
        if p["in"] == "query"
    }
    assert ours == real_query_parameters("account", "/v1/account")
