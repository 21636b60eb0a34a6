"""Applying a released credit note to open invoices and debit notes (AR302000 with type `CreditNote`).

As the service does, the application is a customer payment of type `CreditNote`: its lines are the credit note
itself and the documents it pays, its payment amount is 0 (no cash moves), and its release lowers every
document's balance by what it applies (`payment_release.release`). The customer ledger is debited and credited
alike, so nothing is posted and the AR control account keeps reconciling with the open balances. A credit note
cannot apply more than it or any document it pays has left.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..kit.errors import BusinessError
from . import payment_release, payments
from .document_models import ZERO, CustomerInvoice, CustomerPayment, CustomerPaymentLine
from .invoices import DEBIT_TYPES

PAYMENT_TYPE = "CreditNote"


@dataclass(frozen=True)
class Application:
    """A document the credit note pays, and how much of it (None: as much as both have left)."""

    document: CustomerInvoice
    amount: Decimal | None = None


def apply_credit_note(session: Session, note: CustomerInvoice, applications: list[Application]) -> CustomerPayment:
    """Apply the released credit note to the documents (locked by the caller): the released `CreditNote`
    payment that records it. Refused, with nothing written, when the note or a document has less left."""
    problems = _note_problems(note)
    lines: list[tuple[CustomerInvoice, Decimal]] = []
    left = note.balance
    for application in applications:
        document = application.document
        amount = application.amount if application.amount is not None else min(left, document.balance)
        problems += _document_problems(note, document, amount)
        lines.append((document, amount))
        left -= amount
    total = sum((amount for _, amount in lines), ZERO)
    if not problems and total > note.balance:
        problems.append(
            f"Credit note {note.reference_number} has {note.balance:.2f} left: it cannot apply {total:.2f} "
            "(a credit note cannot credit more than it has left)."
        )
    if problems:
        text = "".join(f"Error: {problem}\r\n" for problem in problems)
        raise BusinessError(f"The credit note {note.reference_number} cannot be applied.\r\n{text}")
    payment = _payment(session, note, total, lines)
    session.add(payment)
    session.flush()
    payment_release.release(session, payment)
    return payment


def _note_problems(note: CustomerInvoice) -> list[str]:
    if note.document_type != "CreditNote":
        return [f"{note.document_type} {note.reference_number} is not a credit note."]
    if not note.released or not note.balance:
        return [f"Credit note {note.reference_number} is not open: only a released credit note with a balance applies."]
    return []


def _document_problems(note: CustomerInvoice, document: CustomerInvoice, amount: Decimal) -> list[str]:
    name = f"{document.document_type} {document.reference_number}"
    if document.document_type not in DEBIT_TYPES:
        return [f"{name}: a credit note applies to invoices and debit notes only."]
    if document.customer_id != note.customer_id:
        return [f"{name} belongs to customer {document.customer.number}, not {note.customer.number}."]
    if not document.released or not document.balance:
        return [f"{name} is not open: only released documents with a balance can be paid."]
    if document.currency_id != note.currency_id or document.exchange_rate != note.exchange_rate:
        return [f"{name} is in {document.currency_id} at another rate than the credit note: apply it at one rate."]
    if amount <= 0:
        return [f"{name}: 'Amount paid' must be greater than 0."]
    if amount > document.balance:
        return [f"{name}: 'Amount paid' ({amount:.2f}) cannot exceed the document's balance ({document.balance:.2f})."]
    return []


def _payment(
    session: Session, note: CustomerInvoice, total: Decimal, lines: list[tuple[CustomerInvoice, Decimal]]
) -> CustomerPayment:
    """The unreleased `CreditNote` payment: dated the latest of the documents, in that document's period."""
    latest = max([note, *(document for document, _ in lines)], key=lambda d: (d.document_date, d.post_period))
    payment = CustomerPayment(
        company_id=note.company_id,
        payment_type=PAYMENT_TYPE,
        reference_number=payments.NUMBERS.allocate(session, note.company_id),
        hold=False,
        released=False,
        customer=note.customer,
        application_date=latest.document_date,
        application_period=latest.post_period,
        payment_ref=note.reference_number,
        currency_id=note.currency_id,
        payment_amount=ZERO,
        applied_to_documents=ZERO,
        available_balance=ZERO,
        invoice_text=f"Credit note {note.reference_number} applied"[:255],
        lines=[],
    )
    for document, amount in [(note, total), *lines]:
        payment.lines.append(
            CustomerPaymentLine(
                company_id=note.company_id,
                invoice=document,
                amount_paid=amount,
                cash_discount_taken=ZERO,
                balance_write_off=ZERO,
                cross_rate=Decimal(1),
            )
        )
    payment.created_at = payment.last_modified_at = utcnow()
    return payment
