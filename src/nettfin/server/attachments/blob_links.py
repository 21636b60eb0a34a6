"""Blobs (`/v1/blob`): an attachment's bytes and metadata by blob id, and presigned download links.

A blob id is an attachment's id (the GUID its upload's Location ends with): the blob is the attachment's latest
revision. A presigned URL names one revision, so it keeps downloading the bytes whose metadata it came with after
a new revision is uploaded; it is nettfin's own URL, signed with HMAC-SHA256 under a secret made once per
database (the app passes it in) and valid for `LINK_SECONDS`; it downloads without a bearer token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from ..db.engine import Database
from ..kit import messages
from ..kit.errors import ApiError, BusinessError, NotFound
from .blobs import BlobStore
from .models import Attachment, AttachmentRevision

LINK_SECONDS = 15 * 60


class LinkRefused(ApiError):
    """A presigned link that is expired or not signed by this installation (403)."""

    status_code = 403


@dataclass(frozen=True)
class Blob:
    blob_id: str
    revision: int
    path: Path
    name: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime

    def md5(self) -> str:
        """The bytes' MD5, base64 (as a Content-MD5 header has it): read from the store, not kept."""
        digest = hashlib.md5(usedforsecurity=False)
        with self.path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return base64.b64encode(digest.digest()).decode("ascii")


def blob(db: Database, store: BlobStore, *, company_id: int, blob_id: str) -> Blob:
    """The company's blob (an attachment's latest revision) by its id."""
    with db.reading() as session:
        attachment = session.scalar(
            select(Attachment).where(Attachment.id == parse_blob_id(blob_id), Attachment.company_id == company_id)
        )
        if attachment is None:
            raise NotFound(messages.not_found("Blob", blob_id))
        return _revision(session, store, attachment.id, attachment.revision)


def linked_blob(
    db: Database, store: BlobStore, *, key: bytes, blob_id: str, revision: int, expires: int, signature: str
) -> Blob:
    """The revision a presigned link names, when its signature is this installation's and it has not expired."""
    expected = sign(key, blob_id, revision, expires)
    if not hmac.compare_digest(expected, signature):
        raise LinkRefused("The link's signature is not valid: ask for a new presigned URL.")
    if expires < time.time():
        raise LinkRefused("The link has expired: ask for a new presigned URL.")
    with db.reading() as session:
        return _revision(session, store, parse_blob_id(blob_id), revision)


def sign(key: bytes, blob_id: str, revision: int, expires: int) -> str:
    message = f"{blob_id}/{revision}/{expires}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def parse_blob_id(value: str) -> str:
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        raise BusinessError(
            f"'{value}' is not a blob id. A blob id is a GUID: an attachment's id, as in the Location of the upload "
            "that created it (e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6)."
        ) from None


def _revision(session, store: BlobStore, attachment_id: str, number: int) -> Blob:
    revision = session.get(AttachmentRevision, (attachment_id, number))
    if revision is None:
        raise NotFound(messages.not_found("Blob", attachment_id))
    return Blob(
        blob_id=attachment_id,
        revision=number,
        path=store.path(revision.sha256),
        name=revision.file_name,
        content_type=revision.content_type,
        size=revision.size,
        sha256=revision.sha256,
        created_at=revision.created_at,
    )
