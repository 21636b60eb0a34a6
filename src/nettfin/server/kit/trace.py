"""What the current request is and what it caused, for the request log (requestlog/).

The request log's middleware puts a `RequestTrace` in `current_trace` for each API call it logs; what runs inside
the call notes on it who called (identity/auth.py: the company and the caller), the journal batches it posted
(ledger/posting.py) and the business events it emitted (kit/events.py). A batch or an event counts only when its
transaction committed: it is noted on the session first and moved onto the trace by the session's commit (a
rolled-back transaction, or a `retrying_write` attempt that lost a race, leaves nothing).

The trace is one mutable object shared by the request's task and the threads its sync code runs in (a context
copy holds the same object), so a note made in the thread pool is seen by the middleware. Outside a logged call
(`current_trace` unset: the demo seed, a job's own transactions) every note is a no-op.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

_PENDING = "nettfin.trace_pending"


@dataclass
class RequestTrace:
    background: bool = False  # a queued background call run again through the app
    company_id: int | None = None
    caller: Any = None  # identity.auth.Caller: who sent the call (its application, client or token origin)
    batches: dict[tuple[int, str], dict] = field(default_factory=dict)
    events: list[dict] = field(default_factory=list)


current_trace: ContextVar[RequestTrace | None] = ContextVar("current_trace", default=None)


def note_caller(company_id: int | None, caller: Any) -> None:
    """The company the call runs in (when it has one) and its caller."""
    trace = current_trace.get()
    if trace is None:
        return
    if company_id is not None:
        trace.company_id = company_id
    if caller is not None:
        trace.caller = caller


def note_batch(session: Session, batch: Any) -> None:
    """A journal batch the transaction made or posted (its company, number, module and status)."""
    if current_trace.get() is None:
        return
    noted = {
        "companyId": batch.company_id,
        "batchNumber": batch.batch_number,
        "module": batch.module,
        "status": batch.status,
    }
    session.info.setdefault(_PENDING, []).append(("batch", noted))


def note_events(session: Session, events: list[Any]) -> None:
    """The business events (kit/events.Event) the transaction hands to the webhook outbox."""
    if current_trace.get() is None or not events:
        return
    pending = session.info.setdefault(_PENDING, [])
    for made in events:
        noted = {
            "companyId": made.company_id,
            "entity": made.entity,
            "event": made.event,
            "eventType": made.event_type,
            "id": made.id,
        }
        if made.details:
            noted["details"] = {key: _plain(value) for key, value in made.details.items()}
        pending.append(("event", noted))


def _plain(value: Any) -> Any:
    """A detail as JSON holds it (a status is a string; anything else, such as a Decimal, is written as text)."""
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    trace = current_trace.get()
    if not pending or trace is None:
        return
    for kind, noted in pending:
        if kind == "batch":
            trace.batches[(noted["companyId"], noted["batchNumber"])] = noted
        else:
            trace.events.append(noted)


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(_PENDING, None)
