"""Webhook subscriptions (what Visma's Developer Portal keeps per application) and their delivery log.

A subscription's signing key is stored as it is: the server must sign every notification with it (HMAC needs the
key itself, so it cannot be hashed like a client secret), and encrypting it with a key kept by the same server
would protect nothing the database's own access control does not. It is shown once, when the subscription is
made, and never again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db.base import Base, utcnow
from ..db.types import UTCDateTime
from ..kit.changes import renders_no_record


class DeliveryStatus:
    PENDING = "pending"  # queued, or waiting for its next attempt
    DELIVERED = "delivered"  # the receiver answered 2xx
    FAILED = "failed"  # the receiver refused it (4xx but 429), or every attempt failed


class WebhookSubscription(Base):
    __tablename__ = "webhook_subscription"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # a GUID, sent as x-vwd-subscription-id
    application_id: Mapped[int] = mapped_column(ForeignKey("connect_application.id", ondelete="CASCADE"), index=True)
    publisher: Mapped[str] = mapped_column(String(60))
    event_types: Mapped[list] = mapped_column(JSON, default=list)
    url: Mapped[str] = mapped_column(Text)
    # Only this company's events (the portal's tenant filter); None: every company that approved the application.
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    signing_key: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


@renders_no_record
class WebhookDelivery(Base):
    """One notification to one subscription: what is sent (the raw body, signed as it is, and the headers but the
    signature and the timestamps) and how its attempts went; the receiver's feedback when it sent one."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (Index("ix_webhook_delivery_subscription_created", "subscription_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[str] = mapped_column(ForeignKey("webhook_subscription.id", ondelete="CASCADE"))
    notification_id: Mapped[str] = mapped_column(String(36), unique=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    event_id: Mapped[str] = mapped_column(String(100))
    headers: Mapped[dict] = mapped_column(JSON, default=dict)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(10), default=DeliveryStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_status: Mapped[int | None] = mapped_column(Integer)
    response_ms: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    feedback_success: Mapped[bool | None] = mapped_column(Boolean)
    feedback_source: Mapped[str | None] = mapped_column(Text)
    feedback_description: Mapped[str | None] = mapped_column(Text)
    feedback_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
