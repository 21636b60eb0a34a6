"""Customer payment endpoints (AR302000): HTTP only: the declaration (`kit.document_routes`) and the renderer."""

from __future__ import annotations

from fastapi import Depends, Query

from ..identity.auth import company_context
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.document_lists import ListWindow, list_window, page_bodies
from ..kit.document_routes import Action, DocumentKey, DocumentResource, DocumentTexts, document_router
from ..kit.document_shapes import ZERO4, party_location
from ..kit.render import format_datetime, time_stamp
from . import payment_release, payments
from .document_models import CustomerPayment, CustomerPaymentLine
from .document_schemas import (
    CustomerInvoiceStatus,
    PaymentDto,
    PaymentType,
    PaymentUpdateDto,
    ReleasePaymentActionDto,
    VoidPaymentActionDto,
)


async def payment_filters(
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


class CustomerPayments:
    """The use cases of customer payments, for the declaration below."""

    def list(self, db, *, company_id, context, filters, page, view):
        result = payments.list_payments(db, company_id=company_id, filters=filters, page=page)
        return [payment_dto(p) for p in result.rows], result

    def list_bodies(self, db, *, company_id, context, filters, page, view):
        def rows(session, found):
            return [payment_dto(payment) for payment in found]

        return page_bodies(
            db, payments.LISTING, shape=self, company_id=company_id, filters=filters, page=page, view=view, rows=rows
        )

    def get(self, db, *, company_id, context, key: DocumentKey, view):
        payment = payments.get_payment(db, company_id=company_id, number=key.number)
        return payment_dto(payment), payment.row_version

    def create(self, db, *, company_id, context, dto):
        return payments.create_payment(db, company_id=company_id, dto=dto)

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        return payments.update_payment(db, company_id=company_id, number=key.number, dto=dto, if_match=if_match)

    def release(self, db, *, company_id, context, key: DocumentKey, if_match, body=None):
        kind = (body.changes().get("type") if body is not None else None) or PaymentType.Payment
        return payment_release.release_payment(
            db, company_id=company_id, number=key.number, payment_type=kind.value, if_match=if_match
        )

    def void(self, db, *, company_id, context, key: DocumentKey, if_match, body=None):
        kind = (body.type if body is not None else None) or PaymentType.Payment
        return payment_release.void_payment(
            db, company_id=company_id, number=key.number, payment_type=kind.value, if_match=if_match
        )

    def number(self, document) -> str:
        return document.reference_number


_PAYMENTS = CustomerPayments()
VOID = Action(
    "void",
    "Void payment operation",
    _PAYMENTS.void,
    description=(
        "Reverses a released payment's posting, gives the documents it paid their balances back and makes it "
        'Voided. The body `{"type": "Payment"}` is optional; it must name the payment\'s type.'
    ),
    body=VoidPaymentActionDto,
)

CUSTOMER_PAYMENTS = DocumentResource(
    path="/v1/customerPayment",
    tag="CustomerPayment",
    key_param="paymentNumber",
    key_description="The payment's reference number.",
    documents=_PAYMENTS,
    read_dto=PaymentDto,
    write_dto=PaymentUpdateDto,
    texts=DocumentTexts(
        list="Get a range of customer payments - ScreenId=AR302000",
        get="Get a specific customer payment",
        create="Create a customer payment",
        update="Update a payment",
        release="Release a payment: applies it to its documents and posts it",
    ),
    filters=payment_filters,
    max_page_size=payments.MAX_PAGE_SIZE,
    operations=frozenset({"list", "get", "create", "update", "release"}),
    release_body=ReleasePaymentActionDto,
    actions=(VOID,),
)
(payment_router,) = document_router(CUSTOMER_PAYMENTS, company_context)


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
