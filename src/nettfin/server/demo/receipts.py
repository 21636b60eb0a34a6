"""The demo's purchase orders received in December: order 1 received in full (its receipt billed by a supplier
invoice, which clears the PO accrual), order 2 received in part, order 3 still open; entered and released
through the purchasing and supplier ledger use cases. The receipt of order 1 is purchase receipt 000001."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..ledger.journal import JournalBatch, LedgerHistory
from ..payables import invoice_release
from ..payables.document_schemas import SupplierInvoiceTypes
from ..payables.invoices import enter_invoice
from ..purchasing import receipt_release
from ..purchasing.receipts import enter_receipt
from ..purchasing.service import enter_order
from .timeline import DEMO_YEAR, moment

_SUPPLIER = "50012"
# (order date, receipt date or None, [(item, ordered, unit cost, received)])
_ORDERS = [
    (date(DEMO_YEAR, 12, 1), date(DEMO_YEAR, 12, 4), [("1001", 10, "1450.00", 10), ("1002", 4, "2390.00", 4)]),
    (date(DEMO_YEAR, 12, 2), date(DEMO_YEAR, 12, 9), [("1003", 20, "189.00", 12)]),
    (date(DEMO_YEAR, 12, 14), None, [("1001", 6, "1450.00", 0)]),
]


def seed_purchase_receipts(session: Session, company_id: int) -> None:
    first_batch = session.scalar(select(JournalBatch.id).order_by(JournalBatch.id.desc()).limit(1)) or 0
    _enter(session, company_id)
    # The demo's moments, not the seed's: its batches are stamped with their dates, the year's balances with its
    # last day (as the year's activity does).
    session.flush()
    for batch in session.scalars(
        select(JournalBatch).where(JournalBatch.company_id == company_id, JournalBatch.id > first_batch)
    ):
        batch.created_at = batch.last_modified_at = batch.posted_at = moment(batch.transaction_date)
    session.execute(
        update(LedgerHistory)
        .where(LedgerHistory.company_id == company_id, LedgerHistory.period_id.like(f"{DEMO_YEAR}%"))
        .values(last_modified_at=moment(date(DEMO_YEAR, 12, 31)))
    )


def _enter(session: Session, company_id: int) -> None:
    receipts = []
    for ordered_on, received_on, lines in _ORDERS:
        order, _ = enter_order(
            session,
            company_id,
            {
                "orderType": "RegularOrder",
                "date": _day(ordered_on),
                "supplier": _SUPPLIER,
                "description": "Kontormøbler til lager",
                "lines": [
                    {"operation": "Insert", "inventory": item, "orderQty": Decimal(qty), "unitCost": Decimal(cost)}
                    for item, qty, cost, _ in lines
                ],
            },
        )
        order.created_at = order.last_modified_at = moment(ordered_on)
        if received_on is None:
            continue
        receipt, _ = enter_receipt(
            session,
            company_id,
            {
                "date": _day(received_on),
                "supplierId": _SUPPLIER,
                "supplierRef": f"Følgeseddel {order.order_nbr}",
                "lines": [
                    {
                        "operation": "Insert",
                        "poOrderNbr": order.order_nbr,
                        "poOrderLineNbr": number,
                        "receiptQty": Decimal(received),
                        "locationId": "A1",
                    }
                    for number, (_, _, _, received) in enumerate(lines, start=1)
                ],
            },
        )
        receipt_release.release(session, receipt)
        receipt.created_at = receipt.last_modified_at = order.last_modified_at = moment(received_on)
        receipts.append(receipt)
    first = receipts[0]
    billed_on = date(DEMO_YEAR, 12, 10)
    invoice, _ = enter_invoice(
        session,
        company_id,
        {
            "documentType": SupplierInvoiceTypes.Invoice,
            "supplierNumber": _SUPPLIER,
            "date": billed_on.isoformat(),
            "supplierReference": f"Faktura for mottak {first.receipt_nbr}",
            "addPOReceiptLines": [
                {"poReceiptNumber": first.receipt_nbr, "poReceiptLineNumber": line.line_number} for line in first.lines
            ],
        },
    )
    invoice_release.release(session, invoice)
    invoice.created_at = invoice.last_modified_at = moment(billed_on)


def _day(day: date) -> datetime:
    return moment(day).replace(hour=0, minute=0)
