"""Customer invoices (AR301000) through the API: create at /v1 and /v2, read, update with line operations,
VAT from the customer's zone and the item's category, totals, periods open in the customer ledger, release
posting to the ledger, reverse with a credit note, delete while unreleased, filters, isolation."""

from __future__ import annotations

from sqlalchemy import select

from nettfin.server.ledger.journal import JournalBatch
from nettfin.server.ledger.posting import ledger_invariants
from tests.factories import new_number
from tests.ledger_factories import add_dimension, close_period
from tests.sales_factories import add_trading_company, invoice_body


def batch_lines(tenant, batch_number: str) -> list[tuple[str, float, float]]:
    with tenant.database.reading() as session:
        batch = session.scalars(
            select(JournalBatch).where(
                JournalBatch.company_id == tenant.company_id, JournalBatch.batch_number == batch_number
            )
        ).one()
        return [(x.account.account_cd, float(x.debit), float(x.credit)) for x in batch.lines]


def test_an_invoice_gets_vat_per_line_from_the_customer_zone_and_item_category(tenant):
    add_trading_company(tenant)
    response = tenant.post("/customerinvoice", invoice_body())
    number = new_number(response)
    assert number == "000001"
    invoice = tenant.get(f"/customerinvoice/{number}").json()
    first, second = invoice["invoiceLines"]
    assert (first["amount"], first["vatCode"]["id"], second["amount"], second["vatCode"]["id"]) == (
        500.0,
        "3",
        199.0,
        "33",
    )
    # Zone 01: category 03 is VAT ID 3 (25 %) on sales, category 33 is VAT ID 33 (6 % from April 2020, 12 % before).
    assert [(d["taxId"], d["vatRate"], d["taxableAmount"], d["vatAmount"]) for d in invoice["taxDetails"]] == [
        ("3", 25.0, 500.0, 125.0),
        ("33", 12.0, 199.0, 23.88),
    ]
    assert (invoice["detailTotal"], invoice["vatTotal"], invoice["amount"], invoice["balance"]) == (
        699.0,
        148.88,
        847.88,
        847.88,
    )
    assert (invoice["status"], invoice["postPeriod"], invoice["financialPeriod"]) == ("Balanced", "202003", "202003")


def test_a_vat_set_up_changed_since_the_last_document_applies_to_the_next(tenant):
    """The VAT set-up documents are checked against is cached per version of it: a change is seen at once."""
    from decimal import Decimal

    from sqlalchemy import update

    from nettfin.server.kit.changes import bump_version
    from nettfin.server.tax.models import Vat, VatSchedule

    add_trading_company(tenant)
    first = tenant.get(f"/customerinvoice/{new_number(tenant.post('/customerinvoice', invoice_body()))}").json()
    assert first["taxDetails"][0]["vatRate"] == 25.0
    with tenant.database.writing() as session:
        vat = select(Vat.id).where(Vat.company_id == tenant.company_id, Vat.vat_id == "3").scalar_subquery()
        session.execute(update(VatSchedule).where(VatSchedule.vat_id == vat).values(vat_rate=Decimal(30)))
        bump_version(session, company_id=tenant.company_id, resource="vat")
    second = tenant.get(f"/customerinvoice/{new_number(tenant.post('/customerinvoice', invoice_body()))}").json()
    assert (second["taxDetails"][0]["vatRate"], second["taxDetails"][0]["vatAmount"]) == (30.0, 150.0)


