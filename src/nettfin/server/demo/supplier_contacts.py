"""The demo suppliers' locations beyond their default ones, and their contacts, with fixed timestamps: the
first supplier has a warehouse location, and the first suppliers a contact or two."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..parties.contacts import add_contact
from ..parties.models import SUPPLIER, PartyLocation
from ..payables.locations import enter_location
from ..payables.models import Supplier

# (supplier number, title, first name, last name, position, e-mail, phone)
_CONTACTS = [
    ("50000", "Ms", "Kari", "Nordmann", "Key account manager", "kari.nordmann@nordlys.example", "+47 22 11 00 01"),
    ("50000", "Mr", "Ola", "Hansen", "Accounts receivable", "faktura@nordlys.example", "+47 22 11 00 02"),
    ("50001", "Mrs", "Ingrid", "Berg", "Sales", "ingrid.berg@nordisk.example", "+47 23 45 67 89"),
    ("50003", "Mr", "Per", "Olsen", "Dispatcher", "per.olsen@fjordfrakt.example", "+47 55 00 11 22"),
]
_WAREHOUSE = {
    "baccountId": "50000",
    "locationId": "LAGER",
    "locationName": "Lager Alnabru",
    "gln": "7080003000017",
    "address": {"addressLine1": "Alnaveien 10", "postalCode": "0661", "city": "Oslo", "countryId": "NO"},
    "contact": {"name": "Nordlys Lager", "email": "lager@nordlys.example", "phone1": "+47 22 11 00 10"},
}


def seed_supplier_contacts(session: Session, company_id: int) -> None:
    """Run after the suppliers are made: their default locations take their stamps, then the others come."""
    session.flush()
    suppliers = {s.number: s for s in session.scalars(select(Supplier).where(Supplier.company_id == company_id))}
    by_id = {s.id: s for s in suppliers.values()}
    for location in session.scalars(
        select(PartyLocation).where(PartyLocation.company_id == company_id, PartyLocation.party_kind == SUPPLIER)
    ):
        moment = by_id[location.party_id].created_at
        location.created_at = location.last_modified_at = moment
    first = suppliers["50000"]
    warehouse = enter_location(session, company_id, dict(_WAREHOUSE)).location
    warehouse.created_at = warehouse.last_modified_at = first.created_at + timedelta(hours=1)
    for index, (number, title, first_name, last_name, position, email, phone) in enumerate(_CONTACTS):
        supplier = suppliers[number]
        contact = add_contact(
            session,
            company_id,
            party_kind=SUPPLIER,
            party_id=supplier.id,
            title=title,
            first_name=first_name,
            last_name=last_name,
            position=position,
            email=email,
            phone1=phone,
        )
        contact.created_at = contact.last_modified_at = supplier.created_at + timedelta(hours=2, minutes=index)
