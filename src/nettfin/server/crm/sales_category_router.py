"""Sales category endpoints (`/v1/salescategory`, IN204100): HTTP only; the use cases are
crm/sales_categories.py."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..inventory.categories import Categories, categories_from
from ..inventory.items import ITEM
from ..kit.keys import ResourceKey
from ..kit.render import json_response
from . import sales_categories
from .schemas import SalesCategoryDto

# An item's `salesCategories` and the item list's `salesCategory` filter read the categories kept here.
categories_from(Categories(sales_categories.item_categories, sales_categories.holding))

router = APIRouter(prefix="/v1/salescategory", tags=["SalesCategory"])


@router.get(
    "",
    response_model=list[SalesCategoryDto],
    summary="Get all sales categories - ScreenId=IN204100",
    description="Not paged: the tree's top categories (`parentID` 0), each with its sub-categories nested.",
)
def list_categories(request: Request, context: CompanyContext = Depends(company_context)) -> Response:
    return json_response(sales_categories.list_categories(request.app.state.db, company_id=context.company_id))


@router.get(
    "/{categoryId}",
    response_model=SalesCategoryDto,
    summary="Get a specific sales category - ScreenId=IN204100",
    description="The category with its sub-categories nested.",
)
def get_category(
    request: Request, categoryId: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    found = sales_categories.get_category(request.app.state.db, company_id=context.company_id, category_id=categoryId)
    return json_response(found)


@router.get(
    "/{categoryId}/item",
    response_model=list[ITEM.read_model],
    summary="Get the items in a specific sales category - ScreenId=IN204100",
    description="Not paged; in item number order, as the inventory list renders them.",
)
def list_category_items(
    request: Request, categoryId: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    found = sales_categories.category_items(request.app.state.db, company_id=context.company_id, category_id=categoryId)
    return json_response(found)
