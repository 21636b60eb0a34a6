"""Customer credit and debit notes at their own endpoints (`/v1/customerCreditNote`, `/v1/customerDebitNote` and
their `/v2` creates): entered with `lines`, numbered with the invoices, read back in the real DTOs' shapes,
released to the ledger (a credit note posts the invoice's mirror image, a debit note posts like an invoice), and
each endpoint finding only its own type."""

from __future__ import annotations

from sqlalchemy import select

from nettfin.server.ledger.journal import JournalBatch
from nettfin.server.ledger.posting import ledger_invariants
from nettfin.server.receivables import document_schemas as ar
from nettfin.server.receivables.note_router import CREDIT_NOTE, DEBIT_NOTE
from tests.attachment_factories import attachment_id, upload
from tests.factories import new_number
from tests.party_factories import assert_real, query_names, real_query_names, write_kind_mismatches
from tests.sales_factories import add_trading_company, invoice_body

CREDIT, DEBIT = "customercreditnote", "customerdebitnote"


def note_body(**extra) -> dict:
    """The invoice body of `invoice_body` as a note's: `lines` for `invoiceLines`, no invoice text."""
    body = invoice_body(**extra)
    body["lines"] = body.pop("invoiceLines")
    return body


def posted(tenant) -> list[set[tuple[str, float, float]]]:
    """Each batch's (account, debit, credit) lines, oldest first; the ledger's invariants hold."""
    with tenant.database.reading() as session:
        batches = session.scalars(
            select(JournalBatch).where(JournalBatch.company_id == tenant.company_id).order_by(JournalBatch.id)
        ).all()
        assert ledger_invariants(session, tenant.company_id) == []
        return [{(x.account.account_cd, float(x.debit), float(x.credit)) for x in b.lines} for b in batches]


def test_a_credit_note_is_entered_with_lines_and_read_in_the_real_shape(tenant):
    add_trading_company(tenant)
    response = tenant.post("/customerCreditNote", note_body())
    number = new_number(response)
    assert "/customerCreditNote/" in response.headers["Location"]
    note = tenant.get(f"/customerCreditNote/{number}").json()
    assert (note["documentType"], note["status"], note["amount"], note["vatTotal"]) == (
        "CreditNote",
        "Balanced",
        847.88,
        148.88,
    )
    assert [line["inventoryNumber"] for line in note["lines"]] == ["VARE", "BOK"]
    assert "invoiceLines" not in note and "startDate" not in note and "lineType" not in note["lines"][0]
    assert_real(note, CREDIT, "CustomerCreditNoteDto")
    for element in tenant.get("/customerCreditNote?expandApplications=true").json():
        assert_real(element, CREDIT, "CustomerCreditNoteDto")


def test_a_released_credit_note_posts_the_mirror_of_an_invoice_and_lowers_the_balance(tenant):
    add_trading_company(tenant)
    invoice = new_number(tenant.post("/customerinvoice", invoice_body()))
    assert tenant.post(f"/customerinvoice/{invoice}/action/release").status_code == 200
    note = new_number(tenant.post("/customerCreditNote", note_body()))
    response = tenant.post(f"/customerCreditNote/{note}/action/release")
    assert response.status_code == 200, response.text
    assert response.json()["actionResult"] == "Done" and response.headers["ETag"]
    first, second = posted(tenant)
    assert second == {(account, credit, debit) for account, debit, credit in first}
    assert ("1500", 0.0, 847.88) in second
    released = tenant.get(f"/customerCreditNote/{note}").json()
    assert (released["status"], released["balance"]) == ("Open", 847.88)
    balance = tenant.get("/customer/10000/balance").json()
    assert balance["balance"] == 0.0


def test_a_debit_note_posts_like_an_invoice(tenant):
    add_trading_company(tenant)
    body = invoice_body()
    body["lines"] = body.pop("invoiceLines")
    number = new_number(tenant.post("/customerDebitNote", body))
    note = tenant.get(f"/customerDebitNote/{number}").json()
    assert note["documentType"] == "DebitNote" and "sendToAutoInvoice" not in note
    assert_real(note, DEBIT, "CustomerDebitNoteDto")
    assert tenant.post(f"/customerDebitNote/{number}/action/release").status_code == 200
    (batch,) = posted(tenant)
    assert ("1500", 847.88, 0.0) in batch and ("3000", 0.0, 699.0) in batch


def test_the_v2_creates_answer_with_a_location_under_v1(tenant):
    add_trading_company(tenant)
    for path in ("customerCreditNote", "customerDebitNote"):
        response = tenant.client.post(f"/v2/{path}", json=note_body(), headers=tenant.headers)
        number = new_number(response)
        assert response.headers["Location"] == f"http://testserver/v1/{path}/{number}"
        assert tenant.client.get(f"/v1/{path}/{number}", headers=tenant.headers).status_code == 200


