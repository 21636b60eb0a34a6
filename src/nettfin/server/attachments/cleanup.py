"""Attachments go with what they are attached to: deleting a document deletes its attachments, and deleting a
line (a line operation `Delete`) deletes the line's, which a later line could otherwise inherit with its
number. The bytes stay in the blob store: content-addressed, they may be another revision's too.

Mapper events catch both kinds of deletion, `session.delete(document)` and a line dropped from its document's
collection (delete-orphan), inside the same transaction.
"""

from __future__ import annotations

from sqlalchemy import delete, event

from ..inventory.models import InventoryItem
from ..ledger.journal import JournalBatch, JournalLine
from ..payables.document_models import SupplierDocument, SupplierDocumentLine
from ..receivables.document_models import CustomerInvoice, CustomerInvoiceLine
from .models import Attachment, OwnerKind

_OWNERS = {
    CustomerInvoice: OwnerKind.CUSTOMER_INVOICE,
    SupplierDocument: OwnerKind.SUPPLIER_DOCUMENT,
    JournalBatch: OwnerKind.JOURNAL_BATCH,
    InventoryItem: OwnerKind.INVENTORY_ITEM,
}
# Line model -> (its owner's kind, the column naming the owner).
_LINES = {
    CustomerInvoiceLine: (OwnerKind.CUSTOMER_INVOICE, "invoice_id"),
    SupplierDocumentLine: (OwnerKind.SUPPLIER_DOCUMENT, "document_id"),
    JournalLine: (OwnerKind.JOURNAL_BATCH, "batch_id"),
}


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


for _model, _kind in _OWNERS.items():
    event.listen(_model, "after_delete", _owner_deleted(_kind))
for _model, (_kind, _column) in _LINES.items():
    event.listen(_model, "after_delete", _line_deleted(_kind, _column))
