"""Business-account locations (AR303020 for a customer, AP303010 for a supplier): list, get, create and update
over the one location table (`parties.models.PartyLocation`) both kinds share. `/v1/location` serves customers'
and suppliers' alike; `/v1/supplierlocation` (payables/locations.py) is this engine for suppliers.

Every customer and supplier has its default location, `MAIN`, made with it. A location's address and contact
are the account's main ones while `addressIsSameAsMain` and `contactIsSameAsMain` hold (a new location's do,
unless the body sends its own address or contact); sending an address or contact makes them the location's
own. The default location's VAT registration id, corporate id and VAT zone are the account's: reading them
reads the account's, writing them writes the account's, as the customer and supplier windows show their default
location's. The default location cannot be deactivated.

Lists are paged in the order the locations were made, keyed on the account kinds' data versions (a new customer
or supplier makes a location): every location write bumps its account kind's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version, current_version
from ..kit.checks import fits_column
from ..kit.conditions import DateCondition
from ..kit.errors import NotFound, record_errors
from ..kit.paging import Listing, Page, PageResult, fetch_page
from ..kit.records import resolve_code
from ..kit.render import format_datetime
from ..kit.responses import check_if_match
from ..kit.shapes import address_problems, merge_nested, render_address, render_contact, vat_zone_ref
from ..parties.models import MAIN, PartyLocation
from ..tax.models import VatZone
from .accounts import MODELS, Account, accounts_by_row, find_account, require_account

ENTITY = "location"
RECORD = "Location"
MAX_PAGE_SIZE = 1000
BOTH: tuple[str, ...] = tuple(MODELS)
# The default location's members that are the account's own: (wire name, attribute).
ACCOUNT_OWNED = (("vatRegistrationId", "vat_registration_id"), ("corporateId", "corporate_id"))
SCALARS = (
    ("locationName", "name", "Location name"),
    ("vatRegistrationId", "vat_registration_id", "VAT registration ID"),
    ("ediCode", "edi_code", "EDI code"),
    ("gln", "gln", "GLN"),
    ("corporateId", "corporate_id", "Corporate ID"),
)
PEPPOL = ("endpoint", "partyIdentification", "partyLegal")


@dataclass(frozen=True)
class LocationFilters:
    kinds: tuple[str, ...] = BOTH
    account_id: int | None = None
    location_id: str | None = None
    gln: str | None = None
    greater_than: str | None = None
    modified: DateCondition | None = None
    created: DateCondition | None = None

    def conditions(self) -> list:
        found: list[Any] = [PartyLocation.party_kind.in_(self.kinds)]
        if self.account_id is not None:
            found.append(PartyLocation.party_id == self.account_id)
        if self.location_id:
            found.append(PartyLocation.location_id == self.location_id.strip().upper())
        if self.gln:
            found.append(PartyLocation.gln == self.gln.strip())
        if self.greater_than:
            found.append(PartyLocation.location_id > self.greater_than.strip().upper())
        if self.modified:
            found.append(self.modified.apply(PartyLocation.last_modified_at))
        if self.created:
            found.append(self.created.apply(PartyLocation.created_at))
        return found


@dataclass(frozen=True)
class Located:
    """A location with the customer or supplier it belongs to: what rendering reads."""

    location: PartyLocation
    account: Account


def _label(kinds: Sequence[str]) -> str:
    return kinds[0] if len(kinds) == 1 else "Business account"


def list_locations(
    db: Database, *, company_id: int, filters: LocationFilters, page: Page, account: str | None = None
) -> tuple[list[Located], PageResult]:
    """The locations of the filters' kinds, or of the account numbered `account` (404 when none is)."""
    with db.reading() as session:
        if account is not None:
            found = require_account(session, company_id, account, filters.kinds)
            filters = LocationFilters(
                (found.kind,),
                found.id,
                filters.location_id,
                filters.gln,
                filters.greater_than,
                filters.modified,
                filters.created,
            )
        kinds = sorted(filters.kinds)
        # Paged under the first kind's data version; the others' versions are in the signature.
        others = tuple(current_version(session, company_id=company_id, resource=kind.lower()) for kind in kinds[1:])
        result = fetch_page(
            session,
            Listing(kinds[0].lower(), PartyLocation, PartyLocation.id),
            company_id=company_id,
            conditions=filters.conditions(),
            signature=("location", filters, others),
            page=page,
        )
        accounts = accounts_by_row(session, result.rows)
        rows = [Located(row, Account(row.party_kind, accounts[(row.party_kind, row.party_id)])) for row in result.rows]
        return rows, result


def get_location(
    db: Database, *, company_id: int, account: str, location_id: str, kinds: tuple[str, ...] = BOTH
) -> Located:
    with db.reading() as session:
        found = require_account(session, company_id, account, kinds)
        return Located(_find(session, company_id, found, location_id), found)


def _find(session: Session, company_id: int, account: Account, location_id: str, *, lock: bool = False):
    statement = select(PartyLocation).where(
        PartyLocation.company_id == company_id,
        PartyLocation.party_kind == account.kind,
        PartyLocation.party_id == account.id,
        PartyLocation.location_id == location_id.strip().upper(),
    )
    found = session.scalars(statement.with_for_update(of=PartyLocation) if lock else statement).first()
    if found is None:
        raise NotFound(messages.not_found("Location", f"{account.record.number}/{location_id}"))
    return found


