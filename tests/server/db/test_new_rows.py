"""A new document and its lines inserted on the driver's cursor instead of by the session's flush (db/new_rows.py),
on both databases: the very rows the flush writes, the session's records afterwards with nothing left to load or
flush, the flush's listeners told, and every other graph left to the flush."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import event, inspect, select
from sqlalchemy.exc import IntegrityError

from nettfin.server.db.new_rows import insert_new
from nettfin.server.kit.changes import ANY_RECORD, current_versions
from nettfin.server.payables import invoices
from nettfin.server.payables.document_models import SupplierDocument, SupplierDocumentLine, SupplierDocumentTax
from nettfin.server.payables.document_schemas import SupplierInvoiceUpdateDto
from nettfin.server.payables.models import Supplier
from nettfin.server.terms.models import CreditTerms
from tests.supplier_ledger_factories import books, invoice_body, invoice_line, wrap

# Lines of every kind the bench posts: items and expense accounts, two VAT codes, a subaccount by segments, a note
# (a text column), a discount; the document in another currency, so its rate and base amounts are written too.
_BODY = invoice_body(
    invoice_line(quantity="2", unit_cost="100.00", vatCodeId={"value": "1"}),
    invoice_line("2001", quantity="1", unit_cost="50.00", vatCodeId={"value": "11"}, note={"value": "a note"}),
    {"operation": "Insert", **wrap(accountNumber="6300", quantity="3", unitCostInCurrency="20.00", vatCodeId="1")},
    invoice_line("1005", quantity="4", unit_cost="12.25", discountPercent={"value": "10"}),
    subaccount=None,
    supplierReference={"value": "rows"},
    currencyId={"value": "EUR"},
)
_NOT_COMPARED = {"id", "document_id", "reference_number", "created_at", "last_modified_at"}


@pytest.fixture
def supplier_books(tenant):
    return books(tenant)


def _statements(database):
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(database.engine, "before_cursor_execute", note)
    return seen, lambda: event.remove(database.engine, "before_cursor_execute", note)


def _enter(tenant, *, alongside=None) -> tuple[int, list[str]]:
    """Enter `_BODY`; with `alongside` pending in the session too, which leaves the document to the flush."""
    seen, stop = _statements(tenant.database)
    try:
        with tenant.database.writing() as session:
            if alongside is not None:
                session.add(alongside)
            changes = SupplierInvoiceUpdateDto.model_validate(_BODY).changes()
            document, _ = invoices.enter_invoice(session, tenant.company_id, changes)
            return document.id, [s for s in seen if s.startswith("INSERT INTO supplier_document")]
    finally:
        stop()


def _rows(database, document_id: int) -> tuple[dict, list[dict], list[dict]]:
    def plain(record) -> dict:
        columns = inspect(record).mapper.column_attrs
        return {c.key: getattr(record, c.key) for c in columns if c.key not in _NOT_COMPARED}

    with database.reading() as session:
        document = session.get(SupplierDocument, document_id)
        lines = session.scalars(
            select(SupplierDocumentLine)
            .where(SupplierDocumentLine.document_id == document_id)
            .order_by(SupplierDocumentLine.line_number)
        )
        taxes = session.scalars(
            select(SupplierDocumentTax)
            .where(SupplierDocumentTax.document_id == document_id)
            .order_by(SupplierDocumentTax.vat_id)
        )
        return plain(document), [plain(line) for line in lines], [plain(tax) for tax in taxes]


def _everything(tenant) -> tuple[int, ...]:
    with tenant.database.reading() as session:
        return current_versions(session, company_id=tenant.company_id, resources=(ANY_RECORD,))


def test_the_rows_are_the_ones_the_flush_writes(supplier_books):
    tenant = supplier_books
    direct, statements = _enter(tenant)
    # Through the driver's cursor: SQLAlchemy's execution path saw no INSERT of the document, its lines or VAT.
    assert statements == []
    terms = CreditTerms(company_id=tenant.company_id, terms_id="X1", description="alongside", due_days=1)
    flushed, statements = _enter(tenant, alongside=terms)
    assert len(statements) >= 3  # the flush's: the document, its lines, its VAT details
    document, lines, taxes = _rows(tenant.database, direct)
    assert (document, lines, taxes) == _rows(tenant.database, flushed)
    assert len(lines) == 4 and len(taxes) == 2
    assert document["currency_id"] == "EUR" and document["row_version"] == 1
    assert lines[1]["note"] == "a note" and lines[3]["discount_percent"] == 10


def test_the_records_are_the_sessions_with_nothing_to_load_or_flush(supplier_books):
    tenant = supplier_books
    before = _everything(tenant)
    seen, stop = _statements(tenant.database)
    try:
        with tenant.database.writing() as session:
            changes = SupplierInvoiceUpdateDto.model_validate(_BODY).changes()
            document, _ = invoices.enter_invoice(session, tenant.company_id, changes)
            seen.clear()
            assert inspect(document).persistent and all(inspect(line).persistent for line in document.lines)
            assert not session.new and not session.dirty
            assert document.id and all(line.document_id == document.id and line.id for line in document.lines)
            assert document.amount_cur > 0 and document.row_version == 1 and document.hold is False
            assert {tax.vat_id for tax in document.taxes} == {"1", "11"}
            assert seen == []  # every column was there to read: no SELECT to load one
            number = document.reference_number
    finally:
        stop()
    # The flush's listeners were told: the company's version of everything moved, so cached reads miss.
    assert _everything(tenant) != before
    answer = tenant.get(f"/supplierinvoice/{number}")
    assert answer.status_code == 200, answer.text
    assert [line["lineNumber"] for line in answer.json()["invoiceLines"]] == [1, 2, 3, 4]


def test_any_other_graph_is_left_to_the_flush(supplier_books):
    tenant = supplier_books
    with tenant.database.writing() as session:
        pending = CreditTerms(company_id=tenant.company_id, terms_id="X2", description="pending", due_days=2)
        session.add(pending)
        document = SupplierDocument(company_id=tenant.company_id, document_type="Invoice", reference_number="X")
        # Something else pending in the session: nothing done, the pending record still pending.
        assert insert_new(session, document) is False
        assert pending in session.new and document not in session
        session.flush()
        # A record the session already holds is the flush's too.
        session.add(document)
        assert insert_new(session, document) is False
        session.expunge(document)
    with tenant.database.reading() as session:
        found = session.scalar(select(CreditTerms).where(CreditTerms.terms_id == "X2"))
        assert found is not None and found.company_id == tenant.company_id
        assert session.scalar(select(SupplierDocument).where(SupplierDocument.reference_number == "X")) is None


def test_a_duplicate_is_the_databases_integrity_error_and_nothing_stays(supplier_books):
    tenant = supplier_books
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    with tenant.database.reading() as session:
        count = len(session.scalars(select(SupplierDocument.id)).all())
        supplier = session.scalar(select(Supplier.id).where(Supplier.company_id == tenant.company_id))
    with pytest.raises(IntegrityError), tenant.database.writing() as session:
        for _ in range(2):
            document = SupplierDocument(
                company_id=tenant.company_id,
                document_type="Invoice",
                reference_number="DUP",
                supplier_id=supplier,
                created_at=stamp,
                last_modified_at=stamp,
            )
            assert insert_new(session, document)
    with tenant.database.reading() as session:
        assert len(session.scalars(select(SupplierDocument.id)).all()) == count
