"""Customer payment use cases (AR302000): list, read, create and update unreleased payments whose lines
apply amounts to the customer's open documents, and release, which reduces those documents' balances,
closes the ones fully paid, and posts the payment: cash account debit, customer ledger control credit.

A line that applies to a credit note takes that credit into the payment, so an invoice and a credit note can
settle each other. What a released payment does not apply stays on the customer's account as a credit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager

from ..db.base import utcnow
from ..db.engine import Database
from ..documents.currency import currency_problems
from ..documents.lines import calendar_day, money
from ..documents.periods import PAYMENT_PERIODS, choose_period
from ..documents.references import PAYMENT_METHOD, CodeFields, reference_problems
from ..identity.companies import base_currency
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.conditions import DateCondition
from ..kit.document_lists import ListWindow, fetch_filtered
from ..kit.document_numbers import DocumentNumbers
from ..kit.errors import record_errors
from ..kit.keyed_lines import apply_keyed_operations, payment_line_book
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Listing, Page, PageResult
from ..kit.records import RecordKey, apply_scalars, find_by_code, resolve_code
from ..kit.responses import check_if_match
from ..ledger.models import Account
from ..ledger.periods import LedgerModule
from . import invoices
from .document_models import ZERO, CustomerInvoice, CustomerPayment, CustomerPaymentLine
from .document_schemas import PaymentUpdateDto
from .models import Customer

RESOURCE = "customerPayment"
MAX_PAGE_SIZE = DOCUMENT_MAX_PAGE_SIZE
LISTING = Listing(resource=RESOURCE, model=CustomerPayment, key=CustomerPayment.reference_number)
ENTITY, RECORD = "customer payment", "CustomerPayment"
NUMBERS = DocumentNumbers(
    RecordKey("referenceNumber", CustomerPayment.reference_number, "Reference number", "ARPAYMENT"),
    "Customer payments",
)
SUPPORTED_TYPES = ("Payment", "Prepayment")
APPLICABLE_TYPES = ("Invoice", "DebitNote", "CreditNote")

_SCALARS = {
    "type": ("payment_type", "Type", "Payment"),
    "hold": ("hold", "Hold", False),
    "paymentRef": ("payment_ref", "Payment ref.", None),
    "location": ("location", "Location", None),
    "paymentMethod": ("payment_method", "Payment method", None),
    "currency": ("currency_id", "Currency", None),
    "invoiceText": ("invoice_text", "Description", None),
}


@dataclass(frozen=True)
class PaymentFilters:
    payment_type: str | None = None
    status: str | None = None
    customer: str | None = None
    invoice_ref: str | None = None
    financial_period: str | None = None
    doc_date: DateCondition | None = None
    window: ListWindow = ListWindow()

    def conditions(self) -> list:
        found = []
        if self.payment_type:
            found.append(CustomerPayment.payment_type == self.payment_type)
        if self.status:
            found.append(CustomerPayment.status == self.status)
        if self.customer:
            found.append(CustomerPayment.customer.has(Customer.number == self.customer))
        if self.invoice_ref:
            applied = CustomerPaymentLine.invoice.has(CustomerInvoice.reference_number == self.invoice_ref)
            found.append(CustomerPayment.lines.any(applied))
        if self.financial_period:
            found.append(CustomerPayment.application_period == self.financial_period)
        if self.doc_date:
            found.append(self.doc_date.apply(CustomerPayment.application_date))
        return found + self.window.conditions(CustomerPayment.reference_number, CustomerPayment.last_modified_at)


def list_payments(db: Database, *, company_id: int, filters: PaymentFilters, page: Page) -> PageResult:
    with db.reading() as session:
        return fetch_filtered(session, LISTING, company_id=company_id, filters=filters, page=page)


def get_payment(db: Database, *, company_id: int, number: str) -> CustomerPayment:
    with db.reading() as session:
        return find_payment(session, company_id, number)


def create_payment(db: Database, *, company_id: int, dto: PaymentUpdateDto) -> tuple[CustomerPayment, list[str]]:
    with db.writing() as session:
        return enter_payment(session, company_id, dto.changes())


def enter_payment(session: Session, company_id: int, changes: dict) -> tuple[CustomerPayment, list[str]]:
    """`create_payment` in the caller's transaction (the demo seed enters its payments with it)."""
    payment = CustomerPayment(
        company_id=company_id,
        currency_id=base_currency(session, company_id),
        payment_type="Payment",
        hold=False,
        released=False,
        payment_amount=ZERO,
        lines=[],
    )
    ignored = NUMBERS.enter(
        session,
        payment,
        changes,
        lambda _ignored: _apply(session, payment, changes, inserting=True),
        entity=ENTITY,
        label=RECORD,
        resource=RESOURCE,
    )
    return payment, ignored


