"""Purchase receipt use cases (PO302000): list, read, enter and change receipts and returns, add purchase orders
or chosen order lines to them, cancel an unreleased one, and make one from an order. Releasing is
`receipt_release`. Every problem is reported at once and nothing is written when there is one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..documents.currency import document_rate
from ..documents.lines import calendar_day
from ..documents.periods import POST_PERIOD, choose_period
from ..documents.references import BRANCH, CodeFields, reference_problems
from ..identity.companies import base_currency
from ..inventory.models import Warehouse
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.conditions import DateCondition
from ..kit.document_lists import ListWindow, fetch_filtered
from ..kit.document_numbers import DocumentNumbers
from ..kit.errors import BusinessError, NotFound, record_errors
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Listing, Page, PageResult
from ..kit.records import RecordKey, apply_scalars, find_by_code
from ..kit.responses import check_if_match
from ..ledger.periods import LedgerModule
from ..payables.models import SUPPLIER_FOR_DOCUMENTS, Supplier
from . import receipt_lines
from .lines import custom_value
from .models import ZERO, PurchaseOrder, PurchaseOrderLine, PurchaseReceipt, PurchaseReceiptLine
from .schemas import CUSTOM_FIELDS

RESOURCE = "purchaseReceipt"
MAX_PAGE_SIZE = DOCUMENT_MAX_PAGE_SIZE
LISTING = Listing(resource=RESOURCE, model=PurchaseReceipt, key=PurchaseReceipt.receipt_nbr)
ENTITY, RECORD = "purchase receipt", "POReceipt"
NUMBERS = DocumentNumbers(
    RecordKey("receiptNbr", PurchaseReceipt.receipt_nbr, "Receipt nbr.", "PORECEIPT"), "Purchase receipts"
)
_SCALARS = {
    "hold": ("hold", "Hold", False),
    "locationId": ("location", "Location", None),
    "createBill": ("create_bill", "Create bill", False),
    "supplierRef": ("supplier_ref", "Supplier ref.", None),
    "controlQty": ("control_qty", "Control qty.", Decimal(0)),
    "controlAmount": ("control_total", "Control amount", Decimal(0)),
    "branchNumber": ("branch", "Branch", None),
    "note": ("note", "Note", None),
}
_CODES = CodeFields({"branchNumber": BRANCH}, "lines", {"branchNumber": BRANCH})


@dataclass(frozen=True)
class ReceiptFilters:
    receipt_type: str | None = None
    status: str | None = None
    supplier: str | None = None
    order_nbr: str | None = None
    branch: str | None = None
    period: str | None = None
    receipt_date: DateCondition | None = None
    due_date: DateCondition | None = None
    window: ListWindow = ListWindow()

    def conditions(self) -> list:
        found = []
        if self.receipt_type:
            found.append(PurchaseReceipt.receipt_type == self.receipt_type)
        if self.status:
            found.append(PurchaseReceipt.status == self.status)
        if self.supplier:
            found.append(PurchaseReceipt.supplier.has(Supplier.number == self.supplier))
        if self.order_nbr:
            found.append(
                PurchaseReceipt.lines.any(
                    PurchaseReceiptLine.order_line.has(
                        PurchaseOrderLine.order.has(PurchaseOrder.order_nbr == self.order_nbr)
                    )
                )
            )
        if self.branch:
            found.append(PurchaseReceipt.branch == self.branch)
        if self.period:
            found.append(PurchaseReceipt.period_id == self.period)
        if self.receipt_date:
            found.append(self.receipt_date.apply(PurchaseReceipt.date))
        if self.due_date:
            found.append(self.due_date.apply(PurchaseReceipt.due_date))
        return found + self.window.conditions(PurchaseReceipt.receipt_nbr, PurchaseReceipt.last_modified_at)


def list_receipts(
    db: Database, *, company_id: int, filters: ReceiptFilters, page: Page, render: Callable[[PurchaseReceipt], Any]
) -> tuple[list, PageResult]:
    """A page of receipts, rendered while their session is open (lines name their orders and items' accounts)."""
    with db.reading() as session:
        result = fetch_filtered(session, LISTING, company_id=company_id, filters=filters, page=page)
        return [render(receipt) for receipt in result.rows], result


def get_receipt(db: Database, *, company_id: int, number: str, render: Callable[[PurchaseReceipt], Any]):
    """The receipt rendered, and its row version."""
    with db.reading() as session:
        receipt = find(session, company_id, number)
        return render(receipt), receipt.row_version


def find(session: Session, company_id: int, number: str, *, for_update: bool = False) -> PurchaseReceipt:
    missing = messages.not_found("Purchase receipt", number)
    return NUMBERS.find(session, company_id, number, for_update=for_update, missing=missing)


def create_receipt(db: Database, *, company_id: int, changes: dict) -> tuple[PurchaseReceipt, list[str]]:
    with db.writing() as session:
        return enter_receipt(session, company_id, changes)


def enter_receipt(session: Session, company_id: int, changes: dict) -> tuple[PurchaseReceipt, list[str]]:
    """A new receipt in the caller's transaction; the fields the service ignored."""
    base = base_currency(session, company_id)
    receipt = PurchaseReceipt(
        company_id=company_id,
        receipt_type=changes.get("receiptType") or "PoReceipt",
        status="Balanced",
        hold=False,
        currency_id=base,
        exchange_rate=Decimal(1),
        create_bill=False,
        control_qty=ZERO,
        control_total=ZERO,
        total_qty=ZERO,
        total_amt=ZERO,
        custom={},
        lines=[],
    )
    ignored = NUMBERS.enter(
        session,
        receipt,
        changes,
        lambda ignored: _apply(session, receipt, changes, inserting=True),
        entity=ENTITY,
        label=RECORD,
        resource=RESOURCE,
    )
    return receipt, ignored


def update_receipt(
    db: Database, *, company_id: int, number: str, changes: dict, if_match: str | None
) -> tuple[PurchaseReceipt, list[str]]:
    with db.writing() as session:
        receipt = find(session, company_id, number, for_update=True)
        check_if_match(if_match, receipt.row_version)
        ignored = [name for name in ("receiptNbr",) if changes.get(name) not in (None, receipt.receipt_nbr)]
        problems = _refuse_changes(receipt)
        if not problems:
            with session.no_autoflush:
                problems = _apply(session, receipt, changes, inserting=False)
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        touched(session, receipt)
        return receipt, ignored


def touched(session: Session, receipt: PurchaseReceipt) -> None:
    receipt.last_modified_at = utcnow()
    session.flush()
    bump_version(session, company_id=receipt.company_id, resource=RESOURCE)


def _refuse_changes(receipt: PurchaseReceipt) -> list[str]:
    if receipt.status in ("Released", "Cancelled"):
        return [f"The purchase receipt '{receipt.receipt_nbr}' is {receipt.status.lower()} and cannot be changed."]
    return []


def _apply(session: Session, receipt: PurchaseReceipt, changes: dict, *, inserting: bool) -> list[str]:
    problems: list[str] = []
    if "receiptType" in changes and changes["receiptType"] != receipt.receipt_type:
        if not inserting and receipt.lines:
            problems.append("'Type' cannot be changed on a receipt with lines.")
        receipt.receipt_type = changes["receiptType"] or "PoReceipt"
    if receipt.receipt_type == "TransferReceipt":
        problems.append(
            "'Type' TransferReceipt is not served: transfer orders are not kept. Use PoReceipt or PoReturn."
        )
    problems += apply_scalars(receipt, changes, _SCALARS, not_negative=("controlQty", "controlAmount"))
    problems += _apply_supplier(session, receipt, changes, inserting=inserting)
    problems += reference_problems(session, receipt.company_id, changes, _CODES)
    was = (receipt.currency_id, receipt.date)
    moved = "date" in changes and changes["date"] is not None
    if moved:
        receipt.date = calendar_day(changes["date"])
    elif receipt.date is None:
        receipt.date = calendar_day(utcnow())
    receipt.due_date = receipt.due_date or receipt.date
    choice = choose_period(
        session,
        company_id=receipt.company_id,
        changes=changes,
        fields=(POST_PERIOD,),
        day=receipt.date.date(),
        current=receipt.period_id,
        moved=moved,
        module=LedgerModule.INVENTORY_MANAGEMENT,
    )
    receipt.period_id = choice.period or receipt.period_id
    problems += choice.problems
    if "warehouseId" in changes:
        code = (changes["warehouseId"] or "").strip()
        receipt.warehouse = find_by_code(session, Warehouse, Warehouse.warehouse_id, receipt.company_id, code)
        if code and receipt.warehouse is None:
            problems.append(messages.cannot_be_found("Warehouse", code))
    if "currency" in changes:
        receipt.currency_id = changes["currency"] or receipt.currency_id
    receipt.exchange_rate, found = document_rate(
        session,
        receipt.company_id,
        base_currency(session, receipt.company_id),
        currency_id=receipt.currency_id,
        day=receipt.date,
        sent=changes.get("exchangeRate"),
        current=receipt.exchange_rate,
        refresh=inserting or was != (receipt.currency_id, receipt.date),
    )
    problems += found
    for wire in CUSTOM_FIELDS:
        if wire in changes:
            receipt.custom = {**(receipt.custom or {}), wire: custom_value(changes[wire])}
    if problems:
        return problems
    problems += receipt_lines.apply_lines(session, receipt, changes.get("lines") or [])
    if problems:
        return problems
    return settle(session, receipt)


def settle(session: Session, receipt: PurchaseReceipt) -> list[str]:
    """What every change of lines ends with: the lines' currency is the receipt's, the quantity rule, the
    totals and the status."""
    problems = []
    for line in receipt.lines:
        order = line.order_line.order if line.order_line else None
        if order is not None and order.currency_id != receipt.currency_id:
            problems.append(
                f"Line {line.line_number}: purchase order '{order.order_nbr}' is in {order.currency_id}, the "
                f"receipt in {receipt.currency_id}."
            )
    problems += receipt_lines.quantity_problems(session, receipt)
    receipt.total_qty = sum((line.receipt_qty for line in receipt.lines), ZERO)
    receipt.total_amt = sum((line.amount for line in receipt.lines), ZERO)
    receipt.status = "Hold" if receipt.hold else "Balanced"
    return problems


def _apply_supplier(session: Session, receipt: PurchaseReceipt, changes: dict, *, inserting: bool) -> list[str]:
    if "supplierId" not in changes:
        return ["'Supplier' cannot be empty."] if inserting else []
    code = (changes["supplierId"] or "").strip()
    if not code:
        return ["'Supplier' cannot be empty."]
    supplier = find_by_code(session, Supplier, Supplier.number, receipt.company_id, code, SUPPLIER_FOR_DOCUMENTS)
    if supplier is None:
        return [messages.cannot_be_found("Supplier", code)]
    if receipt.supplier is not None and receipt.supplier.id != supplier.id and receipt.lines:
        return ["'Supplier' cannot be changed on a receipt with lines."]
    receipt.supplier = supplier
    if "currency" not in changes and inserting:
        receipt.currency_id = supplier.currency_id or receipt.currency_id
    return []


# --- actions ---------------------------------------------------------------------------------------------


def add_orders(db: Database, *, company_id: int, number: str, orders: list[tuple[str, str | None]], if_match):
    """`addpurchaseorder`: every open line of each order (PO type checked when given)."""
    with db.writing() as session:
        receipt = _changeable(session, company_id, number, if_match)
        problems = []
        for order_nbr, order_type in orders:
            order, found = _order(session, receipt, order_nbr, order_type)
            problems += found
            if order is not None:
                lines = receipt_lines.open_lines(order)
                problems += _add(session, receipt, lines)
                if not lines:
                    problems.append(f"Purchase order '{order_nbr}' has no open lines to receive.")
        return _finish(session, receipt, problems)


def add_order_lines(db: Database, *, company_id: int, number: str, wanted: list[tuple[str, list[str]]], if_match):
    """`addpurchaseorderlines`: the chosen lines of each order."""
    with db.writing() as session:
        receipt = _changeable(session, company_id, number, if_match)
        problems = []
        for order_nbr, line_numbers in wanted:
            order, found = _order(session, receipt, order_nbr, None)
            problems += found
            if order is None:
                continue
            chosen = []
            for text in line_numbers:
                line = next((x for x in order.lines if str(x.line_number) == str(text).strip()), None)
                if line is None:
                    problems.append(f"Line {text} is not on purchase order '{order_nbr}'.")
                elif line.completed or line.canceled:
                    problems.append(f"Line {text} of purchase order '{order_nbr}' is completed or cancelled.")
                else:
                    chosen.append(line)
            problems += _add(session, receipt, chosen)
        return _finish(session, receipt, problems)


def cancel_receipt(db: Database, *, company_id: int, number: str, if_match) -> PurchaseReceipt:
    """An unreleased receipt becomes Cancelled: its quantities no longer count on the order lines. A released one
    cannot be cancelled (a return sends the goods back)."""
    with db.writing() as session:
        receipt = find(session, company_id, number, for_update=True)
        check_if_match(if_match, receipt.row_version)
        if receipt.status == "Released":
            raise BusinessError(
                f"The purchase receipt '{number}' is released and cannot be cancelled: enter a return (PoReturn) "
                "for what goes back."
            )
        if receipt.status == "Cancelled":
            raise BusinessError(f"The purchase receipt '{number}' is already cancelled.")
        receipt.status = "Cancelled"
        touched(session, receipt)
        return receipt


def receipt_from_order(db: Database, *, company_id: int, order_nbr: str, order_type: str | None) -> PurchaseReceipt:
    """`createpurchasereceipt`: a receipt of the order's supplier with every open line."""
    with db.writing() as session:
        order = find_by_code(session, PurchaseOrder, PurchaseOrder.order_nbr, company_id, order_nbr)
        if order is None:
            raise NotFound(messages.not_found("Purchase order", order_nbr))
        if not order_type:
            raise BusinessError("'orderType' cannot be empty.")
        if order_type != order.order_type:
            raise BusinessError(f"Purchase order '{order_nbr}' is of type {order.order_type}, not {order_type}.")
        lines = [
            {"operation": "Insert", "poOrderNbr": order_nbr, "poOrderLineNbr": x.line_number}
            for x in receipt_lines.open_lines(order)
        ]
        if not lines:
            raise BusinessError(f"Purchase order '{order_nbr}' has no open lines to receive.")
        # Dated when the order promised the goods (else the order's date): nettfin has no business date.
        changes = {
            "supplierId": order.supplier.number,
            "currency": order.currency_id,
            "date": order.promised_on or order.date,
            "lines": lines,
        }
        receipt, _ignored = enter_receipt(session, company_id, changes)
        return receipt


def _changeable(session: Session, company_id: int, number: str, if_match) -> PurchaseReceipt:
    receipt = find(session, company_id, number, for_update=True)
    check_if_match(if_match, receipt.row_version)
    problems = _refuse_changes(receipt)
    if problems:
        raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
    return receipt


def _order(session: Session, receipt: PurchaseReceipt, order_nbr: str | None, order_type: str | None):
    order_nbr = (order_nbr or "").strip()
    if not order_nbr:
        return None, ["'orderNbr' cannot be empty."]
    order = find_by_code(session, PurchaseOrder, PurchaseOrder.order_nbr, receipt.company_id, order_nbr)
    if order is None:
        return None, [messages.cannot_be_found("Purchase order", order_nbr)]
    if order_type and order_type != order.order_type:
        return None, [f"Purchase order '{order_nbr}' is of type {order.order_type}, not {order_type}."]
    problems = receipt_lines.order_problems(receipt, order)
    return (None, problems) if problems else (order, [])


def _add(session: Session, receipt: PurchaseReceipt, order_lines) -> list[str]:
    """A receipt line for each order line, taking what is open on it (lines with nothing open are skipped)."""
    pending = receipt_lines.pending_quantities(
        session, [x.id for x in order_lines], receipt_type=receipt.receipt_type, besides=None
    )
    number = max((line.line_number for line in receipt.lines), default=0)
    problems = []
    for order_line in order_lines:
        quantity = receipt_lines.open_quantity(order_line, pending.get(order_line.id, ZERO), receipt.receipt_type)
        if quantity <= 0:
            problems.append(
                f"Line {order_line.line_number} of purchase order '{order_line.order.order_nbr}' has nothing open "
                "to receive."
            )
            continue
        number += 1
        line = receipt_lines.new_line(receipt, number)
        receipt_lines.take_order_line(line, order_line, quantity)
    return problems


def _finish(session: Session, receipt: PurchaseReceipt, problems: list[str]) -> PurchaseReceipt:
    with session.no_autoflush:
        problems = problems or settle(session, receipt)
    if problems:
        raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
    touched(session, receipt)
    return receipt
