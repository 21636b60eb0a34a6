"""Customer balance endpoints (`/v1/customer/balance`, `/v1/customer/{customerCd}/balance`): HTTP only, and
the balance read DTO."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.balance_lists import PartyRange, party_range
from ..kit.document_shapes import ZERO4, party_ref
from ..kit.keys import ResourceKey
from ..kit.render import format_datetime, json_response
from . import balances
from .balances import CustomerBalance
from .document_schemas import CustomerBalanceDto

customer_balance_router = APIRouter(prefix="/v1/customer", tags=["Customer"])


@customer_balance_router.get(
    "/balance",
    response_model=list[CustomerBalanceDto],
    summary="Get the balance of a range of customers",
    description="Not paged. `balance` is what the customer owes: released documents' open balances less "
    "unapplied payments; it reconciles with the customer ledger control account.",
)
def list_customer_balances(
    request: Request,
    context: CompanyContext = Depends(company_context),
    parties: PartyRange = Depends(party_range("Customer")),
) -> Response:
    found = balances.list_balances(request.app.state.db, company_id=context.company_id, parties=parties)
    return json_response([balance_dto(b) for b in found])


@customer_balance_router.get(
    "/{customerCd}/balance", response_model=CustomerBalanceDto, summary="Get a customer's balance"
)
def get_customer_balance(request: Request, customerCd: ResourceKey, context: CompanyContext = Depends(company_context)):
    return json_response(
        balance_dto(balances.get_balance(request.app.state.db, company_id=context.company_id, number=customerCd))
    )


def balance_dto(b: CustomerBalance) -> dict:
    customer = b.customer
    return {
        "customer": party_ref(customer),
        "balance": b.balance,
        "totalOrder": b.open_orders,
        "totalLoan": ZERO4,
        "totalSalePeriod": b.sales_period,
        "totalSaleYear": b.sales_year,
        "totalDiscountPeriod": b.discount_period,
        "totalDiscountYear": b.discount_year,
        "lastModified": format_datetime(b.last_modified),
    }
