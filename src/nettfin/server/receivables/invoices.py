"""Customer invoice use cases (AR301000): list, read, create, update and delete unreleased documents, with
the service's validation wording. Totals and VAT are computed from the lines on every write; the period must
exist and be open in the customer ledger. Release and reverse are in `release.py`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from sqlalchemy.orm import Session, joinedload, load_only, raiseload, selectinload

from ..db.base import utcnow
from ..db.engine import Database
from ..documents.currency import document_rate
from ..documents.lines import LineLedger, calendar_day
from ..documents.parties import PartyFields, apply_party
from ..documents.periods import DOCUMENT_PERIODS, choose_period
from ..documents.references import BRANCH, PAYMENT_METHOD, CodeFields, reference_problems
from ..identity.companies import base_currency
from ..inventory.models import InventoryItem
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.conditions import DateCondition
from ..kit.document_lists import ListWindow, fetch_filtered
from ..kit.document_numbers import DocumentNumbers
from ..kit.errors import BusinessError, record_errors
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Listing, Page, PageResult
from ..kit.records import RecordKey, apply_nested, apply_scalars, load_by_codes
from ..kit.responses import check_if_match
from ..ledger.periods import LedgerModule
from ..ledger.subaccounts import SegmentNames, segment_names
from ..projects.lookup import check_project
from ..tax.models import Vat
from . import invoice_lines
from .document_models import ZERO, CustomerInvoice, CustomerInvoiceLine
from .invoice_vat import compute_totals
from .models import Customer

RESOURCE = "customerInvoice"
MAX_PAGE_SIZE = DOCUMENT_MAX_PAGE_SIZE
LISTING = Listing(resource=RESOURCE, model=CustomerInvoice, key=CustomerInvoice.reference_number)


@dataclass(frozen=True)
class Kind:
    """The customer documents one endpoint serves: the type it enters (`enters`), the type it finds by number
    (`finds`; None: any, as `/customerinvoice/{number}` reads credit notes too), the names its messages use
    (`Customer credit note '7' not found.`, `Error inserting the customer credit note. ...`) and its body's name
    for the lines (`lines[0]: ...`)."""

    enters: str
    finds: str | None
    label: str
    record: str
    lines: str = "invoiceLines"
    # The type's own rules after totals and VAT (a cash sale's cash account): the problems found.
    check: Callable[[Session, CustomerInvoice], list[str]] | None = None

    @property
    def entity(self) -> str:
        return self.label.lower()


INVOICES = Kind("Invoice", None, "Customer invoice", "CustomerInvoice")
CREDIT_NOTES = Kind("CreditNote", "CreditNote", "Customer credit note", "CustomerCreditNote", "lines")
DEBIT_NOTES = Kind("DebitNote", "DebitNote", "Customer debit note", "CustomerDebitNote", "lines")
# Invoices, debit notes and credit notes share one series and one number space.
NUMBERS = DocumentNumbers(
    RecordKey("referenceNumber", CustomerInvoice.reference_number, "Reference number", "ARINVOICE"),
    "Customer documents",
)
# Types whose balance the customer owes (an overdue charge is a `FinCharge`); a credit note's balance is owed to
# the customer.
DEBIT_TYPES = ("Invoice", "DebitNote", "FinCharge")
# Types paid at once: their release posts the cash account, not the customer ledger, and leaves no balance.
CASH_TYPES = ("CashSale", "CashReturn")

_SCALARS = {
    "hold": ("hold", "Hold", False),
    "invoiceText": ("invoice_text", "Invoice text", None),
    "locationId": ("location_id", "Location", None),
    "currencyId": ("currency_id", "Currency", None),
    "paymentMethodId": ("payment_method_id", "Payment method", None),
    "customerRefNumber": ("customer_ref_number", "Customer ref. no.", None),
    "externalReference": ("external_reference", "External reference", None),
    "paymentReference": ("payment_reference", "Payment ref.", None),
    "customerProject": ("customer_project", "Customer project no.", None),
    "project": ("project", "Project", None),
    "contact": ("contact_id", "Contact", None),
    "salesperson": ("salesperson", "Salesperson", None),
    "note": ("note", "Note", None),
    "branchNumber": ("branch", "Branch", None),
    "cashAccount": ("cash_account", "Cash account", None),
    "sendToAutoInvoice": ("send_to_auto_invoice", "Send to AutoInvoice", False),
    "dontPrint": ("dont_print", "Do not print", True),
    "dontEmail": ("dont_email", "Do not email", True),
    "revoked": ("revoked", "Revoked", False),
    "accountingCostRef": ("accounting_cost_ref", "Accounting cost ref.", None),
    "originatorDocRef": ("originator_doc_ref", "Originator doc. ref.", None),
    "contractDocRef": ("contract_doc_ref", "Contract doc. ref.", None),
    "excludeDebtCollection": ("exclude_debt_collection", "Exclude debt collection", False),
}
_CUSTOMER = PartyFields(
    "customerNumber", "Customer", Customer, "customer", "creditTermsId", "customerVatZoneId", "currencyId"
)
_CODES = CodeFields(
    {"branchNumber": BRANCH, "paymentMethodId": PAYMENT_METHOD}, "invoiceLines", {"branchNumber": BRANCH}
)
_NESTED = {"billingAddress": "billing_address", "invoiceContact": "invoice_contact"}
_DATES = {
    "documentDate": "document_date",
    "origInvoiceDate": "orig_invoice_date",
    "documentDueDate": "due_date",
    "cashDiscountDate": "cash_discount_date",
    "startDate": "start_date",
    "endDate": "end_date",
}


@dataclass(frozen=True)
class InvoiceFilters:
    document_type: str | None = None
    released: bool | None = None
    status: str | None = None
    customer: str | None = None
    branch: str | None = None
    project: str | None = None
    financial_period: str | None = None
    closed_period: str | None = None
    external_reference: str | None = None
    payment_reference: str | None = None
    customer_ref_number: str | None = None
    document_date: DateCondition | None = None
    due_date: DateCondition | None = None
    window: ListWindow = ListWindow()

    def conditions(self) -> list:
        found = []
        for value, column in (
            (self.document_type, CustomerInvoice.document_type),
            (self.status, CustomerInvoice.status),
            (self.branch, CustomerInvoice.branch),
            (self.project, CustomerInvoice.project),
            (self.financial_period, CustomerInvoice.financial_period),
            (self.closed_period, CustomerInvoice.closed_period),
            (self.external_reference, CustomerInvoice.external_reference),
            (self.payment_reference, CustomerInvoice.payment_reference),
            (self.customer_ref_number, CustomerInvoice.customer_ref_number),
        ):
            if value:
                found.append(column == value)
        if self.released is not None:
            found.append(CustomerInvoice.released.is_(self.released))
        if self.customer:
            found.append(CustomerInvoice.customer.has(Customer.number == self.customer))
        for condition, column in (
            (self.document_date, CustomerInvoice.document_date),
            (self.due_date, CustomerInvoice.due_date),
        ):
            if condition:
                found.append(condition.apply(column))
        return found + self.window.conditions(
            CustomerInvoice.reference_number, CustomerInvoice.last_modified_at, CustomerInvoice.created_at
        )


@dataclass(frozen=True)
class InvoiceReferences:
    """What rendering a page of documents needs beyond their rows: segment names and the VAT IDs, by code."""

    segment_names: SegmentNames
    vats: dict[str, Vat]


def invoice_references(session: Session, company_id: int, invoices) -> InvoiceReferences:
    lines = [line for invoice in invoices for line in invoice.lines]
    vat_ids = [x.vat_id for x in lines] + [d["taxId"] for i in invoices for d in i.tax_details or []]
    return InvoiceReferences(
        segment_names(session, company_id),
        load_by_codes(session, Vat, Vat.vat_id, company_id, vat_ids),
    )


# What reading renders: the customer's number, name, addresses and contacts, a line's item number, account and
# subaccount. The joined defaults would bring the customer's parent, class, terms and zone, each line's item with
# its classes and warehouses and its account's class. (Below a selectinload the wildcard has to be chained,
# `.lazyload("*")`.)
_LINES = selectinload(CustomerInvoice.lines)
READ_OPTIONS = (
    joinedload(CustomerInvoice.customer).options(
        load_only(
            Customer.number,
            Customer.name,
            Customer.main_address,
            Customer.main_contact,
            Customer.invoice_address,
            Customer.invoice_contact,
        ),
        raiseload("*"),
    ),
    _LINES.joinedload(CustomerInvoiceLine.item).load_only(InventoryItem.number),
    _LINES.joinedload(CustomerInvoiceLine.item).lazyload("*"),
    _LINES.joinedload(CustomerInvoiceLine.account).lazyload("*"),
)


def list_invoices(
    db: Database, *, company_id: int, filters: InvoiceFilters, page: Page
) -> tuple[PageResult, InvoiceReferences]:
    with db.reading() as session:
        result = fetch_filtered(
            session, LISTING, company_id=company_id, filters=filters, page=page, options=READ_OPTIONS
        )
        return result, invoice_references(session, company_id, result.rows)


def get_invoice(
    db: Database, *, company_id: int, number: str, kind: Kind = INVOICES
) -> tuple[CustomerInvoice, InvoiceReferences]:
    with db.reading() as session:
        invoice = find_invoice(session, company_id, number, kind=kind, options=READ_OPTIONS)
        return invoice, invoice_references(session, company_id, [invoice])


def create_invoice(
    db: Database, *, company_id: int, changes: dict, kind: Kind = INVOICES
) -> tuple[CustomerInvoice, list[str]]:
    """A new document of the kind's type from a body's changes (in the invoice's member names), and the
    request fields the service ignored (a number it replaced, VAT lines)."""
    with db.writing() as session:
        return enter_invoice(session, company_id, changes, kind)


def enter_invoice(
    session: Session, company_id: int, changes: dict, kind: Kind = INVOICES
) -> tuple[CustomerInvoice, list[str]]:
    """`create_invoice` in the caller's transaction (the demo seed enters its documents with it)."""
    invoice = new_invoice(company_id, base_currency(session, company_id), kind.enters)
    ignored = NUMBERS.enter(
        session,
        invoice,
        changes,
        lambda _ignored: _apply(session, invoice, changes, inserting=True, kind=kind),
        entity=kind.entity,
        label=kind.record,
        resource=RESOURCE,
    )
    return invoice, ignored + _ignored_tax_lines(changes)


def update_invoice(
    db: Database, *, company_id: int, number: str, changes: dict, if_match: str | None, kind: Kind = INVOICES
) -> tuple[CustomerInvoice, list[str]]:
    with db.writing() as session:
        return amend_invoice(session, company_id, number, changes, if_match, kind)


def amend_invoice(
    session: Session, company_id: int, number: str, changes: dict, if_match: str | None, kind: Kind = INVOICES
) -> tuple[CustomerInvoice, list[str]]:
    """`update_invoice` in the caller's transaction."""
    invoice = find_invoice(session, company_id, number, kind=kind, for_update=True)
    check_if_match(if_match, invoice.row_version)
    ignored = [n for n in ("referenceNumber",) if changes.get(n) not in (None, invoice.reference_number)]
    if invoice.released:
        problems = [released_refusal(invoice, "changed")]
    else:
        with session.no_autoflush:
            problems = _apply(session, invoice, changes, inserting=False, kind=kind)
    if problems:
        raise record_errors(action="updating", entity=kind.entity, record=kind.record, errors=problems)
    invoice.last_modified_at = utcnow()
    bump_version(session, company_id=company_id, resource=RESOURCE)
    session.flush()
    return invoice, ignored + _ignored_tax_lines(changes)


def delete_invoice(db: Database, *, company_id: int, number: str, kind: Kind = INVOICES) -> None:
    with db.writing() as session:
        invoice = find_invoice(session, company_id, number, kind=kind, for_update=True)
        if invoice.released:
            raise BusinessError(released_refusal(invoice, "deleted"))
        session.delete(invoice)
        bump_version(session, company_id=company_id, resource=RESOURCE)


def released_refusal(invoice: CustomerInvoice, verb: str) -> str:
    return f"The document {invoice.reference_number} is released and cannot be {verb}."


def new_invoice(company_id: int, currency_id: str, document_type: str = "Invoice") -> CustomerInvoice:
    """A document with its defaults set now: the rules read them before the insert would set them."""
    return CustomerInvoice(
        company_id=company_id,
        document_type=document_type,
        currency_id=currency_id,
        hold=False,
        released=False,
        exchange_rate=Decimal(1),
        dont_print=True,
        dont_email=True,
        balance=ZERO,
        amount=ZERO,
        dunning_level=0,
        billing_address={},
        invoice_contact={},
        tax_details=[],
        lines=[],
    )


def find_invoice(
    session: Session,
    company_id: int,
    number: str,
    *,
    kind: Kind = INVOICES,
    for_update: bool = False,
    options: tuple = (),
) -> CustomerInvoice:
    """The company's document of that number, of the kind's type when it finds one type only."""
    missing = messages.not_found(kind.label, number)
    where = (CustomerInvoice.document_type == kind.finds,) if kind.finds else ()
    return NUMBERS.find(
        session, company_id, number, where=where, for_update=for_update, options=options, missing=missing
    )


def _ignored_tax_lines(changes: dict) -> list[str]:
    # VAT is computed from the lines, never taken from the client.
    return ["taxDetailLines"] if changes.get("taxDetailLines") else []


def _apply(session: Session, invoice: CustomerInvoice, changes: dict, *, inserting: bool, kind: Kind) -> list[str]:
    """Apply a PATCH to the document and its lines; returns every problem found (nothing is kept if any)."""
    was = (invoice.currency_id, invoice.document_date)
    problems = apply_scalars(invoice, changes, _SCALARS)
    problems += apply_nested(invoice, changes, _NESTED)
    for wire, attr in _DATES.items():
        if wire in changes:
            setattr(invoice, attr, calendar_day(changes[wire]))
    if invoice.document_date is None:
        if inserting and "documentDate" not in changes:
            invoice.document_date = calendar_day(utcnow())
        else:
            problems.append("'Date' cannot be empty.")
    problems += apply_party(session, invoice, changes, _CUSTOMER)
    problems += reference_problems(session, invoice.company_id, changes, _CODES, lines_label=kind.lines)
    problems += _apply_rate(session, invoice, changes.get("exchangeRate"), refresh=inserting, was=was)
    ledger = LineLedger(session, invoice.company_id)
    problems += invoice_lines.apply_lines(session, ledger, invoice, changes.get("invoiceLines") or [], kind.lines)
    if "project" in changes or "invoiceLines" in changes:
        problems += project_problems(session, invoice)
    if invoice.document_date is not None:
        problems += _apply_periods(session, invoice, changes)
        _fill_dates(invoice, changes)
    if problems:
        return problems
    ledger.attach(invoice.lines)
    problems = compute_totals(session, invoice)
    if kind.check is not None and not problems:
        problems = kind.check(session, invoice)
    invoice.status = document_status(invoice)
    return problems


def project_problems(session: Session, invoice: CustomerInvoice) -> list[str]:
    """The document's project, and each line's task as one of it: the problems (none when they are in order)."""
    problems = check_project(session, invoice.company_id, invoice.project)[1]
    if problems:
        return problems
    for index, line in enumerate(invoice.lines):
        if line.task_id:
            refused = check_project(session, invoice.company_id, invoice.project, line.task_id, task_label="Task")[1]
            problems += [f"invoiceLines[{index}]: {problem}" for problem in refused]
    return problems


def _apply_rate(
    session: Session, invoice: CustomerInvoice, sent: Decimal | None, *, refresh: bool, was: tuple
) -> list[str]:
    """The document's currency (the customer's, else the base currency) and its rate (`documents.currency`):
    looked up again when the currency or the date changed."""
    base = base_currency(session, invoice.company_id)
    if not invoice.currency_id:
        invoice.currency_id = (invoice.customer.currency_id if invoice.customer else None) or base
    invoice.exchange_rate, problems = document_rate(
        session,
        invoice.company_id,
        base,
        currency_id=invoice.currency_id,
        day=invoice.document_date,
        sent=sent,
        current=invoice.exchange_rate,
        refresh=refresh or was != (invoice.currency_id, invoice.document_date),
    )
    return problems


def _apply_periods(session: Session, invoice: CustomerInvoice, changes: dict) -> list[str]:
    choice = choose_period(
        session,
        company_id=invoice.company_id,
        changes=changes,
        fields=DOCUMENT_PERIODS,
        day=invoice.document_date.date(),
        current=invoice.post_period,
        moved="documentDate" in changes,
        module=LedgerModule.CUSTOMER_LEDGER,
    )
    if choice.period is not None:
        invoice.post_period = invoice.financial_period = choice.period
    return choice.problems


def _fill_dates(invoice: CustomerInvoice, changes: dict) -> None:
    """The due date follows the credit terms unless the client gave one; no cash discount is offered, so
    its date is the document date."""
    if "documentDueDate" not in changes and (
        "documentDate" in changes or "creditTermsId" in changes or invoice.due_date is None
    ):
        days = invoice.credit_terms.due_days if invoice.credit_terms is not None else 0
        invoice.due_date = invoice.document_date + timedelta(days=days)
    if invoice.cash_discount_date is None or ("documentDate" in changes and "cashDiscountDate" not in changes):
        invoice.cash_discount_date = invoice.document_date


def document_status(invoice: CustomerInvoice) -> str:
    if not invoice.released:
        return "Hold" if invoice.hold else "Balanced"
    return "Open" if invoice.balance else "Closed"
