"""Contract templates (CT202000): what a contract is made from (its invoicing period, duration, whether its
invoices are released at once, and the items it starts with). The API reads them; they are set up on the
screen, which nettfin has not: `add_template` is the demo's and the tests' way in."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..inventory.models import InventoryItem
from ..kit.changes import bump_version
from ..kit.document_lists import ListWindow
from ..kit.records import find_by_code
from .models import ContractTemplate, ContractTemplateItem, InvoiceType, InvoicingPeriod
from .service import Window

RESOURCE = "contractTemplate"


@dataclass(frozen=True)
class TemplateItem:
    item: str
    included: Decimal = Decimal(0)
    setup_price: Decimal = Decimal(0)
    recurring_price: Decimal = Decimal(0)
    extra_usage_price: Decimal = Decimal(0)
    renewal_price: Decimal = Decimal(0)
    invoice_type: str = InvoiceType.PREPAID


def list_templates(db: Database, *, company_id: int, filters: ListWindow, window: Window) -> list:
    with db.reading() as session:
        conditions = filters.conditions(ContractTemplate.template_cd, ContractTemplate.last_modified_at)
        statement = (
            select(ContractTemplate)
            .where(ContractTemplate.company_id == company_id, *conditions)
            .order_by(ContractTemplate.template_cd, ContractTemplate.id)
        )
        return list(session.scalars(window.apply(statement)).unique())


def add_template(
    session: Session,
    company_id: int,
    template_cd: str,
    description: str,
    items: list[TemplateItem],
    *,
    invoicing_period: str = InvoicingPeriod.MONTHLY,
    duration_months: int | None = None,
    release_invoices: bool = True,
) -> ContractTemplate:
    template = ContractTemplate(
        company_id=company_id,
        template_cd=template_cd,
        description=description,
        invoicing_period=invoicing_period,
        duration_months=duration_months,
        release_invoices=release_invoices,
    )
    for line in items:
        item = find_by_code(session, InventoryItem, InventoryItem.number, company_id, line.item)
        if item is None:
            raise ValueError(f"no item {line.item}")
        template.items.append(
            ContractTemplateItem(
                item=item,
                included=line.included,
                setup_price=line.setup_price,
                recurring_price=line.recurring_price,
                extra_usage_price=line.extra_usage_price,
                renewal_price=line.renewal_price,
                invoice_type=line.invoice_type,
            )
        )
    session.add(template)
    bump_version(session, company_id=company_id, resource=RESOURCE)
    session.flush()
    return template
