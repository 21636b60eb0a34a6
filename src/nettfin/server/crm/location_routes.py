"""The routes of a business account's locations, made once for `/v1/location` (customers' and suppliers') and
`/v1/supplierlocation` (suppliers'): list, list of one account, get with its ETag, POST with 201 + Location, PUT
with 204. What differs is said by `LocationRoutes`; the use cases are the owner's (crm/locations.py, or
payables/locations.py over it).

No `from __future__ import annotations` here: the routes' body types are the spec's, which FastAPI reads from the
annotations as objects."""

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.keys import ResourceKey
from ..kit.paging import Page, paging, with_metadata
from ..kit.render import json_response
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from .locations import LocationFilters


@dataclass(frozen=True)
class LocationRoutes:
    """`use_cases` has `list_locations`, `get_location`, `create_location` and `update_location` (the account by
    `account=`), `location_dto` and `MAX_PAGE_SIZE`; `filters` is the list's query dependency; `owner` says what
    `baccountId` numbers in the POST's description (`a customer or supplier number`)."""

    prefix: str
    tag: str
    dto: type
    update_dto: type
    use_cases: ModuleType
    filters: Callable[..., LocationFilters]
    list_summary: str
    list_notes: str
    owner: str
    # The account's list route's name (the OpenAPI document's titles of its responses are made from it).
    account_list: str = "list_account_locations"


def location_router(spec: LocationRoutes) -> APIRouter:
    router = APIRouter(prefix=spec.prefix, tags=[spec.tag])
    cases: Any = spec.use_cases
    page_of = paging(cases.MAX_PAGE_SIZE)
    render = cases.location_dto
    path = spec.prefix.rsplit("/", 1)[-1]
    update_dto: Any = spec.update_dto

    @router.get("", response_model=list[spec.dto], summary=spec.list_summary, description=spec.list_notes)
    def list_locations(
        request: Request,
        context: CompanyContext = Depends(company_context),
        filters: LocationFilters = Depends(spec.filters),
        page: Page = Depends(page_of),
    ) -> Response:
        found, result = cases.list_locations(
            request.app.state.db, company_id=context.company_id, filters=filters, page=page
        )
        return json_response(with_metadata([render(f) for f in found], result))

    @router.post(
        "",
        status_code=201,
        response_class=Response,
        responses=CREATED_RESPONSE,
        summary="Create a Location",
        description=f"`baccountId` ({spec.owner}) and `locationId` are required; the Location is "
        f"`.../{path}/{{bAccountId}}/{{locationId}}`.",
    )
    def create_location(
        request: Request, dto: update_dto, context: CompanyContext = Depends(company_context)
    ) -> Response:
        found = cases.create_location(request.app.state.db, company_id=context.company_id, changes=dto.changes())
        response = created(request, found.account.record.number, row_version=found.location.row_version, dto=dto)
        response.headers["Location"] += "/" + quote(found.location.location_id, safe="")
        return response

    @router.get(
        "/{bAccountId}",
        response_model=list[spec.dto],
        summary="Get a range of Locations for a BAccount",
        description=spec.list_notes,
        name=spec.account_list,
    )
    def list_account_locations(
        request: Request,
        bAccountId: ResourceKey,
        context: CompanyContext = Depends(company_context),
        filters: LocationFilters = Depends(spec.filters),
        page: Page = Depends(page_of),
    ) -> Response:
        found, result = cases.list_locations(
            request.app.state.db, company_id=context.company_id, filters=filters, page=page, account=bAccountId
        )
        return json_response(with_metadata([render(f) for f in found], result))

    @router.get(
        "/{bAccountId}/{locationId}",
        response_model=spec.dto,
        summary="Get a specific Location of a Baccount",
        description="The response headers include an ETag.",
    )
    def get_location(
        request: Request,
        bAccountId: ResourceKey,
        locationId: ResourceKey,
        context: CompanyContext = Depends(company_context),
    ) -> Response:
        found = cases.get_location(
            request.app.state.db, company_id=context.company_id, account=bAccountId, location_id=locationId
        )
        return json_response(render(found), headers=etag_header(found.location.row_version))

    @router.put(
        "/{bAccountId}/{locationId}",
        status_code=204,
        response_class=Response,
        responses=UPDATED_RESPONSE,
        summary="Update a specific Location",
        description="PATCH semantics; a stale If-Match gets 412. `baccountId` and `locationId` cannot be changed.",
    )
    def update_location(
        request: Request,
        bAccountId: ResourceKey,
        locationId: ResourceKey,
        dto: update_dto,
        if_match: IfMatch = None,
        context: CompanyContext = Depends(company_context),
    ) -> Response:
        found, ignored = cases.update_location(
            request.app.state.db,
            company_id=context.company_id,
            account=bAccountId,
            location_id=locationId,
            changes=dto.changes(),
            if_match=if_match,
        )
        return updated(row_version=found.location.row_version, dto=dto, ignored=ignored)

    return router
