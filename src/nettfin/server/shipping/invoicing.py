"""Invoicing confirmed shipments: one customer invoice of the shipments' customer, entered through the
receivables invoice use cases (`receivables.invoices.enter_invoice`), a line per shipment line at its order
line's price and discount (a line added by item: the item's price), each line naming the shipment and the order
it invoices (`soShipmentNbr`, `soOrderType`, `soOrderNbr`). The invoice is left Balanced for the client to
release (its release posts AR, revenue and VAT; the shipment's confirmation already posted COGS). The shipments
become Invoiced, the order lines count what was billed, and an order whose lines are all shipped and billed
is Invoiced.

The orders' `prepareInvoice` (sales/) of an order of a type that ships invoices its confirmed shipments not
invoiced yet (`invoice_order_shipments`, which shipping/order_router.py registers with sales.order_actions);
none: refused, naming the order. An unconfirmed shipment is refused as the service refuses it, nothing written.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..kit.errors import BusinessError
from ..receivables.document_models import CustomerInvoice
from ..receivables.invoices import enter_invoice
from ..sales import orders as sales_orders
from ..sales.models import SalesOrderLine
from . import shipments
from .models import Shipment, ShipmentLine


def invoice_shipment(db: Database, *, company_id: int, number: str, date: datetime | None = None) -> CustomerInvoice:
    with db.writing() as session:
        return invoice_shipments(session, company_id, [number], date=date)


def invoice_shipments(
    session: Session, company_id: int, numbers: list[str], *, date: datetime | None = None
) -> CustomerInvoice:
    """The invoice of the confirmed shipments named (one customer), dated `date` (else the latest shipment's)."""
    found = [shipments.find(session, company_id, n, for_update=True) for n in numbers]
    problems = [refusal(s) for s in found if refusal(s)]
    customers = {s.customer.number for s in found}
    if len(customers) > 1:
        problems.append(f"The shipments are of different customers ({', '.join(sorted(customers))}).")
    if not found:
        problems.append("No shipment to invoice.")
    if problems:
        raise BusinessError(" ".join(problems))
    sources: list[tuple[Shipment, object, SalesOrderLine | None]] = []
    lines = []
    for shipment in found:
        for line in shipment.lines:
            order_line = shipments.order_line_of(session, line)
            sources.append((shipment, line, order_line))
            lines.append(_invoice_line(line, order_line))
    changes = {
        "customerNumber": found[0].customer.number,
        "documentDate": date or max(s.date for s in found),
        "invoiceText": "Shipment " + ", ".join(s.shipment_nbr for s in found),
        "invoiceLines": lines,
    }
    invoice, _ignored = enter_invoice(session, company_id, changes)
    orders = {}
    for invoice_line, (shipment, line, order_line) in zip(invoice.lines, sources, strict=True):
        invoice_line.so_shipment_nbr = shipment.shipment_nbr
        invoice_line.so_order_type, invoice_line.so_order_nbr = line.order_type, line.order_nbr
        if order_line is not None:
            sales_orders.bill(order_line, line.shipped_qty)
            order_line.invoice_nbr = invoice.reference_number
            orders[order_line.order.id] = order_line.order
    for shipment in found:
        shipment.status, shipment.invoice_type, shipment.invoice_nbr = "Invoiced", "Invoice", invoice.reference_number
        shipments.touched(session, shipment)
    for order in orders.values():
        if all(x.billed_qty >= x.shipped_qty and not sales_orders.open_quantity(x) for x in order.lines):
            order.invoice_nbr = invoice.reference_number
        order.status = sales_orders.order_status(order)
        sales_orders.touch(session, order)
    session.flush()
    return invoice


def refusal(shipment: Shipment) -> str | None:
    """Why the shipment cannot be invoiced (None: it can)."""
    name = f"The shipment '{shipment.shipment_nbr}'"
    if shipment.status in ("Invoiced", "PartiallyInvoiced"):
        return f"{name} is already invoiced ({shipment.invoice_nbr})."
    if shipment.status != "Confirmed":
        return f"{name} cannot be invoiced: its status is {shipment.status}; only a confirmed shipment is invoiced."
    return None


def _invoice_line(line, order_line: SalesOrderLine | None) -> dict:
    sent = {"operation": "Insert", "inventoryNumber": line.item.number, "quantity": line.shipped_qty}
    if line.description:
        sent["description"] = line.description
    if order_line is not None:
        sent["unitPriceInCurrency"] = order_line.unit_price
        if order_line.discount_percent:
            sent["discountPercent"] = order_line.discount_percent
        elif order_line.discount_amount and order_line.quantity:
            share = order_line.discount_amount * line.shipped_qty / order_line.quantity
            sent["discountAmountInCurrency"] = share.quantize(Decimal("0.01"))
        if order_line.account is not None:
            sent["accountNumber"] = order_line.account.account_cd
    return sent


def invoice_order_shipments(session: Session, order) -> str:
    """The invoice of the order's confirmed shipments not invoiced yet (its prepareInvoice): the invoice's number."""
    numbers = session.scalars(
        select(Shipment.shipment_nbr)
        .join(ShipmentLine, ShipmentLine.shipment_id == Shipment.id)
        .where(
            Shipment.company_id == order.company_id,
            Shipment.status == "Confirmed",
            ShipmentLine.order_type == order.order_type,
            ShipmentLine.order_nbr == order.order_nbr,
        )
        .distinct()
        .order_by(Shipment.shipment_nbr)
    ).all()
    if not numbers:
        raise BusinessError(
            f"The sales order {order.order_type} {order.order_nbr} has no confirmed shipment to invoice: "
            "orders of its type are invoiced from their shipments (createShipment, then confirmShipment)."
        )
    return invoice_shipments(session, order.company_id, list(numbers)).reference_number
