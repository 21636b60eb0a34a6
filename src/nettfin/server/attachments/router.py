"""Attachment endpoints: multipart uploads to documents, their lines and items; `GET`/`PUT /v1/attachment/{id}`.

The uploads are streamed, so they are `async` endpoints that read the body themselves; they sit outside the
controller's JSON-only dependency and are mounted under both prefixes like every controller route.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, Response

from ..identity.auth import CompanyContext, company_context
from ..inventory import service as inventory_service
from ..kit.errors import ERROR_RESPONSES, BusinessError, NotFound, VismaErrorBody
from ..kit.keys import LineNumber, ResourceKey
from ..kit.responses import IfMatch, etag_header
from ..kit.wire import Value, WireModel
from ..ledger import journal_service
from ..ledger.journal_router import parse_module
from ..payables import invoices as supplier_invoices
from ..payables.invoice_router import document_type
from ..receivables import documents as customer_invoices
from . import service
from .models import OwnerKind
from .service import Target
from .uploads import check_declared_length, multipart_boundary, receive_upload

UPLOAD_RESPONSES: dict[int | str, dict] = {
    **ERROR_RESPONSES,
    201: {
        "description": "Attached; empty body. `Location` is the attachment's URL: its last segment is the id.",
        "headers": {
            "Location": {"description": "…/v1/attachment/{attachmentId}", "schema": {"type": "string"}},
            "ETag": {"description": "The record's new timeStamp.", "schema": {"type": "string"}},
        },
    },
    404: {"model": VismaErrorBody, "description": "No such record, or no such line on it; nothing was saved."},
    413: {"model": VismaErrorBody, "description": "The file is larger than the server's limit; nothing was saved."},
    415: {"model": VismaErrorBody, "description": "The body is not multipart/form-data."},
}
_MULTIPART_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "The file; any part name is accepted (`file`, `v`, ...).",
                        },
                        "metadata": {
                            "type": "string",
                            "description": 'Optional JSON, e.g. `{"includeAttachmentInvoiceEmail": true}`.',
                        },
                    },
                }
            }
        },
    }
}
_REVISIONS = "The same file name uploaded again to the same record creates a new revision of that attachment."
_VERSION_SEGMENT = re.compile(r"/v\d+/", re.IGNORECASE)

upload_router = APIRouter(responses=UPLOAD_RESPONSES)
attachment_router = APIRouter(prefix="/v1/attachment", tags=["Attachment"])


def _upload_route(path: str, *, tag: str, summary: str):
    return upload_router.post(
        path,
        status_code=201,
        response_class=Response,
        tags=[tag],
        summary=summary,
        description=_REVISIONS,
        openapi_extra=_MULTIPART_BODY,
    )


async def _upload(request: Request, context: CompanyContext, target: Target, if_match: str | None) -> Response:
    settings, db, store = request.app.state.settings, request.app.state.db, request.app.state.blobs
    limit = settings.attachment_max_bytes
    boundary = multipart_boundary(request.headers.get("content-type"))
    check_declared_length(request.headers.get("content-length"), limit)
    await run_in_threadpool(service.check_target, db, company_id=context.company_id, target=target, if_match=if_match)
    try:
        upload = await receive_upload(request.stream(), boundary=boundary, store=store, limit=limit)
    except ClientDisconnect:
        raise BusinessError("The client went away before the upload was complete; nothing was saved.") from None
    try:
        # Synced before the writing transaction begins: on SQLite that transaction holds the database's write lock.
        await run_in_threadpool(store.seal, upload.blob)
        attached = await run_in_threadpool(
            service.attach, db, store, company_id=context.company_id, target=target, upload=upload, if_match=if_match
        )
    finally:
        store.discard(upload.blob)  # a no-op once the blob is kept
    return Response(
        status_code=201,
        headers={
            "Location": _attachment_url(request, attached.attachment_id),
            **etag_header(attached.owner_row_version),
        },
    )


def _attachment_url(request: Request, attachment_id: str) -> str:
    """The attachment's URL under the prefix the upload came in on (legacy or current)."""
    path = request.url.path
    match = _VERSION_SEGMENT.search(path)
    root = path[: match.start()] if match else ""
    return str(request.url.replace(path=f"{root}/v1/attachment/{attachment_id}", query="", fragment=""))


