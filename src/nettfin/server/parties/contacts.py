"""Contacts of business accounts (CR302000): making one with the company's next contact id, the list filters
every contact list takes, and the `ContactDto` of a contact of any kind of account.

A contact's address is its account's main address while `same_as_account` holds, its own otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..kit.checks import parse_int32
from ..kit.conditions import DateCondition
from ..kit.errors import BusinessError
from ..kit.render import format_datetime, time_stamp
from ..kit.shapes import render_address
from .models import Contact


def next_contact_id(session: Session, company_id: int) -> int:
    last = session.scalar(select(func.max(Contact.contact_id)).where(Contact.company_id == company_id))
    return (last or 0) + 1


def add_contact(session: Session, company_id: int, *, party_kind: str, party_id: int, **members) -> Contact:
    """A new contact of the business account, numbered after the company's last contact: the number is taken
    inside the writing transaction, and the unique (company, contact id) refuses a concurrent one's twin."""
    contact = Contact(
        company_id=company_id,
        contact_id=next_contact_id(session, company_id),
        party_kind=party_kind,
        party_id=party_id,
        last_modified_at=utcnow(),
        **members,
    )
    session.add(contact)
    session.flush()
    return contact


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

    def keeps(self, contact: Contact, account_number: str) -> bool:
        texts = (
            (self.display_name, contact.display_name),
            (self.first_name, contact.first_name),
            (self.last_name, contact.last_name),
            (self.email, contact.email),
            (self.business_account, account_number),
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


def contact_dto(contact: Contact, account: Any) -> dict:
    """`account`: the customer or supplier the contact belongs to (its `number` and `main_address`)."""
    address = account.main_address if contact.same_as_account else contact.address
    return {
        "displayName": contact.display_name,
        "active": contact.active,
        "title": contact.title,
        "firstName": contact.first_name,
        "lastName": contact.last_name,
        "position": contact.position,
        "businessAccount": account.number,
        "businessAccountType": contact.party_kind,
        "sameAsAccount": contact.same_as_account,
        "address": render_address(address),
        "email": contact.email,
        "web": contact.web,
        "phone1": contact.phone1,
        "phone2": contact.phone2,
        "phone3": contact.phone3,
        "fax": contact.fax,
        "contactMethod": contact.contact_method,
        "doNotCall": contact.do_not_call,
        "doNotFax": contact.do_not_fax,
        "doNotEmail": contact.do_not_email,
        "doNotMail": contact.do_not_mail,
        "noMassMail": contact.no_mass_mail,
        "noMarketing": contact.no_marketing,
        "lastModifiedDateTime": format_datetime(contact.last_modified_at),
        "contactId": contact.contact_id,
        "timeStamp": time_stamp(contact.row_version),
    }
