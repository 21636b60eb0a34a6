"""Attachment endpoints: multipart uploads to documents, their lines and items; `GET`/`PUT /v1/attachment/{id}`.

The upload routes are made from what the owners registered (`registry.py`): one per declared path, each
finding its record through the owner's lookup. They are `async` endpoints that stream the body themselves, so
they sit outside the controller's JSON-only dependency and are mounted under both prefixes like every
controller route. The app passes the company-context dependency in, so this package needs no identity module.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from typing import Protocol
from urllib.parse import quote

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, Response

from ..kit.errors import ERROR_RESPONSES, BusinessError, VismaErrorBody
from ..kit.keys import LineNumber
from ..kit.responses import IfMatch, etag_header
from ..kit.wire import Value, WireModel
from . import service
from .registry import LINE_PARAMETER, Attachable, UploadPath
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


class _Company(Protocol):
    """What the endpoints need of the caller's company context (identity's CompanyContext)."""

    company_id: int


def upload_routes(attachables: Iterable[Attachable], context: Callable) -> APIRouter:
    """One `POST` per path the owners declared, in their order; `context` is the company-context dependency."""
    router = APIRouter(responses=UPLOAD_RESPONSES)
    for attachable in attachables:
        for path in attachable.paths:
            router.add_api_route(
                path.path,
                _upload_endpoint(attachable, path, context),
                methods=["POST"],
                name=path.name,
                status_code=201,
                response_class=Response,
                tags=[attachable.tag],
                summary=path.summary,
                description=_REVISIONS,
                openapi_extra=_MULTIPART_BODY,
            )
    return router


def _upload_endpoint(attachable: Attachable, path: UploadPath, context: Callable) -> Callable:
    """An endpoint whose signature is the path's parameters (the lookup's, then the line's), the If-Match header
    and the company context, in that order: FastAPI reads (and documents) the parameters from it."""

    async def endpoint(request: Request, **parameters) -> Response:
        caller, if_match = parameters.pop("context"), parameters.pop("if_match")
        line = parameters.pop(LINE_PARAMETER) if path.on_line else None
        found = path.lookup(**parameters)  # before the body is looked at: a bad path value is the first error
        target = Target(
            kind=attachable.kind, resource=attachable.resource, label=found.label, find=found.find, line_number=line
        )
        return await _upload(request, caller, target, if_match)

    keyword = inspect.Parameter.KEYWORD_ONLY
    line = [inspect.Parameter(LINE_PARAMETER, keyword, annotation=LineNumber)] if path.on_line else []
    endpoint.__signature__ = inspect.Signature(
        [
            inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request),
            *(parameter.replace(kind=keyword) for parameter in path.parameters()),
            *line,
            inspect.Parameter("if_match", keyword, annotation=IfMatch, default=None),
            inspect.Parameter("context", keyword, default=Depends(context)),
        ],
        return_annotation=Response,
    )
    endpoint.__name__ = endpoint.__qualname__ = path.name
    return endpoint


async def _upload(request: Request, context: _Company, target: Target, if_match: str | None) -> Response:
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
    path = f"{prefix_root(request)}/v1/attachment/{attachment_id}"
    return str(request.url.replace(path=path, query="", fragment=""))


def prefix_root(request: Request) -> str:
    """What the request's path has before its `/v1/` (the legacy prefix, or nothing)."""
    path = request.url.path
    match = _VERSION_SEGMENT.search(path)
    return path[: match.start()] if match else ""


class AttachmentMetadataUpdateDto(WireModel):
    sendToAutoinvoice: Value[bool] | None = None


def attachment_routes(context: Callable) -> APIRouter:
    """`GET`/`PUT /v1/attachment/{attachmentId}`; `context` is the company-context dependency."""
    router = APIRouter(prefix="/v1/attachment", tags=["Attachment"])

    @router.get(
        "/{attachmentId}",
        response_class=FileResponse,
        summary="Get latest revision of a specific Attachment",
        description="The file's bytes (not JSON), with its content type and file name.",
        responses={200: {"content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}}},
    )
    def get_attachment(request: Request, attachmentId: str, company: _Company = Depends(context)):
        content = service.latest_content(
            request.app.state.db, request.app.state.blobs, company_id=company.company_id, attachment_id=attachmentId
        )
        return FileResponse(
            content.path,
            media_type=content.content_type,
            headers={"Content-Disposition": content_disposition(content.file_name)},
        )

    @router.put(
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
        company: _Company = Depends(context),
    ) -> Response:
        changes = metadataDto.changes()
        service.update_settings(
            request.app.state.db,
            company_id=company.company_id,
            attachment_id=attachmentId,
            send_to_autoinvoice=changes.get("sendToAutoinvoice"),
        )
        return Response(status_code=204)

    return router


def content_disposition(file_name: str) -> str:
    """Both forms: a plain ASCII `filename` for old clients, and the exact name as RFC 5987 `filename*`."""
    plain = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in file_name)
    return f"attachment; filename=\"{plain}\"; filename*=utf-8''{quote(file_name, safe='')}"