def update_payment(
    db: Database, *, company_id: int, number: str, dto: PaymentUpdateDto, if_match: str | None
) -> tuple[CustomerPayment, list[str]]:
    changes = dto.changes()
    with db.writing() as session:
        payment = find_payment(session, company_id, number, for_update=True)
        check_if_match(if_match, payment.row_version)
        ignored = [n for n in ("referenceNumber",) if changes.get(n) not in (None, payment.reference_number)]
        if payment.released:
            # The service's own words (ON-IT's background test).
            problems = ["Payment can't be updated because it is already released."]
        else:
            with session.no_autoflush:
                problems = _apply(session, payment, changes, inserting=False)
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        payment.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        session.flush()
        return payment, ignored


def find_payment(session: Session, company_id: int, number: str, *, for_update: bool = False) -> CustomerPayment:
    missing = messages.not_found("Customer payment", number)
    return NUMBERS.find(session, company_id, number, for_update=for_update, missing=missing)


_CODES = CodeFields({"paymentMethod": PAYMENT_METHOD})


def _apply(session: Session, payment: CustomerPayment, changes: dict, *, inserting: bool) -> list[str]:
    problems = apply_scalars(payment, changes, _SCALARS)
    if payment.payment_type not in SUPPORTED_TYPES:
        problems.append(f"Payment type '{payment.payment_type}' is not served; use Payment or Prepayment.")
    if "paymentAmount" in changes:
        amount = changes["paymentAmount"] or ZERO
        if amount < 0:
            problems.append("'Payment amount' cannot be less than 0.")
        payment.payment_amount = money(amount)
    problems += _apply_customer(session, payment, changes)
    problems += reference_problems(session, payment.company_id, changes, _CODES)
    if "cashAccount" in changes:
        payment.cash_account = (changes["cashAccount"] or "").strip() or None
        if payment.cash_account and not find_by_code(
            session, Account, Account.account_cd, payment.company_id, payment.cash_account
        ):
            problems.append(messages.cannot_be_found("Cash account", payment.cash_account))
    if "applicationDate" in changes or inserting:
        payment.application_date = calendar_day(changes.get("applicationDate")) or calendar_day(utcnow())
    problems += _apply_period(session, payment, changes)
    if payment.currency_id is None:
        payment.currency_id = payment.customer.currency_id if payment.customer else "NOK"
    problems += currency_problems(session, payment.company_id, payment.currency_id if "currency" in changes else None)
    if problems:
        return problems
    problems = _apply_lines(session, payment, changes.get("paymentLines") or [])
    return problems + _settle(payment)


def _apply_customer(session: Session, payment: CustomerPayment, changes: dict) -> list[str]:
    problems: list[str] = []
    if "customer" in changes:
        customer, problems = resolve_code(
            session, Customer, Customer.number, payment.company_id, changes["customer"], "Customer"
        )
        if (
            customer is not None
            and payment.customer is not None
            and customer.id != payment.customer.id
            and payment.lines
        ):
            problems.append("The customer cannot change while the payment has lines.")
        elif customer is not None:
            payment.customer = customer
            if "currency" not in changes:
                payment.currency_id = customer.currency_id
    if payment.customer is None and not (changes.get("customer") or "").strip():
        problems.append("'Customer' cannot be empty.")
    return problems


def _apply_period(session: Session, payment: CustomerPayment, changes: dict) -> list[str]:
    choice = choose_period(
        session,
        company_id=payment.company_id,
        changes=changes,
        fields=PAYMENT_PERIODS,
        day=payment.application_date.date(),
        current=payment.application_period,
        moved="applicationDate" in changes,
        module=LedgerModule.CUSTOMER_LEDGER,
    )
    if choice.period is not None:
        payment.application_period = choice.period
    return choice.problems


def _apply_lines(session: Session, payment: CustomerPayment, sent: list[dict]) -> list[str]:
    """Lines are named by the document they apply to (`documentType` + `refNbr`): the keyed-line engine's rules
    (`kit.keyed_lines`)."""

    def make(key: tuple[str, str]) -> tuple[CustomerPaymentLine | None, list[str]]:
        document, problem = _document(session, payment, *key)
        if problem:
            return None, [problem]
        line = CustomerPaymentLine(
            company_id=payment.company_id,
            invoice=document,
            amount_paid=ZERO,
            cash_discount_taken=ZERO,
            balance_write_off=ZERO,
            cross_rate=Decimal(1),
        )
        return line, []

    book = payment_line_book(
        payment.lines,
        document_of=lambda line: line.invoice,
        name=lambda key: f"{key[0]} {key[1]}",
        make=make,
        apply=lambda line, change, _inserting: _apply_line(line, change),
    )
    return apply_keyed_operations(book, list(payment.lines), sent)


