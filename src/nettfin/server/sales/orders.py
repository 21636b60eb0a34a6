"""Sales order use cases (SO301000): list, read, create and update orders with their lines, cancel and reopen,
with the service's validation wording. Totals and VAT are computed from the lines on every write, as a customer
invoice's; an order posts nothing.

Status (the DTO's enum) follows from the order: Cancelled once cancelled, Hold while on hold, Invoiced once an
invoice was prepared from it, Completed when every line is completed or shipped in full, BackOrder when some was
shipped and some is open, Shipping while lines are on unconfirmed shipments, else Open. Which actions an order
takes follows from its status (`CLOSED`: no change; cancel and reopen as below).

For shipping/: `record_shipment(line, shipped=..., on_shipments=...)` counts what a shipment took and sets the
order's status; `open_quantity(line)` is what remains to ship; `bill(line, quantity)` counts what an invoice of
its shipments billed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..documents.currency import document_rate
from ..documents.lines import LineLedger, calendar_day
from ..documents.parties import PartyFields, apply_party
from ..documents.references import BRANCH, CodeFields, reference_problems
from ..identity.companies import base_currency
from ..inventory.models import Warehouse
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.document_lists import ListWindow, fetch_filtered
from ..kit.document_numbers import DocumentNumbers
from ..kit.errors import BusinessError, NotFound, record_errors
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Listing, Page, PageResult
from ..kit.records import RecordKey, apply_nested, apply_scalars, find_by_code
from ..kit.responses import check_if_match
from ..receivables.models import Customer
from . import lines as order_lines
from .commissions import CHOSEN_BY, percent_for, percents
from .lines import bill, open_quantity
from .models import ZERO, SalesOrder, SalesOrderLine, SalesOrderType
from .order_types import find_type
from .render import commissions
from .vat import compute_totals

__all__ = ["bill", "open_quantity"]

RESOURCE = "salesOrder"
MAX_PAGE_SIZE = DOCUMENT_MAX_PAGE_SIZE
LISTING = Listing(resource=RESOURCE, model=SalesOrder, key=SalesOrder.order_nbr)
ENTITY, RECORD = "sales order", "SalesOrder"
# Statuses in which an order is no longer changed.
CLOSED = ("Cancelled", "Completed", "Invoiced", "Voided")

_SCALARS = {
    "printDescriptionOnInvoice": ("print_description_on_invoice", "Print description on invoice", False),
    "printNoteOnExternalDocuments": ("print_note_on_external_documents", "Print note on external documents", False),
    "printNoteOnInternalDocuments": ("print_note_on_internal_documents", "Print note on internal documents", False),
    "invoiceSeparately": ("invoice_separately", "Invoice separately", False),
    "salesPerson": ("sales_person", "Salesperson ID", None),
    "owner": ("owner", "Owner", None),
    "origOrderType": ("orig_order_type", "Orig. order type", None),
    "origOrderNbr": ("orig_order_nbr", "Orig. order nbr.", None),
    "shipSeparately": ("ship_separately", "Ship separately", False),
    "shipComplete": ("ship_complete", "Shipping rule", "BackOrderAllowed"),
    "shipVia": ("ship_via", "Ship via", None),
    "fobPoint": ("fob_point", "FOB point", None),
    "priority": ("priority", "Priority", 0),
    "shippingTerms": ("shipping_terms", "Shipping terms", None),
    "shippingZone": ("shipping_zone", "Shipping zone", None),
    "residentialDelivery": ("residential_delivery", "Residential delivery", False),
    "saturdayDelivery": ("saturday_delivery", "Saturday delivery", False),
    "insurance": ("insurance", "Insurance", False),
    "transactionType": ("transaction_type", "Transaction type", None),
    "paymentMethod": ("payment_method", "Payment method", None),
    "cashAccount": ("cash_account", "Cash account", None),
    "paymentRef": ("payment_ref", "Payment ref.", None),
    "isRotRutDeductible": ("is_rot_rut_deductible", "ROT or RUT deductible", False),
    "emailed": ("emailed", "Emailed", False),
    "hold": ("hold", "Hold", False),
    "customerOrder": ("customer_order", "Customer order", None),
    "customerRefNo": ("customer_ref_no", "Customer ref. no.", None),
    "location": ("location", "Location", None),
    "contactId": ("contact_id", "Contact", None),
    "gln": ("gln", "GLN", None),
    "vatRegistrationId": ("vat_registration_id", "VAT registration ID", None),
    "currency": ("currency_id", "Currency", None),
    "description": ("description", "Description", None),
    "branchNumber": ("branch", "Branch", None),
    "note": ("note", "Note", None),
}
_DATES = {"schedShipment": "sched_shipment", "cancelBy": "cancel_by", "requestOn": "request_on"}
_NESTED = {
    "soBillingContact": "billing_contact",
    "soBillingAddress": "billing_address",
    "soShippingContact": "shipping_contact",
    "soShippingAddress": "shipping_address",
}
_CUSTOMER = PartyFields("customer", "Customer", Customer, "customer", "terms", "customerVATZone", "currency")
_CODES = CodeFields({"branchNumber": BRANCH}, "lines", {"branchNumber": BRANCH})


@cache
def numbers(series_id: str) -> DocumentNumbers:
    """An order type's numbering: its series; numbers are unique across the company's order types."""
    return DocumentNumbers(RecordKey("orderNumber", SalesOrder.order_nbr, "Order nbr.", series_id), "Sales orders")


@dataclass(frozen=True)
class OrderFilters:
    order_type: str | None = None
    status: str | None = None
    customer: str | None = None
    window: ListWindow = ListWindow()

    def conditions(self) -> list:
        found = []
        if self.order_type:
            found.append(SalesOrder.order_type == self.order_type.strip().upper())
        if self.status:
            found.append(SalesOrder.status == self.status)
        if self.customer:
            found.append(SalesOrder.customer.has(Customer.number == self.customer))
        return found + self.window.conditions(SalesOrder.order_nbr, SalesOrder.last_modified_at, SalesOrder.created_at)


def list_orders(db: Database, *, company_id: int, filters: OrderFilters, page: Page) -> PageResult:
    with db.reading() as session:
        return fetch_filtered(session, LISTING, company_id=company_id, filters=filters, page=page)


def get_order(db: Database, *, company_id: int, number: str, order_type: str | None = None) -> SalesOrder:
    with db.reading() as session:
        return find_order(session, company_id, number, order_type)


def order_commissions(db: Database, *, company_id: int, number: str, order_type: str) -> list[dict]:
    """GET /salesorder/{orderType}/{orderNbr}/commissions: a row per sales person (`sales.commissions`)."""
    with db.reading() as session:
        order = find_order(session, company_id, number, order_type)
        return commissions(order, percents(session, order))


def find_order(
    session: Session, company_id: int, number: str, order_type: str | None = None, *, for_update: bool = False
) -> SalesOrder:
    """The company's order of that number (and type, when given); 404 `Sales order 'X' not found.`"""
    statement = select(SalesOrder).where(SalesOrder.company_id == company_id, SalesOrder.order_nbr == number)
    if order_type is not None:
        statement = statement.where(SalesOrder.order_type == order_type.strip().upper())
    if for_update:
        statement = statement.with_for_update(of=SalesOrder)
    order = session.scalars(statement).unique().first()
    if order is None:
        label = f"{order_type.strip().upper()} {number}" if order_type else number
        raise NotFound(messages.not_found("Sales order", label))
    return order


