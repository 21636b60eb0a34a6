"""Credit write-offs (`SmallCreditWo`, made by the write-off process AR505000 with type Credit WO): a customer's
small credit balance, an open credit note or a payment's unapplied amount, written off.

Each credit written off becomes a released customer document of type `SmallCreditWo`, numbered in the customer
documents' series, whose amount is the credit: the customer ledger control account is debited (the customer is
no longer owed it) and the write-off reason's account credited, posted in the customer ledger (module AR) on the
write-off date. The credit's balance falls to 0 (a credit note closes; a payment closes with nothing left to
apply) and the write-off is closed at once. nettfin has no reason codes: the process names the account. The
API only reads write-offs (`/v1/customerCreditWriteOff`); the process runs from the CLI
(`nettfin admin receivables write-off-credits`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..documents.periods import DOCUMENT_PERIODS, choose_period
from ..kit.changes import bump_version
from ..kit.document_lists import fetch_filtered
from ..kit.errors import BusinessError
from ..kit.records import find_by_code
from ..ledger.journal import Module
from ..ledger.models import Account
from ..ledger.periods import LedgerModule
from ..ledger.posting import PostingLine, PostingRefused, Source, post
from . import invoices
from .document_models import ZERO, CustomerInvoice, CustomerPayment
from .invoice_release import CUSTOMER_RESOURCE, customer_ledger_account
from .models import Customer
from .note_applications import PAYMENT_TYPE as APPLICATION_TYPE

DOCUMENT_TYPE = "SmallCreditWo"


@dataclass(frozen=True)
class WriteOff:
    """The process's choices: the account written off against (the reason's), the largest credit written off,
    the customer (None: every customer), the day, and the reason's text."""

    account: str
    limit: Decimal
    customer: str | None = None
    day: date | None = None
    reason: str = "Credit write-off"


def write_off_credits(session: Session, company_id: int, choice: WriteOff) -> list[CustomerInvoice]:
    """Write off every open credit up to the limit (of the customer chosen): the write-offs made, in order."""
    control = customer_ledger_account(session, company_id)
    problems = [] if control is not None else ["No customer ledger account: no account is controlled by AR."]
    account = find_by_code(session, Account, Account.account_cd, company_id, choice.account)
    if account is None or not account.active:
        problems.append(f"Write-off account '{choice.account}' cannot be found or is inactive.")
    elif control is not None and account.account_cd == control.account_cd:
        problems.append("The write-off account cannot be the customer ledger control account.")
    if choice.limit <= 0:
        problems.append("The write-off limit must be greater than 0.")
    customer = None
    if choice.customer is not None:
        customer = find_by_code(session, Customer, Customer.number, company_id, choice.customer)
        if customer is None:
            problems.append(f"Customer '{choice.customer}' cannot be found.")
    day = choice.day or utcnow().date()
    when = datetime.combine(day, time(), tzinfo=UTC)
    period = choose_period(
        session,
        company_id=company_id,
        changes={},
        fields=DOCUMENT_PERIODS,
        day=day,
        current=None,
        moved=True,
        module=LedgerModule.CUSTOMER_LEDGER,
    )
    problems += period.problems
    if problems:
        raise BusinessError("The credits cannot be written off.\r\n" + "".join(f"Error: {p}\r\n" for p in problems))
    made = []
    for credit in _open_credits(session, company_id, customer, choice.limit):
        made.append(_write_off(session, credit, control.account_cd, account.account_cd, when, period.period, choice))
    if made:
        for resource in (invoices.RESOURCE, CUSTOMER_RESOURCE, "customerPayment"):
            bump_version(session, company_id=company_id, resource=resource)
    return made


