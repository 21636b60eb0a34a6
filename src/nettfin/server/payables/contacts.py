"""A supplier's contacts (`/supplier/{supplierCd}/contact`): read from the business accounts' contact table
(`parties.models.Contact`, kind `Supplier`), in contact id order, not paged; `/v1/contact` (crm/) reads and
writes the same rows.

The CRM members the service documents as not available in Visma.net ERP read as the service's defaults unless
a contact write set them.
"""

from __future__ import annotations

from sqlalchemy import select

from ..db.engine import Database
from ..parties.contacts import ContactFilters, active_flag, contact_dto, contact_id_after
from ..parties.models import SUPPLIER, Contact
from .locations import find_supplier

__all__ = ["ContactFilters", "active_flag", "contact_id_after", "supplier_contacts"]


def supplier_contacts(db: Database, *, company_id: int, number: str, filters: ContactFilters) -> list[dict]:
    with db.reading() as session:
        supplier = find_supplier(session, company_id, number)
        contacts = session.scalars(
            select(Contact)
            .where(Contact.company_id == company_id, Contact.party_kind == SUPPLIER, Contact.party_id == supplier.id)
            .order_by(Contact.contact_id)
        ).all()
        return [contact_dto(c, supplier) for c in contacts if filters.keeps(c, supplier.number)]
