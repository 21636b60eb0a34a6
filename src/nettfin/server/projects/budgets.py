"""Project budget lines (the project's Budget tab, `/v1/projectbudget`): a project's amounts and quantities for one
task and account group (and item), with what the project's posted lines on that task and group came to
(`actualAmount`, `actualQty`).

The list is a read-only declaration; a POST adds a line, refusing an unknown project, a task of another project,
an unknown or inactive account group and a line the project already has."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from fastapi import Query
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.checks import fits_column
from ..kit.errors import record_errors
from ..kit.records import RecordKey
from ..kit.resource import ERROR_INFO, Computed, Filter, ModifiedSince, Resource, Texts
from ..kit.wire import WireModel
from .figures import posted_by_group, signed
from .models import Project, ProjectAccountGroup, ProjectBudget, ProjectTask


@dataclass(frozen=True)
class OfProjectCode(Filter):
    """`project`: the lines of the project with this ID."""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        default = Query(None, description="The budget lines of the project with this ID.")
        return [inspect.Parameter("project", inspect.Parameter.KEYWORD_ONLY, default=default, annotation=str | None)]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        code = (values["project"] or "").strip()
        if not code:
            return []
        return [ProjectBudget.project_id.in_(select(Project.id).where(Project.project_cd == code))]


def _amount(attr: str) -> Any:
    return lambda line: float(getattr(line, attr))


def _actual(index: int) -> Any:
    return lambda line: float(getattr(line, "actuals", (Decimal(0), Decimal(0)))[index])


BUDGET = Resource(
    name="project_budget",
    model=ProjectBudget,
    path="/v1/projectbudget",
    tag="ProjectBudget",
    label="Project budget",
    key=RecordKey("projectID", ProjectBudget.id, "Project ID"),
    members=(
        Computed("projectID", str, lambda line: line.project.project_cd),
        Computed("projectTaskID", str, lambda line: line.task.task_cd),
        Computed("accountGroupID", str, lambda line: line.account_group.group_cd),
        Computed("inventoryNumber", str, lambda line: line.inventory_number or None),
        Computed("description", str, lambda line: line.description),
        Computed("uom", str, lambda line: line.uom),
        Computed("rate", float, _amount("rate")),
        Computed("originalBudgetQty", float, _amount("original_budget_qty")),
        Computed("originalBudgetAmount", float, _amount("original_budget_amount")),
        Computed("revisedBudgetQty", float, _amount("revised_budget_qty")),
        Computed("revisedBudgetAmount", float, _amount("revised_budget_amount")),
        Computed("actualQty", float, _actual(1)),
        Computed("actualAmount", float, _actual(0)),
        Computed("type", str, lambda line: line.account_group.group_type),
        ERROR_INFO,
    ),
    texts=Texts(list="Get a range of Project Budgets", get="", create="Create a Project Budget line"),
    dto="ProjectBudgetDto",
    filters=(OfProjectCode(), ModifiedSince()),
    operations=frozenset({"list"}),
    load=(
        selectinload(ProjectBudget.project),
        selectinload(ProjectBudget.task),
        selectinload(ProjectBudget.account_group),
    ),
    prepare=lambda session, company_id, lines, view: load_actuals(session, lines),
)


def load_actuals(session: Session, lines: list[ProjectBudget]) -> None:
    """Set each line's `actuals` (amount, quantity): its project's posted lines on its task and account group."""
    found: dict[tuple, tuple[Decimal, Decimal]] = {}
    if lines:
        for project, task, group, group_type, debit, credit, quantity in posted_by_group(
            session, sorted({line.project_id for line in lines})
        ):
            amount = signed(group_type, debit or Decimal(0), credit or Decimal(0))
            found[(project, task, group)] = (amount, quantity or Decimal(0))
    for line in lines:
        line.actuals = found.get((line.project_id, line.task_id, line.account_group_id), (Decimal(0), Decimal(0)))


_AMOUNTS = {
    "rate": "rate",
    "originalBudgetQty": "original_budget_qty",
    "originalBudgetAmount": "original_budget_amount",
    "revisedBudgetQty": "revised_budget_qty",
    "revisedBudgetAmount": "revised_budget_amount",
}
_TEXTS = {"description": ("description", "Description"), "uom": ("uom", "UoM")}
_COLUMNS = ProjectBudget.__table__.c


def create_budget_line(db: Database, *, company_id: int, dto: WireModel) -> ProjectBudget:
    """A new budget line; every problem at once, nothing written when there is one. A revised amount or quantity
    not sent is the original one."""
    changes = dto.changes()
    with db.writing() as session:
        line, problems = _line(session, company_id, changes)
        if problems:
            raise record_errors(action="inserting", entity="project budget", record="PMBudget", errors=problems)
        line.last_modified_at = utcnow()
        session.add(line)
        try:
            session.flush()
        except IntegrityError:
            raise record_errors(
                action="inserting", entity="project budget", record="PMBudget", errors=[_duplicate(line)]
            ) from None
        bump_version(session, company_id=company_id, resource=BUDGET.name)
        return line


def _line(session: Session, company_id: int, changes: dict) -> tuple[ProjectBudget, list[str]]:
    problems: list[str] = []
    line = ProjectBudget(company_id=company_id, inventory_number="")
    project_cd = (changes.get("projectID") or "").strip()
    task_cd = (changes.get("projectTaskID") or "").strip()
    group_cd = (changes.get("accountGroupID") or "").strip()
    project = None
    if not project_cd:
        problems.append(messages.cannot_be_empty("Project"))
    else:
        project = session.scalars(
            select(Project).where(Project.company_id == company_id, Project.project_cd == project_cd)
        ).first()
        problems += [] if project else [messages.cannot_be_found("Project", project_cd)]
    if not task_cd:
        problems.append(messages.cannot_be_empty("Project task"))
    elif project is not None:
        task = session.scalars(
            select(ProjectTask).where(ProjectTask.project_id == project.id, ProjectTask.task_cd == task_cd)
        ).first()
        if task is None:
            problems.append(f"Project task '{task_cd}' is not a task of project '{project_cd}'.")
        else:
            line.task = task
    if not group_cd:
        problems.append(messages.cannot_be_empty("Account group"))
    else:
        group = session.scalars(
            select(ProjectAccountGroup).where(
                ProjectAccountGroup.company_id == company_id, ProjectAccountGroup.group_cd == group_cd
            )
        ).first()
        if group is None:
            problems.append(messages.cannot_be_found("Account group", group_cd))
        elif not group.active:
            problems.append(messages.inactive("Account group", group_cd))
        else:
            line.account_group = group
    if project is not None:
        line.project = project
    item = (changes.get("inventoryNumber") or "").strip()
    problem = fits_column(_COLUMNS.inventory_number, item, "Inventory ID")
    problems += [problem] if problem else []
    line.inventory_number = item
    for wire, (attr, label) in _TEXTS.items():
        text = (changes.get(wire) or "").strip() or None
        problem = fits_column(_COLUMNS[attr], text, label)
        problems += [problem] if problem else []
        setattr(line, attr, text)
    for wire, attr in _AMOUNTS.items():
        value = changes.get(wire)
        if value is not None and value < 0 and wire != "rate":
            problems.append(f"'{wire}' cannot be less than 0.")
        setattr(line, attr, value if value is not None else Decimal(0))
    if changes.get("revisedBudgetAmount") is None:
        line.revised_budget_amount = line.original_budget_amount
    if changes.get("revisedBudgetQty") is None:
        line.revised_budget_qty = line.original_budget_qty
    if not problems and _exists(session, line):
        problems.append(_duplicate(line))
    return line, problems


def _exists(session: Session, line: ProjectBudget) -> bool:
    statement = select(ProjectBudget.id).where(
        ProjectBudget.project_id == line.project.id,
        ProjectBudget.task_id == line.task.id,
        ProjectBudget.account_group_id == line.account_group.id,
        ProjectBudget.inventory_number == line.inventory_number,
    )
    return session.scalar(statement) is not None


def _duplicate(line: ProjectBudget) -> str:
    return (
        f"The project '{line.project.project_cd}' already has a budget line for task '{line.task.task_cd}' and "
        f"account group '{line.account_group.group_cd}'."
    )
