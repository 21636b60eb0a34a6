"""An item's sales categories (the Attributes tab's grid, `salesCategories`, and the list's `salesCategory`
filter). crm keeps the categories and the items in each (IN204100); it registers how they are read
(`categories_from`), so inventory imports nothing of it. Until it has, no item is in a category."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import false
from sqlalchemy.orm import Session

from .models import InventoryItem


@dataclass(frozen=True)
class Categories:
    """`of(session, item ids)`: each item's categories as SalesCategoryLineDto has them, by the item's row id, in
    category order; `holding(category id)`: the condition on items that are in the category."""

    of: Callable[[Session, Sequence[int]], dict[int, list[dict]]]
    holding: Callable[[int], Any]


_keeper: list[Categories] = []
_LOADED = "_rendering_sales_categories"


def categories_from(keeper: Categories) -> None:
    _keeper[:] = [keeper]


def load_categories(session: Session, items: Sequence[InventoryItem]) -> None:
    """Load the items' categories for rendering, in one query."""
    found = _keeper[0].of(session, [item.id for item in items]) if _keeper and items else {}
    for item in items:
        setattr(item, _LOADED, found.get(item.id, []))


def item_categories(item: InventoryItem) -> list[dict]:
    return getattr(item, _LOADED, [])


def in_category(category_id: int) -> Any:
    return _keeper[0].holding(category_id) if _keeper else false()
