"""Attachments go with what they are attached to: deleting a document deletes its attachments, and deleting a
line (a line operation `Delete`) deletes the line's, which a later line could otherwise inherit with its
number. The bytes stay in the blob store: content-addressed, they may be another revision's too.

Mapper events catch both kinds of deletion, `session.delete(document)` and a line dropped from its document's
collection (delete-orphan), inside the same transaction. The owners' models are named by their registrations
(`registry.register`), so this module imports none of them.
"""

from __future__ import annotations

from sqlalchemy import delete, event

from .models import Attachment


def delete_with_owner(model: type, kind: str) -> None:
    """Deleting a record of `model` deletes every attachment of kind `kind` on it, its lines' too."""
    event.listen(model, "after_delete", _owner_deleted(kind))


def delete_with_line(model: type, kind: str, owner_column: str) -> None:
    """Deleting a line of `model` deletes its attachments; `owner_column` names its record's row."""
    event.listen(model, "after_delete", _line_deleted(kind, owner_column))


def _owner_deleted(kind: str):
    def delete_attachments(_mapper, connection, target) -> None:
        connection.execute(delete(Attachment).where(Attachment.owner_kind == kind, Attachment.owner_id == target.id))

    return delete_attachments


def _line_deleted(kind: str, owner_column: str):
    def delete_attachments(_mapper, connection, target) -> None:
        connection.execute(
            delete(Attachment).where(
                Attachment.owner_kind == kind,
                Attachment.owner_id == getattr(target, owner_column),
                Attachment.line_number == target.line_number,
            )
        )

    return delete_attachments
