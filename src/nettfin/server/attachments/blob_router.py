"""`/v1/blob`: download, metadata and presigned URLs of blobs (`blob_links.py`), and the presigned link itself,
which takes no bearer token. HTTP only; the app passes in the company-context dependency and the function giving
the database's link-signing secret, so this package imports no other domain."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Annotated, Protocol

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel
from starlette.responses import FileResponse, Response

from ..db.engine import Database
from ..kit.checks import INT32_MAX
from ..kit.render import format_datetime, json_response
from ..kit.resource import DateTimeText, UuidText
from . import blob_links
from .blob_links import Blob
from .router import content_disposition, prefix_root

_FILE = {200: {"content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}, "description": "The bytes."}}
SIGNED_PATH = "/v1/blob/link"


class _Company(Protocol):
    company_id: int


class BlobMetadata(BaseModel):
    blobId: UuidText | None = None
    blobName: str | None = None
    contentType: str | None = None
    countryCode: str | None = None
    createdDateTimeUtc: DateTimeText | None = None
    fileChecksum: str | None = None
    mD5Hash: str | None = None
    size: int | None = None


class PresignedUrlResponse(BaseModel):
    metadata: BlobMetadata | None = None
    preSignedUrl: str | None = None


def _metadata(found: Blob) -> dict:
    return {
        "blobId": found.blob_id,
        "blobName": found.name,
        "contentType": found.content_type,
        "createdDateTimeUtc": format_datetime(found.created_at),
        "fileChecksum": found.sha256,
        "mD5Hash": found.md5(),
        "size": found.size,
    }


def _file(found: Blob) -> FileResponse:
    return FileResponse(
        found.path, media_type=found.content_type, headers={"Content-Disposition": content_disposition(found.name)}
    )


def blob_routes(context: Callable, link_key: Callable[[Database], str]) -> APIRouter:
    """The blob routes; `context` is the company-context dependency, `link_key(db)` the links' signing secret."""
    router = APIRouter(prefix="/v1/blob", tags=["Blob"])

    def found(request: Request, company: _Company, blob_id: str) -> Blob:
        state = request.app.state
        return blob_links.blob(state.db, state.blobs, company_id=company.company_id, blob_id=blob_id)

    @router.get(
        "/download/{blobId}",
        response_class=FileResponse,
        responses=_FILE,
        summary="Get a specific blob (attachment)",
        description="The bytes of the attachment's latest revision (a blob id is an attachment id).",
    )
    def download(request: Request, blobId: str, company: _Company = Depends(context)):
        return _file(found(request, company, blobId))

    @router.get(
        "/metadata/{blobId}", response_model=BlobMetadata, summary="Get metadata for a specific blob (attachment)"
    )
    def metadata(request: Request, blobId: str, company: _Company = Depends(context)) -> Response:
        return json_response(_metadata(found(request, company, blobId)))

    @router.get(
        "/presignedurl",
        response_model=PresignedUrlResponse,
        summary="Get a presigned URL to download a specific blob (attachment)",
        description=(
            f"A URL of nettfin's that downloads this revision of the blob without a bearer token for "
            f"{blob_links.LINK_SECONDS // 60} minutes."
        ),
    )
    def presigned_url(
        request: Request,
        blobId: str = Query(..., description="The blob (attachment) id."),
        includeMetadata: bool | None = Query(None, description="Include the blob's metadata."),
        company: _Company = Depends(context),
    ) -> Response:
        blob = found(request, company, blobId)
        expires = int(time.time()) + blob_links.LINK_SECONDS
        key = link_key(request.app.state.db).encode()
        signature = blob_links.sign(key, blob.blob_id, blob.revision, expires)
        path = f"{prefix_root(request)}{SIGNED_PATH}/{blob.blob_id}/{blob.revision}"
        url = str(request.url.replace(path=path, query=f"expires={expires}&signature={signature}", fragment=""))
        body: dict = {"preSignedUrl": url}
        if includeMetadata:
            body["metadata"] = _metadata(blob)
        return json_response(body)

    # Not an operation of the API: the URL a presigned-URL answer gives, taken as it is; it needs no bearer token
    # (403 when expired or not signed here), so it is left out of the document, whose operations all need one.
    @router.get("/link/{blobId}/{revision}", response_class=FileResponse, include_in_schema=False)
    def signed_download(
        request: Request,
        blobId: str,
        revision: Annotated[int, Path(ge=1, le=INT32_MAX)],
        expires: Annotated[int, Query(ge=0)],
        signature: str,
    ):
        state = request.app.state
        key = link_key(state.db).encode()
        return _file(
            blob_links.linked_blob(
                state.db, state.blobs, key=key, blob_id=blobId, revision=revision, expires=expires, signature=signature
            )
        )

    return router