def _document(
    session: Session, payment: CustomerPayment, kind: str, number: str
) -> tuple[CustomerInvoice | None, str | None]:
    document = session.scalars(
        select(CustomerInvoice).where(
            CustomerInvoice.company_id == payment.company_id,
            CustomerInvoice.reference_number == number,
            CustomerInvoice.document_type == kind,
        )
    ).first()
    if document is None or kind not in APPLICABLE_TYPES:
        return None, messages.cannot_be_found(kind, number)
    if payment.customer is not None and document.customer_id != payment.customer.id:
        return None, f"{kind} {number} belongs to customer {document.customer.number}, not {payment.customer.number}."
    if not document.released or not document.balance:
        return None, f"{kind} {number} is not open: only released documents with a balance can be paid."
    if document.exchange_rate != 1:
        # Its balance is in its currency and its ledger amount at its rate: a payment at another rate would
        # need a realised exchange gain or loss, which nettfin does not post.
        return None, (
            f"{kind} {number} is in {document.currency_id} at rate {document.exchange_rate}: customer payments "
            "apply to documents at rate 1 only (exchange differences are not posted)."
        )
    return document, None


def _apply_line(line: CustomerPaymentLine, sent: dict) -> list[str]:
    problems = []
    for wire in ("cashDiscountTaken", "balanceWriteOff", "writeOffReasonCode"):
        if sent.get(wire):
            problems.append(f"'{wire}' is not served yet: apply the amount paid only.")
    if "amountPaid" in sent:
        line.amount_paid = money(sent["amountPaid"] or ZERO)
    elif line.id is None:
        line.amount_paid = line.invoice.balance
    if line.amount_paid <= 0:
        problems.append("'Amount paid' must be greater than 0.")
    elif line.amount_paid > line.invoice.balance:
        problems.append(
            f"'Amount paid' ({line.amount_paid:.2f}) cannot exceed the document's balance ({line.invoice.balance:.2f})."
        )
    if sent.get("crossRate") is not None:
        line.cross_rate = sent["crossRate"]
    return problems


def _settle(payment: CustomerPayment) -> list[str]:
    """What the lines apply (credit notes count against it), what remains, and the status."""
    applied = sum((_signed(line) for line in payment.lines), ZERO)
    if applied < 0:
        return [f"The lines apply {applied:.2f}: credit notes cannot exceed the invoices they are applied with."]
    if applied > payment.payment_amount:
        return [f"The lines apply {applied:.2f}, more than the payment amount {payment.payment_amount:.2f}."]
    payment.applied_to_documents = applied
    payment.available_balance = payment.payment_amount - applied
    payment.status = payment_status(payment)
    return []


def _signed(line: CustomerPaymentLine) -> Decimal:
    return line.amount_paid if line.invoice.document_type in invoices.DEBIT_TYPES else -line.amount_paid


def payment_status(payment: CustomerPayment) -> str:
    if not payment.released:
        return "Hold" if payment.hold else "Balanced"
    return "Open" if payment.available_balance else "Closed"


def applications_of(db: Database, *, company_id: int, invoices) -> dict[int, list[CustomerPaymentLine]]:
    """The payment lines applied to each document (by document id), with their payments, in one query."""
    if not invoices:
        return {}
    with db.reading() as session:
        return applications_in(session, company_id=company_id, invoices=invoices)


def applications_in(session: Session, *, company_id: int, invoices) -> dict[int, list[CustomerPaymentLine]]:
    """`applications_of` in the caller's session."""
    ids = [invoice.id for invoice in invoices]
    if not ids:
        return {}
    statement = (
        select(CustomerPaymentLine)
        .join(CustomerPaymentLine.payment)
        .where(CustomerPaymentLine.company_id == company_id, CustomerPaymentLine.invoice_id.in_(ids))
        .options(contains_eager(CustomerPaymentLine.payment))
        .order_by(CustomerPayment.reference_number)
    )
    found: dict[int, list[CustomerPaymentLine]] = {}
    for line in session.scalars(statement).unique():
        found.setdefault(line.invoice_id, []).append(line)
    return found
