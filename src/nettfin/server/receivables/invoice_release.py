"""Releasing customer documents to the ledger, and reversing an invoice with a credit note.

An invoice's release posts one balanced batch through the posting engine: the customer ledger control
account is debited with the document total, the revenue accounts of its lines are credited with their
amounts excluding VAT, and the VAT payable account of each VAT ID with its VAT. A credit note posts the
mirror image. Two concurrent releases of one document post once: the second waits for the document's row
lock (BEGIN IMMEDIATE on SQLite) and then finds it released.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database, retrying_write
from ..documents.currency import balance_on_last, to_base
from ..kit.changes import bump_version
from ..kit.errors import BusinessError
from ..kit.records import load_by_codes
from ..kit.responses import check_if_match
from ..ledger.journal import Module
from ..ledger.models import Account
from ..ledger.posting import PostingLine, PostingRefused, Source, post
from ..projects.lookup import check_project
from ..tax.models import Vat
from . import invoice_lines
from .document_models import ZERO, CustomerInvoice
from .invoice_vat import determine_invoice_vat
from .invoices import (
    CASH_TYPES,
    DEBIT_TYPES,
    INVOICES,
    NUMBERS,
    RESOURCE,
    Kind,
    document_status,
    find_invoice,
    new_invoice,
)

CUSTOMER_RESOURCE = "customer"


def customer_ledger_account(session: Session, company_id: int) -> Account | None:
    """The customer ledger control account: the company's lowest-numbered account controlled by AR (customer
    classes do not carry GL accounts in nettfin yet)."""
    statement = (
        select(Account)
        .where(Account.company_id == company_id, Account.control_account_module == "AR", Account.active.is_(True))
        .order_by(Account.account_cd)
    )
    return session.scalars(statement).first()


@retrying_write
def release_invoice(
    db: Database, *, company_id: int, number: str, if_match: str | None = None, kind: Kind = INVOICES
) -> CustomerInvoice:
    with db.writing() as session:
        invoice = find_invoice(session, company_id, number, kind=kind, for_update=True)
        check_if_match(if_match, invoice.row_version)
        release(session, invoice)
        return invoice


def release(session: Session, invoice: CustomerInvoice) -> None:
    """`release_invoice` in the caller's transaction, on a document it has locked (or has just entered)."""
    problems = _release_problems(invoice)
    if problems:
        raise _refused(invoice, problems)
    try:
        batch = _post_invoice(session, invoice)
    except PostingRefused as refused:
        raise _refused(invoice, refused.problems) from None
    invoice.released = True
    invoice.batch_number = batch.batch_number if batch is not None else None
    # A cash sale is paid as it is released: nothing is left open.
    invoice.balance = ZERO if invoice.document_type in CASH_TYPES else invoice.amount
    invoice.status = document_status(invoice)
    invoice.closed_period = None if invoice.balance else invoice.post_period
    invoice.last_modified_at = utcnow()
    bump_version(session, company_id=invoice.company_id, resource=RESOURCE)
    bump_version(session, company_id=invoice.company_id, resource=CUSTOMER_RESOURCE)
    session.flush()


def _refused(invoice: CustomerInvoice, problems: list[str]) -> BusinessError:
    lines = "".join(f"Error: {problem}\r\n" for problem in problems)
    return BusinessError(f"The document {invoice.reference_number} cannot be released.\r\n{lines}")


def _release_problems(invoice: CustomerInvoice) -> list[str]:
    if invoice.released:
        return [f"The document {invoice.reference_number} is already released."]
    if invoice.hold:
        return [f"The document {invoice.reference_number} is on hold: take it off hold (hold false) first."]
    if not invoice.lines:
        return [f"The document {invoice.reference_number} has no lines."]
    return []


def _post_invoice(session: Session, invoice: CustomerInvoice):
    """The document's batch; None for a document whose total is zero (there is nothing to post)."""
    lines, problems = posting_lines(session, invoice)
    if problems:
        raise PostingRefused(problems)
    if not lines:
        return None
    return post(
        session,
        company_id=invoice.company_id,
        module=Module.AR,
        period=invoice.post_period,
        date=invoice.document_date.date(),
        description=invoice.invoice_text or f"{invoice.document_type} {invoice.reference_number}",
        source=Source(invoice.document_type, invoice.reference_number),
        lines=lines,
    )


