"""Supplier invoice endpoints (AP301000): HTTP only.

Routes without a document type address invoices (`documentType` Invoice), as the real ones do; the
`/{documentType}/{invoiceNumber}` routes address any type.
"""

from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.actions import ActionResultDto, action_result
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.deprecated import DEPRECATED
from ..kit.document_lists import ListWindow, list_window, released_flag
from ..kit.keys import ResourceKey
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Page, paging, with_metadata
from ..kit.render import json_response
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from . import invoice_release, invoices
from .attachable import SUPPLIER_DOCUMENTS  # noqa: F401 - registered: the documents' upload paths
from .document_filters import InvoiceFilters, amount_condition
from .document_schemas import (
    SupplierInvoiceDto,
    SupplierInvoiceStatus,
    SupplierInvoiceTypes,
    SupplierInvoiceUpdateDto,
)
from .document_types import document_type
from .invoice_render import invoice_dto

router = APIRouter(prefix="/v1/supplierInvoice", tags=["SupplierInvoice"])

_ZERO = Decimal("0.0000")
_LIST_DESCRIPTION = (
    "Paged: every element carries `metadata`. Lines and VAT details are loaded with one query per page. "
    "`note` is filled only with `expandNote=true` (a single GET always fills it)."
)


def invoice_filters(
    supplier: str | None = Query(None, description="A supplier number."),
    documentType: SupplierInvoiceTypes | None = Query(None),
    released: int | None = Query(None, le=INT32_MAX, description="1: released documents; 0: unreleased ones."),
    status: SupplierInvoiceStatus | None = Query(None),
    project: str | None = Query(None, description="Documents with a line of this project."),
    branch: str | None = Query(None),
    financialPeriod: str | None = Query(None, description="YYYYPP"),
    item: str | None = Query(None, description="Documents with a line of this item."),
    dueDate: str | None = Query(None, description=value_description("dueDate")),
    dueDateCondition: str | None = Query(None, description=condition_description("dueDate")),
    docDate: str | None = Query(None, description=value_description("docDate")),
    docDateCondition: str | None = Query(None, description=condition_description("docDate")),
    balance: Decimal | None = Query(
        None, description=value_description("balance", "The balance, in the base currency.", formats="A number")
    ),
    balanceCondition: str | None = Query(None, description=condition_description("balance")),
    window: ListWindow = Depends(list_window("Reference numbers", created=True)),
) -> InvoiceFilters:
    return InvoiceFilters(
        supplier=supplier,
        document_type=documentType.value if documentType else None,
        released=released_flag(released),
        status=status.value if status else None,
        project=project.upper() if project else None,
        branch=branch,
        financial_period=financialPeriod,
        item=item,
        due_date=date_condition("dueDate", dueDate, dueDateCondition),
        doc_date=date_condition("docDate", docDate, docDateCondition),
        balance=amount_condition("balance", balance, balanceCondition),
        window=window,
    )


@router.get(
    "",
    response_model=list[SupplierInvoiceDto],
    summary="Get a range of SupplierInvoices",
    description=_LIST_DESCRIPTION,
)
def list_supplier_invoices(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: InvoiceFilters = Depends(invoice_filters),
    page: Page = Depends(paging(DOCUMENT_MAX_PAGE_SIZE)),
    expandNote: bool = Query(False),
    expandAttachment: bool = Query(False, description="Show each document's and line's attachments."),
    expandLandedCosts: bool | None = Query(None, description="Landed costs are not served: always []."),
    expandApproval: bool | None = Query(None, description="Approval is not served."),
    expandLinePrebookAccounts: bool | None = Query(None, description="Prebooking is not served."),
) -> Response:
    found = invoices.list_invoices(request.app.state.db, company_id=context.company_id, filters=filters, page=page)
    rendered = [
        invoice_dto(d, found.rendering, with_note=expandNote, with_attachments=expandAttachment)
        for d in found.result.rows
    ]
    return json_response(with_metadata(rendered, found.result))


def _get(request: Request, context: CompanyContext, kind: str, number: str) -> Response:
    document, rendering = invoices.get_invoice(
        request.app.state.db, company_id=context.company_id, document_type=kind, number=number
    )
    return json_response(invoice_dto(document, rendering, with_note=True), headers=etag_header(document.row_version))


def _put(request, context, kind: str, number: str, dto: SupplierInvoiceUpdateDto, if_match) -> Response:
    saved, ignored = invoices.update_invoice(
        request.app.state.db,
        company_id=context.company_id,
        document_type=kind,
        number=number,
        dto=dto,
        if_match=if_match,
    )
    return updated(row_version=saved.row_version, dto=dto, ignored=ignored)


