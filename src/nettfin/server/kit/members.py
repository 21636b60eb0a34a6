"""Member kinds beyond `kit.resource`'s: nested objects and lists of objects (a VAT's rate schedule, a VAT
category's lines), each made of members as a resource is; an address; a column read as stored.

A `Shape` is such an object: its DTO (named as the real document names it) and its renderer, which leaves out
the members without a value as `Resource.render` does. `Nested` reads one object, `Objects` a list of them;
both take a `Shape` or a whole `Resource` (a VAT lists its zones as `/v1/vatZone` renders them), so one DTO
class serves every place the document uses it. `Address` is the address kept as a JSON document that master
data has (read as `AddressDto`, written as a PATCH of its members). `Attribute` reads a column as stored, an
empty text included, for read-only records whose bodies have always carried it so; `id_and_description`
is the pair of them a class or a VAT zone has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from pydantic import BaseModel, Field, create_model

from .resource import Member, _field_name, readers, render_members

NO_VIEW: frozenset[str] = frozenset()


class Renders(Protocol):
    """What `Nested` and `Objects` render through: a `Shape`, or a `Resource`."""

    read_model: type[BaseModel]

    def render(self, record: Any, view: frozenset[str] | None = None) -> dict: ...


class Shape:
    """An object of a DTO, made of members: `read_model` is its DTO, `render` writes one."""

    def __init__(self, name: str, members: tuple[Member, ...]) -> None:
        read = [m for m in members if m.schema() is not None]
        fields: dict[str, Any] = {_field_name(m.wire): _field(m) for m in read}
        self.read_model: type[BaseModel] = create_model(name, **fields)
        self._readers = readers(read)

    def render(self, record: Any, view: frozenset[str] | None = None) -> dict:
        """The object's members that have a value; `view` holds the flags sent (None: none)."""
        return render_members(self._readers, record, NO_VIEW if view is None else view)


def _field(member: Member) -> tuple[Any, Any]:
    alias = member.wire if _field_name(member.wire) != member.wire else None
    return member.schema() | None, Field(None, alias=alias, description=member.description or None)


@dataclass(frozen=True)
class Nested(Member):
    """One object rendered through `shape` from what `source` gives (the record itself by default; None: the
    member has no value)."""

    wire: str
    shape: Renders
    source: Callable[[Any], Any] = field(default=lambda record: record)
    description: str = ""
    viewed: bool = True
    compact: ClassVar[bool] = True  # rendered by its shape's members, each compacted

    def schema(self) -> Any:
        return self.shape.read_model

    def read(self, record: Any, view: frozenset[str] | None = None) -> Any:
        found = self.source(record)
        return None if found is None else self.shape.render(found, view)


@dataclass(frozen=True)
class Objects(Member):
    """A list of objects, each rendered through `shape`, from what `items` gives. No items is `[]`, which the
    service sends as it is; `items` giving None means the member has no value (a list the request did not
    ask to expand)."""

    wire: str
    shape: Renders
    items: Callable[[Any], Iterable[Any] | None]
    description: str = ""
    viewed: bool = True
    compact: ClassVar[bool] = True  # rendered by its shape's members, each compacted

    def schema(self) -> Any:
        return list[self.shape.read_model]

    def read(self, record: Any, view: frozenset[str] | None = None) -> Any:
        items = self.items(record)
        return None if items is None else [self.shape.render(item, view) for item in items]


@dataclass(frozen=True)
class Attribute(Member):
    """A read-only column as stored: an empty text stays `""` (a `Scalar` reads it as no value)."""

    wire: str
    attr: str
    kind: Any = str
    description: str = ""

    def schema(self) -> Any:
        return self.kind

    def read(self, record: Any) -> Any:
        return getattr(record, self.attr)


def id_and_description(attr: str, id_description: str = "") -> tuple[Attribute, Attribute]:
    """`id` (the code in the column `attr`) and `description`, as stored: what a class (customer, supplier,
    item and posting classes) or a VAT zone shows side by side."""
    return Attribute("id", attr, description=id_description), Attribute("description", "description")
