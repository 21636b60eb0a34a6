"""Supplier balances (`/supplier/balance`, `/supplier/{number}/balance`): HTTP only. Listed before the
supplier routes in the app: `balance` is not a supplier number."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.balance_lists import PartyRange, party_range
from ..kit.checks import INT32_MAX
from ..kit.document_shapes import ZERO4, party_ref
from ..kit.errors import BusinessError
from ..kit.keys import ResourceKey
from ..kit.paging import MASTER_DATA_MAX_PAGE_SIZE
from ..kit.render import format_datetime, json_response
from ..ledger.period_ids import period_parameter
from . import balances
from .models import Supplier
from .schemas import SupplierBalanceDto, SupplierBalanceV2Dto

router = APIRouter(prefix="/v1/supplier", tags=["Supplier"])
v2_router = APIRouter(prefix="/v2/supplier", tags=["SupplierV2"])


@router.get(
    "/balance",
    response_model=list[SupplierBalanceDto],
    summary="Get the balance of a range of suppliers",
    description="Not paged. The balance is what is owed: open documents less unapplied payments.",
)
def list_supplier_balances(
    request: Request,
    context: CompanyContext = Depends(company_context),
    parties: PartyRange = Depends(party_range("Supplier")),
) -> Response:
    suppliers = balances.balance_suppliers(request.app.state.db, company_id=context.company_id, parties=parties)
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
        "supplier": party_ref(s),
        "balance": balance.balance,
        "unreleasedPurchasesNotInApproval": _with_without_vat(balance.unreleased),
        "totalSentForApproval": {"withoutVat": ZERO4, "withVat": ZERO4},
        "totalPurchaseInvoicePeriod": _with_without_vat(balance.period),
        "totalPurchaseInvoiceYear": _with_without_vat(balance.year),
        "lastModifiedDateTime": format_datetime(s.last_modified_at),
    }


def _with_without_vat(totals: balances.Totals) -> dict:
    return {"withoutVat": totals.without_vat, "withVat": totals.with_vat}


@v2_router.get(
    "/balance",
    response_model=list[SupplierBalanceV2Dto],
    summary="Get the balance for one or multiple suppliers",
    description=(
        "One element per supplier and branch with released documents or payments up to `toFinPeriod`, by "
        "supplier number and branch, in the base currency. `beginBalance`: what was owed before `fromFinPeriod`; "
        "`purchases`: invoices, credit adjustments and prepayment requests released in the periods; "
        "`paymentsAndPrepayments`: what payments released in them took off; `adjustmentsAndDiscounts`: debit "
        "adjustments; `yearToDateBalance`: what is owed after `toFinPeriod` (begin + purchases - payments - "
        f"adjustments). Paged by `pageNumber` and `pageSize` (at most {MASTER_DATA_MAX_PAGE_SIZE}), no metadata."
    ),
)
def list_supplier_period_balances(
    request: Request,
    fromFinPeriod: str = Query(description="The first financial period, YYYYPP (inclusive)."),
    toFinPeriod: str = Query(description="The last financial period, YYYYPP (inclusive)."),
    branch: str | None = Query(None, description="A branch number."),
    supplier: str | None = Query(None, description="A supplier number."),
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
    rows = balances.period_balances(
        request.app.state.db,
        company_id=context.company_id,
        first=first,
        last=last,
        branch=(branch or "").strip() or None,
        supplier=(supplier or "").strip() or None,
    )
    size = min(pageSize or MASTER_DATA_MAX_PAGE_SIZE, MASTER_DATA_MAX_PAGE_SIZE)
    start = ((pageNumber or 1) - 1) * size
    return json_response([_period_balance_dto(*row) for row in rows[start : start + size]])


def _period_balance_dto(branch: str | None, s: Supplier, movement: balances.PeriodBalance) -> dict:
    return {
        "branch": branch,
        "supplier": party_ref(s),
        "beginBalance": movement.begin,
        "purchases": movement.purchases,
        "paymentsAndPrepayments": movement.payments,
        "adjustmentsAndDiscounts": movement.adjustments,
        "yearToDateBalance": movement.end,
    }
