"""The standard sales order types every company has (SO201000), made with the company, and their rules.

| type | behavior | ships | moves stock | invoicing makes | series |
|---|---|---|---|---|---|
| SO sales order | SalesOrder | yes | yes, at shipment | Invoice | SOORDER |
| IN invoice | Invoice | no | no | Invoice | SOINVOICE |
| CS cash sale | Invoice | no | no | CashSale | SOCASHSALE |
| QT quote | Quote | no | no | NoUpdate (not invoiced) | SOQUOTE |
| RC return for credit | RMAOrder | yes (a receipt) | yes, at receipt | CreditMemo | SORETURN |
| CR credit memo | CreditMemo | no | no | CreditMemo | SOCREDIT |

docs/compatibility.md ("Sales order types") says why, and what an invoice order's stock lines do.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..kit.changes import bump_version
from .models import SalesOrderType

RESOURCE = "salesOrderType"


@dataclass(frozen=True)
class StandardType:
    order_type: str
    description: str
    behavior: str
    default_operation: str
    customer_document_type: str
    requires_shipment: bool
    updates_inventory: bool
    series_id: str


STANDARD_TYPES = (
    StandardType("SO", "Sales order", "SalesOrder", "Issue", "Invoice", True, True, "SOORDER"),
    StandardType("IN", "Invoice", "Invoice", "Issue", "Invoice", False, False, "SOINVOICE"),
    StandardType("CS", "Cash sale", "Invoice", "Issue", "CashSale", False, False, "SOCASHSALE"),
    StandardType("QT", "Quote", "Quote", "Issue", "NoUpdate", False, False, "SOQUOTE"),
    StandardType("RC", "Return for credit", "RMAOrder", "Receipt", "CreditMemo", True, True, "SORETURN"),
    StandardType("CR", "Credit memo", "CreditMemo", "Receipt", "CreditMemo", False, False, "SOCREDIT"),
)


def standard_rows(company_id: int) -> list[dict]:
    """The standard types' columns for one company (the migration adds them to the companies it finds)."""
    return [
        {
            "company_id": company_id,
            "order_type": t.order_type,
            "active": True,
            "description": t.description,
            "behavior": t.behavior,
            "default_operation": t.default_operation,
            "customer_document_type": t.customer_document_type,
            "requires_shipment": t.requires_shipment,
            "updates_inventory": t.updates_inventory,
            "series_id": t.series_id,
        }
        for t in STANDARD_TYPES
    ]


def add_order_types(session: Session, company_id: int) -> None:
    """The standard order types of a new company, in the caller's transaction."""
    session.add_all(SalesOrderType(**row) for row in standard_rows(company_id))
    session.flush()
    bump_version(session, company_id=company_id, resource=RESOURCE)


def find_type(session: Session, company_id: int, code: str | None) -> SalesOrderType | None:
    """The company's order type of that code, case aside."""
    wanted = (code or "").strip().upper()
    if not wanted:
        return None
    statement = select(SalesOrderType).where(
        SalesOrderType.company_id == company_id, SalesOrderType.order_type == wanted
    )
    return session.scalar(statement)
