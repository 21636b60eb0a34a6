"""The job queue's tables: a job (what to run, when, who holds it) and the marker a job's write leaves in the
transaction that committed it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db.base import Base
from ..db.clock import wallclock
from ..db.types import UTCDateTime
from ..kit.changes import renders_no_record


class JobState:
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@renders_no_record
class Job(Base):
    """One unit of work: `kind` names its handler, `ref` the record it works on. A running job holds a lease; a
    job whose lease ran out (its process died) is claimed again."""

    __tablename__ = "job"
    __table_args__ = (Index("ix_job_state_run_at", "state", "run_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    ref: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(10), default=JobState.QUEUED)
    run_at: Mapped[datetime] = mapped_column(UTCDateTime, default=wallclock)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=wallclock)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


@renders_no_record
class JobWrite(Base):
    """Written in the same transaction as the first change a job's run commits, with the run's attempt: a later
    run that finds it knows an earlier run's change is in the books, and does not make it twice; a run whose lease
    ran out while it still ran, and whose job another run claimed meanwhile, cannot commit a change once the other
    run's marker is in (one marker per job: the key admits one)."""

    __tablename__ = "job_write"

    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), primary_key=True)
    attempt: Mapped[int] = mapped_column(Integer)
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=wallclock)
