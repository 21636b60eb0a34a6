"""Contract usage endpoints (`/v1/contractUsage`, CT303000): HTTP only. One element per contract with its usage
transactions, billed or not; the PUT records, changes and deletes unbilled transactions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from pydantic import AfterValidator
from starlette.responses import Response

from ..identity.auth import company_context
from ..kit.document_lists import ListWindow, list_window
from ..kit.keys import decode_key
from ..kit.render import json_response
from ..kit.responses import UPDATED_RESPONSE, IfMatch, etag_header, updated
from . import service, usage
from .render import usage_dto
from .router import list_window as contract_window
from .schemas import ContractUsageDto, ContractUsageUpdateDto

router = APIRouter(prefix="/v1/contractUsage", tags=["ContractUsage"])
ContractId = Annotated[
    str, Path(alias="contractId", description="Identify the Contract Usage"), AfterValidator(decode_key)
]


@router.get(
    "",
    response_model=list[ContractUsageDto],
    summary="Get a range of Contract Usage - ScreenId=CT303000",
    description="One element per contract; not paged: `numberToRead` and `skipRecords` apply.",
)
def list_usage(
    request: Request,
    context=Depends(company_context),
    modified: ListWindow = Depends(list_window("Contract IDs", created=False)),
    window: service.Window = Depends(contract_window),
) -> Response:
    filters = service.ContractFilters(greater_than=modified.greater_than, modified=modified.modified)
    found = usage.list_usage(request.app.state.db, company_id=context.company_id, filters=filters, window=window)
    return json_response([usage_dto(c) for c in found])


@router.get("/{contractId}", response_model=ContractUsageDto, summary="Get a specific Contract Usage")
def get_usage(request: Request, contract_id: ContractId, context=Depends(company_context)) -> Response:
    contract = service.get_contract(request.app.state.db, company_id=context.company_id, contract_cd=contract_id)
    return json_response(usage_dto(contract), headers=etag_header(contract.row_version))


@router.put(
    "/{contractId}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a specific Contract Usage",
    description="`lines` by `transactionNumber`: Insert records usage of an item of the contract in force (inventory, "
    "quantity, date required) on an Active or InUpgrade contract; Update and Delete change unbilled transactions.",
)
def update_usage(
    request: Request,
    body: ContractUsageUpdateDto,
    contract_id: ContractId,
    if_match: IfMatch = None,
    context=Depends(company_context),
) -> Response:
    lines = [line.changes() for line in body.lines or []]
    contract = usage.update_usage(
        request.app.state.db, company_id=context.company_id, contract_cd=contract_id, lines=lines, if_match=if_match
    )
    return updated(row_version=contract.row_version, dto=body)
