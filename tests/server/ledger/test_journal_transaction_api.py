"""Journal transactions (GL301000) and general ledger balances through the API, on both databases: manual
entries must balance, use valid accounts and subaccounts and an open period; release posts them; the list
pages over lines; `/generalLedgerBalance` reports what was posted per account, subaccount and period."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest
from jsonschema import Draft202012Validator

from nettfin.server.ledger import journal_schemas
from nettfin.server.ledger.posting import Module, PostingLine, Source, post
from tests.factories import new_number
from tests.ledger_factories import close_period
from tests.party_factories import assert_real, openapi, query_names, write_kind_mismatches
from tests.supplier_ledger_factories import (
    LEGACY_V2,
    account_balance,
    assert_sound_books,
    batch_count,
    books,
    journal_body,
    journal_line,
)
from tests.test_visma_contract import FORMATS, SWAGGER_REFS, SchemaConverter, definitions, swagger_document

DOCUMENT = "journaltransactionv2"
OFFICE = [{"segmentId": 1, "segmentValue": "30"}]


@pytest.fixture
def company(tenant):
    return books(tenant)


def paper(amount="100.00", **extra) -> dict:
    """Office supplies (6800, department 30) paid from the bank (1920)."""
    return journal_body(
        journal_line("6800", debit=amount, segments=OFFICE, transactionDescription={"value": "Papir"}),
        journal_line("1920", credit=amount),
        **extra,
    )


def released(tenant, body: dict) -> str:
    number = new_number(tenant.post("/journaltransaction", body))
    response = tenant.post(f"/journaltransaction/{number}/action/release")
    assert response.status_code == 200, response.text
    return number


def messages(response) -> str:
    assert response.status_code == 400, response.text
    return response.json()["message"]


# --- create and read ----------------------------------------------------------------------------------------


def test_a_balanced_entry_is_created_with_201_and_reads_back_unposted(company):
    response = company.post("/journaltransaction", paper())
    assert response.status_code == 201 and response.content == b""
    assert response.headers["Location"] == "http://testserver/API/controller/api/v1/journaltransaction/000001"
    batch = company.get("/journaltransaction/000001")
    assert batch.status_code == 200 and batch.headers["ETag"] == f'"{batch.json()["timeStamp"]}"'
    body = batch.json()
    assert (body["module"], body["status"], body["hold"], body["description"]) == (
        "ModuleGL",
        "Balanced",
        False,
        "Manual entry",
    )
    assert (body["transactionDate"], body["postPeriod"], body["financialPeriod"]) == (
        "2019-11-08T00:00:00",
        "112019",
        "201911",
    )
    assert (body["debitTotal"], body["creditTotal"], body["currencyId"]) == (100, 100, "NOK")
    first, second = body["journalTransactionLines"]
    assert (first["lineNumber"], first["accountNumber"], first["debitAmount"], first["transactionDescription"]) == (
        1,
        "6800",
        100,
        "Papir",
    )
    assert first["subaccount"]["subaccountNumber"] == "30-000"
    assert first["subaccount"]["segments"][0]["segmentValueDescription"] == "Administrasjon"
    assert (second["accountNumber"], second["creditAmount"], second["subaccount"]["subaccountNumber"]) == (
        "1920",
        100,
        "00-000",
    )
    assert b'"debitTotal":100.0000' in batch.content
    # Unposted: nothing reaches the balances until release.
    assert account_balance(company, "1920") == 0


def test_the_seeds_month_first_post_period_and_the_financial_period_name_the_batchs_period(company):
    number = new_number(company.post("/journaltransaction", paper(postPeriod={"value": "122019"})))
    assert company.get(f"/journaltransaction/{number}").json()["financialPeriod"] == "201912"
    number = new_number(company.post("/journaltransaction", paper(financialPeriod={"value": "202001"})))
    assert company.get(f"/journaltransaction/{number}").json()["postPeriod"] == "012020"
    both = company.post(
        "/journaltransaction", paper(postPeriod={"value": "122019"}, financialPeriod={"value": "202001"})
    )
    assert "name different periods: 201912, 202001" in messages(both)


def test_an_unbalanced_entry_is_refused_in_the_services_wording_and_nothing_is_written(company):
    body = journal_body(journal_line("6800", debit="100.00"), journal_line("1920", credit="99.99"))
    message = messages(company.post("/journaltransaction", body))
    assert message.split(". ", 1)[1].startswith(
        "Error inserting the journal transaction. Error: Inserting 'Batch' record raised at least one error. "
        "Please review the errors.\r\n"
    )
    assert "Error: Batch is out of balance, please review. Debit total 100.00, credit total 99.99.\r\n" in message
    assert batch_count(company) == 0 and company.get("/journaltransaction").json() == []


def test_every_problem_of_an_entry_is_listed_at_once(company):
    close_period(company, "201911", closed_in_general_ledger=True)
    body = journal_body(
        journal_line("9999", debit="10"),
        journal_line("2400", credit="10"),
        journal_line("6800", debit="1", segments=[{"segmentId": 1, "segmentValue": "99"}]),
        journal_line("1920", credit="1", vatId={"value": "77"}, project={"value": "P1"}),
    )
    message = messages(company.post("/journaltransaction", body))
    for problem in (
        "Financial period '201911' is closed in the General ledger.",
        "Line 1: Account '9999' cannot be found in the system.",
        "Line 2: Account '2400' is a control account of the supplier ledger (AP): only documents of that ledger "
        "post to it.",
        "Line 3: An error occurred during processing of the field Subaccount : Error: Avdeling of Subaccount do "
        "not exist.",
        "journalTransactionLines[3]: TaxID '77' cannot be found in the system.",
        "journalTransactionLines[3]: Project 'P1' cannot be found in the system.",
    ):
        assert f"Error: {problem}\r\n" in message, problem
    assert batch_count(company) == 0


def test_fields_nettfin_does_not_keep_are_named_and_values_it_holds_fixed_are_checked(company):
    response = company.post(
        "/journaltransaction",
        paper(createVatTransaction={"value": True}, branch={"value": "1"}, batchNumber={"value": "X1"}),
    )
    assert new_number(response) == "000001"
    assert response.headers["X-Nettfin-Ignored-Fields"] == "batchNumber, branch, createVatTransaction"
    wrong = paper(currencyId={"value": "EUR"}, ledger={"value": "BUDGET"}, autoReversing={"value": True})
    message = messages(company.post("/journaltransaction", wrong))
    assert "Ledger 'BUDGET' is a budget ledger: journal transactions post to the actual ledger, ACTUAL." in message
    assert "Currency 'EUR': journal transactions are entered in the base currency, NOK." in message
    assert "'Automatic reversing' batches are not supported" in message
    unknown = messages(company.post("/journaltransaction", paper(ledger={"value": "NOPE"})))
    assert "Ledger 'NOPE' cannot be found in the system." in unknown
    control = messages(company.post("/journaltransaction", paper(controlTotalInCurrency={"value": 99})))
    assert "The control total 99.00 does not match the debit total 100.00." in control


def test_a_batch_number_counts_only_with_override_number_series_and_must_be_free(company):
    body = paper(batchNumber={"value": "MAN-1"}, overrideNumberSeries={"value": True})
    assert new_number(company.post("/journaltransaction", body)) == "MAN-1"
    assert "'Batch number' 'MAN-1' already exists" in messages(company.post("/journaltransaction", body))
    assert new_number(company.post("/journaltransaction", paper())) == "000001"


# --- update and release -------------------------------------------------------------------------------------


def test_release_posts_the_batch_once_and_moves_the_balances(company):
    number = new_number(company.post("/journaltransaction", paper()))
    response = company.post(f"/journaltransaction/{number}/action/release")
    assert response.status_code == 200
    assert response.json()["actionResult"] == "Done" and response.headers["ETag"]
    assert company.get(f"/journaltransaction/{number}").json()["status"] == "Posted"
    assert account_balance(company, "1920") == Decimal("-100") and account_balance(company, "6800") == 100
    assert "Batch '000001' is already released." in messages(
        company.post(f"/journaltransaction/{number}/action/release")
    )
    assert account_balance(company, "1920") == Decimal("-100")
    assert_sound_books(company)


def test_a_batch_on_hold_is_not_released_until_hold_is_cleared(company):
    number = new_number(company.post("/journaltransaction", paper(hold={"value": True})))
    assert company.get(f"/journaltransaction/{number}").json()["status"] == "Hold"
    assert "is on hold and cannot be released" in messages(company.post(f"/journaltransaction/{number}/action/release"))
    assert company.put(f"/journaltransaction/{number}", {"hold": {"value": False}}).status_code == 204
    assert company.post(f"/journaltransaction/{number}/action/release").status_code == 200


def test_put_updates_deletes_and_inserts_lines_by_line_number(company):
    number = new_number(company.post("/journaltransaction", paper()))
    body = {
        "description": {"value": "Rettet"},
        "journalTransactionLines": [
            {"operation": "Update", "lineNumber": {"value": 1}, "debitAmountInCurrency": {"value": 80}},
            {"operation": "Delete", "lineNumber": {"value": 2}},
            {"operation": "Insert", **journal_line("1900", credit="50")},
            {"operation": "Insert", **journal_line("1920", credit="30")},
        ],
    }
    response = company.put(f"/journaltransaction/{number}", body)
    assert response.status_code == 204, response.text
    batch = company.get(f"/journaltransaction/{number}").json()
    assert batch["description"] == "Rettet" and response.headers["ETag"] == f'"{batch["timeStamp"]}"'
    lines = [
        (x["lineNumber"], x["accountNumber"], x["debitAmount"], x["creditAmount"])
        for x in batch["journalTransactionLines"]
    ]
    assert lines == [(1, "6800", 80, 0), (3, "1900", 0, 50), (4, "1920", 0, 30)]
    # The subaccount of an updated line is kept when the update does not send one.
    assert batch["journalTransactionLines"][0]["subaccount"]["subaccountNumber"] == "30-000"


def test_a_refused_update_changes_nothing(company):
    number = new_number(company.post("/journaltransaction", paper()))
    before = company.get(f"/journaltransaction/{number}").json()
    unbalanced = {
        "journalTransactionLines": [
            {"operation": "Update", "lineNumber": {"value": 1}, "debitAmountInCurrency": {"value": 1}}
        ]
    }
    assert "out of balance" in messages(company.put(f"/journaltransaction/{number}", unbalanced))
    missing = {"journalTransactionLines": [{"operation": "Delete", "lineNumber": {"value": 9}}]}
    assert "Line 9 is not on the batch." in messages(company.put(f"/journaltransaction/{number}", missing))
    assert company.get(f"/journaltransaction/{number}").json() == before


def test_a_released_batch_refuses_updates_and_a_stale_if_match_is_412(company):
    number = new_number(company.post("/journaltransaction", paper()))
    response = company.put(
        f"/journaltransaction/{number}", {"description": {"value": "x"}}, headers={"If-Match": '"AAAAAAAAAAk="'}
    )
    assert response.status_code == 412
    released_number = released(company, paper())
    refused = company.put(f"/journaltransaction/{released_number}", {"description": {"value": "x"}})
    assert f"Batch '{released_number}' can't be updated because it is already released." in messages(refused)


def test_documents_batches_are_read_with_their_module_and_source(company):
    with company.database.writing() as session:
        post(
            session,
            company_id=company.company_id,
            module=Module.AP,
            period="201911",
            date=date(2019, 11, 8),
            description="Invoice 000001",
            source=Source("Invoice", "000001"),
            lines=[
                PostingLine("4300", "20-000", debit=Decimal("10"), reference="000001"),
                PostingLine("2400", "00-000", credit=Decimal("10"), reference="000001", party="50000"),
            ],
        )
    batch = company.get("/journaltransaction/000001").json()
    assert (batch["module"], batch["status"]) == ("ModuleAP", "Posted")
    lines = batch["journalTransactionLines"]
    assert [(x["referenceNumber"], x.get("customerSupplier"), x["module"]) for x in lines] == [
        ("000001", None, "ModuleAP"),
        ("000001", "50000", "ModuleAP"),
    ]
    assert "customerSupplier" not in lines[0]
    assert "can't be updated" in messages(company.put("/journaltransaction/000001", {"description": {"value": "x"}}))


# --- lists --------------------------------------------------------------------------------------------------


def test_the_list_pages_over_lines_and_splits_a_batch_across_pages(company):
    three = journal_body(
        journal_line("6800", debit="60"), journal_line("6340", debit="40"), journal_line("1920", credit="100")
    )
    first = new_number(company.post("/journaltransaction", three))
    second = new_number(company.post("/journaltransaction", paper()))
    pages = [company.get("/journaltransaction", params={"pageSize": 2, "pageNumber": n}).json() for n in (1, 2, 3, 4)]
    shape = [
        [(b["batchNumber"], [x["lineNumber"] for x in b["journalTransactionLines"]]) for b in page] for page in pages
    ]
    assert shape == [[(first, [1, 2])], [(first, [3]), (second, [1])], [(second, [2])], []]
    assert all(b["metadata"] == {"totalCount": 5, "maxPageSize": 500} for page in pages for b in page)


def test_list_filters(company):
    held = new_number(company.post("/journaltransaction", paper(hold={"value": True})))
    posted = released(company, paper(transactionDate={"value": "2019-12-02"}))
    balanced = new_number(company.post("/journaltransaction", paper()))

    def numbers(**params) -> list[str]:
        response = company.get("/journaltransaction", params=params)
        assert response.status_code == 200, response.text
        return sorted({b["batchNumber"] for b in response.json()})

    assert numbers(periodId="201912") == [posted]
    assert numbers(status="Posted") == [posted]
    assert numbers(status="Unreleased") == [held, balanced]
    assert numbers(status="hold") == [held]
    assert numbers(status="Voided") == []
    assert numbers(module="GL") == numbers(module="ModuleGL") == [held, posted, balanced]
    assert numbers(module="AP") == []
    assert numbers(greaterThanValue=posted) == [balanced]
    assert numbers(lastModifiedDateTime="2000-01-01") == [held, posted, balanced]
    assert numbers(lastModifiedDateTime="2999-01-01", lastModifiedDateTimeCondition=">") == []
    assert numbers(branch="1") == []
    bad = company.get("/journaltransaction", params={"module": "XX"})
    assert "The value 'XX' of parameter 'module' is not a module." in messages(bad)


def test_v2_serves_the_same_batches_and_requires_a_period_or_a_modification_date(company):
    number = released(company, paper())
    url = f"{LEGACY_V2}/journaltransaction"
    missing = company.client.get(url, headers=company.headers)
    assert "'periodId' is mandatory" in messages(missing)
    listed = company.client.get(url, params={"periodId": "201911"}, headers=company.headers).json()
    assert [b["batchNumber"] for b in listed] == [number]
    assert company.client.get(f"/v2/journaltransaction/{number}", headers=company.headers).json()["status"] == "Posted"
    created = company.client.post(url, json=paper(), headers=company.headers)
    assert created.headers["Location"] == "http://testserver/API/controller/api/v2/journaltransaction/000002"


def test_unknown_batches_are_404(company):
    assert company.get("/journaltransaction/NOPE").status_code == 404
    assert company.put("/journaltransaction/NOPE", {"description": {"value": "x"}}).status_code == 404
    response = company.post("/journaltransaction/NOPE/action/release")
    assert response.status_code == 404 and response.json()["message"].endswith("Journal transaction 'NOPE' not found.")


def test_another_companys_batches_are_invisible_and_untouchable(company, other_tenant):
    number = new_number(company.post("/journaltransaction", paper()))
    assert other_tenant.get(f"/journaltransaction/{number}").status_code == 404
    assert other_tenant.get("/journaltransaction").json() == []
    assert other_tenant.post(f"/journaltransaction/{number}/action/release").status_code == 404
    assert other_tenant.put(f"/journaltransaction/{number}", {"description": {"value": "x"}}).status_code == 404
    assert other_tenant.get("/generalLedgerBalance").json() == []
    # The other company has no chart: the same body is refused there, not posted here.
    assert "Account '6800' cannot be found" in messages(other_tenant.post("/journaltransaction", paper()))
    assert company.get(f"/journaltransaction/{number}").json()["status"] == "Balanced"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/journaltransaction"),
        ("GET", "/journaltransaction/000001"),
        ("POST", "/journaltransaction"),
        ("PUT", "/journaltransaction/000001"),
        ("POST", "/journaltransaction/000001/action/release"),
        ("GET", "/generalLedgerBalance"),
    ],
)
def test_every_route_needs_a_token_and_a_company_the_user_may_use(tenant, other_tenant, method, path):
    url, body = tenant.url(path), {"description": {"value": "x"}}
    no_token = tenant.client.request(method, url, json=body, headers={"ipp-company-id": str(tenant.company_id)})
    assert no_token.status_code == 401
    foreign = {"Authorization": f"Bearer {tenant.token}", "ipp-company-id": str(other_tenant.company_id)}
    assert tenant.client.request(method, url, json=body, headers=foreign).json()["ExceptionFaultCode"] == "12002"


# --- general ledger balances --------------------------------------------------------------------------------


def balances(tenant, **params) -> list[tuple]:
    response = tenant.get("/generalLedgerBalance", params=params)
    assert response.status_code == 200, response.text
    return [
        (
            b["account"]["number"],
            b["financialPeriod"],
            b["periodToDateDebit"],
            b["periodToDateCredit"],
            b["beginningBalance"],
            b["yearToDateBalance"],
        )
        for b in response.json()
    ]


def test_gl_balances_carry_balance_sheet_accounts_forward_and_restart_results_each_year(company):
    released(company, paper("100.00"))
    released(company, paper("40.00", transactionDate={"value": "2019-12-05"}))
    released(company, paper("10.00", transactionDate={"value": "2020-01-10"}))
    assert balances(company, accountId="1920") == [
        ("1920", "201911", 0, 100, 0, -100),
        ("1920", "201912", 0, 40, -100, -140),
        ("1920", "202001", 0, 10, -140, -150),
    ]
    # An expense account starts the new financial year at zero.
    assert balances(company, accountId="6800") == [
        ("6800", "201911", 100, 0, 0, 100),
        ("6800", "201912", 40, 0, 100, 140),
        ("6800", "202001", 10, 0, 0, 10),
    ]
    assert_sound_books(company)


def test_gl_balances_show_liabilities_with_a_positive_credit_balance(company):
    with company.database.writing() as session:
        post(
            session,
            company_id=company.company_id,
            module=Module.AP,
            period="201911",
            date=date(2019, 11, 8),
            description=None,
            source=None,
            lines=[PostingLine("4300", None, debit=Decimal("80")), PostingLine("2400", None, credit=Decimal("80"))],
        )
    assert balances(company, accountId="2400") == [("2400", "201911", 0, 80, 0, 80)]


def test_gl_balance_filters(company):
    released(company, paper("100.00"))
    released(company, paper("40.00", transactionDate={"value": "2019-12-05"}))
    periods = {row[1] for row in balances(company, periodId="201912", periodIdCondition=">=")}
    assert periods == {"201912"}
    assert {row[1] for row in balances(company, periodId="201911")} == {"201911"}
    assert [row[0] for row in balances(company, greaterThanValue="1920")] == ["6800", "6800"]
    assert balances(company, balanceType="Budget") == [] and balances(company, yearClosed=1) == []
    assert len(balances(company, balanceType="Actual", yearClosed=0)) == 4
    assert "is not a financial period" in messages(company.get("/generalLedgerBalance", params={"periodId": "2019"}))
    page = company.get("/generalLedgerBalance", params={"pageSize": 3, "pageNumber": 2}).json()
    assert len(page) == 1 and page[0]["metadata"] == {"totalCount": 4, "maxPageSize": 500}


# --- the real documents ---------------------------------------------------------------------------------------


def test_batches_read_and_listed_are_valid_real_journal_transaction_dtos(company):
    number = released(
        company,
        paper(
            journalTransactionLines=[
                journal_line(
                    "6800",
                    debit="10",
                    segments=OFFICE,
                    vatCodeId={"value": "03"},
                    vatId={"value": "1"},
                    quantity={"value": 2},
                    uom={"value": "STK"},
                    note={"value": "n"},
                    referenceNumber={"value": "R1"},
                ),
                journal_line("1920", credit="10"),
            ]
        ),
    )
    body = company.get(f"/journaltransaction/{number}").json()
    assert (
        body["journalTransactionLines"][0]["vat"]["id"] == "1"
        and body["journalTransactionLines"][0]["vatCode"]["id"] == "03"
    )
    assert_real(body, DOCUMENT, "JournalTransactionDto")
    for element in company.get("/journaltransaction").json():
        assert_real(element, DOCUMENT, "JournalTransactionDto")


def test_the_write_models_have_the_real_members_wrapped_as_the_real_ones():
    assert (
        write_kind_mismatches(journal_schemas.JournalTransactionUpdateDto, DOCUMENT, "JournalTransactionUpdateDto")
        == {}
    )
    assert (
        write_kind_mismatches(
            journal_schemas.JournalTransactionLineUpdateDto, DOCUMENT, "JournalTransactionLineUpdateDto"
        )
        == {}
    )


def test_the_list_declares_the_real_query_parameters_of_the_v2_and_the_legacy_documents(client):
    ours = query_names(client, "/journaltransaction")
    real = {p["name"] for p in openapi(DOCUMENT)["paths"]["/v2/journaltransaction"]["get"]["parameters"]}
    legacy_list = swagger_document()["paths"]["/controller/api/v1/journaltransaction"]["get"]
    legacy = {p["name"] for p in legacy_list["parameters"]}
    assert ours - real - legacy == set()
    assert real - ours == {"erp-api-background"}


def test_gl_balances_have_the_2016_documents_types_and_names(company):
    released(company, paper())
    schema = copy.deepcopy(SchemaConverter(definitions(), SWAGGER_REFS, closed=True).root("GeneralLedgerBalanceDto"))
    # Paged lists carry `metadata` on every element; the 2016 document predates it.
    schema["$defs"]["GeneralLedgerBalanceDto"]["properties"]["metadata"] = {"type": "object"}
    validator = Draft202012Validator(schema, format_checker=FORMATS)
    listed = company.get("/generalLedgerBalance").json()
    assert len(listed) == 2
    for element in listed:
        assert sorted(e.message for e in validator.iter_errors(element)) == []
