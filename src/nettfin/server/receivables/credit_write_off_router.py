"""Customer credit write-offs (`/v1/customerCreditWriteOff`, AR301000's `SmallCreditWo` documents): HTTP only.
The write-off process makes them (`credit_write_offs`); the API reads them, with the customer invoice list's
filters and paging."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.keys import ResourceKey
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Page, paging, with_metadata
from ..kit.render import json_response, time_stamp
from ..kit.responses import etag_header
from . import credit_write_offs
from .customer_document_router import View, document_view
from .customer_document_schemas import CustomerCreditWriteOffDto
from .customer_documents import document_dto
from .invoice_router import invoice_filters
from .invoices import InvoiceFilters

router = APIRouter(prefix="/v1/customerCreditWriteOff", tags=["CustomerCreditWriteOff"])


def write_off_dto(document, account) -> dict:
    body = document_dto(document, account)
    for member in ("documentDueDate", "branch"):  # members the write-off DTO has not
        body.pop(member, None)
    zone = document.vat_zone
    return {
        "hold": document.hold,
        "roundingDiff": 0,
        "customerVatZone": {"id": zone.zone_id, "description": zone.description} if zone else None,
        "timeStamp": time_stamp(document.row_version),
        **body,
    }


@router.get(
    "",
    response_model=list[CustomerCreditWriteOffDto],
    summary="Get a range of Customer Credit WriteOffs - ScreenId=AR301000",
    description="Paged: every element carries `metadata`. The credit write-offs the write-off process made.",
)
def list_credit_write_offs(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: InvoiceFilters = Depends(invoice_filters),
    view: View = Depends(document_view),
    page: Page = Depends(paging(DOCUMENT_MAX_PAGE_SIZE)),
) -> Response:
    result, account = credit_write_offs.list_write_offs(
        request.app.state.db, company_id=context.company_id, filters=filters, page=page
    )
    return json_response(with_metadata([write_off_dto(row, account) for row in result.rows], result))


@router.get(
    "/{creditWriteOffNumber}",
    response_model=CustomerCreditWriteOffDto,
    summary="Get a specific Customer Credit WriteOff",
)
def get_credit_write_off(
    request: Request, creditWriteOffNumber: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    document, account = credit_write_offs.get_write_off(
        request.app.state.db, company_id=context.company_id, number=creditWriteOffNumber
    )
    return json_response(write_off_dto(document, account), headers=etag_header(document.row_version))
