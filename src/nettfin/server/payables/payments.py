"""Supplier payment use cases (AP302000): list, read, create and update while unreleased, and release.

A payment's lines apply amounts to the supplier's open documents (a debit adjustment applied reduces what the
payment pays). Release takes the applied amounts off the documents' balances, closes those it pays in full,
and posts through the ledger's posting engine: the supplier ledger account debited, the cash account
credited. What the payment does not apply stays open on the supplier ledger account as its unapplied balance.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session, selectinload

from ..db.base import utcnow
from ..db.engine import Database
from ..documents.currency import currency_problems
from ..documents.periods import PAYMENT_PERIODS, choose_period
from ..documents.references import BRANCH, PAYMENT_METHOD, CodeFields, reference_problems
from ..identity.companies import base_currency
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.checks import fits_column
from ..kit.document_lists import fetch_filtered
from ..kit.document_numbers import DocumentNumbers
from ..kit.errors import BusinessError, NotFound, record_errors
from ..kit.keyed_lines import apply_keyed_operations, payment_line_book
from ..kit.paging import Listing, Page, PageResult
from ..kit.records import RecordKey, Scalars, apply_scalars, find_by_code, load_by_codes
from ..kit.responses import check_if_match
from ..ledger.journal import Module
from ..ledger.models import Account
from ..ledger.period_ids import parse_wire_date
from ..ledger.periods import LedgerModule
from ..ledger.posting import account_problems
from . import invoices, ledger_entries
from .document_filters import PaymentFilters
from .document_models import SupplierDocument, SupplierPayment, SupplierPaymentLine
from .document_schemas import SupplierPaymentUpdateDto
from .models import SUPPLIER_FOR_DOCUMENTS, Supplier

RESOURCE = "supplierPayment"
LISTING = Listing(resource=RESOURCE, model=SupplierPayment, key=SupplierPayment.reference_number)
ENTITY, RECORD = "supplier payment", "Payment"
NUMBERS = DocumentNumbers(
    RecordKey("referenceNumber", SupplierPayment.reference_number, "Reference number", "APPAYMENT"),
    "Supplier payments",
    scope=(SupplierPayment.payment_type,),
)
PAYMENT = "Payment"
ZERO = Decimal(0)
_BLOCKED_SUPPLIERS = ("Inactive", "OnHold", "HoldPayments")
READ_OPTIONS = (selectinload(SupplierPayment.lines),)
_SCALARS: Scalars = {
    "paymentRef": ("payment_ref", "Payment ref.", None),
    "description": ("description", "Description", None),
    "paymentMethod": ("payment_method", "Payment method", None),
    "branch": ("branch_number", "Branch", None),
    "hold": ("hold", "Hold", False),
}


@dataclass(frozen=True)
class PaymentPage:
    result: PageResult
    base_currency: str  # rendered payments say whether their currency is it


def list_payments(db: Database, *, company_id: int, filters: PaymentFilters, page: Page) -> PaymentPage:
    """A page of payments with their lines and the documents they pay, in a fixed number of queries."""
    with db.reading() as session:
        result = fetch_filtered(
            session, LISTING, company_id=company_id, filters=filters, page=page, options=READ_OPTIONS
        )
        return PaymentPage(result, base_currency(session, company_id))


def get_payment(
    db: Database, *, company_id: int, number: str, payment_type: str = PAYMENT
) -> tuple[SupplierPayment, str]:
    """The payment, and the company's base currency."""
    with db.reading() as session:
        return find_payment(session, company_id, number, payment_type), base_currency(session, company_id)


def create_payment(db: Database, *, company_id: int, dto: SupplierPaymentUpdateDto) -> tuple[SupplierPayment, list]:
    with db.writing() as session:
        return enter_payment(session, company_id, dto.changes())


def enter_payment(session: Session, company_id: int, changes: dict) -> tuple[SupplierPayment, list[str]]:
    """`create_payment` in the caller's transaction (the demo seed enters its payments with it)."""
    payment = SupplierPayment(company_id=company_id, payment_type=PAYMENT, status="Balanced", location_id="MAIN")

    def apply(_ignored: list[str]) -> list[str]:
        return _payment_type(changes) + _apply(session, payment, changes, inserting=True)

    ignored = NUMBERS.enter(session, payment, changes, apply, entity=ENTITY, label=RECORD, resource=RESOURCE)
    return payment, ignored


def update_payment(
    db: Database, *, company_id: int, number: str, dto: SupplierPaymentUpdateDto, if_match: str | None
) -> tuple[SupplierPayment, list[str]]:
    changes = dto.changes()
    with db.writing() as session, session.no_autoflush:
        payment = find_payment(session, company_id, number, PAYMENT, for_update=True)
        check_if_match(if_match, payment.row_version)
        if payment.released:
            raise BusinessError("Payment can't be updated because it is already released.")
        ignored = [name for name in ("referenceNumber", "type") if changes.get(name) not in (None, _key(payment, name))]
        problems = _apply(session, payment, changes, inserting=False)
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        payment.last_modified_at = utcnow()
        session.flush()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        return payment, ignored