# Targets: what each path attaches to.


def _customer_invoice(number: str, line: int | None = None) -> Target:
    return Target(
        kind=OwnerKind.CUSTOMER_INVOICE,
        resource=customer_invoices.RESOURCE,
        label=f"Customer invoice '{number}'",
        find=lambda session, company_id, lock: customer_invoices.find_invoice(
            session, company_id, number, for_update=lock
        ),
        line_number=line,
    )


def _supplier_document(kind: str, number: str, line: int | None = None) -> Target:
    return Target(
        kind=OwnerKind.SUPPLIER_DOCUMENT,
        resource=supplier_invoices.RESOURCE,
        label=f"Supplier {kind} '{number}'",
        find=lambda session, company_id, lock: supplier_invoices.find_document(
            session, company_id, kind, number, for_update=lock
        ),
        line_number=line,
    )


def _item(number: str) -> Target:
    return Target(
        kind=OwnerKind.INVENTORY_ITEM,
        resource=inventory_service.RESOURCE,
        label=f"Inventory item '{number}'",
        find=lambda session, company_id, lock: inventory_service.find_item(
            session, company_id, number=number, for_update=lock
        ),
    )


def _journal_transaction(module: str, number: str, line: int | None = None) -> Target:
    wanted = parse_module(module)

    def find(session, company_id: int, lock: bool):
        batch = journal_service.find_batch(session, company_id, number, for_update=lock)
        if batch.module != wanted:
            raise NotFound(f"Journal transaction '{number}' of module {wanted.value} not found.")
        return batch

    return Target(
        kind=OwnerKind.JOURNAL_BATCH,
        resource=journal_service.RESOURCE,
        label=f"Journal transaction '{number}'",
        find=find,
        line_number=line,
    )


@_upload_route(
    "/v1/customerinvoice/{invoiceNumber}/attachment",
    tag="CustomerInvoice",
    summary="Creates an attachment and associates it with an invoice.",
)
async def attach_to_customer_invoice(
    request: Request, invoiceNumber: ResourceKey, if_match: IfMatch = None, context=Depends(company_context)
) -> Response:
    return await _upload(request, context, _customer_invoice(invoiceNumber), if_match)


@_upload_route(
    "/v1/customerinvoice/{invoiceNumber}/{lineNumber}/attachment",
    tag="CustomerInvoice",
    summary="Creates an attachment and associates it with a certain invoice line.",
)
async def attach_to_customer_invoice_line(
    request: Request,
    invoiceNumber: ResourceKey,
    lineNumber: LineNumber,
    if_match: IfMatch = None,
    context=Depends(company_context),
) -> Response:
    return await _upload(request, context, _customer_invoice(invoiceNumber, lineNumber), if_match)


@_upload_route(
    "/v1/supplierInvoice/{invoiceNumber}/attachment",
    tag="SupplierInvoice",
    summary="Creates an attachment and associates it with an invoice (document type Invoice).",
)
async def attach_to_supplier_invoice(
    request: Request, invoiceNumber: ResourceKey, if_match: IfMatch = None, context=Depends(company_context)
) -> Response:
    return await _upload(request, context, _supplier_document("Invoice", invoiceNumber), if_match)


@_upload_route(
    "/v1/supplierInvoice/{invoiceNumber}/{lineNumber}/attachment",
    tag="SupplierInvoice",
    summary="Creates an attachment and associates it with a certain invoice line (document type Invoice).",
)
async def attach_to_supplier_invoice_line(
    request: Request,
    invoiceNumber: ResourceKey,
    lineNumber: LineNumber,
    if_match: IfMatch = None,
    context=Depends(company_context),
) -> Response:
    return await _upload(request, context, _supplier_document("Invoice", invoiceNumber, lineNumber), if_match)