def create_order(db: Database, *, company_id: int, changes: dict) -> tuple[SalesOrder, list[str]]:
    """A new order from a body's changes, and the request fields the service ignored (a number it replaced)."""
    with db.writing() as session:
        return enter_order(session, company_id, changes)


def enter_order(session: Session, company_id: int, changes: dict) -> tuple[SalesOrder, list[str]]:
    """`create_order` in the caller's transaction (the demo seed enters its orders with it)."""
    code = (changes.get("orderType") or "").strip()
    order_type = find_type(session, company_id, code)
    if order_type is None or not order_type.active:
        problem = messages.cannot_be_empty("Order type") if not code else messages.cannot_be_found("Order type", code)
        raise record_errors(action="inserting", entity=ENTITY, record=RECORD, errors=[problem])
    order = new_order(company_id, base_currency(session, company_id), order_type.order_type)
    ignored = numbers(order_type.series_id).enter(
        session,
        order,
        changes,
        lambda ignored: _apply(session, order, order_type, changes, ignored, inserting=True),
        entity=ENTITY,
        label=RECORD,
        resource=RESOURCE,
    )
    return order, ignored


def update_order(
    db: Database, *, company_id: int, number: str, changes: dict, if_match: str | None
) -> tuple[SalesOrder, list[str]]:
    with db.writing() as session:
        order = find_order(session, company_id, number, for_update=True)
        check_if_match(if_match, order.row_version)
        return change_order(session, order, changes)


