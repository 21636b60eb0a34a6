"""Releasing a purchase receipt or return (PO302000): the stock moves through `stock.engine` and the PO accrual
posts through `ledger.posting` (module PO, in the receipt's period, which must be open in Inventory management).

A receipt: a stock item's line is received at its order line's cost (after discount) in the base currency into
its warehouse, location and lot/serial number; the inventory account is debited with what was stocked (a
standard-cost item's difference goes to its standard cost variance account) and the PO accrual account (GRNI)
credited with what the goods cost. A non-stock line debits its account (the order line's expense account) and
credits the item's PO accrual account. A return issues the stock back (valued off the cost layers) and posts
the mirror image. The order lines' received quantities and amounts move; a line whose received quantity reaches
its `completeOn` share (or that the receipt line completes) is completed, and an order whose lines are all
completed or cancelled is Closed. Every problem is refused at once, nothing written.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database, retrying_write
from ..documents.currency import to_base
from ..documents.lines import HUNDRED
from ..inventory.models import STOCK_TYPES
from ..kit.changes import bump_version
from ..kit.errors import record_errors
from ..kit.responses import check_if_match
from ..ledger.journal import Module
from ..ledger.periods import LedgerModule, PeriodNotOpen, period_open_for
from ..ledger.posting import PostingLine, PostingRefused, Source, post
from ..stock.accounts import AccountMissing, Role, account_for, missing_accounts, posting_lines
from ..stock.engine import Move, Moved, StockRefused, StockSource, issue, receive
from . import receipt_lines, receipts
from .models import ZERO, PurchaseReceipt, PurchaseReceiptLine

ENTITY, RECORD = receipts.ENTITY, receipts.RECORD


def is_stock_line(line: PurchaseReceiptLine) -> bool:
    return line.item is not None and line.item.item_type in STOCK_TYPES and line.line_type.startswith("GoodsFor")


@retrying_write
def release_receipt(db: Database, *, company_id: int, number: str, if_match) -> PurchaseReceipt:
    with db.writing() as session:
        receipt = receipts.find(session, company_id, number, for_update=True)
        check_if_match(if_match, receipt.row_version)
        release(session, receipt)
        return receipt


def release(session: Session, receipt: PurchaseReceipt) -> None:
    """`release_receipt` in the caller's transaction, on a receipt it has locked."""
    problems = _release_problems(session, receipt)
    if not problems:
        problems = _post(session, receipt)
    if problems:
        raise record_errors(action="releasing", entity=ENTITY, record=RECORD, errors=problems)
    _update_orders(session, receipt)
    receipt.status = "Released"
    receipts.touched(session, receipt)


def _release_problems(session: Session, receipt: PurchaseReceipt) -> list[str]:
    name = f"The purchase receipt '{receipt.receipt_nbr}'"
    if receipt.status == "Released":
        return [f"{name} is already released."]
    if receipt.status == "Cancelled":
        return [f"{name} is cancelled and cannot be released."]
    if receipt.hold:
        return [f"{name} is on hold and cannot be released: clear 'Hold' first."]
    if not receipt.lines:
        return [f"{name} has no lines."]
    problems = []
    try:
        period_open_for(session, receipt.company_id, receipt.period_id, LedgerModule.INVENTORY_MANAGEMENT)
    except PeriodNotOpen as closed:
        problems.append(closed.message)
    for line in receipt.lines:
        if line.receipt_qty <= 0:
            problems.append(f"Line {line.line_number}: 'Receipt qty.' must be greater than 0.")
        if is_stock_line(line) and line.warehouse is None:
            problems.append(f"Line {line.line_number}: 'Warehouse' cannot be empty.")
    problems += receipt_lines.quantity_problems(session, receipt, released_only=True)
    items = [line.item for line in receipt.lines if line.item is not None]
    stock = [line.item for line in receipt.lines if is_stock_line(line)]
    problems += missing_accounts(items, [Role.ACCRUAL]) + missing_accounts(stock, [Role.INVENTORY])
    standard = [i for i in stock if i.item_class is not None and i.item_class.valuation_method == "Standard"]
    problems += missing_accounts(standard, [Role.VARIANCE])
    for line in receipt.lines:
        if line.item is None:
            problems.append(f"Line {line.line_number}: a line without an item has no PO accrual account.")
        elif not is_stock_line(line) and line.account is None:
            problems.append(f"Line {line.line_number}: 'Account' cannot be empty.")
    return problems


