"""Attributes (CS205000) as the API serves them: `/v1/attribute` list, get, create, update and delete.

The resource is a `kit.resource` declaration: the key is the client's (`attributeID`), the list is paged and
takes the real document's filters. A combo attribute's values (`details`) are keyed lines named by their value
id (`kit.keyed_lines`); only a `Combo` or `MultiSelectCombo` attribute has them. nettfin's customers,
suppliers and items carry no attribute values yet (their `attributes` read empty), so an attribute is referred
to by nothing and deleting one never has to be refused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..identity.auth import company_context
from ..kit import messages
from ..kit.checks import fits_column
from ..kit.filters import DateSince
from ..kit.keyed_lines import apply_keyed_operations, list_book
from ..kit.records import RecordKey
from ..kit.render import format_datetime
from ..kit.resource import (
    ERROR_INFO,
    LAST_MODIFIED,
    Computed,
    DateTimeText,
    Equals,
    GreaterThan,
    Ignored,
    Member,
    ModifiedSince,
    Resource,
    Scalar,
    Texts,
    Writing,
)
from ..kit.resource_routes import resource_router
from ..kit.wire import LineOperation, Value, WireEnum, WireModel
from .models import COMBO_TYPES, Attribute, AttributeValue

INT16_MIN, INT16_MAX = -(2**15), 2**15 - 1


class ControlType(WireEnum):
    Text = "Text"
    Combo = "Combo"
    MultiSelectCombo = "MultiSelectCombo"
    Lookup = "Lookup"
    Checkbox = "Checkbox"
    Datetime = "Datetime"


class AttributeDetailDto(BaseModel):
    valueId: str | None = None
    description: str | None = None
    sortOrder: int | None = None
    disabled: bool | None = None


class AttributeDetailUpdateDto(WireModel):
    operation: LineOperation | None = None
    valueId: Value[str] | None = None
    description: Value[str] | None = None
    sortOrder: Value[int] | None = None
    disabled: Value[bool] | None = None


@dataclass(frozen=True)
class Details(Member):
    """`details`: the values a combo attribute offers, in sort order, each named by its `valueId`."""

    wire: str = "details"
    description: str = "The values of a Combo or MultiSelectCombo attribute."

    def schema(self) -> Any:
        return list[AttributeDetailDto]

    def read(self, record: Any) -> Any:
        return [
            {
                "valueId": value.value_id,
                "description": value.description or None,
                "sortOrder": value.sort_order,
                "disabled": value.disabled,
            }
            for value in record.details
        ]

    def write_schema(self) -> Any:
        return list[AttributeDetailUpdateDto]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        return apply_details(record, value or [])


def apply_details(attribute: Attribute, changes: list[dict]) -> list[str]:
    """Insert, update or delete the attribute's values (`kit.keyed_lines`)."""
    table = AttributeValue.__table__

    def make(value_id: str) -> tuple[AttributeValue | None, list[str]]:
        too_long = fits_column(table.c.value_id, value_id, "Value ID")
        return (None, [too_long]) if too_long else (AttributeValue(value_id=value_id, sort_order=0), [])

    def apply(value: AttributeValue, change: dict, inserting: bool) -> list[str]:
        problems = []
        if "description" in change:
            text = (change["description"] or "").strip()
            problem = fits_column(table.c.description, text, "Description")
            problems += [problem] if problem else []
            value.description = text
        if "sortOrder" in change:
            order = change["sortOrder"] or 0
            if not INT16_MIN <= order <= INT16_MAX:
                problems.append(
                    f"'Sort order' {order} is out of range: a sort order is from {INT16_MIN} to {INT16_MAX}."
                )
            value.sort_order = order
        if "disabled" in change:
            value.disabled = change["disabled"] is True
        return problems

    book = list_book(
        attribute.details,
        collection="details",
        where="on the attribute",
        key=lambda change: (change.get("valueId") or "").strip() or None,
        no_key=messages.cannot_be_empty("Value ID"),
        row_key=lambda value: value.value_id,
        name=lambda value_id: f"Value '{value_id}'",
        make=make,
        apply=apply,
    )
    return apply_keyed_operations(book, list(attribute.details), changes)


def check_attribute(writing: Writing, attribute: Attribute) -> list[str]:
    """An attribute has a description; only a combo attribute has values."""
    problems = [] if attribute.description else [messages.cannot_be_empty("Description")]
    if attribute.details and attribute.control_type not in COMBO_TYPES:
        problems.append(
            f"An attribute of control type {attribute.control_type} has no values: only a Combo or "
            "MultiSelectCombo attribute has details."
        )
    return problems


ATTRIBUTE = Resource(
    name="attribute",
    model=Attribute,
    path="/v1/attribute",
    tag="Attribute",
    label="Attribute",
    key=RecordKey("attributeID", Attribute.attribute_id, "Attribute ID"),
    members=(
        Computed("attributeID", str, lambda record: record.attribute_id, "Identifies the attribute."),
        Scalar("description", "description", "Description", cleared="", description="The attribute's name."),
        Scalar("controlType", "control_type", "Control type", kind=ControlType, required=True),
        Scalar("internal", "internal", "Internal", kind=bool, cleared=False),
        Scalar("entryMask", "entry_mask", "Entry mask"),
        Scalar("regExp", "reg_exp", "Reg. exp."),
        Details(),
        Computed("createdDateTime", DateTimeText, lambda record: format_datetime(record.created_at)),
        LAST_MODIFIED,
        ERROR_INFO,
    ),
    texts=Texts(
        list="Get a range of General ledger attributes - screen ID: CS205000.",
        get="Get specific Attribute",
        create="Creates an attribute",
        update="Updates an attribute",
        delete="Deletes an attribute",
        key="Identifies the attribute",
    ),
    dto="AttributeDto",
    write_dto="AttributeUpdateDto",
    filters=(
        Equals("attributeID", "attribute_id"),
        Equals("controlType", "control_type"),
        Equals("internal", "internal", bool),
        GreaterThan(),
        Ignored(order_by=False),
        ModifiedSince(),
        DateSince("createdDateTime", "created_at"),
    ),
    operations=frozenset({"list", "get", "create", "update", "delete"}),
    key_wrapped=True,
    key_param="attributeId",
    defaults={"control_type": "Text", "internal": False, "description": ""},
    check=check_attribute,
)

router = resource_router(ATTRIBUTE, company_context)
