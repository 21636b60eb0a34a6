"""A page of customer invoices or notes is sent from their kept JSON (kit/rendered.py through
kit/document_lists.py, `page_bodies`): the same bytes as rendering the page's rows, each endpoint over the
invoices' table through its own variant, and a change is on the next page."""

from __future__ import annotations

from nettfin.server.receivables import invoices
from nettfin.server.receivables.invoice_router import CustomerDocuments
from nettfin.server.receivables.note_router import CREDIT_NOTE
from tests.factories import new_number
from tests.kept_bodies import rows_rendered
from tests.sales_factories import add_trading_company, invoice_body


def _note_body() -> dict:
    body = invoice_body()
    body["lines"] = body.pop("invoiceLines")
    return body


def test_invoices_and_credit_notes_are_the_same_bytes_made_kept_and_as_their_rows_render(tenant):
    add_trading_company(tenant)
    first = new_number(tenant.post("/customerinvoice", invoice_body()))
    new_number(tenant.post("/customerinvoice", invoice_body()))
    note = new_number(tenant.post("/customerCreditNote", _note_body()))

    made, kept = tenant.get("/customerinvoice?pageSize=10"), tenant.get("/customerinvoice?pageSize=10")
    assert made.status_code == kept.status_code == 200
    assert (
        made.content
        == kept.content
        == rows_rendered(tenant, CustomerDocuments(invoices.INVOICES), invoices.InvoiceFilters())
    )
    assert first in [d["referenceNumber"] for d in made.json()]

    notes = tenant.get("/customerCreditNote?pageSize=10")
    assert [d["referenceNumber"] for d in notes.json()] == [note]
    assert notes.content == tenant.get("/customerCreditNote?pageSize=10").content
    assert notes.content == rows_rendered(
        tenant, CustomerDocuments(invoices.CREDIT_NOTES, CREDIT_NOTE), invoices.InvoiceFilters()
    )
    # The invoices' page is still its own after the notes' was kept.
    assert tenant.get("/customerinvoice?pageSize=10").content == made.content


def test_a_changed_invoice_is_on_the_next_page(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/customerinvoice", invoice_body()))
    assert tenant.get("/customerinvoice?pageSize=10").json()[0]["invoiceText"] == "Test invoice"
    changed = tenant.put(f"/customerinvoice/{number}", {"invoiceText": {"value": "Changed text"}})
    assert changed.status_code == 204, changed.text
    assert tenant.get("/customerinvoice?pageSize=10").json()[0]["invoiceText"] == "Changed text"