def _post(session: Session, receipt: PurchaseReceipt) -> list[str]:
    returning = receipt.receipt_type == receipt_lines.RETURN
    rate = receipt.exchange_rate or Decimal(1)
    stock_lines = [line for line in receipt.lines if is_stock_line(line)]
    moves = [
        Move(
            line.item,
            line.warehouse,
            line.receipt_qty,
            line.location,
            line.lot_serial or "",
            to_base(line.amount, rate) / line.receipt_qty,
            line.line_number,
        )
        for line in stock_lines
    ]
    source = StockSource("PurchaseReceipt" if not returning else "PurchaseReturn", receipt.receipt_nbr)
    try:
        moved: list[Moved] = (issue if returning else receive)(
            session, receipt.company_id, moves, on=receipt.date.date(), source=source
        )
    except StockRefused as refused:
        return refused.problems
    description = f"{'Return' if returning else 'Receipt'} {receipt.receipt_nbr}"
    try:
        lines = posting_lines(moved, offset=Role.ACCRUAL, inbound=not returning, description=description)
    except AccountMissing as missing:
        return [missing.message]
    for line, m in zip(stock_lines, moved, strict=True):
        line.value = m.value + m.variance
    for line in receipt.lines:
        if is_stock_line(line):
            continue
        line.value = to_base(line.amount, rate)
        lines += _non_stock_lines(line, returning, description)
    if not any(x.debit or x.credit for x in lines):
        return []
    try:
        batch = post(
            session,
            company_id=receipt.company_id,
            module=Module.PO,
            period=receipt.period_id,
            date=receipt.date.date(),
            description=description,
            source=Source(receipt.receipt_type, receipt.receipt_nbr),
            lines=[x for x in lines if x.debit or x.credit],
        )
    except PostingRefused as refused:
        return refused.problems
    receipt.batch_number = batch.batch_number
    return []


def _non_stock_lines(line: PurchaseReceiptLine, returning: bool, description: str) -> list[PostingLine]:
    accrual = account_for(line.item, Role.ACCRUAL)
    expense = line.account.account_cd
    sub = line.subaccount.subaccount_cd if line.subaccount else None
    common = {"description": description, "inventory_number": line.item.number}
    if returning:
        return [
            PostingLine(account=accrual, debit=line.value, **common),
            PostingLine(account=expense, subaccount=sub, credit=line.value, **common),
        ]
    return [
        PostingLine(account=expense, subaccount=sub, debit=line.value, quantity=line.receipt_qty, **common),
        PostingLine(account=accrual, credit=line.value, **common),
    ]


def _update_orders(session: Session, receipt: PurchaseReceipt) -> None:
    """The order lines' received figures, completion, and their orders' status and open quantity."""
    sign = -1 if receipt.receipt_type == receipt_lines.RETURN else 1
    orders = {}
    for line in receipt.lines:
        order_line = line.order_line
        if order_line is None:
            continue
        order_line.received_qty += sign * line.receipt_qty
        order_line.received_amt += sign * line.amount
        threshold = order_line.order_qty * (order_line.complete_on or HUNDRED) / HUNDRED
        if sign > 0:
            order_line.completed = order_line.completed or line.complete_po_line or order_line.received_qty >= threshold
        elif order_line.received_qty < threshold:
            order_line.completed = False
        orders[order_line.order.id] = order_line.order
    for order in orders.values():
        settle_order(order)
        order.last_modified_at = utcnow()
    if orders:
        bump_version(session, company_id=receipt.company_id, resource="purchaseOrder")


def settle_order(order) -> None:
    """An order's status and open figures from its lines' receipts (Closed: every line completed or cancelled)."""
    done = bool(order.lines) and all(x.completed or x.canceled for x in order.lines)
    if done and order.status not in ("Cancelled", "Voided"):
        order.status = "Closed"
    elif not done and order.status == "Closed":
        order.status = "Open"
    order.open_quantity = sum(
        (max(x.order_qty - x.received_qty, ZERO) for x in order.lines if not x.completed and not x.canceled), ZERO
    )
    order.open_balance = ZERO if order.status == "Closed" else order.order_total
