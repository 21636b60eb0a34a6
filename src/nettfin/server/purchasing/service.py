"""Purchase order use cases: list, read, create and update orders with their lines, with the service's
validation wording. Totals and VAT are computed from the lines on every write; orders post nothing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..documents.currency import document_rate
from ..documents.lines import LineLedger, calendar_day
from ..documents.parties import PartyFields, apply_party
from ..documents.references import BRANCH, CodeFields, reference_problems
from ..identity.companies import base_currency
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.conditions import DateCondition
from ..kit.document_lists import ListWindow, fetch_filtered
from ..kit.document_numbers import DocumentNumbers
from ..kit.errors import record_errors
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Listing, Page, PageResult
from ..kit.records import RecordKey, apply_nested, apply_scalars, load_by_codes
from ..kit.responses import check_if_match
from ..ledger.subaccounts import SegmentNames, segment_names
from ..payables.models import Supplier
from ..tax.models import Vat, VatCategory
from . import lines as order_lines
from .models import ZERO, PurchaseOrder, PurchaseOrderLine, PurchaseReceipt, PurchaseReceiptLine
from .schemas import CUSTOM_FIELDS, PurchaseOrderUpdateDto
from .vat import compute_totals

RESOURCE = "purchaseOrder"
MAX_PAGE_SIZE = DOCUMENT_MAX_PAGE_SIZE
LISTING = Listing(resource=RESOURCE, model=PurchaseOrder, key=PurchaseOrder.order_nbr)
_ENTITY, _RECORD = "purchase order", "PurchaseOrder"
NUMBERS = DocumentNumbers(RecordKey("orderNumber", PurchaseOrder.order_nbr, "Order no.", "POORDER"), "Purchase orders")

_SCALARS = {
    "orderType": ("order_type", "Type", "RegularOrder"),
    "hold": ("hold", "Hold", False),
    "description": ("description", "Description", None),
    "location": ("location", "Location", None),
    "gln": ("gln", "GLN", None),
    "vatRegistrationId": ("vat_registration_id", "VAT registration ID", None),
    "owner": ("owner", "Owner", None),
    "currency": ("currency_id", "Currency", None),
    "supplierRef": ("supplier_ref", "Supplier ref.", None),
    "controlTotal": ("control_total", "Control total", Decimal(0)),
    "branch": ("branch", "Branch", None),
    "shippingDestinationType": ("shipping_destination_type", "Shipping destination type", "CompanyLocation"),
    "shipTo": ("ship_to", "Ship to", None),
    "shippingLocation": ("shipping_location", "Shipping location", None),
    "fobPoint": ("fob_point", "FOB point", None),
    "shipVia": ("ship_via", "Ship via", None),
    "shipTerms": ("ship_terms", "Shipping terms", None),
    "dontPrint": ("dont_print", "Do not print", True),
    "dontEmail": ("dont_email", "Do not email", True),
    "note": ("note", "Note", None),
}
_CODES = CodeFields({"branch": BRANCH}, "lines", {"branch": BRANCH})
_SUPPLIER = PartyFields("supplier", "Supplier", Supplier, "supplier", "terms", "supplierVatZone", "currency")
_NESTED = {
    "shippingAddress": "shipping_address",
    "shippingContact": "shipping_contact",
    "remitAddress": "remit_address",
    "remitContact": "remit_contact",
}
# The knowledge base's statuses (PO301000's names) -> the API's enum; docs/compatibility.md says the same.
SEED_STATUSES = {
    "On hold": "Hold",
    "Open": "Open",
    "Pending approval": "Balanced",
    "Rejected": "Voided",
    "Pending printing": "PendingPrint",
    "Pending e-mail": "PendingEmail",
    "Closed": "Closed",
    "Cancelled": "Cancelled",
}


@dataclass(frozen=True)
class OrderFilters:
    order_type: str | None = None
    status: str | None = None
    supplier: str | None = None
    branch: str | None = None
    order_date: DateCondition | None = None
    delivery_date: DateCondition | None = None
    window: ListWindow = ListWindow()

    def conditions(self) -> list:
        found = []
        if self.order_type:
            found.append(PurchaseOrder.order_type == self.order_type)
        if self.status:
            found.append(PurchaseOrder.status == self.status)
        if self.supplier:
            found.append(PurchaseOrder.supplier.has(Supplier.number == self.supplier))
        if self.branch:
            found.append(PurchaseOrder.branch == self.branch)
        for condition, column in (
            (self.order_date, PurchaseOrder.date),
            (self.delivery_date, PurchaseOrder.promised_on),
        ):
            if condition:
                found.append(condition.apply(column))
        return found + self.window.conditions(PurchaseOrder.order_nbr, PurchaseOrder.last_modified_at)


def list_orders(
    db: Database, *, company_id: int, filters: OrderFilters, page: Page
) -> tuple[PageResult, OrderReferences]:
    with db.reading() as session:
        result = fetch_filtered(session, LISTING, company_id=company_id, filters=filters, page=page)
        return result, order_references(session, company_id, result.rows)


def get_order(db: Database, *, company_id: int, number: str) -> tuple[PurchaseOrder, OrderReferences]:
    with db.reading() as session:
        order = _find(session, company_id, number)
        return order, order_references(session, company_id, [order])


@dataclass(frozen=True)
class OrderReferences:
    """What rendering a page of orders needs beyond their rows: segment names, and the VAT categories and VAT IDs
    the orders name, by code, loaded in one query each."""

    segment_names: SegmentNames
    categories: dict[str, VatCategory]
    vats: dict[str, Vat]
    # Per order id, the receipts of its lines (`purchaseReceipts`).
    receipts: dict[int, list[dict]]


def order_references(session: Session, company_id: int, orders) -> OrderReferences:
    lines = [line for order in orders for line in order.lines]
    vat_ids = [detail["taxId"] for order in orders for detail in order.tax_details or []]
    return OrderReferences(
        segment_names(session, company_id),
        load_by_codes(session, VatCategory, VatCategory.category_id, company_id, [x.tax_category for x in lines]),
        load_by_codes(session, Vat, Vat.vat_id, company_id, vat_ids),
        order_receipts(session, [order.id for order in orders]),
    )


def order_receipts(session: Session, order_ids: list[int]) -> dict[int, list[dict]]:
    """The receipts on the orders' lines, each once per order, in number order."""
    if not order_ids:
        return {}
    rows = session.execute(
        select(PurchaseOrderLine.order_id, PurchaseReceipt)
        .join(PurchaseReceiptLine, PurchaseReceiptLine.order_line_id == PurchaseOrderLine.id)
        .join(PurchaseReceipt, PurchaseReceipt.id == PurchaseReceiptLine.receipt_id)
        .where(PurchaseOrderLine.order_id.in_(order_ids))
        .order_by(PurchaseReceipt.receipt_nbr)
    ).unique()
    found: dict[int, list[dict]] = {}
    seen = set()
    for order_id, receipt in rows:
        if (order_id, receipt.id) in seen:
            continue
        seen.add((order_id, receipt.id))
        found.setdefault(order_id, []).append(
            {
                "type": receipt.receipt_type,
                "receiptNumber": receipt.receipt_nbr,
                "status": receipt.status,
                "supplierName": receipt.supplier.name,
                "currency": receipt.currency_id,
                "totalQty": receipt.total_qty,
                "totalAmt": receipt.total_amt,
            }
        )
    return found


