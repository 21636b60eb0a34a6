"""Supplier invoice use cases (AP301000): list, read, create, update and delete while unreleased, release
(which posts through the ledger's posting engine) and void.

Status flow: a new document is `Hold` (hold) or `Balanced`; `release` posts it and makes it `Open` with its
whole amount as balance (`Closed` at once when the amount is 0); payments reduce the balance and close it at
0; `voidinvoice` reverses an open document nothing has been paid on and makes it `Voided`. A released
document refuses edits and deletion with the service's message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session, joinedload, load_only, raiseload, selectinload

from ..db.base import utcnow
from ..db.engine import Database
from ..documents.currency import document_rate
from ..documents.periods import DOCUMENT_PERIODS, choose_period
from ..documents.references import BRANCH, PAYMENT_METHOD, CodeFields, reference_problems
from ..identity.companies import base_currency
from ..inventory.models import InventoryItem
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.document_lists import fetch_filtered
from ..kit.document_numbers import DocumentNumbers
from ..kit.errors import BusinessError, record_errors
from ..kit.paging import Listing, Page, PageResult
from ..kit.records import RecordKey, Scalars, apply_scalars, find_by_code, resolve_code
from ..kit.responses import check_if_match
from ..ledger.period_ids import parse_wire_date
from ..ledger.periods import LedgerModule
from ..ledger.subaccounts import SegmentNames, segment_names
from ..tax.models import VatZone
from ..terms.models import CreditTerms
from . import document_filters, invoice_lines, receipt_billing
from .document_models import SupplierDocument, SupplierDocumentLine
from .document_schemas import INVOICE_TYPES, SupplierInvoiceUpdateDto
from .models import SUPPLIER_FOR_DOCUMENTS, Supplier

RESOURCE = "supplierInvoice"
LISTING = Listing(resource=RESOURCE, model=SupplierDocument, key=SupplierDocument.reference_number)
ENTITY, RECORD = "supplier invoice", "Supplier invoice"
NUMBERS = DocumentNumbers(
    RecordKey("referenceNumber", SupplierDocument.reference_number, "Reference number", "APBILL"),
    "Supplier invoices",
    scope=(SupplierDocument.document_type,),
)
# Supplier statuses under which no new document may be entered for the supplier.
_BLOCKED_SUPPLIERS = ("Inactive", "OnHold")
_DOCUMENT_OPTIONS = (selectinload(SupplierDocument.lines), selectinload(SupplierDocument.taxes))
# What reading renders: the supplier's number, name and address, and a line's item by number and type. The
# relationships' joined defaults would bring each line's item with its classes and warehouses, and the supplier
# with its parent, class, terms and zone: objects no renderer reads, several times the rows' own. (Below a
# selectinload the wildcard has to be chained, `.lazyload("*")`: inside `.options()` it is not applied.)
_LINES = selectinload(SupplierDocument.lines)
READ_OPTIONS = (
    joinedload(SupplierDocument.supplier).options(
        load_only(Supplier.number, Supplier.name, Supplier.main_address), raiseload("*")
    ),
    _LINES.joinedload(SupplierDocumentLine.item).load_only(InventoryItem.number, InventoryItem.item_type),
    _LINES.joinedload(SupplierDocumentLine.item).lazyload("*"),
    _LINES.joinedload(SupplierDocumentLine.account).lazyload("*"),
    selectinload(SupplierDocument.taxes),
    joinedload(SupplierDocument.prebook_account).lazyload("*"),
    joinedload(SupplierDocument.prebook_subaccount).lazyload("*"),
)
_SCALARS: Scalars = {
    "supplierReference": ("supplier_reference", "Supplier ref.", None),
    "paymentRefNo": ("payment_ref_no", "Payment ref.", None),
    "paymentMessage": ("payment_message", "Payment message", None),
    "description": ("description", "Description", None),
    "note": ("note", "Note", None),
    "branchNumber": ("branch_number", "Branch", None),
    "cashAccount": ("cash_account", "Cash account", None),
    "paymentMethod": ("payment_method", "Payment method", None),
    "paySelected": ("pay_selected", "Approved for payment", False),
    "hold": ("hold", "Hold", False),
    "taxCalculationMode": ("tax_calculation_mode", "VAT calculation mode", "TaxSetting"),
}


@dataclass(frozen=True)
class Rendering:
    """What rendering documents needs beyond their rows: segment names and VAT ID descriptions."""

    names: SegmentNames
    vats: dict[str, str]


@dataclass(frozen=True)
class InvoicePage:
    result: PageResult
    rendering: Rendering


def list_invoices(
    db: Database, *, company_id: int, filters: document_filters.InvoiceFilters, page: Page
) -> InvoicePage:
    """A page of documents with their lines and VAT details: one query each per page, not per document."""
    with db.reading() as session:
        result = fetch_filtered(
            session, LISTING, company_id=company_id, filters=filters, page=page, options=READ_OPTIONS
        )
        return InvoicePage(result, rendering(session, company_id, result.rows))


def get_invoice(
    db: Database, *, company_id: int, document_type: str, number: str
) -> tuple[SupplierDocument, Rendering]:
    with db.reading() as session:
        document = find_document(session, company_id, document_type, number, options=READ_OPTIONS)
        return document, rendering(session, company_id, [document])


def create_invoice(db: Database, *, company_id: int, dto: SupplierInvoiceUpdateDto) -> tuple[SupplierDocument, list]:
    """A new document, and the request fields nettfin ignored (a number the series replaced)."""
    with db.writing() as session:
        return enter_invoice(session, company_id, dto.changes())


def enter_invoice(session: Session, company_id: int, changes: dict) -> tuple[SupplierDocument, list[str]]:
    """`create_invoice` in the caller's transaction (the demo seed enters its documents with it)."""
    document = SupplierDocument(company_id=company_id, status="Balanced", hold=False, location_id="MAIN")
    document.document_type, problems = _document_type(changes)

    def apply(_ignored: list[str]) -> list[str]:
        return problems + _apply(session, document, changes, inserting=True)

    ignored = NUMBERS.enter(session, document, changes, apply, entity=ENTITY, label=RECORD, resource=RESOURCE)
    return document, ignored


