"""A purchase receipt's lines: each one a quantity of a purchase order line received (or returned) at the order
line's cost, in the order line's warehouse unless it names another; what is open on an order line, and the rule
for how much a receipt may take of it.

Over-receipt: the order line's `maxReceipt` (%, 100 by default) bounds what all its receipts may bring in; more
is refused unless the line's `receiptAction` is `Accept` (the API has no warning to give for `AcceptButWarn`,
so it refuses like `Reject`). A return cannot send back more than the line has received.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..documents.lines import HUNDRED, calendar_day, money
from ..inventory.models import Warehouse, WarehouseLocation
from ..kit import messages
from ..kit.checks import fits_column
from ..kit.lines import LineBook, apply_line_operations
from ..kit.records import find_by_code
from .lines import custom_value
from .models import ZERO, PurchaseOrder, PurchaseOrderLine, PurchaseReceipt, PurchaseReceiptLine
from .schemas import CUSTOM_FIELDS

RETURN = "PoReturn"
PENDING = ("Hold", "Balanced")
_CLOSED_ORDERS = ("Closed", "Cancelled", "Voided")
_TEXTS = {
    "transactionDescription": ("description", "Transaction description"),
    "note": ("note", "Note"),
    "lotSerialNumber": ("lot_serial", "Lot/serial nbr."),
    "uom": ("uom", "UoM"),
}
_COLUMNS = PurchaseReceiptLine.__table__.c


def open_lines(order: PurchaseOrder) -> list[PurchaseOrderLine]:
    """The order's lines a receipt can still take: neither completed nor cancelled, with goods to receive."""
    return [x for x in order.lines if not x.completed and not x.canceled and x.line_type != "Description"]


def pending_quantities(session: Session, order_line_ids, *, receipt_type: str, besides: int | None) -> dict:
    """Per order line, what unreleased receipts (of the type, other than `besides`) already take."""
    ids = [i for i in order_line_ids if i is not None]
    if not ids:
        return {}
    statement = (
        select(PurchaseReceiptLine.order_line_id, func.sum(PurchaseReceiptLine.receipt_qty))
        .join(PurchaseReceipt, PurchaseReceipt.id == PurchaseReceiptLine.receipt_id)
        .where(
            PurchaseReceiptLine.order_line_id.in_(ids),
            PurchaseReceipt.status.in_(PENDING),
            PurchaseReceipt.receipt_type == receipt_type,
        )
        .group_by(PurchaseReceiptLine.order_line_id)
    )
    if besides is not None:
        statement = statement.where(PurchaseReceipt.id != besides)
    return {row[0]: Decimal(row[1] or 0) for row in session.execute(statement)}


def open_quantity(order_line: PurchaseOrderLine, pending: Decimal, receipt_type: str) -> Decimal:
    """What a new line of a receipt (or return) of the type takes by default."""
    if receipt_type == RETURN:
        return max(order_line.received_qty - pending, ZERO)
    return max(order_line.order_qty - order_line.received_qty - pending, ZERO)


def limit_of(order_line: PurchaseOrderLine) -> Decimal | None:
    """The most all receipts of the order line may bring in (None: no limit, `receiptAction` Accept)."""
    if order_line.receipt_action == "Accept":
        return None
    return order_line.order_qty * (order_line.max_receipt or HUNDRED) / HUNDRED


def quantity_problems(session: Session, receipt: PurchaseReceipt, *, released_only: bool = False) -> list[str]:
    """The over-receipt rule (module docstring) over the receipt's lines together."""
    taken: dict[int, Decimal] = defaultdict(lambda: ZERO)
    by_id: dict[int, PurchaseOrderLine] = {}
    for line in receipt.lines:
        if line.order_line is not None:
            taken[line.order_line.id] += line.receipt_qty
            by_id[line.order_line.id] = line.order_line
    pending = (
        {}
        if released_only
        else pending_quantities(session, list(taken), receipt_type=receipt.receipt_type, besides=receipt.id)
    )
    problems = []
    for line_id, quantity in taken.items():
        order_line = by_id[line_id]
        name = f"line {order_line.line_number} of purchase order '{order_line.order.order_nbr}'"
        total = quantity + pending.get(line_id, ZERO)
        if receipt.receipt_type == RETURN:
            if total > order_line.received_qty:
                problems.append(
                    f"The quantity returned for {name} would be {_qty(total)}, more than the "
                    f"{_qty(order_line.received_qty)} it has received."
                )
            continue
        limit = limit_of(order_line)
        if limit is not None and order_line.received_qty + total > limit:
            problems.append(
                f"The quantity received for {name} would be {_qty(order_line.received_qty + total)}, more than "
                f"the {_qty(limit)} it allows (order qty. {_qty(order_line.order_qty)}, max. receipt "
                f"{_qty(order_line.max_receipt)} %; receipt action {order_line.receipt_action})."
            )
    return problems


