"""A project's tasks: how they read (`TaskDto` inside a project, `TaskExtendedDto` on their own), how a write body
changes one, and a project's `tasks` collection on `kit.keyed_lines` (each change names its task by `taskId`)."""

from __future__ import annotations

from datetime import datetime

from pydantic import create_model
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.clock import today
from ..kit import messages
from ..kit.checks import fits_column
from ..kit.keyed_lines import KeyedBook, apply_keyed_operations
from ..kit.members import Shape
from ..kit.render import format_date, format_datetime, time_stamp
from ..kit.resource import ByteText, Computed, DateTimeText
from ..kit.wire import LineOperation
from ..ledger.journal import JournalLine
from .models import Project, ProjectBudget, ProjectTask
from .schemas import MODULES, TaskStatus


def visibility_shape(name: str) -> type:
    return create_model(name, **{module: (bool | None, None) for module in MODULES})


def read_visibility(visibility: dict | None) -> dict:
    """Every module's flag: a module the record does not name sees it."""
    stored = visibility or {}
    return {module: bool(stored.get(module, True)) for module in MODULES}


def write_visibility(current: dict | None, change: dict) -> dict:
    merged = dict(current or {})
    merged.update({module: bool(value) for module, value in change.items() if module in MODULES})
    return merged


def _task_members(visibility_dto: str) -> tuple:
    visibility = visibility_shape(visibility_dto)
    return (
        Computed("taskId", str, lambda task: task.task_cd),
        Computed("description", str, lambda task: task.description or None),
        Computed("plannedStart", DateTimeText, lambda task: format_date(task.planned_start)),
        Computed("plannedEnd", DateTimeText, lambda task: format_date(task.planned_end)),
        Computed("startDate", DateTimeText, lambda task: format_date(task.start_date)),
        Computed("endDate", DateTimeText, lambda task: format_date(task.end_date)),
        Computed("status", TaskStatus, lambda task: task.status),
        Computed("restrictEmployees", bool, lambda task: task.restrict_employees),
        Computed("visibility", visibility, lambda task: read_visibility(task.visibility)),
        Computed("timeStamp", ByteText, lambda task: time_stamp(task.row_version)),
    )


# A task inside a project's DTO.
TASK = Shape("TaskDto", _task_members("VisibilityDto"))

# A task on its own: its ids and stamps, then the project's task members.
TASK_EXTENDED_MEMBERS = (
    Computed("internalId", int, lambda task: task.id),
    Computed("projectInternalId", int, lambda task: task.project_id),
    Computed("lastModifiedDateTime", DateTimeText, lambda task: format_datetime(task.last_modified_at)),
    Computed("createdDateTime", DateTimeText, lambda task: format_datetime(task.created_at)),
    *_task_members("visibilityInTaskExtendedDto"),
)

_DATES = {"plannedStart": "planned_start", "plannedEnd": "planned_end", "startDate": "start_date"}
_COLUMNS = ProjectTask.__table__.c


def apply_task(task: ProjectTask, change: dict, *, inserting: bool) -> list[str]:
    """A body's changes to one task (its `taskId` aside), and every problem with them."""
    problems: list[str] = []
    if "description" in change:
        text = (change["description"] or "").strip()
        problem = fits_column(_COLUMNS.description, text, "Description")
        problems += [problem] if problem else []
        task.description = text
    if inserting and not (task.description or "").strip():
        problems.append(messages.cannot_be_empty("Description"))
    for wire, attr in _DATES.items():
        if wire in change:
            value = change[wire]
            setattr(task, attr, value.date() if isinstance(value, datetime) else None)
    if "status" in change:
        status = str(change["status"] or TaskStatus.Planned)
        # Both spellings are accepted; the task keeps the one the service shows.
        task.status = "Cancelled" if status == "Canceled" else status
        if task.status == "Completed" and task.end_date is None:
            task.end_date = today()  # the company's calendar day (UTC), not the server's local one
    if "restrictEmployees" in change:
        task.restrict_employees = bool(change["restrictEmployees"])
    if change.get("visibility") is not None:
        task.visibility = write_visibility(task.visibility, change["visibility"])
    return problems


def task_key(change: dict) -> str | None:
    return (change.get("taskId") or "").strip() or None


def key_problems(task_id: str) -> list[str]:
    problem = fits_column(_COLUMNS.task_cd, task_id, "Task ID")
    return [problem] if problem else []


def apply_tasks(session: Session, project: Project, changes: list[dict]) -> list[str]:
    """A project body's `tasks`: insert, update or delete the tasks each change names by its taskId. A task that
    posted lines or budget lines refer to stays."""

    def create(task_id: str, replacing: ProjectTask | None) -> tuple[ProjectTask | None, list[str]]:
        if replacing is not None:
            project.tasks.append(replacing)
            return replacing, []
        problems = key_problems(task_id)
        if problems:
            return None, problems
        task = ProjectTask(company_id=project.company_id, task_cd=task_id, status="Planned", description="")
        project.tasks.append(task)
        return task, []

    def remove(task: ProjectTask) -> list[str]:
        if task.id is not None and task_in_use(session, task.id):
            return [f"Task '{task.task_cd}' cannot be deleted: transactions or budget lines refer to it."]
        project.tasks.remove(task)
        return []

    book: KeyedBook[ProjectTask, str] = KeyedBook(
        collection="tasks",
        where="on the project",
        key=task_key,
        no_key=messages.cannot_be_empty("Task ID"),
        row_key=lambda task: task.task_cd,
        name=lambda task_id: f"Task '{task_id}'",
        create=create,
        remove=remove,
        apply=lambda task, change, inserting: apply_task(task, change, inserting=inserting),
    )
    return _named_twice(changes) + apply_keyed_operations(book, list(project.tasks), changes)


def _named_twice(changes: list[dict]) -> list[str]:
    """A task a body inserts or updates twice: one change per task (a delete and an insert of it aside)."""
    seen: set[str] = set()
    problems = []
    for index, change in enumerate(changes):
        key = task_key(change)
        if key is None or change.get("operation") == LineOperation.Delete:
            continue
        if key in seen:
            problems.append(f"tasks[{index}]: Task '{key}' is named more than once in the body.")
        seen.add(key)
    return problems


def task_in_use(session: Session, task_id: int) -> bool:
    for column in (JournalLine.project_task_id, ProjectBudget.task_id):
        if session.scalar(select(column).where(column == task_id).limit(1)) is not None:
            return True
    return False
