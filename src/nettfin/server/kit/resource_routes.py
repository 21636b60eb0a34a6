"""The routes of a declared resource (`kit.resource`): list, get with its ETag, POST with 201 + Location, PUT
with 204 and If-Match, DELETE with 204 where the resource has it; where the real resource has them, the GET and
PUT by internal id and the action that changes a record's key.

No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations, and these name types
made for each resource (its DTOs, its key parameter), which only exist inside `resource_router`.
"""

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from pydantic import AfterValidator, create_model
from starlette.responses import Response

from .actions import ActionResultDto, action_result
from .keys import decode_key, internal_id
from .paging import page_from, page_parameters
from .query_params import QueryParameters, documented_twin, reading_itself
from .render import json_bytes_response
from .resource import Criteria, Filter, Resource
from .resource_bodies import records_response
from .responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated


def criteria_parameters(resource: Resource, filters: tuple[Filter, ...] | None = None) -> list[inspect.Parameter]:
    """The query parameters of the filters (the list's unless `filters` are given)."""
    filters = resource.filters if filters is None else filters
    return [p for f in filters for p in f.parameters(resource)]


def criteria_of(resource: Resource, filters: tuple[Filter, ...], values: dict[str, Any]) -> Criteria:
    """`Criteria` from the values of the filters' parameters (by name, and only theirs)."""
    conditions = [c for f in filters for c in f.conditions(resource, values)]
    view = frozenset(flag for f in filters for flag in f.flags(values))
    signature = tuple(sorted((k, str(v)) for k, v in values.items() if v is not None))
    return Criteria(tuple(conditions), signature, view)


def criteria_dependency(
    resource: Resource, filters: tuple[Filter, ...] | None = None
) -> Callable[..., Awaitable[Criteria]]:
    """A FastAPI dependency reading the filter parameters (the list's unless `filters` are given) into
    `Criteria`."""
    filters = resource.filters if filters is None else filters

    async def criteria(**values: Any) -> Criteria:  # parsing only: on the event loop (kit/paging.py, `paging`)
        return criteria_of(resource, filters, values)

    parameters = criteria_parameters(resource, filters)
    criteria.__signature__ = inspect.Signature(parameters, return_annotation=Criteria)  # type: ignore[attr-defined]
    return criteria


def resource_router(resource: Resource, company: Callable[..., Any], router: APIRouter | None = None) -> APIRouter:
    """The resource's routes. `company` is the dependency that authenticates a call and gives its company
    (`identity.auth.company_context`): the kit knows no identity module. `router`: the resource's other routes
    (on its path), which come first: theirs (`/customer/internal/{id}`) are not keys."""
    router = router or APIRouter(prefix=resource.path, tags=[resource.tag])
    texts = resource.texts
    param = resource.key_param or resource.key.field
    key_type = Annotated[str, Path(alias=param, description=texts.key), AfterValidator(decode_key)]
    item = f"/{{{param}}}"
    read_model, write_model, create_model = resource.read_model, resource.write_model, resource.create_model
    # The list and the single GET read their request themselves: the company's authentication (`company`'s
    # `from_request`), then the query in one validation; a documented twin keeps the OpenAPI document as FastAPI
    # made it from the parameters one by one (kit/query_params.py).
    authenticate: Callable[[Request], Awaitable[Any]] = company.from_request  # type: ignore[attr-defined]
    filter_names = tuple(p.name for p in criteria_parameters(resource))
    list_query = QueryParameters(
        f"{resource.name}List",
        criteria_parameters(resource),
        page_parameters(resource.max_page_size) if resource.paged else (),
    )
    get_query = QueryParameters(f"{resource.name}Get", criteria_parameters(resource, resource.get_filters))

    if "list" in resource.operations:

        def list_records(
            request: Request, context: Any = Depends(company), query: dict = Depends(list_query.dependency)
        ) -> Response:
            criteria = criteria_of(resource, resource.filters, {name: query[name] for name in filter_names})
            page = page_from(query, resource.max_page_size) if resource.paged else None
            bodies, result = resource.list_bodies(
                request.app.state.db, company_id=context.company_id, criteria=criteria, page=page
            )
            return records_response(bodies, result)

        reading_itself(router, "", list_records, authenticate, list_query)
        documented_twin(
            router,
            "",
            list_records,
            list_query,
            methods=["GET"],
            response_model=list[read_model],
            summary=texts.list,
            description=texts.notes or None,
        )

    if "get" in resource.operations:

        def get_record(
            request: Request,
            key: key_type,
            context: Any = Depends(company),
            query: dict = Depends(get_query.dependency),
        ) -> Response:
            view = criteria_of(resource, resource.get_filters, query).view if resource.get_filters else None
            body, version = resource.get_body(request.app.state.db, company_id=context.company_id, key=key, view=view)
            # Reference data the API never writes has no row version, so no ETag.
            headers = etag_header(version) if version is not None else None
            return json_bytes_response(body, headers=headers)

        reading_itself(router, item, get_record, authenticate, get_query)
        documented_twin(
            router, item, get_record, get_query, methods=["GET"], response_model=read_model, summary=texts.get
        )

    if "create" in resource.operations:

        @router.post(
            "",
            status_code=201,
            responses=CREATED_RESPONSE,
            response_class=Response,
            summary=texts.create,
            description="201 with an absolute Location whose last segment is the new record's key.",
        )
        def create_record(request: Request, body: create_model, context: Any = Depends(company)) -> Response:
            record, ignored = resource.create(request.app.state.db, company_id=context.company_id, dto=body)
            key = str(getattr(record, resource.key.column.key))  # a number key (a currency rate's) too
            return created(request, key, row_version=record.row_version, dto=body, ignored=ignored)

    if "update" in resource.operations:

        @router.put(item, status_code=204, response_class=Response, responses=UPDATED_RESPONSE, summary=texts.update)
        def update_record(
            request: Request,
            key: key_type,
            body: write_model,
            if_match: IfMatch = None,
            context: Any = Depends(company),
        ) -> Response:
            record, ignored = resource.update(
                request.app.state.db, company_id=context.company_id, key=key, dto=body, if_match=if_match
            )
            return updated(row_version=record.row_version, dto=body, ignored=ignored)

    if "delete" in resource.operations:

        @router.delete(item, status_code=204, response_class=Response, summary=texts.delete)
        def delete_record(request: Request, key: key_type, context: Any = Depends(company)) -> Response:
            resource.delete(request.app.state.db, company_id=context.company_id, key=key)
            return Response(status_code=204)

    return router


