"""The inventory routes: the declared resources' (`items.ITEM`, `classes`) and the ones next to them, the item
class by its id, the item by its internal id and the action that changes an item's number. HTTP only.

No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations, and the item's write
DTO is made by its declaration.
"""

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.keys import ResourceKey
from ..kit.render import json_response
from ..kit.resource_routes import ByInternalId, KeyChange, internal_id_routes, key_change_route, resource_router
from .attachable import ITEMS  # noqa: F401 - registered: the items' upload path
from .classes import ITEM_CLASS, POSTING_CLASS
from .items import ITEM

extra = APIRouter(prefix="/v1/inventory", tags=["Inventory"])


@extra.get("/itemclass/{itemClassNumber}", response_model=ITEM_CLASS.read_model, summary=ITEM_CLASS.texts.get)
def get_item_class(
    request: Request, itemClassNumber: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    found = ITEM_CLASS.get(request.app.state.db, company_id=context.company_id, key=itemClassNumber)
    return json_response(ITEM_CLASS.render(found))


internal_id_routes(
    ITEM,
    company_context,
    extra,
    ByInternalId(
        get_param="inventoryId",
        put_param="inventoryID",
        get_summary="Get a specific Inventory item by its internal ID",
        put_summary="Update a specific inventory item by its internal ID",
    ),
)
key_change_route(
    ITEM,
    company_context,
    extra,
    KeyChange(
        action="changeInventoryNbr",
        field="inventoryNbr",
        dto="ChangeInventoryNbrActionDto",
        result_dto="ChangeInventoryNbrActionResultDto",
        summary="Updates the InventoryNbr for the specified Inventory",
    ),
)


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
