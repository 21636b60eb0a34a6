"""Supplier locations (AP303010): list, get, create and update, over the business accounts' location table
(`parties.models.PartyLocation`, kind `Supplier`).

Every supplier has its default location, `MAIN`, made with it. A location's address and contact are the
supplier's main ones while `addressIsSameAsMain` and `contactIsSameAsMain` hold (a new location's do, unless the
body sends its own address or contact); sending an address or contact makes them the location's own. The
default location's VAT registration id, corporate id and VAT zone are the supplier's: reading them reads the
supplier's, writing them writes the supplier's, as the supplier window shows its default location's. The
default location cannot be deactivated.

Lists are paged in the order the locations were made, keyed on the supplier resource's data version (a new
supplier makes a location): every location write bumps it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.checks import fits_column
from ..kit.conditions import DateCondition
from ..kit.errors import NotFound, record_errors
from ..kit.paging import Listing, Page, PageResult, fetch_page
from ..kit.records import resolve_code
from ..kit.render import format_datetime, time_stamp
from ..kit.responses import check_if_match
from ..kit.shapes import address_problems, merge_nested, render_address, render_contact, vat_zone_ref
from ..parties.models import MAIN, SUPPLIER, PartyLocation
from ..tax.models import VatZone
from .models import Supplier

ENTITY = "location"
RECORD = "Location"
# Paged over the locations by row id, under the supplier resource's data version (see the docstring).
LISTING = Listing("supplier", PartyLocation, PartyLocation.id)
MAX_PAGE_SIZE = 1000
# The default location's members that are the supplier's own: (wire name, supplier attribute).
SUPPLIER_OWNED = (("vatRegistrationId", "vat_registration_id"), ("corporateId", "corporate_id"))
SCALARS = (
    ("locationName", "name", "Location name"),
    ("vatRegistrationId", "vat_registration_id", "VAT registration ID"),
    ("ediCode", "edi_code", "EDI code"),
    ("gln", "gln", "GLN"),
    ("corporateId", "corporate_id", "Corporate ID"),
)


@dataclass(frozen=True)
class LocationFilters:
    supplier_id: int | None = None
    location_id: str | None = None
    gln: str | None = None
    modified: DateCondition | None = None

    def conditions(self) -> list:
        found: list[Any] = [PartyLocation.party_kind == SUPPLIER]
        if self.supplier_id is not None:
            found.append(PartyLocation.party_id == self.supplier_id)
        if self.location_id:
            found.append(PartyLocation.location_id == self.location_id.strip().upper())
        if self.gln:
            found.append(PartyLocation.gln == self.gln.strip())
        if self.modified:
            found.append(self.modified.apply(PartyLocation.last_modified_at))
        return found


@dataclass(frozen=True)
class Located:
    """A location with the supplier it belongs to: what rendering reads."""

    location: PartyLocation
    supplier: Supplier


def find_supplier(session: Session, company_id: int, number: str) -> Supplier:
    found = session.scalars(
        select(Supplier).where(Supplier.company_id == company_id, Supplier.number == number)
    ).first()
    if found is None:
        raise NotFound(messages.not_found("Supplier", number))
    return found


def list_locations(
    db: Database, *, company_id: int, filters: LocationFilters, page: Page, supplier: str | None = None
) -> tuple[list[Located], PageResult]:
    with db.reading() as session:
        if supplier is not None:
            filters = LocationFilters(
                find_supplier(session, company_id, supplier).id, filters.location_id, filters.gln, filters.modified
            )
        result = fetch_page(
            session,
            LISTING,
            company_id=company_id,
            conditions=filters.conditions(),
            signature=("location", filters),
            page=page,
        )
        return _with_suppliers(session, result.rows), result


def _with_suppliers(session: Session, rows) -> list[Located]:
    ids = {row.party_id for row in rows}
    suppliers = {s.id: s for s in session.scalars(select(Supplier).where(Supplier.id.in_(ids))).unique()}
    return [Located(row, suppliers[row.party_id]) for row in rows]


def get_location(db: Database, *, company_id: int, supplier: str, location_id: str) -> Located:
    with db.reading() as session:
        found = find_supplier(session, company_id, supplier)
        return Located(_find(session, company_id, found, location_id), found)


def _find(session: Session, company_id: int, supplier: Supplier, location_id: str, *, lock: bool = False):
    statement = select(PartyLocation).where(
        PartyLocation.company_id == company_id,
        PartyLocation.party_kind == SUPPLIER,
        PartyLocation.party_id == supplier.id,
        PartyLocation.location_id == location_id.strip().upper(),
    )
    found = session.scalars(statement.with_for_update(of=PartyLocation) if lock else statement).first()
    if found is None:
        raise NotFound(messages.not_found("Location", f"{supplier.number}/{location_id}"))
    return found


def create_location(db: Database, *, company_id: int, changes: dict) -> Located:
    """A new location of the supplier `baccountId` names, under the id `locationId`; both are required."""
    with db.writing() as session:
        return enter_location(session, company_id, changes)


def enter_location(session: Session, company_id: int, changes: dict) -> Located:
    """`create_location` in the caller's transaction (the demo's)."""
    problems: list[str] = []
    number = (changes.get("baccountId") or "").strip()
    location_id = (changes.get("locationId") or "").strip().upper()
    supplier = None
    if not number:
        problems.append(messages.cannot_be_empty("Supplier"))
    else:
        supplier = session.scalars(
            select(Supplier).where(Supplier.company_id == company_id, Supplier.number == number)
        ).first()
        if supplier is None:
            problems.append(messages.cannot_be_found("Supplier", number))
    if not location_id:
        problems.append(messages.cannot_be_empty("Location ID"))
    else:
        problems += _problem_list(fits_column(PartyLocation.__table__.c.location_id, location_id, "Location ID"))
    if supplier is not None and location_id and _taken(session, company_id, supplier, location_id):
        problems.append(messages.already_exists("Location ID", location_id))
    location = PartyLocation(
        company_id=company_id,
        party_kind=SUPPLIER,
        party_id=supplier.id if supplier else 0,
        location_id=location_id,
        active=True,
        address_same_as_main=True,
        contact_same_as_main=True,
        address={},
        contact={},
    )
    with session.no_autoflush:
        problems += _apply(session, company_id, location, supplier, changes)
    if problems:
        raise record_errors(action="inserting", entity=ENTITY, record=RECORD, errors=problems)
    location.last_modified_at = utcnow()
    session.add(location)
    try:
        session.flush()
    except IntegrityError:
        taken = messages.already_exists("Location ID", location_id)
        raise record_errors(action="inserting", entity=ENTITY, record=RECORD, errors=[taken]) from None
    bump_version(session, company_id=company_id, resource="supplier")
    return Located(location, supplier)


def _taken(session: Session, company_id: int, supplier: Supplier, location_id: str) -> bool:
    statement = select(PartyLocation.id).where(
        PartyLocation.company_id == company_id,
        PartyLocation.party_kind == SUPPLIER,
        PartyLocation.party_id == supplier.id,
        PartyLocation.location_id == location_id,
    )
    return session.scalar(statement.limit(1)) is not None


def update_location(
    db: Database, *, company_id: int, supplier: str, location_id: str, changes: dict, if_match: str | None
) -> tuple[Located, list[str]]:
    """PATCH semantics; `baccountId` and `locationId` cannot change: sent otherwise, they are ignored."""
    with db.writing() as session:
        found = find_supplier(session, company_id, supplier)
        location = _find(session, company_id, found, location_id, lock=True)
        check_if_match(if_match, location.row_version)
        ignored = [
            wire
            for wire, current in (("baccountId", found.number), ("locationId", location.location_id))
            if wire in changes and (changes[wire] or "").strip().upper() != current.upper()
        ]
        with session.no_autoflush:
            problems = _apply(session, company_id, location, found, changes)
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        location.last_modified_at = utcnow()
        if location.location_id == MAIN and any(
            wire in changes for wire in ("vatRegistrationId", "corporateId", "vatZone")
        ):
            found.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource="supplier")
        session.flush()
        return Located(location, found), ignored


def _apply(session: Session, company_id: int, location: PartyLocation, supplier: Supplier | None, changes: dict):
    """Write the members sent; every problem is returned, nothing is checked twice."""
    problems: list[str] = []
    main = location.location_id == MAIN
    for wire, attr, label in SCALARS:
        if wire not in changes:
            continue
        value = changes[wire].strip() or None if isinstance(changes[wire], str) else changes[wire]
        target = supplier if main and wire in dict(SUPPLIER_OWNED) and supplier is not None else location
        column = type(target).__table__.c[attr]
        problem = fits_column(column, value, label)
        if problem:
            problems.append(problem)
        else:
            setattr(target, attr, value)
    if "active" in changes:
        active = changes["active"] is not False
        if main and not active:
            problems.append("The default location of a supplier cannot be deactivated.")
        location.active = active
    if "vatZone" in changes:
        zone, found = resolve_code(session, VatZone, VatZone.zone_id, company_id, changes["vatZone"], "VAT zone")
        problems += found
        if main and supplier is not None:
            supplier.vat_zone = zone
        else:
            location.vat_zone = zone
    for wire, flag, member in (
        ("address", "address_same_as_main", "address"),
        ("contact", "contact_same_as_main", "contact"),
    ):
        same = f"{member}IsSameAsMain"
        if wire in changes:
            setattr(location, member, merge_nested(getattr(location, member), changes[wire]))
            setattr(location, flag, False)
        if same in changes and changes[same] is not None:
            setattr(location, flag, bool(changes[same]))
    problems += address_problems("Address", location.address or {})
    return problems


def _problem_list(problem: str | None) -> list[str]:
    return [problem] if problem else []


# --- rendering ----------------------------------------------------------------------------------------------


def location_dto(found: Located) -> dict:
    location, supplier = found.location, found.supplier
    main = location.location_id == MAIN
    owner = supplier if main else location
    address = supplier.main_address if location.address_same_as_main else location.address
    contact = supplier.main_contact if location.contact_same_as_main else location.contact
    details = supplier.payment_method_details if main else []
    return {
        "baccount": {"internalId": supplier.id, "number": supplier.number, "name": supplier.name},
        "locationId": location.location_id,
        "locationName": location.name,
        "active": location.active,
        "address": render_address(address),
        "contact": render_contact(contact),
        "vatRegistrationId": owner.vat_registration_id,
        "vatZone": vat_zone_ref(owner.vat_zone),
        "ediCode": location.edi_code,
        "gln": location.gln,
        "corporateId": owner.corporate_id,
        "lastModifiedDateTime": format_datetime(location.last_modified_at),
        "supplierPaymentMethodDetails": [
            {"paymentMethodDetailDescription": d["description"], "paymentMethodDetailValue": d["value"]}
            for d in details or []
        ],
        "timeStamp": time_stamp(location.row_version),
    }
