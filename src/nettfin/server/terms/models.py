"""Credit terms (Visma: CS206500) and payment methods (CA204000), shared by the customer and supplier ledgers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db.base import Base, utcnow
from ..db.types import UTCDateTime


class CreditTerms(Base):
    __tablename__ = "credit_terms"
    __table_args__ = (UniqueConstraint("company_id", "terms_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    terms_id: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")
    due_days: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PaymentMethod(Base):
    """A payment method (CA204000): the code customers, suppliers and their documents carry as
    `paymentMethodId`. `means_of_payment` is the service's template (`CashOrCheck`, `DirectDeposit`,
    `CreditCard`); `use_in_ap`: suppliers may use it."""

    __tablename__ = "payment_method"
    __table_args__ = (UniqueConstraint("company_id", "payment_method_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    payment_method_id: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    means_of_payment: Mapped[str | None] = mapped_column(String(20))
    use_in_ap: Mapped[bool] = mapped_column(Boolean, default=True)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def credit_terms_ref(terms: CreditTerms | None) -> dict | None:
    return None if terms is None else {"id": terms.terms_id, "description": terms.description}
