"""Supplier location endpoints (`/v1/supplierlocation`, AP303010): HTTP only."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.keys import ResourceKey
from ..kit.paging import Page, paging, with_metadata
from ..kit.render import json_response
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from . import locations
from .location_schemas import SupplierLocationDto, SupplierLocationUpdateDto

router = APIRouter(prefix="/v1/supplierlocation", tags=["SupplierLocation"])
_paging = paging(locations.MAX_PAGE_SIZE)
_LIST_NOTES = (
    "Paged: every element carries `metadata`. In the order the locations were made; every supplier has its "
    "default location, MAIN."
)


def location_filters(
    locationId: str | None = Query(None, description="Locations of this id."),
    gln: str | None = Query(None, description="Locations of this GLN."),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
) -> locations.LocationFilters:
    modified = date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition)
    return locations.LocationFilters(location_id=locationId, gln=gln, modified=modified)


@router.get(
    "",
    response_model=list[SupplierLocationDto],
    summary="Get a range of Locations - List screen=AP3030P1, Entry screen=AP303010",
    description=_LIST_NOTES,
)
def list_locations(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: locations.LocationFilters = Depends(location_filters),
    page: Page = Depends(_paging),
) -> Response:
    found, result = locations.list_locations(
        request.app.state.db, company_id=context.company_id, filters=filters, page=page
    )
    return json_response(with_metadata([locations.location_dto(f) for f in found], result))


@router.post(
    "",
    status_code=201,
    response_class=Response,
    responses=CREATED_RESPONSE,
    summary="Create a Location",
    description="`baccountId` (the supplier number) and `locationId` are required; the Location is "
    "`.../supplierlocation/{bAccountId}/{locationId}`.",
)
def create_location(
    request: Request, dto: SupplierLocationUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    found = locations.create_location(request.app.state.db, company_id=context.company_id, changes=dto.changes())
    response = created(request, found.supplier.number, row_version=found.location.row_version, dto=dto)
    response.headers["Location"] += "/" + quote(found.location.location_id, safe="")
    return response


@router.get(
    "/{bAccountId}",
    response_model=list[SupplierLocationDto],
    summary="Get a range of Locations for a BAccount",
    description=_LIST_NOTES,
)
def list_supplier_locations(
    request: Request,
    bAccountId: ResourceKey,
    context: CompanyContext = Depends(company_context),
    filters: locations.LocationFilters = Depends(location_filters),
    page: Page = Depends(_paging),
) -> Response:
    found, result = locations.list_locations(
        request.app.state.db, company_id=context.company_id, filters=filters, page=page, supplier=bAccountId
    )
    return json_response(with_metadata([locations.location_dto(f) for f in found], result))


@router.get(
    "/{bAccountId}/{locationId}",
    response_model=SupplierLocationDto,
    summary="Get a specific Location of a Baccount",
    description="The response headers include an ETag.",
)
def get_location(
    request: Request,
    bAccountId: ResourceKey,
    locationId: ResourceKey,
    context: CompanyContext = Depends(company_context),
) -> Response:
    found = locations.get_location(
        request.app.state.db, company_id=context.company_id, supplier=bAccountId, location_id=locationId
    )
    return json_response(locations.location_dto(found), headers=etag_header(found.location.row_version))


@router.put(
    "/{bAccountId}/{locationId}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a specific Location",
    description="PATCH semantics; a stale If-Match gets 412. `baccountId` and `locationId` cannot be changed.",
)
def update_location(
    request: Request,
    bAccountId: ResourceKey,
    locationId: ResourceKey,
    dto: SupplierLocationUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    found, ignored = locations.update_location(
        request.app.state.db,
        company_id=context.company_id,
        supplier=bAccountId,
        location_id=locationId,
        changes=dto.changes(),
        if_match=if_match,
    )
    return updated(row_version=found.location.row_version, dto=dto, ignored=ignored)
