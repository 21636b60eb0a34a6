"""Sales categories (IN204100): the company's tree of categories, read-only as the document has it, and the
items in each. The list is the tree's top categories, each with its sub-categories nested; a category is read
with its sub-tree. `add_category` makes one (the demo's). An item's categories (`item_categories`) and the
items in a category (`holding`) are what inventory's items read (the sales category router registers them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..inventory.items import ITEM
from ..inventory.models import InventoryItem
from ..kit import messages
from ..kit.errors import NotFound
from ..kit.resource import Criteria
from .models import SalesCategory, SalesCategoryItem

LABEL = "Sales category"


def list_categories(db: Database, *, company_id: int) -> list[dict]:
    with db.reading() as session:
        tree = _tree(session, company_id)
        return [_dto(c, tree) for c in tree.get(None, [])]


def get_category(db: Database, *, company_id: int, category_id: str) -> dict:
    with db.reading() as session:
        found = _find(session, company_id, category_id)
        return _dto(found, _tree(session, company_id))


def category_items(db: Database, *, company_id: int, category_id: str) -> list[dict]:
    """The items in the category, in item number order, as the inventory list renders them."""
    with db.reading() as session:
        found = _find(session, company_id, category_id)
    criteria = Criteria(conditions=(holding(found.category_id),), signature=("sales category", found.id))
    rows, _ = ITEM.records(db, company_id=company_id, criteria=criteria, page=None)
    return [ITEM.render(row, criteria.view) for row in rows]


def item_categories(session: Session, item_ids: Sequence[int]) -> dict[int, list[dict]]:
    """Each item's categories (SalesCategoryLineDto), by the item's row id, in the tree's order."""
    found: dict[int, list[dict]] = {}
    rows = session.execute(
        select(SalesCategoryItem.item_id, SalesCategory.category_id, SalesCategory.description)
        .join(SalesCategory, SalesCategory.id == SalesCategoryItem.category_id)
        .where(SalesCategoryItem.item_id.in_(list(item_ids)))
        .order_by(SalesCategory.sort_order, SalesCategory.category_id)
    )
    for item_id, category_id, description in rows:
        found.setdefault(item_id, []).append({"categoryId": category_id, "description": description})
    return found


def holding(category_id: int) -> Any:
    """The condition on items that are in the category of that id (any company's: the item list is one's)."""
    in_category = (
        select(SalesCategoryItem.item_id)
        .join(SalesCategory, SalesCategory.id == SalesCategoryItem.category_id)
        .where(SalesCategory.category_id == category_id)
    )
    return InventoryItem.id.in_(in_category)


def _find(session: Session, company_id: int, category_id: str) -> SalesCategory:
    text = category_id.strip()
    found = None
    if text.lstrip("-").isdigit() and len(text) <= 10:
        found = session.scalars(
            select(SalesCategory).where(SalesCategory.company_id == company_id, SalesCategory.category_id == int(text))
        ).first()
    if found is None:
        raise NotFound(messages.not_found(LABEL, category_id))
    return found


def _tree(session: Session, company_id: int) -> dict[int | None, list[SalesCategory]]:
    children: dict[int | None, list[SalesCategory]] = {}
    for category in session.scalars(
        select(SalesCategory)
        .where(SalesCategory.company_id == company_id)
        .order_by(SalesCategory.sort_order, SalesCategory.category_id)
    ):
        children.setdefault(category.parent_id, []).append(category)
    return children


def _dto(category: SalesCategory, tree: dict[int | None, list[SalesCategory]], parent: int | None = None) -> dict:
    parent_id = parent
    if parent_id is None and category.parent_id is not None:
        parent_id = next(c.category_id for kids in tree.values() for c in kids if c.id == category.parent_id)
    return {
        "categoryID": category.category_id,
        "description": category.description,
        "parentID": parent_id if parent_id is not None else 0,
        "sortOrder": category.sort_order,
        "subCategories": [_dto(c, tree, category.category_id) for c in tree.get(category.id, [])],
    }


def add_category(
    session: Session,
    company_id: int,
    *,
    category_id: int,
    description: str,
    parent: SalesCategory | None = None,
    sort_order: int = 0,
    items: tuple[InventoryItem, ...] = (),
) -> SalesCategory:
    category = SalesCategory(
        company_id=company_id,
        category_id=category_id,
        description=description,
        parent_id=parent.id if parent else None,
        sort_order=sort_order,
    )
    session.add(category)
    session.flush()
    session.add_all(SalesCategoryItem(category_id=category.id, item_id=item.id) for item in items)
    session.flush()
    return category
