"""The knowledge base's usage articles "Supplier Invoice" (AP301000) and "Supplier Payment" (AP302000), their
bodies and queries sent exactly as printed: on a company with the demo's books (both databases), and on the
seeded demo company itself."""

from __future__ import annotations

import pytest

from nettfin.server.ledger.posting import ledger_invariants
from nettfin.server.numbering.models import NumberSeries
from nettfin.server.payables.balances import reconcile_supplier_ledger
from tests.factories import new_number
from tests.party_factories import DEMO_API, seeded_demo
from tests.supplier_ledger_factories import article_invoice, assert_sound_books, books, payment_body, released_invoice


@pytest.fixture
def company(tenant):
    return books(tenant)


# --- "POST SupplierInvoice": the minimum body -----------------------------------------------------------------


def test_the_articles_minimum_body_returns_201_created_with_a_location(company):
    response = company.post("/supplierInvoice", article_invoice())
    assert response.status_code == 201, response.text
    assert response.headers["Location"] == "http://testserver/API/controller/api/v1/supplierInvoice/000001"
    # "if you are using automatic numbering you can omit the referenceNumber field": the series numbers it.
    assert response.headers["X-Nettfin-Ignored-Fields"] == "referenceNumber"


def test_the_articles_invoice_reads_back_as_the_body_describes_it(company):
    number = new_number(company.post("/supplierInvoice", article_invoice()))
    invoice = company.get(f"/supplierInvoice/{number}").json()
    assert (invoice["supplier"]["number"], invoice["date"], invoice["postPeriod"], invoice["financialPeriod"]) == (
        "50000",
        "2019-11-08T00:00:00",
        "112019",
        "201911",
    )
    assert (invoice["paymentRefNo"], invoice["supplierReference"]) == ("test", "test")
    (line,) = invoice["invoiceLines"]
    assert (line["lineNumber"], line["inventoryNumber"], line["quantity"], line["unitCostInCurrency"]) == (
        1,
        "test*test",
        1,
        1.6,
    )
    # Segment 1 is 00 as sent; segment 2 keeps the supplier's expense subaccount's value.
    assert (line["subaccount"]["subaccountNumber"], line["vatCode"]["id"], line["project"]["id"]) == (
        "00-000",
        "1",
        "X",
    )
    assert (invoice["amount"], invoice["vatAmount"]) == (2.0, 0.4)


def test_with_manual_numbering_the_articles_reference_number_is_kept(company):
    with company.database.writing() as session:
        session.add(NumberSeries(company_id=company.company_id, series_id="APBILL", description="Bills", manual=True))
    response = company.post("/supplierInvoice", article_invoice())
    assert new_number(response) == "000357" and "X-Nettfin-Ignored-Fields" not in response.headers


def test_the_articles_invoice_is_released_to_the_ledger(company):
    number = new_number(company.post("/supplierInvoice", article_invoice()))
    assert company.post(f"/supplierInvoice/{number}/action/release").status_code == 200
    assert company.get(f"/supplierInvoice/{number}").json()["balance"] == 2.0
    assert_sound_books(company)


def test_put_sends_only_the_fields_to_change_with_a_line_operation_and_gets_204(company):
    number = new_number(company.post("/supplierInvoice", article_invoice()))
    body = {"invoiceLines": [{"operation": "Update", "lineNumber": {"value": 1}, "quantity": {"value": 2}}]}
    response = company.put(f"/supplierInvoice/{number}", body)
    assert response.status_code == 204 and response.content == b""
    invoice = company.get(f"/supplierInvoice/{number}").json()
    assert (invoice["invoiceLines"][0]["quantity"], invoice["amount"], invoice["supplierReference"]) == (2, 4.0, "test")


def test_the_articles_project_query_returns_the_documents_of_that_project(company):
    new_number(company.post("/supplierInvoice", article_invoice()))
    # "GET ?project=20": no document of the demo has project 20; the article's own body carries project X.
    response = company.get("/supplierInvoice?project=20")
    assert response.status_code == 200 and response.json() == []
    assert len(company.get("/supplierInvoice?Project=X").json()) == 1


# --- "GET ?Supplier=50000" of the Supplier Payment article ------------------------------------------------------


def test_the_articles_supplier_query_returns_the_payments_of_supplier_50000(company):
    mine = new_number(company.post("/supplierPayment", payment_body(released_invoice(company))))
    new_number(company.post("/supplierPayment", payment_body(supplier="50001", paymentAmount={"value": 9})))
    for query in ("?Supplier=50000", "?supplier=50000", "?SUPPLIER=50000"):
        response = company.get(f"/supplierPayment{query}")
        assert response.status_code == 200
        assert [p["refNbr"] for p in response.json()] == [mine], query


# --- the seeded demo company --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with seeded_demo(tmp_path_factory.mktemp("supplier-ledger-demo")) as client:
        yield client


def test_on_the_demo_the_articles_post_gets_201_and_the_next_number(demo):
    response = demo.post(f"{DEMO_API}/supplierInvoice", json=article_invoice())
    assert response.status_code == 201
    number = response.headers["Location"].rsplit("/", 1)[-1]
    # The demo holds 26 supplier documents: five of November 2019, 20 of its year and the invoice of purchase receipt
    # 000001.
    assert number == "000027"
    assert demo.get(f"{DEMO_API}/supplierInvoice/{number}").json()["status"] == "Balanced"


def test_on_the_demo_the_articles_supplier_query_finds_the_demos_payment(demo):
    payments = demo.get(f"{DEMO_API}/supplierPayment?Supplier=50000").json()
    assert [(p["refNbr"], p["status"], p["paymentAmount"]) for p in payments] == [("000001", "Closed", 1125.0)]
    owed = {b["supplier"]["number"]: b["balance"] for b in demo.get(f"{DEMO_API}/supplier/balance").json()}
    assert (owed["50000"], owed["50001"], owed["50030"]) == (4427.0, 2312.5, 0.0)
    assert "50002" not in owed  # left free for the Supplier article


def test_the_demos_supplier_ledger_reconciles_and_its_journal_is_there(demo):
    with demo.app.state.db.reading() as session:
        assert ledger_invariants(session, 1) == [] and reconcile_supplier_ledger(session, 1) == []
    batches = demo.get("/API/controller/api/v2/journaltransaction?periodId=201912").json()
    # The period also holds the demo's fixed asset acquisition and depreciation (ModuleFA).
    supplier_ledger = {b["batchNumber"] for b in batches if b["module"] == "ModuleAP"}
    assert {b["module"] for b in batches} == {"ModuleAP", "ModuleFA"} and len(supplier_ledger) == 3


def test_the_demos_supplier_ledger_is_deterministic(tmp_path):
    seen = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        with seeded_demo(tmp_path / name, fresh=True) as client:
            seen.append(
                [
                    client.get(f"{DEMO_API}{path}").content
                    for path in ("/supplierInvoice", "/supplierPayment", "/journaltransaction", "/generalLedgerBalance")
                ]
            )
    assert seen[0] == seen[1]
