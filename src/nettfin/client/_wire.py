"""The wire conventions on the client side: write bodies with every value wrapped as `{"value": ...}`, query
filters, path keys, and JSON with exact decimals."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from urllib.parse import unquote, urlsplit

from pydantic.alias_generators import to_camel

# Members the service reads without a `{"value": ...}` wrapper, wherever they appear (reference section 2.2).
PLAIN_NAMES = frozenset(
    {
        "overrideWithClassValues",
        "operation",
        "changeDatesOnLines",
        "timeStamp",
        "dimensionId",
        "segementId",  # sic: DtoSegmentUpdateDto spells it so
        "segmentId",
        "segmentValue",
    }
)
CONDITIONS = frozenset({">", "<", ">=", "<="})
_SAFE_KEY = re.compile(r"^[A-Za-z0-9._~-]+$")


class _Clear:
    def __repr__(self) -> str:
        return "CLEAR"


CLEAR: Any = _Clear()
"""Sent as `{"value": null}`: empties a field. (None means "not sent", so a PUT never blanks by accident.)"""


@dataclass(frozen=True)
class Plain:
    """A value sent exactly as given, without a `{"value": ...}` wrapper."""

    value: Any


class Holder:
    """A plain object whose members are wrapped (employee `contact`, inventory `packaging`, `linkLine`)."""

    def __init__(self, **members: Any) -> None:
        self.members = members

    def to_wire(self) -> dict:
        return wire_members(self.members)

    def __repr__(self) -> str:
        return f"Holder({self.members!r})"


class Update:
    """A create or update body: `Update(name="Acme AS", customerClassId="1", overrideWithClassValues=True)`.

    Every value is wrapped as `{"value": ...}`; a dict is a nested shape (an address, a contact), wrapped once
    more with its members wrapped; a list is a line collection (see `Line`) or segment list, sent as a list.
    A field not given, or given as None, is not sent at all, so a PUT never blanks what it did not mean to
    touch; `CLEAR` empties a field. `Plain(x)` sends x without a wrapper, `Holder(...)` a plain object with
    wrapped members; the members the service always reads plain (`overrideWithClassValues`, `operation`,
    segment ids and values, `timeStamp`) are sent plain without being asked.
    """

    def __init__(self, **fields: Any) -> None:
        self.fields = {name: value for name, value in fields.items() if value is not None}

    def set(self, **fields: Any) -> Update:
        """A copy with more fields (None leaves a field as it was)."""
        return Update(**{**self.fields, **{name: value for name, value in fields.items() if value is not None}})

    def to_wire(self) -> dict:
        return wire_members(self.fields)

    def __repr__(self) -> str:
        return f"Update({self.fields!r})"


class Line:
    """One element of a line collection, with its plain `operation`:
    `Line.insert(inventoryNumber="X1", quantity=2)`, `Line.update(1, quantity=3)`, `Line.delete(2)`."""

    def __init__(self, operation: str, **fields: Any) -> None:
        self.operation = operation
        self.fields = {name: value for name, value in fields.items() if value is not None}

    @classmethod
    def insert(cls, **fields: Any) -> Line:
        return cls("Insert", **fields)

    @classmethod
    def update(cls, line_number: int | None = None, **fields: Any) -> Line:
        return cls("Update", lineNumber=line_number, **fields)

    @classmethod
    def delete(cls, line_number: int | None = None, **fields: Any) -> Line:
        return cls("Delete", lineNumber=line_number, **fields)

    def to_wire(self) -> dict:
        return {"operation": self.operation, **wire_members(self.fields)}

    def __repr__(self) -> str:
        return f"Line({self.operation!r}, {self.fields!r})"


def segments(*values: str, first: int = 1) -> list[dict]:
    """A subaccount as its segment list: `segments("100", "20")` -> segment 1 is 100, segment 2 is 20.
    Segment ids start at 1."""
    return [{"segmentId": first + offset, "segmentValue": value} for offset, value in enumerate(values)]


def wire_members(members: Mapping[str, Any]) -> dict:
    return {name: _wire(name, value) for name, value in members.items() if value is not None}


def _wire(name: str, value: Any) -> Any:
    if isinstance(value, Plain):
        return value.value
    if value is CLEAR:
        return {"value": None}
    if name in PLAIN_NAMES:
        return scalar(value)
    if isinstance(value, Update | Holder | Line):
        return value.to_wire()
    if isinstance(value, Mapping):
        return {"value": wire_members(value)}
    if isinstance(value, list | tuple):
        return [_element(element) for element in value]
    return {"value": scalar(value)}


def _element(element: Any) -> Any:
    if isinstance(element, Update | Holder | Line):
        return element.to_wire()
    if isinstance(element, Plain):
        return element.value
    if isinstance(element, Mapping):
        return wire_members(element)
    return scalar(element)


def scalar(value: Any) -> Any:
    """A Python value as the service reads it: enums by value, datetimes in UTC without an offset."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def format_datetime(moment: datetime) -> str:
    """`yyyy-MM-ddTHH:mm:ss[.fff]`, one of the five formats the service accepts; aware values become UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    return f"{text}.{moment.microsecond // 1000:03d}" if moment.microsecond else text


# --- queries and keys ----------------------------------------------------------------------------------


def wire_name(name: str) -> str:
    """`last_modified_date_time` -> `lastModifiedDateTime`; names without underscores are kept as given."""
    return to_camel(name) if "_" in name else name


def query_params(filters: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Filters as query parameters. `(">=", value)` sets a filter and its `...Condition` partner; a list
    repeats the parameter; booleans are `true`/`false`."""
    params: list[tuple[str, str]] = []
    for name, value in filters.items():
        if value is None:
            continue
        wire = wire_name(name)
        if isinstance(value, tuple) and len(value) == 2 and value[0] in CONDITIONS:
            params += [(wire, _query_value(value[1])), (f"{wire}Condition", value[0])]
        elif isinstance(value, list | tuple | set | frozenset):
            params += [(wire, _query_value(item)) for item in value]
        else:
            params.append((wire, _query_value(value)))
    return params


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(scalar(value))