def posting_lines(session: Session, invoice: CustomerInvoice) -> tuple[list[PostingLine], list[str]]:
    """The batch lines of a release and the problems that prevent it: the control account's debit, revenue
    and VAT credits; a credit note's are mirrored."""
    found = determine_invoice_vat(session, invoice)
    if isinstance(found, list):
        return [], found
    if invoice.document_type in CASH_TYPES:
        # Paid at once: the cash account its entry chose takes the debit the customer ledger would.
        control, problems = SimpleNamespace(account_cd=invoice.cash_account), []
    else:
        control = customer_ledger_account(session, invoice.company_id)
        problems = (
            [] if control is not None else ["No customer ledger account: the company has no account controlled by AR."]
        )
    refs_by_line = []
    for index, line in enumerate(invoice.lines):
        if line.account is None:
            problems.append(f"invoiceLines[{index}]: 'Account' cannot be empty (the line has no sales account).")
            refs_by_line.append(None)
            continue
        # The project as it is when the document posts (one closed since refuses the release).
        refs, refused = check_project(session, invoice.company_id, invoice.project, line.task_id, task_label="Task")
        problems += [f"invoiceLines[{index}]: {problem}" for problem in refused]
        refs_by_line.append(refs)
    # In the base currency (`documents.currency`): the total whole, each VAT and line on its own, the
    # rounding onto the last line.
    rate = invoice.exchange_rate
    vat_base = [(vat_id, to_base(amount, rate)) for vat_id, amount in found.document.totals]
    vat_total = sum((amount for _, amount in vat_base), ZERO)
    taxable = [line_vat.taxable for line_vat in found.document.lines]
    total = to_base(sum(taxable, ZERO) + found.document.total, rate)
    lines_base = balance_on_last(total, [to_base(amount, rate) for amount in taxable], vat_total)
    revenue: dict[tuple[str, str | None, int | None, int | None], Decimal] = defaultdict(lambda: ZERO)
    for line, refs, amount in zip(invoice.lines, refs_by_line, lines_base, strict=True):
        if refs is not None:
            account = line.account.account_cd, line.subaccount.subaccount_cd if line.subaccount else None
            revenue[(*account, refs.project_id, refs.task_id)] += amount
    vats = load_by_codes(session, Vat, Vat.vat_id, invoice.company_id, [v for v, _ in found.document.totals])
    vat_lines = []
    for vat_id, amount in vat_base:
        vat = vats.get(vat_id)
        if amount and (vat is None or vat.payable_account is None):
            problems.append(f"VAT '{vat_id}' has no VAT payable account.")
        elif amount:
            sub = vat.payable_subaccount.subaccount_cd if vat.payable_subaccount else None
            vat_lines.append(_credit(vat.payable_account.account_cd, sub, amount, vat_id=vat_id))
    if problems:
        return [], problems
    customer = invoice.customer.number
    lines = [_debit(control.account_cd, None, total, party=customer)] if total else []
    lines += [
        _credit(account, sub, amount, party=customer, project_id=project, project_task_id=task)
        for (account, sub, project, task), amount in revenue.items()
        if amount
    ]
    lines += vat_lines
    mirrored = invoice.document_type not in DEBIT_TYPES + CASH_TYPES
    return ([_mirror(x) for x in lines] if mirrored else lines), []


def _debit(account: str, sub: str | None, amount: Decimal, **extra) -> PostingLine:
    """A debit; a negative amount is a credit (a line with negative quantity)."""
    if amount < 0:
        return PostingLine(account=account, subaccount=sub, credit=-amount, **extra)
    return PostingLine(account=account, subaccount=sub, debit=amount, **extra)


def _credit(account: str, sub: str | None, amount: Decimal, **extra) -> PostingLine:
    return _mirror(_debit(account, sub, amount, **extra))


def _mirror(line: PostingLine) -> PostingLine:
    return PostingLine(**{**line.__dict__, "debit": line.credit, "credit": line.debit})


def reverse_invoice(db: Database, *, company_id: int, number: str, if_match: str | None = None) -> CustomerInvoice:
    """An unreleased credit note for a released invoice, line for line, dated and posted like the invoice."""
    with db.writing() as session:
        invoice = find_invoice(session, company_id, number, for_update=True)
        check_if_match(if_match, invoice.row_version)
        return reversal_note(session, invoice)


def reversal_note(session: Session, invoice: CustomerInvoice) -> CustomerInvoice:
    """`reverse_invoice` in the caller's transaction, on an invoice it has locked: the new credit note (flushed)."""
    company_id = invoice.company_id
    if not invoice.released or invoice.document_type not in DEBIT_TYPES:
        raise BusinessError(
            f"The document {invoice.reference_number} cannot be reversed: only released invoices and debit "
            "notes can be reversed."
        )
    existing = session.scalar(
        select(CustomerInvoice.reference_number).where(
            CustomerInvoice.company_id == company_id, CustomerInvoice.original_id == invoice.id
        )
    )
    if existing:
        raise BusinessError(f"The document {invoice.reference_number} is already reversed by credit note {existing}.")
    note = document_copy(session, invoice)
    note.original_id = invoice.id
    note.invoice_text = f"Reversal of {invoice.document_type.lower()} {invoice.reference_number}"[:255]
    session.add(note)
    session.flush()
    bump_version(session, company_id=company_id, resource=RESOURCE)
    return note


def document_copy(session: Session, invoice: CustomerInvoice, document_type: str = "CreditNote") -> CustomerInvoice:
    """An unreleased document of `document_type` with the document's header, lines and totals and a new number."""
    note = new_invoice(invoice.company_id, invoice.currency_id, document_type)
    for attr in (
        "customer",
        "credit_terms",
        "vat_zone",
        "document_date",
        "due_date",
        "cash_discount_date",
        "post_period",
        "financial_period",
        "exchange_rate",
        "branch",
        "project",
        "location_id",
    ):
        setattr(note, attr, getattr(invoice, attr))
    note.reference_number = NUMBERS.allocate(session, invoice.company_id)
    for line in invoice.lines:
        copy = invoice_lines.new_line(note, line.line_number)
        for attr in (
            "item",
            "description",
            "quantity",
            "uom",
            "unit_price",
            "manual_amount",
            "discount_percent",
            "discount_amount",
            "manual_discount",
            "amount",
            "account",
            "subaccount",
            "vat_category",
            "vat_code_given",
            "vat_id",
            "vat_amount",
            "branch",
            "item_type",
        ):
            setattr(copy, attr, getattr(line, attr))
    for attr in ("detail_total", "discount_total", "vat_taxable_total", "vat_exempt_total", "vat_total", "amount"):
        setattr(note, attr, getattr(invoice, attr))
    note.tax_details = list(invoice.tax_details)
    note.balance = note.amount
    note.status = document_status(note)
    note.created_at = note.last_modified_at = utcnow()
    return note
