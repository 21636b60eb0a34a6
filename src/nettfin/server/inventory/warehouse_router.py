"""The warehouse routes: the declaration's list and get (`warehouses.WAREHOUSE`) and the location POST and PUT.
HTTP only.

No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations.
"""

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.keys import ResourceKey
from ..kit.resource_routes import resource_router
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, updated
from .warehouses import WAREHOUSE, WarehouseLocationUpdateDto, create_location, update_location

locations = APIRouter(prefix="/v1/warehouse", tags=["Warehouse"])


@locations.post(
    "/{warehouseID}/location",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Post new location - ScreenId=IN204000",
    description="201 with an absolute Location whose last segment is the new location's ID.",
)
def create_warehouse_location(
    request: Request,
    warehouseID: ResourceKey,
    body: WarehouseLocationUpdateDto,
    context: CompanyContext = Depends(company_context),
) -> Response:
    code, version = create_location(
        request.app.state.db, company_id=context.company_id, warehouse_code=warehouseID, dto=body
    )
    return created(request, code, row_version=version, dto=body)


@locations.put(
    "/{warehouseID}/location/{locationID}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update location - ScreenId=IN204000",
)
def update_warehouse_location(
    request: Request,
    warehouseID: ResourceKey,
    locationID: ResourceKey,
    body: WarehouseLocationUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    version, ignored = update_location(
        request.app.state.db,
        company_id=context.company_id,
        warehouse_code=warehouseID,
        location_code=locationID,
        dto=body,
        if_match=if_match,
    )
    return updated(row_version=version, dto=body, ignored=ignored)


router = APIRouter(routes=[*resource_router(WAREHOUSE, company_context, locations).routes])