def update_invoice(
    db: Database, *, company_id: int, document_type: str, number: str, dto: SupplierInvoiceUpdateDto, if_match
) -> tuple[SupplierDocument, list[str]]:
    changes = dto.changes()
    with db.writing() as session, session.no_autoflush:
        document = find_document(session, company_id, document_type, number, for_update=True)
        check_if_match(if_match, document.row_version)
        _refuse_released(document, "updated")
        ignored = [name for name in ("referenceNumber", "documentType") if _differs(changes, name, document)]
        problems = _apply(session, document, changes, inserting=False)
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        document.last_modified_at = utcnow()
        session.flush()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        return document, ignored


def delete_invoice(db: Database, *, company_id: int, document_type: str, number: str) -> None:
    with db.writing() as session:
        document = find_document(session, company_id, document_type, number, for_update=True)
        _refuse_released(document, "deleted")
        session.delete(document)
        bump_version(session, company_id=company_id, resource=RESOURCE)


# --- finding ----------------------------------------------------------------------------------------------


def find_document(
    session: Session,
    company_id: int,
    document_type: str,
    number: str,
    *,
    for_update: bool = False,
    options: tuple = _DOCUMENT_OPTIONS,
) -> SupplierDocument:
    return NUMBERS.find(
        session,
        company_id,
        number,
        where=(SupplierDocument.document_type == document_type,),
        for_update=for_update,
        options=options,
        missing=f"Supplier invoice '{number}' of type {document_type} not found.",
    )


def rendering(session: Session, company_id: int, documents) -> Rendering:
    return Rendering(segment_names(session, company_id), invoice_lines.vat_descriptions(session, company_id, documents))


# --- writing ----------------------------------------------------------------------------------------------


def _document_type(changes: dict) -> tuple[str, list[str]]:
    document_type = changes.get("documentType") or INVOICE_TYPES[0]
    if document_type not in INVOICE_TYPES:
        accepted = ", ".join(t.value for t in INVOICE_TYPES)
        return INVOICE_TYPES[0].value, [
            f"'Type' {document_type.value} is entered as a supplier payment; supplier invoices are {accepted}."
        ]
    return document_type.value, []


def _differs(changes: dict, name: str, document: SupplierDocument) -> bool:
    current = {"referenceNumber": document.reference_number, "documentType": document.document_type}[name]
    return changes.get(name) not in (None, current)


def _apply(session: Session, document: SupplierDocument, changes: dict, *, inserting: bool) -> list[str]:
    """Apply a write body: header, lines, then the computed amounts; every problem found, nothing kept when
    there is one (the caller's transaction rolls back)."""
    was = (document.currency_id, document.date)
    problems = _apply_supplier(session, document, changes, inserting=inserting)
    problems += apply_scalars(document, changes, _SCALARS)
    problems += _apply_references(session, document, changes)
    problems += _apply_dates(session, document, changes, inserting=inserting)
    problems += _apply_currency(session, document, changes, refresh=inserting, was=was)
    context = invoice_lines.LineContext.load(session, document.company_id)
    problems += invoice_lines.apply_lines(context, document, changes.get("invoiceLines"))
    if changes.get("addPOReceiptLines"):
        problems += receipt_billing.add_receipt_lines(context, document, changes["addPOReceiptLines"])
    if problems:
        return problems
    context.ledger.attach(document.lines)
    problems = invoice_lines.compute_totals(context, document)
    problems += _control_totals(document, changes)
    document.status = "Hold" if document.hold else "Balanced"
    return problems


