"""Company templates: a named snapshot of a company, kept as a company of its own that no one signs in to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db.base import Base, utcnow
from ..db.types import UTCDateTime


class CompanyTemplate(Base):
    """A template's records are the rows of its company (`company_id`), copied from `source_company_id` when it
    was made; clones are copies of them. A template is not itself copied into a clone."""

    __tablename__ = "company_template"
    __table_args__ = {"info": {"copied": False}}

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), unique=True)
    source_company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id", ondelete="SET NULL"))
    description: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
