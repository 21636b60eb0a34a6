"""One row per logged API call (written in batches by writer.py, read by service.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db.base import Base
from ..db.types import UTCDateTime
from ..kit.changes import renders_no_record


@renders_no_record
class LoggedCall(Base):
    """A call as it was sent and answered, secrets redacted, bodies cut at the body cap (`*_truncated`; the
    `*_size` columns hold the whole body's size as it was sent)."""

    __tablename__ = "request_log"
    __table_args__ = (
        Index("ix_request_log_company_id_id", "company_id", "id"),
        Index("ix_request_log_started_at", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(Text)
    query: Mapped[str] = mapped_column(Text, default="")
    # The company the call ran in, when authentication resolved one.
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    # The Connect client_id, the legacy API client's client id, or the token's origin (development, swagger).
    application: Mapped[str | None] = mapped_column(String(100))
    background: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[int] = mapped_column(Integer)
    latency_ms: Mapped[float] = mapped_column(Float)
    request_id: Mapped[str | None] = mapped_column(String(64))  # the response's Ipp-Request-Id
    request_headers: Mapped[list] = mapped_column(JSON, default=list)
    response_headers: Mapped[list] = mapped_column(JSON, default=list)
    request_body: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    request_size: Mapped[int] = mapped_column(Integer, default=0)
    request_truncated: Mapped[bool] = mapped_column(Boolean, default=False)
    response_body: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    response_size: Mapped[int] = mapped_column(Integer, default=0)
    response_truncated: Mapped[bool] = mapped_column(Boolean, default=False)
    # What the call caused: the journal batches it posted, the business events it emitted.
    batches: Mapped[list] = mapped_column(JSON, default=list)
    events: Mapped[list] = mapped_column(JSON, default=list)
