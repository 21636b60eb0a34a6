"""The job queue on the database: enqueue in the caller's transaction, claim exactly once, finish, retry.

A claim is one writing transaction that takes the oldest due job: one queued whose time has come, or one whose
holder's lease ran out (the process that claimed it died). On PostgreSQL the candidate row is locked with
`FOR UPDATE SKIP LOCKED`, so server processes claiming at the same moment take different jobs and never wait on
each other; on SQLite the writing transaction's `BEGIN IMMEDIATE` already admits one claimer at a time (SQLite
renders no FOR UPDATE).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, event, or_, select
from sqlalchemy.orm import Session

from ..db.engine import Database
from .models import Job, JobState, JobWrite

_MARKED = "nettfin.job_write_marked"
_QUEUED = "nettfin.jobs_queued"
# Called after a transaction that queued a job commits: the runners of this process (`JobRunner.wake`), so a job
# queued here starts at once, not at the next poll. Jobs queued by another process wait for the poll.
wakers: set[Callable[[], None]] = set()


@dataclass(frozen=True)
class Claimed:
    """What a handler gets of its job: the row's values, not the row (the claim's session is closed)."""

    id: int
    kind: str
    ref: str
    attempts: int


def enqueue(session: Session, kind: str, ref: str, *, run_at: datetime | None = None) -> Job:
    """Queue a job in the caller's transaction: it exists if and only if the caller's change commits."""
    job = Job(kind=kind, ref=ref, state=JobState.QUEUED)
    session.info[_QUEUED] = True
    if run_at is not None:
        job.run_at = run_at
    session.add(job)
    return job


@event.listens_for(Session, "after_commit")
def _wake(session: Session) -> None:
    if session.info.pop(_QUEUED, None):
        for wake in list(wakers):
            wake()


@event.listens_for(Session, "after_soft_rollback")
def _forget_queued(session: Session, _previous: object) -> None:
    session.info.pop(_QUEUED, None)


def _due(now: datetime):
    return or_(
        and_(Job.state == JobState.QUEUED, Job.run_at <= now),
        and_(Job.state == JobState.RUNNING, Job.lease_until < now),
    )


def claim(db: Database, *, worker: str, now: datetime, lease: timedelta) -> Claimed | None:
    """The oldest due job, now this worker's; None when none is due. An idle poll only reads: on SQLite a
    writing transaction would take the one write lock every poll of every worker."""
    due = _due(now)
    with db.reading() as session:
        if session.scalar(select(Job.id).where(due).limit(1)) is None:
            return None
    with db.writing() as session:
        job = session.scalars(
            select(Job).where(due).order_by(Job.run_at, Job.id).limit(1).with_for_update(skip_locked=True)
        ).first()
        if job is None:
            return None
        job.state = JobState.RUNNING
        job.lease_until = now + lease
        job.claimed_by = worker
        job.attempts += 1
        return Claimed(id=job.id, kind=job.kind, ref=job.ref, attempts=job.attempts)


def finish(db: Database, job_id: int, *, now: datetime, error: str | None = None) -> None:
    """Done (or failed for good, with the reason)."""
    with db.writing() as session:
        job = session.get(Job, job_id)
        if job is None:
            return
        job.state = JobState.FAILED if error is not None else JobState.DONE
        job.last_error = error
        job.finished_at = now
        job.lease_until = None


def retry(db: Database, job_id: int, *, at: datetime, error: str) -> None:
    """Run it again at `at`: the job goes back to the queue with the reason it did not succeed."""
    with db.writing() as session:
        job = session.get(Job, job_id)
        if job is None:
            return
        job.state = JobState.QUEUED
        job.run_at = at
        job.last_error = error
        job.lease_until = None


class Superseded(Exception):
    """Another run of the job committed a change first (this run's lease ran out while it ran, and the job was
    claimed again): this run's transaction is rolled back, and the job is the other run's to finish."""

    def __init__(self, job_id: int) -> None:
        super().__init__(f"Another run of job {job_id} committed its change first; this run's change is not made.")


def written_by_another(db: Database, job_id: int, attempt: int) -> bool:
    """Whether a run of the job other than attempt `attempt` committed a change (see `mark_written`)."""
    with db.reading() as session:
        marker = session.get(JobWrite, job_id)
        return marker is not None and marker.attempt != attempt


def mark_written(session: Session, job_id: int, attempt: int) -> None:
    """Note, in a transaction the job's run is about to commit, that the run changed the books: the marker
    commits with the change or not at all. The first transaction of a run writes it; a transaction that finds
    another run's marker raises `Superseded`, and one that commits beside another run's (PostgreSQL: both
    inserting at once) fails on its key, so at most one run's changes are ever in."""
    if session.info.get(_MARKED) == job_id:
        return
    marker = session.get(JobWrite, job_id)
    if marker is None:
        session.add(JobWrite(job_id=job_id, attempt=attempt))
    elif marker.attempt != attempt:
        raise Superseded(job_id)
    session.info[_MARKED] = job_id


def forget_finished(db: Database, *, before: datetime) -> int:
    """Delete jobs done or failed before `before`; the records they worked on keep their own history."""
    with db.writing() as session:
        result = session.execute(
            delete(Job).where(Job.state.in_((JobState.DONE, JobState.FAILED)), Job.finished_at < before)
        )
        return result.rowcount or 0


def renew(db: Database, job_id: int, *, worker: str, until: datetime) -> None:
    """Extend the lease of a job its worker still runs."""
    with db.writing() as session:
        job = session.get(Job, job_id)
        if job is not None and job.state == JobState.RUNNING and job.claimed_by == worker:
            job.lease_until = until