@dataclass(frozen=True)
class ByInternalId:
    """The routes that address a record by its internal id (`/customer/internal/{internalID}`): a GET and a PUT
    serving the record as the keyed ones do. Each names its path parameter as the real document does."""

    get_param: str
    put_param: str
    get_summary: str
    put_summary: str


def internal_id_routes(
    resource: Resource, company: Callable[..., Any], router: APIRouter, routes: ByInternalId
) -> None:
    """Add the resource's routes by internal id to `router` (one on the resource's path)."""
    read_model, write_model = resource.read_model, resource.write_model

    @router.get(f"/internal/{{{routes.get_param}}}", response_model=read_model, summary=routes.get_summary)
    def get_by_internal_id(
        request: Request,
        number: int = Depends(_internal_id(resource, routes.get_param)),
        context: Any = Depends(company),
    ) -> Response:
        db, company_id = request.app.state.db, context.company_id
        key = resource.key_of(db, company_id=company_id, internal_id=number)
        body, version = resource.get_body(db, company_id=company_id, key=key, view=None)
        return json_bytes_response(body, headers=etag_header(version))

    @router.put(
        f"/internal/{{{routes.put_param}}}",
        status_code=204,
        response_class=Response,
        responses=UPDATED_RESPONSE,
        summary=routes.put_summary,
    )
    def update_by_internal_id(
        request: Request,
        body: write_model,
        number: int = Depends(_internal_id(resource, routes.put_param)),
        if_match: IfMatch = None,
        context: Any = Depends(company),
    ) -> Response:
        db, company_id = request.app.state.db, context.company_id
        key = resource.key_of(db, company_id=company_id, internal_id=number)
        record, ignored = resource.update(db, company_id=company_id, key=key, dto=body, if_match=if_match)
        return updated(row_version=record.row_version, dto=body, ignored=ignored)


@dataclass(frozen=True)
class KeyChange:
    """`POST /action/<action>/{internalId}` with `{"<field>": "<new key>"}` (plain, not `{"value"}`-wrapped, as the
    real DTO has it): the record an internal id names gets a new key (`changeCustomerCd`). `dto` and `result_dto`
    are the real documents' names of the body and the answer."""

    action: str
    field: str
    dto: str
    result_dto: str
    summary: str


def key_change_route(resource: Resource, company: Callable[..., Any], router: APIRouter, change: KeyChange) -> None:
    """Add the resource's key-change action to `router` (one on the resource's path)."""
    body_model = create_model(change.dto, **{change.field: (str | None, None)})
    result_model = create_model(change.result_dto, __base__=ActionResultDto)

    @router.post(
        f"/action/{change.action}/{{internalId}}",
        response_model=result_model,
        summary=change.summary,
        description=(
            f"Gives the {resource.entity} with this internal id a new {resource.key.label}; what refers to it follows. "
            "200 with the action result and the new ETag."
        ),
    )
    def change_key(
        request: Request,
        body: body_model,
        number: int = Depends(_internal_id(resource, "internalId")),
        if_match: IfMatch = None,
        context: Any = Depends(company),
    ) -> Response:
        record = resource.change_key(
            request.app.state.db,
            company_id=context.company_id,
            internal_id=number,
            key=getattr(body, change.field),
            if_match=if_match,
        )
        return action_result(record.row_version)


def _internal_id(resource: Resource, param: str) -> Callable[..., int]:
    """A dependency reading the path parameter `param` as an internal id (a 32-bit integer, else 404)."""

    async def parse(raw: Annotated[str, Path(alias=param)]) -> int:
        return internal_id(decode_key(raw), what=resource.label)

    return parse