def find_order_line(session: Session, company_id: int, order_nbr: str, line_nbr: int | None):
    """The order and its line, or the problem naming what is missing."""
    order = find_by_code(session, PurchaseOrder, PurchaseOrder.order_nbr, company_id, order_nbr)
    if order is None:
        return None, [messages.cannot_be_found("Purchase order", order_nbr)]
    line = next((x for x in order.lines if x.line_number == line_nbr), None)
    if line is None:
        return None, [f"Line {line_nbr} is not on purchase order '{order_nbr}'."]
    return line, []


def order_problems(receipt: PurchaseReceipt, order: PurchaseOrder) -> list[str]:
    """Whether the receipt can take lines of the order: the receipt's supplier's, neither closed nor on hold."""
    if receipt.supplier is None:
        return []  # the header's problem ('Supplier' cannot be empty) is reported
    if order.supplier.id != receipt.supplier.id:
        return [
            f"Purchase order '{order.order_nbr}' is for supplier '{order.supplier.number}', not the receipt's "
            f"supplier '{receipt.supplier.number}'."
        ]
    if order.status in _CLOSED_ORDERS and receipt.receipt_type != RETURN:
        return [f"Purchase order '{order.order_nbr}' is {order.status.lower()}: nothing more can be received on it."]
    if order.status == "Hold":
        return [f"Purchase order '{order.order_nbr}' is on hold: take it off hold before receiving on it."]
    return []


def new_line(receipt: PurchaseReceipt, number: int) -> PurchaseReceiptLine:
    line = PurchaseReceiptLine(
        company_id=receipt.company_id,
        line_number=number,
        receipt_qty=ZERO,
        unit_cost=ZERO,
        ext_cost=ZERO,
        discount_percent=ZERO,
        discount_amount=ZERO,
        amount=ZERO,
        lot_serial="",
        complete_po_line=False,
        value=ZERO,
        custom={},
    )
    receipt.lines.append(line)
    return line


def take_order_line(line: PurchaseReceiptLine, order_line: PurchaseOrderLine, quantity: Decimal) -> None:
    """A line receiving (or returning) `quantity` of the order line, with what the order line gives it."""
    line.order_line = order_line
    line.item, line.line_type, line.branch = order_line.item, order_line.line_type, order_line.branch
    line.warehouse = line.warehouse or order_line.warehouse or line.receipt.warehouse
    line.description = line.description or order_line.line_description
    line.uom, line.tax_category = order_line.uom, order_line.tax_category
    line.account, line.subaccount = order_line.account, order_line.subaccount
    line.unit_cost = order_line.unit_cost
    line.discount_percent = (
        (order_line.discount_amount * HUNDRED / order_line.ext_cost).quantize(Decimal("0.000001"))
        if order_line.ext_cost
        else ZERO
    )
    line.receipt_qty = quantity
    compute_line(line)


def compute_line(line: PurchaseReceiptLine) -> None:
    line.ext_cost = money(line.receipt_qty * line.unit_cost)
    line.discount_amount = money(line.ext_cost * line.discount_percent / HUNDRED)
    line.amount = line.ext_cost - line.discount_amount


