"""Suppliers' purchase order balances (`/v1/supplier/POBalance`, `/v1/supplier/{supplierCd}/POBalance`): HTTP
only. Listed before the supplier routes in the app: `POBalance` is not a supplier number."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.document_shapes import party_ref
from ..kit.keys import ResourceKey
from ..kit.render import DecimalNumber, format_datetime, json_response
from ..payables.models import Supplier
from . import po_balance

router = APIRouter(prefix="/v1/supplier", tags=["Supplier"])


class SupplierInSupplierPOBalanceDto(BaseModel):
    internalId: int | None = None
    number: str | None = None
    name: str | None = None


class SupplierPOBalanceDto(BaseModel):
    supplier: SupplierInSupplierPOBalanceDto | None = None
    totalPOOnHoldOrderTotal: DecimalNumber | None = None
    totalPOOnHoldLineTotal: DecimalNumber | None = None
    totalOpenPOOrderTotal: DecimalNumber | None = None
    totalOpenPOLineTotal: DecimalNumber | None = None
    totalClosedPOOrderTotal: DecimalNumber | None = None
    totalClosedPOLineTotal: DecimalNumber | None = None
    lastModifiedDateTime: str | None = None


@router.get(
    "/POBalance",
    response_model=list[SupplierPOBalanceDto],
    summary="Get the PO balance of a range of suppliers",
    description=(
        "Not paged; every supplier in number order. On hold, open (what is still to be received and invoiced) "
        "and closed purchase orders' totals, in the base currency."
    ),
)
def list_po_balances(
    request: Request,
    context: CompanyContext = Depends(company_context),
    greaterThanValue: str | None = Query(None, description="Supplier numbers after this value."),
    numberToRead: int | None = Query(None, le=INT32_MAX, deprecated=True, description="Deprecated; ignored."),
    skipRecords: int | None = Query(None, le=INT32_MAX, deprecated=True, description="Deprecated; ignored."),
    orderBy: str | None = Query(None, deprecated=True, description="Deprecated; has no effect."),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
) -> Response:
    modified = date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition)
    found = po_balance.po_balances(
        request.app.state.db,
        company_id=context.company_id,
        after=(greaterThanValue or "").strip() or None,
        modified=modified,
    )
    return json_response([_dto(supplier, balance) for supplier, balance in found])


@router.get(
    "/{supplierCd}/POBalance",
    response_model=SupplierPOBalanceDto,
    summary="Get a specific supplier's PO balance",
    description="On hold, open and closed purchase orders' totals, in the base currency.",
)
def get_po_balance(
    request: Request, supplierCd: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    ((supplier, balance),) = po_balance.po_balances(
        request.app.state.db, company_id=context.company_id, number=supplierCd
    )
    return json_response(_dto(supplier, balance))


def _dto(supplier: Supplier, balance: po_balance.PoBalance) -> dict:
    return {
        "supplier": party_ref(supplier),
        "totalPOOnHoldOrderTotal": balance.on_hold.order,
        "totalPOOnHoldLineTotal": balance.on_hold.lines,
        "totalOpenPOOrderTotal": balance.open.order,
        "totalOpenPOLineTotal": balance.open.lines,
        "totalClosedPOOrderTotal": balance.closed.order,
        "totalClosedPOLineTotal": balance.closed.lines,
        "lastModifiedDateTime": format_datetime(balance.last_modified),
    }