def create_order(db: Database, *, company_id: int, dto: PurchaseOrderUpdateDto) -> tuple[PurchaseOrder, list[str]]:
    """A new order, and the request fields the service ignored (a number it replaced, computed amounts)."""
    with db.writing() as session:
        return enter_order(session, company_id, dto.changes())


def enter_order(session: Session, company_id: int, changes: dict) -> tuple[PurchaseOrder, list[str]]:
    """`create_order` in the caller's transaction (the demo seed enters its orders with it)."""
    order = new_order(company_id, base_currency(session, company_id))
    ignored = NUMBERS.enter(
        session,
        order,
        changes,
        lambda ignored: _apply(session, order, changes, ignored, inserting=True),
        entity=_ENTITY,
        label=_RECORD,
        resource=RESOURCE,
    )
    return order, ignored


def update_order(
    db: Database, *, company_id: int, number: str, dto: PurchaseOrderUpdateDto, if_match: str | None
) -> tuple[PurchaseOrder, list[str]]:
    changes = dto.changes()
    with db.writing() as session:
        order = _find(session, company_id, number, for_update=True)
        check_if_match(if_match, order.row_version)
        ignored = [name for name in ("orderNumber",) if changes.get(name) not in (None, order.order_nbr)]
        if order.status in ("Closed", "Cancelled", "Voided"):
            problems = [f"The purchase order '{order.order_nbr}' is {order.status.lower()} and cannot be changed."]
        else:
            with session.no_autoflush:
                problems = _apply(session, order, changes, ignored, inserting=False)
        if problems:
            raise record_errors(action="updating", entity=_ENTITY, record=_RECORD, errors=problems)
        order.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        session.flush()
        return order, ignored


