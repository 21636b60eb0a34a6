"""VAT set-up use cases: loading a company's set-up as the frozen values `determination` works on. The
read-only VAT, VAT category and VAT zone endpoints are declarations (`resources.py`)."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, selectinload

from ..db.prepared import Prepared
from ..kit.changes import VersionedCache
from .determination import CategoryRule, RateRevision, VatRounding, VatRule, VatSetup, ZoneRule
from .models import Vat, VatCategory, VatSettings, VatZone

VAT_RESOURCE = "vat"
CATEGORY_RESOURCE = "vatCategory"
ZONE_RESOURCE = "vatZone"


# Every document write with lines reads it: built once, run on the driver's cursor (db/prepared.py).
_ROUNDING = Prepared(select(VatSettings.rounding).where(VatSettings.company_id == bindparam("company_id")))


def vat_rounding(session: Session, company_id: int) -> VatRounding:
    """The company's choice of rounding VAT per line or per document (PerDocument when it has not chosen)."""
    found = _ROUNDING.first(session.connection(), {"company_id": company_id})
    return VatRounding(found[0]) if found is not None else VatRounding.PER_DOCUMENT


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