@_upload_route(
    "/v1/supplierInvoice/documentType/{documentType}/{invoiceNumber}/attachment",
    tag="SupplierInvoice",
    summary="Creates an attachment and associates it with a document of the given type.",
)
async def attach_to_supplier_document(
    request: Request,
    documentType: str,
    invoiceNumber: ResourceKey,
    if_match: IfMatch = None,
    context=Depends(company_context),
) -> Response:
    return await _upload(request, context, _supplier_document(document_type(documentType), invoiceNumber), if_match)


@_upload_route(
    "/v1/supplierInvoice/documentType/{documentType}/{invoiceNumber}/{lineNumber}/attachment",
    tag="SupplierInvoice",
    summary="Creates an attachment and associates it with a certain line of a document of the given type.",
)
async def attach_to_supplier_document_line(
    request: Request,
    documentType: str,
    invoiceNumber: ResourceKey,
    lineNumber: LineNumber,
    if_match: IfMatch = None,
    context=Depends(company_context),
) -> Response:
    target = _supplier_document(document_type(documentType), invoiceNumber, lineNumber)
    return await _upload(request, context, target, if_match)


@_upload_route(
    "/v1/inventory/{inventoryNumber}/attachment",
    tag="Inventory",
    summary="Creates an attachment and associates it with an Inventory Item.",
)
async def attach_to_item(
    request: Request, inventoryNumber: ResourceKey, if_match: IfMatch = None, context=Depends(company_context)
) -> Response:
    return await _upload(request, context, _item(inventoryNumber), if_match)


@_upload_route(
    "/v2/journaltransaction/module/{module}/{journalTransactionNumber}/attachment",
    tag="JournalTransactionV2",
    summary="Creates an attachment and associates it with a journal transaction.",
)
async def attach_to_journal_transaction(
    request: Request,
    module: str,
    journalTransactionNumber: ResourceKey,
    if_match: IfMatch = None,
    context=Depends(company_context),
) -> Response:
    return await _upload(request, context, _journal_transaction(module, journalTransactionNumber), if_match)


@_upload_route(
    "/v2/journaltransaction/module/{module}/{journalTransactionNumber}/{lineNumber}/attachment",
    tag="JournalTransactionV2",
    summary="Creates an attachment and associates it with a certain line of a journal transaction.",
)
async def attach_to_journal_transaction_line(
    request: Request,
    module: str,
    journalTransactionNumber: ResourceKey,
    lineNumber: LineNumber,
    if_match: IfMatch = None,
    context=Depends(company_context),
) -> Response:
    target = _journal_transaction(module, journalTransactionNumber, lineNumber)
    return await _upload(request, context, target, if_match)


class AttachmentMetadataUpdateDto(WireModel):
    sendToAutoinvoice: Value[bool] | None = None


@attachment_router.get(
    "/{attachmentId}",
    response_class=FileResponse,
    summary="Get latest revision of a specific Attachment",
    description="The file's bytes (not JSON), with its content type and file name.",
    responses={200: {"content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}}},
)
def get_attachment(request: Request, attachmentId: str, context: CompanyContext = Depends(company_context)):
    content = service.latest_content(
        request.app.state.db, request.app.state.blobs, company_id=context.company_id, attachment_id=attachmentId
    )
    return FileResponse(
        content.path,
        media_type=content.content_type,
        headers={"Content-Disposition": _content_disposition(content.file_name)},
    )


def _content_disposition(file_name: str) -> str:
    """Both forms: a plain ASCII `filename` for old clients, and the exact name as RFC 5987 `filename*`."""
    plain = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in file_name)
    return f"attachment; filename=\"{plain}\"; filename*=utf-8''{quote(file_name, safe='')}"


@attachment_router.put(
    "/{attachmentId}",
    status_code=204,
    response_class=Response,
    summary="Update a specific Attachment",
    description="`sendToAutoinvoice` only applies to files attached to customer documents.",
)
def update_attachment(
    request: Request,
    attachmentId: str,
    metadataDto: AttachmentMetadataUpdateDto,
    context: CompanyContext = Depends(company_context),
) -> Response:
    changes = metadataDto.changes()
    service.update_settings(
        request.app.state.db,
        company_id=context.company_id,
        attachment_id=attachmentId,
        send_to_autoinvoice=changes.get("sendToAutoinvoice"),
    )
    return Response(status_code=204)