def change_order(session: Session, order: SalesOrder, changes: dict) -> tuple[SalesOrder, list[str]]:
    """Apply an update body to an order found for update, in the caller's transaction."""
    ignored = [name for name in ("orderNumber",) if changes.get(name) not in (None, order.order_nbr)]
    if (changes.get("orderType") or order.order_type).strip().upper() != order.order_type:
        ignored.append("orderType")
    if order.status in CLOSED:
        problems = [closed_refusal(order, "changed")]
    else:
        order_type = find_type(session, order.company_id, order.order_type)
        with session.no_autoflush:
            problems = _apply(session, order, order_type, changes, ignored, inserting=False)
    if problems:
        raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
    touch(session, order)
    return order, ignored


def touch(session: Session, order: SalesOrder) -> None:
    order.last_modified_at = utcnow()
    bump_version(session, company_id=order.company_id, resource=RESOURCE)
    session.flush()


def closed_refusal(order: SalesOrder, verb: str) -> str:
    status = {"Cancelled": "cancelled", "Completed": "completed", "Invoiced": "invoiced"}.get(order.status, "voided")
    return f"The sales order {order.order_type} {order.order_nbr} is {status} and cannot be {verb}."


def cancel_order(db: Database, *, company_id: int, number: str, order_type: str | None) -> SalesOrder:
    """Cancel an order nothing was shipped or invoiced from (`cancelSalesOrder`): its lines' open quantities no
    longer commit stock."""
    with db.writing() as session:
        order = find_order(session, company_id, number, _required_type(order_type), for_update=True)
        cancel(session, order)
        return order


def cancel(session: Session, order: SalesOrder) -> None:
    """`cancel_order` of an order found for update, in the caller's transaction."""
    if order.status in CLOSED:
        raise BusinessError(closed_refusal(order, "cancelled"))
    if any(line.shipped_qty or line.qty_on_shipments or line.billed_qty for line in order.lines):
        raise BusinessError(
            f"The sales order {order.order_type} {order.order_nbr} has shipments and cannot be cancelled."
        )
    order.canceled = True
    order.status = order_status(order)
    touch(session, order)


def reopen_order(db: Database, *, company_id: int, number: str, changes: dict | None) -> SalesOrder:
    """Reopen a cancelled order (`reopenSalesOrder`), then apply the body's changes, if any."""
    with db.writing() as session:
        order = find_order(session, company_id, number, (changes or {}).get("orderType"), for_update=True)
        if order.status != "Cancelled":
            raise BusinessError(
                f"The sales order {order.order_type} {order.order_nbr} is not cancelled and cannot be reopened."
            )
        order.canceled = False
        order.status = order_status(order)
        if changes:
            change_order(session, order, changes)
        touch(session, order)
        return order


def _required_type(order_type: str | None) -> str:
    if not (order_type or "").strip():
        raise BusinessError(messages.cannot_be_empty("orderType"))
    return order_type


def items_on_order(session: Session, company_id: int, number: str) -> list[int] | None:
    """The ids of the items on the order of that number (None: no such order), for the barcode lookup."""
    order = session.scalars(
        select(SalesOrder).where(SalesOrder.company_id == company_id, SalesOrder.order_nbr == number)
    ).first()
    return None if order is None else [line.item_id for line in order.lines if line.item_id is not None]


def record_shipment(line: SalesOrderLine, *, shipped: Decimal = ZERO, on_shipments: Decimal = ZERO) -> None:
    """Count on an order line what a shipment did: `on_shipments` added to (or, negative, taken off) the
    quantity on unconfirmed shipments, `shipped` to the quantity shipped; the order's status follows. For
    shipping/, in its transaction (the caller bumps the order's version with `touch`)."""
    line.qty_on_shipments += on_shipments
    line.shipped_qty += shipped
    if line.ship_complete == "CancelRemainder" and shipped:
        line.completed = True
    line.order.status = order_status(line.order)


def new_order(company_id: int, currency_id: str, order_type: str) -> SalesOrder:
    """An order with its defaults set now: the rules below read them before the insert would set them."""
    return SalesOrder(
        company_id=company_id,
        order_type=order_type,
        currency_id=currency_id,
        status="Open",
        hold=False,
        canceled=False,
        exchange_rate=Decimal(1),
        commission_percent=ZERO,
        ship_complete="BackOrderAllowed",
        priority=0,
        emailed=False,
        rot_rut={},
        tax_details=[],
        billing_address={},
        billing_contact={},
        shipping_address={},
        shipping_contact={},
        lines=[],
    )


