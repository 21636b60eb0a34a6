"""Supplier payment endpoints (AP302000): HTTP only."""

from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Body, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.actions import ActionResultDto, action_result
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.document_lists import ListWindow, list_window
from ..kit.document_shapes import party_location, party_ref
from ..kit.errors import BusinessError
from ..kit.keys import ResourceKey
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Page, paging, with_metadata
from ..kit.render import format_date, format_datetime, json_response, time_stamp
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from ..ledger.period_ids import as_month_year
from . import payment_release, payments
from .document_filters import PaymentFilters, amount_condition
from .document_models import SupplierPayment, SupplierPaymentLine
from .document_schemas import (
    ReleaseSupplierPaymentActionDto,
    SupplierPaymentDto,
    SupplierPaymentStatus,
    SupplierPaymentTypes,
    SupplierPaymentUpdateDto,
)

router = APIRouter(prefix="/v1/supplierPayment", tags=["SupplierPayment"])

_ZERO = Decimal("0.0000")


def payment_filters(
    paymentType: SupplierPaymentTypes | None = Query(None),
    status: SupplierPaymentStatus | None = Query(None),
    supplier: str | None = Query(None, description="A supplier number (the article's `?Supplier=50000`)."),
    branch: str | None = Query(None),
    invoiceRefNbr: str | None = Query(None, description="Payments with a line paying this document."),
    financialPeriod: str | None = Query(None, description="YYYYPP"),
    docDate: str | None = Query(None, description=value_description("docDate")),
    docDateCondition: str | None = Query(None, description=condition_description("docDate")),
    dueDate: str | None = Query(None, description=value_description("dueDate", "The application date")),
    dueDateCondition: str | None = Query(None, description=condition_description("dueDate")),
    balance: Decimal | None = Query(
        None, description=value_description("balance", "The unapplied balance.", formats="A number")
    ),
    balanceCondition: str | None = Query(None, description=condition_description("balance")),
    window: ListWindow = Depends(list_window("Reference numbers", created=False)),
) -> PaymentFilters:
    return PaymentFilters(
        payment_type=paymentType.value if paymentType else None,
        status=status.value if status else None,
        supplier=supplier,
        branch=branch,
        invoice=invoiceRefNbr,
        financial_period=financialPeriod,
        doc_date=date_condition("docDate", docDate, docDateCondition),
        due_date=date_condition("dueDate", dueDate, dueDateCondition),
        balance=amount_condition("balance", balance, balanceCondition),
        window=window,
    )


@router.get(
    "",
    response_model=list[SupplierPaymentDto],
    summary="Get a range of Supplier Payments - ScreenId=AP302000",
    description="Paged: every element carries `metadata`.",
)
def list_supplier_payments(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: PaymentFilters = Depends(payment_filters),
    page: Page = Depends(paging(DOCUMENT_MAX_PAGE_SIZE)),
) -> Response:
    found = payments.list_payments(request.app.state.db, company_id=context.company_id, filters=filters, page=page)
    rendered = [payment_dto(p, found.base_currency) for p in found.result.rows]
    return json_response(with_metadata(rendered, found.result))


