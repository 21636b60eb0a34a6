"""Numbering sequences (Visma: CS201010): per-company counters for customer, supplier and document numbers."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column

from ..db.base import Base


class NumberSeries(Base):
    __tablename__ = "number_series"

    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), primary_key=True)
    series_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    description: Mapped[str] = mapped_column(String(60), default="")
    last_number: Mapped[int] = mapped_column(BigInteger, default=0)
    # Manual numbering: the client must give every number; automatic: the series gives it.
    manual: Mapped[bool] = mapped_column(Boolean, default=False)
    # Visma's "Allow manual numbering on imports": an automatic series keeps a number a client sends with a new
    # record (without `overrideNumberSeries`) and gives the next one when none is sent.
    manual_on_import: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