def test_release_posts_a_balanced_batch_control_debit_revenue_and_vat_credits(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/customerinvoice", invoice_body()))
    response = tenant.post(f"/customerinvoice/{number}/action/release")
    assert response.status_code == 200, response.text
    assert response.json()["actionResult"] == "Done"
    invoice = tenant.get(f"/customerinvoice/{number}").json()
    assert (invoice["status"], invoice["balance"]) == ("Open", 847.88)
    with tenant.database.reading() as session:
        batch = session.scalars(select(JournalBatch).where(JournalBatch.company_id == tenant.company_id)).one()
        lines = sorted((x.account.account_cd, float(x.debit), float(x.credit)) for x in batch.lines)
        assert ledger_invariants(session, tenant.company_id) == []
    assert lines == [("1500", 847.88, 0.0), ("2700", 0.0, 23.88), ("2700", 0.0, 125.0), ("3000", 0.0, 699.0)]


def test_the_v2_create_returns_201_with_a_location_under_v1(tenant):
    add_trading_company(tenant)
    response = tenant.client.post("/v2/customerinvoice", json=invoice_body(), headers=tenant.headers)
    number = new_number(response)
    assert response.headers["Location"] == f"http://testserver/v1/customerinvoice/{number}"
    assert tenant.get(f"/customerinvoice/{number}").status_code == 200


def test_the_minimum_body_of_the_how_to_creates_an_invoice(tenant):
    # "invoiceLines:[{operation:"Insert", inventoryNumber, quantity, uom}], customerNumber, documentDate, invoiceText"
    add_trading_company(tenant)
    body = {
        "customerNumber": {"value": "10000"},
        "documentDate": {"value": "2020-02-10"},
        "invoiceText": {"value": "Minimum"},
        "invoiceLines": [
            {
                "operation": "Insert",
                "inventoryNumber": {"value": "TJENESTE"},
                "quantity": {"value": 3},
                "uom": {"value": "TIME"},
            }
        ],
    }
    invoice = tenant.get(f"/customerinvoice/{new_number(tenant.post('/customerinvoice', body))}").json()
    (line,) = invoice["invoiceLines"]
    assert (line["uom"], line["unitPrice"], line["amount"], invoice["amount"]) == ("TIME", 1000.0, 3000.0, 3750.0)


def test_discounts_and_manual_amounts_give_the_line_amount(tenant):
    add_trading_company(tenant)
    body = invoice_body()
    body["invoiceLines"] = [
        {"inventoryNumber": {"value": "VARE"}, "quantity": {"value": 4}, "discountPercent": {"value": 12.5}},
        {"inventoryNumber": {"value": "VARE"}, "quantity": {"value": 1}, "discountAmountInCurrency": {"value": 50}},
        {"inventoryNumber": {"value": "VARE"}, "quantity": {"value": 7}, "manualAmountInCurrency": {"value": 99.99}},
    ]
    invoice = tenant.get(f"/customerinvoice/{new_number(tenant.post('/customerinvoice', body))}").json()
    amounts = [(x["discountAmount"], x["amount"]) for x in invoice["invoiceLines"]]
    assert amounts == [(125.0, 875.0), (50.0, 200.0), (0.0, 99.99)]
    assert invoice["detailTotal"] == 1174.99 and invoice["discountTotal"] == 175.0


def test_put_updates_inserts_and_deletes_lines_and_recomputes(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/customerinvoice", invoice_body()))
    body = {
        "invoiceLines": [
            {"operation": "Update", "lineNumber": {"value": 1}, "quantity": {"value": 1}},
            {"operation": "Delete", "lineNumber": {"value": 2}},
            {"operation": "Insert", "inventoryNumber": {"value": "FRI"}, "quantity": {"value": 2}},
        ]
    }
    response = tenant.put(f"/customerinvoice/{number}", body)
    assert response.status_code == 204, response.text
    invoice = tenant.get(f"/customerinvoice/{number}").json()
    assert [(x["lineNumber"], x["inventoryNumber"], x["amount"]) for x in invoice["invoiceLines"]] == [
        (1, "VARE", 250.0),
        (3, "FRI", 160.0),
    ]
    # FRI's category 05 holds only VAT ID 52, which zone 01 does not: the line carries no VAT.
    assert "vatCode" not in invoice["invoiceLines"][1]
    assert invoice["invoiceLines"][0]["vatCode"]["id"]
    assert (invoice["vatTotal"], invoice["amount"]) == (62.5, 472.5)


def test_a_vat_code_that_does_not_fit_is_refused_with_the_articles_text(tenant):
    add_trading_company(tenant)
    body = invoice_body()
    body["invoiceLines"][0]["vatCodeId"] = {"value": "01"}
    response = tenant.post("/customerinvoice", body)
    assert response.status_code == 400
    assert "Error: invoiceLines[0]: TaxID '01' cannot be found in the system\r\n" in response.json()["message"]


def test_an_invalid_invoice_lists_every_problem_and_writes_nothing(tenant):
    add_trading_company(tenant)
    body = invoice_body(customer="99999", creditTermsId={"value": "NOPE"}, postPeriod={"value": "132020"})
    body["invoiceLines"][1]["inventoryNumber"] = {"value": "NOSUCH"}
    body["invoiceLines"][0]["accountNumber"] = {"value": "9999"}
    response = tenant.post("/customerinvoice", body)
    assert response.status_code == 400
    message = response.json()["message"]
    assert message.split(". ", 1)[1].startswith(
        "Error inserting the customer invoice. Error: Inserting 'CustomerInvoice' record raised at least one error."
    )
    for problem in (
        "Customer '99999' cannot be found in the system.",
        "Terms 'NOPE' cannot be found in the system.",
        "invoiceLines[1]: Item 'NOSUCH' cannot be found in the system.",
        "invoiceLines[0]: Account '9999' cannot be found in the system.",
        "'Post period' '132020' is not a financial period: write it as MMYYYY (as 112019) or YYYYPP (as 201911).",
    ):
        assert f"Error: {problem}\r\n" in message
    assert tenant.get("/customerinvoice").json() == []


def test_the_period_must_exist_and_be_open_in_the_customer_ledger(tenant):
    add_trading_company(tenant)
    response = tenant.post("/customerinvoice", invoice_body(documentDate={"value": "2031-01-05"}))
    assert "Error: 'Post period': Financial period '203101' does not exist.\r\n" in response.json()["message"]
    close_period(tenant, "202003", closed_in_customer_ledger=True)
    response = tenant.post("/customerinvoice", invoice_body())
    assert (
        "Error: 'Post period': Financial period '202003' is closed in the Customer ledger.\r\n"
        in response.json()["message"]
    )
    # The seed's month-first postPeriod names another, open period.
    number = new_number(tenant.post("/customerinvoice", invoice_body(postPeriod={"value": "042020"})))
    assert tenant.get(f"/customerinvoice/{number}").json()["financialPeriod"] == "202004"


def test_hold_blocks_release_and_a_released_invoice_refuses_edits_and_deletion(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/customerinvoice", invoice_body(hold={"value": True})))
    assert tenant.get(f"/customerinvoice/{number}").json()["status"] == "Hold"
    response = tenant.post(f"/customerinvoice/{number}/action/release")
    assert response.status_code == 400 and "is on hold" in response.json()["message"]
    assert tenant.put(f"/customerinvoice/{number}", {"hold": {"value": False}}).status_code == 204
    assert tenant.post(f"/customerinvoice/{number}/action/release").status_code == 200
    response = tenant.put(f"/customerinvoice/{number}", {"invoiceText": {"value": "late"}})
    assert response.status_code == 400
    assert f"Error: The document {number} is released and cannot be changed.\r\n" in response.json()["message"]
    response = tenant.client.delete(tenant.url(f"/customerinvoice/{number}"), headers=tenant.headers)
    assert response.status_code == 400 and "cannot be deleted" in response.json()["message"]
    again = tenant.post(f"/customerinvoice/{number}/action/release")
    assert again.status_code == 400 and "is already released" in again.json()["message"]


def test_an_unreleased_invoice_can_be_deleted(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/customerinvoice", invoice_body()))
    response = tenant.client.delete(tenant.url(f"/customerinvoice/{number}"), headers=tenant.headers)
    assert response.status_code == 204
    assert tenant.get(f"/customerinvoice/{number}").status_code == 404


def test_reverse_makes_a_credit_note_whose_release_posts_the_mirror_image(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/customerinvoice", invoice_body()))
    invoice_batch = tenant.post(f"/customerinvoice/{number}/action/release")
    assert invoice_batch.status_code == 200
    response = tenant.post(f"/customerinvoice/{number}/action/reverse", {"returnCreditNote": True})
    assert response.status_code == 200, response.text
    note = response.json()
    assert response.headers["Location"].endswith(f"/customerinvoice/{note['referenceNumber']}")
    assert (note["documentType"], note["status"], note["amount"]) == ("CreditNote", "Balanced", 847.88)
    assert tenant.post(f"/customerinvoice/{note['referenceNumber']}/action/release").status_code == 200
    with tenant.database.reading() as session:
        batches = session.scalars(
            select(JournalBatch).where(JournalBatch.company_id == tenant.company_id).order_by(JournalBatch.id)
        ).all()
        first, second = ({(x.account.account_cd, x.debit, x.credit) for x in b.lines} for b in batches)
        assert ledger_invariants(session, tenant.company_id) == []
    assert second == {(account, credit, debit) for account, debit, credit in first}
    again = tenant.post(f"/customerinvoice/{number}/action/reverse", {})
    assert again.status_code == 400 and "already reversed" in again.json()["message"]


def test_an_unreleased_invoice_cannot_be_reversed(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/customerinvoice", invoice_body()))
    response = tenant.post(f"/customerinvoice/{number}/action/reverse", {"returnCreditNote": False})
    assert response.status_code == 400 and "only released invoices" in response.json()["message"]


def test_list_filters(tenant):
    add_trading_company(tenant)
    first = new_number(tenant.post("/customerinvoice", invoice_body(externalReference={"value": "EXT-1"})))
    second = new_number(
        tenant.post("/customerinvoice", invoice_body(customer="20000", documentDate={"value": "2020-05-05"}))
    )
    third = new_number(tenant.post("/customerinvoice", invoice_body(hold={"value": True})))
    tenant.post(f"/customerinvoice/{first}/action/release")

    def numbers(query: str) -> list[str]:
        response = tenant.get(f"/customerinvoice?{query}")
        assert response.status_code == 200, response.text
        return [i["referenceNumber"] for i in response.json()]

    assert numbers("released=1") == [first]
    assert numbers("released=0") == [second, third]
    assert numbers("status=Hold") == [third]
    assert numbers("customer=20000") == [second]
    assert numbers("financialPeriod=202005") == [second]
    assert numbers("externalReference=EXT-1") == [first]
    assert numbers("documentDate=2020-04-01&documentDateCondition=%3E") == [second]
    assert numbers(f"greaterThanValue={first}") == [second, third]
    assert numbers("documentType=CreditNote") == []
    assert tenant.get("/customerinvoice?released=2").status_code == 400
    page = tenant.get("/customerinvoice?pageSize=1&pageNumber=2").json()
    assert [i["referenceNumber"] for i in page] == [second] and page[0]["metadata"] == {
        "totalCount": 3,
        "maxPageSize": 500,
    }


def test_another_companys_invoices_are_invisible_and_untouchable(tenant, other_tenant):
    add_trading_company(tenant)
    add_trading_company(other_tenant)
    number = new_number(tenant.post("/customerinvoice", invoice_body()))
    assert other_tenant.get(f"/customerinvoice/{number}").status_code == 404
    assert other_tenant.get("/customerinvoice").json() == []
    assert other_tenant.post(f"/customerinvoice/{number}/action/release").status_code == 404
    assert (
        other_tenant.client.delete(
            other_tenant.url(f"/customerinvoice/{number}"), headers=other_tenant.headers
        ).status_code
        == 404
    )
    assert tenant.get(f"/customerinvoice/{number}").json()["status"] == "Balanced"


def test_sent_vat_lines_are_ignored_and_named(tenant):
    add_trading_company(tenant)
    body = invoice_body(taxDetailLines=[{"taxId": {"value": "3"}, "vatAmount": {"value": 1}}], rotRutDetails={})
    response = tenant.post("/customerinvoice", body)
    assert new_number(response)
    assert response.headers["X-Nettfin-Ignored-Fields"] == "rotRutDetails, taxDetailLines"


def test_a_line_subaccount_the_ledger_has_not_defined_is_defined_when_the_invoice_is_saved(tenant):
    add_trading_company(tenant)
    add_dimension(tenant, project_validated=False)
    body = invoice_body()
    body["invoiceLines"][0]["subaccount"] = [
        {"segmentId": 1, "segmentValue": "10"},
        {"segmentId": 2, "segmentValue": "777"},
    ]
    number = new_number(tenant.post("/customerinvoice", body))
    first, second = tenant.get(f"/customerinvoice/{number}").json()["invoiceLines"]
    # The item's sales account; a line that names no subaccount has none.
    assert (first["account"]["number"], first["account"]["type"], second["account"]["number"]) == (
        "3000",
        "Income",
        "3000",
    )
    assert "subaccount" not in second
    subaccount = tenant.get("/subaccount/10-777").json()
    assert first["subaccount"]["subaccountNumber"] == "10-777"
    assert first["subaccount"]["subaccountId"] == subaccount["subaccountId"]
    assert tenant.post(f"/customerinvoice/{number}/action/release").status_code == 200
    with tenant.database.reading() as session:
        batch = session.scalars(select(JournalBatch).where(JournalBatch.company_id == tenant.company_id)).one()
        revenue = {x.subaccount.subaccount_cd: float(x.credit) for x in batch.lines if x.account.account_cd == "3000"}
    assert revenue == {"10-777": 500.0, "00-000": 199.0}


def test_a_customers_invoices_are_the_invoice_list_narrowed_to_the_customer(tenant):
    from tests.party_factories import assert_real

    add_trading_company(tenant)
    number = new_number(tenant.post("/customerinvoice", invoice_body()))
    listed = tenant.get("/customer/10000/invoice?expandApplications=true")
    assert listed.status_code == 200, listed.text
    assert [d["referenceNumber"] for d in listed.json()] == [number]
    assert listed.json()[0]["applications"] == []
    assert_real(listed.json()[0], "customerinvoice", "CustomerInvoiceDto")
    assert tenant.get("/customer/10000/invoice?released=1").json() == []
    missing = tenant.get("/customer/NOSUCH/invoice")
    assert missing.status_code == 404
    assert missing.json()["message"].endswith("Customer 'NOSUCH' not found.")
