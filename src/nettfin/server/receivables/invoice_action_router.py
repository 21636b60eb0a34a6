"""The customer document routes beyond the declarations' (`invoice_actions`): HTTP only.

`/v1/customerinvoice`: `worktypes`, `action/correct`, `action/reverseandapplytonote`, `action/sendToAutoInvoice`,
`print` and `rotrut`; `/v1/customerCreditNote` and `/v1/customerDebitNote`: `action/sendToAutoInvoice` and
`print`. Registered before the invoice router, whose `/{invoiceNumber}` would take `worktypes`.

No `from __future__ import annotations`: FastAPI reads the note routes' key annotations, made per path.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from pydantic import AfterValidator, BaseModel
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.actions import ActionResultDto, action_result
from ..kit.keys import ResourceKey, decode_key
from ..kit.pdf import PDF_RESPONSES, pdf_response, render_pdf
from ..kit.render import json_response
from ..kit.responses import IfMatch, etag_header
from . import invoice_actions, invoices
from .document_schemas import ReverseInvoiceActionDto
from .invoice_render import invoice_dto

router = APIRouter()
_INVOICE = "/v1/customerinvoice"


class WorkTypeDto(BaseModel):
    rutRotType: str | None = None
    description: str | None = None
    xmlTag: str | None = None


class RotRutDistributionDto(BaseModel):
    lineNbr: int | None = None
    personalId: str | None = None
    amount: float | None = None
    extra: bool | None = None


class RotRutDto(BaseModel):
    docType: str | None = None
    refNbr: str | None = None
    distributedAutomaticaly: bool | None = None
    type: str | None = None
    totalDeductableAmount: float | None = None
    otherCost: float | None = None
    materialCost: float | None = None
    workPrice: float | None = None
    distributedAmount: float | None = None
    appartment: str | None = None
    estate: str | None = None
    organizationNbr: str | None = None
    distribution: list[RotRutDistributionDto] | None = None


@router.get(
    f"{_INVOICE}/worktypes",
    response_model=list[WorkTypeDto],
    tags=["CustomerInvoice"],
    summary="Get work types for ROT/RUT",
    description="The work types of the Swedish ROT and RUT deductions, as the Swedish Tax Agency names them.",
)
def list_work_types(context: CompanyContext = Depends(company_context)) -> Response:
    return json_response(invoice_actions.work_types())


def _document_answer(request: Request, document, collection: str, *, body: bool = False) -> Response:
    """The action result (or the document, `body`) with the document's ETag and its Location."""
    if body:
        found, references = invoices.get_invoice(
            request.app.state.db, company_id=document.company_id, number=document.reference_number
        )
        response = json_response(invoice_dto(found, references, {}), headers=etag_header(document.row_version))
    else:
        response = action_result(document.row_version)
    url = str(request.url.replace(query="", fragment=""))
    root = url[: url.lower().index(_INVOICE)]
    response.headers["Location"] = f"{root}{collection}/{document.reference_number}"
    return response


@router.post(
    f"{_INVOICE}/{{invoiceNumber}}/action/correct",
    response_model=ActionResultDto,
    tags=["CustomerInvoice"],
    summary="Create a correction document for a released document",
    description=(
        "The released invoice is reversed by a credit note applied to it (both close), and a new unreleased copy "
        "of it is opened for editing: `Location` and the ETag are the new invoice's."
    ),
)
def correct_invoice(
    request: Request,
    invoiceNumber: ResourceKey,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    copy = invoice_actions.correct_invoice(
        request.app.state.db, company_id=context.company_id, number=invoiceNumber, if_match=if_match
    )
    return _document_answer(request, copy, _INVOICE)


@router.post(
    f"{_INVOICE}/{{invoiceNumber}}/action/reverseandapplytonote",
    tags=["CustomerInvoice"],
    summary="Reverse and Apply to Note",
    description=(
        "A credit note reversing the released invoice, released and applied to what the invoice has left: the "
        "invoice closes. `Location` and the ETag are the credit note's; with `returnCreditNote: true` the body "
        "is the credit note."
    ),
)
def reverse_and_apply_to_note(
    request: Request,
    invoiceNumber: ResourceKey,
    action: ReverseInvoiceActionDto | None = None,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    note = invoice_actions.reverse_and_apply(
        request.app.state.db, company_id=context.company_id, number=invoiceNumber, if_match=if_match
    )
    return _document_answer(
        request, note, "/v1/customerCreditNote", body=action is not None and bool(action.returnCreditNote)
    )


def _key(param: str):
    """A path parameter named `param` in the path, decoded as keys are."""
    return Annotated[str, Path(alias=param), AfterValidator(decode_key)]


def _auto_invoice_route(path: str, param: str, tag: str, label: str, kind: invoices.Kind) -> None:
    @router.post(
        f"{path}/{{{param}}}/action/sendToAutoInvoice",
        response_model=ActionResultDto,
        tags=[tag],
        summary=f"SendToAutoInvoice {label} operation",
        description=(
            "Records the released document as sent to AutoInvoice (`sendToAutoInvoice` true where the DTO has it); "
            "nettfin sends nothing over the network."
        ),
        name=f"send_{tag.lower()}_to_auto_invoice",
    )
    def send_to_auto_invoice(
        request: Request, number: _key(param), if_match: IfMatch = None, context=Depends(company_context)
    ) -> Response:
        document = invoice_actions.send_to_auto_invoice(
            request.app.state.db, company_id=context.company_id, number=number, if_match=if_match, kind=kind
        )
        return action_result(document.row_version)


def _print_route(path: str, param: str, tag: str, label: str, kind: invoices.Kind) -> None:
    @router.get(
        f"{path}/{{{param}}}/print",
        tags=[tag],
        summary=f"Get the print report of a {label}",
        response_class=Response,
        responses=PDF_RESPONSES,
        name=f"print_{tag.lower()}",
    )
    def print_document(request: Request, number: _key(param), context=Depends(company_context)) -> Response:
        document = invoice_actions.read_document(
            request.app.state.db, company_id=context.company_id, number=number, kind=kind
        )
        title = f"{label} {document.reference_number}"
        return pdf_response(
            render_pdf(title, invoice_actions.print_lines(document)), f"{tag}-{document.reference_number}.pdf"
        )


@router.get(
    f"{_INVOICE}/{{refNbr}}/rotrut",
    response_model=RotRutDto,
    tags=["CustomerInvoice"],
    summary="Get ROT/RUT information of an invoice",
    description="nettfin computes no ROT/RUT deduction: nothing is deductible or distributed.",
)
def get_rot_rut(request: Request, refNbr: ResourceKey, context: CompanyContext = Depends(company_context)) -> Response:
    document = invoice_actions.read_document(request.app.state.db, company_id=context.company_id, number=refNbr)
    return json_response(invoice_actions.rot_rut(document), headers=etag_header(document.row_version))


for _path, _param, _tag, _label, _kind in (
    (_INVOICE, "invoiceNumber", "CustomerInvoice", "Customer Invoice", invoices.INVOICES),
    ("/v1/customerCreditNote", "creditNoteNumber", "CustomerCreditNote", "Customer Credit Note", invoices.CREDIT_NOTES),
    ("/v1/customerDebitNote", "debitNoteNumber", "CustomerDebitNote", "Customer Debit Note", invoices.DEBIT_NOTES),
):
    _auto_invoice_route(_path, _param, _tag, _label.split(" ", 1)[1].lower(), _kind)
    _print_route(_path, "refNbr" if _path == _INVOICE else _param, _tag, _label, _kind)
