"""The project and task a document line names, checked against the company's records: the one check journal
transactions, supplier and customer invoice lines and time cards make (what they import of projects).

The non-project code `X` (and no code) is no project. Another code must name a project of the company that is
active and not on hold; a task, when given, must be an active task of that project. The problems are the
service's texts, naming the field as the document labels it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..kit import messages
from .models import Project, ProjectTask

# Visma's non-project code: what lines without a project carry.
NON_PROJECT = "X"
ACTIVE = "Active"


@dataclass(frozen=True)
class ProjectRefs:
    """The rows a line's project and task codes name (None: no project, or no task)."""

    project_id: int | None = None
    task_id: int | None = None


NO_PROJECT = ProjectRefs()


def is_non_project(code: str | None) -> bool:
    code = (code or "").strip()
    return not code or code.upper() == NON_PROJECT


def check_project(
    session: Session,
    company_id: int,
    project: str | None,
    task: str | None = None,
    *,
    project_label: str = "Project",
    task_label: str = "Project task",
) -> tuple[ProjectRefs, list[str]]:
    """The rows the codes name, and every problem with them (the refs are NO_PROJECT when there is one)."""
    project, task = (project or "").strip(), (task or "").strip()
    if is_non_project(project):
        return NO_PROJECT, [messages.cannot_be_found(task_label, task)] if task else []
    found = session.scalars(select(Project).where(Project.company_id == company_id, Project.project_cd == project))
    record = found.first()
    if record is None:
        return NO_PROJECT, [messages.cannot_be_found(project_label, project)]
    problems = [] if record.status == ACTIVE and not record.hold else [messages.inactive(project_label, project)]
    task_id = None
    if task:
        statement = select(ProjectTask).where(ProjectTask.project_id == record.id, ProjectTask.task_cd == task)
        found_task = session.scalars(statement).first()
        if found_task is None:
            problems.append(_missing_task(session, company_id, task, task_label, project_label, project))
        elif found_task.status != ACTIVE:
            problems.append(messages.inactive(task_label, task))
        else:
            task_id = found_task.id
    return (NO_PROJECT, problems) if problems else (ProjectRefs(record.id, task_id), [])


def _missing_task(
    session: Session, company_id: int, task: str, task_label: str, project_label: str, project: str
) -> str:
    """A task the project does not have: another project's is named so; one of no project cannot be found."""
    statement = select(ProjectTask.id).where(ProjectTask.company_id == company_id, ProjectTask.task_cd == task)
    if session.scalar(statement.limit(1)) is None:
        return messages.cannot_be_found(task_label, task)
    return f"{task_label} '{task}' is not a task of {project_label.lower()} '{project}'."


def project_codes(session: Session, project_id: int | None, task_id: int | None) -> tuple[str | None, str | None]:
    """The codes of a posted line's project and task (the non-project code for a line of none)."""
    if project_id is None:
        return NON_PROJECT, None
    project = session.get(Project, project_id)
    task = session.get(ProjectTask, task_id) if task_id is not None else None
    return project.project_cd, task.task_cd if task else None
