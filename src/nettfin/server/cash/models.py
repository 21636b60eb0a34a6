"""Cash transactions (CA304000): a receipt into or a disbursement from a cash account, its lines naming the
offset accounts. Released transactions carry the journal batch their release posted; a reversing transaction
names the one it reverses."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped
from ..db.types import Money, UTCDateTime
from ..ledger.models import Account

ZERO = Decimal(0)


class CashTransaction(Stamped, Base):
    __tablename__ = "cash_transaction"
    __table_args__ = (
        UniqueConstraint("company_id", "reference_number"),
        Index("ix_cash_transaction_company_modified_id", "company_id", "last_modified_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    reference_number: Mapped[str] = mapped_column(String(15))
    status: Mapped[str] = mapped_column(String(10), default="Balanced")
    hold: Mapped[bool] = mapped_column(Boolean, default=False)
    released: Mapped[bool] = mapped_column(Boolean, default=False)
    # A calendar day kept as midnight UTC.
    tran_date: Mapped[datetime] = mapped_column(UTCDateTime)
    period_id: Mapped[str] = mapped_column(String(6))
    cash_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    entry_type: Mapped[str | None] = mapped_column(String(10))
    document_ref: Mapped[str | None] = mapped_column(String(40))
    description: Mapped[str | None] = mapped_column(String(256))
    amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # None: the control total is the amount (it was never sent).
    control_total: Mapped[Decimal | None] = mapped_column(Money)
    batch_number: Mapped[str | None] = mapped_column(String(15))
    reverses: Mapped[str | None] = mapped_column(String(15))

    cash_account: Mapped[Account | None] = relationship(lazy="joined")
    lines: Mapped[list[CashTransactionLine]] = relationship(
        back_populates="transaction",
        cascade="all, delete-orphan",
        order_by="CashTransactionLine.line_number",
        lazy="selectin",
    )


class CashTransactionLine(Base):
    __tablename__ = "cash_transaction_line"
    __table_args__ = (UniqueConstraint("transaction_id", "line_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    transaction_id: Mapped[int] = mapped_column(ForeignKey("cash_transaction.id", ondelete="CASCADE"))
    line_number: Mapped[int] = mapped_column(Integer)
    branch_cd: Mapped[str | None] = mapped_column(String(30))
    description: Mapped[str | None] = mapped_column(String(256))
    quantity: Mapped[Decimal] = mapped_column(Money, default=Decimal(1))
    uom: Mapped[str | None] = mapped_column(String(6))
    price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    offset_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    # The subaccount number the line posts to (segment values joined by `-`); None: the dimension's defaults.
    offset_subaccount: Mapped[str | None] = mapped_column(String(30))

    transaction: Mapped[CashTransaction] = relationship(back_populates="lines")
    offset_account: Mapped[Account | None] = relationship(lazy="joined")
