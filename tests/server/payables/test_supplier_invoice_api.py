"""Supplier invoices (AP301000) through the API on both databases, on a company with the demo's books:
create, read, update with line operations, delete, release (posting through the engine) and void; VAT
determined from the supplier's zone and the item's category; totals computed, never trusted; periods open in
the supplier ledger; document types with and without `{documentType}` in the path; filters; isolation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from nettfin.server.ledger.journal import JournalBatch
from nettfin.server.payables import document_schemas as ap
from tests.factories import new_number
from tests.ledger_factories import close_period
from tests.party_factories import assert_real, openapi, query_names, real_enum, write_kind_mismatches
from tests.supplier_ledger_factories import (
    account_balance,
    assert_sound_books,
    batch_count,
    books,
    create_invoice,
    delete,
    invoice_body,
    invoice_line,
    payment_body,
    released_invoice,
    wrap,
)

DOCUMENT = "supplierinvoice"


@pytest.fixture
def company(tenant):
    return books(tenant)


def messages(response) -> str:
    assert response.status_code == 400, response.text
    return response.json()["message"]


def batch_lines(tenant, number: str) -> list[tuple[str, str, float, float]]:
    with tenant.database.reading() as session:
        batch = session.scalars(
            select(JournalBatch).where(
                JournalBatch.company_id == tenant.company_id, JournalBatch.batch_number == number
            )
        ).one()
        return sorted(
            (x.account.account_cd, x.subaccount.subaccount_cd, float(x.debit), float(x.credit)) for x in batch.lines
        )


# --- create and read ----------------------------------------------------------------------------------------


def test_a_new_invoice_gets_201_and_a_location_with_the_next_series_number(company):
    response = company.post("/supplierInvoice", invoice_body())
    assert response.status_code == 201 and response.content == b""
    assert response.headers["Location"] == "http://testserver/API/controller/api/v1/supplierInvoice/000001"
    assert response.headers["ETag"]
    assert create_invoice(company) == "000002"


def test_an_invoice_reads_back_with_the_suppliers_defaults_its_vat_and_computed_totals(company):
    number = create_invoice(company)
    response = company.get(f"/supplierInvoice/{number}")
    body = response.json()
    assert response.headers["ETag"] == f'"{body["timeStamp"]}"'
    assert body["supplier"] == {
        "internalId": body["supplier"]["internalId"],
        "number": "50000",
        "name": "Nordlys Leverandør AS",
    }
    assert (body["documentType"], body["referenceNumber"], body["status"], body["hold"]) == (
        "Invoice",
        number,
        "Balanced",
        False,
    )
    assert (body["date"], body["dueDate"], body["postPeriod"], body["financialPeriod"]) == (
        "2019-11-08T00:00:00",
        "2019-12-08T00:00:00",
        "112019",
        "201911",
    )
    assert body["creditTerms"] == {"id": "30", "description": "30 dager netto"}
    assert body["supplierTaxZone"]["id"] == "01" and body["currencyId"] == "NOK"
    (line,) = body["invoiceLines"]
    assert (line["inventoryNumber"], line["quantity"], line["unitCostInCurrency"], line["cost"]) == (
        "test*test",
        1,
        100,
        100,
    )
    assert (line["account"]["number"], line["subaccount"]["subaccountNumber"], line["vatCode"]["id"]) == (
        "4300",
        "20-000",
        "1",
    )
    assert "project" not in line and line["uom"] == "STK"
    assert [(t["taxId"], t["vatRate"], t["taxableAmount"], t["vatAmount"]) for t in body["taxDetailLines"]] == [
        ("1", 25, 100, 25)
    ]
    assert (body["detailTotal"], body["vatTotal"], body["amount"], body["vatAmount"], body["balance"]) == (
        100,
        25,
        125,
        25,
        0,
    )
    assert b'"amount":125.0000' in response.content and "metadata" not in body


def test_vat_is_determined_per_line_from_the_suppliers_zone_and_each_items_category(company):
    lines = [
        invoice_line("test*test", "2", "100.00"),  # category 03: VAT ID 1, 25 %
        invoice_line("2001", "1", "160.00"),  # category 31: VAT ID 11, 15 %
        invoice_line("4003", "1", "300.00"),  # category 33: VAT ID 13, 6 % between April 2020 and October 2021
        invoice_line("4002", "1", "600.00"),  # category 05: no purchase VAT ID in zone 01
    ]
    body = company.get(f"/supplierInvoice/{create_invoice(company, invoice_body(*lines, date='2020-05-04'))}").json()
    assert [x["vatCode"]["id"] if "vatCode" in x else None for x in body["invoiceLines"]] == ["1", "11", "13", None]
    assert [(t["taxId"], t["vatRate"], t["vatAmount"]) for t in body["taxDetailLines"]] == [
        ("1", 25, 50),
        ("11", 15, 24),
        ("13", 6, 18),
    ]
    assert (body["vatTaxableTotal"], body["vatExemptTotal"], body["vatTotal"], body["amount"]) == (660, 0, 92, 1352)


def test_a_vat_id_that_does_not_fit_the_line_is_refused_with_the_articles_text(company):
    line = invoice_line(vatCodeId={"value": "3"})  # VAT ID 3 is output VAT: not for supplier invoices
    message = messages(company.post("/supplierInvoice", invoice_body(line)))
    assert "Error: Line 1: TaxID '3' cannot be found in the system\r\n" in message
    assert company.get("/supplierInvoice").json() == []


def test_discounts_and_a_sent_cost_give_the_line_amount(company):
    lines = [
        invoice_line("test*test", "4", "100.00", discountPercent={"value": 12.5}),
        invoice_line("test*test", "1", "100.00", discountAmountInCurrency={"value": 30}),
        invoice_line("test*test", "7", "100.00", costInCurrency={"value": "99.99"}),
    ]
    body = company.get(f"/supplierInvoice/{create_invoice(company, invoice_body(*lines))}").json()
    assert [(x["discountAmount"], x["discountPercent"], x["cost"]) for x in body["invoiceLines"]] == [
        (50, 12.5, 350),
        (30, 30, 70),
        (0, 0, 99.99),
    ]
    assert (body["detailTotal"], body["discountTotal"], body["vatTotal"]) == (519.99, 80, 130)


def test_amount_and_vat_amount_are_control_totals_and_vat_details_sent_are_ignored(company):
    assert company.post("/supplierInvoice", invoice_body(**wrap(amount=125, vatAmount="25.00"))).status_code == 201
    message = messages(company.post("/supplierInvoice", invoice_body(**wrap(amount=120, vatAmount=20))))
    assert "'Amount' 120.00 does not match the document's lines, which make 125.00." in message
    assert "'VAT amount' 20.00 does not match the document's lines, which make 25.00." in message
    sent = invoice_body(taxDetailLines=[{"taxId": {"value": "1"}, "vatAmount": {"value": 99}}])
    response = company.post("/supplierInvoice", sent)
    assert response.headers["X-Nettfin-Ignored-Fields"] == "taxDetailLines"
    assert company.get(f"/supplierInvoice/{new_number(response)}").json()["vatTotal"] == 25


def test_an_invalid_invoice_lists_every_problem_and_writes_nothing(company):
    lines = [
        invoice_line("NOSUCH"),
        invoice_line(accountNumber={"value": "9999"}, subaccount=[{"segmentId": 1, "segmentValue": "99"}]),
        invoice_line(accountNumber={"value": "2400"}, projectId={"value": "P1"}),
    ]
    body = invoice_body(
        *lines, supplier="99999", **wrap(creditTermsId="NOPE", supplierTaxZone="99", postPeriod="132019")
    )
    message = messages(company.post("/supplierInvoice", body))
    assert message.split(". ", 1)[1].startswith(
        "Error inserting the supplier invoice. Error: Inserting 'Supplier invoice' record raised at least one error."
    )
    for problem in (
        "Supplier '99999' cannot be found in the system.",
        "Terms 'NOPE' cannot be found in the system.",
        "VAT zone '99' cannot be found in the system.",
        "'Post period' '132019' is not a financial period: write it as MMYYYY (as 112019) or YYYYPP (as 201911).",
        "invoiceLines[0]: Item 'NOSUCH' cannot be found in the system.",
        "invoiceLines[1]: Account '9999' cannot be found in the system.",
        "invoiceLines[1]: An error occurred during processing of the field Subaccount : Error: Avdeling of Subaccount "
        "do not exist.",
        "invoiceLines[2]: Account '2400' is a control account: a document line cannot post to it.",
        "invoiceLines[2]: Project 'P1' cannot be found in the system.",
    ):
        assert f"Error: {problem}\r\n" in message, problem
    assert company.get("/supplierInvoice").json() == [] and batch_count(company) == 0


def test_the_post_period_must_exist_and_be_open_in_the_supplier_ledger(company):
    message = messages(company.post("/supplierInvoice", invoice_body(**wrap(postPeriod="012031"))))
    assert "Error: 'Post period': Financial period '203101' does not exist.\r\n" in message
    close_period(company, "201911", closed_in_supplier_ledger=True)
    message = messages(company.post("/supplierInvoice", invoice_body()))
    assert "Error: 'Post period': Financial period '201911' is closed in the Supplier ledger.\r\n" in message
    # The seed's month-first period, and the financial period, name another (open) period.
    number = create_invoice(company, invoice_body(**wrap(postPeriod="122019")))
    assert company.get(f"/supplierInvoice/{number}").json()["financialPeriod"] == "201912"
    number = create_invoice(company, invoice_body(**wrap(financialPeriod="201912")))
    assert company.get(f"/supplierInvoice/{number}").json()["postPeriod"] == "122019"


def test_a_supplier_that_is_inactive_gets_no_new_documents(company):
    assert "Supplier '50010' has the status Inactive" in messages(
        company.post("/supplierInvoice", invoice_body(supplier="50010"))
    )


# --- update and delete --------------------------------------------------------------------------------------


def test_put_updates_deletes_and_inserts_lines_by_line_number_and_recomputes(company):
    number = create_invoice(company, invoice_body(invoice_line(), invoice_line("2001", "1", "160.00")))
    body = {
        "description": {"value": "Rettet"},
        "invoiceLines": [
            {"operation": "Update", "lineNumber": {"value": 1}, "quantity": {"value": 3}},
            {"operation": "Delete", "lineNumber": {"value": 2}},
            invoice_line("4002", "2", "50.00"),
        ],
    }
    response = company.put(f"/supplierInvoice/{number}", body)
    assert response.status_code == 204, response.text
    invoice = company.get(f"/supplierInvoice/{number}").json()
    assert response.headers["ETag"] == f'"{invoice["timeStamp"]}"' and invoice["description"] == "Rettet"
    assert [(x["lineNumber"], x["inventoryNumber"], x["cost"]) for x in invoice["invoiceLines"]] == [
        (1, "test*test", 300),
        (3, "4002", 100),
    ]
    assert [t["taxId"] for t in invoice["taxDetailLines"]] == ["1"]
    assert (invoice["vatTotal"], invoice["amount"]) == (75, 475)


def test_update_and_delete_of_a_line_the_invoice_does_not_have_are_refused_and_change_nothing(company):
    number = create_invoice(company)
    before = company.get(f"/supplierInvoice/{number}").json()
    body = {
        "invoiceLines": [
            {"operation": "Delete", "lineNumber": {"value": 7}},
            {"operation": "Insert", "lineNumber": {"value": 1}},
        ]
    }
    message = messages(company.put(f"/supplierInvoice/{number}", body))
    assert (
        "Error: invoiceLines[0]: Line 7 is not on the document.\r\n" in message
        and "Error: invoiceLines[1]: Line 1 is already on the document.\r\n" in message
    )
    assert "'Supplier' cannot be empty" not in message
    assert company.get(f"/supplierInvoice/{number}").json() == before


def test_a_stale_if_match_is_412_and_changes_nothing(company):
    number = create_invoice(company)
    response = company.put(
        f"/supplierInvoice/{number}", {"description": {"value": "x"}}, headers={"If-Match": '"AAAAAAAAAAk="'}
    )
    assert response.status_code == 412
    assert "description" not in company.get(f"/supplierInvoice/{number}").json()


def test_an_unreleased_invoice_can_be_deleted(company):
    number = create_invoice(company)
    assert delete(company, f"/supplierInvoice/{number}").status_code == 204
    assert company.get(f"/supplierInvoice/{number}").status_code == 404
    assert delete(company, f"/supplierInvoice/{number}").status_code == 404


# --- document types -----------------------------------------------------------------------------------------


def test_each_document_type_has_its_routes_and_the_untyped_ones_mean_invoice(company):
    debit = create_invoice(company, invoice_body(**wrap(documentType="DebitAdj")))
    credit = create_invoice(company, invoice_body(**wrap(documentType="creditadj")))
    assert (debit, credit) == ("000001", "000002")
    assert company.get(f"/supplierInvoice/DebitAdj/{debit}").json()["documentType"] == "DebitAdj"
    assert company.get(f"/supplierinvoice/creditADJ/{credit}").json()["documentType"] == "CreditAdj"
    assert company.get(f"/supplierInvoice/{debit}").status_code == 404
    assert company.put(f"/supplierInvoice/DebitAdj/{debit}", {"description": {"value": "x"}}).status_code == 204
    assert "Accepted values: Invoice, CreditAdj, DebitAdj, Prepayment" in messages(
        company.get(f"/supplierInvoice/Check/{debit}")
    )
    assert "is entered as a supplier payment" in messages(
        company.post("/supplierInvoice", invoice_body(**wrap(documentType="Refund")))
    )
    assert delete(company, f"/supplierInvoice/CreditAdj/{credit}").status_code == 204


def test_numbers_from_the_series_unless_override_number_series_gives_one(company):
    response = company.post("/supplierInvoice", invoice_body(**wrap(referenceNumber="F-9")))
    assert new_number(response) == "000001" and response.headers["X-Nettfin-Ignored-Fields"] == "referenceNumber"
    override = invoice_body(**wrap(referenceNumber="F-9", overrideNumberSeries=True))
    assert new_number(company.post("/supplierInvoice", override)) == "F-9"
    assert "'Reference number' 'F-9' already exists" in messages(company.post("/supplierInvoice", override))
    # The same number on another document type is another document.
    assert (
        new_number(
            company.post(
                "/supplierInvoice",
                invoice_body(**wrap(referenceNumber="F-9", overrideNumberSeries=True, documentType="DebitAdj")),
            )
        )
        == "F-9"
    )


# --- release and void ---------------------------------------------------------------------------------------


def test_release_credits_the_supplier_account_debits_expense_and_claimable_vat(company):
    number = released_invoice(company, invoice_body(invoice_line(), invoice_line("2001", "1", "160.00")))
    invoice = company.get(f"/supplierInvoice/{number}").json()
    assert (invoice["status"], invoice["balance"], invoice["balanceInCurrency"]) == ("Open", 309, 309)
    assert batch_lines(company, "000001") == [
        ("2400", "00-000", 0.0, 309.0),
        ("2710", "00-000", 25.0, 0.0),
        ("2711", "00-000", 24.0, 0.0),
        ("4300", "20-000", 100.0, 0.0),
        ("4300", "20-000", 160.0, 0.0),
    ]
    assert company.get("/supplier/50000/balance").json()["balance"] == 309
    assert_sound_books(company)


def test_a_debit_adjustment_posts_the_mirror_image_and_reduces_what_is_owed(company):
    released_invoice(company, invoice_body(invoice_line("test*test", "2", "100.00")))
    released_invoice(company, invoice_body(**wrap(documentType="DebitAdj")), kind="DebitAdj")
    assert batch_lines(company, "000002") == [
        ("2400", "00-000", 125.0, 0.0),
        ("2710", "00-000", 0.0, 25.0),
        ("4300", "20-000", 0.0, 100.0),
    ]
    assert company.get("/supplier/50000/balance").json()["balance"] == 125
    assert account_balance(company, "2400") == Decimal("-125")
    assert_sound_books(company)


def test_reverse_charge_vat_in_another_currency_posts_both_sides_in_the_base_currency(company):
    # Supplier 50005 is in the EU zone 02: category 03 there is the reverse-charge VAT ID 86.
    body = invoice_body(invoice_line("3001", "2", "100.00"), supplier="50005", **wrap(exchangeRate="11.5"))
    number = released_invoice(company, body)
    invoice = company.get(f"/supplierInvoice/{number}").json()
    assert (invoice["currencyId"], invoice["amount"], invoice["vatAmount"], invoice["balance"]) == ("EUR", 200, 0, 2300)
    assert [(t["taxId"], t["vatAmount"]) for t in invoice["taxDetailLines"]] == [("86", 575)]
    assert batch_lines(company, "000001") == [
        ("2400", "00-000", 0.0, 2300.0),
        ("2703", "00-000", 0.0, 575.0),
        ("2713", "00-000", 575.0, 0.0),
        ("4300", "20-000", 2300.0, 0.0),
    ]
    assert "'Exchange rate' must be 1" in messages(
        company.post("/supplierInvoice", invoice_body(**wrap(exchangeRate=2)))
    )
    assert_sound_books(company)


def test_gross_mode_takes_the_vat_out_of_the_line_amounts(company):
    body = invoice_body(invoice_line("test*test", "1", "125.00"), **wrap(taxCalculationMode="Gross"))
    invoice = company.get(f"/supplierInvoice/{released_invoice(company, body)}").json()
    assert (invoice["detailTotal"], invoice["vatTotal"], invoice["amount"]) == (125, 25, 125)
    assert batch_lines(company, "000001") == [
        ("2400", "00-000", 0.0, 125.0),
        ("2710", "00-000", 25.0, 0.0),
        ("4300", "20-000", 100.0, 0.0),
    ]


def test_hold_blocks_release_and_a_released_invoice_refuses_edits_deletion_and_a_second_release(company):
    number = create_invoice(company, invoice_body(**wrap(hold=True)))
    assert company.get(f"/supplierInvoice/{number}").json()["status"] == "Hold"
    assert "is on hold and cannot be released" in messages(company.post(f"/supplierInvoice/{number}/action/release"))
    assert company.put(f"/supplierInvoice/{number}", {"hold": {"value": False}}).status_code == 204
    response = company.post(f"/supplierInvoice/{number}/action/release")
    assert response.status_code == 200 and response.json()["actionResult"] == "Done"
    assert "Invoice can't be updated because it is already released." in messages(
        company.put(f"/supplierInvoice/{number}", {"description": {"value": "x"}})
    )
    assert "Invoice can't be deleted because it is already released." in messages(
        delete(company, f"/supplierInvoice/{number}")
    )
    assert f"Invoice '{number}' is already released." in messages(
        company.post(f"/supplierInvoice/Invoice/{number}/action/release")
    )
    assert batch_count(company) == 1


def test_release_rechecks_the_period_and_refuses_a_document_without_lines(company):
    number = create_invoice(company)
    close_period(company, "201911", closed_in_supplier_ledger=True)
    assert "Financial period '201911' is closed in the Supplier ledger." in messages(
        company.post(f"/supplierInvoice/{number}/action/release")
    )
    empty = create_invoice(company, invoice_body(date="2019-12-02"))
    company.put(f"/supplierInvoice/{empty}", {"invoiceLines": [{"operation": "Delete", "lineNumber": {"value": 1}}]})
    assert f"Invoice '{empty}' has no lines." in messages(company.post(f"/supplierInvoice/{empty}/action/release"))
    assert batch_count(company) == 0


def test_void_reverses_an_open_invoice_and_refuses_paid_or_unreleased_ones(company):
    number = released_invoice(company)
    response = company.post(f"/supplierInvoice/Invoice/{number}/action/voidinvoice")
    assert response.status_code == 200, response.text
    invoice = company.get(f"/supplierInvoice/{number}").json()
    assert (invoice["status"], invoice["balance"]) == ("Voided", 0)
    assert batch_lines(company, "000002") == [
        ("2400", "00-000", 125.0, 0.0),
        ("2710", "00-000", 0.0, 25.0),
        ("4300", "20-000", 0.0, 100.0),
    ]
    assert "is already voided" in messages(company.post(f"/supplierInvoice/Invoice/{number}/action/voidinvoice"))
    unreleased = create_invoice(company)
    assert "is not released: delete it instead" in messages(
        company.post(f"/supplierInvoice/Invoice/{unreleased}/action/voidinvoice")
    )
    paid = released_invoice(company)
    payment = new_number(company.post("/supplierPayment", payment_body(paid)))
    assert company.post(f"/supplierPayment/{payment}/action/release").status_code == 200
    assert "cannot be voided: a payment applies to it" in messages(
        company.post(f"/supplierInvoice/Invoice/{paid}/action/voidinvoice")
    )
    assert company.get("/supplier/50000/balance").json()["balance"] == 0
    assert_sound_books(company)


# --- lists --------------------------------------------------------------------------------------------------


def test_list_filters(company):
    first = released_invoice(
        company, invoice_body(invoice_line("1001", "1", "1000.00"), supplierReference={"value": "A"})
    )
    second = create_invoice(company, invoice_body(supplier="50001", date="2019-12-10", note={"value": "Notat"}))
    third = create_invoice(company, invoice_body(**wrap(documentType="DebitAdj", hold=True)))

    def numbers(**params) -> list[str]:
        response = company.get("/supplierInvoice", params=params)
        assert response.status_code == 200, response.text
        return [d["referenceNumber"] for d in response.json()]

    assert numbers() == [first, second, third]
    assert numbers(supplier="50001") == numbers(Supplier="50001") == [second]
    assert numbers(documentType="DebitAdj") == [third]
    assert numbers(released=1) == [first] and numbers(released=0) == [second, third]
    assert numbers(status="Hold") == [third] and numbers(status="open") == [first]
    assert numbers(project="X") == [] and numbers(project="20") == []
    assert numbers(financialPeriod="201912") == [second]
    assert numbers(item="1001") == [first]
    assert numbers(docDate="2019-12-01", docDateCondition=">") == [second]
    assert numbers(dueDate="2019-12-08", dueDateCondition="<=") == [first, third]
    assert numbers(balance=0, balanceCondition=">") == [first]
    assert numbers(greaterThanValue=first) == [second, third]
    assert numbers(lastModifiedDateTime="2000-01-01", lastModifiedDateTimeCondition=">=") == [first, second, third]
    assert numbers(createdDateTime="2999-01-01", createdDateTimeCondition=">") == []
    listed = company.get("/supplierInvoice", params={"supplier": "50001"}).json()
    assert "note" not in listed[0]
    assert (
        company.get("/supplierInvoice", params={"supplier": "50001", "expandNote": True}).json()[0]["note"] == "Notat"
    )
    assert company.get("/supplierInvoice", params={"released": 2}).status_code == 400
    assert "given together" in messages(company.get("/supplierInvoice", params={"balance": 1}))
    page = company.get("/supplierInvoice", params={"pageSize": 1, "pageNumber": 2}).json()
    assert [d["referenceNumber"] for d in page] == [second]
    assert page[0]["metadata"] == {"totalCount": 3, "maxPageSize": 500}


def test_a_line_with_the_non_project_code_is_found_by_the_project_filter(company):
    number = create_invoice(company, invoice_body(invoice_line(projectId={"value": "X"})))
    assert [d["referenceNumber"] for d in company.get("/supplierInvoice", params={"project": "X"}).json()] == [number]
    line = company.get(f"/supplierInvoice/{number}").json()["invoiceLines"][0]
    assert line["project"] == {"internalId": 0, "id": "X", "description": "Non-project code."}


# --- isolation and authentication ---------------------------------------------------------------------------


def test_another_companys_invoices_are_invisible_and_untouchable(company, other_tenant):
    number = create_invoice(company)
    assert other_tenant.get(f"/supplierInvoice/{number}").status_code == 404
    assert other_tenant.get("/supplierInvoice").json() == []
    assert other_tenant.put(f"/supplierInvoice/{number}", {"description": {"value": "x"}}).status_code == 404
    assert other_tenant.post(f"/supplierInvoice/{number}/action/release").status_code == 404
    assert delete(other_tenant, f"/supplierInvoice/{number}").status_code == 404
    # The other company has no supplier 50000 to enter a document for.
    assert "Supplier '50000' cannot be found" in messages(other_tenant.post("/supplierInvoice", invoice_body()))
    assert company.get(f"/supplierInvoice/{number}").json()["status"] == "Balanced"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/supplierInvoice"),
        ("GET", "/supplierInvoice/000001"),
        ("GET", "/supplierInvoice/Invoice/000001"),
        ("POST", "/supplierInvoice"),
        ("PUT", "/supplierInvoice/000001"),
        ("DELETE", "/supplierInvoice/000001"),
        ("POST", "/supplierInvoice/000001/action/release"),
        ("POST", "/supplierInvoice/Invoice/000001/action/voidinvoice"),
    ],
)
def test_every_route_needs_a_token_and_a_company_the_user_may_use(tenant, other_tenant, method, path):
    url, body = tenant.url(path), {"description": {"value": "x"}}
    no_token = tenant.client.request(method, url, json=body, headers={"ipp-company-id": str(tenant.company_id)})
    assert no_token.status_code == 401
    foreign = {"Authorization": f"Bearer {tenant.token}", "ipp-company-id": str(other_tenant.company_id)}
    assert tenant.client.request(method, url, json=body, headers=foreign).json()["ExceptionFaultCode"] == "12002"


# --- the real document --------------------------------------------------------------------------------------


def test_invoices_read_and_listed_are_valid_real_supplier_invoice_dtos(company):
    rich = invoice_body(
        invoice_line(projectId={"value": "X"}, note={"value": "linje"}, discountPercent={"value": 10}),
        invoice_line("1001", "2", "1450.00", uom={"value": "STK"}),
        **wrap(
            documentType="Invoice",
            supplierReference="F-1",
            description="Varer",
            paymentRefNo="KID-1",
            paymentMessage="Takk",
            branchNumber="1",
            note="Notat",
            paySelected=True,
        ),
    )
    number = released_invoice(company, rich)
    create_invoice(company, invoice_body(**wrap(documentType="DebitAdj", hold=True)))
    assert_real(company.get(f"/supplierInvoice/{number}").json(), DOCUMENT, "SupplierInvoiceDto")
    listed = company.get("/supplierInvoice").json()
    assert len(listed) == 2
    for element in listed:
        assert_real(element, DOCUMENT, "SupplierInvoiceDto")
        assert_real(element["metadata"], DOCUMENT, "MetadataDto")


def test_the_release_answer_is_a_real_action_result():
    real = openapi(DOCUMENT)
    # The release operation declares no 200 body; the legacy one is ReleaseSupplierInvoiceActionResultDto.
    assert "200" not in real["paths"]["/v1/supplierInvoice/{invoiceNumber}/action/release"]["post"]["responses"]


def test_the_write_models_have_the_real_members_wrapped_as_the_real_ones():
    assert write_kind_mismatches(ap.SupplierInvoiceUpdateDto, DOCUMENT, "SupplierInvoiceUpdateDto") == {}
    assert write_kind_mismatches(ap.SupplierInvoiceLineUpdateDto, DOCUMENT, "SupplierInvoiceLineUpdateDto") == {}


@pytest.mark.parametrize(
    ("enum", "component", "member"),
    [
        (ap.SupplierInvoiceStatus, "SupplierInvoiceDto", "status"),
        (ap.TaxCalcMode, "SupplierInvoiceDto", "taxCalculationMode"),
    ],
)
def test_the_enums_are_the_real_ones(enum, component, member):
    assert {m.value for m in enum} == real_enum(DOCUMENT, component, member)


def test_the_write_document_types_are_the_real_ones():
    wrapper = openapi(DOCUMENT)["components"]["schemas"]["DtoValueOfNullableOfSupplierInvoiceTypes"]
    assert {m.value for m in ap.SupplierInvoiceTypes} == set(wrapper["properties"]["value"]["enum"])


def test_the_list_declares_the_real_query_parameters(client):
    ours = query_names(client, "/supplierInvoice")
    real = {p["name"] for p in openapi(DOCUMENT)["paths"]["/v1/supplierInvoice"]["get"]["parameters"]}
    assert ours - real == {"orderBy"}
    assert real - ours == {"erp-api-background"}


def test_a_suppliers_invoices_are_the_invoice_list_narrowed_to_the_supplier(company):
    first = create_invoice(company)
    second = released_invoice(company)
    listed = company.get("/supplier/50000/invoice")
    assert listed.status_code == 200, listed.text
    assert sorted(d["referenceNumber"] for d in listed.json()) == sorted([first, second])
    assert all(d["metadata"]["totalCount"] == 2 for d in listed.json())
    assert_real(listed.json()[0], DOCUMENT, "SupplierInvoiceDto")
    # The list's own filters apply, and the path's supplier wins over a `supplier` parameter.
    assert [d["referenceNumber"] for d in company.get("/supplier/50000/invoice?released=1&supplier=X").json()] == [
        second
    ]
    missing = company.get("/supplier/NOSUCH/invoice")
    assert missing.status_code == 404
    assert missing.json()["message"].endswith("Supplier 'NOSUCH' not found.")
