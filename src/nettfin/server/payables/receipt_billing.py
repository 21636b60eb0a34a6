"""Supplier invoice lines that bill purchase receipt lines (`addPOReceiptLines`): three-way matching's last leg.

A released receipt line of the invoice's supplier, in the invoice's currency, is billed by a new invoice line of
its item: the quantity still unbilled unless one is sent, at the receipt's unit cost unless one is sent. The line
posts to the item's PO accrual account (GRNI) the receipt's value of what it bills, so billing everything
received clears the accrual; what the invoice costs more (or less) than the receipt goes to the item's purchase
price variance account (`purchasePriceVarianceAccount` of its posting class). A receipt line cannot be billed
for more than it received (lines of voided invoices do not count). A debit adjustment bills a return the same
way: its line takes the returned value back off the accrual, so a returned receipt clears too.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from ..documents.lines import money
from ..kit import messages
from ..purchasing.models import PurchaseReceipt, PurchaseReceiptLine
from ..stock.accounts import Role, account_for
from .document_models import SupplierDocument, SupplierDocumentLine
from .invoice_lines import LineContext

ZERO = Decimal(0)
# The supplier document type that bills each type of purchase receipt.
_BILLS = {"Invoice": "PoReceipt", "DebitAdj": "PoReturn"}


def add_receipt_lines(context: LineContext, document: SupplierDocument, entries: list[dict]) -> list[str]:
    """A new line for each entry; every problem, prefixed by the entry's place."""
    problems: list[str] = []
    for index, entry in enumerate(entries):
        found = _add(context, document, entry)
        problems += [f"addPOReceiptLines[{index}]: {problem}" for problem in found]
    return problems


def _add(context: LineContext, document: SupplierDocument, entry: dict) -> list[str]:
    number = (entry.get("poReceiptNumber") or "").strip()
    if not number:
        return [messages.cannot_be_empty("PO receipt nbr.")]
    kind = _BILLS.get(document.document_type)
    if kind is None:
        return [
            f"A {document.document_type} cannot bill a purchase receipt: an Invoice bills receipts, a DebitAdj returns."
        ]
    receipt = context.session.scalars(
        select(PurchaseReceipt).where(
            PurchaseReceipt.company_id == document.company_id, PurchaseReceipt.receipt_nbr == number
        )
    ).first()
    if receipt is None:
        return [messages.cannot_be_found("Purchase receipt", number)]
    if receipt.status != "Released" or receipt.receipt_type != kind:
        what = "receipt" if kind == "PoReceipt" else "return"
        return [
            f"Purchase receipt '{number}' is not a released {what}: an Invoice bills released receipts (PoReceipt), "
            f"a DebitAdj released returns (PoReturn)."
        ]
    if document.supplier is None or receipt.supplier_id != document.supplier.id:
        return [f"Purchase receipt '{number}' is not of the invoice's supplier."]
    if receipt.currency_id != document.currency_id:
        return [f"Purchase receipt '{number}' is in {receipt.currency_id}, the invoice in {document.currency_id}."]
    wanted = entry.get("poReceiptLineNumber")
    line = next((x for x in receipt.lines if x.line_number == wanted), None)
    if line is None:
        return [f"Line {wanted} is not on purchase receipt '{number}'."]
    billed_qty, billed_value = _billed(context, document, line)
    open_qty = line.receipt_qty - billed_qty
    quantity = entry.get("quantity") if entry.get("quantity") is not None else open_qty
    if quantity <= 0 or quantity > open_qty:
        return [
            f"Line {wanted} of purchase receipt '{number}' has {_qty(open_qty)} unbilled; "
            f"{_qty(quantity)} cannot be billed."
        ]
    accrual = account_for(line.item, Role.ACCRUAL) if line.item else None
    variance = account_for(line.item, Role.PURCHASE_PRICE_VARIANCE) if line.item else None
    context.ledger.load_accounts([accrual])
    account = context.ledger.account(accrual) if accrual else None
    if account is None or not variance:
        missing = "PO accrual account" if account is None else "purchase price variance account"
        return [f"The item of line {wanted} of purchase receipt '{number}' has no {missing}."]
    value = line.value - billed_value if quantity == open_qty else money(line.value * quantity / line.receipt_qty)
    unit_cost = entry.get("unitCostInCurrency")
    invoice_line = SupplierDocumentLine(
        company_id=document.company_id,
        line_number=max((x.line_number for x in document.lines), default=0) + 1,
        item=line.item,
        inventory_number=line.item.number,
        description=line.description,
        quantity=quantity,
        uom=line.uom,
        unit_cost_cur=unit_cost if unit_cost is not None else (line.amount / line.receipt_qty),
        discount_percent=ZERO,
        discount_amount_cur=ZERO,
        manual_discount=False,
        cost_cur=entry.get("costInCurrency") or ZERO,
        manual_cost=entry.get("costInCurrency") is not None,
        account=account,
        receipt_line_id=line.id,
        po_receipt_nbr=receipt.receipt_nbr,
        po_receipt_line_nbr=line.line_number,
        po_order_nbr=line.order_line.order.order_nbr if line.order_line else None,
        po_line_nbr=line.order_line.line_number if line.order_line else None,
        receipt_value=value,
        variance_account_cd=variance,
    )
    if unit_cost is None and entry.get("costInCurrency") is None:
        invoice_line.unit_cost_cur = (line.amount / line.receipt_qty).quantize(Decimal("0.0001"))
        if quantity == line.receipt_qty:
            invoice_line.cost_cur, invoice_line.manual_cost = line.amount, True
    document.lines.append(invoice_line)
    return []


def _billed(context: LineContext, document: SupplierDocument, line: PurchaseReceiptLine) -> tuple[Decimal, Decimal]:
    """What other invoices (not voided) and this one's lines already bill of the receipt line."""
    statement = (
        select(func.sum(SupplierDocumentLine.quantity), func.sum(SupplierDocumentLine.receipt_value))
        .join(SupplierDocument, SupplierDocument.id == SupplierDocumentLine.document_id)
        .where(SupplierDocumentLine.receipt_line_id == line.id, SupplierDocument.status != "Voided")
    )
    if document.id is not None:
        statement = statement.where(SupplierDocument.id != document.id)
    quantity, value = context.session.execute(statement).one()
    quantity, value = Decimal(quantity or 0), Decimal(value or 0)
    for own in document.lines:
        if own.receipt_line_id == line.id:
            quantity += own.quantity
            value += own.receipt_value or ZERO
    return quantity, value


def _qty(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")
