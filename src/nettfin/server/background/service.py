"""Background calls: queued with their request, run by the job runner (background/replay.py), read back through
the state and content endpoints for 24 hours (configurable), then removed.

Only who queued a call may read it: its company, and its application (a Visma Connect token) or its user (a
legacy token); anyone else gets 403, as the real service answers.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import delete, select, update

from ..db.engine import Database
from ..faults.clock import clock_of
from ..faults.models import CompanyClock
from ..identity.auth import Caller, CompanyContext
from ..jobs import queue
from ..kit.errors import ApiError, NotFound
from .header import NONE, SUBSCRIPTION, Notify
from .models import BackgroundRequest, BackgroundStatus

CALL = "background_call"
NOTIFY = "background_notify"
# A removed call's emptied record answers 410 this long before it is deleted (and unknown ids are 404 again).
TOMBSTONE = timedelta(days=30)


class Forbidden(ApiError):
    status_code = 403


class Gone(ApiError):
    status_code = 410


@dataclass(frozen=True)
class Incoming:
    """A request to queue, as the middleware read it."""

    method: str
    scheme: str
    path: str
    query: str
    url: str
    headers: list[tuple[str, str]]
    body: bytes


@dataclass(frozen=True)
class Call:
    """What the runner replays."""

    id: str
    method: str
    scheme: str
    path: str
    query: str
    headers: list[tuple[str, str]]
    body: bytes
    context: CompanyContext


def api_root(url: str, path: str) -> str:
    """The URL up to the version segment: `https://host` or `https://host/API/controller/api`."""
    parts = urlsplit(url)
    lowered = path.lower()
    cuts = [i for i in (lowered.find("/v1/"), lowered.find("/v2/")) if i >= 0]
    return f"{parts.scheme}://{parts.netloc}{path[: min(cuts)] if cuts else ''}"


def accept(
    db: Database, *, context: CompanyContext, incoming: Incoming, notify: Notify, retention: timedelta, now: datetime
) -> BackgroundRequest:
    request_id = str(uuid.uuid4())
    state_location = f"{api_root(incoming.url, incoming.path)}/v1/background/{request_id}"
    with db.writing() as session:
        record = BackgroundRequest(
            id=request_id,
            company_id=context.company_id,
            caller=_caller_json(context),
            method=incoming.method,
            scheme=incoming.scheme,
            path=incoming.path,
            query=incoming.query,
            original_uri=incoming.url,
            request_headers=[list(pair) for pair in incoming.headers],
            request_body=incoming.body or None,
            has_request_content=bool(incoming.body),
            webhook_address=notify.address,
            notification_headers=dict(notify.headers),
            state_location=state_location,
            status=BackgroundStatus.STARTED,
            status_code=0,
            received_utc=now,
            expires_at=now + retention,
        )
        session.add(record)
        queue.enqueue(session, CALL, request_id)
    return record


def _caller_json(context: CompanyContext) -> dict:
    caller = asdict(context.caller) if context.caller is not None else None
    return {"company_id": context.company_id, "user_id": context.user_id, "caller": caller}


def _context(stored: dict) -> CompanyContext:
    caller = Caller(**stored["caller"]) if stored.get("caller") else None
    return CompanyContext(company_id=stored["company_id"], user_id=stored["user_id"], caller=caller)


def start(db: Database, request_id: str, *, now: datetime) -> Call | None:
    """Mark the call started and hand back what to replay; None when it is gone or already finished."""
    with db.writing() as session:
        record = session.get(BackgroundRequest, request_id)
        if record is None or record.removed or record.status != BackgroundStatus.STARTED:
            return None
        record.started_utc = _company_time(session, record, now)
        return Call(
            id=record.id,
            method=record.method,
            scheme=record.scheme,
            path=record.path,
            query=record.query,
            headers=[(name, value) for name, value in record.request_headers],
            body=record.request_body or b"",
            context=_context(record.caller),
        )


def finish(
    db: Database,
    request_id: str,
    *,
    status_code: int,
    headers: dict[str, str],
    body: bytes,
    now: datetime,
) -> None:
    """Store the call's response and queue its notification, in one transaction; a call that has its outcome
    already (another run of it stored one) keeps it."""
    with db.writing() as session:
        record = session.get(BackgroundRequest, request_id)
        if record is None or record.removed or record.status != BackgroundStatus.STARTED:
            return  # its retention ran out while it ran (nothing is kept), or another run stored its outcome
        record.status = BackgroundStatus.FINISHED
        record.status_code = status_code
        record.response_headers = headers
        record.response_body = body or None
        record.has_response_content = bool(body)
        record.finished_utc = _company_time(session, record, now)
        _notify_later(session, record)


def fail(db: Database, request_id: str, *, error: str, now: datetime) -> None:
    """The queue could not run the call (not the call's own error: that is its content). One outcome per call,
    as in `finish`."""
    with db.writing() as session:
        record = session.get(BackgroundRequest, request_id)
        if record is None or record.removed or record.status != BackgroundStatus.STARTED:
            return
        record.status = BackgroundStatus.FAILED
        record.error_message = error
        record.finished_utc = _company_time(session, record, now)
        record.has_response_content = False
        _notify_later(session, record)


def _company_time(session, record: BackgroundRequest, now: datetime) -> datetime:
    """The real time `now` on the clock of the call's company (its receipt and retention are in that time)."""
    moved = clock_of(session.get(CompanyClock, record.company_id))
    return now if moved is None else moved.at(now)


def _notify_later(session, record: BackgroundRequest) -> None:
    if record.webhook_address.lower() != NONE:
        queue.enqueue(session, NOTIFY, record.id)


@dataclass(frozen=True)
class Notification:
    """A finished call's notification: where it goes (the legacy form's URL, or "subscription": the calling
    application's BACKGROUND_API_RESPONSE subscriptions), its custom headers and its body, and who called."""

    address: str
    headers: dict[str, str]
    body: dict
    company_id: int
    application_id: int | None

    @property
    def to_subscriptions(self) -> bool:
        return self.address.lower() == SUBSCRIPTION


def notification(db: Database, request_id: str) -> Notification | None:
    """The notification of a finished call; None when it goes nowhere."""
    with db.reading() as session:
        record = session.get(BackgroundRequest, request_id)
        if record is None or record.webhook_address.lower() == NONE:
            return None
        body = {
            "id": record.id,
            "statusCode": record.status_code,
            "stateLocation": record.state_location,
            "contentLocation": f"{record.state_location}/content",
        }
        return Notification(
            address=record.webhook_address,
            headers=dict(record.notification_headers or {}),
            body=body,
            company_id=record.company_id,
            application_id=(record.caller.get("caller") or {}).get("application_id"),
        )


def readable(
    db: Database, *, request_id: str, context: CompanyContext, content: bool, now: datetime
) -> BackgroundRequest:
    with db.reading() as session:
        record = session.get(BackgroundRequest, request_id.strip().lower())
    if record is None:
        raise NotFound(f"No background operation state was found for the id '{request_id}'.")
    if not _same_caller(record.caller, context):
        who = "application" if (record.caller.get("caller") or {}).get("application_id") else "user"
        raise Forbidden(
            f"The background operation '{record.id}' was requested by another company or {who}; only the company "
            f"and {who} that requested it may read it."
        )
    if record.removed or record.expires_at <= now:
        removed = f"The background operation '{record.id}' has been removed: states are kept for 24 hours."
        if content:
            raise Gone(removed)
        raise NotFound(removed)
    if content and not record.has_response_content:
        if record.status == BackgroundStatus.STARTED:
            raise NotFound(f"The background operation '{record.id}' has not finished yet; poll its state.")
        raise NotFound(f"The background operation '{record.id}' ended without response content.")
    return record


def _same_caller(stored: dict, context: CompanyContext) -> bool:
    if stored["company_id"] != context.company_id:
        return False
    application = (stored.get("caller") or {}).get("application_id")
    if application is not None:
        return context.caller is not None and context.caller.application_id == application
    return stored["user_id"] == context.user_id


def expire(db: Database, now: datetime) -> None:
    """Empty the calls whose retention is over (their records answer 410), and delete long-removed ones: by the
    real time `now`, and by its own clock in a company whose clock a test moved (its calls are stamped in it)."""
    with db.writing() as session:
        moved = {row.company_id: clock_of(row) for row in session.scalars(select(CompanyClock))}
        _expire(session, now, BackgroundRequest.company_id.not_in(moved) if moved else None)
        for company_id, company_clock in moved.items():
            _expire(session, company_clock.at(now), BackgroundRequest.company_id == company_id)


def _expire(session, now: datetime, companies) -> None:
    narrow = () if companies is None else (companies,)
    session.execute(
        update(BackgroundRequest)
        .where(BackgroundRequest.removed.is_(False), BackgroundRequest.expires_at <= now, *narrow)
        .values(removed=True, request_body=None, response_body=None, response_headers=None, request_headers=[])
        .execution_options(synchronize_session=False)
    )
    session.execute(
        delete(BackgroundRequest)
        .where(BackgroundRequest.removed.is_(True), BackgroundRequest.expires_at <= now - TOMBSTONE, *narrow)
        .execution_options(synchronize_session=False)
    )
