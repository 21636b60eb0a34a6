"""VAT set-up use cases: the read-only VAT, VAT category and VAT zone endpoints, and loading a company's
set-up as the frozen values `determination` works on."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..db.engine import Database
from ..kit import messages
from ..kit.changes import VersionedCache
from ..kit.conditions import DateCondition
from ..kit.errors import NotFound
from ..kit.paging import Listing, Page, PageResult, fetch_page
from .determination import CategoryRule, RateRevision, VatRounding, VatRule, VatSetup, ZoneRule
from .models import Vat, VatCategory, VatSettings, VatZone

VAT_RESOURCE = "vat"
CATEGORY_RESOURCE = "vatCategory"
ZONE_RESOURCE = "vatZone"
ZONE_LISTING = Listing(resource=ZONE_RESOURCE, model=VatZone, key=VatZone.zone_id)

# A VAT ID's categories with their VAT IDs (for category lines), and its zones.
_VAT_DETAILS = (selectinload(Vat.categories).selectinload(VatCategory.vats), selectinload(Vat.zones))


@dataclass(frozen=True)
class VatFilters:
    modified: DateCondition | None = None

    def conditions(self) -> list:
        return [self.modified.apply(Vat.last_modified_at)] if self.modified else []


@dataclass(frozen=True)
class CategoryFilters:
    greater_than: str | None = None
    modified: DateCondition | None = None
    created: DateCondition | None = None

    def conditions(self) -> list:
        found = []
        if self.greater_than:
            found.append(VatCategory.category_id > self.greater_than)
        if self.modified:
            found.append(self.modified.apply(VatCategory.last_modified_at))
        if self.created:
            found.append(self.created.apply(VatCategory.created_at))
        return found


def list_vats(db: Database, *, company_id: int, filters: VatFilters) -> tuple[list[Vat], dict[str, str]]:
    """The VAT IDs, and the descriptions of the company's categories (for their zones' default category)."""
    with db.reading() as session:
        statement = (
            select(Vat)
            .where(Vat.company_id == company_id, *filters.conditions())
            .order_by(Vat.vat_id, Vat.id)
            .options(*_VAT_DETAILS)
        )
        return list(session.scalars(statement).unique()), category_descriptions(session, company_id)


def get_vat(db: Database, *, company_id: int, vat_id: str) -> tuple[Vat, dict[str, str]]:
    with db.reading() as session:
        statement = select(Vat).where(Vat.company_id == company_id, Vat.vat_id == vat_id).options(*_VAT_DETAILS)
        found = session.scalars(statement).unique().first()
        if found is None:
            raise NotFound(messages.not_found("VAT", vat_id))
        return found, category_descriptions(session, company_id)


def list_categories(db: Database, *, company_id: int, filters: CategoryFilters) -> list[VatCategory]:
    with db.reading() as session:
        statement = (
            select(VatCategory)
            .where(VatCategory.company_id == company_id, *filters.conditions())
            .order_by(VatCategory.category_id, VatCategory.id)
            .options(selectinload(VatCategory.vats))
        )
        return list(session.scalars(statement))


def get_category(db: Database, *, company_id: int, category_id: str) -> VatCategory:
    with db.reading() as session:
        statement = (
            select(VatCategory)
            .where(VatCategory.company_id == company_id, VatCategory.category_id == category_id)
            .options(selectinload(VatCategory.vats))
        )
        found = session.scalar(statement)
        if found is None:
            raise NotFound(messages.not_found("VAT category", category_id))
        return found


def list_zones(db: Database, *, company_id: int, page: Page) -> tuple[PageResult, dict[str, str]]:
    """A page of zones, and the descriptions of the company's categories (for `defaultTaxCategory`)."""
    with db.reading() as session:
        result = fetch_page(session, ZONE_LISTING, company_id=company_id, conditions=[], signature=(), page=page)
        return result, category_descriptions(session, company_id)


def get_zone(db: Database, *, company_id: int, zone_id: str) -> tuple[VatZone, dict[str, str]]:
    with db.reading() as session:
        found = session.scalar(select(VatZone).where(VatZone.company_id == company_id, VatZone.zone_id == zone_id))
        if found is None:
            raise NotFound(messages.not_found("VAT zone", zone_id))
        return found, category_descriptions(session, company_id)


def category_descriptions(session: Session, company_id: int) -> dict[str, str]:
    rows = session.execute(
        select(VatCategory.category_id, VatCategory.description).where(VatCategory.company_id == company_id)
    )
    return dict(rows.all())


def vat_rounding(session: Session, company_id: int) -> VatRounding:
    """The company's choice of rounding VAT per line or per document (PerDocument when it has not chosen)."""
    settings = session.get(VatSettings, company_id)
    return VatRounding(settings.rounding) if settings is not None else VatRounding.PER_DOCUMENT


# Every document write determines VAT against the whole set-up: built once per version of it, not per request.
_VAT_SETUPS: VersionedCache[VatSetup] = VersionedCache((VAT_RESOURCE, CATEGORY_RESOURCE, ZONE_RESOURCE))


def load_vat_setup(session: Session, company_id: int) -> VatSetup:
    """The company's VAT IDs, categories and zones as the frozen values determination works on."""
    return _VAT_SETUPS.get(session, company_id, lambda: _build_vat_setup(session, company_id))


def _build_vat_setup(session: Session, company_id: int) -> VatSetup:
    vats = session.scalars(select(Vat).where(Vat.company_id == company_id)).all()
    categories = session.scalars(
        select(VatCategory).where(VatCategory.company_id == company_id).options(selectinload(VatCategory.vats))
    ).all()
    zones = session.scalars(
        select(VatZone).where(VatZone.company_id == company_id).options(selectinload(VatZone.vats))
    ).all()
    return VatSetup.of(
        (_vat_rule(vat) for vat in vats),
        (ZoneRule(z.zone_id, frozenset(v.vat_id for v in z.vats), z.default_vat_category) for z in zones),
        (
            CategoryRule(c.category_id, frozenset(v.vat_id for v in c.vats), c.exclude_listed_taxes, c.active)
            for c in categories
        ),
    )


def _vat_rule(vat: Vat) -> VatRule:
    schedules = tuple(RateRevision(s.start_date, s.vat_rate, s.group_type) for s in vat.schedules)
    return VatRule(vat.vat_id, schedules, vat.reverse_vat, vat.calculate_on, vat.not_valid_after)
