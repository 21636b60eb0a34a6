"""The demo's credit notes applied and written off: an invoice a credit note is applied to (both balances fall by
the credit; the application is a customer payment of type CreditNote), and a small goodwill credit note the
write-off process writes off against other operating income (a SmallCreditWo)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from ..receivables import invoice_release
from ..receivables.credit_write_offs import WriteOff, write_off_credits
from ..receivables.invoices import CREDIT_NOTES, enter_invoice
from ..receivables.note_applications import Application, apply_credit_note
from .timeline import DEMO_YEAR

_APPLIED_ON = datetime(DEMO_YEAR, 12, 7, tzinfo=UTC)
_WRITTEN_OFF_ON = date(DEMO_YEAR, 12, 14)


def seed_credit_notes(session: Session, company_id: int) -> None:
    invoice = _released(
        session,
        company_id,
        {
            "customerNumber": "10002",
            "documentDate": _APPLIED_ON,
            "invoiceText": "Levering desember",
            "invoiceLines": [{"inventoryNumber": "1001", "quantity": Decimal(4)}],
        },
    )
    note = _released(
        session,
        company_id,
        {
            "customerNumber": "10002",
            "documentDate": _APPLIED_ON,
            "invoiceText": f"Kreditnota for faktura {invoice.reference_number}: én enhet i retur",
            "invoiceLines": [{"inventoryNumber": "1001", "quantity": Decimal(1)}],
        },
        credit=True,
    )
    apply_credit_note(session, note, [Application(invoice)])
    _released(
        session,
        company_id,
        {
            "customerNumber": "10003",
            "documentDate": _APPLIED_ON,
            "invoiceText": "Godvilje: forsinket levering",
            "invoiceLines": [
                {
                    "description": "Kompensasjon",
                    "quantity": Decimal(1),
                    "unitPriceInCurrency": Decimal("40"),
                    "accountNumber": "3000",
                }
            ],
        },
        credit=True,
    )
    write_off_credits(
        session,
        company_id,
        WriteOff(account="3900", limit=Decimal(60), customer="10003", day=_WRITTEN_OFF_ON, reason="Småbeløp avskrevet"),
    )


def _released(session: Session, company_id: int, body: dict, *, credit: bool = False):
    document, _ = (
        enter_invoice(session, company_id, body, CREDIT_NOTES) if credit else enter_invoice(session, company_id, body)
    )
    invoice_release.release(session, document)
    return document