def key_path(key: Any) -> str:
    """A key as path segments; a tuple is a composite key (`("CreditAdj", "000123")`). A key with characters
    that are not safe in a path is sent as `b64(<base64url>)`, which the service accepts since 8.19."""
    parts: Iterable[Any] = key if isinstance(key, tuple) else (key,)
    return "/".join(_key_segment(str(part)) for part in parts)


def _key_segment(text: str) -> str:
    if not text:
        raise ValueError("a key cannot be empty")
    if _SAFE_KEY.match(text) and text not in (".", ".."):
        return text
    return "b64(" + base64.urlsafe_b64encode(text.encode()).decode().rstrip("=") + ")"


def key_from_location(location: str) -> str:
    """The new record's key: the last path segment of `Location`, decoded."""
    segment = unquote(urlsplit(location).path.rstrip("/").rsplit("/", 1)[-1])
    if segment.startswith("b64(") and segment.endswith(")"):
        encoded = segment[4:-1]
        return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    return segment


# --- JSON ---------------------------------------------------------------------------------------------------


def loads(text: str | bytes) -> Any:
    """JSON with numbers that have a fraction as exact Decimals (`1234.7700` stays 1234.7700)."""
    return json.loads(text, parse_float=Decimal)


def dumps(value: Any, indent: int | None = None, _level: int = 0) -> str:
    """JSON with Decimals written exactly, as numbers; `indent` pretty-prints."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} cannot be sent as a JSON number")
        return format(value, "f")
    if isinstance(value, Enum | date):
        return dumps(scalar(value))
    if isinstance(value, Mapping):
        parts = [
            f"{json.dumps(str(k), ensure_ascii=False)}:{_space(indent)}{dumps(v, indent, _level + 1)}"
            for k, v in value.items()
        ]
        return _join("{", parts, "}", indent, _level)
    if isinstance(value, list | tuple):
        return _join("[", [dumps(item, indent, _level + 1) for item in value], "]", indent, _level)
    return json.dumps(value, ensure_ascii=False)


def _space(indent: int | None) -> str:
    return "" if indent is None else " "


def _join(opening: str, parts: list[str], closing: str, indent: int | None, level: int) -> str:
    if indent is None or not parts:
        return opening + ",".join(parts) + closing
    inner, outer = "\n" + " " * indent * (level + 1), "\n" + " " * indent * level
    return opening + inner + f",{inner}".join(parts) + outer + closing
