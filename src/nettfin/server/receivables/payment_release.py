"""Releasing a customer payment: each document it applies to is locked and its balance checked again, the
balances fall by the amounts paid, fully paid documents close, and the payment posts: the cash account
debited, the customer ledger control account credited, with the payment amount."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database, retrying_write
from ..kit.changes import bump_version
from ..kit.errors import BusinessError, NotFound
from ..kit.responses import check_if_match
from ..ledger.journal import JournalBatch, Module
from ..ledger.models import Account
from ..ledger.posting import PostingLine, PostingRefused, Source, post, reverse
from . import invoices
from .document_models import ZERO, CustomerInvoice, CustomerPayment
from .invoice_release import CUSTOMER_RESOURCE, customer_ledger_account
from .payments import RESOURCE, find_payment, payment_status


@retrying_write
def release_payment(
    db: Database, *, company_id: int, number: str, payment_type: str, if_match: str | None = None
) -> CustomerPayment:
    """Release the payment the action names; its `type` must be the payment's."""
    with db.writing() as session:
        payment = find_payment(session, company_id, number, for_update=True)
        check_if_match(if_match, payment.row_version)
        if payment.payment_type != payment_type:
            raise NotFound(
                f"Customer payment '{number}' of type {payment_type} not found (it is a {payment.payment_type})."
            )
        release(session, payment)
        return payment


def release(session: Session, payment: CustomerPayment) -> None:
    """`release_payment` in the caller's transaction, on a payment it has locked (or has just entered)."""
    problems = _release_problems(session, payment)
    if not problems:
        try:
            _post_payment(session, payment)
        except PostingRefused as refused:
            problems = refused.problems
    if problems:
        lines = "".join(f"Error: {problem}\r\n" for problem in problems)
        raise BusinessError(f"The payment {payment.reference_number} cannot be released.\r\n{lines}")
    _apply_to_documents(session, payment)
    payment.released = True
    payment.status = payment_status(payment)
    payment.last_modified_at = utcnow()
    for resource in (RESOURCE, invoices.RESOURCE, CUSTOMER_RESOURCE):
        bump_version(session, company_id=payment.company_id, resource=resource)
    session.flush()


def _release_problems(session: Session, payment: CustomerPayment) -> list[str]:
    if payment.released:
        return [f"The payment {payment.reference_number} is already released."]
    if payment.hold:
        return [f"The payment {payment.reference_number} is on hold: take it off hold (hold false) first."]
    problems = []
    # The documents are locked in id order first: two payments of the same documents, their lines in different
    # orders, would deadlock if each locked them line by line.
    ids = sorted({line.invoice_id for line in payment.lines})
    if len(ids) > 1:
        session.execute(
            select(CustomerInvoice.id).where(CustomerInvoice.id.in_(ids)).order_by(CustomerInvoice.id).with_for_update()
        )
    for line in payment.lines:
        # Lock the document: a concurrent payment release must see the balance this one leaves.
        document = invoices.find_invoice(session, payment.company_id, line.invoice.reference_number, for_update=True)
        session.refresh(document)
        if not document.balance or line.amount_paid > document.balance:
            problems.append(
                f"{document.document_type} {document.reference_number}: 'Amount paid' ({line.amount_paid:.2f}) exceeds "
                f"its balance ({document.balance:.2f})."
            )
    return problems


def _post_payment(session: Session, payment: CustomerPayment) -> None:
    if not payment.payment_amount:
        return
    control = customer_ledger_account(session, payment.company_id)
    cash = payment.cash_account or default_cash_account(session, payment.company_id)
    problems = (
        [] if control is not None else ["No customer ledger account: the company has no account controlled by AR."]
    )
    if cash is None:
        problems.append("'Cash account' cannot be empty: the company has no cash account.")
    if problems:
        raise PostingRefused(problems)
    customer = payment.customer.number
    batch = post(
        session,
        company_id=payment.company_id,
        module=Module.AR,
        period=payment.application_period,
        date=payment.application_date.date(),
        description=payment.invoice_text or f"Payment {payment.reference_number}",
        source=Source(payment.payment_type, payment.reference_number),
        lines=[
            PostingLine(account=cash, debit=payment.payment_amount, party=customer),
            PostingLine(account=control.account_cd, credit=payment.payment_amount, party=customer),
        ],
    )
    payment.cash_account = cash
    payment.batch_number = batch.batch_number


def default_cash_account(session: Session, company_id: int) -> str | None:
    """The company's lowest-numbered active cash account: where money is taken when the document names none."""
    statement = (
        select(Account.account_cd)
        .where(Account.company_id == company_id, Account.cash_account.is_(True), Account.active.is_(True))
        .order_by(Account.account_cd)
    )
    return session.scalars(statement).first()


def _apply_to_documents(session: Session, payment: CustomerPayment) -> None:
    for line in payment.lines:
        document = line.invoice
        document.balance -= line.amount_paid
        document.status = invoices.document_status(document)
        document.closed_period = None if document.balance else payment.application_period
        document.last_modified_at = utcnow()


@retrying_write
def void_payment(
    db: Database, *, company_id: int, number: str, payment_type: str, if_match: str | None = None
) -> CustomerPayment:
    """Void a released payment: its batch is reversed (cash credited, the customer ledger debited again), the
    documents it paid get their balances back (and reopen), and it becomes Voided with nothing left to apply."""
    with db.writing() as session:
        payment = find_payment(session, company_id, number, for_update=True)
        check_if_match(if_match, payment.row_version)
        if payment.payment_type != payment_type:
            raise NotFound(
                f"Customer payment '{number}' of type {payment_type} not found (it is a {payment.payment_type})."
            )
        if payment.status == "Voided":
            raise BusinessError(f"The payment {payment.reference_number} is already voided.")
        if not payment.released:
            raise BusinessError(f"The payment {payment.reference_number} is not released: there is nothing to void.")
        if payment.batch_number is not None:
            original = session.scalar(
                select(JournalBatch).where(
                    JournalBatch.company_id == company_id, JournalBatch.batch_number == payment.batch_number
                )
            )
            try:
                reversal = reverse(
                    session,
                    batch=original,
                    period=payment.application_period,
                    date=payment.application_date.date(),
                    description=f"Void payment {payment.reference_number}",
                    source=Source(payment.payment_type, payment.reference_number),
                )
            except PostingRefused as refused:
                lines = "".join(f"Error: {problem}\r\n" for problem in refused.problems)
                raise BusinessError(f"The payment {payment.reference_number} cannot be voided.\r\n{lines}") from None
            payment.void_batch_number = reversal.batch_number
        _restore_documents(session, payment)
        payment.status, payment.available_balance = "Voided", ZERO
        payment.last_modified_at = utcnow()
        for resource in (RESOURCE, invoices.RESOURCE, CUSTOMER_RESOURCE):
            bump_version(session, company_id=company_id, resource=resource)
        session.flush()
        return payment


def _restore_documents(session: Session, payment: CustomerPayment) -> None:
    """The documents the payment paid, locked in id order, get back what it took."""
    ids = sorted({line.invoice_id for line in payment.lines})
    if ids:
        session.execute(
            select(CustomerInvoice.id).where(CustomerInvoice.id.in_(ids)).order_by(CustomerInvoice.id).with_for_update()
        )
    for line in payment.lines:
        document = line.invoice
        session.refresh(document)
        document.balance += line.amount_paid
        document.status = invoices.document_status(document)
        document.closed_period = None if document.balance else document.closed_period
        document.last_modified_at = utcnow()
