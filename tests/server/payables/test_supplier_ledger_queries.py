"""Lists of documents load their lines with one query per page, not one per document: the SQL statements a
page costs are counted with a SQLAlchemy event listener, and a page of many documents costs exactly what a
page of a few costs (both databases)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nettfin.server.payables import invoice_release, invoices, payment_release, payments
from nettfin.server.payables.document_schemas import SupplierInvoiceTypes
from tests.statements import counted
from tests.supplier_ledger_factories import books, journal_body, journal_line


def enter_documents(tenant, count: int) -> None:
    """`count` released two-line invoices, each paid by a payment of its own (entered as the API enters them)."""
    lines = [
        {"inventoryNumber": "test*test", "quantity": Decimal(2), "unitCostInCurrency": Decimal("100")},
        {"inventoryNumber": "2001", "quantity": Decimal(1), "unitCostInCurrency": Decimal("160")},
    ]
    with tenant.database.writing() as session:
        for _ in range(count):
            body = {"documentType": SupplierInvoiceTypes.Invoice, "supplierNumber": "50000", "date": "2019-11-08"}
            document, _ = invoices.enter_invoice(session, tenant.company_id, {**body, "invoiceLines": lines})
            invoice_release.release(session, document)
            paid = {"documentType": SupplierInvoiceTypes.Invoice, "refNbr": document.reference_number}
            body = {"supplier": "50000", "applicationDate": "2019-12-01", "cashAccount": "1920", "paymentLines": [paid]}
            payment, _ = payments.enter_payment(session, tenant.company_id, body)
            payment_release.release(session, payment)


def statements_for(tenant, path: str, **params) -> tuple[int, int]:
    """(SQL statements, elements) of one GET, after a first GET has warmed the page's caches."""
    tenant.get(path, params=params)
    with counted(tenant.database.engine) as statements:
        response = tenant.get(path, params=params)
    assert response.status_code == 200, response.text
    return len(statements), len(response.json())


@pytest.fixture
def few(tenant):
    enter_documents(books(tenant), 3)
    return tenant


@pytest.fixture
def many(other_tenant):
    enter_documents(books(other_tenant), 40)
    return other_tenant


# (path, elements for 3 paid invoices, for 40): each invoice and each payment posts one batch.
LISTS = [("/supplierInvoice", 3, 40), ("/supplierPayment", 3, 40), ("/journaltransaction", 6, 80)]


@pytest.mark.parametrize(("path", "few_elements", "many_elements"), LISTS, ids=[path for path, _, _ in LISTS])
def test_a_page_of_many_documents_costs_the_statements_of_a_page_of_a_few(few, many, path, few_elements, many_elements):
    few_statements, few_found = statements_for(few, path, pageSize=500)
    many_statements, many_found = statements_for(many, path, pageSize=500)
    assert (few_found, many_found) == (few_elements, many_elements)
    assert many_statements == few_statements
    # Authentication, the data version, the page, its lines (and what renders them), no count: a handful.
    assert many_statements <= 12


def test_the_invoice_list_reads_each_documents_lines_and_vat_details(many):
    page = many.get("/supplierInvoice", params={"pageSize": 500}).json()
    assert len(page) == 40 and all(len(d["invoiceLines"]) == 2 and len(d["taxDetailLines"]) == 2 for d in page)
    assert {d["status"] for d in page} == {"Closed"}


def test_a_manual_batch_with_many_lines_is_one_statement_for_its_lines(tenant):
    books(tenant)
    body = journal_body(*[journal_line("6800", debit="1") for _ in range(30)], journal_line("1920", credit="30"))
    tenant.post("/journaltransaction", body)
    assert statements_for(tenant, "/journaltransaction/000001")[0] <= 10