def new_order(company_id: int, currency_id: str) -> PurchaseOrder:
    """An order with its defaults set now: the rules below read them before the insert would set them."""
    return PurchaseOrder(
        company_id=company_id,
        currency_id=currency_id,
        order_type="RegularOrder",
        hold=False,
        exchange_rate=Decimal(1),
        control_total=ZERO,
        shipping_destination_type="CompanyLocation",
        dont_print=True,
        dont_email=True,
        custom={},
        lines=[],
    )


def _find(session: Session, company_id: int, number: str, *, for_update: bool = False) -> PurchaseOrder:
    missing = messages.not_found("Purchase order", number)
    return NUMBERS.find(session, company_id, number, for_update=for_update, missing=missing)


def _apply(session: Session, order: PurchaseOrder, changes: dict, ignored: list[str], *, inserting: bool) -> list:
    """Apply a PATCH to the order and its lines; returns every problem found (nothing is kept if any)."""
    was = (order.currency_id, order.date)
    problems = apply_scalars(order, changes, _SCALARS, not_negative=("controlTotal",))
    problems += apply_nested(order, changes, _NESTED)
    for wire in ("date", "promisedOn"):
        if wire in changes:
            setattr(order, "date" if wire == "date" else "promised_on", calendar_day(changes[wire]))
    if order.date is None:
        if inserting and "date" not in changes:
            order.date = calendar_day(utcnow())
        else:
            problems.append("'Date' cannot be empty.")
    for wire in CUSTOM_FIELDS:
        if wire in changes:
            order.custom = {**(order.custom or {}), wire: order_lines.custom_value(changes[wire])}
    problems += apply_party(session, order, changes, _SUPPLIER)
    problems += reference_problems(session, order.company_id, changes, _CODES)
    problems += _apply_rate(session, order, changes.get("exchangeRate"), refresh=inserting, was=was)
    if "discountDetails" in changes:
        ignored.append("discountDetails")
    ledger = LineLedger(session, order.company_id)
    problems += order_lines.apply_lines(session, ledger, order, changes.get("lines") or [], ignored)
    if problems:
        return problems
    ledger.attach(order.lines)
    problems += compute_totals(session, order)
    order.status = _status(order)
    order.open_balance = ZERO if order.status in ("Closed", "Cancelled") else order.order_total
    return problems


def _apply_rate(session: Session, order: PurchaseOrder, sent: Decimal | None, *, refresh: bool, was: tuple) -> list:
    """The order's currency (the supplier's, else the base currency) and its rate (`documents.currency`):
    looked up again when the currency or the date changed."""
    base = base_currency(session, order.company_id)
    order.currency_id = order.currency_id or base
    order.exchange_rate, problems = document_rate(
        session,
        order.company_id,
        base,
        currency_id=order.currency_id,
        day=order.date,
        sent=sent,
        current=order.exchange_rate,
        refresh=refresh or was != (order.currency_id, order.date),
    )
    return problems


def _status(order: PurchaseOrder) -> str:
    """Hold while on hold; Closed once every line is completed or cancelled; printing and e-mailing come
    before Open when the order asks for them."""
    if order.hold:
        return "Hold"
    if order.lines and all(line.completed or line.canceled for line in order.lines):
        return "Closed"
    if not order.dont_print:
        return "PendingPrint"
    if not order.dont_email:
        return "PendingEmail"
    return "Open"
