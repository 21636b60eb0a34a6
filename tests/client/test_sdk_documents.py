"""Documents through the SDK, against the real app on both databases: a customer invoice created with the
update builder and line operations, released with its action, paid and released, the balance and the journal
read back; a purchase order; and every resource of the SDK's table read from the seeded demo company."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from nettfin.client import RESOURCES, Client, Line, Update
from nettfin.client.models import CustomerInvoice, CustomerNote, ExpenseClaim, JournalTransaction
from nettfin.server.demo.seed import DEMO_TOKEN
from tests.client.test_sdk_resources import CONTRACT, DOCUMENTS, KEYS, REQUIRED_FILTERS, _problems
from tests.expense_factories import expense_books
from tests.party_factories import seeded_demo
from tests.sdk_helpers import BASE_URL, Recording, add_trading_company, app_transport, sdk_client


@pytest.fixture
def trading(tenant):
    add_trading_company(tenant)
    return tenant


def test_an_invoice_is_created_released_paid_and_closed_through_the_sdk(trading):
    recorded = Recording(app_transport(trading.client))
    with sdk_client(trading, transport=recorded) as client:
        number = client.customer_invoices.create(
            Update(
                customerNumber="10000",
                documentDate=date(2020, 3, 2),
                invoiceText="Varer og bøker",
                invoiceLines=[
                    Line.insert(inventoryNumber="VARE", quantity=2),
                    Line.insert(inventoryNumber="BOK", quantity=1),
                ],
            )
        )
        invoice = client.customer_invoices.get(number)
        released = client.customer_invoices.release(number)
        payment = client.customer_payments.create(
            Update(
                type="Payment",
                customer="10000",
                applicationDate=date(2020, 3, 15),
                paymentAmount=Decimal("847.88"),
                paymentLines=[Line.insert(documentType="Invoice", refNbr=number, amountPaid=Decimal("847.88"))],
            )
        )
        client.customer_payments.release(payment, Update(type="Payment"))
        closed = client.customer_invoices.get(number)
        balance = client.customer_balances.get("10000")
        batches = list(client.journal_transactions.iterate(page_size=1, **REQUIRED_FILTERS["journal_transactions"]))
    assert ("POST", "/API/controller/api/v2/customerinvoice") in [r[:2] for r in recorded.requests]
    assert isinstance(invoice, CustomerInvoice)
    assert (invoice.amount, invoice.vat_total, len(invoice.invoice_lines)) == (Decimal("847.88"), Decimal("148.88"), 2)
    assert released is None or released.action_result in ("Done", "Queued", None)
    assert (closed.status, closed.balance) == ("Closed", Decimal("0"))
    assert balance.balance == Decimal("0") and balance.customer.number == "10000"
    assert len(batches) >= 2 and all(isinstance(batch, JournalTransaction) for batch in batches)
    assert all(batch.debit_total == batch.credit_total for batch in batches)
    for name, record in (("customer_invoices", closed), ("customer_balances", balance)):
        assert not _problems(record, name), _problems(record, name)


def test_a_purchase_order_is_created_with_line_operations_and_updated(trading):
    with sdk_client(trading) as client:
        number = client.purchase_orders.create(
            Update(
                orderType="RegularOrder",
                date=date(2020, 3, 2),
                supplier="50000",
                lines=[
                    Line.insert(inventory="VARE", orderQty=2, unitCost=100),
                    Line.insert(inventory="BOK", orderQty=3, unitCost=120),
                ],
            )
        )
        order = client.purchase_orders.get(number)
        client.purchase_orders.update(number, Update(lines=[Line.update(order.lines[1].line_nbr, orderQty=1)]))
        changed = client.purchase_orders.get(number)
        listed = [o.order_nbr for o in client.purchase_orders.iterate()]
    assert [line.order_qty for line in order.lines] == [Decimal("2"), Decimal("3")]
    assert [line.order_qty for line in changed.lines] == [Decimal("2"), Decimal("1")]
    assert changed.line_total == Decimal("320")
    assert listed == [number]
    assert not _problems(changed, "purchase_orders"), _problems(changed, "purchase_orders")


# The demo's keys where they are not the factory company's (tests/client/test_sdk_resources.py's KEYS).
DEMO_KEYS = {"customer_payment_methods": ("10001", "BANK")}


def test_every_resource_reads_the_demo_company_and_matches_the_real_documents(tmp_path):
    """The demo company (what `make run` serves) holds records of most resources: the SDK reads every one, the
    first of each list reads back by its key, and master data is valid against its real document (documents
    are checked against theirs by their own modules' contract tests)."""
    read: dict[str, int] = {}
    with seeded_demo(tmp_path) as demo, Client(BASE_URL, DEMO_TOKEN, 1, transport=app_transport(demo)) as client:
        for spec in RESOURCES:
            resource = getattr(client, spec.name)
            if "list" in spec.operations:
                records = list(resource.iterate(**REQUIRED_FILTERS.get(spec.name, {})))
            else:
                records = [resource.get(DEMO_KEYS.get(spec.name, KEYS[spec.name]))]
            read[spec.name] = len(records)
            typed = [record for record in records if isinstance(record, spec.model)]
            if spec.name not in DOCUMENTS:
                for record in typed[:50]:
                    assert not _problems(record, spec.name), (spec.name, _problems(record, spec.name))
            if typed and {"list", "get"} <= spec.operations:
                key = spec.key_of(typed[0].raw)
                assert spec.key_of(resource.get(key).raw) == key
    assert set(read) == set(CONTRACT)
    assert read["customers"] == 50 and read["vat_zones"] >= 3 and read["time_cards"] >= 1
    assert read["expense_claims"] == 3 and read["expense_receipts"] == 7 and read["earning_types"] == 2


def test_a_credit_note_is_created_and_released_through_the_sdk(trading):
    with sdk_client(trading) as client:
        number = client.customer_credit_notes.create(
            Update(
                customerNumber="10000",
                documentDate=date(2020, 3, 2),
                lines=[Line.insert(inventoryNumber="VARE", quantity=1)],
            )
        )
        client.customer_credit_notes.release(number)
        note = client.customer_credit_notes.get(number)
        listed = [n.reference_number for n in client.customer_credit_notes.iterate()]
    assert isinstance(note, CustomerNote)
    assert (note.document_type, note.status, note.amount, len(note.lines)) == (
        "CreditNote",
        "Open",
        Decimal("312.50"),
        1,
    )
    assert listed == [number]
    assert not _problems(note, "customer_credit_notes"), _problems(note, "customer_credit_notes")


def test_an_expense_claim_is_created_submitted_and_approved_through_the_sdk(tenant):
    expense_books(tenant)
    with sdk_client(tenant) as client:
        receipt = client.expense_receipts.create(
            Update(claimedBy="E002", date=date(2019, 11, 8), totalAmount=Decimal("250.00"), expenseAccount="7140")
        )
        number = client.expense_claims.create(
            Update(
                claimedBy="E002",
                date=date(2019, 11, 10),
                details=[Line.insert(description="Taxi", quantity=1, unitCost=Decimal("100"), expenseAccount="7140")],
            )
        )
        client.expense_receipts.update(receipt, Update(expenseClaim=number))
        client.expense_claims.submit(number)
        client.expense_claims.approval(number)
        claim = client.expense_claims.get(number)
        receipts = list(client.expense_receipts.iterate())
    assert isinstance(claim, ExpenseClaim)
    assert (claim.status, claim.claim_total, len(claim.details)) == ("Released", Decimal("350"), 2)
    assert {r.status for r in receipts} == {"Released"}
