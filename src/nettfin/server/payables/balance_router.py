"""Supplier balances (`/supplier/balance`, `/supplier/{number}/balance`): HTTP only. Listed before the
supplier routes in the app: `balance` is not a supplier number."""

from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.keys import ResourceKey
from ..kit.render import format_datetime, json_response
from . import balances
from .models import Supplier
from .schemas import SupplierBalanceDto

router = APIRouter(prefix="/v1/supplier", tags=["Supplier"])

_ZERO = Decimal("0.0000")


@router.get(
    "/balance",
    response_model=list[SupplierBalanceDto],
    summary="Get the balance of a range of suppliers",
    description="Not paged. The balance is what is owed: open documents less unapplied payments.",
)
def list_supplier_balances(
    request: Request,
    context: CompanyContext = Depends(company_context),
    greaterThanValue: str | None = Query(None, description="Supplier numbers after this value."),
    numberToRead: int | None = Query(None, le=INT32_MAX, ge=1, description="At most this many balances."),
    skipRecords: int | None = Query(None, le=INT32_MAX, ge=0, description="Skip this many balances first."),
    orderBy: str | None = Query(None, deprecated=True, description="Deprecated; has no effect."),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
) -> Response:
    suppliers = balances.balance_suppliers(
        request.app.state.db,
        company_id=context.company_id,
        greater_than=greaterThanValue,
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
        skip=skipRecords,
        read=numberToRead,
    )
    found = balances.supplier_balances(
        request.app.state.db, company_id=context.company_id, supplier_ids=[s.id for s in suppliers]
    )
    return json_response([supplier_balance_dto(s, found[s.id]) for s in suppliers])


@router.get(
    "/{supplierCd}/balance",
    response_model=SupplierBalanceDto,
    summary="Get a specific supplier's balance",
    description="What is owed: open documents less unapplied payments; purchases of this period and year.",
)
def get_supplier_balance(
    request: Request, supplierCd: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    supplier = balances.balance_supplier(request.app.state.db, company_id=context.company_id, number=supplierCd)
    found = balances.supplier_balances(request.app.state.db, company_id=context.company_id, supplier_ids=[supplier.id])
    return json_response(supplier_balance_dto(supplier, found[supplier.id]))


def supplier_balance_dto(s: Supplier, balance: balances.SupplierBalance) -> dict:
    """What is owed (open documents less unapplied payments) and the purchase totals; nothing is in approval."""
    return {
        "branchNumber": None,
        "supplier": {"internalId": s.id, "number": s.number, "name": s.name},
        "balance": balance.balance,
        "unreleasedPurchasesNotInApproval": _with_without_vat(balance.unreleased),
        "totalSentForApproval": {"withoutVat": _ZERO, "withVat": _ZERO},
        "totalPurchaseInvoicePeriod": _with_without_vat(balance.period),
        "totalPurchaseInvoiceYear": _with_without_vat(balance.year),
        "lastModifiedDateTime": format_datetime(s.last_modified_at),
    }


def _with_without_vat(totals: balances.Totals) -> dict:
    return {"withoutVat": totals.without_vat, "withVat": totals.with_vat}
