"""The ledger's reports through the app on both databases: `/v1/GeneralLedgerTransactions` (GL404000) and
`/v2/generalLedgerBalance`, over what documents released through the API posted, validated against the real
visma-generalledgertransactions and visma-generalledgerbalancev2 documents."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.factories import new_number
from tests.ledger_factories import assert_real, real_query_parameters
from tests.sales_factories import add_trading_company
from tests.sales_factories import invoice_body as customer_invoice_body
from tests.supplier_ledger_factories import books, invoice_body, invoice_line, released_invoice

TRANSACTIONS, BALANCES = "generalledgertransactions", "generalledgerbalancev2"
LEDGER = {"ledger": "ACTUAL"}


def released_documents(tenant) -> tuple[str, str]:
    """A customer invoice and a supplier invoice, both dated in 202003 and released: (customer's, supplier's)."""
    add_trading_company(tenant)
    customer = new_number(tenant.post("/customerinvoice", customer_invoice_body()))
    response = tenant.post(f"/customerinvoice/{customer}/action/release")
    assert response.status_code == 200, response.text
    supplier = released_invoice(tenant, invoice_body(invoice_line("VARE", unit_cost="400.00"), date="2020-03-05"))
    return customer, supplier


def keys(line: dict) -> tuple[str, int]:
    return line["batchNumber"], line["lineNumber"]


def amount(value) -> Decimal:
    return Decimal(str(value))


def transactions(tenant, **params) -> list[dict]:
    response = tenant.get("/GeneralLedgerTransactions", params={**LEDGER, **params})
    assert response.status_code == 200, response.text
    return response.json()


def test_each_posted_line_is_a_transaction_with_its_batch_and_document(tenant):
    customer, supplier = released_documents(tenant)
    lines = transactions(tenant)
    for line in lines:
        assert_real(line, TRANSACTIONS, "GeneralLedgerTransactionDetailsDto")
    assert {line["module"] for line in lines} == {"AR", "AP"}
    assert {line["refNumber"] for line in lines} == {customer, supplier}
    assert {line["period"] for line in lines} == {"202003"}
    assert sum(amount(line["debitAmount"]) for line in lines) == sum(amount(line["creditAmount"]) for line in lines)
    receivable = next(line for line in lines if line["account"]["number"] == "1500")
    assert receivable["refNumber"] == customer
    assert receivable["ledger"] == {"id": "ACTUAL", "description": "Actual ledger"}
    assert receivable["currency"] == "NOK"
    assert receivable["currDebitAmount"] == receivable["debitAmount"] > 0
    assert receivable["batchNumber"]
    assert receivable["tranDate"].startswith("2020-03-02")
    assert receivable["metadata"] == {"totalCount": len(lines), "maxPageSize": receivable["metadata"]["maxPageSize"]}
    assert "begBalance" not in receivable  # only with includeTransactionBalance


def test_filters_select_lines_by_account_period_date_and_module_batches(tenant):
    released_documents(tenant)
    payable = transactions(tenant, account="2400")
    assert payable and all(line["account"]["number"] == "2400" for line in payable)
    assert all(line["module"] == "AP" for line in payable)
    assert transactions(tenant, fromPeriod="202004") == []
    assert transactions(tenant, toPeriod="202002") == []
    later = transactions(tenant, fromDate="2020-03-03")
    assert later and {line["module"] for line in later} == {"AP"}
    assert transactions(tenant, toDate="2020-03-02") and transactions(tenant, toDate="2020-03-01") == []
    assert transactions(tenant, branch="1") == []
    assert transactions(tenant, lastModifiedDateTime="2999-01-01", lastModifiedDateTimeCondition="<")


def test_unreleased_journal_lines_are_listed_only_when_asked_for(tenant):
    released_documents(tenant)
    posted = len(transactions(tenant))
    body = {
        "transactionDate": {"value": "2020-03-10"},
        "description": {"value": "Manual"},
        "journalTransactionLines": [
            {"operation": "Insert", "accountNumber": {"value": "4300"}, "debitAmountInCurrency": {"value": 10}},
            {"operation": "Insert", "accountNumber": {"value": "1920"}, "creditAmountInCurrency": {"value": 10}},
        ],
    }
    assert tenant.post("/journaltransaction", body).status_code == 201
    assert len(transactions(tenant)) == posted
    assert len(transactions(tenant, includeUnreleased="true")) == posted + 2


def test_running_balances_end_at_the_accounts_balance(tenant):
    released_documents(tenant)
    released_invoice(tenant, invoice_body(invoice_line("VARE", unit_cost="50.00"), date="2020-03-20"))
    lines = transactions(tenant, account="2710", includeTransactionBalance="true")
    assert len(lines) == 2
    assert amount(lines[0]["begBalance"]) == 0
    for before, after in zip(lines, lines[1:], strict=False):
        assert after["begBalance"] == before["endingBalance"]
    balance = balances(tenant, periodId="202003", account="2710")
    assert amount(lines[-1]["endingBalance"]) == sum(amount(b["yearToDateBalance"]) for b in balance)


def test_lines_and_balances_name_their_subaccount_and_filter_on_it(tenant):
    books(tenant)
    released_invoice(tenant)
    lines = transactions(tenant)
    assert lines and all(line["subaccount"] for line in lines)
    named = lines[0]["subaccount"]
    filtered = transactions(tenant, subaccountId=named)
    assert [keys(line) for line in filtered] == [keys(line) for line in lines if line["subaccount"] == named]
    rows = balances(tenant, periodId="201911", subaccount=named)
    assert rows and all(row["subaccount"]["subaccountNumber"] == row["subAccountCd"] == named for row in rows)
    for row in rows:
        assert_real(row, BALANCES, "GeneralLedgerBalanceDto")
        assert row["subaccountId"] == str(row["subaccount"]["subaccountId"])
        by_id = transactions(
            tenant, subaccountId=str(row["subaccount"]["subaccountId"]), account=row["account"]["number"]
        )
        assert {line["subaccount"] for line in by_id} == {named}


def test_paging_splits_the_lines_and_counts_them_all(tenant):
    released_documents(tenant)
    every = transactions(tenant)
    first = transactions(tenant, pageSize=2, pageNumber=1)
    second = transactions(tenant, pageSize=2, pageNumber=2)
    assert first + second == every[:4]
    assert first[0]["metadata"]["totalCount"] == len(every)


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({}, "ledger"),
        ({**LEDGER, "ledger": "BUDGET"}, "ledger"),
        ({**LEDGER, "fromPeriod": "2020-03"}, "fromPeriod"),
        ({**LEDGER, "toPeriod": "202013"}, "toPeriod"),
        ({**LEDGER, "fromDate": "03.03.2020"}, "fromDate"),
        ({**LEDGER, "toDate": "2020-02-30"}, "toDate"),
        ({**LEDGER, "lastModifiedDateTime": "2020-01-01"}, "lastModifiedDateTime"),
    ],
)
def test_a_bad_transaction_filter_is_400_naming_the_parameter(tenant, params, named):
    response = tenant.get("/GeneralLedgerTransactions", params=params)
    assert response.status_code == 400, response.text
    assert named in response.json()["message"]


# --- balances, v2 -------------------------------------------------------------------------------------------


def balances(tenant, **params) -> list[dict]:
    response = tenant.client.get(
        tenant.url("/generalLedgerBalance").replace("/v1/", "/v2/"), params=params, headers=tenant.headers
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_the_balances_of_a_period_are_a_trial_balance(tenant):
    released_documents(tenant)
    rows = balances(tenant, periodId="202003", toggleBalanceSigns="true")
    for row in rows:
        assert_real(row, BALANCES, "GeneralLedgerBalanceDto")
    assert {row["account"]["number"] for row in rows} >= {"1500", "2400", "3000", "4300"}
    assert sum(amount(row["yearToDateBalance"]) for row in rows) == 0
    debit = sum(amount(row["periodToDateDebit"]) for row in rows)
    assert debit == sum(amount(row["periodToDateCredit"]) for row in rows) > 0


def test_balances_carry_the_normal_sign_unless_toggled(tenant):
    released_documents(tenant)
    normal = balances(tenant, periodId="202003", account="3000")
    toggled = balances(tenant, periodId="202003", account="3000", toggleBalanceSigns="true")
    assert amount(normal[0]["yearToDateBalance"]) > 0  # income, credit-positive
    assert amount(toggled[0]["yearToDateBalance"]) == -amount(normal[0]["yearToDateBalance"])
    row = normal[0]
    assert row["ledger"]["id"] == "ACTUAL" and row["balanceType"] == "Actual"
    assert row["financialPeriod"] == "202003"
    assert row["metadata"]["totalCount"] == 1


def test_balance_filters_select_rows(tenant):
    released_documents(tenant)
    assert balances(tenant, periodId="202004") == []
    assert balances(tenant, periodId="202003", branch="1") == []
    assert balances(tenant, periodId="202003", balanceType="Budget") == []
    assert balances(tenant, lastModifiedDateTime="2000-01-01")
    assert balances(tenant, lastModifiedDateTime="2999-01-01") == []
    page = balances(tenant, periodId="202003", pageSize=1, pageNumber=2)
    assert len(page) == 1 and page[0]["metadata"]["totalCount"] > 1


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({}, "periodId"),
        ({"periodId": "2020"}, "periodId"),
        ({"periodId": "202003", "ledger": "BUDGET"}, "ledger"),
        ({"lastModifiedDateTime": "soon"}, "lastModifiedDateTime"),
        ({"periodId": "202003", "balanceType": "Forecast"}, "balanceType"),
    ],
)
def test_a_bad_balance_filter_is_400_naming_the_parameter(tenant, params, named):
    url = tenant.url("/generalLedgerBalance").replace("/v1/", "/v2/")
    response = tenant.client.get(url, params=params, headers=tenant.headers)
    assert response.status_code == 400, response.text
    assert named in response.json()["message"]


@pytest.mark.parametrize(
    ("document", "path", "served"),
    [
        (TRANSACTIONS, "/v1/GeneralLedgerTransactions", "/API/controller/api/v1/GeneralLedgerTransactions"),
        (BALANCES, "/v2/generalLedgerBalance", "/API/controller/api/v2/generalLedgerBalance"),
    ],
)
def test_the_lists_take_the_real_documents_query_parameters(client, document, path, served):
    names = {p["name"] for p in client.app.openapi()["paths"][served]["get"]["parameters"]}
    assert real_query_parameters(document, path) - {"erp-api-background"} <= names
