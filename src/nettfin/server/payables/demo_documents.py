"""The demo company's supplier ledger: a few supplier invoices, a debit adjustment and payments, entered and
released through the same use cases the API runs, so the ledger holds their journal transactions and the
Supplier Payment article's `GET ?Supplier=50000` has something to find. Deterministic like the rest of the
demo: every row written here is stamped with the demo's moment.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..kit.changes import bump_version
from ..ledger.journal import JournalBatch, LedgerHistory
from . import invoice_actions, invoice_release, invoices, payment_release, payments
from .document_models import SupplierDocument, SupplierPayment
from .document_schemas import SupplierInvoiceTypes

SEEDED_AT = datetime(2019, 11, 1, 8, 0, tzinfo=UTC)
# The approval document of the unreleased invoice the demo sends to approval (`GET /supplierInvoice/approval`).
APPROVAL_ID = "6f1c2a9e-4b7d-4e3a-9c55-2d8e1f0a7b31"

# (type, supplier, date, supplier reference, [(item, quantity, unit cost)], release)
_DOCUMENTS = [
    ("Invoice", "50000", "2019-11-08", "F-1001", [("test*test", 10, "100.00")], True),
    ("Invoice", "50001", "2019-11-15", "INV-77", [("1001", 2, "1450.00"), ("1010", 5, "190.00")], True),
    ("DebitAdj", "50000", "2019-11-20", "KR-1001", [("test*test", 1, "100.00")], True),
    ("Invoice", "50000", "2019-12-02", "F-1002", [("6", 1, "3100.00"), ("2001", 3, "160.00")], True),
    ("Invoice", "50030", "2020-01-15", "E-5501", [("1005", 10, "260.00")], False),
]
# (supplier, date, [(type, reference number, amount paid or None for the balance)], payment amount or None
# for what the lines apply)
_PAYMENTS = [
    ("50000", "2019-12-01", [("Invoice", "000001", None), ("DebitAdj", "000003", None)], None),
    ("50001", "2019-12-10", [("Invoice", "000002", "2000.00")], "2500.00"),
]


def seed_supplier_documents(session: Session, company_id: int) -> None:
    for kind, supplier, day, reference, lines, release in _DOCUMENTS:
        body = {
            "documentType": SupplierInvoiceTypes(kind),
            "supplierNumber": supplier,
            "date": day,
            "supplierReference": reference,
            "invoiceLines": [
                {"inventoryNumber": item, "quantity": Decimal(quantity), "unitCostInCurrency": Decimal(cost)}
                for item, quantity, cost in lines
            ],
        }
        document, _ = invoices.enter_invoice(session, company_id, body)
        if release:
            invoice_release.release(session, document)
        else:
            invoice_actions.sent_to_approval(session, document, APPROVAL_ID)
    for supplier, day, paid, amount in _PAYMENTS:
        body = {
            "supplier": supplier,
            "applicationDate": day,
            "cashAccount": "1920",
            "paymentLines": [_payment_line(kind, number, amount_paid) for kind, number, amount_paid in paid],
        }
        if amount is not None:
            body["paymentAmount"] = Decimal(amount)
        payment, _ = payments.enter_payment(session, company_id, body)
        payment_release.release(session, payment)
    _stamp(session, company_id)


def _payment_line(kind: str, number: str, amount_paid: str | None) -> dict:
    line = {"documentType": SupplierInvoiceTypes(kind), "refNbr": number}
    if amount_paid is not None:
        line["amountPaid"] = Decimal(amount_paid)
    return line


def _stamp(session: Session, company_id: int) -> None:
    """Every row this seed wrote carries the demo's moment, so two seeds render the same bytes."""
    for model, columns in (
        (SupplierDocument, ("created_at", "last_modified_at")),
        (SupplierPayment, ("created_at", "last_modified_at")),
        (JournalBatch, ("created_at", "last_modified_at", "posted_at")),
        (LedgerHistory, ("last_modified_at",)),
    ):
        session.execute(update(model).where(model.company_id == company_id).values(**dict.fromkeys(columns, SEEDED_AT)))
    for resource in (invoices.RESOURCE, payments.RESOURCE, "journalTransaction", "generalLedgerBalance"):
        bump_version(session, company_id=company_id, resource=resource)
