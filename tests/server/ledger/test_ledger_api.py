"""Ledgers (GL201500, `/v1/ledger`): the company's ledgers (the actual ledger the journal posts to, the budget
ledger budgets are entered in, a statistical ledger), in its base currency, validated against the real
visma-ledger document."""

from __future__ import annotations

from nettfin.server.ledger.journal_service import LEDGER_ID
from tests.ledger_factories import real_query_parameters
from tests.party_factories import assert_real


def test_the_company_has_its_actual_budget_and_statistical_ledgers_in_its_base_currency(tenant):
    response = tenant.get("/ledger")
    assert response.status_code == 200, response.text
    ledgers = response.json()
    for ledger in ledgers:
        assert_real(ledger, "ledger", "LedgerDto")
    assert [(x["number"], x["balanceType"], x["internalId"]) for x in ledgers] == [
        ("ACTUAL", "Actual", 1),
        ("BUDGET", "Budget", 2),
        ("STAT", "Statistical", 3),
    ]
    ledger = ledgers[0]
    assert ledger["number"] == LEDGER_ID
    assert ledger["balanceType"] == "Actual"
    assert ledger["currencyId"] == "NOK"
    assert ledger["consolidationSource"] is False
    assert ledger["branchAccounting"] is False
    assert ledger["lastModifiedDateTime"]


def test_the_ledger_the_list_names_is_the_one_a_journal_transaction_may_name(tenant):
    number = tenant.get("/ledger").json()[0]["number"]
    assert number == "ACTUAL"


def test_the_real_filters(tenant):
    assert {"greaterThanValue", "lastModifiedDateTime", "lastModifiedDateTimeCondition"} <= real_query_parameters(
        "ledger", "/v1/ledger"
    )
    after = tenant.get("/ledger", params={"greaterThanValue": "ACTUAL"}).json()
    assert [x["number"] for x in after] == ["BUDGET", "STAT"]
    assert len(tenant.get("/ledger", params={"greaterThanValue": "A"}).json()) == 3
    old = {"lastModifiedDateTime": "2000-01-01", "lastModifiedDateTimeCondition": ">"}
    assert len(tenant.get("/ledger", params=old).json()) == 3
    assert tenant.get("/ledger", params={**old, "lastModifiedDateTimeCondition": "<"}).json() == []


def test_an_invalid_filter_is_400_naming_the_parameter(tenant):
    response = tenant.get("/ledger", params={"lastModifiedDateTime": "2020-01-01"})
    assert response.status_code == 400
    assert "lastModifiedDateTimeCondition" in response.json()["message"]
