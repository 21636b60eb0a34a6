"""The customer invoice actions beyond release and reverse: reverse and apply to note (a released credit note
applied to the invoice, both balances to 0), correct (reversed and closed, a new editable copy), send to
AutoInvoice (recorded on the document), print (a PDF) and ROT/RUT, work types; and the credit and debit notes'
send and print. The AR control account equals the customer ledger's open items after every action."""

from __future__ import annotations

from sqlalchemy import func, select

from nettfin.server.ledger.journal import JournalBatch
from nettfin.server.ledger.posting import ledger_invariants
from nettfin.server.receivables.balances import reconciliation
from nettfin.server.receivables.document_models import CustomerInvoice, CustomerPayment
from tests.factories import new_number
from tests.party_factories import assert_real
from tests.sales_factories import add_trading_company, invoice_body, payment_body

TOTAL = 847.88


def released_invoice(tenant, **extra) -> str:
    number = new_number(tenant.post("/customerinvoice", invoice_body(**extra)))
    assert tenant.post(f"/customerinvoice/{number}/action/release").status_code == 200
    return number


def assert_reconciles(tenant) -> float:
    """The open items equal the AR control account, the ledger's invariants hold; returns the AR balance."""
    with tenant.database.reading() as session:
        ledger, control = reconciliation(session, tenant.company_id)
        assert ledger == control
        assert ledger_invariants(session, tenant.company_id) == []
        return float(control)


def counts(tenant) -> tuple[int, int, int]:
    """(documents, payments, batches): nothing is written by a refused action."""
    with tenant.database.reading() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model).where(model.company_id == tenant.company_id))
            for model in (CustomerInvoice, CustomerPayment, JournalBatch)
        )


