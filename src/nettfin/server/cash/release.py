"""Releasing and reversing cash transactions.

Release posts the transaction through the posting engine (module CA, its period open in cash management): the
cash account against the offset accounts (`transactions.posting_lines`), and the transaction keeps the batch.
Reverse does what the service's Reverse does: a new, unreleased (Balanced) cash transaction with the same
header and details and negative amounts, naming the original; releasing it posts the mirror image.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database, retrying_write
from ..kit.changes import bump_version
from ..kit.errors import BusinessError, record_errors
from ..kit.responses import check_if_match
from ..ledger.journal import Module
from ..ledger.posting import PostingRefused, Source, post
from .models import CashTransaction, CashTransactionLine
from .transactions import (
    ENTITY,
    NUMBERS,
    RECORD,
    RESOURCE,
    control_problem,
    find_transaction,
    posting_lines,
    status_of,
)


@retrying_write
def release_transaction(db: Database, *, company_id: int, number: str, if_match: str | None) -> CashTransaction:
    with db.writing() as session:
        transaction = find_transaction(session, company_id, number, for_update=True)
        check_if_match(if_match, transaction.row_version)
        return post_transaction(session, transaction)


def post_transaction(session: Session, transaction: CashTransaction) -> CashTransaction:
    """Release a transaction found for update, in the caller's transaction (the demo seeds with it)."""
    number, company_id = transaction.reference_number, transaction.company_id
    if transaction.released:
        raise BusinessError(f"Cash transaction {number} is already released.")
    if transaction.hold:
        raise BusinessError(f"Cash transaction {number} is on hold and cannot be released: clear 'Hold' first.")
    problems = []
    if not transaction.amount:
        problems.append("The transaction has no amount: add details with amounts before releasing it.")
    problem = control_problem(transaction)
    problems += [problem] if problem else []
    if not problems:
        try:
            batch = post(
                session,
                company_id=company_id,
                module=Module.CA,
                period=transaction.period_id,
                date=transaction.tran_date.date(),
                description=transaction.description or f"Cash transaction {number}",
                source=Source("CashTransaction", number),
                lines=posting_lines(transaction),
            )
        except PostingRefused as refused:
            problems = refused.problems
    if problems:
        raise record_errors(action="releasing", entity=ENTITY, record=RECORD, errors=problems)
    transaction.batch_number = batch.batch_number
    transaction.released = True
    transaction.status = status_of(transaction)
    transaction.last_modified_at = utcnow()
    bump_version(session, company_id=company_id, resource=RESOURCE)
    session.flush()
    return transaction


@retrying_write
def reverse_transaction(db: Database, *, company_id: int, number: str, if_match: str | None) -> CashTransaction:
    """The reversing transaction (Balanced, unreleased): the original's header and details, amounts negated."""
    with db.writing() as session:
        original = find_transaction(session, company_id, number, for_update=True)
        check_if_match(if_match, original.row_version)
        if not original.released:
            raise BusinessError(f"Cash transaction {number} is not released: only a released transaction is reversed.")
        earlier = session.scalar(
            select(CashTransaction.reference_number).where(
                CashTransaction.company_id == company_id, CashTransaction.reverses == number
            )
        )
        if earlier is not None:
            raise BusinessError(f"Cash transaction {number} is already reversed by cash transaction {earlier}.")
        now = utcnow()
        reversing = CashTransaction(
            company_id=company_id,
            reference_number=NUMBERS.allocate(session, company_id),
            hold=False,
            released=False,
            tran_date=original.tran_date,
            period_id=original.period_id,
            cash_account=original.cash_account,
            entry_type=original.entry_type,
            document_ref=original.document_ref,
            description=original.description,
            amount=-original.amount,
            control_total=None,
            reverses=number,
            created_at=now,
            last_modified_at=now,
            lines=[
                CashTransactionLine(
                    company_id=company_id,
                    line_number=line.line_number,
                    branch_cd=line.branch_cd,
                    description=line.description,
                    quantity=-line.quantity,
                    uom=line.uom,
                    price=line.price,
                    amount=-line.amount,
                    offset_account=line.offset_account,
                    offset_subaccount=line.offset_subaccount,
                )
                for line in original.lines
            ],
        )
        reversing.status = status_of(reversing)
        session.add(reversing)
        session.flush()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        return reversing
