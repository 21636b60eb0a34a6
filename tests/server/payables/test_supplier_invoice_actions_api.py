"""Supplier invoice actions besides release and void (AP301000) and the supplier payment write-off (AP302000),
through the API on a company with the demo's books: prebook (and the release and void of a prebooked document),
reverse, correct, send to approval (and reading by the approval document's id), balance write-off. Every action
posts through the engine and keeps the supplier ledger reconciled; a refusal writes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from nettfin.server.ledger.journal import JournalBatch
from nettfin.server.payables.document_models import SupplierDocument
from nettfin.server.payables.models import SupplierClass
from tests.factories import new_number
from tests.party_factories import assert_real
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
PREBOOK = {"accountNumber": {"value": "2990"}, "subaccount": [{"segmentId": 1, "segmentValue": "00"}]}


@pytest.fixture
def company(tenant):
    return books(tenant)


def messages(response) -> str:
    assert response.status_code == 400, response.text
    return response.json()["message"]


def batch_lines(tenant, number: str) -> list[tuple[str, float, float]]:
    with tenant.database.reading() as session:
        batch = session.scalars(
            select(JournalBatch).where(
                JournalBatch.company_id == tenant.company_id, JournalBatch.batch_number == number
            )
        ).one()
        return sorted((x.account.account_cd, float(x.debit), float(x.credit)) for x in batch.lines)


def document(tenant, number: str, kind: str = "Invoice") -> dict:
    return tenant.get(f"/supplierInvoice/{kind}/{number}").json()


def state(tenant) -> tuple:
    """What a refusal must leave as it was: the documents, the payments and the batches."""
    return tenant.get("/supplierInvoice").json(), tenant.get("/supplierPayment").json(), batch_count(tenant)


def refused(tenant, response, before) -> str:
    text = messages(response)
    assert state(tenant) == before
    return text


def paid(tenant, number: str, amount: str, kind: str = "Invoice", payment_amount: str | None = None) -> str:
    """A released payment of `amount` of the document (a payment amount beyond it stays unapplied)."""
    body = payment_body((kind, number), paymentAmount={"value": payment_amount or amount})
    body["paymentLines"][0]["amountPaid"] = {"value": amount}
    payment = new_number(tenant.post("/supplierPayment", body))
    assert tenant.post(f"/supplierPayment/{payment}/action/release").status_code == 200
    return payment


# --- prebook ------------------------------------------------------------------------------------------------


def test_prebook_posts_the_expense_against_the_prebooking_account_and_release_moves_it_to_the_supplier(company):
    number = create_invoice(company)
    response = company.post(f"/supplierInvoice/Invoice/{number}/action/prebook", PREBOOK)
    assert response.status_code == 200, response.text
    assert response.json()["actionResult"] == "Done"
    body = document(company, number)
    assert response.headers["ETag"] == f'"{body["timeStamp"]}"'
    assert (body["status"], body["balance"], body["hold"]) == ("Prebooked", 0, False)
    line = body["invoiceLines"][0]
    assert (line["prebookAccount"]["number"], line["prebookSubaccount"]["subaccountNumber"]) == ("2990", "00-000")
    assert_real(body, DOCUMENT, "SupplierInvoiceDto")
    assert batch_lines(company, "000001") == [("2710", 25.0, 0.0), ("2990", 0.0, 125.0), ("4300", 100.0, 0.0)]
    assert company.get("/supplier/50000/balance").json()["balance"] == 0
    assert_sound_books(company)

    before = state(company)
    assert "can't be updated because it is already prebooked" in refused(
        company, company.put(f"/supplierInvoice/{number}", wrap(description="changed")), before
    )
    assert "can't be deleted because it is already prebooked" in refused(
        company, delete(company, f"/supplierInvoice/{number}"), before
    )
    assert "is already prebooked" in refused(
        company, company.post(f"/supplierInvoice/Invoice/{number}/action/prebook", PREBOOK), before
    )

    assert company.post(f"/supplierInvoice/{number}/action/release").status_code == 200
    body = document(company, number)
    assert (body["status"], body["balance"]) == ("Open", 125)
    assert batch_lines(company, "000002") == [("2400", 0.0, 125.0), ("2990", 125.0, 0.0)]
    assert company.get("/supplier/50000/balance").json()["balance"] == 125
    assert_sound_books(company)


def test_prebook_refuses_without_a_usable_account_on_hold_or_released_and_writes_nothing(company):
    number = create_invoice(company)
    path = f"/supplierInvoice/Invoice/{number}/action/prebook"
    before = state(company)
    assert "'Prebooking account' cannot be empty" in refused(company, company.post(path), before)
    unknown = {"accountNumber": {"value": "9999"}}
    assert "Account '9999' cannot be found in the system." in refused(company, company.post(path, unknown), before)
    control = {"accountNumber": {"value": "2400"}}
    assert "is a control account" in refused(company, company.post(path, control), before)
    held = create_invoice(company, invoice_body(hold={"value": True}))
    before = state(company)
    assert "is on hold and cannot be prebooked" in refused(
        company, company.post(f"/supplierInvoice/Invoice/{held}/action/prebook", PREBOOK), before
    )
    released = released_invoice(company)
    before = state(company)
    assert "is released: it cannot be prebooked" in refused(
        company, company.post(f"/supplierInvoice/Invoice/{released}/action/prebook", PREBOOK), before
    )


def test_voiding_a_prebooked_invoice_reverses_the_prebooking(company):
    number = create_invoice(company)
    assert company.post(f"/supplierInvoice/Invoice/{number}/action/prebook", PREBOOK).status_code == 200
    response = company.post(f"/supplierInvoice/Invoice/{number}/action/voidinvoice")
    assert response.status_code == 200, response.text
    assert document(company, number)["status"] == "Voided"
    assert batch_lines(company, "000002") == [("2710", 0.0, 25.0), ("2990", 125.0, 0.0), ("4300", 0.0, 100.0)]
    assert_sound_books(company)
    # Released since, its void reverses the prebooking and the release.
    other = create_invoice(company)
    assert company.post(f"/supplierInvoice/Invoice/{other}/action/prebook", PREBOOK).status_code == 200
    assert company.post(f"/supplierInvoice/{other}/action/release").status_code == 200
    assert company.post(f"/supplierInvoice/Invoice/{other}/action/voidinvoice").status_code == 200
    assert batch_count(company) == 6
    assert [account_balance(company, code) for code in ("2400", "2990", "4300")] == [0, 0, 0]
    assert_sound_books(company)


# --- reverse and correct ------------------------------------------------------------------------------------


def test_reverse_releases_a_debit_adjustment_that_settles_the_invoice(company):
    number = released_invoice(company)
    response = company.post(f"/supplierInvoice/Invoice/{number}/action/reverse")
    assert response.status_code == 200, response.text
    location = response.headers["Location"]
    assert location == "http://testserver/API/controller/api/v1/supplierInvoice/DebitAdj/000002"
    reversal = company.get(location.split("/api/v1", 1)[1]).json()
    assert response.headers["ETag"] == f'"{reversal["timeStamp"]}"'
    assert (reversal["documentType"], reversal["status"], reversal["balance"], reversal["amount"]) == (
        "DebitAdj",
        "Closed",
        0,
        125,
    )
    assert reversal["originalReferenceNumber"] == number
    assert [x["inventoryNumber"] for x in reversal["invoiceLines"]] == ["test*test"]
    assert_real(reversal, DOCUMENT, "SupplierInvoiceDto")
    assert (document(company, number)["status"], document(company, number)["balance"]) == ("Closed", 0)
    # The reversal posts the invoice's mirror image.
    assert batch_lines(company, "000002") == [("2400", 125.0, 0.0), ("2710", 0.0, 25.0), ("4300", 0.0, 100.0)]
    assert company.get("/supplier/50000/balance").json()["balance"] == 0
    assert_sound_books(company)
    before = state(company)
    assert "is already reversed by DebitAdj '000002'" in refused(
        company, company.post(f"/supplierInvoice/Invoice/{number}/action/reverse"), before
    )


def test_reversing_a_partly_paid_invoice_leaves_what_was_paid_open_on_the_debit_adjustment(company):
    number = released_invoice(company)
    paid(company, number, "100.00")
    response = company.post(f"/supplierInvoice/Invoice/{number}/action/reverse")
    assert response.status_code == 200, response.text
    reversal = document(company, "000002", "DebitAdj")
    assert (reversal["status"], reversal["balance"]) == ("Open", 100)
    assert document(company, number)["status"] == "Closed"
    # The supplier owes back what was paid.
    assert company.get("/supplier/50000/balance").json()["balance"] == -100
    assert_sound_books(company)


def test_reverse_refuses_unreleased_documents_and_prepayments(company):
    unreleased = create_invoice(company)
    before = state(company)
    assert "cannot be reversed: its status is Balanced" in refused(
        company, company.post(f"/supplierInvoice/Invoice/{unreleased}/action/reverse"), before
    )
    prepayment = released_invoice(company, invoice_body(documentType={"value": "Prepayment"}), kind="Prepayment")
    before = state(company)
    assert "only invoices and adjustments can" in refused(
        company, company.post(f"/supplierInvoice/Prepayment/{prepayment}/action/reverse"), before
    )


def test_correct_reverses_the_invoice_and_makes_an_unreleased_copy(company):
    number = released_invoice(company, invoice_body(invoice_line(quantity="2"), supplierReference={"value": "F-7"}))
    response = company.post(f"/supplierInvoice/{number}/action/correct")
    assert response.status_code == 200, response.text
    assert response.headers["Location"].endswith("/api/v1/supplierInvoice/Invoice/000003")
    copy = company.get("/supplierInvoice/000003").json()
    assert (copy["status"], copy["originalReferenceNumber"], copy["supplierReference"], copy["amount"]) == (
        "Balanced",
        number,
        "F-7",
        250,
    )
    assert copy["invoiceLines"][0]["quantity"] == 2
    assert document(company, number)["status"] == "Closed"
    assert document(company, "000002", "DebitAdj")["status"] == "Closed"
    assert company.get("/supplier/50000/balance").json()["balance"] == 0
    assert company.post("/supplierInvoice/000003/action/release").status_code == 200
    assert company.get("/supplier/50000/balance").json()["balance"] == 250
    assert_sound_books(company)
    # Only the untyped route corrects, as in the real document.
    assert company.post(f"/supplierInvoice/Invoice/{number}/action/correct").status_code in (404, 405)


def test_correct_refuses_a_paid_invoice_and_writes_nothing(company):
    number = released_invoice(company)
    paid(company, number, "10.00")
    before = state(company)
    assert "cannot be corrected: a payment applies to it" in refused(
        company, company.post(f"/supplierInvoice/{number}/action/correct"), before
    )


# --- approval -----------------------------------------------------------------------------------------------


def test_send_to_approval_marks_the_document_and_the_approval_endpoint_reads_it_by_its_system_id(company):
    number = create_invoice(company)
    assert document(company, number)["approvalStatus"] == "New"
    response = company.post(f"/supplierInvoice/Invoice/{number}/action/sendtoapproval")
    assert response.status_code == 200, response.text
    assert document(company, number)["approvalStatus"] == "SentToApproval"
    with company.database.reading() as session:
        system_id = session.scalar(
            select(SupplierDocument.approval_id).where(
                SupplierDocument.company_id == company.company_id, SupplierDocument.reference_number == number
            )
        )
    found = company.get("/supplierInvoice/approval", params={"systemId": system_id})
    assert found.status_code == 200, found.text
    assert found.json()["referenceNumber"] == number
    assert found.headers["ETag"] == f'"{found.json()["timeStamp"]}"'
    assert_real(found.json(), DOCUMENT, "SupplierInvoiceDto")
    assert company.get("/supplierInvoice/approval", params={"systemId": "nope"}).status_code == 404
    assert company.get("/supplierInvoice/approval").status_code in (400, 422)
    before = state(company)
    assert "is already sent to approval" in refused(
        company, company.post(f"/supplierInvoice/Invoice/{number}/action/sendtoapproval"), before
    )
    released = released_invoice(company)
    before = state(company)
    assert "only unreleased documents are sent to approval" in refused(
        company, company.post(f"/supplierInvoice/Invoice/{released}/action/sendtoapproval"), before
    )


# --- write-off ----------------------------------------------------------------------------------------------


def test_writeoff_writes_a_small_balance_off_against_the_supplier_class_account(company):
    number = released_invoice(company)
    paid(company, number, "120.00")
    before = batch_count(company)
    response = company.post(f"/supplierInvoice/Invoice/{number}/action/writeoff")
    assert response.status_code == 200, response.text
    body = document(company, number)
    assert (body["status"], body["balance"]) == ("Closed", 0)
    assert batch_count(company) == before + 1
    assert batch_lines(company, f"{before + 1:06d}") == [("2400", 5.0, 0.0), ("7790", 0.0, 5.0)]
    assert company.get("/supplier/50000/balance").json()["balance"] == 0
    assert_sound_books(company)
    state_before = state(company)
    assert "cannot be written off: its status is Closed" in refused(
        company, company.post(f"/supplierInvoice/Invoice/{number}/action/writeoff"), state_before
    )


def test_writeoff_refuses_a_balance_above_the_limit_or_without_an_account(company):
    number = released_invoice(company)
    before = state(company)
    assert "125.00, exceeds the write-off limit of supplier class '1', 10.00" in refused(
        company, company.post(f"/supplierInvoice/Invoice/{number}/action/writeoff"), before
    )
    paid(company, number, "120.00")
    with company.database.writing() as session:
        for supplier_class in session.scalars(
            select(SupplierClass).where(SupplierClass.company_id == company.company_id)
        ):
            supplier_class.write_off_account = None
    before = state(company)
    assert "Supplier class '1' has no write-off account" in refused(
        company, company.post(f"/supplierInvoice/Invoice/{number}/action/writeoff"), before
    )


def test_a_payments_unapplied_balance_is_written_off_and_the_payment_closes(company):
    number = released_invoice(company)
    payment = paid(company, number, "125.00", payment_amount="128.00")
    assert company.get(f"/supplierPayment/{payment}").json()["unappliedBalance"] == 3
    assert company.get("/supplier/50000/balance").json()["balance"] == -3
    before = batch_count(company)
    response = company.post(f"/supplierPayment/Payment/{payment}/action/writeoff")
    assert response.status_code == 200, response.text
    body = company.get(f"/supplierPayment/{payment}").json()
    assert (body["status"], body["unappliedBalance"], body["balance"]) == ("Closed", 0, 0)
    assert_real(body, "supplierpayment", "SupplierPaymentDto")
    assert batch_lines(company, f"{before + 1:06d}") == [("2400", 0.0, 3.0), ("7790", 3.0, 0.0)]
    assert company.get("/supplier/50000/balance").json()["balance"] == 0
    assert_sound_books(company)
    state_before = state(company)
    assert "cannot be written off: its status is Closed" in refused(
        company, company.post(f"/supplierPayment/Payment/{payment}/action/writeoff"), state_before
    )
    assert company.post(f"/supplierPayment/{payment}/action/writeoff").status_code in (404, 405)


def test_a_payment_write_off_refuses_an_unreleased_payment_or_one_above_the_limit(company):
    number = released_invoice(company)
    unreleased = new_number(company.post("/supplierPayment", payment_body(number)))
    before = state(company)
    assert "only a released payment with an unapplied balance can" in refused(
        company, company.post(f"/supplierPayment/Payment/{unreleased}/action/writeoff"), before
    )
    big = paid(company, number, "10.00", payment_amount="60.00")
    before = state(company)
    assert "exceeds the write-off limit" in refused(
        company, company.post(f"/supplierPayment/Payment/{big}/action/writeoff"), before
    )


def test_a_stale_if_match_stops_every_action(company):
    stale = {"If-Match": '"AAAAAAAAJxA="'}
    number = released_invoice(company)
    unreleased = create_invoice(company)
    before = state(company)
    for path, body in (
        (f"/supplierInvoice/Invoice/{unreleased}/action/prebook", PREBOOK),
        (f"/supplierInvoice/Invoice/{number}/action/reverse", None),
        (f"/supplierInvoice/{number}/action/correct", None),
        (f"/supplierInvoice/Invoice/{unreleased}/action/sendtoapproval", None),
        (f"/supplierInvoice/Invoice/{number}/action/writeoff", None),
    ):
        assert company.post(path, body, headers=stale).status_code == 412, path
    assert state(company) == before