def test_reverse_and_apply_to_note_closes_the_invoice_with_a_released_credit_note(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    assert assert_reconciles(tenant) == TOTAL
    response = tenant.post(f"/customerinvoice/{invoice}/action/reverseandapplytonote")
    assert response.status_code == 200, response.text
    assert response.json()["actionResult"] == "Done"
    note_number = response.headers["Location"].rsplit("/", 1)[1]
    assert "/customerCreditNote/" in response.headers["Location"]
    note = tenant.get(f"/customerCreditNote/{note_number}").json()
    assert (note["status"], note["balance"], note["amount"]) == ("Closed", 0.0, TOTAL)
    assert response.headers["ETag"] == tenant.get(f"/customerCreditNote/{note_number}").headers["ETag"]
    found = tenant.get(f"/customerinvoice/{invoice}").json()
    assert (found["status"], found["balance"]) == ("Closed", 0.0)
    (application,) = found["applications"]
    assert application["docType"] == "CreditNote" if "docType" in application else True
    assert assert_reconciles(tenant) == 0.0
    assert tenant.get("/customer/10000/balance").json()["balance"] == 0.0
    # The application is a released customer payment of type CreditNote, which moved no cash.
    payments = tenant.get("/customerpayment").json()
    (payment,) = [p for p in payments if p["type"] == "CreditNote"]
    assert (payment["status"], payment["paymentAmount"]) == ("Closed", 0.0)
    # Done once: the invoice is reversed already.
    again = tenant.post(f"/customerinvoice/{invoice}/action/reverseandapplytonote")
    assert again.status_code == 400 and "already reversed" in again.json()["message"]


def test_reverse_and_apply_returns_the_credit_note_when_asked(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    response = tenant.post(f"/customerinvoice/{invoice}/action/reverseandapplytonote", {"returnCreditNote": True})
    assert response.status_code == 200
    body = response.json()
    assert (body["documentType"], body["status"], body["amount"]) == ("CreditNote", "Closed", TOTAL)


def test_a_partly_paid_invoice_is_reversed_and_the_note_keeps_what_it_could_not_apply(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    payment = new_number(tenant.post("/customerpayment", payment_body(amount="300", lines=[("Invoice", invoice, 300)])))
    assert tenant.post(f"/customerpayment/{payment}/action/release", {"type": {"value": "Payment"}}).status_code == 200
    response = tenant.post(f"/customerinvoice/{invoice}/action/reverseandapplytonote")
    assert response.status_code == 200, response.text
    note = tenant.get(f"/customerCreditNote/{response.headers['Location'].rsplit('/', 1)[1]}").json()
    assert (note["status"], note["balance"]) == ("Open", 300.0)
    assert tenant.get(f"/customerinvoice/{invoice}").json()["balance"] == 0.0
    # The customer is owed the 300 paid: the note's credit.
    assert assert_reconciles(tenant) == -300.0


def test_an_unreleased_invoice_cannot_be_reversed_and_applied_and_nothing_is_written(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/customerinvoice", invoice_body()))
    before = counts(tenant)
    response = tenant.post(f"/customerinvoice/{number}/action/reverseandapplytonote")
    assert response.status_code == 400
    assert "only released invoices and debit notes can be reversed" in response.json()["message"]
    assert counts(tenant) == before
    assert tenant.post("/customerinvoice/NOPE/action/reverseandapplytonote").status_code == 404


def test_correct_reverses_the_invoice_and_opens_an_editable_copy(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant, customerRefNumber={"value": "PO-77"})
    response = tenant.post(f"/customerinvoice/{invoice}/action/correct")
    assert response.status_code == 200, response.text
    copy_number = response.headers["Location"].rsplit("/", 1)[1]
    assert copy_number != invoice and "/customerinvoice/" in response.headers["Location"]
    copy = tenant.get(f"/customerinvoice/{copy_number}").json()
    assert response.headers["ETag"] == tenant.get(f"/customerinvoice/{copy_number}").headers["ETag"]
    assert (copy["status"], copy["amount"], copy["customerRefNumber"]) == ("Balanced", TOTAL, "PO-77")
    assert [line["inventoryNumber"] for line in copy["invoiceLines"]] == ["VARE", "BOK"]
    original = tenant.get(f"/customerinvoice/{invoice}").json()
    assert (original["status"], original["balance"]) == ("Closed", 0.0)
    assert assert_reconciles(tenant) == 0.0
    # The copy is edited and released: the corrected invoice is what the customer owes.
    update = {"invoiceLines": [{"operation": "Delete", "lineNumber": {"value": 2}}]}
    assert tenant.put(f"/customerinvoice/{copy_number}", update).status_code == 204
    assert tenant.post(f"/customerinvoice/{copy_number}/action/release").status_code == 200
    assert assert_reconciles(tenant) == 625.0
    assert tenant.get("/customer/10000/balance").json()["balance"] == 625.0


def test_a_paid_invoice_cannot_be_corrected(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    payment = new_number(tenant.post("/customerpayment", payment_body(amount="100", lines=[("Invoice", invoice, 100)])))
    assert tenant.post(f"/customerpayment/{payment}/action/release", {"type": {"value": "Payment"}}).status_code == 200
    before = counts(tenant)
    response = tenant.post(f"/customerinvoice/{invoice}/action/correct")
    assert response.status_code == 400
    assert "cannot be corrected: payments or credit notes are applied to it" in response.json()["message"]
    assert counts(tenant) == before
    unreleased = new_number(tenant.post("/customerinvoice", invoice_body()))
    refused = tenant.post(f"/customerinvoice/{unreleased}/action/correct")
    assert refused.status_code == 400 and "only a released invoice" in refused.json()["message"]
    assert assert_reconciles(tenant) == TOTAL - 100


def test_send_to_auto_invoice_is_recorded_on_released_documents(tenant):
    add_trading_company(tenant)
    unreleased = new_number(tenant.post("/customerinvoice", invoice_body()))
    response = tenant.post(f"/customerinvoice/{unreleased}/action/sendToAutoInvoice")
    assert response.status_code == 400 and "not released" in response.json()["message"]
    assert (
        "sendToAutoInvoice" not in tenant.get(f"/customerinvoice/{unreleased}").json()
        or not (tenant.get(f"/customerinvoice/{unreleased}").json()["sendToAutoInvoice"])
    )
    invoice = released_invoice(tenant)
    etag = tenant.get(f"/customerinvoice/{invoice}").headers["ETag"]
    response = tenant.post(f"/customerinvoice/{invoice}/action/sendtoautoinvoice")
    assert response.status_code == 200 and response.headers["ETag"] != etag
    assert tenant.get(f"/customerinvoice/{invoice}").json()["sendToAutoInvoice"] is True
    note = new_number(tenant.post("/customerCreditNote", {**_note_body(), "hold": {"value": False}}))
    assert tenant.post(f"/customerCreditNote/{note}/action/release").status_code == 200
    assert tenant.post(f"/customerCreditNote/{note}/action/sendToAutoInvoice").status_code == 200
    assert tenant.get(f"/customerCreditNote/{note}").json()["sendToAutoInvoice"] is True
    debit = new_number(tenant.post("/customerDebitNote", _note_body()))
    assert tenant.post(f"/customerDebitNote/{debit}/action/release").status_code == 200
    assert tenant.post(f"/customerDebitNote/{debit}/action/sendToAutoInvoice").status_code == 200
    # A credit note is not found at the debit note endpoint.
    assert tenant.post(f"/customerDebitNote/{note}/action/sendToAutoInvoice").status_code == 404


def _note_body() -> dict:
    body = invoice_body()
    body["lines"] = body.pop("invoiceLines")
    return body


def test_documents_print_as_pdf(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    response = tenant.get(f"/customerinvoice/{invoice}/print")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-1.4") and f"Invoice {invoice}".encode() in response.content
    assert b"847.88" in response.content
    note = new_number(tenant.post("/customerCreditNote", _note_body()))
    printed = tenant.get(f"/customerCreditNote/{note}/print")
    assert printed.status_code == 200 and b"-847.88" in printed.content
    debit = new_number(tenant.post("/customerDebitNote", _note_body()))
    assert tenant.get(f"/customerDebitNote/{debit}/print").content.startswith(b"%PDF")
    missing = tenant.get("/customerinvoice/NOPE/print")
    assert missing.status_code == 404 and "not found" in missing.json()["message"]


def test_rot_rut_and_work_types(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    rot_rut = tenant.get(f"/customerinvoice/{invoice}/rotrut")
    assert rot_rut.status_code == 200
    body = rot_rut.json()
    assert (body["docType"], body["refNbr"], body["totalDeductableAmount"], body["distribution"]) == (
        "Invoice",
        invoice,
        0.0,
        [],
    )
    assert_real(body, "customerinvoice", "RotRutDto")
    types = tenant.get("/customerinvoice/worktypes").json()
    assert {t["rutRotType"] for t in types} == {"Rut", "Rot"} and len(types) == 20
    for work_type in types:
        assert_real(work_type, "customerinvoice", "WorkTypeDto")
    assert tenant.get("/customerinvoice/NOPE/rotrut").status_code == 404
