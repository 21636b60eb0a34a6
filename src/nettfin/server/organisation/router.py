"""The branch and organisation routes: list and get from their declarations, and the PUT of their bank
settings (before the generated routes, on the same paths). No `from __future__ import annotations`: FastAPI
reads the endpoints' annotations."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from pydantic import AfterValidator
from starlette.responses import Response

from ..identity.auth import company_context
from ..kit.keys import decode_key
from ..kit.resource_routes import resource_router
from ..kit.responses import UPDATED_RESPONSE, IfMatch, updated
from .resources import BRANCH, ORGANIZATION, BankSettingsUpdateDto, write_bank_settings

BranchNumber = Annotated[
    str, Path(alias="branchNumber", description="branch number to update"), AfterValidator(decode_key)
]
OrganizationNumber = Annotated[
    str, Path(alias="organizationNumber", description="Identifies the organization"), AfterValidator(decode_key)
]

branch_routes = APIRouter(prefix=BRANCH.path, tags=[BRANCH.tag])
organization_routes = APIRouter(prefix=ORGANIZATION.path, tags=[ORGANIZATION.tag])


@branch_routes.put(
    "/{branchNumber}/BankSettings",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update bank settings for branch",
)
def put_branch_bank_settings(
    request: Request, key: BranchNumber, body: BankSettingsUpdateDto, context: Any = Depends(company_context)
) -> Response:
    record = write_bank_settings(request.app.state.db, BRANCH, company_id=context.company_id, key=key, dto=body)
    return updated(row_version=record.row_version, dto=body)


@organization_routes.put(
    "/{organizationNumber}/BankSettings",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update bank settings for organization",
)
def put_organization_bank_settings(
    request: Request,
    key: OrganizationNumber,
    body: BankSettingsUpdateDto,
    if_match: IfMatch = None,
    context: Any = Depends(company_context),
) -> Response:
    record = write_bank_settings(
        request.app.state.db, ORGANIZATION, company_id=context.company_id, key=key, dto=body, if_match=if_match
    )
    return updated(row_version=record.row_version, dto=body)


branch_router = resource_router(BRANCH, company_context, branch_routes)
organization_router = resource_router(ORGANIZATION, company_context, organization_routes)
