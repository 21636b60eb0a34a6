"""Dates and financial period ids as documents write them: `YYYYPP` (`financialPeriod`, `periodId`) and, on
`postPeriod`, month then year (`MMYYYY`, the seed's `"112019"` and the real documents' "Format MMYYYY");
document dates as .NET `DateTime`s (`2019-11-08T00:00:00`, `2019-12-27T09:46:11.202Z`) or plain dates."""

from __future__ import annotations

import re
from datetime import date

from ..kit.errors import BusinessError
from ..kit.wire import EARLIEST_DATE, LATEST_DATE, date_range_problem

_SIX_DIGITS = re.compile(r"^\d{6}$")
_PERIOD_PARAMETER = re.compile(r"^\d{4}(0[1-9]|1[0-2])$")
_PLAIN_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WIRE_DATE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d{1,7})?)?"
    r"(?:Z|(?P<sign>[+-])(?P<offset_hours>\d{2}):?(?P<offset_minutes>\d{2}))?)?$"
)


def parse_wire_date(text: str | None, *, label: str) -> tuple[date | None, list[str]]:
    """The calendar date a document date names, as written (a time or offset does not move it to another day);
    the time and offset, when given, must be real ones."""
    value = (text or "").strip()
    if not value:
        return None, []
    match = _WIRE_DATE.match(value)
    try:
        if match is None or not _real_time(match):
            raise ValueError(value)
        day = date.fromisoformat(match["date"])
    except ValueError:
        return None, [f"'{label}' '{text}' is not a date: write it as yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss."]
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        return None, [f"'{label}' '{text}' is out of range: it {date_range_problem()}."]
    return day, []


def _real_time(match: re.Match) -> bool:
    hour, minute, second = (int(match[name] or 0) for name in ("hour", "minute", "second"))
    offset_hours, offset_minutes = int(match["offset_hours"] or 0), int(match["offset_minutes"] or 0)
    # UTC offsets in use run from -12:00 to +14:00.
    return hour < 24 and minute < 60 and second < 60 and offset_hours <= 14 and offset_minutes < 60


def period_of(day: date) -> str:
    """The monthly period (`YYYYPP`) a date falls in."""
    return f"{day.year:04d}{day.month:02d}"


def as_month_year(period_id: str) -> str:
    """`201911` -> `112019`."""
    return f"{period_id[4:]}{period_id[:4]}"


def parse_period(text: str | None, *, label: str, month_first: bool) -> tuple[str | None, list[str]]:
    """A period the client sent, as `YYYYPP`, or the problem with it.

    `month_first` reads `postPeriod` (`MMYYYY`); a `YYYYPP` value is accepted there too, since the two
    cannot be confused: no year before 1300 is a financial year.
    """
    value = (text or "").strip()
    if not value:
        return None, []
    if _SIX_DIGITS.match(value):
        head, tail = value[:2], value[2:]
        if month_first and 1 <= int(head) <= 12:
            value = f"{tail}{head}"
        if 1 <= int(value[4:]) <= 12 and int(value[:4]) >= 1300:
            return value, []
    accepted = "MMYYYY (as 112019) or YYYYPP (as 201911)" if month_first else "YYYYPP (as 201911)"
    return None, [f"'{label}' '{text}' is not a financial period: write it as {accepted}."]


def period_parameter(parameter: str, text: str | None) -> str | None:
    """A query parameter naming a financial period, `YYYYPP`; a 400 naming the parameter when it is not one."""
    if text is None or not text.strip():
        return None
    value = text.strip()
    if not _PERIOD_PARAMETER.match(value):
        raise BusinessError(
            f"The value '{text}' of parameter '{parameter}' is not a financial period: write it as YYYYPP."
        )
    return value


def date_parameter(parameter: str, text: str | None) -> date | None:
    """A query parameter naming a day, `YYYY-MM-DD`; a 400 naming the parameter when it is not one."""
    if text is None or not text.strip():
        return None
    value = text.strip()
    try:
        if _PLAIN_DATE.match(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise BusinessError(f"The value '{text}' of parameter '{parameter}' is not a date: write it as YYYY-MM-DD.")
