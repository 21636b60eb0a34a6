"""The inventory item list's filters beyond the kit's (`kit.resource`): a cross-reference's alternate ID, a part
of the description, the item types, the date filters on creation, warehouse details and attachments, the
filters the service accepts for what nettfin does not serve yet, and the expand flags."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import Query
from sqlalchemy import exists

from ..attachments.models import Attachment, OwnerKind
from ..kit.checks import INT32_MAX
from ..kit.conditions import DateCondition, condition_description, date_condition, value_description
from ..kit.errors import BusinessError
from ..kit.resource import Filter, Resource
from .categories import in_category
from .models import InventoryItem, ItemCrossReference, ItemWarehouse
from .schemas import InventoryType


def _query(name: str, kind: Any, default: Any = None, **options: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=Query(default, **options), annotation=kind)


@dataclass(frozen=True)
class AlternateId(Filter):
    """`alternateID`: items with a cross-reference of this alternate ID (of any type)."""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [_query("alternateID", str | None, description="Items with a cross-reference of this alternate ID.")]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        value = values["alternateID"]
        if not value:
            return []
        named = (ItemCrossReference.item_id == InventoryItem.id) & (ItemCrossReference.alternate_id == value)
        return [exists().where(named)]


@dataclass(frozen=True)
class DescriptionContains(Filter):
    """`description`: a part of the description, case-insensitively."""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [_query("description", str | None, description="A part of the description, in any case.")]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        value = values["description"]
        return [InventoryItem.description.icontains(value, autoescape=True)] if value else []


@dataclass(frozen=True)
class InventoryTypes(Filter):
    """`inventoryTypes`: one or more item types, repeated or comma-separated; an unknown type is a 400 that lists
    the types."""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        note = "One or more types, repeated or comma-separated."
        return [_query("inventoryTypes", list[str] | None, description=note)]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        types = set()
        for text in (part.strip() for value in values["inventoryTypes"] or [] for part in value.split(",")):
            if not text:
                continue
            try:
                types.add(InventoryType(text).value)
            except ValueError:
                accepted = ", ".join(member.value for member in InventoryType)
                raise BusinessError(
                    f"The value '{text}' of parameter 'inventoryTypes' is not an inventory type. "
                    f"Accepted values: {accepted}."
                ) from None
        return [InventoryItem.item_type.in_(sorted(types))] if types else []


@dataclass(frozen=True)
class SalesCategory(Filter):
    """`salesCategory`: the items in the category of that id (`categories.py`)."""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        note = "The Category ID of a sales category: the items in it."
        return [_query("salesCategory", int | None, le=INT32_MAX, description=note)]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        return [] if values["salesCategory"] is None else [in_category(values["salesCategory"])]


@dataclass(frozen=True)
class Accepted(Filter):
    """A parameter the service takes for what nettfin does not serve yet: accepted and ignored."""

    param: str
    description: str

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [_query(self.param, str | None, description=self.description)]


@dataclass(frozen=True)
class DateFilter(Filter):
    """`<param>` with `<param>Condition`: the bound applied by `condition` (a column, or a related row's)."""

    param: str
    condition: Callable[[DateCondition], Any]
    note: str = ""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [
            _query(self.param, str | None, description=value_description(self.param, self.note)),
            _query(f"{self.param}Condition", str | None, description=condition_description(self.param)),
        ]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        bound = date_condition(self.param, values[self.param], values[f"{self.param}Condition"])
        return [self.condition(bound)] if bound else []


def created(bound: DateCondition) -> Any:
    return bound.apply(InventoryItem.created_at)


def warehouse_detail_changed(bound: DateCondition) -> Any:
    return exists().where(ItemWarehouse.item_id == InventoryItem.id, bound.apply(ItemWarehouse.last_modified_at))


def attachment_changed(bound: DateCondition) -> Any:
    attached = (Attachment.owner_kind == OwnerKind.INVENTORY_ITEM) & (Attachment.owner_id == InventoryItem.id)
    return exists().where(attached, bound.apply(Attachment.last_modified_at))


@dataclass(frozen=True)
class Expand(Filter):
    """`<param>=false` leaves out of a list the members declared `when=<param>`; as the real service's expand
    flags, it is true when not sent."""

    param: str

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        note = "True when left out; false leaves the member out of every element."
        return [_query(self.param, bool, default=True, description=note)]

    def flags(self, values: Mapping[str, Any]) -> set[str]:
        return {self.param} if values[self.param] else set()
