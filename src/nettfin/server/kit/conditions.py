"""Date filters with a condition (`lastModifiedDateTime=2020-03-01&lastModifiedDateTimeCondition=>=`)."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .errors import BusinessError

DATE_FORMATS = "Formats: yyyy-MM-dd[( |T)HH:mm:ss[.FFF]]"
CONDITION_VALUES = "one of >, <, >=, <= (URL-encoded: %3E, %3C, %3E%3D, %3C%3D)"
ACCEPTED_FORMATS = (
    "yyyy-MM-dd, yyyy-MM-dd HH:mm:ss, yyyy-MM-dd HH:mm:ss.FFF, yyyy-MM-ddTHH:mm:ss, yyyy-MM-ddTHH:mm:ss.FFF"
)
_DATETIME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})(?:[T ](?P<time>\d{2}:\d{2}:\d{2})(?:\.(?P<fraction>\d{1,7}))?)?$")
CONDITIONS: dict[str, Callable[[Any, Any], Any]] = {
    ">": operator.gt,
    "<": operator.lt,
    ">=": operator.ge,
    "<=": operator.le,
}


def value_description(parameter: str, note: str = "", *, formats: str = DATE_FORMATS) -> str:
    """The OpenAPI description of a filter value that only works with its condition, `<parameter>Condition`."""
    lead = f"{note.rstrip('.')}. " if note else ""
    return f"{lead}{formats}. Requires `{parameter}Condition`: send both or neither (400 otherwise)."


def condition_description(parameter: str) -> str:
    """The OpenAPI description of `<parameter>Condition`, which only works with `<parameter>`."""
    return (
        f"How `{parameter}` compares: {CONDITION_VALUES}. Requires `{parameter}`: send both or neither (400 otherwise)."
    )


@dataclass(frozen=True)
class DateCondition:
    """A bound like `>= 2020-03-01T00:00:00` to apply to a column."""

    parameter: str
    moment: datetime
    condition: str

    def apply(self, column):
        return CONDITIONS[self.condition](column, self.moment)


def parse_moment(parameter: str, text: str) -> datetime:
    """Parse one of the five formats the service accepts; times without an offset are UTC."""
    match = _DATETIME.match(text.strip())
    try:
        if not match:
            raise ValueError(text)
        fraction = (match["fraction"] or "").ljust(6, "0")[:6]
        moment = datetime.fromisoformat(f"{match['date']}T{match['time'] or '00:00:00'}.{fraction or '000000'}")
    except ValueError:
        raise BusinessError(
            f"The value '{text}' of parameter '{parameter}' is not a valid date. Accepted formats: {ACCEPTED_FORMATS}."
        ) from None
    return moment.replace(tzinfo=UTC)


def date_condition(parameter: str, value: str | None, condition: str | None) -> DateCondition | None:
    """Both halves or neither: the service treats the value and its condition as mutually inclusive."""
    condition_name = f"{parameter}Condition"
    if value is None and condition is None:
        return None
    if value is None:
        raise BusinessError(f"'{condition_name}' was given without '{parameter}'; send both or neither.")
    if condition is None:
        raise BusinessError(
            f"'{parameter}' was given without '{condition_name}'; send both, with a condition "
            "of >, <, >= or <= (URL-encoded)."
        )
    condition = condition.strip()
    if condition not in CONDITIONS:
        raise BusinessError(
            f"The value '{condition}' of parameter '{condition_name}' is not a valid condition. "
            "Accepted values: >, <, >=, <= (URL-encoded: %3E, %3C, %3E%3D, %3C%3D)."
        )
    return DateCondition(parameter, parse_moment(parameter, value), condition)