def find_payment(
    session: Session, company_id: int, number: str, payment_type: str, *, for_update: bool = False
) -> SupplierPayment:
    return NUMBERS.find(
        session,
        company_id,
        number,
        where=(SupplierPayment.payment_type == payment_type,),
        for_update=for_update,
        options=READ_OPTIONS,
        missing=f"Supplier payment '{number}' of type {payment_type} not found.",
    )


def _key(payment: SupplierPayment, name: str) -> str:
    return payment.reference_number if name == "referenceNumber" else payment.payment_type


def _payment_type(changes: dict) -> list[str]:
    kind = changes.get("type")
    if kind is None or kind.value == PAYMENT:
        return []
    return [f"'Type' {kind.value} is not supported: nettfin enters supplier payments of type Payment."]


# --- writing ----------------------------------------------------------------------------------------------


def _apply(session: Session, payment: SupplierPayment, changes: dict, *, inserting: bool) -> list[str]:
    problems = _apply_supplier(session, payment, changes, inserting=inserting)
    problems += apply_scalars(payment, changes, _SCALARS)
    problems += _apply_date_and_period(session, payment, changes, inserting=inserting)
    problems += _apply_accounts(session, payment, changes)
    problems += reference_problems(session, payment.company_id, changes, _CODES)
    if problems:
        return problems
    problems = _apply_lines(session, payment, changes.get("paymentLines"))
    problems += _apply_amount(session, payment, changes, inserting=inserting)
    payment.status = "Hold" if payment.hold else "Balanced"
    return problems


_CODES = CodeFields({"paymentMethod": PAYMENT_METHOD, "branch": BRANCH}, supplier_side=True)


def _apply_supplier(session: Session, payment: SupplierPayment, changes: dict, *, inserting: bool) -> list[str]:
    if "supplier" not in changes:
        return ["'Supplier' cannot be empty."] if inserting else []
    code = (changes["supplier"] or "").strip()
    if not code:
        return ["'Supplier' cannot be empty."]
    supplier = find_by_code(session, Supplier, Supplier.number, payment.company_id, code, SUPPLIER_FOR_DOCUMENTS)
    if supplier is None:
        return [messages.cannot_be_found("Supplier", code)]
    if supplier.status in _BLOCKED_SUPPLIERS:
        return [f"Supplier '{code}' has the status {supplier.status}: it cannot be paid."]
    if payment.supplier is None or payment.supplier.id != supplier.id:
        payment.supplier = supplier
        payment.payment_method = changes.get("paymentMethod", supplier.payment_method_id)
        payment.cash_account = changes.get("cashAccount", supplier.cash_account)
        payment.currency_id = changes.get("currency") or supplier.currency_id
    return []


def _apply_date_and_period(session: Session, payment: SupplierPayment, changes: dict, *, inserting: bool) -> list:
    day, problems = parse_wire_date(changes.get("applicationDate"), label="Application date")
    if day or inserting:
        payment.application_date = day or payment.application_date or utcnow().date()
    choice = choose_period(
        session,
        company_id=payment.company_id,
        changes=changes,
        fields=PAYMENT_PERIODS,
        day=payment.application_date,
        current=payment.period_id,
        moved=day is not None,
        module=LedgerModule.SUPPLIER_LEDGER,
    )
    payment.period_id = choice.period or payment.period_id
    return problems + choice.problems


def _apply_accounts(session: Session, payment: SupplierPayment, changes: dict) -> list[str]:
    """The cash account (a GL cash account), the currency, the location."""
    problems: list[str] = []
    if "cashAccount" in changes:
        payment.cash_account = (changes["cashAccount"] or "").strip() or None
    if "currency" in changes:
        payment.currency_id = (changes["currency"] or "").strip().upper() or payment.currency_id
    if payment.cash_account:
        problems += _cash_account_problems(session, payment.company_id, payment.cash_account)
    location = (changes.get("location") or "MAIN").strip()
    if location.upper() != "MAIN":
        problems.append(messages.cannot_be_found("Location", location))
    problem = fits_column(SupplierPayment.__table__.c.currency_id, payment.currency_id, "Currency")
    if problem:
        return [*problems, problem]
    return problems + currency_problems(
        session, payment.company_id, payment.currency_id if "currency" in changes else None
    )


