"""The fixed asset lists' own filters: a related record's code (an asset's class, a transaction's asset or
account), a date bound (`fromDate`, `transactionToDate`) and a period bound (`fromPeriod`, YYYYMM)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_

from ..kit.conditions import parse_moment
from ..kit.errors import BusinessError
from ..kit.filters import query_parameter
from ..kit.resource import Filter, Resource

_PERIOD = re.compile(r"^\d{4}(0[1-9]|1[0-2])$")


def _given(values: Mapping[str, Any], name: str) -> str | None:
    value = values[name]
    return value.strip() or None if isinstance(value, str) else value


@dataclass(frozen=True)
class CodeOf(Filter):
    """`<param>=<code>`: records whose related records (`conditions(code)`, joined by OR) have the code."""

    param: str
    conditions_of: Callable[[str], tuple[Any, ...]]
    description: str = ""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [query_parameter(self.param, str | None, description=self.description or None)]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        code = _given(values, self.param)
        return [] if code is None else [or_(*self.conditions_of(code))]


@dataclass(frozen=True)
class DateBound(Filter):
    """`<param>=YYYY-MM-DD`: records whose date column `attr` is on or after it (`lower`) or on or before it."""

    param: str
    attr: str
    lower: bool
    description: str = ""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [query_parameter(self.param, str | None, description=self.description or None)]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        given = _given(values, self.param)
        if given is None:
            return []
        day = parse_moment(self.param, given).date()
        column = getattr(resource.model, self.attr)
        return [column >= day if self.lower else column <= day]


@dataclass(frozen=True)
class PeriodBound(Filter):
    """`<param>=YYYYMM`: records whose period is that one or after it (`lower`), or that one or before it."""

    param: str
    attr: str
    lower: bool
    description: str = ""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [query_parameter(self.param, str | None, description=self.description or None)]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        given = _given(values, self.param)
        if given is None:
            return []
        if not _PERIOD.match(given):
            raise BusinessError(
                f"The value '{given}' of parameter '{self.param}' is not a period. Accepted format: YYYYMM (as 202003)."
            )
        column = getattr(resource.model, self.attr)
        return [column >= given if self.lower else column <= given]
