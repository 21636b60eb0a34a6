"""Customer invoice endpoints (AR301000, /v1 and /v2): HTTP only."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.actions import action_result
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.document_lists import ListWindow, list_window, released_flag
from ..kit.keys import ResourceKey
from ..kit.paging import Page, paging, with_metadata
from ..kit.render import json_response
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from ..ledger.journal_schemas import ActionResultDto
from . import invoice_release, invoices, payments
from .attachable import CUSTOMER_INVOICES  # noqa: F401 - registered: the invoices' upload paths
from .document_schemas import (
    CustomerDocumentType,
    CustomerInvoiceDto,
    CustomerInvoiceStatus,
    CustomerInvoiceUpdateDto,
    ReverseInvoiceActionDto,
)
from .invoice_render import invoice_dto

invoice_router = APIRouter(prefix="/v1/customerinvoice", tags=["CustomerInvoice"])
invoice_v2_router = APIRouter(prefix="/v2/customerinvoice", tags=["CustomerInvoice"])

_LIST_DESCRIPTION = (
    "Paged: every element carries `metadata: {totalCount, maxPageSize}`. `released` is 1 or 0. Applications "
    "are filled only with `expandApplications=true`; VAT details are always filled."
)


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
    window: ListWindow = Depends(list_window("Reference numbers", created=True)),
) -> invoices.InvoiceFilters:
    dunning = date_condition("dunningLetterDateTime", dunningLetterDateTime, dunningLetterDateTimeCondition)
    return invoices.InvoiceFilters(
        document_type=documentType.value if documentType else None,
        released=released_flag(released),
        status="Nothing is dunned" if dunningLevel or dunning else (status.value if status else None),
        customer=customer,
        branch=branch,
        project=project,
        financial_period=financialPeriod,
        closed_period=closedFinancialPeriod,
        external_reference=externalReference,
        payment_reference=paymentReference,
        customer_ref_number=customerRefNumber,
        document_date=date_condition("documentDate", documentDate, documentDateCondition),
        due_date=date_condition("documentDueDate", documentDueDate, documentDueDateCondition),
        window=window,
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
    filters: invoices.InvoiceFilters = Depends(invoice_filters),
    page: Page = Depends(paging(invoices.MAX_PAGE_SIZE)),
    expandApplications: bool = Query(False),
    expandTaxDetails: bool = Query(True),
    expandInvoiceAddress: bool = Query(True),
    expandAttachments: bool = Query(False),
    expandDunningInformation: bool = Query(False),
) -> Response:
    result, references = invoices.list_invoices(
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
    invoice, references = invoices.get_invoice(db, company_id=context.company_id, number=invoiceNumber)
    applications = payments.applications_of(db, company_id=context.company_id, invoices=[invoice])
    return json_response(invoice_dto(invoice, references, applications), headers=etag_header(invoice.row_version))


def _create(request: Request, invoice: CustomerInvoiceUpdateDto, context: CompanyContext) -> Response:
    saved, ignored = invoices.create_invoice(request.app.state.db, company_id=context.company_id, dto=invoice)
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
    saved, ignored = invoices.update_invoice(
        request.app.state.db, company_id=context.company_id, number=invoiceNumber, dto=invoice, if_match=if_match
    )
    return updated(row_version=saved.row_version, dto=invoice, ignored=ignored)


@invoice_router.delete(
    "/{invoiceNumber}", status_code=204, response_class=Response, summary="Delete an unreleased invoice"
)
def delete_invoice(request: Request, invoiceNumber: ResourceKey, context: CompanyContext = Depends(company_context)):
    invoices.delete_invoice(request.app.state.db, company_id=context.company_id, number=invoiceNumber)
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
    released = invoice_release.release_invoice(
        request.app.state.db, company_id=context.company_id, number=invoiceNumber, if_match=if_match
    )
    return action_result(released.row_version)


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
    note = invoice_release.reverse_invoice(db, company_id=context.company_id, number=invoiceNumber, if_match=if_match)
    base = str(request.url.replace(query="", fragment="")).split("/customerinvoice/", 1)[0]
    if action is not None and action.returnCreditNote:
        found, references = invoices.get_invoice(db, company_id=context.company_id, number=note.reference_number)
        response = json_response(invoice_dto(found, references, {}), headers=etag_header(note.row_version))
    else:
        response = action_result(note.row_version)
    response.headers["Location"] = f"{base}/customerinvoice/{note.reference_number}"
    return response
