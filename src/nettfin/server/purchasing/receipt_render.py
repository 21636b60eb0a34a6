"""A purchase receipt as the service writes it (`PurchaseReceiptDto`, v1 and v2 alike), and its printout."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ..kit.document_shapes import party_location, party_ref
from ..kit.pdf import render_pdf
from ..kit.render import format_datetime, time_stamp
from ..ledger.period_ids import as_month_year
from ..ledger.references import account_ref
from ..stock.accounts import Role, account_for
from .models import PurchaseReceipt, PurchaseReceiptLine
from .schemas import CUSTOM_FIELDS


def receipt_dto(r: PurchaseReceipt, view: frozenset[str] = frozenset()) -> dict:
    with_custom = "includeCustomFreeFields" in view
    body = {
        "landedCost": [],
        "note": r.note,
        "timeStamp": time_stamp(r.row_version),
        "receiptType": r.receipt_type,
        "receiptNbr": r.receipt_nbr,
        "hold": r.hold,
        "status": r.status,
        "date": format_datetime(r.date),
        "postPeriod": as_month_year(r.period_id),
        "warehouse": {"id": r.warehouse.warehouse_id, "description": r.warehouse.description} if r.warehouse else None,
        "supplier": party_ref(r.supplier),
        "location": party_location(r.supplier, r.location),
        "currency": r.currency_id,
        "exchangeRate": r.exchange_rate,
        "createBill": r.create_bill,
        "supplierRef": r.supplier_ref,
        "totalQty": r.total_qty,
        "controlQty": r.control_qty,
        "vatExemptTotal": Decimal("0.0000"),
        "vatTaxableTotal": r.total_amt,
        "totalAmt": r.total_amt,
        "controlTotal": r.control_total,
        "lastModifiedDateTime": format_datetime(r.last_modified_at),
        "branchNumber": {"number": r.branch, "name": None} if r.branch else None,
        "lines": [_line_dto(r, x, with_custom) for x in r.lines],
        "dueDate": format_datetime(r.due_date),
        "errorInfo": None,
    }
    if with_custom:
        body.update(custom_fields(r.custom))
    return body


def custom_fields(custom: dict | None) -> dict:
    body: dict = {}
    for name in CUSTOM_FIELDS:
        value = (custom or {}).get(name)
        if name.startswith("customDec") and value is not None:
            value = Decimal(value)
        elif name.startswith("customDateTime") and value is not None:
            value = format_datetime(datetime.fromisoformat(value))
        if value is not None or name.startswith("customStr"):
            body[name] = value
    return body


def _line_dto(r: PurchaseReceipt, x: PurchaseReceiptLine, with_custom: bool) -> dict:
    order_line = x.order_line
    location = {"id": x.location.location_cd, "name": x.location.description} if x.location else None
    accrual = account_for(x.item, Role.ACCRUAL) if x.item else None
    body = {
        "allocations": [
            {
                "lineNbr": x.line_number,
                "itemId": x.item.number if x.item else None,
                "location": location,
                "lotSerialNumber": x.lot_serial or None,
                "quantity": x.receipt_qty,
                "uom": x.uom,
                "expirationDate": format_datetime(x.expiration_date),
                "description": x.description,
            }
        ]
        if x.item is not None and x.item.stock_item
        else [],
        "note": x.note,
        "baseReceiptQty": x.receipt_qty,
        "lineNbr": x.line_number,
        "branch": {"number": x.branch, "name": None} if x.branch else None,
        "branchNumber": {"number": x.branch, "name": None} if x.branch else None,
        "inventory": {"number": x.item.number, "description": x.item.description} if x.item else None,
        "lineType": x.line_type,
        "warehouse": {"id": x.warehouse.warehouse_id, "description": x.warehouse.description} if x.warehouse else None,
        "location": location,
        "transactionDescription": x.description,
        "uom": x.uom,
        "orderQty": order_line.order_qty if order_line else None,
        "openQty": max(order_line.order_qty - order_line.received_qty, Decimal(0)) if order_line else None,
        "receiptQty": x.receipt_qty,
        "unitCost": x.unit_cost,
        "discountUnitCost": (x.amount / x.receipt_qty).quantize(Decimal("0.0001")) if x.receipt_qty else x.unit_cost,
        "extCost": x.ext_cost,
        "discountPercent": x.discount_percent,
        "discountAmount": x.discount_amount,
        "manualDiscount": False,
        "amount": x.amount,
        "taxCategory": {"number": x.tax_category, "description": None} if x.tax_category else None,
        "account": account_ref(x.account),
        "accountDescription": x.account.description if x.account else None,
        "sub": {
            "active": x.subaccount.active,
            "id": x.subaccount.subaccount_cd,
            "description": x.subaccount.description,
        }
        if x.subaccount
        else None,
        "actualAccount": {"number": accrual} if accrual else None,
        "expirationDate": format_datetime(x.expiration_date),
        "lotSerialNumber": x.lot_serial or None,
        "poOrderType": order_line.order.order_type if order_line else None,
        "poOrderNbr": order_line.order.order_nbr if order_line else None,
        "poOrderLineNbr": order_line.line_number if order_line else None,
        "completePoLine": x.complete_po_line,
    }
    if with_custom:
        body.update(custom_fields(x.custom))
    return body


def receipt_pdf(r: PurchaseReceipt) -> bytes:
    """The receipt's printout: its header and a line per receipt line."""
    kind = "Purchase return" if r.receipt_type == "PoReturn" else "Purchase receipt"
    rows = [
        f"Supplier: {r.supplier.number} {r.supplier.name or ''}",
        f"Date: {r.date.date().isoformat()}   Status: {r.status}   Currency: {r.currency_id}",
        "",
    ]
    for x in r.lines:
        order = f"{x.order_line.order.order_nbr}/{x.order_line.line_number}" if x.order_line else ""
        item = x.item.number if x.item else ""
        rows.append(
            f"{x.line_number:>3}  {item:<12} {_qty(x.receipt_qty):>10} x {x.unit_cost:>12}  {x.amount:>14}  {order}"
        )
    rows += ["", f"Total qty: {_qty(r.total_qty)}   Total: {r.total_amt} {r.currency_id}"]
    return render_pdf(f"{kind} {r.receipt_nbr}", rows)


def _qty(value: Decimal) -> str:
    return format(value.normalize(), "f")
