"""Customer document lines: the members of a line (their operations follow kit/lines.py's rules) with the
defaults its item gives, and a line's amount (quantity x unit price, or the manual amount, less the discount),
computed and never taken from the client.

Amounts are rounded to the øre with the VAT module's one rule.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..documents.lines import DiscountLabels, LineLedger, apply_line_discount, calendar_day, money
from ..inventory.models import InventoryItem
from ..kit import messages
from ..kit.lines import LineBook, apply_line_operations
from ..kit.records import apply_scalars, find_by_code
from ..pricing.line_prices import LineWire, PricedFor, price_line
from .document_models import ZERO, CustomerInvoice, CustomerInvoiceLine

_DISCOUNT = DiscountLabels("Discount amount", "the line amount")
# Wire name -> (column, label in messages, value when cleared).
_SCALARS = {
    "description": ("description", "Transaction descr.", None),
    "uom": ("uom", "UoM", None),
    "discountCode": ("discount_code", "Discount code", None),
    "salesperson": ("salesperson", "Salesperson", None),
    "deferralSchedule": ("deferral_schedule", "Deferral schedule", None),
    "deferralCode": ("deferral_code", "Deferral code", None),
    "note": ("note", "Note", None),
    "branchNumber": ("branch", "Branch", None),
    "itemType": ("item_type", "Item type", None),
    "taskId": ("task_id", "Task", None),
    "vatCodeId": ("vat_code_given", "VAT code", None),
    "manualDiscount": ("manual_discount", "Manual discount", False),
}
# A line's price and discount from the price lists (`pricing.line_prices`).
_PRICED_BY = LineWire(
    unit_price="unitPriceInCurrency",
    repriced_by=("inventoryNumber", "quantity", "uom"),
    discounts=("discountPercent", "discountAmountInCurrency"),
    fixed_price=("manualAmountInCurrency",),
)
_DATES = {
    "termStartDate": "term_start_date",
    "termEndDate": "term_end_date",
    "startDate": "start_date",
    "endDate": "end_date",
}


def new_line(invoice: CustomerInvoice, number: int) -> CustomerInvoiceLine:
    """A line with its defaults set now: the rules read them before the insert would set them."""
    line = CustomerInvoiceLine(
        company_id=invoice.company_id,
        line_number=number,
        quantity=ZERO,
        unit_price=ZERO,
        discount_percent=ZERO,
        discount_amount=ZERO,
        manual_discount=False,
        amount=ZERO,
        vat_amount=ZERO,
    )
    invoice.lines.append(line)
    return line


def apply_lines(
    session: Session, ledger: LineLedger, invoice: CustomerInvoice, sent: list[dict], collection: str = "invoiceLines"
) -> list[str]:
    """Apply the lines of a write body (kit/lines.py's rules); every problem, prefixed by the line's place in the
    body's `collection` (`invoiceLines[1]: ...`; a note's body calls them `lines`). The changed lines'
    subaccounts are the ledger's to attach."""
    book = LineBook(
        collection=collection,
        noun="document",
        number=lambda line: line.line_number,
        renumber=lambda line, number: setattr(line, "line_number", number),
        create=lambda number: new_line(invoice, number),
        remove=invoice.lines.remove,
        apply=lambda line, change, _place, _inserting: _apply_line(session, ledger, line, change),
        session=session,
    )
    return apply_line_operations(book, invoice.lines, sent)


def _apply_line(session: Session, ledger: LineLedger, line: CustomerInvoiceLine, sent: dict) -> list[str]:
    problems = apply_scalars(line, sent, _SCALARS)
    if "inventoryNumber" in sent:
        problems += _apply_item(session, ledger, line, sent)
    if "accountNumber" in sent:
        problems += ledger.set_account(line, (sent["accountNumber"] or "").strip() or None)
    if "subaccount" in sent:
        problems += ledger.apply_segments(line, sent["subaccount"])
    for wire, attr in _DATES.items():
        if wire in sent:
            setattr(line, attr, calendar_day(sent[wire]))
    if not problems:
        problems += price_line(session, line, sent, _PRICED_BY, _priced_for(line.invoice))
    return problems + compute_line(line, sent)


def _priced_for(invoice: CustomerInvoice) -> PricedFor:
    customer = invoice.customer
    return PricedFor(
        company_id=invoice.company_id,
        customer_id=customer.id if customer is not None else invoice.customer_id,
        currency=invoice.currency_id,
        on=invoice.document_date.date() if invoice.document_date is not None else None,
    )


def _apply_item(session: Session, ledger: LineLedger, line: CustomerInvoiceLine, sent: dict) -> list[str]:
    """The item, and what it gives a line that does not say otherwise: text, unit, price, category, account and
    subaccount (checked as if the line had sent them)."""
    code = (sent["inventoryNumber"] or "").strip()
    if not code:
        line.item = None
        return []
    item = find_by_code(session, InventoryItem, InventoryItem.number, line.company_id, code)
    if item is None:
        return [messages.cannot_be_found("Item", code)]
    line.item = item
    if "description" not in sent:
        line.description = item.description
    if "uom" not in sent:
        line.uom = item.sales_unit
    if "unitPriceInCurrency" not in sent and "manualAmountInCurrency" not in sent:
        line.unit_price = item.default_price or ZERO
    line.vat_category = item.vat_category_code
    problems = []
    if "accountNumber" not in sent and (item.accounts or {}).get("salesAccount"):
        problems += ledger.set_account(line, item.accounts["salesAccount"])
    if "subaccount" not in sent and (item.subaccounts or {}).get("salesSubaccount"):
        problems += ledger.apply_segments(line, item.subaccounts["salesSubaccount"])
    return problems


def compute_line(line: CustomerInvoiceLine, sent: dict) -> list[str]:
    """The amount: quantity x unit price (or the manual amount), less the discount the client gave."""
    if sent.get("unitPriceInCurrency") is not None and sent["unitPriceInCurrency"] < 0:
        return ["'Unit price' cannot be less than 0."]
    if sent.get("quantity") is not None:
        line.quantity = sent["quantity"]
    if sent.get("unitPriceInCurrency") is not None:
        line.unit_price = sent["unitPriceInCurrency"]
    if "manualAmountInCurrency" in sent:
        manual = sent["manualAmountInCurrency"]
        line.manual_amount = None if manual is None else money(manual)
    base = line.manual_amount if line.manual_amount is not None else money(line.quantity * line.unit_price)
    percent, discount = sent.get("discountPercent"), sent.get("discountAmountInCurrency")
    problems = apply_line_discount(line, base, percent=percent, amount=discount, labels=_DISCOUNT)
    if not problems:
        line.amount = base - line.discount_amount
    return problems
