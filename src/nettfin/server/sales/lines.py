"""Sales order lines: the members of a line (their operations follow kit/lines.py's rules) with the defaults
its item gives, and a line's amounts (ext. price = quantity x unit price, less the discount), computed like a
customer invoice line's and never taken from the client. A line's price and line discount come from the price
lists and discounts as a customer invoice line's do (`pricing.line_prices`): a line of an item without a unit price
gets the price quoted for the order's customer, date and currency and the line's quantity, unit and warehouse (else
the item's default price). Amounts are rounded to the øre with the VAT module's one rule.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from ..documents.lines import HUNDRED, DiscountLabels, LineLedger, apply_line_discount, calendar_day, money
from ..inventory.models import InventoryItem, Warehouse
from ..kit import messages
from ..kit.lines import LineBook, apply_line_operations
from ..kit.records import apply_scalars, find_by_code
from ..pricing.line_prices import LineWire, PricedFor, price_line
from .models import ZERO, SalesOrder, SalesOrderLine

_DISCOUNT = DiscountLabels("Discount amount", "'Ext. price'")
# Wire name -> (column, label in messages, value when cleared).
_SCALARS = {
    "invoiceNbr": ("invoice_nbr", "Invoice nbr.", None),
    "salesOrderOperation": ("operation", "Operation", None),
    "freeItem": ("free_item", "Free item", False),
    "shipComplete": ("ship_complete", "Shipping rule", "BackOrderAllowed"),
    "completed": ("completed", "Completed", False),
    "markForPO": ("mark_for_po", "Mark for PO", False),
    "poSource": ("po_source", "PO source", None),
    "lotSerialNbr": ("lot_serial_nbr", "Lot/serial nbr.", None),
    "reasonCode": ("reason_code", "Reason code", None),
    "salesPerson": ("sales_person", "Salesperson ID", None),
    "taxCategory": ("tax_category", "VAT category", None),
    "commissionable": ("commissionable", "Commissionable", True),
    "alternateID": ("alternate_id", "Alternate ID", None),
    "projectTask": ("project_task", "Project task", None),
    "externalLink": ("external_link", "External link", None),
    "isRotRutDeductible": ("is_rot_rut_deductible", "ROT or RUT deductible", False),
    "branchNumber": ("branch", "Branch", None),
    "uom": ("uom", "UoM", None),
    "discountCode": ("discount_code", "Discount code", None),
    "manualDiscount": ("manual_discount", "Manual discount", False),
    "lineDescription": ("line_description", "Line description", None),
    "note": ("note", "Note", None),
}
_PRICED_BY = LineWire(
    unit_price="unitPrice",
    repriced_by=("inventoryNumber", "inventoryId", "quantity", "uom", "warehouse"),
    discounts=("discountPercent", "discountAmount"),
)
_DATES = {"requestedOn": "requested_on", "shipOn": "ship_on", "expirationDate": "expiration_date"}
_PERCENTAGES = {"undershipThreshold": "Undership threshold (%)", "overshipThreshold": "Overship threshold (%)"}
_NOT_NEGATIVE = {"quantity": "Quantity", "unitPrice": "Unit price", "unitCost": "Unit cost"}


def apply_lines(session: Session, ledger: LineLedger, order: SalesOrder, sent: list[dict], operation: str) -> list:
    """Apply the lines of a write body (kit/lines.py's rules); every problem, prefixed by the line's place. New
    lines take the order type's default `operation`. The changed lines' subaccounts are the ledger's to attach."""
    book = LineBook(
        collection="lines",
        noun="order",
        number=lambda line: line.line_number,
        renumber=_renumber,
        create=lambda number: new_line(order, number, operation),
        remove=order.lines.remove,
        apply=lambda line, change, _place, _inserting: _apply_line(session, ledger, order, line, change),
        session=session,
    )
    # The body names a line by `lineNbr`, the engine by `lineNumber`.
    named = [{**change, "lineNumber": change["lineNbr"]} if "lineNbr" in change else change for change in sent]
    return apply_line_operations(book, order.lines, named)


def _renumber(line: SalesOrderLine, number: int) -> None:
    line.line_number = line.sort_order = number


def new_line(order: SalesOrder, number: int, operation: str = "Issue") -> SalesOrderLine:
    """A line with its defaults set now: the rules read them before the insert would set them."""
    line = SalesOrderLine(
        company_id=order.company_id,
        line_number=number,
        sort_order=number,
        operation=operation,
        quantity=ZERO,
        shipped_qty=ZERO,
        qty_on_shipments=ZERO,
        billed_qty=ZERO,
        unit_cost=ZERO,
        unit_price=ZERO,
        ext_price=ZERO,
        discount_percent=ZERO,
        discount_amount=ZERO,
        manual_discount=False,
        amount=ZERO,
        unbilled_amount=ZERO,
        free_item=False,
        ship_complete=order.ship_complete or "BackOrderAllowed",
        undership_threshold=HUNDRED,
        overship_threshold=HUNDRED,
        completed=False,
        mark_for_po=False,
        commissionable=True,
        is_rot_rut_deductible=False,
        sales_person=order.sales_person,
        warehouse=order.preferred_warehouse,
    )
    order.lines.append(line)
    return line


def _apply_line(session: Session, ledger: LineLedger, order: SalesOrder, line: SalesOrderLine, sent: dict) -> list[str]:
    problems = apply_scalars(line, sent, _SCALARS)
    problems += [
        f"'{label}' must be between 0 and 999."
        for wire, label in _PERCENTAGES.items()
        if sent.get(wire) is not None and not ZERO <= sent[wire] <= Decimal(999)
    ]
    for wire in _PERCENTAGES:
        if sent.get(wire) is not None and not problems:
            setattr(line, "undership_threshold" if wire.startswith("under") else "overship_threshold", sent[wire])
    item_code = sent.get("inventoryNumber", sent.get("inventoryId"))
    if "inventoryNumber" in sent or "inventoryId" in sent:
        problems += _apply_item(session, ledger, line, item_code, sent)
    elif line.item is None:
        problems.append(messages.cannot_be_empty("Inventory ID"))
    if "warehouse" in sent:
        code = (sent["warehouse"] or "").strip()
        line.warehouse = (
            find_by_code(session, Warehouse, Warehouse.warehouse_id, order.company_id, code) if code else None
        )
        if code and line.warehouse is None:
            problems.append(messages.cannot_be_found("Warehouse", code))
    if "subaccount" in sent:
        problems += ledger.apply_segments(line, sent["subaccount"])
    for wire, attr in _DATES.items():
        if wire in sent:
            setattr(line, attr, calendar_day(sent[wire]))
    if not problems:
        problems += price_line(session, line, sent, _PRICED_BY, _priced_for(order, line))
    return problems + compute_line(line, sent)


def _priced_for(order: SalesOrder, line: SalesOrderLine) -> PricedFor:
    customer = order.customer
    return PricedFor(
        company_id=order.company_id,
        customer_id=customer.id if customer is not None else order.customer_id,
        currency=order.currency_id,
        on=order.date.date() if order.date is not None else None,
        warehouse_id=line.warehouse.id if line.warehouse is not None else None,
    )


def _apply_item(session: Session, ledger: LineLedger, line: SalesOrderLine, code: str | None, sent: dict) -> list[str]:
    """The item, and what it gives a line that does not say otherwise: text, unit, price, cost, category,
    warehouse, sales account and subaccount."""
    code = (code or "").strip()
    if not code:
        line.item = None
        return [messages.cannot_be_empty("Inventory ID")]
    item = find_by_code(session, InventoryItem, InventoryItem.number, line.company_id, code)
    if item is None:
        return [messages.cannot_be_found("Item", code)]
    if item.status == "Inactive":
        return [messages.inactive("Item", item.number)]
    line.item = item
    if "lineDescription" not in sent:
        line.line_description = item.description
    if "uom" not in sent:
        line.uom = item.sales_unit
    if "unitPrice" not in sent:
        line.unit_price = item.default_price or ZERO
    if "unitCost" not in sent:
        line.unit_cost = item.current_cost or item.last_cost or ZERO
    if "taxCategory" not in sent:
        line.tax_category = item.vat_category_code
    if "warehouse" not in sent and item.stock_item and line.warehouse is None:
        line.warehouse = item.default_warehouse
    if not item.stock_item and "warehouse" not in sent:
        line.warehouse = None
    problems = []
    if (item.accounts or {}).get("salesAccount"):
        problems += ledger.set_account(line, item.accounts["salesAccount"])
    if "subaccount" not in sent and (item.subaccounts or {}).get("salesSubaccount"):
        problems += ledger.apply_segments(line, item.subaccounts["salesSubaccount"])
    return problems


def compute_line(line: SalesOrderLine, sent: dict) -> list[str]:
    """Ext. price (quantity x unit price; a free item's is 0), the discount the client gave, the amount."""
    problems = [
        f"'{label}' cannot be less than 0." for wire, label in _NOT_NEGATIVE.items() if (sent.get(wire) or 0) < 0
    ]
    if problems:
        return problems
    if sent.get("quantity") is not None:
        line.quantity = sent["quantity"]
    if sent.get("unitPrice") is not None:
        line.unit_price = sent["unitPrice"]
    if sent.get("unitCost") is not None:
        line.unit_cost = sent["unitCost"]
    line.ext_price = ZERO if line.free_item else money(line.quantity * line.unit_price)
    percent, discount = sent.get("discountPercent"), sent.get("discountAmount")
    problems = apply_line_discount(line, line.ext_price, percent=percent, amount=discount, labels=_DISCOUNT)
    if problems:
        return problems
    line.amount = line.ext_price - line.discount_amount
    if line.quantity < line.shipped_qty:
        return [f"'Quantity' ({line.quantity:.2f}) cannot be less than the quantity shipped ({line.shipped_qty:.2f})."]
    bill(line, ZERO)
    return []


def bill(line: SalesOrderLine, quantity: Decimal) -> None:
    """Count `quantity` more of the line as invoiced; its unbilled amount is then the share of its amount (after
    discount, without VAT) not invoiced yet."""
    line.billed_qty += quantity
    billed = money(line.amount * line.billed_qty / line.quantity) if line.quantity else ZERO
    line.unbilled_amount = line.amount - billed


def open_quantity(line: SalesOrderLine) -> Decimal:
    """What remains to ship: nothing for a completed line."""
    if line.completed:
        return ZERO
    return max(line.quantity - line.shipped_qty, ZERO)
