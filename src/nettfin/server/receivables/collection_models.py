"""Collecting overdue receivables: overdue charge setup (Visma: AR204500) and what each calculation charged
(AR507000), and the dunning letters sent to customers (AR521000) with the documents they named.

A customer class with an overdue charge has its customers charged on their released documents past due: the
annual rate on the open balance for the days since the due date (or since the last charge), posted to the
charge's income account when the overdue charge document (a customer document of type `FinCharge`) is released.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, utcnow
from ..db.types import Money, UTCDateTime
from ..ledger.models import Account, Subaccount
from .document_models import ZERO, CustomerInvoice
from .models import Customer, CustomerClass


class OverdueCharge(Base):
    """An overdue charge code and the customer class it applies to (one charge per class)."""

    __tablename__ = "overdue_charge"
    __table_args__ = (
        UniqueConstraint("company_id", "charge_id", name="uq_overdue_charge_company_id"),
        UniqueConstraint("company_id", "customer_class_id", name="uq_overdue_charge_company_id_class"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    charge_id: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")
    customer_class_id: Mapped[int] = mapped_column(ForeignKey("customer_class.id", ondelete="CASCADE"))
    # Percent a year, charged per day (365 a year).
    annual_rate: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # A customer's charge below it is not made.
    minimum_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # Days past due before a document is charged.
    grace_days: Mapped[int] = mapped_column(Integer, default=0)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    # The VAT category of the charge's lines (an exempt one where charges bear no VAT); none: the VAT zone's own.
    vat_category: Mapped[str | None] = mapped_column(String(10))
    subaccount_id: Mapped[int | None] = mapped_column(ForeignKey("subaccount.id"))
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    customer_class: Mapped[CustomerClass] = relationship(lazy="joined")
    account: Mapped[Account] = relationship(lazy="joined")
    subaccount: Mapped[Subaccount | None] = relationship(lazy="joined")


class OverdueChargeItem(Base):
    """One document charged by one overdue charge document, for the days `from_date` (exclusive) to `to_date`."""

    __tablename__ = "overdue_charge_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    charge_document_id: Mapped[int] = mapped_column(ForeignKey("customer_invoice.id", ondelete="CASCADE"))
    invoice_id: Mapped[int] = mapped_column(ForeignKey("customer_invoice.id"), index=True)
    from_date: Mapped[datetime] = mapped_column(UTCDateTime)
    to_date: Mapped[datetime] = mapped_column(UTCDateTime)
    days: Mapped[int] = mapped_column(Integer)
    balance: Mapped[Decimal] = mapped_column(Money)
    amount: Mapped[Decimal] = mapped_column(Money)

    invoice: Mapped[CustomerInvoice] = relationship(foreign_keys=[invoice_id], lazy="joined")


class DunningLetter(Base):
    """A dunning letter to a customer: its level is the highest of the documents it names."""

    __tablename__ = "dunning_letter"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    letter_date: Mapped[datetime] = mapped_column(UTCDateTime)
    level: Mapped[int] = mapped_column(Integer)
    total_overdue: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    customer: Mapped[Customer] = relationship(lazy="joined")
    documents: Mapped[list[DunningLetterDocument]] = relationship(
        back_populates="letter", cascade="all, delete-orphan", lazy="selectin", order_by="DunningLetterDocument.id"
    )


class DunningLetterDocument(Base):
    __tablename__ = "dunning_letter_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("dunning_letter.id", ondelete="CASCADE"))
    invoice_id: Mapped[int] = mapped_column(ForeignKey("customer_invoice.id"), index=True)
    level: Mapped[int] = mapped_column(Integer)
    balance: Mapped[Decimal] = mapped_column(Money)

    letter: Mapped[DunningLetter] = relationship(back_populates="documents")
