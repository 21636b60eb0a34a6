"""A supplier's contacts (`/supplier/{supplierCd}/contact`): read from the business accounts' contact table
(`parties.models.Contact`, kind `Supplier`), in contact id order, not paged.

A contact has no address of its own here: its address is the supplier's main address (`sameAsAccount`). The
CRM members the service documents as not available in Visma.net ERP read as the service's defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..db.engine import Database
from ..kit.checks import parse_int32
from ..kit.conditions import DateCondition
from ..kit.errors import BusinessError
from ..kit.render import format_datetime, time_stamp
from ..kit.shapes import render_address
from ..parties.models import SUPPLIER, Contact
from .locations import find_supplier
from .models import Supplier


@dataclass(frozen=True)
class ContactFilters:
    display_name: str | None = None
    active: bool | None = None
    first_name: str | None = None
    last_name: str | None = None
    business_account: str | None = None
    email: str | None = None
    greater_than: int | None = None
    modified: DateCondition | None = None

    def keeps(self, contact: Contact, supplier: Supplier) -> bool:
        texts = (
            (self.display_name, contact.display_name),
            (self.first_name, contact.first_name),
            (self.last_name, contact.last_name),
            (self.email, contact.email),
            (self.business_account, supplier.number),
        )
        if any(wanted and (value or "").casefold() != wanted.strip().casefold() for wanted, value in texts):
            return False
        if self.active is not None and contact.active is not self.active:
            return False
        if self.greater_than is not None and contact.contact_id <= self.greater_than:
            return False
        return self.modified is None or self.modified.apply(contact.last_modified_at)


def active_flag(value: str | None) -> bool | None:
    """`active=true` or `false` (any case); the document types it as a string."""
    if value is None or not value.strip():
        return None
    folded = value.strip().casefold()
    if folded not in ("true", "false"):
        raise BusinessError(f"The value '{value}' of parameter 'active' is not valid. Accepted values: true, false.")
    return folded == "true"


def contact_id_after(value: str | None) -> int | None:
    """`greaterThanValue`: a contact id (a 32-bit integer)."""
    if value is None or not value.strip():
        return None
    found = parse_int32(value.strip())
    if found is None:
        raise BusinessError(
            f"The value '{value}' of parameter 'greaterThanValue' is not valid. Accepted values: a contact id."
        )
    return found


def supplier_contacts(db: Database, *, company_id: int, number: str, filters: ContactFilters) -> list[dict]:
    with db.reading() as session:
        supplier = find_supplier(session, company_id, number)
        contacts = session.scalars(
            select(Contact)
            .where(Contact.company_id == company_id, Contact.party_kind == SUPPLIER, Contact.party_id == supplier.id)
            .order_by(Contact.contact_id)
        ).all()
        return [contact_dto(c, supplier) for c in contacts if filters.keeps(c, supplier)]


def contact_dto(contact: Contact, supplier: Supplier) -> dict:
    return {
        "displayName": contact.display_name,
        "active": contact.active,
        "title": contact.title,
        "firstName": contact.first_name,
        "lastName": contact.last_name,
        "position": contact.position,
        "businessAccount": supplier.number,
        "businessAccountType": SUPPLIER,
        "sameAsAccount": True,
        "address": render_address(supplier.main_address),
        "email": contact.email,
        "web": contact.web,
        "phone1": contact.phone1,
        "phone2": contact.phone2,
        "phone3": contact.phone3,
        "fax": contact.fax,
        "contactMethod": "Any",
        "doNotCall": False,
        "doNotFax": False,
        "doNotEmail": False,
        "doNotMail": False,
        "noMassMail": False,
        "noMarketing": False,
        "lastModifiedDateTime": format_datetime(contact.last_modified_at),
        "contactId": contact.contact_id,
        "timeStamp": time_stamp(contact.row_version),
    }