def _open_credits(session: Session, company_id: int, customer: Customer | None, limit: Decimal) -> list:
    """Released credit notes and payments with a credit left, at most the limit, at rate 1, oldest first."""
    notes = select(CustomerInvoice).where(
        CustomerInvoice.company_id == company_id,
        CustomerInvoice.document_type == "CreditNote",
        CustomerInvoice.released.is_(True),
        CustomerInvoice.balance > 0,
        CustomerInvoice.balance <= limit,
        CustomerInvoice.exchange_rate == 1,
    )
    payments = select(CustomerPayment).where(
        CustomerPayment.company_id == company_id,
        CustomerPayment.released.is_(True),
        CustomerPayment.payment_type != APPLICATION_TYPE,
        CustomerPayment.status == "Open",
        CustomerPayment.available_balance > 0,
        CustomerPayment.available_balance <= limit,
    )
    if customer is not None:
        notes = notes.where(CustomerInvoice.customer_id == customer.id)
        payments = payments.where(CustomerPayment.customer_id == customer.id)
    found = list(session.scalars(notes.order_by(CustomerInvoice.id).with_for_update(of=CustomerInvoice)))
    found += list(session.scalars(payments.order_by(CustomerPayment.id).with_for_update(of=CustomerPayment)))
    return found


def _write_off(
    session: Session, credit, control: str, account: str, when: datetime, period: str, choice: WriteOff
) -> CustomerInvoice:
    is_note = isinstance(credit, CustomerInvoice)
    amount = credit.balance if is_note else credit.available_balance
    name = f"{'credit note' if is_note else credit.payment_type.lower()} {credit.reference_number}"
    document = invoices.new_invoice(credit.company_id, credit.currency_id, DOCUMENT_TYPE)
    document.reference_number = invoices.NUMBERS.allocate(session, credit.company_id)
    document.customer = credit.customer
    document.vat_zone = credit.vat_zone if is_note else credit.customer.vat_zone
    document.document_date = document.due_date = document.cash_discount_date = when
    document.post_period = document.financial_period = document.closed_period = period
    document.invoice_text = f"{choice.reason}: {name}"[:255]
    document.payment_reference = credit.reference_number
    document.original_id = credit.id if is_note else None
    document.amount = document.detail_total = amount
    party = credit.customer.number
    try:
        batch = post(
            session,
            company_id=credit.company_id,
            module=Module.AR,
            period=period,
            date=when.date(),
            description=document.invoice_text,
            source=Source(DOCUMENT_TYPE, document.reference_number),
            lines=[
                PostingLine(account=control, debit=amount, party=party),
                PostingLine(account=account, credit=amount, party=party),
            ],
        )
    except PostingRefused as refused:
        text = "".join(f"Error: {p}\r\n" for p in refused.problems)
        raise BusinessError(f"The {name} cannot be written off.\r\n{text}") from None
    document.batch_number = batch.batch_number
    document.released = True
    document.balance = ZERO
    document.status = invoices.document_status(document)
    document.created_at = document.last_modified_at = utcnow()
    session.add(document)
    if is_note:
        credit.balance = ZERO
        credit.status = invoices.document_status(credit)
        credit.closed_period = period
    else:
        credit.available_balance = ZERO
        credit.status = "Closed"
    credit.last_modified_at = utcnow()
    session.flush()
    return document


# --- reading ------------------------------------------------------------------------------------------------


def list_write_offs(db, *, company_id: int, filters: invoices.InvoiceFilters, page):
    """A page of the write-offs and the customer ledger account they post to."""
    with db.reading() as session:
        result = fetch_filtered(
            session,
            invoices.LISTING,
            company_id=company_id,
            filters=replace(filters, document_type=DOCUMENT_TYPE),
            page=page,
        )
        return result, customer_ledger_account(session, company_id)


def get_write_off(db, *, company_id: int, number: str) -> tuple[CustomerInvoice, Account | None]:
    with db.reading() as session:
        found = invoices.find_invoice(session, company_id, number, kind=KIND)
        return found, customer_ledger_account(session, company_id)


KIND = invoices.Kind(DOCUMENT_TYPE, DOCUMENT_TYPE, "Customer credit write-off", "CustomerCreditWriteOff")
