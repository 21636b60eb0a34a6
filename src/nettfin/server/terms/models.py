"""Credit terms (Visma: CS206500), shared by the customer and supplier ledgers."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db.base import Base


class CreditTerms(Base):
    __tablename__ = "credit_terms"
    __table_args__ = (UniqueConstraint("company_id", "terms_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    terms_id: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")
    due_days: Mapped[int] = mapped_column(Integer, default=0)


def credit_terms_ref(terms: CreditTerms | None) -> dict | None:
    return None if terms is None else {"id": terms.terms_id, "description": terms.description}
