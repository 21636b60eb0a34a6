"""The job runner: one mechanism for every piece of work done outside a request (background API calls, webhook
deliveries, retention clean-up), in every server process.

Each server process runs a few worker tasks. A worker claims a due job (jobs/queue.py: exactly once across
processes), runs its kind's handler, and finishes it, or queues it again after an exponential back-off when the
handler asks to be retried (`Retry`) or fails unexpectedly, until the kind's attempts are spent. While a handler
runs, the worker renews the job's lease; a process that dies leaves a lease that runs out, and another worker
(or the restarted process) claims the job again. A handler whose work writes to the books wraps it in
`run.marking_writes()` and checks `run.another_run_wrote()` first, so a run after a crash does not make the same
change twice. A run that was too slow to renew its lease, and whose job another run claimed, may run beside that
run: the first of the two to commit a change keeps the job, and the other's transactions are refused
(`queue.Superseded`); a handler that finds so raises `Superseded`, and its worker leaves the job alone.

Workers sleep until a transaction of their own process that queued a job commits (`queue.wakers`) or the poll
interval passes (a job queued by another process, or one whose time came). Periodic tasks (retention clean-up)
run on their own interval.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import anyio

from ..db.clock import wallclock
from ..db.engine import Database, before_commit
from . import queue
from .queue import Claimed, Superseded

log = logging.getLogger("nettfin.jobs")

Handler = Callable[["JobRun"], Awaitable[None]]


@dataclass(frozen=True)
class Kind:
    handler: Handler
    max_attempts: int


@dataclass(frozen=True)
class Periodic:
    name: str
    every: timedelta
    task: Callable[[Database, datetime], Any]


_KINDS: dict[str, Kind] = {}
_PERIODIC: dict[str, Periodic] = {}


def register(kind: str, handler: Handler, *, max_attempts: int = 8) -> None:
    """Name the handler of a kind of job (at import time, by the package that queues them)."""
    _KINDS[kind] = Kind(handler, max_attempts)


def register_periodic(name: str, every: timedelta, task: Callable[[Database, datetime], Any]) -> None:
    """A synchronous task every runner runs on an interval (it must be safe to run in several processes)."""
    _PERIODIC[name] = Periodic(name, every, task)


class Retry(Exception):
    """Raised by a handler whose work did not succeed but may on a later attempt; `after` (seconds) overrides
    the back-off (a receiver's Retry-After)."""

    def __init__(self, reason: str, *, after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after = after


def retry_after_seconds(value: str | None) -> float | None:
    """A receiver's `Retry-After` in seconds (the delta form; a date or nonsense leaves the back-off)."""
    text = (value or "").strip()
    return float(text) if text.isdigit() else None


@dataclass
class JobRun:
    """A claimed job as its handler sees it."""

    app: Any
    db: Database
    job: Claimed
    clock: Callable[[], datetime]

    def another_run_wrote(self) -> bool:
        """Whether another run of this job (an earlier one, or one beside this one) committed a change."""
        return queue.written_by_another(self.db, self.job.id, self.job.attempts)

    @contextmanager
    def marking_writes(self) -> Iterator[None]:
        """Every writing transaction inside the block (including those of a request the block sends through the
        app, which inherits the context) records that this job's run changed the books."""
        job_id, attempt = self.job.id, self.job.attempts
        token = before_commit.set(lambda session: queue.mark_written(session, job_id, attempt))
        try:
            yield
        finally:
            before_commit.reset(token)


@dataclass
class RunnerSettings:
    workers: int = 2
    poll_seconds: float = 1.0
    lease_seconds: float = 300.0
    retry_base_seconds: float = 2.0
    retry_cap_seconds: float = 3600.0
    keep_finished: timedelta = field(default_factory=lambda: timedelta(days=7))


@dataclass(frozen=True)
class _Workers:
    """The workers a runner started in one event loop, and the event that wakes them."""

    event: asyncio.Event
    tasks: list[asyncio.Task]


class JobRunner:
    def __init__(
        self,
        app: Any,
        db: Database,
        settings: RunnerSettings | None = None,
        *,
        clock: Callable[[], datetime] = wallclock,
    ) -> None:
        self.app = app
        self.db = db
        self.settings = settings or RunnerSettings()
        self.clock = clock
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._started: dict[asyncio.AbstractEventLoop, _Workers] = {}
        keep = self.settings.keep_finished
        self._forget = Periodic(
            "forget finished jobs", timedelta(hours=1), lambda db, now: queue.forget_finished(db, before=now - keep)
        )
        self._own: list[Periodic] = []

    def add_periodic(self, name: str, every: timedelta, task: Callable[[Database, datetime], Any]) -> None:
        """A periodic task of this runner only (one that needs the app's settings, such as a retention)."""
        self._own.append(Periodic(name, every, task))

    # Life cycle (the server's lifespan).

    async def start(self) -> None:
        """Start this loop's workers. An app whose lifespan runs in two event loops at once (a test client and a
        fuzzer's ASGI transport over one app) gets a set of workers in each; the queue's claims keep a job to
        one of them."""
        loop = asyncio.get_running_loop()
        if loop in self._started:
            return
        event = asyncio.Event()
        tasks = [asyncio.create_task(self._work(event), name=f"job-worker-{n}") for n in range(self.settings.workers)]
        tasks.append(asyncio.create_task(self._periodic(), name="job-periodic"))
        self._started[loop] = _Workers(event, tasks)
        queue.wakers.add(self.wake)

    async def stop(self) -> None:
        """Stop this loop's workers; the waker goes with the last of them."""
        workers = self._started.pop(asyncio.get_running_loop(), None)
        if not self._started:
            queue.wakers.discard(self.wake)
        if workers is None:
            return
        for task in workers.tasks:
            task.cancel()
        for task in workers.tasks:
            with suppress(asyncio.CancelledError):
                await task

    def wake(self) -> None:
        """A job was queued: wake this process's workers now rather than at their next poll. Safe from any
        thread; nothing happens when the runner is not started."""
        for loop, workers in list(self._started.items()):
            if not loop.is_closed():
                loop.call_soon_threadsafe(workers.event.set)

    # Running jobs.

    async def run_one(self) -> bool:
        now = self.clock()
        lease = timedelta(seconds=self.settings.lease_seconds)
        job = await anyio.to_thread.run_sync(lambda: queue.claim(self.db, worker=self.worker, now=now, lease=lease))
        if job is None:
            return False
        await self._run(job)
        return True

    async def _run(self, job: Claimed) -> None:
        kind = _KINDS.get(job.kind)
        if kind is None:
            await self._finish(job, f"No handler for jobs of kind '{job.kind}' in this server.")
            return
        if job.attempts > kind.max_attempts:
            await self._finish(job, f"Gave up after {kind.max_attempts} attempts.")
            return
        heartbeat = asyncio.create_task(self._heartbeat(job))
        try:
            await kind.handler(JobRun(self.app, self.db, job, self.clock))
        except Retry as retry:
            await self._again(job, kind, retry.reason, retry.after)
            return
        except Superseded:
            log.warning("job %s (%s %s): another run committed its change first", job.id, job.kind, job.ref)
            return  # that run finishes the job; if it died, the lease this run held runs out and a third run does
        except Exception as error:  # a handler's bug must not stop the worker
            log.exception("job %s (%s %s) failed", job.id, job.kind, job.ref)
            await self._again(job, kind, f"{type(error).__name__}: {error}", None)
            return
        finally:
            heartbeat.cancel()
        await self._finish(job, None)

    async def _again(self, job: Claimed, kind: Kind, reason: str, after: float | None) -> None:
        if job.attempts >= kind.max_attempts:
            await self._finish(job, f"Gave up after {job.attempts} attempts: {reason}")
            return
        delay = after if after is not None else self.backoff(job.attempts)
        at = self.clock() + timedelta(seconds=delay)
        await anyio.to_thread.run_sync(lambda: queue.retry(self.db, job.id, at=at, error=reason))

    def backoff(self, attempts: int) -> float:
        """Seconds before attempt `attempts + 1`: the base, doubled per attempt made, capped."""
        return min(self.settings.retry_base_seconds * 2 ** (attempts - 1), self.settings.retry_cap_seconds)

    async def _finish(self, job: Claimed, error: str | None) -> None:
        now = self.clock()
        await anyio.to_thread.run_sync(lambda: queue.finish(self.db, job.id, now=now, error=error))

    async def _heartbeat(self, job: Claimed) -> None:
        lease = timedelta(seconds=self.settings.lease_seconds)
        while True:
            await asyncio.sleep(self.settings.lease_seconds / 3)
            now = self.clock()
            await anyio.to_thread.run_sync(
                lambda: queue.renew(self.db, job.id, worker=self.worker, until=now + lease)  # noqa: B023
            )

    async def _work(self, event: asyncio.Event) -> None:
        while True:
            try:
                ran = await self.run_one()
            except Exception:  # the database away for a moment: try again at the next poll
                log.exception("claiming a job failed")
                ran = False
            if ran:
                continue
            event.clear()
            with suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), self.settings.poll_seconds)

    async def _periodic(self) -> None:
        last: dict[str, datetime] = {}
        while True:
            now = self.clock()
            for periodic in [*_PERIODIC.values(), self._forget, *self._own]:
                if now - last.get(periodic.name, datetime.min.replace(tzinfo=now.tzinfo)) < periodic.every:
                    continue
                last[periodic.name] = now
                try:
                    await anyio.to_thread.run_sync(periodic.task, self.db, now)
                except Exception:
                    log.exception("periodic task %s failed", periodic.name)
            await asyncio.sleep(self.settings.poll_seconds * 10)
