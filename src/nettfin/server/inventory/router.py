"""The inventory routes: the declared resources' (`items.ITEM`, `classes`) and the ones next to them, the item
class by its id and the item by its internal id. HTTP only.

No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations, and the item's write
DTO is made by its declaration.
"""

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.keys import ResourceKey, internal_id
from ..kit.render import json_response
from ..kit.resource_routes import resource_router
from ..kit.responses import UPDATED_RESPONSE, IfMatch, etag_header, updated
from .attachable import ITEMS  # noqa: F401 - registered: the items' upload path
from .classes import ITEM_CLASS, POSTING_CLASS
from .items import ITEM, number_of

InventoryUpdateDto = ITEM.write_model

extra = APIRouter(prefix="/v1/inventory", tags=["Inventory"])


@extra.get("/itemclass/{itemClassNumber}", response_model=ITEM_CLASS.read_model, summary=ITEM_CLASS.texts.get)
def get_item_class(
    request: Request, itemClassNumber: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    found = ITEM_CLASS.get(request.app.state.db, company_id=context.company_id, key=itemClassNumber)
    return json_response(ITEM_CLASS.render(found))


@extra.get(
    "/internal/{inventoryId}",
    response_model=ITEM.read_model,
    summary="Get a specific Inventory item by its internal ID",
)
def get_item_by_internal_id(
    request: Request, inventoryId: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    db, company_id = request.app.state.db, context.company_id
    number = number_of(db, company_id=company_id, internal_id=internal_id(inventoryId, what=ITEM.label))
    item = ITEM.get(db, company_id=company_id, key=number)
    return json_response(ITEM.render(item), headers=etag_header(item.row_version))


@extra.put(
    "/internal/{inventoryID}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a specific inventory item by its internal ID",
)
def update_item_by_internal_id(
    request: Request,
    inventoryID: ResourceKey,
    item: InventoryUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    db, company_id = request.app.state.db, context.company_id
    number = number_of(db, company_id=company_id, internal_id=internal_id(inventoryID, what=ITEM.label))
    saved, ignored = ITEM.update(db, company_id=company_id, key=number, dto=item, if_match=if_match)
    return updated(row_version=saved.row_version, dto=item, ignored=ignored)


# One router of every route, in matching order: the fixed paths (`/itemClass`, `/itemPostClass`) before the
# item's `/{inventoryNumber}`. Its routes are its own, not included routers', so that the case-insensitive
# routing (`kit.routing`) sees their templates.
router = APIRouter(
    routes=[
        *resource_router(ITEM_CLASS, company_context).routes,
        *resource_router(POSTING_CLASS, company_context).routes,
        *extra.routes,
        *resource_router(ITEM, company_context).routes,
    ]
)
