"""Purchase order lines: the members of a line (their operations follow kit/lines.py's rules), and a line's
amounts (extended cost, discount, amount), computed and never taken from the client.

Amounts are rounded to the øre with the VAT module's one rule.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..documents.lines import HUNDRED, DiscountLabels, LineLedger, apply_line_discount, calendar_day, money
from ..inventory.models import InventoryItem, Warehouse
from ..kit import messages
from ..kit.checks import fits_column
from ..kit.lines import LineBook, apply_line_operations
from ..kit.records import apply_scalars, find_by_code
from ..ledger.models import Account
from .models import ZERO, PurchaseOrder, PurchaseOrderLine, PurchaseReceiptLine
from .schemas import CUSTOM_FIELDS

_DISCOUNT = DiscountLabels("Discount", "'Ext. cost'")
# Wire name -> (column, label in messages, value when cleared).
_LINE_SCALARS = {
    "branch": ("branch", "Branch", None),
    "lineDescription": ("line_description", "Line description", None),
    "uom": ("uom", "UoM", None),
    "discountCode": ("discount_code", "Discount code", None),
    "alternateId": ("alternate_id", "Alternate ID", None),
    "minReceipt": ("min_receipt", "Min. receipt (%)", ZERO),
    "maxReceipt": ("max_receipt", "Max. receipt (%)", HUNDRED),
    "completeOn": ("complete_on", "Complete on (%)", HUNDRED),
    "receiptAction": ("receipt_action", "Receipt action", "AcceptButWarn"),
    "taxCategory": ("tax_category", "VAT category", None),
    "project": ("project", "Project", None),
    "projectTask": ("project_task", "Project task", None),
    "note": ("note", "Note", None),
    "manualDiscount": ("manual_discount", "Manual discount", False),
    "completed": ("completed", "Completed", False),
}
_PERCENTAGES = ("minReceipt", "maxReceipt", "completeOn")
_NOT_NEGATIVE = {
    "orderQty": "Order qty.",
    "unitCost": "Unit cost",
    "extCost": "Ext. cost",
    "discountAmount": "Discount",
}


def apply_lines(
    session: Session, ledger: LineLedger, order: PurchaseOrder, sent: list[dict], ignored: list[str]
) -> list[str]:
    """Apply the lines of a write body (kit/lines.py's rules); every problem, prefixed by the line's place. The
    changed lines' subaccounts are the ledger's to attach."""

    def apply(line: PurchaseOrderLine, change: dict, place: str, inserting: bool) -> list[str]:
        if "amount" in change and change["amount"] != line.amount:
            ignored.append(f"{place}.amount")
        return _apply_line(session, ledger, order, line, change)

    removed: list[PurchaseOrderLine] = []

    def remove(line: PurchaseOrderLine) -> None:
        removed.append(line)
        order.lines.remove(line)

    book = LineBook(
        collection="lines",
        noun="order",
        number=lambda line: line.line_number,
        renumber=lambda line, number: setattr(line, "line_number", number),
        create=lambda number: _new_line(order, number),
        remove=remove,
        apply=apply,
        session=session,
    )
    return apply_line_operations(book, order.lines, sent) + _received_problems(session, removed)


def _received_problems(session: Session, removed: list[PurchaseOrderLine]) -> list[str]:
    """A line a purchase receipt names cannot be deleted (cancel it or complete it instead)."""
    ids = [line.id for line in removed if line.id is not None]
    if not ids:
        return []
    on_receipts = set(
        session.scalars(select(PurchaseReceiptLine.order_line_id).where(PurchaseReceiptLine.order_line_id.in_(ids)))
    )
    return [
        f"Line {line.line_number} is on a purchase receipt and cannot be deleted."
        for line in removed
        if line.id in on_receipts
    ]


def _new_line(order: PurchaseOrder, number: int) -> PurchaseOrderLine:
    line = PurchaseOrderLine(
        company_id=order.company_id,
        line_number=number,
        order_qty=ZERO,
        unit_cost=ZERO,
        ext_cost=ZERO,
        discount_percent=ZERO,
        discount_amount=ZERO,
        manual_discount=False,
        amount=ZERO,
        min_receipt=ZERO,
        max_receipt=HUNDRED,
        complete_on=HUNDRED,
        receipt_action="AcceptButWarn",
        received_qty=ZERO,
        received_amt=ZERO,
        completed=False,
        canceled=False,
        custom={},
    )
    order.lines.append(line)
    return line


def _apply_line(
    session: Session, ledger: LineLedger, order: PurchaseOrder, line: PurchaseOrderLine, sent: dict
) -> list[str]:
    problems = _range_problems(sent) + apply_scalars(line, sent, _LINE_SCALARS)
    if "account" in sent:
        problems += _apply_account(ledger, line, sent["account"])
    if "inventory" in sent:
        problems += _apply_item(session, ledger, order, line, sent)
    if "warehouse" in sent:
        code = (sent["warehouse"] or "").strip()
        line.warehouse = (
            find_by_code(session, Warehouse, Warehouse.warehouse_id, order.company_id, code) if code else None
        )
        if code and line.warehouse is None:
            problems.append(messages.cannot_be_found("Warehouse", code))
    if "lineType" in sent:
        line.line_type = sent["lineType"] or _default_line_type(line.item)
    elif line.id is None and not line.line_type:
        line.line_type = _default_line_type(line.item)
    for wire in ("requested", "promised"):
        if wire in sent:
            setattr(line, wire, calendar_day(sent[wire]))
    if "sub" in sent or "subaccount" in sent:
        problems += ledger.apply_segments(line, sent.get("sub", sent.get("subaccount")))
    for wire in CUSTOM_FIELDS:
        if wire in sent:
            line.custom = {**(line.custom or {}), wire: custom_value(sent[wire])}
    return problems + compute_line(line, sent)


def _apply_account(ledger: LineLedger, line: PurchaseOrderLine, sent: str | None) -> list[str]:
    code = (sent or "").strip() or None
    too_long = fits_column(Account.__table__.c.account_cd, code, "Account")
    return [too_long] if too_long else ledger.set_account(line, code)


def _range_problems(sent: dict) -> list[str]:
    return [
        f"'{_LINE_SCALARS[wire][1]}' must be between 0 and 100."
        for wire in _PERCENTAGES
        if sent.get(wire) is not None and not ZERO <= sent[wire] <= HUNDRED
    ]


def _apply_item(
    session: Session, ledger: LineLedger, order: PurchaseOrder, line: PurchaseOrderLine, sent: dict
) -> list[str]:
    """The item, and what it gives a line that does not say otherwise: unit, description, cost, category,
    account."""
    code = (sent["inventory"] or "").strip()
    if not code:
        line.item = None
        return []
    item = find_by_code(session, InventoryItem, InventoryItem.number, order.company_id, code)
    if item is None:
        return [messages.cannot_be_found("Item", code)]
    line.item = item
    if "uom" not in sent:
        line.uom = item.purchase_unit
    if "lineDescription" not in sent:
        line.line_description = item.description
    if "unitCost" not in sent and "extCost" not in sent:
        line.unit_cost = item.last_cost or item.current_cost or ZERO
    if "taxCategory" not in sent:
        line.tax_category = item.vat_category_code
    if "warehouse" not in sent and line.warehouse is None and item.stock_item:
        line.warehouse = item.default_warehouse
    account = (item.accounts or {}).get("inventoryAccount" if item.stock_item else "expenseAccount")
    if "account" not in sent and account:
        return ledger.set_account(line, account)
    return []


def _default_line_type(item: InventoryItem | None) -> str:
    if item is None:
        return "NonStock"
    if item.stock_item:
        return "GoodsForInventory"
    return "Service" if item.item_type == "ServiceItem" else "NonStock"


def custom_value(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        # A time without an offset is UTC, as everywhere on the wire.
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    return value


def compute_line(line: PurchaseOrderLine, sent: dict) -> list[str]:
    """Extended cost, discount and amount from quantity, unit cost and the discount the client gave."""
    problems = []
    for wire, label in _NOT_NEGATIVE.items():
        if sent.get(wire) is not None and sent[wire] < 0:
            problems.append(f"'{label}' cannot be less than 0.")
    if problems:
        return problems
    if sent.get("orderQty") is not None:
        line.order_qty = sent["orderQty"]
    if sent.get("unitCost") is not None:
        line.unit_cost = sent["unitCost"]
    if sent.get("extCost") is not None:
        line.ext_cost = money(sent["extCost"])
        if line.order_qty:
            line.unit_cost = sent["extCost"] / line.order_qty
    else:
        line.ext_cost = money((line.order_qty or ZERO) * (line.unit_cost or ZERO))
    percent, amount = sent.get("discountPercent"), sent.get("discountAmount")
    problems = apply_line_discount(line, line.ext_cost, percent=percent, amount=amount, labels=_DISCOUNT)
    if not problems:
        line.amount = line.ext_cost - line.discount_amount
    return problems
