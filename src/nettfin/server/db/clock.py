"""What time it is: the real time, or a company's own when a test has moved its clock.

`utcnow()` is the one source of "now" for everything a company's records and books carry: creation and change
stamps, document dates and the dates that default from them (due dates, periods, overdue charges), postings,
background calls' retention, Visma Connect tokens issued for the company. Inside an API call that runs in a
company, it answers that company's time: the real time plus the company's offset, or the instant its clock is
frozen at (clock/ holds the settings, `nettfin admin clock`). Everywhere else, and for companies whose clock was
never moved, it is the real time.

`wallclock()` is always the real time, for what runs on the server's own schedule and must not follow a
company's clock: the job queue (a delivery queued by a company a month ahead must still run now), the throttle's
windows, the request log, key rotation, sign-in sessions.

How a call gets its company's clock: an outer middleware (`ClockScopes`) gives every HTTP request a fresh,
empty `ClockScope` in a context variable; authentication (identity/auth.py), which runs in a worker thread,
puts the company's clock on it. The scope is one mutable object shared by the request's task and every thread
its sync code runs in (a copied context holds the same object), so the endpoint's thread sees what the
dependency's thread set, which a context variable set in a thread would not achieve.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from starlette.types import ASGIApp, Receive, Scope, Send


@dataclass(frozen=True)
class Clock:
    """A moved clock: `frozen_at` when it stands still, else the real time shifted by `offset`."""

    offset: timedelta = timedelta(0)
    frozen_at: datetime | None = None

    def at(self, real: datetime) -> datetime:
        return self.frozen_at if self.frozen_at is not None else real + self.offset


@dataclass
class ClockScope:
    """The clock of the company the current request runs in (None until authentication knows the company)."""

    clock: Clock | None = None


current_scope: ContextVar[ClockScope | None] = ContextVar("current_clock_scope", default=None)


def wallclock() -> datetime:
    return datetime.now(UTC)


def utcnow() -> datetime:
    real = datetime.now(UTC)
    scope = current_scope.get()
    if scope is None or scope.clock is None:
        return real
    return scope.clock.at(real)


def today() -> date:
    """The current calendar day (UTC) of the company the call runs in."""
    return utcnow().date()


def enter(clock: Clock | None) -> None:
    """The current request runs in a company with this clock (None: real time); outside a scope, nothing."""
    scope = current_scope.get()
    if scope is not None:
        scope.clock = clock


@contextmanager
def scoped(clock: Clock | None = None):
    """A scope of its own for what runs inside (a request, a replayed background call, a company's sweep)."""
    token = current_scope.set(ClockScope(clock))
    try:
        yield
    finally:
        current_scope.reset(token)


class ClockScopes:
    """Every HTTP request gets an empty scope, which authentication fills with its company's clock."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = current_scope.set(ClockScope())
        try:
            await self.app(scope, receive, send)
        finally:
            current_scope.reset(token)
