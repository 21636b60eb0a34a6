"""A company's movable clock: what `nettfin admin clock ...`, the admin API and the pytest plugin's `nettfin.clock`
do. Set "now" (running on from there, or frozen), move it by a duration, freeze or resume it, or give the company
real time back; other companies keep real time (db/clock.py says what follows a company's clock and what not).

Time never goes back past the books: a change that would put the company's "now" before the moment its latest
journal batch was posted is refused, naming that posting (moving back would make the ledger hold postings made
"in the future", and stamps and documents dated after "now"). A clock may go back as far as that moment, and any
amount in a company that has posted nothing. Returning to real time obeys the same rule, so a company that was
moved ahead and posted keeps its clock: clone a fresh company from a template instead.

Every change bumps the company's `faults` data version, so each server process sees the new clock on the
company's next call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..db.clock import Clock, wallclock
from ..kit.changes import bump_version
from ..kit.errors import BusinessError
from ..kit.render import format_instant
from ..ledger.journal import JournalBatch
from .models import FAULTS_RESOURCE, CompanyClock
from .rules import find_company

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(9998, 12, 31, tzinfo=UTC)
ONE_MICROSECOND = timedelta(microseconds=1)


def clock_of(row: CompanyClock | None) -> Clock | None:
    if row is None:
        return None
    return Clock(offset=timedelta(microseconds=row.offset_us), frozen_at=row.frozen_at)


@dataclass(frozen=True)
class ClockState:
    """A company's clock as the admin API and the CLI show it."""

    company_id: int
    now: datetime
    frozen: bool
    offset: timedelta
    moved: bool

    def body(self) -> dict:
        return {
            "companyId": self.company_id,
            "now": format_instant(self.now),
            "frozen": self.frozen,
            "offsetSeconds": round(self.offset.total_seconds(), 6),
            "moved": self.moved,
        }


def read(session: Session, company_id: int) -> ClockState:
    find_company(session, company_id)
    return _state(company_id, session.get(CompanyClock, company_id), wallclock())


def set_clock(session: Session, company_id: int, *, now: datetime | None = None, frozen: bool = False) -> ClockState:
    """The company's "now" becomes `now` (its current time when None: freeze or resume it where it is), then
    stands still when `frozen`, or runs on with real time."""
    find_company(session, company_id)
    real = wallclock()
    row = session.get(CompanyClock, company_id)
    target = _state(company_id, row, real).now if now is None else _aware(now, "now")
    return _move(session, company_id, row, real, target, frozen=frozen)


def advance(session: Session, company_id: int, by: timedelta) -> ClockState:
    """Move the company's clock by `by` (back when negative), frozen or running as it was."""
    find_company(session, company_id)
    real = wallclock()
    row = session.get(CompanyClock, company_id)
    current = _state(company_id, row, real)
    try:
        target = current.now + by
    except OverflowError:
        raise BusinessError(_range_problem("The clock moved by that much")) from None
    return _move(session, company_id, row, real, target, frozen=current.frozen)


def reset(session: Session, company_id: int) -> ClockState:
    """Real time again (refused, like any move back, when the company posted after the real time)."""
    find_company(session, company_id)
    real = wallclock()
    row = session.get(CompanyClock, company_id)
    if row is not None:
        _refuse_before_postings(session, company_id, real, "Returning to real time")
        session.execute(delete(CompanyClock).where(CompanyClock.company_id == company_id))
        bump_version(session, company_id=company_id, resource=FAULTS_RESOURCE)
    return _state(company_id, None, real)


def _move(
    session: Session, company_id: int, row: CompanyClock | None, real: datetime, target: datetime, *, frozen: bool
) -> ClockState:
    if not EARLIEST <= target <= LATEST:
        raise BusinessError(_range_problem(f"'{format_instant(target)}'"))
    _refuse_before_postings(session, company_id, target, f"Moving the clock to {format_instant(target)}")
    if row is None:
        row = CompanyClock(company_id=company_id)
        session.add(row)
    offset = target - real
    row.offset_us = 0 if frozen else offset // ONE_MICROSECOND
    row.frozen_at = target if frozen else None
    row.set_at = real
    bump_version(session, company_id=company_id, resource=FAULTS_RESOURCE)
    return ClockState(company_id, target, frozen, offset, True)


def _refuse_before_postings(session: Session, company_id: int, target: datetime, what: str) -> None:
    latest = session.execute(
        select(JournalBatch.batch_number, JournalBatch.posted_at)
        .where(JournalBatch.company_id == company_id, JournalBatch.posted_at.is_not(None))
        .order_by(JournalBatch.posted_at.desc(), JournalBatch.id.desc())
        .limit(1)
    ).first()
    if latest is not None and target < latest.posted_at:
        raise BusinessError(
            f"{what} is refused: journal batch {latest.batch_number} was posted at "
            f"{format_instant(latest.posted_at)}, and the clock cannot go back before the company's latest posting. "
            "Choose an instant at or after it, or clone a company from a template made before that posting."
        )


def _state(company_id: int, row: CompanyClock | None, real: datetime) -> ClockState:
    clock = clock_of(row)
    if clock is None:
        return ClockState(company_id, real, False, timedelta(0), False)
    now = clock.at(real)
    return ClockState(company_id, now, clock.frozen_at is not None, now - real, True)


def parse_instant(text: str, field: str = "now") -> datetime:
    """An ISO 8601 instant with its time zone ('2027-01-31T09:00:00Z'), or a calendar day ('2027-01-31': its
    midnight UTC, the instant document dates are kept at)."""
    value = text.strip()
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), datetime.min.time(), UTC)
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise BusinessError(
            f"Invalid field '{field}': '{text[:40]}' is not a date or an instant; give '2027-01-31' (midnight UTC) "
            "or an ISO 8601 instant with its time zone, e.g. '2027-01-31T09:00:00Z'."
        ) from None
    return _aware(parsed, field)


def duration(*, days: float = 0, hours: float = 0, minutes: float = 0, seconds: float = 0) -> timedelta:
    try:
        return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    except OverflowError:
        raise BusinessError(_range_problem("The clock moved by that much")) from None


def _aware(value: datetime, field: str) -> datetime:
    if value.tzinfo is None:
        raise BusinessError(
            f"Invalid field '{field}': '{value.isoformat()}' has no time zone; give an ISO 8601 instant with one, "
            "e.g. '2027-01-31T09:00:00Z' or '2027-01-31T10:00:00+01:00', or a calendar day ('2027-01-31', midnight "
            "UTC)."
        )
    return value.astimezone(UTC)


def _range_problem(what: str) -> str:
    earliest, latest = format_instant(EARLIEST), format_instant(LATEST)
    return f"{what} is outside the clock's range: give an instant from {earliest} to {latest}."
