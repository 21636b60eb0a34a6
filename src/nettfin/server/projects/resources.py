"""Projects (PM301000), the projects' basic list and account groups (PM201000) as `kit.resource` declarations.

A project's tasks are its body's `tasks` (`tasks.py`, on kit.keyed_lines); its figures (`assets`, `liability`,
`income`, `expenses`) are what its posted journal lines come to on the accounts of each type of account group
(`figures.py`). The write DTO names some members otherwise than the read one (`restricEmployees`,
`automaticReleaseArDoc`), as the real documents do: those are a write-only and a read-only member each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import create_model
from sqlalchemy.orm import selectinload

from ..kit import messages
from ..kit.records import RecordKey
from ..kit.render import format_date
from ..kit.resource import (
    ERROR_INFO,
    LAST_MODIFIED,
    PUBLIC_ID,
    TIME_STAMP,
    Computed,
    DateTimeText,
    Equals,
    GreaterThan,
    Ignored,
    Member,
    ModifiedSince,
    Reference,
    Resource,
    Scalar,
    Texts,
    Writing,
)
from ..kit.wire import Value
from ..receivables.models import Customer
from .figures import load_figures
from .models import Project, ProjectAccountGroup
from .schemas import BillingPeriod, ProjectStatus, TaskUpdateDto, VisibilityUpdateDto
from .tasks import TASK, apply_tasks, read_visibility, visibility_shape, write_visibility


@dataclass(frozen=True)
class DateMember(Member):
    """A date written as `{"value": "2026-01-01T00:00:00"}` and read as `2026-01-01T00:00:00`."""

    wire: str
    attr: str
    description: str = ""

    def schema(self) -> Any:
        return DateTimeText

    def read(self, record: Any) -> Any:
        return format_date(getattr(record, self.attr))

    def write_schema(self) -> Any:
        return Value[datetime]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        setattr(record, self.attr, value.date() if isinstance(value, datetime) else None)
        return []


@dataclass(frozen=True)
class Choice(Member):
    """An enum member: cleared to `cleared`."""

    wire: str
    attr: str
    kind: Any
    cleared: Any = None
    description: str = ""

    def schema(self) -> Any:
        return self.kind

    def read(self, record: Any) -> Any:
        return getattr(record, self.attr)

    def write_schema(self) -> Any:
        return Value[self.kind]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        setattr(record, self.attr, str(value) if value is not None else self.cleared)
        return []


@dataclass(frozen=True)
class Visibility(Member):
    """`visibility`: every module's flag; a body changes the flags it sends."""

    wire: str
    shape: str
    description: str = "The modules the project can be used in."

    def schema(self) -> Any:
        return visibility_shape(self.shape)

    def read(self, record: Any) -> Any:
        return read_visibility(record.visibility)

    def write_schema(self) -> Any:
        return VisibilityUpdateDto

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        record.visibility = write_visibility(record.visibility, value or {})
        return []


@dataclass(frozen=True)
class Tasks(Member):
    """`tasks`: read as the project's tasks; written as line operations on them, each naming its task by taskId."""

    wire: str = "tasks"
    description: str = "The project's tasks."

    def schema(self) -> Any:
        return list[TASK.read_model]

    def read(self, project: Project) -> Any:
        return [TASK.render(task) for task in project.tasks]

    def write_schema(self) -> Any:
        return list[TaskUpdateDto]

    def write(self, writing: Writing, project: Project, value: Any) -> list[str]:
        return apply_tasks(writing.session, project, value or [])


def _written(wire: str, attr: str, label: str, kind: Any = bool) -> Scalar:
    """A member the write DTO names otherwise than the read one."""
    return Scalar(wire, attr, label, kind, readable=False, cleared=False)


def _customer(shape: str) -> Reference:
    model = create_model(shape, number=(str | None, None), name=(str | None, None))
    return Reference(
        "customer",
        "customer",
        "Customer",
        Customer.number,
        model,
        lambda customer: {"number": customer.number, "name": customer.name},
        "The customer the project is for.",
    )


def _check(writing: Writing, project: Project) -> list[str]:
    """What a project must have after the body's changes."""
    problems = []
    if not (project.description or "").strip():
        problems.append(messages.cannot_be_empty("Description"))
    if project.start_date is None:
        problems.append(messages.cannot_be_empty("Start date"))
    if project.end_date is not None and project.start_date is not None and project.end_date < project.start_date:
        problems.append("The end date cannot be earlier than the start date.")
    return problems


def _figure(name: str, description: str) -> Computed:
    return Computed(name, float, lambda project: getattr(project, "figures", {}).get(name, 0.0), description)


_INTERNAL_ID = Computed("internalID", int, lambda project: project.id, "The project's internal id.")
_PROJECT_ID = Computed("projectID", str, lambda project: project.project_cd, "The project's ID.")
_STATUS = Choice("status", "status", ProjectStatus, "Planned", "Planned, Active, Completed, Cancelled, OnHold.")
_DESCRIPTION = Scalar("description", "description", "Description", cleared="", description="The project's name.")
_START = DateMember("startDate", "start_date", "When the project starts.")
_END = DateMember("endDate", "end_date", "When the project ends.")
_AUTO_ALLOCATE = Computed("autoAllocate", bool, lambda project: project.auto_allocate)
_RELEASE_AR = Computed("automaticReleaseAr", bool, lambda project: project.automatic_release_ar)

