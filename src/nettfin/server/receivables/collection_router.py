"""Customer collection endpoints: the dunning letter action (`/v1/customer/{customer}/action/createDunningLetter`)
and the balances by financial period (`/v2/customer/balance`). HTTP only; registered before the customer routes,
whose `/{customerCd}` would take these paths."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.checks import INT32_MAX
from ..kit.document_shapes import party_ref
from ..kit.errors import BusinessError
from ..kit.keys import ResourceKey
from ..kit.paging import MASTER_DATA_MAX_PAGE_SIZE
from ..kit.render import json_response
from ..ledger.period_ids import period_parameter
from . import dunning, period_balances
from .collection_schemas import CreateDunningLetterActionDto, CreateDunningLetterActionResultDto, CustomerBalanceV2Dto

customer_collection_router = APIRouter(prefix="/v1/customer", tags=["Customer"])
customer_v2_router = APIRouter(prefix="/v2/customer", tags=["CustomerV2"])


@customer_collection_router.post(
    "/{customer}/action/createDunningLetter",
    response_model=CreateDunningLetterActionResultDto,
    summary="Creates dunning letters for a specific customer",
    description=(
        "A dunning letter naming the customer's released invoices, debit notes and overdue charges open after "
        "their due date on `dunningLetterDate` (today when left out), each at its next level, when that level is "
        f"from `levelFrom` to `levelTo` (1 to {dunning.MAX_LEVEL} when left out). The documents show the level "
        "and date from then on. 400 when there is nothing to dun."
    ),
)
def create_dunning_letter(
    request: Request,
    customer: ResourceKey,
    action: CreateDunningLetterActionDto | None = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    action = action or CreateDunningLetterActionDto()
    dunning.create_dunning_letter(
        request.app.state.db,
        company_id=context.company_id,
        number=customer,
        on=action.dunningLetterDate.date() if action.dunningLetterDate else None,
        level_from=action.levelFrom,
        level_to=action.levelTo,
    )
    return json_response({"actionId": str(uuid.uuid4()), "actionResult": "Done"})


@customer_v2_router.get(
    "/balance",
    response_model=list[CustomerBalanceV2Dto],
    summary="Get the balance for one or multiple customers",
    description=(
        "One element per customer with released documents or payments up to `toFinPeriod`, by customer number, "
        "in the base currency. `beginBalance`: what was owed before `fromFinPeriod`; `sales`: invoices and debit "
        "notes released in the periods; `overdueCharges`: overdue charges released in them; "
        "`adjustmentsAndDiscounts`: credit notes; `paymentsAndPrepayments`: what payments released in them took "
        "off; `yearToDateBalance`: what is owed after `toFinPeriod`. Cash sales are paid at once and count nowhere. "
        f"Paged by `pageNumber` and `pageSize` (at most {MASTER_DATA_MAX_PAGE_SIZE}), no metadata."
    ),
)
def list_customer_period_balances(
    request: Request,
    fromFinPeriod: str = Query(description="The first financial period, YYYYPP (inclusive)."),
    toFinPeriod: str = Query(description="The last financial period, YYYYPP (inclusive)."),
    branchNumber: str | None = Query(None, description="Filter by Branch"),
    customer: str | None = Query(None, description="Filter by Customer"),
    pageNumber: int | None = Query(None, ge=1, le=INT32_MAX, description="Page number (from 1)."),
    pageSize: int | None = Query(None, ge=1, le=INT32_MAX, description="Items per page."),
    context: CompanyContext = Depends(company_context),
) -> Response:
    first = period_parameter("fromFinPeriod", fromFinPeriod)
    last = period_parameter("toFinPeriod", toFinPeriod)
    if first is None or last is None:
        missing = "fromFinPeriod" if first is None else "toFinPeriod"
        raise BusinessError(f"The parameter '{missing}' is required: write it as YYYYPP.")
    if first > last:
        raise BusinessError(f"'fromFinPeriod' {first} is after 'toFinPeriod' {last}.")
    branch = (branchNumber or "").strip() or None
    rows = period_balances.period_balances(
        request.app.state.db,
        company_id=context.company_id,
        first=first,
        last=last,
        branch=branch,
        customer=(customer or "").strip() or None,
    )
    size = min(pageSize or MASTER_DATA_MAX_PAGE_SIZE, MASTER_DATA_MAX_PAGE_SIZE)
    start = ((pageNumber or 1) - 1) * size
    return json_response([_balance_dto(c, m, branch) for c, m in rows[start : start + size]])


def _balance_dto(customer, movement: period_balances.PeriodBalance, branch: str | None) -> dict:
    return {
        "customer": party_ref(customer),
        "branchNumber": {"number": branch, "name": None} if branch else None,
        "beginBalance": movement.begin,
        "sales": movement.sales,
        "overdueCharges": movement.overdue_charges,
        "paymentsAndPrepayments": movement.payments,
        "adjustmentsAndDiscounts": movement.adjustments,
        "yearToDateBalance": movement.end,
    }
