"""Contacts of business accounts (CR302000, `/v1/contact`): list, get, create and update over the one contact
table customers' and suppliers' contacts share (`parties.models.Contact`); a customer's contacts
(`/customer/{customerCd}/contact`). Lists are in contact id order and not paged, as the documents have them.

A contact belongs to the business account `businessAccount` names (a customer or a supplier number); it may be
moved to another. `lastName` is required. Its address is the account's main address while `sameAsAccount`
holds; sending an address makes it the contact's own.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.errors import NotFound, record_errors
from ..kit.records import apply_nested, apply_scalars
from ..kit.responses import check_if_match
from ..parties.contacts import ContactFilters, contact_dto, next_contact_id
from ..parties.models import CUSTOMER, Contact
from .accounts import Account, accounts_by_row, find_account, require_account

ENTITY = "contact"
RECORD = "Contact"
SCALARS = {
    "title": ("title", "Title", None),
    "firstName": ("first_name", "First name", None),
    "lastName": ("last_name", "Last name", None),
    "position": ("position", "Job title", None),
    "email": ("email", "Email", None),
    "web": ("web", "Web", None),
    "phone1": ("phone1", "Phone 1", None),
    "phone2": ("phone2", "Phone 2", None),
    "phone3": ("phone3", "Phone 3", None),
    "fax": ("fax", "Fax", None),
    "contactMethod": ("contact_method", "Contact method", "Any"),
}
FLAGS = {
    "active": ("active", True),
    "doNotCall": ("do_not_call", False),
    "doNotFax": ("do_not_fax", False),
    "doNotEmail": ("do_not_email", False),
    "doNotMail": ("do_not_mail", False),
    "noMassMail": ("no_mass_mail", False),
    "noMarketing": ("no_marketing", False),
}


def list_contacts(db: Database, *, company_id: int, filters: ContactFilters) -> list[dict]:
    with db.reading() as session:
        rows = session.scalars(
            select(Contact).where(Contact.company_id == company_id).order_by(Contact.contact_id)
        ).all()
        return _rendered(session, rows, filters)


def customer_contacts(db: Database, *, company_id: int, number: str, filters: ContactFilters) -> list[dict]:
    with db.reading() as session:
        customer = require_account(session, company_id, number, (CUSTOMER,))
        rows = session.scalars(
            select(Contact)
            .where(Contact.company_id == company_id, Contact.party_kind == CUSTOMER, Contact.party_id == customer.id)
            .order_by(Contact.contact_id)
        ).all()
        return _rendered(session, rows, filters)


def _rendered(session: Session, rows, filters: ContactFilters) -> list[dict]:
    accounts = accounts_by_row(session, rows)
    found = []
    for row in rows:
        account = accounts.get((row.party_kind, row.party_id))
        if account is not None and filters.keeps(row, account.number):
            found.append(contact_dto(row, account))
    return found


def get_contact(db: Database, *, company_id: int, contact_id: str) -> tuple[dict, int]:
    with db.reading() as session:
        contact = _find(session, company_id, contact_id)
        return contact_dto(contact, _account_of(session, contact)), contact.row_version


def _account_of(session: Session, contact: Contact):
    return accounts_by_row(session, [contact])[(contact.party_kind, contact.party_id)]


def _find(session: Session, company_id: int, contact_id: str, *, lock: bool = False) -> Contact:
    number = contact_id.strip()
    found = None
    if number.isdigit() and len(number) <= 9:
        statement = select(Contact).where(Contact.company_id == company_id, Contact.contact_id == int(number))
        found = session.scalars(statement.with_for_update() if lock else statement).first()
    if found is None:
        raise NotFound(messages.not_found("Contact", contact_id))
    return found


def create_contact(db: Database, *, company_id: int, changes: dict) -> Contact:
    with db.writing() as session:
        return enter_contact(session, company_id, changes)


def enter_contact(session: Session, company_id: int, changes: dict) -> Contact:
    """`create_contact` in the caller's transaction (the demo's)."""
    contact = Contact(company_id=company_id, party_kind="", party_id=0, active=True, address={})
    with session.no_autoflush:
        problems = _apply(session, company_id, contact, changes, new=True)
    if problems:
        raise record_errors(action="inserting", entity=ENTITY, record=RECORD, errors=problems)
    contact.contact_id = next_contact_id(session, company_id)
    contact.last_modified_at = utcnow()
    session.add(contact)
    session.flush()
    return contact


def update_contact(db: Database, *, company_id: int, contact_id: str, changes: dict, if_match: str | None) -> Contact:
    with db.writing() as session:
        contact = _find(session, company_id, contact_id, lock=True)
        check_if_match(if_match, contact.row_version)
        with session.no_autoflush:
            problems = _apply(session, company_id, contact, changes, new=False)
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        contact.last_modified_at = utcnow()
        session.flush()
        return contact


def _apply(session: Session, company_id: int, contact: Contact, changes: dict, *, new: bool) -> list[str]:
    problems: list[str] = []
    if new or "businessAccount" in changes:
        number = (changes.get("businessAccount") or "").strip()
        account: Account | None = find_account(session, company_id, number)
        if not number:
            problems.append(messages.cannot_be_empty("Business account"))
        elif account is None:
            problems.append(messages.cannot_be_found("Business account", number))
        else:
            contact.party_kind, contact.party_id = account.kind, account.id
    problems += apply_scalars(contact, changes, SCALARS)
    if (new or "lastName" in changes) and not contact.last_name:
        problems.append(messages.cannot_be_empty("Last name"))
    for wire, (attr, cleared) in FLAGS.items():
        if wire in changes:
            setattr(contact, attr, cleared if changes[wire] is None else bool(changes[wire]))
    if "address" in changes:
        problems += apply_nested(contact, changes, {"address": "address"})
        contact.same_as_account = False
    if changes.get("sameAsAccount") is not None:
        contact.same_as_account = bool(changes["sameAsAccount"])
    return problems
