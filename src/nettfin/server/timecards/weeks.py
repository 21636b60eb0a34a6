"""ISO weeks as time cards name them: `YYYYWW` (202415 is the week of Monday 8 April 2024)."""

from __future__ import annotations

import re
from datetime import date, timedelta

_WEEK = re.compile(r"^\s*(\d{4})(\d{2})\s*$")
WEEK_FORMAT = "YYYYWW, an ISO week (01 to 52, or 53 in the years that have one)"


def parse_week(text: str) -> int | None:
    """The week as the integer YYYYWW, or None when the text names no ISO week."""
    match = _WEEK.match(text or "")
    if not match:
        return None
    year, week = int(match[1]), int(match[2])
    if not 1 <= week <= weeks_in(year):
        return None
    return year * 100 + week


def weeks_in(year: int) -> int:
    # 28 December is always in the last ISO week of its year.
    return date(year, 12, 28).isocalendar().week


def monday_of(week: int) -> date:
    return date.fromisocalendar(week // 100, week % 100, 1)


def week_of(day: date) -> int:
    year, week, _ = day.isocalendar()
    return year * 100 + week


def next_week(week: int) -> int:
    return week_of(monday_of(week) + timedelta(days=7))


def week_number(week: int) -> str:
    return f"{week:06d}"


def week_description(week: int) -> str:
    """`15-2024 (08.04.2024 - 14.04.2024)`: the week, its year, and its Monday and Sunday."""
    monday = monday_of(week)
    sunday = monday + timedelta(days=6)
    return f"{week % 100:02d}-{week // 100} ({monday:%d.%m.%Y} - {sunday:%d.%m.%Y})"
