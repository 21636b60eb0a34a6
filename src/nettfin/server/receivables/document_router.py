"""Customer invoice (AR301000), customer payment (AR302000) and customer balance endpoints: HTTP only."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.errors import BusinessError
from ..kit.keys import ResourceKey
from ..kit.paging import Page, paging, with_metadata
from ..kit.render import json_response
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from . import balances, documents, payment_release, payments, release
from .attachable import CUSTOMER_INVOICES  # noqa: F401 - registered: the invoices' upload paths
from .document_render import balance_dto, invoice_dto, payment_dto
from .document_schemas import (
    ActionResultDto,
    CustomerBalanceDto,
    CustomerDocumentType,
    CustomerInvoiceDto,
    CustomerInvoiceStatus,
    CustomerInvoiceUpdateDto,
    PaymentDto,
    PaymentType,
    PaymentUpdateDto,
    ReleasePaymentActionDto,
    ReverseInvoiceActionDto,
)

invoice_router = APIRouter(prefix="/v1/customerinvoice", tags=["CustomerInvoice"])
invoice_v2_router = APIRouter(prefix="/v2/customerinvoice", tags=["CustomerInvoice"])
payment_router = APIRouter(prefix="/v1/customerPayment", tags=["CustomerPayment"])
customer_balance_router = APIRouter(prefix="/v1/customer", tags=["Customer"])

_LIST_DESCRIPTION = (
    "Paged: every element carries `metadata: {totalCount, maxPageSize}`. `released` is 1 or 0. Applications "
    "are filled only with `expandApplications=true`; VAT details are always filled."
)


def _done() -> dict:
    return {"actionId": str(uuid.uuid4()), "actionResult": "Done", "errorInfo": None}


def invoice_filters(
    documentType: CustomerDocumentType | None = Query(None, description="Deprecated here; still filters."),
    released: int | None = Query(None, le=INT32_MAX, description="1: released documents, 0: unreleased ones."),
    status: CustomerInvoiceStatus | None = Query(None),
    customer: str | None = Query(None, description="Filter by Customer"),
    branch: str | None = Query(None),
    project: str | None = Query(None),
    financialPeriod: str | None = Query(None, description="YYYYPP"),
    closedFinancialPeriod: str | None = Query(None, description="YYYYPP"),
    externalReference: str | None = Query(None),
    paymentReference: str | None = Query(None),
    customerRefNumber: str | None = Query(None),
    dunningLevel: int | None = Query(
        None, le=INT32_MAX, description="Accepted; nothing is dunned yet, so it matches nothing."
    ),
    dunningLetterDateTime: str | None = Query(
        None,
        description=value_description("dunningLetterDateTime", "Accepted; no dunning letters yet: matches nothing."),
    ),
    dunningLetterDateTimeCondition: str | None = Query(
        None, description=condition_description("dunningLetterDateTime")
    ),
    documentDate: str | None = Query(None, description=value_description("documentDate")),
    documentDateCondition: str | None = Query(None, description=condition_description("documentDate")),
    documentDueDate: str | None = Query(None, description=value_description("documentDueDate")),
    documentDueDateCondition: str | None = Query(None, description=condition_description("documentDueDate")),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
    createdDateTime: str | None = Query(None, description=value_description("createdDateTime")),
    createdDateTimeCondition: str | None = Query(None, description=condition_description("createdDateTime")),
    greaterThanValue: str | None = Query(None, description="Reference numbers after this value."),
) -> documents.InvoiceFilters:
    dunning = date_condition("dunningLetterDateTime", dunningLetterDateTime, dunningLetterDateTimeCondition)
    if released not in (None, 0, 1):
        raise BusinessError(f"The value '{released}' of parameter 'released' is not valid. Accepted values: 0, 1.")
    return documents.InvoiceFilters(
        document_type=documentType.value if documentType else None,
        released=None if released is None else bool(released),
        status="Nothing is dunned" if dunningLevel or dunning else (status.value if status else None),
        customer=customer,
        branch=branch,
        project=project,
        financial_period=financialPeriod,
        closed_period=closedFinancialPeriod,
        external_reference=externalReference,
        payment_reference=paymentReference,
        customer_ref_number=customerRefNumber,
        greater_than=greaterThanValue,
        document_date=date_condition("documentDate", documentDate, documentDateCondition),
        due_date=date_condition("documentDueDate", documentDueDate, documentDueDateCondition),
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
        created=date_condition("createdDateTime", createdDateTime, createdDateTimeCondition),
    )


@invoice_router.get(
    "",
    response_model=list[CustomerInvoiceDto],
    summary="Get a range of Customer Invoices - ScreenId=AR301000",
    description=_LIST_DESCRIPTION,
)
def list_invoices(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: documents.InvoiceFilters = Depends(invoice_filters),
    page: Page = Depends(paging(documents.MAX_PAGE_SIZE)),
    expandApplications: bool = Query(False),
    expandTaxDetails: bool = Query(True),
    expandInvoiceAddress: bool = Query(True),
    expandAttachments: bool = Query(False),
    expandDunningInformation: bool = Query(False),
) -> Response:
    result, references = documents.list_invoices(
        request.app.state.db, company_id=context.company_id, filters=filters, page=page
    )
    applications = (
        payments.applications_of(request.app.state.db, company_id=context.company_id, invoices=result.rows)
        if expandApplications
        else None
    )
    rendered = [invoice_dto(i, references, applications, with_attachments=expandAttachments) for i in result.rows]
    return json_response(with_metadata(rendered, result))


@invoice_router.get("/{invoiceNumber}", response_model=CustomerInvoiceDto, summary="Get a specific invoice")
def get_invoice(request: Request, invoiceNumber: ResourceKey, context: CompanyContext = Depends(company_context)):
    db = request.app.state.db
    invoice, references = documents.get_invoice(db, company_id=context.company_id, number=invoiceNumber)
    applications = payments.applications_of(db, company_id=context.company_id, invoices=[invoice])
    return json_response(invoice_dto(invoice, references, applications), headers=etag_header(invoice.row_version))


def _create(request: Request, invoice: CustomerInvoiceUpdateDto, context: CompanyContext) -> Response:
    saved, ignored = documents.create_invoice(request.app.state.db, company_id=context.company_id, dto=invoice)
    response = created(request, saved.reference_number, row_version=saved.row_version, dto=invoice, ignored=ignored)
    # Invoices created at /v2 are read, changed and released at /v1.
    response.headers["Location"] = response.headers["Location"].replace("/v2/customerinvoice/", "/v1/customerinvoice/")
    return response


@invoice_router.post(
    "",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Create an Invoice (deprecated by the service in favour of /v2/customerinvoice)",
)
def create_invoice(
    request: Request, invoice: CustomerInvoiceUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    return _create(request, invoice, context)


@invoice_v2_router.post(
    "",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Create an Invoice",
    description="201 with a Location under /v1/customerinvoice, where the invoice is read.",
)
def create_invoice_v2(
    request: Request, invoice: CustomerInvoiceUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    return _create(request, invoice, context)


@invoice_router.put(
    "/{invoiceNumber}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update an invoice",
)
def update_invoice(
    request: Request,
    invoiceNumber: ResourceKey,
    invoice: CustomerInvoiceUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved, ignored = documents.update_invoice(
        request.app.state.db, company_id=context.company_id, number=invoiceNumber, dto=invoice, if_match=if_match
    )
    return updated(row_version=saved.row_version, dto=invoice, ignored=ignored)


@invoice_router.delete(
    "/{invoiceNumber}", status_code=204, response_class=Response, summary="Delete an unreleased invoice"
)
def delete_invoice(request: Request, invoiceNumber: ResourceKey, context: CompanyContext = Depends(company_context)):
    documents.delete_invoice(request.app.state.db, company_id=context.company_id, number=invoiceNumber)
    return Response(status_code=204)


@invoice_router.post(
    "/{invoiceNumber}/action/release",
    response_model=ActionResultDto,
    summary="Release an invoice: posts it to the ledger",
)
def release_invoice(
    request: Request,
    invoiceNumber: ResourceKey,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
):
    released = release.release_invoice(
        request.app.state.db, company_id=context.company_id, number=invoiceNumber, if_match=if_match
    )
    return json_response(_done(), headers=etag_header(released.row_version))


@invoice_router.post(
    "/{invoiceNumber}/action/reverse",
    summary="Reverse a released invoice with a credit note",
    description=(
        "Creates an unreleased credit note for the invoice; its number is the last segment of `Location`. "
        "With `returnCreditNote: true` the body is the credit note, otherwise the action result."
    ),
)
def reverse_invoice(
    request: Request,
    invoiceNumber: ResourceKey,
    action: ReverseInvoiceActionDto | None = None,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    db = request.app.state.db
    note = release.reverse_invoice(db, company_id=context.company_id, number=invoiceNumber, if_match=if_match)
    base = str(request.url.replace(query="", fragment="")).split("/customerinvoice/", 1)[0]
    headers = {"Location": f"{base}/customerinvoice/{note.reference_number}", **etag_header(note.row_version)}
    if action is not None and action.returnCreditNote:
        found, references = documents.get_invoice(db, company_id=context.company_id, number=note.reference_number)
        return json_response(invoice_dto(found, references, {}), headers=headers)
    return json_response(_done(), headers=headers)


# --- payments ------------------------------------------------------------------------------------------------


def payment_filters(
    paymentType: PaymentType | None = Query(None),
    status: CustomerInvoiceStatus | None = Query(None),
    customer: str | None = Query(None),
    invoiceRefNbr: str | None = Query(None, description="Payments applied to this document."),
    financialPeriod: str | None = Query(None, description="The application period, YYYYPP."),
    docDate: str | None = Query(None, description=value_description("docDate")),
    docDateCondition: str | None = Query(None, description=condition_description("docDate")),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
    greaterThanValue: str | None = Query(None, description="Reference numbers after this value."),
) -> payments.PaymentFilters:
    return payments.PaymentFilters(
        payment_type=paymentType.value if paymentType else None,
        status=status.value if status else None,
        customer=customer,
        invoice_ref=invoiceRefNbr,
        financial_period=financialPeriod,
        greater_than=greaterThanValue,
        doc_date=date_condition("docDate", docDate, docDateCondition),
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
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
    return json_response(_done(), headers=etag_header(released.row_version))


# --- balances ------------------------------------------------------------------------------------------------


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
    greaterThanValue: str | None = Query(None, description="Customer numbers after this value."),
    numberToRead: int | None = Query(None, le=INT32_MAX, ge=1, description="At most this many balances."),
    skipRecords: int | None = Query(None, le=INT32_MAX, ge=0, description="Skip this many balances first."),
    orderBy: str | None = Query(None, deprecated=True, description="Deprecated; has no effect."),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
) -> Response:
    found = balances.list_balances(
        request.app.state.db,
        company_id=context.company_id,
        greater_than=greaterThanValue,
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
        skip=skipRecords,
        read=numberToRead,
    )
    return json_response([balance_dto(b) for b in found])


@customer_balance_router.get(
    "/{customerCd}/balance", response_model=CustomerBalanceDto, summary="Get a customer's balance"
)
def get_customer_balance(request: Request, customerCd: ResourceKey, context: CompanyContext = Depends(company_context)):
    return json_response(
        balance_dto(balances.get_balance(request.app.state.db, company_id=context.company_id, number=customerCd))
    )