def test_each_endpoint_finds_only_its_own_document_type(tenant):
    add_trading_company(tenant)
    invoice = new_number(tenant.post("/customerinvoice", invoice_body()))
    credit = new_number(tenant.post("/customerCreditNote", note_body()))
    debit = new_number(tenant.post("/customerDebitNote", note_body()))
    assert len({invoice, credit, debit}) == 3, "one series numbers the three types"
    missing = tenant.get(f"/customerCreditNote/{invoice}")
    assert missing.status_code == 404
    assert missing.json()["message"].endswith(f". Customer credit note '{invoice}' not found.")
    other = tenant.get(f"/customerDebitNote/{credit}").json()["message"]
    assert other.endswith(f". Customer debit note '{credit}' not found.")
    assert tenant.post(f"/customerCreditNote/{debit}/action/release").status_code == 404
    assert [n["referenceNumber"] for n in tenant.get("/customerCreditNote").json()] == [credit]
    assert [n["referenceNumber"] for n in tenant.get("/customerDebitNote").json()] == [debit]
    # The invoice endpoint reads every customer document by its number, as before.
    assert tenant.get(f"/customerinvoice/{credit}").json()["documentType"] == "CreditNote"


def test_a_note_is_changed_with_the_notes_member_names(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/customerCreditNote", note_body()))
    address = {"overrideAddress": {"value": True}, "addressLine1": {"value": "Returns desk 4"}}
    change = {
        "invoiceAddress": {"value": address},
        "lines": [{"operation": "Delete", "lineNumber": {"value": 2}}],
    }
    response = tenant.put(f"/customerCreditNote/{number}", change)
    assert response.status_code == 204, response.text
    note = tenant.get(f"/customerCreditNote/{number}").json()
    assert note["invoiceAddress"]["addressLine1"] == "Returns desk 4"
    assert [line["inventoryNumber"] for line in note["lines"]] == ["VARE"]
    assert note["amount"] == 625.0


def test_a_bad_note_names_every_problem_in_the_notes_words_and_writes_nothing(tenant):
    add_trading_company(tenant)
    body = note_body(customer="99999")
    body["lines"][0]["inventoryNumber"] = {"value": "NOSUCH"}
    response = tenant.post("/customerCreditNote", body)
    assert response.status_code == 400
    message = response.json()["message"]
    assert "Error inserting the customer credit note. Error: Inserting 'CustomerCreditNote' record" in message
    assert "Customer '99999' cannot be found in the system." in message
    assert "lines[0]: Item 'NOSUCH' cannot be found in the system." in message and "invoiceLines" not in message
    assert tenant.get("/customerCreditNote").json() == []


def test_a_released_note_cannot_be_changed_or_deleted_and_a_debit_note_has_no_delete(tenant):
    add_trading_company(tenant)
    credit = new_number(tenant.post("/customerCreditNote", note_body()))
    delete = tenant.client.delete
    assert delete(tenant.url(f"/customerCreditNote/{credit}"), headers=tenant.headers).status_code == 204
    assert tenant.get(f"/customerCreditNote/{credit}").status_code == 404
    credit = new_number(tenant.post("/customerCreditNote", note_body()))
    tenant.post(f"/customerCreditNote/{credit}/action/release")
    refused = tenant.put(f"/customerCreditNote/{credit}", {"note": {"value": "late"}})
    assert refused.status_code == 400 and "is released and cannot be changed" in refused.json()["message"]
    debit = new_number(tenant.post("/customerDebitNote", note_body()))
    assert delete(tenant.url(f"/customerDebitNote/{debit}"), headers=tenant.headers).status_code == 405


def test_the_notes_dtos_and_filters_are_the_real_documents(client):
    assert write_kind_mismatches(CREDIT_NOTE.write_dto, CREDIT, "CustomerCreditNoteUpdateDto") == {}
    assert write_kind_mismatches(DEBIT_NOTE.write_dto, DEBIT, "CustomerDebitNoteUpdateDto") == {}
    lines = CREDIT_NOTE.write_dto.model_fields["lines"].annotation
    assert "CustomerCreditNoteLineUpdateDto" in str(lines)
    assert set(CREDIT_NOTE.read_dto.model_fields) - {"metadata"} <= set(ar.CustomerInvoiceDto.model_fields) | {"lines"}
    for path, document in (("/customerCreditNote", CREDIT), ("/customerDebitNote", DEBIT)):
        ours, real = query_names(client, path), real_query_names(document, path)
        # As the invoice list: nettfin also takes the deprecated `orderBy`.
        assert (real - ours, ours - real) == ({"erp-api-background", "numberToRead", "skipRecords"} - ours, {"orderBy"})


def test_files_attach_to_a_note_and_its_lines_at_the_notes_own_paths(tenant):
    add_trading_company(tenant)
    credit = new_number(tenant.post("/customerCreditNote", note_body()))
    invoice = new_number(tenant.post("/customerinvoice", invoice_body()))
    header = attachment_id(upload(tenant, f"/customerCreditNote/{credit}/attachment", "kreditnota.pdf"))
    line = attachment_id(upload(tenant, f"/customerCreditNote/{credit}/1/attachment", "linje.pdf"))
    note = tenant.get(f"/customerCreditNote/{credit}").json()
    assert [a["id"] for a in note["attachments"]] == [header]
    assert [a["id"] for a in note["lines"][0]["attachments"]] == [line]
    # An invoice's number names no credit note, and a debit note's path finds only debit notes.
    assert upload(tenant, f"/customerCreditNote/{invoice}/attachment").status_code == 404
    debit = new_number(tenant.post("/customerDebitNote", note_body()))
    assert upload(tenant, f"/customerDebitNote/{debit}/attachment").status_code == 201
