"""A background API call: the request as it was sent (less its credentials), who sent it, where its
notification goes, and, once run, the response."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db.base import Base, utcnow
from ..db.types import UTCDateTime
from ..kit.changes import renders_no_record


class BackgroundStatus:
    STARTED = "Started"
    FINISHED = "Finished"
    FAILED = "Failed"


@renders_no_record
class BackgroundRequest(Base):
    __tablename__ = "background_request"
    __table_args__ = (Index("ix_background_request_expires_at", "expires_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    # Who queued it, as the request's authentication found them: the call runs as them (identity/auth.py,
    # `Caller`), and only they may read its state.
    caller: Mapped[dict] = mapped_column(JSON)
    method: Mapped[str] = mapped_column(String(10))
    scheme: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(Text)
    query: Mapped[str] = mapped_column(Text, default="")
    original_uri: Mapped[str] = mapped_column(Text)
    # The request's headers but its credentials and the background header, as [name, value] pairs.
    request_headers: Mapped[list] = mapped_column(JSON)
    request_body: Mapped[bytes | None] = mapped_column(LargeBinary)
    has_request_content: Mapped[bool] = mapped_column(Boolean, default=False)
    # "none", "subscription", or the legacy form's URL; custom headers for the notification.
    webhook_address: Mapped[str] = mapped_column(Text)
    notification_headers: Mapped[dict] = mapped_column(JSON, default=dict)
    state_location: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=BackgroundStatus.STARTED)
    status_code: Mapped[int] = mapped_column(Integer, default=0)
    received_utc: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_utc: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_utc: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error_message: Mapped[str | None] = mapped_column(Text)
    response_headers: Mapped[dict | None] = mapped_column(JSON)
    response_body: Mapped[bytes | None] = mapped_column(LargeBinary)
    has_response_content: Mapped[bool | None] = mapped_column(Boolean)
    # After this the state and the content are removed; the record stays, emptied, to answer 410.
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