PROJECT = Resource(
    name="project",
    model=Project,
    path="/v1/project",
    tag="Project",
    label="Project",
    key=RecordKey("projectID", Project.project_cd, "Project ID"),
    key_wrapped=True,
    members=(
        _INTERNAL_ID,
        _PROJECT_ID,
        _customer("customerInProjectDto"),
        Scalar("hold", "hold", "Hold", bool, cleared=False, description="The project is on hold."),
        _STATUS,
        _DESCRIPTION,
        _figure("assets", "The project's posted amounts on asset account groups."),
        _figure("liability", "The project's posted amounts on liability account groups."),
        _figure("income", "The project's posted amounts on income account groups."),
        _figure("expenses", "The project's posted amounts on expense account groups."),
        _START,
        _END,
        Computed("restrictEmployees", bool, lambda project: project.restrict_employees),
        Computed("restrictEquipment", bool, lambda project: project.restrict_equipment),
        Visibility("visibility", "visibilityInProjectDto"),
        Choice("billingPeriod", "billing_period", BillingPeriod),
        _AUTO_ALLOCATE,
        _RELEASE_AR,
        LAST_MODIFIED,
        Tasks(),
        PUBLIC_ID,
        Computed("systemTemplate", bool, lambda project: False),
        TIME_STAMP,
        Scalar("note", "note", "Note", description="The note on the project."),
        _written("autoAllocate", "auto_allocate", "Run allocation"),
        _written("automaticReleaseArDoc", "automatic_release_ar", "Automatically release AR documents"),
        _written("restricEmployees", "restrict_employees", "Restrict employees"),
        _written("restricEquipment", "restrict_equipment", "Restrict equipment"),
    ),
    texts=Texts(
        list="Get a range of Projects - ScreenId=PM301000",
        get="Get a specific Project",
        create="Create a Project",
        update="Update a specific Project",
        key="Identifies the Project",
    ),
    dto="ProjectDto",
    write_dto="ProjectUpdateDto",
    filters=(
        Equals("status", "status", ProjectStatus),
        Ignored(order_by=False),
        ModifiedSince(),
    ),
    load=(selectinload(Project.customer), selectinload(Project.tasks)),
    check=_check,
    prepare=lambda session, company_id, projects, view: load_figures(session, projects),
)

PROJECT_BASIC = Resource(
    name="project",
    model=Project,
    path="/v1/projectbasic",
    tag="ProjectBasic",
    label="Project",
    key=RecordKey("projectID", Project.project_cd, "Project ID"),
    members=(
        _INTERNAL_ID,
        _PROJECT_ID,
        _customer("customerInProjectBasicDto"),
        Computed("hold", bool, lambda project: project.hold),
        Computed("status", ProjectStatus, lambda project: project.status),
        Computed("description", str, lambda project: project.description or None),
        Computed("startDate", DateTimeText, lambda project: format_date(project.start_date)),
        Computed("endDate", DateTimeText, lambda project: format_date(project.end_date)),
        _AUTO_ALLOCATE,
        _RELEASE_AR,
        LAST_MODIFIED,
        PUBLIC_ID,
        TIME_STAMP,
        Computed(
            "visibility",
            visibility_shape("visibilityInProjectBasicDto"),
            lambda project: read_visibility(project.visibility),
        ),
    ),
    texts=Texts(list="Get a range of Projects with basic information - ScreenId=PM301000", get=""),
    dto="ProjectBasicDto",
    filters=(
        Equals("status", "status", ProjectStatus),
        Equals("description", "description"),
        Equals("projectId", "project_cd"),
        GreaterThan(),
        Ignored(order_by=False),
        ModifiedSince(),
    ),
    operations=frozenset({"list"}),
    load=(selectinload(Project.customer),),
)

ACCOUNT_GROUP = Resource(
    name="project_account_group",
    model=ProjectAccountGroup,
    path="/v1/projectaccountgroup",
    tag="ProjectAccountGroup",
    label="Account group",
    key=RecordKey("accountGroupId", ProjectAccountGroup.group_cd, "Account group ID"),
    members=(
        Computed("accountGroupId", str, lambda group: group.group_cd, "The account group's ID."),
        Computed("active", bool, lambda group: group.active, "The account group is active."),
        Computed("description", str, lambda group: group.description or None),
        ERROR_INFO,
    ),
    texts=Texts(
        list="Get a range of Account Groups - ScreenId=PM201000",
        get="Get a specific Account Group",
        key="Identifies the account group",
    ),
    dto="ProjectAccountGroupDto",
    filters=(GreaterThan(), Ignored(order_by=False), ModifiedSince()),
    operations=frozenset({"list", "get"}),
)
