"""Suppliers' purchase order balances (`/supplier/POBalance`, `/supplier/{supplierCd}/POBalance`): what their
purchase orders come to, by state, in the base currency (each order's totals at its rate).

On hold: orders with status Hold. Open: orders not on hold, closed, cancelled or voided (Open, Balanced,
Printed, PendingPrint, PendingEmail): what is still to be received and invoiced, their open balance; the line
total is the lines' (nettfin receives nothing, so an open order's open balance is its total). Closed: Closed
orders. `lastModifiedDateTime` is the supplier's latest order change, or the supplier's own without orders.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from ..db.engine import Database
from ..documents.currency import to_base
from ..kit import messages
from ..kit.errors import NotFound
from ..payables.models import Supplier
from .models import PurchaseOrder

ZERO = Decimal("0.0000")
ON_HOLD = ("Hold",)
CLOSED = ("Closed",)
NOT_OPEN = ("Hold", "Closed", "Cancelled", "Voided")


@dataclass
class OrderTotals:
    order: Decimal = ZERO
    lines: Decimal = ZERO

    def add(self, order: Decimal, lines: Decimal) -> None:
        self.order += order
        self.lines += lines


@dataclass
class PoBalance:
    on_hold: OrderTotals = field(default_factory=OrderTotals)
    open: OrderTotals = field(default_factory=OrderTotals)
    closed: OrderTotals = field(default_factory=OrderTotals)
    last_modified: datetime | None = None


def po_balances(
    db: Database, *, company_id: int, number: str | None = None, after: str | None = None, modified=None
) -> list[tuple[Supplier, PoBalance]]:
    """Every supplier's balance in number order (one supplier's when `number` names it: 404 when none has it);
    `after`: suppliers numbered after it; `modified`: a bound on the balance's last change."""
    with db.reading() as session:
        statement = select(Supplier).where(Supplier.company_id == company_id).order_by(Supplier.number)
        if number is not None:
            statement = statement.where(Supplier.number == number)
        if after:
            statement = statement.where(Supplier.number > after)
        suppliers = list(session.scalars(statement).unique())
        if number is not None and not suppliers:
            raise NotFound(messages.not_found("Supplier", number))
        balances: dict[int, PoBalance] = defaultdict(PoBalance)
        orders = session.execute(
            select(
                PurchaseOrder.supplier_id,
                PurchaseOrder.status,
                PurchaseOrder.exchange_rate,
                PurchaseOrder.order_total,
                PurchaseOrder.line_total,
                PurchaseOrder.open_balance,
                PurchaseOrder.last_modified_at,
            ).where(PurchaseOrder.company_id == company_id, PurchaseOrder.supplier_id.in_([s.id for s in suppliers]))
        )
        for supplier_id, status, rate, order_total, line_total, open_balance, modified_at in orders:
            balance = balances[supplier_id]
            if status in ON_HOLD:
                balance.on_hold.add(to_base(order_total, rate), to_base(line_total, rate))
            elif status in CLOSED:
                balance.closed.add(to_base(order_total, rate), to_base(line_total, rate))
            elif status not in NOT_OPEN:
                balance.open.add(to_base(open_balance, rate), to_base(line_total, rate))
            if balance.last_modified is None or modified_at > balance.last_modified:
                balance.last_modified = modified_at
    found = []
    for supplier in suppliers:
        balance = balances[supplier.id]
        balance.last_modified = balance.last_modified or supplier.last_modified_at
        if modified is None or modified.apply(balance.last_modified):
            found.append((supplier, balance))
    return found