def _apply_supplier(session: Session, document: SupplierDocument, changes: dict, *, inserting: bool) -> list[str]:
    """The supplier, and on insert (or a new supplier) its defaults for what the body does not give."""
    if "supplierNumber" not in changes:
        return ["'Supplier' cannot be empty."] if inserting else []
    code = (changes["supplierNumber"] or "").strip()
    if not code:
        return ["'Supplier' cannot be empty."]
    supplier = find_by_code(session, Supplier, Supplier.number, document.company_id, code, SUPPLIER_FOR_DOCUMENTS)
    if supplier is None:
        return [messages.cannot_be_found("Supplier", code)]
    if supplier.status in _BLOCKED_SUPPLIERS:
        return [f"Supplier '{code}' has the status {supplier.status}: no documents can be entered for it."]
    if document.supplier is not None and document.supplier.id == supplier.id:
        return []
    document.supplier = supplier
    defaults = {
        "creditTermsId": ("credit_terms", supplier.credit_terms),
        "supplierTaxZone": ("vat_zone", supplier.vat_zone),
        "currencyId": ("currency_id", supplier.currency_id),
        "paymentMethod": ("payment_method", supplier.payment_method_id),
        "cashAccount": ("cash_account", supplier.cash_account),
    }
    for wire, (attr, value) in defaults.items():
        if wire not in changes:
            setattr(document, attr, value)
    return []


def _apply_dates(session: Session, document: SupplierDocument, changes: dict, *, inserting: bool) -> list[str]:
    problems: list[str] = []
    parsed = {}
    for wire, label in (
        ("date", "Date"),
        ("origInvoiceDate", "Original document date"),
        ("dueDate", "Due date"),
        ("cashDiscountDate", "Cash discount date"),
        ("payDate", "Pay date"),
    ):
        if wire in changes:
            parsed[wire], found = parse_wire_date(changes[wire], label=label)
            problems += found
    if parsed.get("date") or inserting:
        document.date = parsed.get("date") or document.date or utcnow().date()
    document.orig_invoice_date = parsed.get("origInvoiceDate", document.orig_invoice_date) or document.date
    terms_days = document.credit_terms.due_days if document.credit_terms else 0
    if "dueDate" in parsed or inserting or "date" in parsed or "creditTermsId" in changes:
        document.due_date = parsed.get("dueDate") or document.date + timedelta(days=terms_days)
    # Without a cash discount in the terms, the discount date is the document date, as the service sets it.
    document.cash_discount_date = parsed.get("cashDiscountDate", document.cash_discount_date) or document.date
    document.pay_date = parsed.get("payDate") or document.pay_date or document.due_date
    return problems + _apply_period(session, document, changes, moved="date" in parsed)


def _apply_period(session: Session, document: SupplierDocument, changes: dict, *, moved: bool) -> list[str]:
    choice = choose_period(
        session,
        company_id=document.company_id,
        changes=changes,
        fields=DOCUMENT_PERIODS,
        day=document.date,
        current=document.period_id,
        moved=moved,
        module=LedgerModule.SUPPLIER_LEDGER,
    )
    document.period_id = choice.period or document.period_id
    return choice.problems


def _apply_references(session: Session, document: SupplierDocument, changes: dict) -> list[str]:
    problems: list[str] = []
    company_id = document.company_id
    if "creditTermsId" in changes:
        document.credit_terms, found = resolve_code(
            session, CreditTerms, CreditTerms.terms_id, company_id, changes["creditTermsId"], "Terms"
        )
        problems += found
    if "supplierTaxZone" in changes:
        document.vat_zone, found = resolve_code(
            session, VatZone, VatZone.zone_id, company_id, changes["supplierTaxZone"], "VAT zone"
        )
        problems += found
    location = (changes.get("locationId") or "MAIN").strip()
    if location.upper() != "MAIN":
        problems.append(messages.cannot_be_found("Location", location))
    return problems + reference_problems(session, company_id, changes, _CODES)


_CODES = CodeFields({"branchNumber": BRANCH, "paymentMethod": PAYMENT_METHOD}, supplier_side=True)


def _apply_currency(
    session: Session, document: SupplierDocument, changes: dict, *, refresh: bool, was: tuple
) -> list[str]:
    """The document's currency (the supplier's, else the base currency) and its rate (`documents.currency`):
    looked up again when the currency or the date changed."""
    base = base_currency(session, document.company_id)
    if "currencyId" in changes:
        document.currency_id = (changes["currencyId"] or "").strip().upper() or base
    document.currency_id = document.currency_id or base
    document.exchange_rate, problems = document_rate(
        session,
        document.company_id,
        base,
        currency_id=document.currency_id,
        day=document.date,
        sent=changes.get("exchangeRate"),
        current=document.exchange_rate,
        refresh=refresh or was != (document.currency_id, document.date),
    )
    return problems


def _control_totals(document: SupplierDocument, changes: dict) -> list[str]:
    """`amount` and `vatAmount` are the client's control totals: they must match what the lines make."""
    problems = []
    for wire, label, computed in (
        ("amount", "Amount", document.amount_cur),
        ("vatAmount", "VAT amount", document.vat_total_cur),
    ):
        sent = changes.get(wire)
        if sent is not None and sent != computed:
            problems.append(f"'{label}' {sent:.2f} does not match the document's lines, which make {computed:.2f}.")
    return problems


def _refuse_released(document: SupplierDocument, verb: str) -> None:
    if document.released or document.status in ("Voided", "Prebooked"):
        state = "released" if document.released else document.status.lower()
        raise BusinessError(f"{document.document_type} can't be {verb} because it is already {state}.")
