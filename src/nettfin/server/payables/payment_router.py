"""Supplier payment endpoints (AP302000): HTTP only: the declaration (`kit.document_routes`) and the renderer."""

from __future__ import annotations

from decimal import Decimal

from fastapi import Depends, Query

from ..identity.auth import company_context
from ..identity.companies import base_currency
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.document_lists import ListWindow, list_window, page_bodies
from ..kit.document_routes import Action, DocumentKey, DocumentResource, DocumentTexts, Typed, document_router
from ..kit.document_shapes import party_location, party_ref
from ..kit.errors import BusinessError
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE
from ..kit.render import format_date, format_datetime, time_stamp
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

_ZERO = Decimal("0.0000")


async def payment_filters(
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


class SupplierPayments:
    """The use cases of supplier payments, for the declaration below."""

    def list(self, db, *, company_id, context, filters, page, view):
        found = payments.list_payments(db, company_id=company_id, filters=filters, page=page)
        return [payment_dto(p, found.base_currency) for p in found.result.rows], found.result

    def list_bodies(self, db, *, company_id, context, filters, page, view):
        def rows(session, found):
            base = base_currency(session, company_id)
            return [payment_dto(payment, base) for payment in found]

        return page_bodies(
            db,
            payments.LISTING,
            shape=self,
            company_id=company_id,
            filters=filters,
            page=page,
            view=view,
            rows=rows,
            options=payments.READ_OPTIONS,
        )

    def get(self, db, *, company_id, context, key: DocumentKey, view):
        payment, base = payments.get_payment(db, company_id=company_id, number=key.number, payment_type=key.kind)
        return payment_dto(payment, base), payment.row_version

    def create(self, db, *, company_id, context, dto):
        return payments.create_payment(db, company_id=company_id, dto=dto)

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        return payments.update_payment(db, company_id=company_id, number=key.number, dto=dto, if_match=if_match)

    def release(self, db, *, company_id, context, key: DocumentKey, if_match, body=None):
        kind = body.changes().get("type") if body is not None else None
        return payment_release.release_payment(
            db,
            company_id=company_id,
            number=key.number,
            payment_type=kind.value if kind else None,
            if_match=if_match,
        )

    def write_off(self, db, *, company_id, context, key: DocumentKey, if_match):
        return payment_release.write_off_payment(
            db, company_id=company_id, number=key.number, payment_type=key.kind, if_match=if_match
        )

    def number(self, document) -> str:
        return document.reference_number


_PAYMENTS = SupplierPayments()


def _type(value: str) -> str:
    for kind in SupplierPaymentTypes:
        if kind.value.casefold() == value.casefold():
            return kind.value
    accepted = ", ".join(kind.value for kind in SupplierPaymentTypes)
    raise BusinessError(f"The value '{value}' of path segment 'paymentType' is not valid. Accepted values: {accepted}.")


SUPPLIER_PAYMENTS = DocumentResource(
    path="/v1/supplierPayment",
    tag="SupplierPayment",
    key_param="paymentNumber",
    key_description="The payment's reference number.",
    documents=_PAYMENTS,
    read_dto=SupplierPaymentDto,
    write_dto=SupplierPaymentUpdateDto,
    texts=DocumentTexts(
        list="Get a range of Supplier Payments - ScreenId=AP302000",
        get="Get a specific Supplier Payment",
        create="Create a Supplier Payment",
        update="Update a Supplier Payment",
        release="Release payment operation",
        list_notes="Paged: every element carries `metadata`.",
        create_notes="201 with an absolute Location whose last segment is the new reference number.",
        release_notes='Applies the payment to its documents and posts it; the body `{"type": {"value": "Payment"}}` '
        "is optional.",
    ),
    filters=payment_filters,
    max_page_size=DOCUMENT_MAX_PAGE_SIZE,
    kind=payments.PAYMENT,
    operations=frozenset({"list", "get", "create", "update", "release"}),
    release_body=ReleaseSupplierPaymentActionDto,
    actions=(
        Action(
            "writeoff",
            "Write-off payment operation",
            _PAYMENTS.write_off,
            description=(
                "Writes a released payment's unapplied balance off against its supplier class's write-off account, "
                "when it is within the class's write-off limit; the payment closes."
            ),
            typed_only=True,
        ),
    ),
    typed=Typed(
        _type,
        DocumentTexts(list="", get="Get a specific Supplier Payment", create="", update=""),
        operations=frozenset({"get", "actions"}),
        parameter="paymentType",
    ),
)
(router,) = document_router(SUPPLIER_PAYMENTS, company_context)


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
