"""One rule for the line operations of every document (kit/lines.py), through the API on both databases:
deleting line 2 and inserting a new line 2 in one body replaces the line; a new line without a number does not
take a deleted one; an Insert naming a line that is there is refused, and nothing is written. Time cards replay
the same rule in test_time_card_api.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests import sales_factories, supplier_ledger_factories
from tests.conftest import Tenant
from tests.factories import new_number
from tests.supplier_ledger_factories import books, invoice_line, journal_body, journal_line


@dataclass(frozen=True)
class Document:
    path: str
    lines: str  # the write body's collection
    read_lines: str  # the read DTO's
    number: str  # a read line's number member
    set_up: Callable[[Tenant], object]
    body: Callable[[], dict]
    new_line: Callable[[], dict]  # a line to insert, with the member `marker` names
    marker: Callable[[dict], object]  # what tells the new line from the old one on a read line


DOCUMENTS = {
    "customer invoice": Document(
        "/customerinvoice",
        "invoiceLines",
        "invoiceLines",
        "lineNumber",
        sales_factories.add_trading_company,
        sales_factories.invoice_body,
        lambda: {"inventoryNumber": {"value": "FRI"}, "quantity": {"value": 2}},
        lambda line: line["inventoryNumber"],
    ),
    "purchase order": Document(
        "/purchaseorder",
        "lines",
        "lines",
        "lineNbr",
        sales_factories.add_trading_company,
        sales_factories.order_body,
        lambda: {"inventory": {"value": "FRI"}, "orderQty": {"value": 1}, "unitCost": {"value": 10}},
        lambda line: line["inventory"]["number"],
    ),
    "supplier invoice": Document(
        "/supplierInvoice",
        "invoiceLines",
        "invoiceLines",
        "lineNumber",
        books,
        lambda: supplier_ledger_factories.invoice_body(invoice_line(), invoice_line("2001", "1", "160.00")),
        lambda: {k: v for k, v in invoice_line("4002", "2", "50.00").items() if k != "operation"},
        lambda line: line["inventoryNumber"],
    ),
    "journal transaction": Document(
        "/journaltransaction",
        "journalTransactionLines",
        "journalTransactionLines",
        "lineNumber",
        books,
        lambda: journal_body(journal_line("6800", debit="100.00"), journal_line("1920", credit="100.00")),
        lambda: {k: v for k, v in journal_line("1900", credit="100.00").items() if k != "operation"},
        lambda line: line["accountNumber"],
    ),
}


@pytest.fixture(params=list(DOCUMENTS), ids=lambda name: name.replace(" ", "-"))
def document(request, tenant) -> tuple[Tenant, Document, str]:
    kind = DOCUMENTS[request.param]
    kind.set_up(tenant)
    return tenant, kind, new_number(tenant.post(kind.path, kind.body()))


def read_lines(tenant: Tenant, kind: Document, key: str) -> list[tuple[int, object]]:
    response = tenant.get(f"{kind.path}/{key}")
    assert response.status_code == 200, response.text
    return [(line[kind.number], kind.marker(line)) for line in response.json()[kind.read_lines]]


def test_deleting_line_2_and_inserting_a_new_line_2_in_one_body_replaces_it(document):
    tenant, kind, key = document
    (first, _), (_, old) = read_lines(tenant, kind, key)
    body = {
        kind.lines: [
            {"operation": "Delete", "lineNumber": {"value": 2}},
            {"operation": "Insert", "lineNumber": {"value": 2}, **kind.new_line()},
        ]
    }
    response = tenant.put(f"{kind.path}/{key}", body)
    assert response.status_code == 204, response.text
    lines = read_lines(tenant, kind, key)
    assert [number for number, _ in lines] == [1, 2]
    assert lines[1][1] != old


def test_a_new_line_without_a_number_does_not_take_a_deleted_ones(document):
    tenant, kind, key = document
    body = {
        kind.lines: [
            {"operation": "Delete", "lineNumber": {"value": 2}},
            {"operation": "Insert", **kind.new_line()},
        ]
    }
    assert tenant.put(f"{kind.path}/{key}", body).status_code == 204
    assert [number for number, _ in read_lines(tenant, kind, key)] == [1, 3]


def test_an_insert_naming_a_line_that_is_there_is_refused_and_nothing_is_written(document):
    tenant, kind, key = document
    before = read_lines(tenant, kind, key)
    body = {
        kind.lines: [
            {"operation": "Delete", "lineNumber": {"value": 1}},
            {"operation": "Insert", "lineNumber": {"value": 2}, **kind.new_line()},
        ]
    }
    response = tenant.put(f"{kind.path}/{key}", body)
    assert response.status_code == 400
    assert f"Error: {kind.lines}[1]: Line 2 is already on the " in response.json()["message"]
    assert read_lines(tenant, kind, key) == before
