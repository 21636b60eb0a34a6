"""Two runs of one job at once: a run too slow to renew its lease (a stalled process, a loaded machine) still runs
when its job is claimed again. The first of the two to commit a change keeps the job; the other's changes are
refused, so a queued create is made once, and the call has one outcome. Through the real app on both databases,
with no job workers of its own: the test claims and runs each attempt itself, in the order it means."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from nettfin.server.background import replay
from nettfin.server.background.models import BackgroundRequest
from nettfin.server.db.clock import wallclock
from nettfin.server.db.engine import Database
from nettfin.server.jobs import queue
from nettfin.server.jobs.models import Job, JobState, JobWrite
from nettfin.server.jobs.queue import Claimed, Superseded
from nettfin.server.jobs.runner import JobRun
from nettfin.server.receivables.models import Customer
from tests.conftest import Tenant

LEASE = timedelta(seconds=1)
LATER = wallclock() + timedelta(days=365)  # jobs the tests make as changes: never due for a claim


@pytest.fixture(autouse=True)
def jobs_done_afterwards(idle_database) -> Iterator[None]:
    """Whatever a test left queued or running is done after it, so the next test claims its own job."""
    yield
    with idle_database.writing() as session:
        unfinished = Job.state.in_((JobState.QUEUED, JobState.RUNNING))
        session.execute(update(Job).where(unfinished).values(state=JobState.DONE))


def _queue_create(tenant: Tenant, name: str) -> str:
    accepted = tenant.client.post(
        "/v1/customer", json={"name": {"value": name}}, headers={**tenant.headers, "erp-api-background": "none"}
    )
    assert accepted.status_code == 202, accepted.text
    return accepted.json()["id"]


def _claimed_twice(db: Database, ref: str) -> tuple[Claimed, Claimed]:
    """The job claimed, then claimed again once the first claim's lease ran out (the first run still runs)."""
    now = wallclock()
    first = queue.claim(db, worker="stalled", now=now, lease=LEASE)
    second = queue.claim(db, worker="prompt", now=now + 2 * LEASE, lease=LEASE)
    assert first is not None and second is not None
    assert (first.ref, second.ref, second.id, first.attempts, second.attempts) == (ref, ref, first.id, 1, 2)
    return first, second


def _run_alone(run: JobRun):
    """A run as another worker would make it: in a context of its own, not inside the other run's."""
    return asyncio.get_running_loop().create_task(replay.run_call(run), context=contextvars.Context())


def _customers(db: Database, company_id: int, name: str) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).where(Customer.company_id == company_id, Customer.name == name))


def _state(db: Database, request_id: str) -> BackgroundRequest:
    with db.reading() as session:
        return session.get(BackgroundRequest, request_id)


def _marker_attempt(db: Database, job_id: int) -> int | None:
    with db.reading() as session:
        marker = session.get(JobWrite, job_id)
        return None if marker is None else marker.attempt


def test_a_run_that_stalled_past_its_lease_makes_no_change_once_the_run_that_claimed_its_job_made_it(
    idle_tenant: Tenant,
):
    db, app = idle_tenant.database, idle_tenant.client.app
    request_id = _queue_create(idle_tenant, "Stalled Run AS")
    first, second = _claimed_twice(db, request_id)

    async def stalled_app(scope, receive, send):
        # The first run has started the call and is about to send it when the second run, which claimed the job
        # after the first's lease ran out, runs it to the end.
        await _run_alone(JobRun(app, db, second, wallclock))
        await app(scope, receive, send)

    with pytest.raises(Superseded):
        asyncio.run(replay.run_call(JobRun(stalled_app, db, first, wallclock)))

    assert _customers(db, idle_tenant.company_id, "Stalled Run AS") == 1
    state = _state(db, request_id)
    assert (state.status, state.status_code) == ("Finished", 201)  # the second run's answer, not the first's 500
    assert _marker_attempt(db, first.id) == 2


def test_a_run_that_finds_the_stalled_run_committed_first_says_so_and_the_call_keeps_that_one_outcome(
    idle_tenant: Tenant,
):
    db, app = idle_tenant.database, idle_tenant.client.app
    request_id = _queue_create(idle_tenant, "First Committed AS")
    first, second = _claimed_twice(db, request_id)

    async def stalled_after_commit(scope, receive, send):
        # The first run's change commits; before it stores the answer, the second run claims the job and runs.
        await app(scope, receive, send)
        await _run_alone(JobRun(app, db, second, wallclock))

    asyncio.run(replay.run_call(JobRun(stalled_after_commit, db, first, wallclock)))

    assert _customers(db, idle_tenant.company_id, "First Committed AS") == 1
    state = _state(db, request_id)
    assert (state.status, state.error_message) == ("Failed", replay.INTERRUPTED)  # stored first; not overwritten
    assert _marker_attempt(db, first.id) == 1


def test_two_runs_committing_at_once_keep_one_change(idle_database: Database):
    """The first run's transaction has written its marker and not committed when the second run's tries to: on
    PostgreSQL the second waits on the marker's key and fails on it; on SQLite it waits for the write lock and
    then finds the marker. Either way, only the first run's change is in."""
    db = idle_database
    with db.writing() as session:
        job = queue.enqueue(session, "overlap", "same", run_at=LATER)
        session.flush()
        job_id = job.id
    marked, done = threading.Event(), threading.Event()
    refused: list[BaseException] = []

    def second_run() -> None:
        marked.wait(timeout=30)
        try:
            with db.writing() as session:
                queue.mark_written(session, job_id, 2)
                queue.enqueue(session, "overlap-change", "second", run_at=LATER)
        except (Superseded, IntegrityError) as error:
            refused.append(error)
        finally:
            done.set()

    thread = threading.Thread(target=second_run)
    thread.start()
    with db.writing() as session:
        queue.mark_written(session, job_id, 1)
        queue.enqueue(session, "overlap-change", "first", run_at=LATER)
        session.flush()  # the marker is written, uncommitted
        marked.set()
        done.wait(timeout=0.5)  # time for the second to reach its insert (it cannot finish before this commits)
    thread.join(timeout=60)

    assert len(refused) == 1, refused
    with db.reading() as session:
        changes = session.scalars(select(Job.ref).where(Job.kind == "overlap-change")).all()
    assert changes == ["first"]
    assert _marker_attempt(db, job_id) == 1
    with db.writing() as session:  # the first run's later transactions are still its own
        queue.mark_written(session, job_id, 1)
        queue.enqueue(session, "overlap-change", "first, again", run_at=LATER)
    assert queue.written_by_another(db, job_id, 2) and not queue.written_by_another(db, job_id, 1)
