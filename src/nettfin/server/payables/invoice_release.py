"""Releasing and voiding supplier invoices (AP301000): release posts a document through the ledger's posting
engine and opens it; void reverses an open document nothing has been paid on. Both lock the document first,
so a second, concurrent release or void finds it changed and refuses."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database, retrying_write
from ..kit.changes import bump_version
from ..kit.errors import BusinessError, record_errors
from ..kit.responses import check_if_match
from ..ledger.journal import JournalBatch, Module
from ..ledger.posting import PostingRefused, Source, post, reverse
from . import ledger_entries
from .document_models import SupplierDocument, SupplierPaymentLine
from .invoices import ENTITY, RECORD, RESOURCE, find_document


@retrying_write
def release_invoice(db: Database, *, company_id: int, document_type: str, number: str, if_match) -> SupplierDocument:
    """Post the document and open it; a second release (concurrent or not) finds it released and refuses."""
    with db.writing() as session:
        document = find_document(session, company_id, document_type, number, for_update=True)
        check_if_match(if_match, document.row_version)
        release(session, document)
        return document


def release(session: Session, document: SupplierDocument) -> None:
    """`release_invoice` in the caller's transaction, on a document it has locked."""
    problems = _release_problems(session, document)
    if not problems:
        problems = _post_release(session, document)
    if problems:
        raise record_errors(action="releasing", entity=ENTITY, record=RECORD, errors=problems)
    document.released = True
    document.balance, document.balance_cur = document.amount, document.amount_cur
    document.status = "Open" if document.amount_cur else "Closed"
    document.closed_period_id = None if document.amount_cur else document.period_id
    document.last_modified_at = utcnow()
    session.flush()
    bump_version(session, company_id=document.company_id, resource=RESOURCE)


@retrying_write
def void_invoice(db: Database, *, company_id: int, document_type: str, number: str, if_match) -> SupplierDocument:
    """Reverse an open document nothing has been paid on; it becomes Voided with a zero balance."""
    with db.writing() as session:
        document = find_document(session, company_id, document_type, number, for_update=True)
        check_if_match(if_match, document.row_version)
        _refuse_void(session, document)
        # A prebooked document's prebooking is reversed too, released since or not.
        posted = [document.prebook_batch_number, document.batch_number if document.released else None]
        for number in (batch for batch in posted if batch is not None):
            original = session.scalar(
                select(JournalBatch).where(JournalBatch.company_id == company_id, JournalBatch.batch_number == number)
            )
            try:
                reversal = reverse(
                    session,
                    batch=original,
                    period=document.period_id,
                    date=document.date,
                    description=f"Void {document.document_type} {document.reference_number}",
                    source=Source(document.document_type, document.reference_number),
                )
            except PostingRefused as refused:
                raise record_errors(action="voiding", entity=ENTITY, record=RECORD, errors=refused.problems) from None
            document.void_batch_number = reversal.batch_number
        document.status, document.balance, document.balance_cur = "Voided", Decimal(0), Decimal(0)
        document.last_modified_at = utcnow()
        session.flush()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        return document


def _refuse_void(session: Session, document: SupplierDocument) -> None:
    name = f"{document.document_type} '{document.reference_number}'"
    if document.status == "Voided":
        raise BusinessError(f"{name} is already voided.")
    if document.status == "Prebooked":
        return  # voiding reverses the prebooking
    if not document.released:
        raise BusinessError(f"{name} is not released: delete it instead of voiding it.")
    applied = session.scalar(
        select(SupplierPaymentLine.id).where(SupplierPaymentLine.document_id == document.id).limit(1)
    )
    if applied is not None or document.balance_cur != document.amount_cur:
        raise BusinessError(f"{name} cannot be voided: a payment applies to it.")
    if document.batch_number is None:
        raise BusinessError(f"{name} posted nothing and cannot be voided.")


def _release_problems(session: Session, document: SupplierDocument) -> list[str]:
    name = f"{document.document_type} '{document.reference_number}'"
    if document.released:
        return [f"{name} is already released."]
    if document.status == "Voided":
        return [f"{name} is voided."]
    if document.hold:
        return [f"{name} is on hold and cannot be released: clear 'Hold' first."]
    if not document.lines:
        return [f"{name} has no lines."]
    if document.ap_account is not None:
        return []  # a reversing document posts to its original's supplier ledger account
    account, subaccount, problems = ledger_entries.supplier_ledger_account(session, document.supplier)
    document.ap_account, document.ap_subaccount = account, subaccount
    return problems


def _post_release(session: Session, document: SupplierDocument) -> list[str]:
    if document.status == "Prebooked":
        # The prebooking posted the expense: the release moves the amount to the supplier ledger account.
        prebooked = (document.prebook_account.account_cd, _code(document.prebook_subaccount))
        description = f"Release of prebooked {document.document_type} {document.reference_number}"
        lines, problems = ledger_entries.settlement_entries(document, prebooked, document.amount, description), []
    else:
        lines, problems = ledger_entries.invoice_entries(session, document)
    if problems:
        return problems
    if not any(line.debit or line.credit for line in lines):
        return []  # a zero document posts nothing and closes at once
    try:
        batch = post(
            session,
            company_id=document.company_id,
            module=Module.AP,
            period=document.period_id,
            date=document.date,
            description=document.description or f"{document.document_type} {document.reference_number}",
            source=Source(document.document_type, document.reference_number),
            lines=lines,
        )
    except PostingRefused as refused:
        return refused.problems
    document.batch_number = batch.batch_number
    return []


def _code(subaccount) -> str | None:
    return subaccount.subaccount_cd if subaccount else None
