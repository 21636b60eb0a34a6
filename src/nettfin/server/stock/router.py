"""The stock routes: an item's inventory summary (`/v1/inventorysummary/{inventoryNumber}`) and the item's
`updateCost` action, which applies its pending cost (`revaluation`). HTTP only.

No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations.
"""

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import select
from starlette.responses import Response

from ..db.clock import today
from ..identity.auth import CompanyContext, company_context
from ..inventory.models import InventoryItem
from ..kit import messages
from ..kit.actions import ActionResultDto, action_result
from ..kit.changes import bump_version
from ..kit.errors import NotFound
from ..kit.keys import ResourceKey
from ..kit.render import json_response
from .revaluation import apply_pending_cost
from .summary import InventorySummaryDto, summary

# The item declaration's data version (inventory.items.ITEM.name): an item's list pages are cached by it.
ITEM_RESOURCE = "inventory"

router = APIRouter()


class UpdateCostActionResultDto(ActionResultDto):
    pass


@router.get(
    "/v1/inventorysummary/{inventoryNumber}",
    tags=["InventorySummary"],
    response_model=list[InventorySummaryDto],
    summary="Get a range of InventorySummary - ScreenId=IN401000",
)
def get_inventory_summary(
    request: Request,
    inventoryNumber: ResourceKey,
    warehouse: str | None = Query(None, description="Only this warehouse's rows."),
    location: str | None = Query(None, description="Only this location's rows."),
    context: CompanyContext = Depends(company_context),
) -> Response:
    with request.app.state.db.reading() as session:
        rows = summary(
            session,
            context.company_id,
            inventoryNumber,
            warehouse=(warehouse or "").strip() or None,
            location=(location or "").strip() or None,
        )
    return json_response(rows)


@router.post(
    "/v1/inventory/{inventoryCd}/action/updateCost",
    tags=["Inventory"],
    response_model=UpdateCostActionResultDto,
    summary="Update Cost action on Non-Stock Item",
    description=(
        "Applies the item's pending cost as its current cost. Stock on hand of an item valued at standard cost is "
        "revalued at the new standard and the difference posted (inventory against standard cost revaluation)."
    ),
)
def update_cost(
    request: Request, inventoryCd: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    with request.app.state.db.writing() as session:
        item = session.scalars(
            select(InventoryItem).where(
                InventoryItem.company_id == context.company_id, InventoryItem.number == inventoryCd
            )
        ).first()
        if item is None:
            raise NotFound(messages.not_found("Inventory item", inventoryCd))
        if apply_pending_cost(session, context.company_id, item, today=today()) is not None:
            bump_version(session, company_id=context.company_id, resource=ITEM_RESOURCE)
        session.flush()
        version = item.row_version
    return action_result(version)
