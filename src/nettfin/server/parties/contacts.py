"""Contacts of business accounts (CR302000): making one, with the company's next contact id."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from .models import Contact


def add_contact(session: Session, company_id: int, *, party_kind: str, party_id: int, **members) -> Contact:
    """A new contact of the business account, numbered after the company's last contact: the number is taken
    inside the writing transaction, and the unique (company, contact id) refuses a concurrent one's twin."""
    last = session.scalar(select(func.max(Contact.contact_id)).where(Contact.company_id == company_id))
    contact = Contact(
        company_id=company_id,
        contact_id=(last or 0) + 1,
        party_kind=party_kind,
        party_id=party_id,
        last_modified_at=utcnow(),
        **members,
    )
    session.add(contact)
    session.flush()
    return contact
