"""A page of supplier invoices is sent from their kept JSON (kit/rendered.py through kit/document_lists.py,
`page_bodies`): the same bytes as rendering the page's rows, and every change to the company, to an invoice or to
what it shows, is on the next page."""

from __future__ import annotations

from sqlalchemy import select

from nettfin.server.payables.document_filters import InvoiceFilters
from nettfin.server.payables.invoice_router import SupplierDocuments
from nettfin.server.payables.models import Supplier
from tests.kept_bodies import rows_rendered
from tests.supplier_ledger_factories import books, create_invoice, delete, invoice_body, wrap

LIST = "/supplierInvoice?pageSize=10&pageNumber=1"


def test_a_page_is_the_same_bytes_made_and_kept_and_as_its_rows_render(tenant):
    company = books(tenant)
    for _ in range(3):
        create_invoice(company)
    made = company.get(LIST)
    kept = company.get(LIST)
    assert made.status_code == kept.status_code == 200
    assert [d["referenceNumber"] for d in made.json()] == ["000001", "000002", "000003"]
    assert made.content == kept.content == rows_rendered(company, SupplierDocuments(), InvoiceFilters())
    assert len(company.database.rendered) >= 3


def test_a_change_to_an_invoice_or_to_its_supplier_is_on_the_next_page(tenant):
    company = books(tenant)
    number = create_invoice(company)
    assert company.get(LIST).json()[0]["supplier"]["name"] == "Nordlys Leverandør AS"

    assert company.put(f"/supplierInvoice/{number}", wrap(description="Changed")).status_code == 204
    assert company.get(LIST).json()[0]["description"] == "Changed"

    # Written as any service writes, with no data version bumped by hand.
    with company.database.writing() as session:
        supplier = session.scalars(
            select(Supplier).where(Supplier.company_id == company.company_id, Supplier.number == "50000")
        ).one()
        supplier.name = "Nordlys Leverandør ASA"
    assert company.get(LIST).json()[0]["supplier"]["name"] == "Nordlys Leverandør ASA"
    assert company.get(LIST).content == rows_rendered(company, SupplierDocuments(), InvoiceFilters())


def test_the_expand_flags_are_part_of_what_is_kept(tenant):
    company = books(tenant)
    create_invoice(company, invoice_body(**wrap(note="A note")))
    plain = company.get(LIST).json()[0]
    noted = company.get(f"{LIST}&expandNote=true").json()[0]
    assert "note" not in plain and noted["note"] == "A note"
    assert company.get(LIST).json()[0] == plain
    assert company.get(f"{LIST}&expandNote=true").content == rows_rendered(
        company, SupplierDocuments(), InvoiceFilters(), view=frozenset({"expandNote"})
    )


def test_a_deleted_invoice_leaves_the_page_and_the_total(tenant):
    company = books(tenant)
    first, second = create_invoice(company), create_invoice(company)
    assert [d["referenceNumber"] for d in company.get(LIST).json()] == [first, second]
    assert delete(company, f"/supplierInvoice/{first}").status_code == 204
    page = company.get(LIST).json()
    assert [d["referenceNumber"] for d in page] == [second]
    assert page[0]["metadata"]["totalCount"] == 1
