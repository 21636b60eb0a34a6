"""Journal transactions (GL301000) and the GL balances they post: batches with their lines, and one balance row
per (account, subaccount, period) that every posted batch adds to (Visma: GeneralLedgerBalance).

Batches are written by the posting engine (`posting.py`) for every module, and by the journal transaction
endpoints for manual GL entries. Amounts are in the company's base currency, exact (Money).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..attachments.models import Attachment, OwnerKind, owned_attachments
from ..db.base import Base, utcnow
from ..db.types import Money, UTCDateTime
from .models import Account, Subaccount


class Module(StrEnum):
    """The workspace a batch comes from; the wire spells it `ModuleGL`, `ModuleAP`, ... on journal transactions."""

    GL = "GL"
    AP = "AP"
    AR = "AR"
    CA = "CA"
    CM = "CM"
    IN = "IN"
    SO = "SO"
    PO = "PO"
    DR = "DR"
    FA = "FA"
    EP = "EP"
    PM = "PM"
    TX = "TX"
    CR = "CR"

    @property
    def wire(self) -> str:
        return f"Module{self.value}"


class BatchStatus(StrEnum):
    HOLD = "Hold"
    BALANCED = "Balanced"
    POSTED = "Posted"


class JournalBatch(Base):
    __tablename__ = "journal_batch"
    __table_args__ = (
        UniqueConstraint("company_id", "batch_number"),
        Index("ix_journal_batch_company_modified_id", "company_id", "last_modified_at", "id"),
        Index("ix_journal_batch_company_period_id", "company_id", "period_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    batch_number: Mapped[str] = mapped_column(String(15))
    module: Mapped[str] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(20))
    hold: Mapped[bool] = mapped_column(Boolean, default=False)
    period_id: Mapped[str] = mapped_column(String(6))  # YYYYPP
    transaction_date: Mapped[date] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(String(255))
    # The note a project transaction document carries (PM304000); other batches have none.
    note: Mapped[str | None] = mapped_column(Text)
    currency_id: Mapped[str] = mapped_column(String(5))
    # The document the batch was posted for (`Invoice` `000001`); None for manual GL entries.
    source_type: Mapped[str | None] = mapped_column(String(20))
    source_number: Mapped[str | None] = mapped_column(String(30))
    # A batch that reverses another (a voided document) names the batch it reverses.
    original_batch_number: Mapped[str | None] = mapped_column(String(15))
    debit_total: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    credit_total: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    control_total: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    lines: Mapped[list[JournalLine]] = relationship(
        back_populates="batch", order_by="JournalLine.line_number", cascade="all, delete-orphan"
    )
    attachments: Mapped[list[Attachment]] = owned_attachments("JournalBatch", OwnerKind.JOURNAL_BATCH)

    __mapper_args__ = {"version_id_col": row_version}

    @property
    def posted(self) -> bool:
        return self.status == BatchStatus.POSTED


class JournalLine(Base):
    __tablename__ = "journal_line"
    __table_args__ = (
        UniqueConstraint("batch_id", "line_number"),
        Index("ix_journal_line_company_batch_id", "company_id", "batch_id", "id"),
        Index("ix_journal_line_account_id", "account_id"),
        Index("ix_journal_line_project_id", "project_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    batch_id: Mapped[int] = mapped_column(ForeignKey("journal_batch.id", ondelete="CASCADE"))
    line_number: Mapped[int] = mapped_column(Integer)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    # None only in a company without the SUBACCOUNT dimension.
    subaccount_id: Mapped[int | None] = mapped_column(ForeignKey("subaccount.id"))
    debit: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    credit: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    description: Mapped[str | None] = mapped_column(String(255))
    reference_number: Mapped[str | None] = mapped_column(String(30))
    # Codes, not foreign keys (as items refer to VAT categories): the VAT ID and VAT category of the line.
    vat_id: Mapped[str | None] = mapped_column(String(10))
    vat_category: Mapped[str | None] = mapped_column(String(10))
    party: Mapped[str | None] = mapped_column(String(30))  # the customer or supplier number
    inventory_number: Mapped[str | None] = mapped_column(String(30))
    quantity: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    uom: Mapped[str | None] = mapped_column(String(6))
    note: Mapped[str | None] = mapped_column(String(255))
    # The line's project and task (PM), by row id: none for a line of no project (the non-project code X).
    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id"))
    project_task_id: Mapped[int | None] = mapped_column(ForeignKey("project_task.id"))

    batch: Mapped[JournalBatch] = relationship(back_populates="lines")
    account: Mapped[Account] = relationship(lazy="joined")
    subaccount: Mapped[Subaccount | None] = relationship(lazy="joined")
    # `project` and `project_task`, the records these name, are added by projects.models: projects (PM) build on
    # the ledger, which does not know them.


class LedgerHistory(Base):
    """The posted debits and credits of one account and subaccount in one period (Acumatica's GLHistory):
    every posted batch adds to it, so balances are read without summing journal lines."""

    __tablename__ = "ledger_history"
    __table_args__ = (
        UniqueConstraint("company_id", "account_id", "subaccount_cd", "period_id"),
        Index("ix_ledger_history_company_account_cd_id", "company_id", "account_cd", "id"),
        Index("ix_ledger_history_company_modified_id", "company_id", "last_modified_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    # The account number again, so a page of balances is ordered by it without a join (numbers never change).
    account_cd: Mapped[str] = mapped_column(String(10))
    # The subaccount number, "" in a company without the SUBACCOUNT dimension (a unique key cannot hold NULL).
    subaccount_cd: Mapped[str] = mapped_column(String(30), default="")
    period_id: Mapped[str] = mapped_column(String(6))
    debit: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    credit: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    account: Mapped[Account] = relationship(lazy="joined")
