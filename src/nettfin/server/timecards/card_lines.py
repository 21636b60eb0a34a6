"""A time card's lines: the `summary` (minutes per weekday, by earning type, project and task) and the
`materials` (quantities of items per weekday), changed by line operations, and the card's totals.

A line is named by its `lineNumber`: `Insert` adds it (the next free number when none is given), `Update` and
`Delete` need one that is on the card, and a line without an operation updates the line it names or is
inserted when there is none. Times are whole minutes; a day holds at most 24 hours across the summary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session, object_session

from ..db.base import utcnow
from ..db.types import MONEY_LIMIT
from ..inventory.models import InventoryItem
from ..kit import messages
from ..kit.checks import fits_column
from ..kit.lines import LineBook, apply_line_operations
from ..kit.records import find_by_code
from ..projects.lookup import check_project
from .earnings import REGULAR
from .models import WEEKDAYS, EarningType, TimeCard, TimeCardMaterial, TimeCardSummary

MINUTES_PER_DAY = 24 * 60
DAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
# Wire name -> (column, label in messages).
_TEXTS = {
    "project": ("project", "Project"),
    "projectTask": ("project_task", "Project task"),
    "description": ("description", "Description"),
}
_MATERIAL_TEXTS = {**_TEXTS, "uoM": ("uom", "UoM")}


@dataclass(frozen=True)
class Totals:
    """The card's header: regular and overtime minutes, all and invoiceable."""

    time_spent: int
    invoiceable: int
    overtime_spent: int
    invoiceable_overtime: int


def apply_summary(session: Session, card: TimeCard, sent: list[dict], types: dict[str, EarningType]) -> list[str]:
    def apply(line: TimeCardSummary, values: dict) -> list[str]:
        return _apply_summary_line(line, values, types) + _project_problems(session, card.company_id, line, values)

    def new(number: int) -> TimeCardSummary:
        return TimeCardSummary(company_id=card.company_id, line_number=number)

    return _apply_operations(card, card.summary, sent, "summary", new, apply)


def apply_materials(session: Session, card: TimeCard, sent: list[dict]) -> list[str]:
    def apply(line: TimeCardMaterial, values: dict) -> list[str]:
        problems = _apply_material_line(session, card.company_id, line, values)
        return problems + _project_problems(session, card.company_id, line, values)

    def new(number: int) -> TimeCardMaterial:
        return TimeCardMaterial(company_id=card.company_id, line_number=number)

    return _apply_operations(card, card.materials, sent, "materials", new, apply)


def day_problems(card: TimeCard) -> list[str]:
    problems = []
    for day in WEEKDAYS:
        total = sum(getattr(line, day) or 0 for line in card.summary)
        if total > MINUTES_PER_DAY:
            problems.append(
                f"The time reported for {DAY_NAMES[day]} is {total} minutes; a day has at most "
                f"{MINUTES_PER_DAY} minutes (24 hours)."
            )
    return problems


def copy_lines(original: TimeCard, card: TimeCard) -> None:
    """A correction starts as a copy of the card it corrects."""
    for line in original.summary:
        copy = TimeCardSummary(
            company_id=card.company_id,
            line_number=line.line_number,
            earning_type=line.earning_type,
            project=line.project,
            project_task=line.project_task,
            invoiceable=line.invoiceable,
            description=line.description,
            last_modified_at=line.last_modified_at,
            **{day: getattr(line, day) for day in WEEKDAYS},
        )
        card.summary.append(copy)
    for line in original.materials:
        copy = TimeCardMaterial(
            company_id=card.company_id,
            line_number=line.line_number,
            item_id=line.item_id,
            description=line.description,
            uom=line.uom,
            project=line.project,
            project_task=line.project_task,
            last_modified_at=line.last_modified_at,
            **{day: getattr(line, day) for day in WEEKDAYS},
        )
        card.materials.append(copy)


def line_minutes(line: TimeCardSummary) -> int:
    return sum(getattr(line, day) or 0 for day in WEEKDAYS)


def line_quantity(line: TimeCardMaterial) -> Decimal:
    return sum((getattr(line, day) or Decimal(0) for day in WEEKDAYS), Decimal(0))


