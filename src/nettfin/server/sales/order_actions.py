"""What an order makes of itself (SO301000's actions): a customer document (`prepareInvoice`), purchase orders
for its lines marked for purchase (`createPurchaseOrders`), and the record that it was e-mailed (`sendbymail`).

- prepareInvoice: an order whose type goes out without shipments (IN, CR) becomes a customer invoice (or a credit
  note, for a credit memo type) through the receivables use cases, with the order's lines, prices and discounts;
  the order is then Invoiced and its lines billed. An order whose type ships (SO, RC) is invoiced from its
  confirmed shipments (shipping/ registers how, with `invoice_shipments_with`); a quote is never invoiced, a cash
  sale is a cash sale (receivables' CashSale): each is refused with the reason.
- createPurchaseOrders: one purchase order per supplier for the open quantity of each open line marked for PO
  that has none yet; a line's supplier is the supplier part number (VPN cross-reference) of its item.
- sendbymail: no mail is sent; the order is marked e-mailed (docs/compatibility.md, "Sales orders").
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from ..db.engine import Database
from ..kit.errors import BusinessError
from ..purchasing.service import enter_order as enter_purchase_order
from ..receivables.invoices import CREDIT_NOTES, INVOICES, enter_invoice
from .lines import bill, open_quantity
from .models import SalesOrder, SalesOrderLine
from .order_types import find_type
from .orders import CLOSED, find_order, order_status, touch

# How an order of a type that ships is invoiced: from its confirmed shipments, which shipping/ (built on sales/,
# so not imported here) knows; it registers the function when it is imported. It returns the invoice's number.
_shipment_invoicer: Callable[[Session, SalesOrder], str] | None = None


def invoice_shipments_with(invoicer: Callable[[Session, SalesOrder], str]) -> None:
    global _shipment_invoicer
    _shipment_invoicer = invoicer


def prepare_invoice(db: Database, *, company_id: int, number: str, order_type: str) -> tuple[SalesOrder, str]:
    """The customer document invoicing the order, and the order; its reference number."""
    with db.writing() as session:
        order = find_order(session, company_id, number, order_type, for_update=True)
        return order, invoice_order(session, order)


def invoice_order(session: Session, order: SalesOrder) -> str:
    """`prepare_invoice` of an order found for update, in the caller's transaction: the document's number."""
    order_type = find_type(session, order.company_id, order.order_type)
    if order_type.requires_shipment and _shipment_invoicer is not None and order.status not in ("Cancelled", "Hold"):
        return _shipment_invoicer(session, order)
    kind = _invoice_kind(session, order)
    changes = {
        "customerNumber": order.customer.number,
        "documentDate": order.date,
        "currencyId": order.currency_id,
        "customerRefNumber": order.customer_order,
        "invoiceText": order.description or f"Sales order {order.order_type} {order.order_nbr}",
        "branchNumber": order.branch,
        "creditTermsId": order.credit_terms.terms_id if order.credit_terms else None,
        "customerVatZoneId": order.vat_zone.zone_id if order.vat_zone else None,
        "salesperson": order.sales_person,
        "note": order.note,
        "invoiceLines": [_invoice_line(line) for line in order.lines if line.quantity],
    }
    changes = {k: v for k, v in changes.items() if v is not None}
    invoice, _ignored = enter_invoice(session, order.company_id, changes, kind)
    order.invoice_nbr = invoice.reference_number
    order.invoice_date = invoice.document_date
    for line in order.lines:
        line.invoice_nbr = invoice.reference_number
        bill(line, line.quantity - line.billed_qty)
    order.status = order_status(order)
    touch(session, order)
    return invoice.reference_number


def _invoice_kind(session: Session, order: SalesOrder):
    label = f"The sales order {order.order_type} {order.order_nbr}"
    if order.status in CLOSED or order.status == "Hold":
        raise BusinessError(f"{label} is {order.status.lower()} and cannot be invoiced.")
    order_type = find_type(session, order.company_id, order.order_type)
    if order_type.requires_shipment:
        raise BusinessError(
            f"{label} has lines to ship: orders of type {order.order_type} are invoiced from their shipments "
            "(createShipment, then the shipment's invoice)."
        )
    if order_type.customer_document_type == "NoUpdate":
        raise BusinessError(f"{label} is a quote: quotes are not invoiced. Copy it to a sales order first.")
    if order_type.customer_document_type not in ("Invoice", "CreditMemo"):
        raise BusinessError(
            f"{label} is of type {order.order_type}, whose document is a {order_type.customer_document_type}: "
            "nettfin prepares invoices and credit notes only."
        )
    if not any(line.quantity for line in order.lines):
        raise BusinessError(f"{label} has no line with a quantity to invoice.")
    return CREDIT_NOTES if order_type.customer_document_type == "CreditMemo" else INVOICES


def _invoice_line(line: SalesOrderLine) -> dict:
    body = {
        "operation": "Insert",
        "inventoryNumber": line.item.number,
        "description": line.line_description,
        "quantity": line.quantity,
        "uom": line.uom,
        "unitPriceInCurrency": line.unit_price,
        "discountAmountInCurrency": line.discount_amount if line.discount_amount else None,
        "salesperson": line.sales_person,
        "branchNumber": line.branch,
        "note": line.note,
    }
    if line.account is not None:
        body["accountNumber"] = line.account.account_cd
    return {k: v for k, v in body.items() if v is not None}


def send_by_mail(db: Database, *, company_id: int, number: str, order_type: str) -> SalesOrder:
    """Mark the order e-mailed (no mail leaves nettfin)."""
    with db.writing() as session:
        order = find_order(session, company_id, number, order_type, for_update=True)
        if order.status in ("Cancelled", "Voided"):
            raise BusinessError(
                f"The sales order {order.order_type} {order.order_nbr} is cancelled and cannot be e-mailed."
            )
        order.emailed = True
        touch(session, order)
        return order


def create_purchase_orders(db: Database, *, company_id: int, number: str, order_type: str | None) -> SalesOrder:
    """Purchase orders for the order's open lines marked for PO (the module's docstring)."""
    with db.writing() as session:
        order = find_order(session, company_id, number, order_type, for_update=True)
        label = f"The sales order {order.order_type} {order.order_nbr}"
        if order.status in CLOSED or order.status == "Hold":
            raise BusinessError(f"{label} is {order.status.lower()}: no purchase order is created for it.")
        wanted = [x for x in order.lines if x.mark_for_po and not x.po_order_nbr and open_quantity(x)]
        if not wanted:
            raise BusinessError(f"{label} has no open line marked for PO without a purchase order.")
        by_supplier: dict[str, list[SalesOrderLine]] = {}
        problems = []
        for line in wanted:
            supplier = _supplier(line)
            if supplier is None:
                problems.append(
                    f"Line {line.line_number}: the item '{line.item.number}' names no supplier (a VPN "
                    "cross-reference with the supplier)."
                )
            else:
                by_supplier.setdefault(supplier, []).append(line)
        if problems:
            raise BusinessError(" ".join(problems))
        for supplier, lines in sorted(by_supplier.items()):
            changes = {
                "orderType": "RegularOrder",
                "supplier": supplier,
                "date": order.date,
                "description": f"For sales order {order.order_type} {order.order_nbr}",
                "lines": [
                    {
                        "operation": "Insert",
                        "inventory": line.item.number,
                        "warehouse": line.warehouse.warehouse_id if line.warehouse else None,
                        "orderQty": open_quantity(line),
                    }
                    for line in lines
                ],
            }
            purchase_order, _ignored = enter_purchase_order(session, company_id, changes)
            for line in lines:
                line.po_order_nbr = purchase_order.order_nbr
                line.po_source = line.po_source or "PurchaseToOrder"
        touch(session, order)
        return order


def _supplier(line: SalesOrderLine) -> str | None:
    if line.item is None:
        return None
    for reference in line.item.cross_references:
        if reference.alternate_type == "VPN" and reference.b_account:
            return reference.b_account
    return None
