"""Supplier balances (`/supplier/balance`, `/supplier/{number}/balance`): HTTP only. Listed before the
supplier routes in the app: `balance` is not a supplier number."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.balance_lists import PartyRange, party_range
from ..kit.document_shapes import ZERO4, party_ref
from ..kit.keys import ResourceKey
from ..kit.render import format_datetime, json_response
from . import balances
from .models import Supplier
from .schemas import SupplierBalanceDto

router = APIRouter(prefix="/v1/supplier", tags=["Supplier"])


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