def _apply(
    session: Session,
    order: SalesOrder,
    order_type: SalesOrderType,
    changes: dict,
    ignored: list[str],
    *,
    inserting: bool,
) -> list[str]:
    """Apply a PATCH to the order and its lines; returns every problem found (nothing is kept if any)."""
    was = (order.currency_id, order.date)
    problems = apply_scalars(order, changes, _SCALARS, not_negative=("priority",))
    problems += apply_nested(order, changes, _NESTED)
    if "date" in changes:
        order.date = calendar_day(changes["date"])
    for wire, attr in _DATES.items():
        if wire in changes:
            setattr(order, attr, calendar_day(changes[wire]))
    if order.date is None:
        if inserting and "date" not in changes:
            order.date = calendar_day(utcnow())
        else:
            problems.append(messages.cannot_be_empty("Date"))
    if "project" in changes:
        order.project = None if changes["project"] is None else str(changes["project"])
    if "canceled" in changes:
        ignored.append("canceled")
    problems += apply_party(session, order, changes, _CUSTOMER)
    problems += _credit_hold(order, changes)
    if inserting or any(wire in changes for wire in CHOSEN_BY):
        order.commission_percent = percent_for(session, order, order.sales_person)
    problems += reference_problems(session, order.company_id, changes, _CODES)
    problems += _apply_warehouse(session, order, changes)
    problems += _apply_rate(session, order, changes.get("exchangeRate"), refresh=inserting, was=was)
    if "rotRutDetails" in changes:
        problems += _apply_rot_rut(order, changes["rotRutDetails"] or {})
    ledger = LineLedger(session, order.company_id)
    problems += order_lines.apply_lines(
        session, ledger, order, changes.get("lines") or [], order_type.default_operation
    )
    if problems:
        return problems
    ledger.attach(order.lines)
    problems = compute_totals(session, order)
    order.status = order_status(order)
    return problems


def _credit_hold(order: SalesOrder, changes: dict) -> list[str]:
    """A customer on credit hold takes no new order, and no order moves to it."""
    customer = order.customer
    if customer is None or customer.status != "CreditHold" or "customer" not in changes:
        return []
    return [f"The customer '{customer.number}' is on credit hold: no sales order can be entered for it."]


def _apply_warehouse(session: Session, order: SalesOrder, changes: dict) -> list[str]:
    if "preferredWarehouse" not in changes:
        return []
    code = (changes["preferredWarehouse"] or "").strip()
    order.preferred_warehouse = (
        find_by_code(session, Warehouse, Warehouse.warehouse_id, order.company_id, code) if code else None
    )
    return [messages.cannot_be_found("Warehouse", code)] if code and order.preferred_warehouse is None else []


def _apply_rot_rut(order: SalesOrder, sent: dict) -> list[str]:
    """The ROT/RUT details, kept as the read DTO shows them; the distribution's rows by line number."""
    details = dict(order.rot_rut or {})
    for wire in ("distributedAutomaticaly", "type", "appartment", "estate", "organizationNbr"):
        if wire in sent:
            value = sent[wire]
            details[wire] = str(value) if wire == "type" and value is not None else value
    rows = {row["lineNbr"]: row for row in details.get("distribution", [])}
    for index, change in enumerate(sent.get("distribution") or []):
        number = change.get("lineNbr")
        if number is None:
            return [f"rotRutDetails.distribution[{index}]: 'lineNbr' cannot be empty."]
        if str(change.get("operation") or "") == "Delete":
            rows.pop(number, None)
            continue
        row = rows.setdefault(number, {"lineNbr": number, "extra": False})
        for wire in ("personalId", "amount", "extra"):
            if wire in change:
                value = change[wire]
                row[wire] = format(value, "f") if wire == "amount" and value is not None else value
    details["distribution"] = [rows[n] for n in sorted(rows)]
    order.rot_rut = {k: v for k, v in details.items() if v is not None}
    return []


def _apply_rate(session: Session, order: SalesOrder, sent: Decimal | None, *, refresh: bool, was: tuple) -> list:
    """The order's currency (the customer's, else the base currency) and its rate (`documents.currency`)."""
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


def order_status(order: SalesOrder) -> str:
    """The status the order's state gives (the module's docstring)."""
    if order.canceled:
        return "Cancelled"
    if order.hold:
        return "Hold"
    if order.invoice_nbr:
        return "Invoiced"
    if (
        order.lines
        and all(open_quantity(line) == ZERO for line in order.lines)
        and any(line.shipped_qty or line.completed for line in order.lines)
    ):
        return "Completed"
    if any(line.qty_on_shipments for line in order.lines):
        return "Shipping"
    if any(line.shipped_qty for line in order.lines):
        return "BackOrder"
    return "Open"
