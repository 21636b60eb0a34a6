"""Cash accounts (CA202000, `/v1/cashaccount`): the GL accounts flagged as cash accounts, read through the app
on both databases and validated against the real visma-cashaccount document."""

from __future__ import annotations

from tests.ledger_factories import assert_real, real_query_parameters
from tests.supplier_ledger_factories import books

DOC = "cashaccount"


def test_the_list_is_the_flagged_gl_accounts_in_number_order_each_a_real_cash_account_dto(tenant):
    books(tenant)
    response = tenant.get("/cashaccount")
    assert response.status_code == 200, response.text
    body = response.json()
    assert [a["number"] for a in body] == ["1900", "1920", "1950"]
    for account in body:
        assert_real(account, DOC, "CashAccountDto")
    bank = body[1]
    assert bank["description"] == "Bankinnskudd"
    assert bank["account"] == {"type": "Asset", "number": "1920", "description": "Bankinnskudd"}
    assert bank["currency"] == "NOK"
    assert bank["subaccount"]["subaccountNumber"]
    assert "metadata" not in bank  # the real list is not paged


def test_get_by_number_reads_the_same_record_as_the_list(tenant):
    books(tenant)
    listed = {a["number"]: a for a in tenant.get("/cashaccount").json()}
    response = tenant.get("/cashaccount/1920")
    assert response.status_code == 200, response.text
    assert_real(response.json(), DOC, "CashAccountDto")
    assert response.json() == listed["1920"]


def test_a_gl_account_without_the_cash_account_flag_is_no_cash_account(tenant):
    books(tenant)
    assert tenant.get("/cashaccount/3000").status_code == 404  # a sales account is no cash account
    assert tenant.get("/account/3000").status_code == 200


def test_an_unknown_cash_account_is_404_in_the_services_wording(tenant):
    books(tenant)
    response = tenant.get("/cashaccount/9999")
    assert response.status_code == 404
    assert response.json()["message"].endswith(" Cash account '9999' not found.")


def test_greater_than_value_and_last_modified_filter_the_list(tenant):
    books(tenant)
    after = tenant.get("/cashaccount", params={"greaterThanValue": "1900"}).json()
    assert [a["number"] for a in after] == ["1920", "1950"]
    future = tenant.get(
        "/cashaccount", params={"lastModifiedDateTime": "2999-01-01", "lastModifiedDateTimeCondition": ">"}
    )
    assert future.status_code == 200 and future.json() == []


def test_a_bad_last_modified_filter_is_400_naming_the_parameter(tenant):
    books(tenant)
    response = tenant.get("/cashaccount", params={"lastModifiedDateTime": "yesterday"})
    assert response.status_code == 400
    assert "lastModifiedDateTime" in response.json()["message"]


def test_the_list_takes_the_real_documents_query_parameters(client):
    served = {
        p["name"] for p in client.app.openapi()["paths"]["/API/controller/api/v1/cashaccount"]["get"]["parameters"]
    }
    assert real_query_parameters(DOC, "/v1/cashaccount") <= served
