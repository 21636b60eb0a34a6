"""List filters beyond `kit.resource`'s own: a date filter on any stamp, a filter on whether a link is set, a
text search, a member of a JSON column, parameters accepted and not applied, and a parameter that changes what
is rendered rather than which records are found."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func

from .conditions import condition_description, date_condition, value_description
from .resource import Filter, Resource, _query


def query_parameter(name: str, kind: Any, **options: Any) -> inspect.Parameter:
    """A query parameter of a filter (`Filter.parameters`): optional, keyword-only, `Query` options as given."""
    return _query(name, kind, **options)


@dataclass(frozen=True)
class DateSince(Filter):
    """`<name>` with `<name>Condition` on the record's `attr` stamp (`createdDateTime` on `created_at`);
    `ModifiedSince` is this on the last change."""

    name: str
    attr: str

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [
            _query(self.name, str | None, description=value_description(self.name)),
            _query(f"{self.name}Condition", str | None, description=condition_description(self.name)),
        ]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        bound = date_condition(self.name, values[self.name], values[f"{self.name}Condition"])
        return [bound.apply(getattr(resource.model, self.attr))] if bound else []


@dataclass(frozen=True)
class IsSet(Filter):
    """`<param>=true`: records whose `attr` is set; `false`: those whose `attr` is not (`linkedToUser`)."""

    param: str
    attr: str
    description: str = ""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [_query(self.param, bool | None, description=self.description or None)]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        value = values[self.param]
        if value is None:
            return []
        column = getattr(resource.model, self.attr)
        return [column.is_not(None) if value else column.is_(None)]


@dataclass(frozen=True)
class Shows(Filter):
    """`<param>` sent (true, or a text that is not blank) sets the render flag `view`: it changes what the
    records render, not which are found. `Flag` is the case where the flag is named as the parameter; a list
    and a single GET may set different flags from the same parameter."""

    param: str
    view: str
    kind: Any = bool
    description: str = ""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [_query(self.param, self.kind | None, description=self.description or None)]

    def flags(self, values: Mapping[str, Any]) -> set[str]:
        value = values[self.param]
        return {self.view} if (value.strip() if isinstance(value, str) else value) else set()


@dataclass(frozen=True)
class Contains(Filter):
    """`<param>=<text>`: records whose `attr` contains the text, case-insensitively (`name`)."""

    param: str
    attr: str
    description: str = ""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [_query(self.param, str | None, description=self.description or None)]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        value = values[self.param]
        return [getattr(resource.model, self.attr).icontains(value, autoescape=True)] if value else []


@dataclass(frozen=True)
class MemberEquals(Filter):
    """`<param>=<value>`: records whose JSON column `attr` has `member` equal to it (a main contact's phone);
    `folded`: compared case-insensitively (an e-mail address)."""

    param: str
    attr: str
    member: str
    folded: bool = False
    description: str = ""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [_query(self.param, str | None, description=self.description or None)]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        value = values[self.param]
        if not value:
            return []
        stored = getattr(resource.model, self.attr)[self.member].as_string()
        return [func.lower(stored) == value.lower()] if self.folded else [stored == value]


@dataclass(frozen=True)
class Accepted(Filter):
    """Query parameters the real document lists and nettfin accepts without applying them (`attributes`,
    `expandPaymentMethods`): `(name, type)` pairs."""

    names: tuple[tuple[str, Any], ...]
    description: str = ""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [_query(name, kind | None, description=self.description or None) for name, kind in self.names]