def apply_lines(session: Session, receipt: PurchaseReceipt, sent: list[dict]) -> list[str]:
    """The body's line changes (kit/lines.py's rules, `lineNbr` naming a line); every problem."""
    changes = [{("lineNumber" if k == "lineNbr" else k): v for k, v in change.items()} for change in sent]
    book = LineBook(
        collection="lines",
        noun="receipt",
        number=lambda line: line.line_number,
        renumber=lambda line, number: setattr(line, "line_number", number),
        create=lambda number: new_line(receipt, number),
        remove=receipt.lines.remove,
        apply=lambda line, change, _place, inserting: _apply_line(session, receipt, line, change, inserting),
        session=session,
    )
    return apply_line_operations(book, receipt.lines, changes)


def _apply_line(
    session: Session, receipt: PurchaseReceipt, line: PurchaseReceiptLine, change: dict, inserting: bool
) -> list[str]:
    problems: list[str] = []
    if "warehouseId" in change:
        code = (change["warehouseId"] or "").strip()
        line.warehouse = find_by_code(session, Warehouse, Warehouse.warehouse_id, receipt.company_id, code)
        if line.warehouse is None:
            return [messages.cannot_be_found("Warehouse", code)]
    if inserting or "poOrderNbr" in change or "poOrderLineNbr" in change:
        order_nbr = (change.get("poOrderNbr") or (line.order_line.order.order_nbr if line.order_line else "")).strip()
        if not order_nbr:
            return ["'PO order nbr.' cannot be empty: a receipt line receives a purchase order line."]
        order_line, found = find_order_line(session, receipt.company_id, order_nbr, change.get("poOrderLineNbr"))
        if found:
            return found
        problems = order_problems(receipt, order_line.order)
        if problems:
            return problems
        if line.order_line is None or line.order_line.id != order_line.id:
            pending = pending_quantities(session, [order_line.id], receipt_type=receipt.receipt_type, besides=None)
            quantity = open_quantity(order_line, pending.get(order_line.id, ZERO), receipt.receipt_type)
            take_order_line(line, order_line, quantity)
    if "inventoryId" in change:
        code = (change["inventoryId"] or "").strip()
        if line.item is None or code != line.item.number:
            problems.append(f"Item '{code}' is not the item of the purchase order line the receipt line receives.")
    if "locationId" in change:
        code = (change["locationId"] or "").strip() or None
        line.location = None
        if code:
            line.location = session.scalars(
                select(WarehouseLocation).where(
                    WarehouseLocation.warehouse_id == (line.warehouse.id if line.warehouse else -1),
                    WarehouseLocation.location_cd == code,
                )
            ).first()
            if line.location is None:
                where = line.warehouse.warehouse_id if line.warehouse else ""
                problems.append(f"Location '{code}' cannot be found in warehouse '{where}'.")
    elif line.location is not None and line.warehouse is not None and line.location.warehouse_id != line.warehouse.id:
        line.location = None
    for wire, (column, label) in _TEXTS.items():
        if wire in change:
            text = (change[wire] or "").strip() or None
            problem = fits_column(_COLUMNS[column], text, label)
            problems += [problem] if problem else []
            setattr(line, column, text if text is not None or column != "lot_serial" else "")
    for wire, column, label in (
        ("receiptQty", "receipt_qty", "Receipt qty."),
        ("unitCost", "unit_cost", "Unit cost"),
        ("discountPercent", "discount_percent", "Discount percent"),
    ):
        if change.get(wire) is not None:
            problem = fits_column(_COLUMNS[column], change[wire], label)
            if change[wire] < 0:
                problem = f"'{label}' cannot be less than 0."
            if problem:
                problems.append(problem)
                continue
            setattr(line, column, change[wire])
    if "expirationDate" in change:
        line.expiration_date = calendar_day(change["expirationDate"])
    if "completePoLine" in change:
        line.complete_po_line = bool(change["completePoLine"])
    for wire in CUSTOM_FIELDS:
        if wire in change:
            line.custom = {**(line.custom or {}), wire: custom_value(change[wire])}
    if line.receipt_qty is not None and line.receipt_qty <= 0 and "receiptQty" in change:
        problems.append("'Receipt qty.' must be greater than 0.")
    if not problems:
        compute_line(line)
    return problems


def _qty(quantity: Decimal) -> str:
    return format(Decimal(quantity).normalize(), "f")
