"""Business events (Customer Created, AR Invoice Status Changed, ...): noticed in the writing transaction that makes
the change, handed to the webhook outbox just before it commits, so an event is sent if and only if its change
committed.

A model declares the entity it is, once, next to its class (`register(Source(...))`): the events the real
catalogue lists for the entity (reference §6.2), how to name a record (`id` in the notification), and which column
is its status or its identity. The session's flush tells which registered records were inserted, changed or
deleted, whichever use case wrote them; `write_pending_events` (run by `Database.writing()` before the data
versions) gives the transaction's events, de-duplicated and in order, to the publisher the webhooks package set.

- Created / Deleted: an insert / a delete of the record.
- Updated: a change to one of the record's own columns (its timestamps and row version aside), not in the
  transaction that created it.
- Changed: either of those, once per record and transaction.
- Status Changed: the status column moved from one value to another.
- Identity Changed: the key column changed (an account's number); the notification names the new id and the old.
- Action Triggered: the request ran an `.../action/<name>` endpoint and the record changed in its transaction (the
  real service fires it for automation actions; the API's actions are nettfin's, see docs/compatibility.md).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from ..db.new_rows import new_records
from .trace import note_events

CREATED = "Created"
UPDATED = "Updated"
CHANGED = "Changed"
DELETED = "Deleted"
STATUS_CHANGED = "Status Changed"
IDENTITY_CHANGED = "Identity Changed"
ACTION_TRIGGERED = "Action Triggered"

# Columns every stamped record updates on any write: a change to them alone is no Updated.
_BOOKKEEPING = frozenset({"created_at", "last_modified_at", "row_version"})
_PENDING = "nettfin.pending_events"
_CREATED = "nettfin.created_records"  # the registered records the transaction inserted: no Updated for them

# The action endpoint the current request runs (`ActionNames` sets it), for Action Triggered.
current_action: ContextVar[str | None] = ContextVar("current_action", default=None)


@dataclass(frozen=True)
class Source:
    """A model as an entity of the event catalogue."""

    entity: str  # as the catalogue names it: "Customer", "AR Invoice"
    model: type
    events: frozenset[str]
    key: Callable[[Any], str]  # the record's id in a notification
    status: str | None = None  # the attribute whose moves are Status Changed
    identity: str | None = None  # the attribute whose change is Identity Changed
    details: Callable[[Any], dict[str, Any]] | None = None  # more members of the notification (a document's type)
    # Fires the named event (instead of Created/Updated/Changed) for a child record of the entity: a project task
    # changed is "PM Project" "PMTask Updated".
    child_event: str | None = None


@dataclass(frozen=True)
class Event:
    company_id: int
    entity: str
    event: str
    id: str
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def event_type(self) -> str:
        return event_type(self.entity, self.event)


def event_type(entity: str, name: str) -> str:
    """The event type a subscription names: `customer_changed`, `arinvoice_statuschanged` (the legacy ids' form)."""
    return f"{entity.replace(' ', '').lower()}_{name.replace(' ', '').lower()}"


_SOURCES: dict[type, list[Source]] = {}


def register(source: Source) -> None:
    _SOURCES.setdefault(source.model, []).append(source)


def catalogue() -> dict[str, tuple[str, str]]:
    """Every event type nettfin emits: id -> (entity, event)."""
    found = {}
    for sources in _SOURCES.values():
        for source in sources:
            for name in source.events:
                found[event_type(source.entity, name)] = (source.entity, name)
    return dict(sorted(found.items()))


Publisher = Callable[[Session, list[Event]], None]
ReadAhead = Callable[[Session, int], Any]
_publisher: list[Publisher] = []
_read_ahead: list[ReadAhead] = []


def publish_with(publisher: Publisher, read_ahead: ReadAhead | None = None) -> None:
    """Set where a transaction's events go (the webhook outbox); until then they are dropped. `read_ahead(session,
    company_id)` reads, and keeps in the session, what publishing a company's events will ask the database."""
    _publisher[:] = [publisher]
    _read_ahead[:] = [read_ahead] if read_ahead else []


def read_ahead(session: Session, record: Any) -> None:
    """Before a new record takes a lock that others wait for until the commit (its number series' row), read what
    publishing its events will ask (whether its company has a webhook subscriber), so the lock is not held through
    that round trip too. Nothing for a model that is no entity of the catalogue."""
    if _read_ahead and type(record) in _SOURCES:
        _read_ahead[0](session, record.company_id)


def _changed_columns(state: Any) -> set[str]:
    return {
        attribute.key
        for attribute in state.mapper.column_attrs
        if attribute.key not in _BOOKKEEPING and state.attrs[attribute.key].history.has_changes()
    }


def _moved(state: Any, attribute: str) -> tuple[Any, Any] | None:
    history = state.attrs[attribute].history
    if not history.added:
        return None
    new = history.added[0]
    old = history.deleted[0] if history.deleted else None
    return None if history.deleted and old == new else (old, new)


def _identity(record: Any) -> tuple:
    return (type(record), *inspect(record).mapper.primary_key_from_instance(record))


@event.listens_for(Session, "after_flush")
def _notice(session: Session, _context: Any) -> None:
    """Note the flush's events; the session's new, dirty and deleted sets and the attributes' histories are still
    those of before the flush here."""
    if not _SOURCES:
        return
    pending: dict[tuple, Event] | None = None

    def note(source: Source, record: Any, name: str, **details: Any) -> None:
        nonlocal pending
        if name not in source.events:
            return
        if pending is None:
            pending = session.info.setdefault(_PENDING, {})
        more = {**(source.details(record) if source.details else {}), **details}
        made = Event(record.company_id, source.entity, name, source.key(record), more)
        pending.setdefault((made.company_id, made.entity, made.id, name), made)

    created: set = session.info.get(_CREATED) or set()
    for record in new_records(session):
        for source in _SOURCES.get(type(record), ()):
            created.add(_identity(record))
            session.info[_CREATED] = created
            if source.child_event:
                note(source, record, source.child_event)
                continue
            note(source, record, CREATED)
            note(source, record, CHANGED)
    for record in session.dirty:
        sources = _SOURCES.get(type(record))
        if not sources or _identity(record) in created:
            continue
        state = inspect(record)
        changed = _changed_columns(state)
        if not changed:
            continue
        for source in sources:
            if source.child_event:
                note(source, record, source.child_event)
                continue
            note(source, record, UPDATED)
            note(source, record, CHANGED)
            if source.status and source.status in changed:
                moved = _moved(state, source.status)
                if moved is not None:
                    note(source, record, STATUS_CHANGED, previousStatus=moved[0], status=moved[1])
            if source.identity and source.identity in changed:
                moved = _moved(state, source.identity)
                if moved is not None and moved[0] is not None:
                    note(source, record, IDENTITY_CHANGED, previousId=moved[0])
    for record in session.deleted:
        for source in _SOURCES.get(type(record), ()):
            note(source, record, DELETED)
            note(source, record, CHANGED)


def write_pending_events(session: Session) -> None:
    """Hand the transaction's events to the publisher, in the transaction (run just before COMMIT)."""
    session.info.pop(_CREATED, None)
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    events = list(pending.values())
    action = current_action.get()
    if action is not None:
        touched = dict.fromkeys((made.company_id, made.entity, made.id) for made in events)
        for company_id, entity, key in touched:
            if any(ACTION_TRIGGERED in source.events for source in _sources_of(entity)):
                events.append(Event(company_id, entity, ACTION_TRIGGERED, key, {"action": action}))
    note_events(session, events)
    if _publisher:
        _publisher[0](session, events)


def _sources_of(entity: str) -> list[Source]:
    return [source for sources in _SOURCES.values() for source in sources if source.entity == entity]


class ActionNames:
    """ASGI middleware: a request to `.../action/<name>...` runs with `current_action` set to the name."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or "/action/" not in scope["path"]:
            await self.app(scope, receive, send)
            return
        parts = scope["path"].split("/")
        index = parts.index("action") if "action" in parts else -1
        name = parts[index + 1] if 0 <= index < len(parts) - 1 else None
        token = current_action.set(name or None)
        try:
            await self.app(scope, receive, send)
        finally:
            current_action.reset(token)
