"""A company's test settings: its fault rules, whether the throttle's real limits are on for it whatever the server's
policy, and its clock when a test moved it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db.base import Base, utcnow
from ..db.clock import wallclock
from ..db.types import UTCDateTime

# The data version (kit/changes.py) every change to a company's rules or throttle switch bumps: the per-process
# cache of both is keyed by it. Using up a rule's `times` does not bump it: the countdown is read where it is spent.
FAULTS_RESOURCE = "faults"


class FaultRule(Base):
    __tablename__ = "fault_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    # Narrowing: one Connect application or one legacy API client, one method, one path glob (None: any).
    application_id: Mapped[int | None] = mapped_column(ForeignKey("connect_application.id", ondelete="CASCADE"))
    api_client_id: Mapped[int | None] = mapped_column(ForeignKey("api_client.id", ondelete="CASCADE"))
    method: Mapped[str | None] = mapped_column(String(10))
    path: Mapped[str | None] = mapped_column(String(200))
    # Effects: latency, combinable with one of a status (HTTP, or 12027 for the IPP licence error) or a drop.
    latency_ms: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[int | None] = mapped_column(Integer)
    retry_after: Mapped[int | None] = mapped_column(Integer)
    drop: Mapped[str | None] = mapped_column(String(6))
    probability: Mapped[float] = mapped_column(Float, default=1.0)
    times: Mapped[int | None] = mapped_column(Integer)
    remaining: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ThrottleSwitch(Base):
    """A row per company whose throttle was switched; `enabled`: the real limits apply to its calls."""

    __tablename__ = "throttle_switch"

    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)


class CompanyClock(Base):
    """A company whose clock was moved (faults/clock.py): its "now" is `frozen_at` while it stands still, else
    the real time plus `offset_us` microseconds. No row: real time. The `faults` data version covers it too, so
    the per-process cache of a company's test settings (injection.py) has one key to check per call."""

    __tablename__ = "company_clock"

    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), primary_key=True)
    offset_us: Mapped[int] = mapped_column(BigInteger, default=0)
    frozen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=wallclock)
