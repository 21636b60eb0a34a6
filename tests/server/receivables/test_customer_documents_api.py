"""The credit note endpoint (`/v1/creditNote`: the customer credit notes in the invoice's DTO shape), every
customer document in one list (`/v1/customerdocument`, `/v1/customer/{customerNumber}/document`), credit notes
applied to invoices, and credit write-offs (made by the write-off process, read at `/v1/customerCreditWriteOff`);
the AR control account equals the open items after each step."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from nettfin.server.ledger.journal import JournalBatch
from nettfin.server.receivables import invoices
from nettfin.server.receivables.credit_write_offs import WriteOff, write_off_credits
from nettfin.server.receivables.note_applications import Application, apply_credit_note
from tests.factories import new_number
from tests.party_factories import assert_real
from tests.sales_factories import add_trading_company, invoice_body, payment_body

from .test_invoice_actions_api import TOTAL, assert_reconciles, counts, released_invoice


def credit_note_body(**extra) -> dict:
    return invoice_body(invoiceText={"value": "Returned goods"}, **extra)


def test_a_credit_note_entered_at_v1_creditnote_is_the_customer_credit_note(tenant):
    add_trading_company(tenant)
    response = tenant.post("/creditNote", credit_note_body())
    assert response.status_code == 201, response.text
    number = new_number(response)
    note = tenant.get(f"/creditNote/{number}").json()
    assert (note["documentType"], note["status"], note["amount"]) == ("CreditNote", "Balanced", TOTAL)
    assert [line["inventoryNumber"] for line in note["invoiceLines"]] == ["VARE", "BOK"]
    assert "taxDetails" not in note and "creditTerms" not in note and "lineType" not in note["invoiceLines"][0]
    assert_real(note, "credit-note", "CreditNoteDto")
    other = tenant.get(f"/customerCreditNote/{number}").json()
    assert (other["referenceNumber"], other["amount"]) == (number, TOTAL)
    update = {"invoiceText": {"value": "Changed"}}
    assert tenant.put(f"/creditNote/{number}", update).status_code == 204
    assert tenant.get(f"/customerCreditNote/{number}").json()["invoiceText"] == "Changed"
    assert tenant.post(f"/creditNote/{number}/action/release").status_code == 200
    assert tenant.get(f"/customerCreditNote/{number}").json()["status"] == "Open"
    assert assert_reconciles(tenant) == -TOTAL
    for element in tenant.get("/creditNote").json():
        assert element["documentType"] == "CreditNote" and "metadata" in element
        assert_real(element, "credit-note", "CreditNoteDto")
    # An invoice is not a credit note here.
    invoice = released_invoice(tenant)
    missing = tenant.get(f"/creditNote/{invoice}")
    assert missing.status_code == 404 and f"Credit note '{invoice}' not found." in missing.json()["message"]


def test_a_released_credit_note_applies_to_an_invoice_and_balances_reconcile(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    body = credit_note_body()
    body["invoiceLines"] = body["invoiceLines"][:1]  # 2 x VARE: 625.00
    note = new_number(tenant.post("/creditNote", body))
    assert tenant.post(f"/creditNote/{note}/action/release").status_code == 200
    assert assert_reconciles(tenant) == TOTAL - 625
    # Applied with a payment of 0: the credit note pays the invoice, no cash moves.
    lines = [("Invoice", invoice, 625), ("CreditNote", note, 625)]
    payment = new_number(tenant.post("/customerpayment", payment_body(lines=lines)))
    assert tenant.post(f"/customerpayment/{payment}/action/release", {"type": {"value": "Payment"}}).status_code == 200
    assert tenant.get(f"/customerinvoice/{invoice}").json()["balance"] == TOTAL - 625
    assert tenant.get(f"/customerCreditNote/{note}").json()["status"] == "Closed"
    assert assert_reconciles(tenant) == TOTAL - 625


def test_a_credit_note_cannot_apply_more_than_it_or_the_invoice_has_left(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    note = new_number(tenant.post("/creditNote", credit_note_body()))
    assert tenant.post(f"/creditNote/{note}/action/release").status_code == 200
    with tenant.database.writing() as session:
        found_note = invoices.find_invoice(session, tenant.company_id, note)
        found_invoice = invoices.find_invoice(session, tenant.company_id, invoice)
        before = counts(tenant)
        try:
            apply_credit_note(session, found_note, [Application(found_invoice, Decimal("900"))])
        except Exception as refused:  # noqa: BLE001 - the refusal's text is checked
            message = str(getattr(refused, "message", refused))
        else:
            raise AssertionError("a credit note applied beyond the invoice's balance was accepted")
        session.rollback()
    assert "cannot exceed the document's balance (847.88)" in message
    assert counts(tenant) == before
    # More than the note has left, spread over two invoices.
    second = released_invoice(tenant)
    with tenant.database.writing() as session:
        found_note = invoices.find_invoice(session, tenant.company_id, note)
        targets = [
            Application(invoices.find_invoice(session, tenant.company_id, number), Decimal("500"))
            for number in (invoice, second)
        ]
        try:
            apply_credit_note(session, found_note, targets)
        except Exception as refused:  # noqa: BLE001
            message = str(getattr(refused, "message", refused))
        else:
            raise AssertionError("a credit note applied beyond its own balance was accepted")
        session.rollback()
    assert "a credit note cannot credit more than it has left" in message
    # Through the API: a payment applying the note to less than the note's amount of invoices is refused too.
    lines = [("Invoice", invoice, 100), ("CreditNote", note, 847.88)]
    response = tenant.post("/customerpayment", payment_body(lines=lines))
    assert response.status_code == 400 and "credit notes cannot exceed the invoices" in response.json()["message"]
    assert assert_reconciles(tenant) == TOTAL


def test_every_customer_document_is_in_one_list(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    draft = new_number(tenant.post("/customerinvoice", invoice_body()))
    note = new_number(tenant.post("/creditNote", credit_note_body()))
    payment = new_number(tenant.post("/customerpayment", payment_body(amount="100", lines=[("Invoice", invoice, 100)])))
    assert tenant.post(f"/customerpayment/{payment}/action/release", {"type": {"value": "Payment"}}).status_code == 200
    response = tenant.get("/customerdocument")
    assert response.status_code == 200
    found = {(d["documentType"], d["referenceNumber"]): d for d in response.json()}
    assert set(found) == {("Invoice", invoice), ("Invoice", draft), ("CreditNote", note), ("Payment", payment)}
    assert found[("Invoice", invoice)]["balance"] == TOTAL - 100
    assert found[("Payment", payment)]["amount"] == 100.0
    assert found[("Invoice", invoice)]["account"]["number"] == "1500"
    for element in response.json():
        assert element["metadata"]["totalCount"] == 4
        assert_real(element, "customerdocument", "CustomerDocumentDto")
    assert [d["referenceNumber"] for d in tenant.get("/customerdocument?documentType=Payment").json()] == [payment]
    assert {d["referenceNumber"] for d in tenant.get("/customerdocument?released=0").json()} == {draft, note}
    page = tenant.get("/customerdocument?pageSize=2&pageNumber=2").json()
    assert len(page) == 2 and page[0]["metadata"]["totalCount"] == 4
    mine = tenant.get("/customer/10000/document").json()
    assert len(mine) == 4
    for element in mine:
        assert_real(element, "customer", "CustomerDocumentDto")
    missing = tenant.get("/customer/NOPE/document")
    assert missing.status_code == 404


def test_the_write_off_process_writes_small_credits_off(tenant):
    add_trading_company(tenant)
    body = credit_note_body()
    body["invoiceLines"] = body["invoiceLines"][1:]  # 1 x BOK: 222.88
    small = new_number(tenant.post("/creditNote", body))
    large = new_number(tenant.post("/creditNote", credit_note_body()))
    for note in (small, large):
        assert tenant.post(f"/creditNote/{note}/action/release").status_code == 200
    overpaid = new_number(tenant.post("/customerpayment", payment_body(amount="40")))
    assert tenant.post(f"/customerpayment/{overpaid}/action/release", {"type": {"value": "Payment"}}).status_code == 200
    assert assert_reconciles(tenant) == -TOTAL - 222.88 - 40
    with tenant.database.writing() as session:
        made = write_off_credits(
            session, tenant.company_id, WriteOff(account="3000", limit=Decimal("300"), day=date(2020, 3, 20))
        )
        numbers = [w.reference_number for w in made]
    assert len(numbers) == 2
    assert assert_reconciles(tenant) == -TOTAL
    assert tenant.get(f"/customerCreditNote/{small}").json()["status"] == "Closed"
    assert tenant.get(f"/customerCreditNote/{large}").json()["balance"] == TOTAL
    assert tenant.get(f"/customerpayment/{overpaid}").json()["availableBalance"] == 0.0
    first = tenant.get(f"/customerCreditWriteOff/{numbers[0]}")
    assert first.status_code == 200 and first.headers["ETag"]
    body = first.json()
    assert (body["documentType"], body["status"], body["amount"], body["balance"]) == (
        "SmallCreditWo",
        "Closed",
        222.88,
        0.0,
    )
    assert_real(body, "customercreditwriteoff", "CustomerCreditWriteOffDto")
    listed = tenant.get("/customerCreditWriteOff").json()
    assert [w["referenceNumber"] for w in listed] == numbers
    for element in listed:
        assert_real(element, "customercreditwriteoff", "CustomerCreditWriteOffDto")
    assert tenant.get(f"/customerCreditWriteOff/{small}").status_code == 404
    # Posted in AR: the control account debited, the write-off account credited.
    with tenant.database.reading() as session:
        batch = (
            session.scalar(
                select(JournalBatch).where(
                    JournalBatch.company_id == tenant.company_id, JournalBatch.batch_number == body["batchNumber"]
                )
            )
            if "batchNumber" in body
            else None
        )
    assert batch is None  # the DTO has no batch number
    assert {d["documentType"] for d in tenant.get("/customerdocument").json()} >= {"SmallCreditWo", "CreditNote"}


def test_the_write_off_process_refuses_a_bad_account_and_writes_nothing(tenant):
    add_trading_company(tenant)
    note = new_number(tenant.post("/creditNote", credit_note_body()))
    assert tenant.post(f"/creditNote/{note}/action/release").status_code == 200
    before = counts(tenant)
    for choice, text in (
        (WriteOff(account="NOPE", limit=Decimal("1000")), "Write-off account 'NOPE' cannot be found"),
        (WriteOff(account="1500", limit=Decimal("1000")), "cannot be the customer ledger control account"),
        (WriteOff(account="3000", limit=Decimal("0")), "limit must be greater than 0"),
    ):
        with tenant.database.writing() as session:
            try:
                write_off_credits(session, tenant.company_id, choice)
            except Exception as refused:  # noqa: BLE001
                assert text in refused.message
            else:
                raise AssertionError(f"{choice} was accepted")
    assert counts(tenant) == before
    assert assert_reconciles(tenant) == -TOTAL