@router.get("/{paymentNumber}", response_model=SupplierPaymentDto, summary="Get a specific Supplier Payment")
def get_supplier_payment(
    request: Request, paymentNumber: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    payment, base = payments.get_payment(request.app.state.db, company_id=context.company_id, number=paymentNumber)
    return json_response(payment_dto(payment, base), headers=etag_header(payment.row_version))


@router.get(
    "/{paymentType}/{paymentNumber}", response_model=SupplierPaymentDto, summary="Get a specific Supplier Payment"
)
def get_supplier_payment_of_type(
    request: Request,
    paymentType: str,
    paymentNumber: ResourceKey,
    context: CompanyContext = Depends(company_context),
) -> Response:
    payment, base = payments.get_payment(
        request.app.state.db, company_id=context.company_id, number=paymentNumber, payment_type=_type(paymentType)
    )
    return json_response(payment_dto(payment, base), headers=etag_header(payment.row_version))


@router.post(
    "",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Create a Supplier Payment",
    description="201 with an absolute Location whose last segment is the new reference number.",
)
def create_supplier_payment(
    request: Request, supplierPayment: SupplierPaymentUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    saved, ignored = payments.create_payment(request.app.state.db, company_id=context.company_id, dto=supplierPayment)
    return created(request, saved.reference_number, row_version=saved.row_version, dto=supplierPayment, ignored=ignored)


@router.put(
    "/{paymentNumber}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a Supplier Payment",
)
def update_supplier_payment(
    request: Request,
    paymentNumber: ResourceKey,
    supplierPayment: SupplierPaymentUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved, ignored = payments.update_payment(
        request.app.state.db,
        company_id=context.company_id,
        number=paymentNumber,
        dto=supplierPayment,
        if_match=if_match,
    )
    return updated(row_version=saved.row_version, dto=supplierPayment, ignored=ignored)


@router.post(
    "/{paymentNumber}/action/release",
    response_model=ActionResultDto,
    summary="Release payment operation",
    description='Applies the payment to its documents and posts it; the body `{"type": {"value": "Payment"}}` '
    "is optional.",
)
def release_supplier_payment(
    request: Request,
    paymentNumber: ResourceKey,
    releaseActionDto: ReleaseSupplierPaymentActionDto | None = Body(None),
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    kind = releaseActionDto.changes().get("type") if releaseActionDto else None
    payment = payment_release.release_payment(
        request.app.state.db,
        company_id=context.company_id,
        number=paymentNumber,
        payment_type=kind.value if kind else None,
        if_match=if_match,
    )
    return action_result(payment.row_version)


def _type(value: str) -> str:
    for kind in SupplierPaymentTypes:
        if kind.value.casefold() == value.casefold():
            return kind.value
    accepted = ", ".join(kind.value for kind in SupplierPaymentTypes)
    raise BusinessError(f"The value '{value}' of path segment 'paymentType' is not valid. Accepted values: {accepted}.")


# --- rendering ----------------------------------------------------------------------------------------------


def payment_dto(p: SupplierPayment, base_currency: str) -> dict:
    supplier = p.supplier
    summary = payments.PaymentSummary.of(p)
    return {
        "type": p.payment_type,
        "documentType": p.payment_type,
        "refNbr": p.reference_number,
        "status": p.status,
        "hold": p.hold,
        "applicationDate": format_date(p.application_date),
        "applicationPeriod": p.period_id,
        "paymentRef": p.payment_ref,
        "supplier": party_ref(supplier),
        "location": party_location(supplier),
        "paymentMethod": p.payment_method,
        "cashAccount": p.cash_account,
        "currency": {
            "id": p.currency_id,
            "description": None,
            "symbol": None,
            "isBaseCurrency": p.currency_id == base_currency,
            "decimalPrecision": 2,
            "isUsedForAccounting": True,
        },
        "description": p.description,
        "paymentAmount": p.payment_amount,
        "financeCharges": _ZERO,
        "balance": summary.balance,
        "unappliedBalance": summary.unapplied,
        "appliedAmount": summary.applied,
        "released": p.released,
        "lastModifiedDateTime": format_datetime(p.last_modified_at),
        "branch": p.branch_number,
        "paymentLines": [_line_dto(line, p) for line in p.lines],
        "timeStamp": time_stamp(p.row_version),
        "errorInfo": None,
    }


def _line_dto(line: SupplierPaymentLine, p: SupplierPayment) -> dict:
    d = line.document
    return {
        "branch": d.branch_number,
        "batchNumber": p.batch_number,
        "docType": d.document_type,
        "invoiceRefNbr": d.reference_number,
        "amountPaid": line.amount_paid,
        "cashDiscountTaken": _ZERO,
        "withholdingTax": _ZERO,
        "applicationPeriod": p.period_id,
        "date": format_date(d.date),
        "dueDate": format_date(d.due_date),
        "cashDiscountDate": format_date(d.cash_discount_date or d.date),
        "balance": d.balance_cur,
        "cashDiscountBalance": _ZERO,
        "description": d.description,
        "currency": d.currency_id,
        "postPeriod": as_month_year(d.period_id),
        "supplierRef": d.supplier_reference,
    }
