"""Customer payment endpoints (AR302000): HTTP only, and the payment read DTO."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.actions import ActionResultDto, action_result
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.document_lists import ListWindow, list_window
from ..kit.document_shapes import ZERO4, party_location
from ..kit.keys import ResourceKey
from ..kit.paging import Page, paging, with_metadata
from ..kit.render import format_datetime, json_response, time_stamp
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from . import payment_release, payments
from .document_models import CustomerPayment, CustomerPaymentLine
from .document_schemas import CustomerInvoiceStatus, PaymentDto, PaymentType, PaymentUpdateDto, ReleasePaymentActionDto

payment_router = APIRouter(prefix="/v1/customerPayment", tags=["CustomerPayment"])


def payment_filters(
    paymentType: PaymentType | None = Query(None),
    status: CustomerInvoiceStatus | None = Query(None),
    customer: str | None = Query(None),
    invoiceRefNbr: str | None = Query(None, description="Payments applied to this document."),
    financialPeriod: str | None = Query(None, description="The application period, YYYYPP."),
    docDate: str | None = Query(None, description=value_description("docDate")),
    docDateCondition: str | None = Query(None, description=condition_description("docDate")),
    window: ListWindow = Depends(list_window("Reference numbers", created=False)),
) -> payments.PaymentFilters:
    return payments.PaymentFilters(
        payment_type=paymentType.value if paymentType else None,
        status=status.value if status else None,
        customer=customer,
        invoice_ref=invoiceRefNbr,
        financial_period=financialPeriod,
        doc_date=date_condition("docDate", docDate, docDateCondition),
        window=window,
    )


@payment_router.get("", response_model=list[PaymentDto], summary="Get a range of customer payments - ScreenId=AR302000")
def list_payments(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: payments.PaymentFilters = Depends(payment_filters),
    page: Page = Depends(paging(payments.MAX_PAGE_SIZE)),
) -> Response:
    result = payments.list_payments(request.app.state.db, company_id=context.company_id, filters=filters, page=page)
    return json_response(with_metadata([payment_dto(p) for p in result.rows], result))


@payment_router.get("/{paymentNumber}", response_model=PaymentDto, summary="Get a specific customer payment")
def get_payment(request: Request, paymentNumber: ResourceKey, context: CompanyContext = Depends(company_context)):
    payment = payments.get_payment(request.app.state.db, company_id=context.company_id, number=paymentNumber)
    return json_response(payment_dto(payment), headers=etag_header(payment.row_version))


@payment_router.post(
    "", status_code=201, responses=CREATED_RESPONSE, response_class=Response, summary="Create a customer payment"
)
def create_payment(
    request: Request, payment: PaymentUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    saved, ignored = payments.create_payment(request.app.state.db, company_id=context.company_id, dto=payment)
    return created(request, saved.reference_number, row_version=saved.row_version, dto=payment, ignored=ignored)


@payment_router.put(
    "/{paymentNumber}", status_code=204, response_class=Response, responses=UPDATED_RESPONSE, summary="Update a payment"
)
def update_payment(
    request: Request,
    paymentNumber: ResourceKey,
    payment: PaymentUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved, ignored = payments.update_payment(
        request.app.state.db, company_id=context.company_id, number=paymentNumber, dto=payment, if_match=if_match
    )
    return updated(row_version=saved.row_version, dto=payment, ignored=ignored)


@payment_router.post(
    "/{paymentNumber}/action/release",
    response_model=ActionResultDto,
    summary="Release a payment: applies it to its documents and posts it",
)
def release_payment(
    request: Request,
    paymentNumber: ResourceKey,
    action: ReleasePaymentActionDto | None = None,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    kind = (action.changes().get("type") if action is not None else None) or PaymentType.Payment
    released = payment_release.release_payment(
        request.app.state.db,
        company_id=context.company_id,
        number=paymentNumber,
        payment_type=kind.value,
        if_match=if_match,
    )
    return action_result(released.row_version)


def payment_dto(p: CustomerPayment) -> dict:
    return {
        "type": p.payment_type,
        "refNbr": p.reference_number,
        "status": p.status,
        "hold": p.hold,
        "applicationDate": format_datetime(p.application_date),
        "applicationPeriod": p.application_period,
        "paymentRef": p.payment_ref,
        "customer": {"number": p.customer.number, "name": p.customer.name},
        "location": party_location(p.customer, p.location),
        "paymentMethod": {"id": p.payment_method, "description": None} if p.payment_method else None,
        "cashAccount": p.cash_account,
        "currency": p.currency_id,
        "paymentAmount": p.payment_amount,
        "invoiceText": p.invoice_text,
        "appliedToDocuments": p.applied_to_documents,
        "appliedToOrders": ZERO4,
        "availableBalance": p.available_balance,
        "writeOffAmount": ZERO4,
        "financeCharges": ZERO4,
        "deductedCharges": ZERO4,
        "lastModifiedDateTime": format_datetime(p.last_modified_at),
        "paymentLines": [_payment_line(p, x) for x in p.lines],
        "timeStamp": time_stamp(p.row_version),
    }


def _payment_line(p: CustomerPayment, x: CustomerPaymentLine) -> dict:
    document = x.invoice
    # Before release, the balance shows what the document would keep; after it, what it kept.
    balance = document.balance if p.released else document.balance - x.amount_paid
    return {
        "documentType": document.document_type,
        "refNbr": document.reference_number,
        "amountPaid": x.amount_paid,
        "cashDiscountTaken": x.cash_discount_taken,
        "balanceWriteOff": x.balance_write_off,
        "writeOffReasonCode": None,
        "date": format_datetime(document.document_date),
        "dueDate": format_datetime(document.due_date or document.document_date),
        "cashDiscountDate": format_datetime(document.cash_discount_date or document.document_date),
        "balance": balance,
        "cashDiscountBalance": ZERO4,
        "description": document.invoice_text,
        "currency": document.currency_id,
        "postPeriod": document.post_period,
        "customerOrder": None,
        "crossRate": x.cross_rate,
    }
