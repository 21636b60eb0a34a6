"""Tasks on their own (`/v1/projecttask`): the list's declaration, and a task's get, create (on a project named by
its internal id) and update by its internal id, with the project's task rules (`tasks.apply_task`)."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.checks import INT32_MAX
from ..kit.errors import NotFound, record_errors
from ..kit.filters import query_parameter
from ..kit.records import RecordKey
from ..kit.resource import Equals, Filter, Ignored, ModifiedSince, Resource, Texts
from ..kit.responses import check_if_match
from ..kit.wire import WireModel
from .models import Project, ProjectTask
from .schemas import TaskStatus
from .tasks import TASK_EXTENDED_MEMBERS, apply_task, key_problems, task_key


@dataclass(frozen=True)
class OfProject(Filter):
    """`projectId` and `projectInternalId`: the tasks of one project."""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [
            query_parameter("projectId", str | None, description="The tasks of the project with this ID."),
            query_parameter(
                "projectInternalId",
                int | None,
                ge=0,
                le=INT32_MAX,
                description="The tasks of the project with this internal id.",
            ),
        ]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        conditions = []
        code = (values["projectId"] or "").strip()
        if code:
            conditions.append(ProjectTask.project_id.in_(select(Project.id).where(Project.project_cd == code)))
        if values["projectInternalId"] is not None:
            conditions.append(ProjectTask.project_id == values["projectInternalId"])
        return conditions


TASKS = Resource(
    name="project",
    model=ProjectTask,
    path="/v1/projecttask",
    tag="ProjectTask",
    label="Task",
    key=RecordKey("taskId", ProjectTask.task_cd, "Task ID"),
    members=TASK_EXTENDED_MEMBERS,
    texts=Texts(list="Get all project tasks for one project", get="Get project task information by internal id"),
    dto="TaskExtendedDto",
    filters=(
        OfProject(),
        Equals("taskCd", "task_cd"),
        Equals("description", "description"),
        Equals("status", "status", TaskStatus),
        Ignored(order_by=False),
        ModifiedSince(),
    ),
    paged=False,
    operations=frozenset({"list"}),
)
ENTITY = "task"
RECORD = "Project Task"


def get_task(db: Database, *, company_id: int, internal_id: int) -> ProjectTask:
    with db.reading() as session:
        return _find(session, company_id, internal_id)


def create_task(db: Database, *, company_id: int, project_internal_id: int, dto: WireModel) -> ProjectTask:
    """A new task of the project an internal id names: its taskId must be sent and free on the project."""
    changes = dto.changes()
    with db.writing() as session:
        project = session.scalars(
            select(Project).where(Project.company_id == company_id, Project.id == project_internal_id)
        ).first()
        if project is None:
            raise NotFound(messages.not_found("Project", str(project_internal_id)))
        task_id = task_key(changes)
        problems = [messages.cannot_be_empty("Task ID")] if task_id is None else key_problems(task_id)
        if task_id and any(task.task_cd == task_id for task in project.tasks):
            problems.append(messages.already_exists("Task ID", task_id))
        task = ProjectTask(company_id=company_id, task_cd=task_id or "", status="Planned", description="")
        with session.no_autoflush:
            problems += apply_task(task, changes, inserting=True)
        if problems:
            raise record_errors(action="inserting", entity=ENTITY, record=RECORD, errors=problems)
        project.tasks.append(task)
        _touch(session, company_id, project)
        session.flush()
        return task


def update_task(
    db: Database, *, company_id: int, internal_id: int, dto: WireModel, if_match: str | None
) -> ProjectTask:
    """The task after the body's changes; a taskId sent renames it, if the project has no task of that ID."""
    changes = dto.changes()
    with db.writing() as session:
        task = _find(session, company_id, internal_id, for_update=True)
        check_if_match(if_match, task.row_version)
        problems = []
        new_id = task_key(changes)
        if new_id is not None and new_id != task.task_cd:
            problems += key_problems(new_id)
            if any(other.task_cd == new_id for other in task.project.tasks):
                problems.append(messages.already_exists("Task ID", new_id))
            task.task_cd = new_id
        with session.no_autoflush:
            problems += apply_task(task, changes, inserting=False)
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        _touch(session, company_id, task.project)
        task.last_modified_at = utcnow()
        session.flush()
        return task


def _touch(session: Session, company_id: int, project: Project) -> None:
    project.last_modified_at = utcnow()
    bump_version(session, company_id=company_id, resource="project")


def _find(session: Session, company_id: int, internal_id: int, *, for_update: bool = False) -> ProjectTask:
    statement = select(ProjectTask).where(ProjectTask.company_id == company_id, ProjectTask.id == internal_id)
    if for_update:
        statement = statement.with_for_update(of=ProjectTask)
    task = session.scalars(statement).first()
    if task is None:
        raise NotFound(messages.not_found("Task", str(internal_id)))
    return task
