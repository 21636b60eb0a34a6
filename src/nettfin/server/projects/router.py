"""The projects' routes: `/v1/project` (the declaration's, by internal id, the ID change and the tasks list),
`/v1/projectbasic`, `/v1/projecttask`, `/v1/projectaccountgroup`, `/v1/projectbudget` and `/v1/projecttransaction`."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.keys import ResourceKey, internal_id
from ..kit.render import json_response
from ..kit.resource import Criteria
from ..kit.resource_bodies import resource_json
from ..kit.resource_routes import (
    ByInternalId,
    KeyChange,
    criteria_dependency,
    internal_id_routes,
    key_change_route,
    resource_router,
)
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from . import task_service, transactions
from .budgets import BUDGET
from .budgets import create_budget_line as create_budget_line_in
from .resources import ACCOUNT_GROUP, PROJECT, PROJECT_BASIC
from .schemas import ProjectBudgetUpdateDto, ProjectTaskUpdateDto, ProjectTransactionDocumentUpdateDto
from .task_service import TASKS

TaskList = list[TASKS.read_model]  # type: ignore[name-defined]
_task_criteria = criteria_dependency(TASKS)


def _tasks(request: Request, context: CompanyContext, criteria: Criteria) -> Response:
    rows, _ = TASKS.records(request.app.state.db, company_id=context.company_id, criteria=criteria, page=None)
    return resource_json(TASKS.read_model, [TASKS.render(row) for row in rows])


# The project's routes the declaration does not make; they come before its `/{projectID}`.
extra = APIRouter(prefix=PROJECT.path, tags=[PROJECT.tag])


@extra.get("/tasks", response_model=TaskList, summary="Get all project tasks for one project")
def list_project_tasks(
    request: Request,
    context: CompanyContext = Depends(company_context),
    criteria: Criteria = Depends(_task_criteria),
) -> Response:
    return _tasks(request, context, criteria)


internal_id_routes(
    PROJECT,
    company_context,
    extra,
    ByInternalId(
        get_param="internalID",
        put_param="internalId",
        get_summary="Get a specific Project by its internal id",
        put_summary="Update a specific Project by its internal id",
    ),
)
key_change_route(
    PROJECT,
    company_context,
    extra,
    KeyChange(
        action="changeProjectId",
        field="projectId",
        dto="ChangeProjectIdActionDto",
        result_dto="ChangeProjectIdActionResultDto",
        summary="Changes the ID of a Project",
    ),
)

tasks = APIRouter(prefix="/v1/projecttask", tags=["ProjectTask"])


def _number(param: str, what: str):
    async def parse(raw: str = Path(alias=param)) -> int:
        return internal_id(raw, what=what)

    return parse


@tasks.get("", response_model=TaskList, summary="Get all project tasks for one project")
def list_tasks(
    request: Request,
    context: CompanyContext = Depends(company_context),
    criteria: Criteria = Depends(_task_criteria),
) -> Response:
    return _tasks(request, context, criteria)


@tasks.get("/{internalId}", response_model=TASKS.read_model, summary="Get project task information by internal id")
def get_task(
    request: Request,
    number: int = Depends(_number("internalId", "Task")),
    context: CompanyContext = Depends(company_context),
) -> Response:
    task = task_service.get_task(request.app.state.db, company_id=context.company_id, internal_id=number)
    return resource_json(TASKS.read_model, TASKS.render(task), headers=etag_header(task.row_version))


@tasks.post(
    "/{internalId}",
    status_code=201,
    response_class=Response,
    responses=CREATED_RESPONSE,
    summary="Create a Task",
    description="Adds a task to the project with this internal id; 201 with the new task's internal id in Location.",
)
def create_task(
    request: Request,
    body: ProjectTaskUpdateDto,
    number: int = Depends(_number("internalId", "Project")),
    context: CompanyContext = Depends(company_context),
) -> Response:
    task = task_service.create_task(
        request.app.state.db, company_id=context.company_id, project_internal_id=number, dto=body
    )
    response = created(request, str(task.id), row_version=task.row_version, dto=body)
    # The new task is addressed by its own internal id, not under the project's.
    response.headers["Location"] = response.headers["Location"].rsplit("/", 2)[0] + f"/{task.id}"
    return response


@tasks.put(
    "/{internalId}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a specific Task",
)
def update_task(
    request: Request,
    body: ProjectTaskUpdateDto,
    number: int = Depends(_number("internalId", "Task")),
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    task = task_service.update_task(
        request.app.state.db, company_id=context.company_id, internal_id=number, dto=body, if_match=if_match
    )
    return updated(row_version=task.row_version, dto=body)


budgets = APIRouter(prefix=BUDGET.path, tags=[BUDGET.tag])


@budgets.post(
    "",
    status_code=201,
    response_class=Response,
    responses=CREATED_RESPONSE,
    summary="Create a Project Budget line",
    description="201 with the line's project, task and account group as the Location's last segments.",
)
def create_budget_line(
    request: Request, body: ProjectBudgetUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    line = create_budget_line_in(request.app.state.db, company_id=context.company_id, dto=body)
    key = "/".join(
        quote(part, safe="") for part in (line.project.project_cd, line.task.task_cd, line.account_group.group_cd)
    )
    response = created(request, "x", row_version=line.row_version, dto=body)
    response.headers["Location"] = response.headers["Location"].rsplit("/", 1)[0] + f"/{key}"
    return response


project_transactions = APIRouter(prefix="/v1/projecttransaction", tags=["ProjectTransaction"])


@project_transactions.get("", summary="Get a range of Project Transactions - ScreenId=PM304000")
def list_project_transactions(
    request: Request,
    context: CompanyContext = Depends(company_context),
    project: str | None = Query(None, description="Transactions with a line of the project with this ID."),
    projectTask: str | None = Query(None, description="Transactions with a line of a task with this ID."),
    module: str | None = Query(None, description="The module that posted the transaction (ModuleGL, ModuleAP...)."),
) -> Response:
    documents = transactions.list_transactions(
        request.app.state.db, company_id=context.company_id, project=project, task=projectTask, module=module
    )
    return json_response(documents)


@project_transactions.post(
    "",
    status_code=201,
    response_class=Response,
    responses=CREATED_RESPONSE,
    summary="Create a Project Transaction",
    description="Posts the lines (debit account, credit account, amount, project and task) as one batch of module "
    "PM; 201 with the batch number as Location's last segment.",
)
def create_project_transaction(
    request: Request, body: ProjectTransactionDocumentUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    batch = transactions.create_transaction(request.app.state.db, company_id=context.company_id, dto=body)
    return created(request, batch.batch_number, row_version=batch.row_version, dto=body)


@project_transactions.put(
    "/{refNbr}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a specific Project transaction document",
    description="The transaction is released (a posted batch): its description and note, and its lines' (by "
    "`tranId`), change; amounts, accounts, projects, periods and lines added or deleted are refused. 204 and the "
    "new ETag; a stale If-Match gets 412.",
)
def update_project_transaction(
    refNbr: ResourceKey,
    request: Request,
    body: ProjectTransactionDocumentUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    batch = transactions.update_transaction(
        request.app.state.db, company_id=context.company_id, number=refNbr, dto=body, if_match=if_match
    )
    return updated(row_version=batch.row_version, dto=body)


@project_transactions.get("/{refNbr}", summary="Get a specific Project Transaction")
def get_project_transaction(
    request: Request, refNbr: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    document = transactions.get_transaction(request.app.state.db, company_id=context.company_id, number=refNbr)
    return json_response(document)


# Every route, in matching order: `/tasks`, `internal` and `action` are not project IDs.
router = APIRouter(
    routes=[
        *resource_router(PROJECT, company_context, extra).routes,
        *resource_router(PROJECT_BASIC, company_context).routes,
        *tasks.routes,
        *resource_router(ACCOUNT_GROUP, company_context).routes,
        *resource_router(BUDGET, company_context, budgets).routes,
        *project_transactions.routes,
    ]
)
