"""Attachments and their revisions: metadata here, bytes in the blob store (by SHA-256).

An attachment belongs to one record (a document header or one of its lines, an item) and is known by its file
name there: uploading the same name to the same record again adds a revision under the same id. The owner is
named by kind and row id rather than by a foreign key per owner table, so one table serves every document.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship
from sqlalchemy.orm.attributes import set_committed_value

from ..db.base import Base, utcnow
from ..db.types import UTCDateTime

# Header-level attachments have line number 0 (a NULL would not take part in the unique constraint).
HEADER = 0


class OwnerKind:
    CUSTOMER_INVOICE = "CustomerInvoice"
    SUPPLIER_DOCUMENT = "SupplierDocument"
    INVENTORY_ITEM = "InventoryItem"
    JOURNAL_BATCH = "JournalBatch"
    EXPENSE_RECEIPT = "ExpenseReceipt"
    CASH_TRANSACTION = "CashTransaction"
    SALES_ORDER = "SalesOrder"


class Attachment(Base):
    __tablename__ = "attachment"
    __table_args__ = (UniqueConstraint("owner_kind", "owner_id", "line_number", "name_key"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    owner_kind: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[int] = mapped_column(Integer)
    line_number: Mapped[int] = mapped_column(Integer, default=HEADER)
    # The file name as last uploaded, and its case-folded form that identifies the attachment on its record.
    name: Mapped[str] = mapped_column(String(255))
    name_key: Mapped[str] = mapped_column(String(255))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    send_to_autoinvoice: Mapped[bool] = mapped_column(Boolean, default=False)
    include_in_invoice_email: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AttachmentRevision(Base):
    __tablename__ = "attachment_revision"

    attachment_id: Mapped[str] = mapped_column(ForeignKey("attachment.id", ondelete="CASCADE"), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(127))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def owned_attachments(owner_model: str, kind: str, *, lazy: str = "selectin"):
    """The `attachments` relationship of an owner model: every attachment of the record, header and lines;
    `selectin` loads them with one query per page of records."""
    return relationship(
        Attachment,
        primaryjoin=f"and_(foreign(Attachment.owner_id) == {owner_model}.id, Attachment.owner_kind == '{kind}')",
        viewonly=True,
        lazy=lazy,
        order_by=(Attachment.line_number, Attachment.name_key),
    )


def attachment_refs(attachments: list[Attachment], line_number: int = HEADER, *, shown: bool = True) -> list | None:
    """`[{name, id, revision}]` of the header (line 0) or of one line; null when a list did not ask for them
    (`expandAttachment(s)=false`), so "not asked" never reads as "none"."""
    if not shown:
        return None
    return [{"name": a.name, "id": a.id, "revision": a.revision} for a in attachments if a.line_number == line_number]


def load_attachments(session: Session, owners: Sequence, kind: str) -> None:
    """Fills the `attachments` of owners whose relationship loads on access, with one query."""
    found: dict[int, list[Attachment]] = {owner.id: [] for owner in owners}
    if found:
        statement = (
            select(Attachment)
            .where(Attachment.owner_kind == kind, Attachment.owner_id.in_(found))
            .order_by(Attachment.line_number, Attachment.name_key)
        )
        for attachment in session.scalars(statement):
            found[attachment.owner_id].append(attachment)
    for owner in owners:
        set_committed_value(owner, "attachments", found[owner.id])
