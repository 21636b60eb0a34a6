"""A UI extension registration: an owner's action on a screen's step, or its menu entry."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db.base import Base, utcnow
from ..db.types import UTCDateTime


class UiExtension(Base):
    __tablename__ = "ui_extension"
    __table_args__ = (Index("ix_ui_extension_company_owner", "company_id", "owner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    internal_id: Mapped[str] = mapped_column(String(36), unique=True, default=lambda: str(uuid.uuid4()))
    owner_id: Mapped[str] = mapped_column(String(36))
    owner_name: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(10))
    screen_id: Mapped[str | None] = mapped_column(String(8))
    step_id: Mapped[str | None] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(100))
    url: Mapped[str] = mapped_column(String(1000))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
