"""The write side of the wire: `{"value": ...}` wrappers, PATCH semantics, tolerant names and enums.

Visma.net update DTOs wrap every scalar as `{"value": ...}`; nested objects are wrapped once more and their
members are wrapped too. A field that is absent (or JSON null) leaves the stored value untouched;
`{"value": null}` clears it. Property names and enum values bind case-insensitively, as ASP.NET's JSON
binder does. Unknown properties are ignored, as the real service ignores them, and collected so the
response can name them (`X-Nettfin-Ignored-Fields`).
"""

from __future__ import annotations

import weakref
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .checks import INT32_MAX

T = TypeVar("T")

# The most lines (or other items) one collection of a write body may hold. The real service publishes no
# limit; past a few thousand lines a document takes seconds to write and holds the database's write lock
# that long, so a larger import is sent in parts (POST, then PUT with line operations).
MAX_LINES_PER_REQUEST = 5000
# The dates the ERP's date columns hold (SQL Server smalldatetime): a date outside them is a client's mistake,
# and a date near the ends of Python's range would overflow when terms or periods are added to it.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2079, 6, 6)


def within_limits(value: Any) -> Any:
    """A parsed write value, if the service can hold it: 32-bit integers, dates it stores, bounded lists."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        if not -INT32_MAX - 1 <= value <= INT32_MAX:
            raise PydanticCustomError(
                "int32_range", "must be an integer from {low} to {high}", {"low": -INT32_MAX - 1, "high": INT32_MAX}
            )
    elif isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            raise PydanticCustomError("date_range", date_range_problem())
    elif isinstance(value, list) and len(value) > MAX_LINES_PER_REQUEST:
        raise PydanticCustomError(
            "too_many_lines",
            "holds {count} items; at most {limit} are accepted in one request: send the rest in a PUT with "
            "line operations",
            {"count": len(value), "limit": MAX_LINES_PER_REQUEST},
        )
    return value


def date_range_problem() -> str:
    return f"must be a date from {EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}"


class WireEnum(StrEnum):
    """An enum whose values bind case-insensitively (`open` binds `Open`)."""

    @classmethod
    def _missing_(cls, value: object):
        if isinstance(value, str):
            folded = value.casefold()
            for member in cls:
                if member.value.casefold() == folded:
                    return member
        return None


def _fold_keys(model: type[BaseModel], data: Any) -> Any:
    """Rename keys that match a field name case-insensitively to the field's own spelling."""
    if not isinstance(data, dict):
        return data
    spelled, names = _field_names(model)
    if all(key in spelled for key in data):  # as the model spells them, the usual case
        return data
    return {names.get(key.casefold(), key) if isinstance(key, str) else key: v for key, v in data.items()}


def _field_names(model: type[BaseModel]) -> tuple[frozenset[str], dict[str, str]]:
    """The model's field names, and each by its case-folded spelling: read once per model, not per object (a
    supplier invoice's body folded some hundred names for its header and again for each line)."""
    found = _FIELD_NAMES.get(model)
    if found is None:
        found = _FIELD_NAMES[model] = frozenset(model.model_fields), {n.casefold(): n for n in model.model_fields}
    return found


_FIELD_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class WireModel(BaseModel):
    """Base of every update DTO and nested update holder."""

    model_config = ConfigDict(extra="allow", use_enum_values=False)

    @model_validator(mode="before")
    @classmethod
    def _case_insensitive_names(cls, data: Any) -> Any:
        return _fold_keys(cls, data)

    @field_validator("*", mode="after")
    @classmethod
    def _within_limits(cls, value: Any) -> Any:
        return within_limits(value)

    def changes(self) -> dict[str, Any]:
        """The fields the client sent, unwrapped; nested holders become dicts of their own changes."""
        result: dict[str, Any] = {}
        for name in self.model_fields_set:
            if name not in type(self).model_fields:
                continue
            field = getattr(self, name)
            if field is None:
                continue
            result[name] = _unwrap(field)
        return result

    def ignored_fields(self, prefix: str = "") -> list[str]:
        ignored = [f"{prefix}{key}" for key in (self.model_extra or {})]
        for name in self.model_fields_set:
            inner = getattr(self, name, None)
            if isinstance(inner, Value):
                inner = inner.value
            for item in inner if isinstance(inner, list) else [inner]:
                if isinstance(item, WireModel):
                    ignored.extend(item.ignored_fields(f"{prefix}{name}."))
        return sorted(ignored)


def _unwrap(field: Any) -> Any:
    if isinstance(field, Value):
        field = field.value
    if isinstance(field, WireModel):
        return field.changes()
    if isinstance(field, list):
        return [_unwrap(item) for item in field]
    return field


class Value(BaseModel, Generic[T]):
    """`{"value": ...}`; `{"value": null}` means "clear this field"."""

    model_config = ConfigDict(extra="ignore")

    value: T | None

    @model_validator(mode="before")
    @classmethod
    def _require_wrapper(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            given = "null" if data is None else type(data).__name__
            raise PydanticCustomError("value_wrapper", f'must be wrapped as {{"value": ...}}, got a {given}')
        lowered = {k.casefold(): v for k, v in data.items() if isinstance(k, str)}
        if "value" not in lowered:
            raise PydanticCustomError("value_wrapper", 'must be wrapped as {"value": ...}; "value" is missing')
        return {"value": lowered["value"]}

    @field_validator("value", mode="after")
    @classmethod
    def _within_limits(cls, value: Any) -> Any:
        return within_limits(value)


class LineOperation(WireEnum):
    """The plain (unwrapped) `operation` of a line in a write body's line collection."""

    Insert = "Insert"
    Update = "Update"
    Delete = "Delete"