def _cash_account_problems(session: Session, company_id: int, code: str) -> list[str]:
    account = load_by_codes(session, Account, Account.account_cd, company_id, [code]).get(code)
    problems = account_problems(code, account, Module.AP)
    if account is not None and not account.cash_account:
        problems.append(f"Account '{code}' is not a cash account.")
    return [f"'Cash account': {problem}" for problem in problems]


def _apply_lines(session: Session, payment: SupplierPayment, sent: list[dict] | None) -> list[str]:
    """Insert, update and delete applications, each naming a document by type and reference number (the keyed-line
    engine's rules, `kit.keyed_lines`)."""

    def make(key: tuple[str, str]) -> tuple[SupplierPaymentLine | None, list[str]]:
        document = _payable_document(session, payment.company_id, *key)
        if isinstance(document, str):
            return None, [document]
        numbers = [ln.line_number for ln in payment.lines]
        line = SupplierPaymentLine(company_id=payment.company_id, line_number=max(numbers, default=0) + 1)
        line.document = document
        line.amount_paid = document.balance_cur
        return line, []

    book = payment_line_book(
        payment.lines,
        document_of=lambda line: line.document,
        name=lambda key: f"{key[0]} '{key[1]}'",
        make=make,
        apply=lambda line, change, _inserting: _apply_line(payment, line, change),
    )
    return apply_keyed_operations(book, list(payment.lines), sent or [])


def _apply_line(payment: SupplierPayment, line: SupplierPaymentLine, change: dict) -> list[str]:
    document = line.document
    name = f"{document.document_type} '{document.reference_number}'"
    problems = _line_document_problems(payment, document, name)
    if change.get("cashDiscountTaken"):
        problems.append(f"{name}: cash discounts are not supported; 'cashDiscountTaken' must be 0.")
    if change.get("amountPaid") is not None:
        line.amount_paid = change["amountPaid"]
    if line.amount_paid <= 0:
        problems.append(f"{name}: 'Amount paid' must be greater than 0.")
    elif line.amount_paid > document.balance_cur:
        left = document.balance_cur
        problems.append(f"{name}: 'Amount paid' {line.amount_paid:.2f} exceeds its balance {left:.2f}.")
    return problems


def _payable_document(session: Session, company_id: int, kind: str, number: str) -> SupplierDocument | str:
    try:
        return invoices.find_document(session, company_id, kind, number)
    except NotFound:
        return messages.cannot_be_found(kind, number)


def _line_document_problems(payment: SupplierPayment, document: SupplierDocument, name: str) -> list[str]:
    if document.supplier_id != payment.supplier.id:
        return [f"{name} is a document of supplier {document.supplier.number}, not of {payment.supplier.number}."]
    if document.status != "Open":
        return [f"{name} is not open (its status is {document.status}): only open documents can be paid."]
    if document.currency_id != payment.currency_id:
        return [f"{name} is in {document.currency_id}; the payment is in {payment.currency_id}."]
    return []


def applied_amount(payment: SupplierPayment) -> Decimal:
    """What the payment's lines pay: a debit adjustment reduces it."""
    return sum((ledger_entries.sign(line.document.document_type) * line.amount_paid for line in payment.lines), ZERO)


def _apply_amount(session: Session, payment: SupplierPayment, changes: dict, *, inserting: bool) -> list[str]:
    applied = applied_amount(payment)
    if changes.get("paymentAmount") is not None:
        payment.payment_amount = changes["paymentAmount"]
    elif inserting:
        payment.payment_amount = applied
    payment.unapplied_balance = payment.payment_amount - applied
    problems = []
    problem = fits_column(SupplierPayment.__table__.c.payment_amount, payment.payment_amount, "Payment amount")
    problems += [problem] if problem else []
    if applied < 0:
        problems.append(f"The payment's lines apply {applied:.2f}: a payment cannot apply less than 0.")
    if payment.unapplied_balance < 0:
        amount = payment.payment_amount
        problems.append(f"'Payment amount' {amount:.2f} is less than the amount applied, {applied:.2f}.")
    base = base_currency(session, payment.company_id)
    if payment.unapplied_balance and payment.currency_id != base:
        currency = payment.currency_id
        problems.append(f"A payment in {currency} must be applied in full: nettfin keeps no exchange rates.")
    return problems


@dataclass(frozen=True)
class PaymentSummary:
    """The amounts a payment shows: applied, unapplied, and its balance (released applications only)."""

    applied: Decimal
    unapplied: Decimal
    balance: Decimal

    @classmethod
    def of(cls, payment: SupplierPayment) -> PaymentSummary:
        applied = applied_amount(payment)
        # A released payment's unapplied balance is what is left of it: a write-off takes it to 0.
        unapplied = payment.unapplied_balance if payment.released else payment.payment_amount - applied
        return cls(applied, unapplied, unapplied if payment.released else payment.payment_amount)
