"""Location endpoints (`/v1/location`, AR303020 / AP303010): customers' and suppliers' locations. HTTP only; the
use cases are crm/locations.py; the routes are `location_routes`."""

from __future__ import annotations

from fastapi import Query

from ..kit.conditions import condition_description, date_condition, value_description
from . import locations
from .location_routes import LocationRoutes, location_router
from .schemas import LocationDto, LocationUpdateDto

_LIST_NOTES = (
    "Paged: every element carries `metadata`. In the order the locations were made; customers' and suppliers' "
    "alike, and every one of them has its default location, MAIN."
)


async def location_filters(
    locationId: str | None = Query(None, description="Locations of this id."),
    gln: str | None = Query(None, description="Locations of this GLN."),
    greaterThanValue: str | None = Query(None, description="Locations whose id sorts after this one."),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
    createdDateTime: str | None = Query(None, description=value_description("createdDateTime")),
    createdDateTimeCondition: str | None = Query(None, description=condition_description("createdDateTime")),
) -> locations.LocationFilters:
    return locations.LocationFilters(
        location_id=locationId,
        gln=gln,
        greater_than=greaterThanValue,
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
        created=date_condition("createdDateTime", createdDateTime, createdDateTimeCondition),
    )


router = location_router(
    LocationRoutes(
        prefix="/v1/location",
        tag="Location",
        dto=LocationDto,
        update_dto=LocationUpdateDto,
        use_cases=locations,
        filters=location_filters,
        list_summary="Get a range of Locations",
        list_notes=_LIST_NOTES,
        owner="a customer or supplier number",
    )
)