def _delete(request: Request, context: CompanyContext, kind: str, number: str) -> Response:
    invoices.delete_invoice(request.app.state.db, company_id=context.company_id, document_type=kind, number=number)
    return Response(status_code=204)


def _release(request: Request, context: CompanyContext, kind: str, number: str, if_match) -> Response:
    document = invoice_release.release_invoice(
        request.app.state.db, company_id=context.company_id, document_type=kind, number=number, if_match=if_match
    )
    return action_result(document.row_version)


@router.get(
    "/{invoiceNumber}", response_model=SupplierInvoiceDto, summary="Get a specific Invoice (document type Invoice)"
)
def get_supplier_invoice(
    request: Request,
    invoiceNumber: ResourceKey,
    context: CompanyContext = Depends(company_context),
    expandLinePrebookAccounts: bool | None = Query(None, description=DEPRECATED),
    expandLandedCosts: bool | None = Query(None, description=DEPRECATED),
) -> Response:
    return _get(request, context, "Invoice", invoiceNumber)


@router.get("/{documentType}/{invoiceNumber}", response_model=SupplierInvoiceDto, summary="Get a specific document")
def get_supplier_document(
    request: Request,
    documentType: str,
    invoiceNumber: ResourceKey,
    context: CompanyContext = Depends(company_context),
    expandLinePrebookAccounts: bool | None = Query(None, description=DEPRECATED),
    expandLandedCosts: bool | None = Query(None, description=DEPRECATED),
) -> Response:
    return _get(request, context, document_type(documentType), invoiceNumber)


@router.post(
    "",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Create a Supplier Invoice",
    description="201 with an absolute Location whose last segment is the new reference number.",
)
def create_supplier_invoice(
    request: Request, supplierInvoice: SupplierInvoiceUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    saved, ignored = invoices.create_invoice(request.app.state.db, company_id=context.company_id, dto=supplierInvoice)
    return created(request, saved.reference_number, row_version=saved.row_version, dto=supplierInvoice, ignored=ignored)


@router.put(
    "/{invoiceNumber}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update an Invoice",
)
def update_supplier_invoice(
    request: Request,
    invoiceNumber: ResourceKey,
    supplierInvoice: SupplierInvoiceUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    return _put(request, context, "Invoice", invoiceNumber, supplierInvoice, if_match)


@router.put(
    "/{documentType}/{invoiceNumber}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a document",
)
def update_supplier_document(
    request: Request,
    documentType: str,
    invoiceNumber: ResourceKey,
    supplierInvoice: SupplierInvoiceUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    return _put(request, context, document_type(documentType), invoiceNumber, supplierInvoice, if_match)


@router.delete("/{invoiceNumber}", status_code=204, response_class=Response, summary="Delete an unreleased Invoice")
def delete_supplier_invoice(
    request: Request, invoiceNumber: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    return _delete(request, context, "Invoice", invoiceNumber)


@router.delete(
    "/{documentType}/{invoiceNumber}", status_code=204, response_class=Response, summary="Delete an unreleased document"
)
def delete_supplier_document(
    request: Request, documentType: str, invoiceNumber: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    return _delete(request, context, document_type(documentType), invoiceNumber)


@router.post(
    "/{invoiceNumber}/action/release",
    response_model=ActionResultDto,
    summary="Release invoice operation",
    description="Posts the invoice to the ledger and opens it.",
)
def release_supplier_invoice(
    request: Request,
    invoiceNumber: ResourceKey,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    return _release(request, context, "Invoice", invoiceNumber, if_match)


@router.post(
    "/{documentType}/{invoiceNumber}/action/release",
    response_model=ActionResultDto,
    summary="Release document operation",
    description="Posts the document to the ledger and opens it.",
)
def release_supplier_document(
    request: Request,
    documentType: str,
    invoiceNumber: ResourceKey,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    return _release(request, context, document_type(documentType), invoiceNumber, if_match)


@router.post(
    "/{documentType}/{invoiceNumber}/action/voidinvoice",
    response_model=ActionResultDto,
    summary="Void invoice operation",
    description="Reverses an open document nothing has been paid on; it becomes Voided.",
)
def void_supplier_document(
    request: Request,
    documentType: str,
    invoiceNumber: ResourceKey,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    document = invoice_release.void_invoice(
        request.app.state.db,
        company_id=context.company_id,
        document_type=document_type(documentType),
        number=invoiceNumber,
        if_match=if_match,
    )
    return action_result(document.row_version)
