"""Attaching files to records, reading the latest revision back, and updating an attachment's settings."""

from __future__ import annotations

import mimetypes
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.errors import BusinessError, NotFound
from ..kit.responses import check_if_match
from .blobs import BlobStore
from .models import HEADER, Attachment, AttachmentRevision
from .uploads import Upload

GENERIC_CONTENT_TYPE = "application/octet-stream"


@dataclass(frozen=True)
class Target:
    """The record an upload attaches to (found, and locked for writing, by `find`), and the line, if any."""

    kind: str
    resource: str  # the owner's data version: attaching changes the record
    label: str  # "Customer invoice '000123'", for messages
    find: Callable[[Session, int, bool], Any]  # (session, company id, for update) -> record or NotFound
    line_number: int | None = None  # None: the record itself

    @property
    def stored_line(self) -> int:
        return HEADER if self.line_number is None else self.line_number


@dataclass(frozen=True)
class Attached:
    attachment_id: str
    owner_row_version: int


@dataclass(frozen=True)
class Content:
    path: Path
    file_name: str
    content_type: str


def check_target(db: Database, *, company_id: int, target: Target, if_match: str | None) -> None:
    """404 for an unknown record or line, and 412 for a stale If-Match, before any byte of the body is read
    (`attach` checks both again in its transaction)."""
    with db.reading() as session:
        record = target.find(session, company_id, False)
        check_if_match(if_match, record.row_version)
        _check_line(target, record)


def attach(
    db: Database, store: BlobStore, *, company_id: int, target: Target, upload: Upload, if_match: str | None
) -> Attached:
    """A new attachment, or a new revision of the record's attachment with the same file name (case-insensitive).

    The sealed blob is moved into place (a rename) inside the transaction, just before it commits: if the
    transaction fails earlier nothing is kept, and a committed revision always finds its bytes."""
    with db.writing() as session:
        record = target.find(session, company_id, True)
        check_if_match(if_match, record.row_version)
        _check_line(target, record)
        now = utcnow()
        attachment = session.scalar(
            select(Attachment).where(
                Attachment.owner_kind == target.kind,
                Attachment.owner_id == record.id,
                Attachment.line_number == target.stored_line,
                Attachment.name_key == upload.file_name.casefold(),
            )
        )
        if attachment is None:
            attachment = Attachment(
                id=str(uuid.uuid4()),
                company_id=company_id,
                owner_kind=target.kind,
                owner_id=record.id,
                line_number=target.stored_line,
                name_key=upload.file_name.casefold(),
                revision=1,
                created_at=now,
            )
            session.add(attachment)
        else:
            attachment.revision += 1
        attachment.name = upload.file_name
        attachment.last_modified_at = now
        if "includeAttachmentInvoiceEmail" in upload.metadata:
            attachment.include_in_invoice_email = _flag(upload.metadata, "includeAttachmentInvoiceEmail")
        session.add(
            AttachmentRevision(
                attachment_id=attachment.id,
                revision=attachment.revision,
                file_name=upload.file_name,
                content_type=_content_type(upload),
                size=upload.blob.size,
                sha256=upload.blob.sha256,
                created_at=now,
            )
        )
        record.last_modified_at = now  # a new row version: the record's ETag changes
        bump_version(session, company_id=company_id, resource=target.resource)
        session.flush()
        store.keep(upload.blob)
        return Attached(attachment.id, record.row_version)


def detach(db: Database, *, company_id: int, target: Target, attachment_id: str) -> None:
    """Delete an attachment of the record (or of its line), with its revisions; 404 when the record, the line or
    the attachment on it is not there. The bytes stay until the blob sweep finds no revision naming them."""
    with db.writing() as session:
        record = target.find(session, company_id, True)
        _check_line(target, record)
        attachment = session.scalar(
            select(Attachment).where(
                Attachment.id == parse_attachment_id(attachment_id),
                Attachment.company_id == company_id,
                Attachment.owner_kind == target.kind,
                Attachment.owner_id == record.id,
                Attachment.line_number == target.stored_line,
            )
        )
        if attachment is None:
            raise NotFound(messages.not_found("Attachment", attachment_id))
        # Revisions first: the rows have no relationship the unit of work would order the deletes by.
        session.execute(delete(AttachmentRevision).where(AttachmentRevision.attachment_id == attachment.id))
        session.execute(delete(Attachment).where(Attachment.id == attachment.id))
        record.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=target.resource)
        session.flush()


def latest_content(db: Database, store: BlobStore, *, company_id: int, attachment_id: str) -> Content:
    with db.reading() as session:
        attachment = _find(session, company_id, attachment_id)
        revision = session.get(AttachmentRevision, (attachment.id, attachment.revision))
        return Content(store.path(revision.sha256), revision.file_name, revision.content_type)


def update_settings(db: Database, *, company_id: int, attachment_id: str, send_to_autoinvoice: bool | None) -> None:
    with db.writing() as session:
        attachment = _find(session, company_id, attachment_id)
        if send_to_autoinvoice is not None:
            attachment.send_to_autoinvoice = send_to_autoinvoice
            attachment.last_modified_at = utcnow()


def sweep_blobs(db: Database, store: BlobStore, *, older_than: float) -> tuple[int, int]:
    """Removes bytes no revision refers to (a transaction that failed after its rename left them), and old
    temporaries; (files, bytes) removed."""
    with db.reading() as session:
        referenced = set(session.scalars(select(AttachmentRevision.sha256).distinct()))
    return store.sweep(referenced, older_than=older_than)


def parse_attachment_id(value: str) -> str:
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        raise BusinessError(
            f"'{value}' is not an attachment id. An attachment id is a GUID, as in the Location of the upload "
            "that created it (e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6)."
        ) from None


def _find(session: Session, company_id: int, attachment_id: str) -> Attachment:
    attachment = session.scalar(
        select(Attachment).where(
            Attachment.id == parse_attachment_id(attachment_id), Attachment.company_id == company_id
        )
    )
    if attachment is None:
        raise NotFound(messages.not_found("Attachment", attachment_id))
    return attachment


def _check_line(target: Target, record: Any) -> None:
    if target.line_number is None:
        return
    if target.line_number not in {line.line_number for line in record.lines}:
        raise NotFound(f"{target.label} has no line {target.line_number}.")


def _content_type(upload: Upload) -> str:
    """The part's Content-Type, unless it is missing or the generic one .NET clients always send: then the
    type the file name implies (`invoice.pdf` is served as application/pdf)."""
    if upload.content_type and upload.content_type != GENERIC_CONTENT_TYPE:
        return upload.content_type[:127]
    return mimetypes.guess_type(upload.file_name)[0] or GENERIC_CONTENT_TYPE


def _flag(metadata: dict, name: str) -> bool:
    value = metadata[name]
    if not isinstance(value, bool):
        raise BusinessError(f"The metadata field '{name}' must be true or false (got {value!r}).")
    return value