def create_location(db: Database, *, company_id: int, changes: dict, kinds: tuple[str, ...] = BOTH) -> Located:
    """A new location of the account `baccountId` names, under the id `locationId`; both are required."""
    with db.writing() as session:
        return enter_location(session, company_id, changes, kinds)


def enter_location(session: Session, company_id: int, changes: dict, kinds: tuple[str, ...] = BOTH) -> Located:
    """`create_location` in the caller's transaction (the demo's)."""
    problems: list[str] = []
    number = (changes.get("baccountId") or "").strip()
    location_id = (changes.get("locationId") or "").strip().upper()
    account = find_account(session, company_id, number, kinds)
    if not number:
        problems.append(messages.cannot_be_empty(_label(kinds)))
    elif account is None:
        problems.append(messages.cannot_be_found(_label(kinds), number))
    if not location_id:
        problems.append(messages.cannot_be_empty("Location ID"))
    else:
        problems += _problem_list(fits_column(PartyLocation.__table__.c.location_id, location_id, "Location ID"))
    if account is not None and location_id and _taken(session, company_id, account, location_id):
        problems.append(messages.already_exists("Location ID", location_id))
    location = PartyLocation(
        company_id=company_id,
        party_kind=account.kind if account else kinds[0],
        party_id=account.id if account else 0,
        location_id=location_id,
        active=True,
        address_same_as_main=True,
        contact_same_as_main=True,
        address={},
        contact={},
        peppol_scheme={},
    )
    with session.no_autoflush:
        problems += _apply(session, company_id, location, account, changes)
    if problems:
        raise record_errors(action="inserting", entity=ENTITY, record=RECORD, errors=problems)
    location.last_modified_at = utcnow()
    session.add(location)
    try:
        session.flush()
    except IntegrityError:
        taken = messages.already_exists("Location ID", location_id)
        raise record_errors(action="inserting", entity=ENTITY, record=RECORD, errors=[taken]) from None
    bump_version(session, company_id=company_id, resource=account.kind.lower())
    return Located(location, account)


def _taken(session: Session, company_id: int, account: Account, location_id: str) -> bool:
    statement = select(PartyLocation.id).where(
        PartyLocation.company_id == company_id,
        PartyLocation.party_kind == account.kind,
        PartyLocation.party_id == account.id,
        PartyLocation.location_id == location_id,
    )
    return session.scalar(statement.limit(1)) is not None


def update_location(
    db: Database,
    *,
    company_id: int,
    account: str,
    location_id: str,
    changes: dict,
    if_match: str | None,
    kinds: tuple[str, ...] = BOTH,
) -> tuple[Located, list[str]]:
    """PATCH semantics; `baccountId` and `locationId` cannot change: sent otherwise, they are ignored."""
    with db.writing() as session:
        found = require_account(session, company_id, account, kinds)
        location = _find(session, company_id, found, location_id, lock=True)
        check_if_match(if_match, location.row_version)
        ignored = [
            wire
            for wire, current in (("baccountId", found.record.number), ("locationId", location.location_id))
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
            found.record.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=found.kind.lower())
        session.flush()
        return Located(location, found), ignored


def _apply(session: Session, company_id: int, location: PartyLocation, account: Account | None, changes: dict):
    """Write the members sent; every problem is returned, nothing is checked twice."""
    problems: list[str] = []
    main = location.location_id == MAIN
    owner = account.record if main and account is not None else None
    for wire, attr, label in SCALARS:
        if wire not in changes:
            continue
        value = changes[wire].strip() or None if isinstance(changes[wire], str) else changes[wire]
        target = owner if owner is not None and wire in dict(ACCOUNT_OWNED) else location
        problem = fits_column(type(target).__table__.c[attr], value, label)
        if problem:
            problems.append(problem)
        else:
            setattr(target, attr, value)
    if "active" in changes:
        active = changes["active"] is not False
        if main and not active:
            problems.append(f"The default location of a {location.party_kind.lower()} cannot be deactivated.")
        location.active = active
    if "vatZone" in changes:
        zone, found = resolve_code(session, VatZone, VatZone.zone_id, company_id, changes["vatZone"], "VAT zone")
        problems += found
        if owner is not None:
            owner.vat_zone = zone
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
    if "peppolScheme" in changes:
        location.peppol_scheme = merge_nested(location.peppol_scheme, changes["peppolScheme"])
        for name in PEPPOL:
            if len(location.peppol_scheme.get(name) or "") > 50:
                problems.append(f"'PEPPOL {name}' is too long: at most 50 characters.")
    problems += address_problems("Address", location.address or {})
    return problems


def _problem_list(problem: str | None) -> list[str]:
    return [problem] if problem else []


# --- rendering ----------------------------------------------------------------------------------------------


def location_members(found: Located) -> dict:
    """What every location DTO has (`LocationDto` and `SupplierLocationDto` alike), in their order."""
    location, account = found.location, found.account.record
    owner = account if location.location_id == MAIN else location
    address = account.main_address if location.address_same_as_main else location.address
    contact = account.main_contact if location.contact_same_as_main else location.contact
    return {
        "baccount": {"internalId": account.id, "number": account.number, "name": account.name},
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
    }


def location_dto(found: Located) -> dict:
    """`LocationDto`: the members, the PEPPOL scheme and the location's internal id."""
    peppol = found.location.peppol_scheme or {}
    return {
        **location_members(found),
        "peppolScheme": {name: peppol.get(name) for name in PEPPOL} if any(peppol.values()) else None,
        "internalId": found.location.id,
    }