def totals(card: TimeCard) -> Totals:
    regular = [line for line in card.summary if not line.earning_type.is_overtime]
    overtime = [line for line in card.summary if line.earning_type.is_overtime]
    return Totals(
        time_spent=sum(map(line_minutes, regular)),
        invoiceable=sum(line_minutes(line) for line in regular if line.invoiceable),
        overtime_spent=sum(map(line_minutes, overtime)),
        invoiceable_overtime=sum(line_minutes(line) for line in overtime if line.invoiceable),
    )


def _apply_operations(
    card: TimeCard, lines: list, sent: list[dict], name: str, new_line: Callable[[int], object], apply_line: Callable
) -> list[str]:
    """The summary or material lines after a body's operations (kit/lines.py's rules)."""

    def create(number: int):
        line = new_line(number)
        lines.append(line)
        return line

    def apply(line, values: dict, _place: str, _inserting: bool) -> list[str]:
        line.last_modified_at = utcnow()
        return apply_line(line, values)

    book = LineBook(
        collection=name,
        noun="time card",
        number=lambda line: line.line_number,
        renumber=lambda line, number: setattr(line, "line_number", number),
        create=create,
        remove=lines.remove,
        apply=apply,
        session=object_session(card),
    )
    return apply_line_operations(book, lines, sent)


def _project_problems(session: Session, company_id: int, line, values: dict) -> list[str]:
    """A line's project and task, when the change names either: an active project and one of its tasks."""
    if "project" not in values and "projectTask" not in values:
        return []
    return check_project(session, company_id, line.project, line.project_task)[1]


def _apply_summary_line(line: TimeCardSummary, values: dict, types: dict[str, EarningType]) -> list[str]:
    problems = _apply_texts(line, values, _TEXTS)
    inserting = line.id is None and line.earning_type is None
    if "earningType" in values or inserting:
        code = (values.get("earningType") or "").strip() or REGULAR
        found = types.get(code)
        if found is None:
            problems.append(messages.cannot_be_found("Earning type", code))
        elif not found.is_active:
            problems.append(f"Earning type '{code}' is inactive.")
        else:
            line.earning_type = found
            if "invoiceable" not in values and inserting:
                line.invoiceable = found.is_billable
    if "invoiceable" in values:
        line.invoiceable = bool(values["invoiceable"])
    for day in WEEKDAYS:
        if day in values:
            minutes = values[day] or 0
            if not 0 <= minutes <= MINUTES_PER_DAY:
                problems.append(f"'{day.capitalize()}' must be between 0 and {MINUTES_PER_DAY} minutes, not {minutes}.")
            else:
                setattr(line, day, minutes)
        elif getattr(line, day) is None:
            setattr(line, day, 0)
    return problems


def _apply_material_line(session: Session, company_id: int, line: TimeCardMaterial, values: dict) -> list[str]:
    problems = _apply_texts(line, values, _MATERIAL_TEXTS)
    if "itemId" in values or line.item_id is None:
        code = (values.get("itemId") or "").strip()
        item = find_by_code(session, InventoryItem, InventoryItem.number, company_id, code) if code else None
        if not code:
            problems.append("'Item ID' cannot be empty.")
        elif item is None:
            problems.append(messages.cannot_be_found("Item", code))
        else:
            line.item_id = item.number
            if "uoM" not in values:
                line.uom = item.base_unit
            if "description" not in values:
                line.description = item.description
    for day in WEEKDAYS:
        if day in values:
            quantity = values[day] or Decimal(0)
            if not 0 <= quantity < MONEY_LIMIT:
                problems.append(f"'{day.capitalize()}' must be at least 0 and below {MONEY_LIMIT:,}, not {quantity}.")
            else:
                setattr(line, day, quantity)
        elif getattr(line, day) is None:
            setattr(line, day, Decimal(0))
    return problems


def _apply_texts(line: object, values: dict, texts: dict[str, tuple[str, str]]) -> list[str]:
    problems = []
    table = type(line).__table__
    for wire, (attr, label) in texts.items():
        if wire not in values:
            continue
        value = (values[wire] or "").strip() or None
        problem = fits_column(table.c[attr], value, label)
        if problem:
            problems.append(problem)
        else:
            setattr(line, attr, value)
    return problems
