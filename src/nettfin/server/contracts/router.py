"""Customer contract endpoints (`/v1/customerContract`, CT301000): HTTP only. The list, a contract with its
summary, details and recurring summary, POST and PUT, and the six status actions. Contract billing is not an
API operation: `nettfin admin contracts bill`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import AfterValidator
from starlette.responses import Response

from ..identity.auth import company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.keys import decode_key
from ..kit.render import json_response
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from . import actions, service
from .render import contract_dto, details_dto, recurring_summary_dto, summary_dto
from .schemas import (
    ContractStatusDto,
    CustomerContractDetailsDto,
    CustomerContractDto,
    CustomerContractRecurringSummaryDto,
    CustomerContractSummaryDto,
    CustomerContractUpdateDto,
)

# nettfin keeps no attributes on contracts (docs/compatibility.md): the parameters are accepted and ignored.
NO_ATTRIBUTES = "Accepted and ignored: nettfin keeps no attributes on contracts."
router = APIRouter(prefix="/v1/customerContract", tags=["Customer Contract"])
ContractId = Annotated[
    str, Path(alias="contractId", description="Identifies the customer contract"), AfterValidator(decode_key)
]


async def list_window(
    numberToRead: int | None = Query(None, ge=1, le=INT32_MAX, description="At most this many records."),
    skipRecords: int | None = Query(None, ge=0, le=INT32_MAX, description="Skip this many records first."),
    orderBy: str | None = Query(None, description="Accepted; has no effect (the list is in key order)."),
) -> service.Window:
    """The lists are not paged (the documents have no pageNumber, pageSize or metadata): these apply."""
    return service.Window(skip=skipRecords, read=numberToRead)


async def contract_filters(
    greaterThanValue: str | None = Query(None, description="Contract IDs after this value."),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
    contractTemplate: str | None = Query(None, description="Filter by contract template."),
    status: ContractStatusDto | None = Query(None, description="Filter by status."),
    customer: str | None = Query(None, description="Filter by customer number."),
) -> service.ContractFilters:
    return service.ContractFilters(
        greater_than=greaterThanValue,
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
        template=contractTemplate,
        status=status.value if status else None,
        customer=customer,
    )


@router.get(
    "",
    response_model=list[CustomerContractDto],
    summary="Get a range of Customer Contracts, a filter needs to be specified…",
    description="Not paged: `numberToRead` and `skipRecords` apply. `summary` and `details` only with "
    "expandSummary and expandDetails.",
)
def list_contracts(
    request: Request,
    context=Depends(company_context),
    filters: service.ContractFilters = Depends(contract_filters),
    window: service.Window = Depends(list_window),
    expandSummary: bool = Query(False),
    expandDetails: bool = Query(False),
    attributes: str | None = Query(None, description=NO_ATTRIBUTES),
    expandAttributes: bool | None = Query(None, description=NO_ATTRIBUTES),
) -> Response:
    found = service.list_contracts(request.app.state.db, company_id=context.company_id, filters=filters, window=window)
    return json_response([contract_dto(c, summary=expandSummary, details=expandDetails) for c in found])


@router.get("/{contractId}", response_model=CustomerContractDto, summary="Get a specific Customer Contract")
def get_contract(request: Request, contract_id: ContractId, context=Depends(company_context)) -> Response:
    contract = service.get_contract(request.app.state.db, company_id=context.company_id, contract_cd=contract_id)
    return json_response(contract_dto(contract), headers=etag_header(contract.row_version))


@router.get(
    "/{contractId}/summary",
    response_model=CustomerContractSummaryDto,
    summary="Get a specific Customer Contract Summary",
)
def get_summary(request: Request, contract_id: ContractId, context=Depends(company_context)) -> Response:
    contract = service.get_contract(request.app.state.db, company_id=context.company_id, contract_cd=contract_id)
    return json_response(summary_dto(contract))


@router.get(
    "/{contractId}/details",
    response_model=CustomerContractDetailsDto,
    summary="Get a specific Customer Contract Details",
)
def get_details(request: Request, contract_id: ContractId, context=Depends(company_context)) -> Response:
    contract = service.get_contract(request.app.state.db, company_id=context.company_id, contract_cd=contract_id)
    return json_response(details_dto(contract))


@router.get(
    "/{contractId}/recurringSummary",
    response_model=CustomerContractRecurringSummaryDto,
    summary="Get a specific Customer Contract Recurring Summary",
    description="The items in force: their recurring fees, and the usage not yet billed beyond what is included.",
)
def get_recurring_summary(request: Request, contract_id: ContractId, context=Depends(company_context)) -> Response:
    contract = service.get_contract(request.app.state.db, company_id=context.company_id, contract_cd=contract_id)
    return json_response(recurring_summary_dto(contract))


@router.post(
    "",
    status_code=201,
    response_class=Response,
    responses=CREATED_RESPONSE,
    summary="Create a CustomerContract",
    description="A Draft contract from a template for a customer; `contractId`, `contractTemplate`, `customer` and "
    "`description` are required. Without `details` the template's items are the contract's.",
)
def create_contract(request: Request, body: CustomerContractUpdateDto, context=Depends(company_context)) -> Response:
    contract, ignored = service.create_contract(
        request.app.state.db, company_id=context.company_id, changes=body.changes()
    )
    return created(request, contract.contract_cd, row_version=contract.row_version, dto=body, ignored=ignored)


@router.put(
    "/{contractId}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a specific CustomerContract",
    description="`contractId`, `contractTemplate` and `customer` are not applicable (ignored). The items "
    "(`details`) can be changed while the contract is Draft or InUpgrade.",
)
def update_contract(
    request: Request,
    body: CustomerContractUpdateDto,
    contract_id: ContractId,
    if_match: IfMatch = None,
    context=Depends(company_context),
) -> Response:
    contract, ignored = service.update_contract(
        request.app.state.db,
        company_id=context.company_id,
        contract_cd=contract_id,
        changes=body.changes(),
        if_match=if_match,
    )
    return updated(row_version=contract.row_version, dto=body, ignored=ignored)


def _action(name: str, summary: str, date_parameter: str | None, description: str) -> None:
    def act(request: Request, contract_id: str, if_match: str | None, context, day: datetime | None) -> Response:
        contract = actions.run(
            request.app.state.db,
            company_id=context.company_id,
            contract_cd=contract_id,
            action=name,
            day=day,
            if_match=if_match,
        )
        return updated(row_version=contract.row_version)

    if date_parameter:

        def run(
            request: Request,
            contract_id: ContractId,
            if_match: IfMatch = None,
            context=Depends(company_context),
            day: datetime | None = Query(None, alias=date_parameter, description=f"Optional {date_parameter}."),
        ) -> Response:
            return act(request, contract_id, if_match, context, day)

    else:

        def run(
            request: Request, contract_id: ContractId, if_match: IfMatch = None, context=Depends(company_context)
        ) -> Response:
            return act(request, contract_id, if_match, context, None)

    run.__name__ = name
    router.post(
        f"/{{contractId}}/action/{name}",
        status_code=204,
        response_class=Response,
        responses=UPDATED_RESPONSE,
        summary=summary,
        description=description,
    )(run)


_action(
    "setupContract",
    "Setup contract operation",
    "setupDate",
    "Draft → PendingActivation: the setup fees are invoiced on the setup date (default: the contract's).",
)
_action(
    "activateContract",
    "Activate contract operation",
    "activationDate",
    "PendingActivation → Active: the invoicing schedule starts; the prepaid items' first period is invoiced on "
    "the activation date (default: the contract's, else today).",
)
_action(
    "setupAndActivateContract",
    "Setup and activate contract operation",
    "activationDate",
    "Draft → Active: the setup fees and the prepaid items' first period in one invoice.",
)
_action(
    "terminateContract",
    "Terminate contract operation",
    "terminationDate",
    "PendingActivation, Active or InUpgrade → Canceled: the postpaid fees and the usage not yet billed are "
    "invoiced on the termination date (default: today).",
)
_action(
    "upgradeContract",
    "Upgrade contract operation",
    None,
    "Active → InUpgrade: the items can be changed (PUT) until the upgrade is activated; billing goes on at "
    "the prices in force.",
)
_action(
    "activateUpgrade",
    "Activate upgrade contract operation",
    "activationDate",
    "InUpgrade → Active: the changed prices come into force; the setup fees of added items are invoiced.",
)
