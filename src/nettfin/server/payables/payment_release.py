"""Releasing supplier payments (AP302000): the applied amounts come off the documents' balances (each document
locked, so concurrent payments cannot overdraw it), the ones paid in full close, and the payment posts through
the ledger's posting engine."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database, retrying_write
from ..documents.lines import money
from ..kit.changes import bump_version
from ..kit.errors import BusinessError, record_errors
from ..kit.responses import check_if_match
from ..ledger.journal import Module
from ..ledger.posting import PostingRefused, Source, post
from . import invoice_actions, invoices, ledger_entries
from .document_models import SupplierDocument, SupplierPayment
from .payments import ENTITY, PAYMENT, RECORD, RESOURCE, ZERO, find_payment


@retrying_write
def release_payment(
    db: Database, *, company_id: int, number: str, payment_type: str | None, if_match: str | None
) -> SupplierPayment:
    """Apply and post the payment; a second release (concurrent or not) finds it released and refuses."""
    with db.writing() as session:
        payment = find_payment(session, company_id, number, payment_type or PAYMENT, for_update=True)
        check_if_match(if_match, payment.row_version)
        release(session, payment)
        return payment


def release(session: Session, payment: SupplierPayment) -> None:
    """`release_payment` in the caller's transaction, on a payment it has locked."""
    problems = _release_problems(session, payment)
    problems += _apply_to_documents(session, payment) if not problems else []
    if not problems:
        problems = _post(session, payment)
    if problems:
        raise record_errors(action="releasing", entity=ENTITY, record=RECORD, errors=problems)
    payment.released = True
    payment.status = "Open" if payment.unapplied_balance else "Closed"
    payment.last_modified_at = utcnow()
    session.flush()
    bump_version(session, company_id=payment.company_id, resource=RESOURCE)
    bump_version(session, company_id=payment.company_id, resource=invoices.RESOURCE)


def _release_problems(session: Session, payment: SupplierPayment) -> list[str]:
    name = f"Payment '{payment.reference_number}'"
    if payment.released:
        return [f"{name} is already released."]
    if payment.hold:
        return [f"{name} is on hold and cannot be released: clear 'Hold' first."]
    if not payment.cash_account:
        return ["'Cash account' cannot be empty."]
    if not payment.payment_amount:
        return [f"{name} pays nothing: give a payment amount or lines."]
    account, _, problems = ledger_entries.supplier_ledger_account(session, payment.supplier)
    payment.ap_account = account
    return problems


def _apply_to_documents(session: Session, payment: SupplierPayment) -> list[str]:
    """Take each line's amount off its document (locked, so concurrent payments cannot overdraw it)."""
    problems: list[str] = []
    # The documents are locked in id order first: two payments of the same documents, their lines in different
    # orders, would deadlock if each locked them line by line.
    ids = sorted({line.document_id for line in payment.lines})
    if len(ids) > 1:
        session.execute(
            select(SupplierDocument.id)
            .where(SupplierDocument.id.in_(ids))
            .order_by(SupplierDocument.id)
            .with_for_update()
        )
    for line in payment.lines:
        locked = (
            select(SupplierDocument).where(SupplierDocument.id == line.document_id).with_for_update(of=SupplierDocument)
        )
        document = session.scalars(locked.execution_options(populate_existing=True)).one()
        name = f"{document.document_type} '{document.reference_number}'"
        if document.status != "Open" or line.amount_paid > document.balance_cur:
            left = document.balance_cur if document.status == "Open" else ZERO
            problems.append(f"{name} has {left:.2f} left to pay: it cannot take {line.amount_paid:.2f}.")
            continue
        paid_in_full = line.amount_paid == document.balance_cur
        rate = document.exchange_rate
        line.amount_paid_base = document.balance if paid_in_full else money(line.amount_paid * rate)
        document.balance_cur -= line.amount_paid
        document.balance -= line.amount_paid_base
        if paid_in_full:
            document.status, document.closed_period_id = "Closed", payment.period_id
        document.last_modified_at = utcnow()
    return problems


def _post(session: Session, payment: SupplierPayment) -> list[str]:
    try:
        batch = post(
            session,
            company_id=payment.company_id,
            module=Module.AP,
            period=payment.period_id,
            date=payment.application_date,
            description=payment.description or f"Payment {payment.reference_number}",
            source=Source(PAYMENT, payment.reference_number),
            lines=ledger_entries.payment_entries(payment, payment.cash_account),
        )
    except PostingRefused as refused:
        return refused.problems
    payment.batch_number = batch.batch_number
    return []


@retrying_write
def write_off_payment(
    db: Database, *, company_id: int, number: str, payment_type: str, if_match: str | None
) -> SupplierPayment:
    """Write a released payment's unapplied balance off against the supplier class's write-off account (at most
    its write-off limit): the supplier ledger account is credited, the write-off account debited; it closes."""
    with db.writing() as session:
        payment = find_payment(session, company_id, number, payment_type, for_update=True)
        check_if_match(if_match, payment.row_version)
        name = f"{payment.payment_type} '{payment.reference_number}'"
        if payment.status != "Open" or not payment.unapplied_balance:
            raise BusinessError(
                f"{name} cannot be written off: its status is {payment.status}; only a released payment with an "
                "unapplied balance can."
            )
        unapplied = payment.unapplied_balance
        account, problems = invoice_actions.write_off_account(payment.supplier, unapplied, name)
        if not problems:
            party, reference = payment.supplier.number, payment.reference_number
            subaccount = (payment.supplier.gl_accounts or {}).get("supplierSubaccount")
            description = f"Balance write-off {name}"
            lines = [
                ledger_entries.entry(*account, unapplied, description=description, reference=reference),
                ledger_entries.entry(
                    payment.ap_account.account_cd, subaccount, -unapplied, reference=reference, party=party
                ),
            ]
            try:
                batch = post(
                    session,
                    company_id=company_id,
                    module=Module.AP,
                    period=payment.period_id,
                    date=payment.application_date,
                    description=description,
                    source=Source(payment.payment_type, payment.reference_number),
                    lines=lines,
                )
                payment.write_off_batch_number = batch.batch_number
            except PostingRefused as refused:
                problems = refused.problems
        if problems:
            raise record_errors(action="writing off", entity=ENTITY, record=RECORD, errors=problems)
        payment.unapplied_balance, payment.status = ZERO, "Closed"
        payment.last_modified_at = utcnow()
        session.flush()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        return payment
