"""Supplier location endpoints (`/v1/supplierlocation`, AP303010): HTTP only; the routes are crm's
`location_routes`."""

from __future__ import annotations

from fastapi import Query

from ..crm.location_routes import LocationRoutes, location_router
from ..kit.conditions import condition_description, date_condition, value_description
from . import locations
from .location_schemas import SupplierLocationDto, SupplierLocationUpdateDto

_LIST_NOTES = (
    "Paged: every element carries `metadata`. In the order the locations were made; every supplier has its "
    "default location, MAIN."
)


async def location_filters(
    locationId: str | None = Query(None, description="Locations of this id."),
    gln: str | None = Query(None, description="Locations of this GLN."),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
) -> locations.LocationFilters:
    modified = date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition)
    return locations.supplier_filters(location_id=locationId, gln=gln, modified=modified)


router = location_router(
    LocationRoutes(
        prefix="/v1/supplierlocation",
        tag="SupplierLocation",
        dto=SupplierLocationDto,
        update_dto=SupplierLocationUpdateDto,
        use_cases=locations,
        filters=location_filters,
        list_summary="Get a range of Locations - List screen=AP3030P1, Entry screen=AP303010",
        list_notes=_LIST_NOTES,
        owner="the supplier number",
        account_list="list_supplier_locations",
    )
)
