"""Supplier locations (AP303010): the business-account location engine (crm/locations.py) for suppliers, with
the supplier location DTO's own members (the default location's payment method details, the timeStamp).

Every supplier has its default location, `MAIN`, made with it; see crm/locations.py for the rules.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..crm import locations as engine
from ..crm.locations import Located, LocationFilters
from ..db.engine import Database
from ..kit import messages
from ..kit.errors import NotFound
from ..kit.paging import Page, PageResult
from ..kit.render import time_stamp
from ..parties.models import MAIN, SUPPLIER
from .models import Supplier

__all__ = ["Located", "LocationFilters", "MAX_PAGE_SIZE"]
KINDS = (SUPPLIER,)
MAX_PAGE_SIZE = engine.MAX_PAGE_SIZE


def find_supplier(session: Session, company_id: int, number: str) -> Supplier:
    found = session.scalars(
        select(Supplier).where(Supplier.company_id == company_id, Supplier.number == number)
    ).first()
    if found is None:
        raise NotFound(messages.not_found("Supplier", number))
    return found


def supplier_filters(**members) -> LocationFilters:
    return LocationFilters(kinds=KINDS, **members)


def list_locations(
    db: Database, *, company_id: int, filters: LocationFilters, page: Page, account: str | None = None
) -> tuple[list[Located], PageResult]:
    return engine.list_locations(db, company_id=company_id, filters=filters, page=page, account=account)


def get_location(db: Database, *, company_id: int, account: str, location_id: str) -> Located:
    return engine.get_location(db, company_id=company_id, account=account, location_id=location_id, kinds=KINDS)


def create_location(db: Database, *, company_id: int, changes: dict) -> Located:
    return engine.create_location(db, company_id=company_id, changes=changes, kinds=KINDS)


def enter_location(session: Session, company_id: int, changes: dict) -> Located:
    return engine.enter_location(session, company_id, changes, KINDS)


def update_location(
    db: Database, *, company_id: int, account: str, location_id: str, changes: dict, if_match: str | None
) -> tuple[Located, list[str]]:
    return engine.update_location(
        db,
        company_id=company_id,
        account=account,
        location_id=location_id,
        changes=changes,
        if_match=if_match,
        kinds=KINDS,
    )


def location_dto(found: Located) -> dict:
    supplier = found.account.record
    details = supplier.payment_method_details if found.location.location_id == MAIN else []
    return {
        **engine.location_members(found),
        "supplierPaymentMethodDetails": [
            {"paymentMethodDetailDescription": d["description"], "paymentMethodDetailValue": d["value"]}
            for d in details or []
        ],
        "timeStamp": time_stamp(found.location.row_version),
    }
