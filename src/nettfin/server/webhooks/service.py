"""Webhook subscriptions and their deliveries: the use cases the CLI (`nettfin admin webhooks ...`) and the
delivery job share, the fan-out of an event to the subscriptions that want it, and the receivers' feedback.

A subscription belongs to a Connect application, as in Visma's Developer Portal: a publisher, the event types it
wants, the https URL (http to loopback only) the notifications are POSTed to, optionally one company, and the
signing key made when it is created. Each notification to each subscription is a delivery: logged with its
attempts, sent by a `webhook_delivery` job (webhooks/deliver.py), and sent again on demand.
"""

from __future__ import annotations

import json
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, delete, or_, select
from sqlalchemy.orm import Session

from ..background.header import check_webhook_url
from ..db.base import utcnow
from ..db.clock import wallclock
from ..db.engine import Database
from ..db.prepared import Prepared
from ..identity.connect.models import ApplicationGrant, ConnectApplication
from ..identity.models import Company
from ..jobs import queue
from ..kit import events
from ..kit.errors import BusinessError, NotFound
from .models import DeliveryStatus, WebhookDelivery, WebhookSubscription

DELIVERY = "webhook_delivery"
FINANCIALS = "Visma Net Financial"
VISMA_NET = "Visma net"
BACKGROUND_API_RESPONSE = "BACKGROUND_API_RESPONSE"
# The Developer Portal's publishers of Visma.net ERP events (reference §6.1); "Visma net" publishes the background
# API's notification. nettfin emits BACKGROUND_API_RESPONSE and the Financial publisher's business events
# (`publisher_events`); subscriptions to the other two are kept, and get nothing: their events are not published.
PUBLISHERS = (FINANCIALS, VISMA_NET, "Visma Net Sales Order", "Visma Net Journal Transaction")
PUBLISHER_EVENTS = {VISMA_NET: (BACKGROUND_API_RESPONSE,)}
# The delivery log keeps a notification this long (then the periodic clean-up deletes it).
KEEP_DELIVERIES = timedelta(days=30)
_EVENT = re.compile(r"^[A-Za-z0-9_.:-]{1,100}$")


@dataclass(frozen=True)
class Outgoing:
    """A delivery as its job sends it."""

    delivery_id: int
    url: str
    key: str
    headers: dict[str, str]
    body: bytes


def publisher_events(publisher: str) -> tuple[str, ...] | None:
    """The event types a publisher has (None: any name is kept, nettfin emits none of them): "Visma Net Financial"
    has the business events the models register (kit/events.py), "Visma net" the background API's."""
    if publisher == FINANCIALS:
        return tuple(events.catalogue())
    return PUBLISHER_EVENTS.get(publisher)


def _event_id(publisher: str, name: str) -> str:
    """A business event named as the portal shows it ("Customer Changed", "AR Invoice Status Changed") is its
    event type ("customer_changed"); any other name is kept as given."""
    if publisher != FINANCIALS:
        return name
    wanted = name.replace(" ", "").replace("_", "").lower()
    for event_id in events.catalogue():
        if event_id.replace("_", "") == wanted:
            return event_id
    return name


# --- subscriptions ------------------------------------------------------------------------------------------


def create_subscription(
    session: Session,
    application: ConnectApplication,
    *,
    publisher: str,
    event_types: list[str],
    url: str,
    company_id: int | None = None,
) -> tuple[WebhookSubscription, str]:
    """A new subscription and its signing key (shown to the caller once)."""
    known = {name.lower(): name for name in PUBLISHERS}
    chosen = known.get(publisher.strip().lower())
    if chosen is None:
        raise BusinessError(f"Unknown publisher '{publisher}'. Accepted publishers: {', '.join(PUBLISHERS)}.")
    names = [_event_id(chosen, name.strip()) for name in event_types if name.strip()]
    if not names:
        raise BusinessError("A subscription needs at least one event type (for example BACKGROUND_API_RESPONSE).")
    allowed = publisher_events(chosen)
    for name in names:
        if allowed is not None and name not in allowed:
            raise BusinessError(
                f"The publisher '{chosen}' has no event '{name[:100]}'. Its events: {', '.join(allowed)}."
            )
        if not _EVENT.match(name):
            raise BusinessError(
                f"Invalid event type '{name[:100]}': letters, digits and _ . : - only, at most 100 characters."
            )
    check_webhook_url(url, what="The subscription's URL")
    if company_id is not None and session.get(Company, company_id) is None:
        raise BusinessError(f"Company {company_id} does not exist.")
    key = secrets.token_urlsafe(32)
    subscription = WebhookSubscription(
        id=str(uuid.uuid4()),
        application_id=application.id,
        publisher=chosen,
        event_types=list(dict.fromkeys(names)),
        url=url,
        company_id=company_id,
        signing_key=key,
    )
    session.add(subscription)
    session.flush()
    return subscription, key


def list_subscriptions(session: Session, application: ConnectApplication | None = None) -> list[WebhookSubscription]:
    query = select(WebhookSubscription).order_by(WebhookSubscription.created_at, WebhookSubscription.id)
    if application is not None:
        query = query.where(WebhookSubscription.application_id == application.id)
    return list(session.scalars(query))


def find_subscription(session: Session, subscription_id: str) -> WebhookSubscription:
    found = session.get(WebhookSubscription, subscription_id.strip().lower())
    if found is None:
        raise NotFound(f"No webhook subscription '{subscription_id}'; `nettfin admin webhooks list` shows them.")
    return found


def remove_subscription(session: Session, subscription_id: str) -> None:
    """Remove a subscription with its delivery log; its queued deliveries find nothing to send."""
    session.delete(find_subscription(session, subscription_id))


# --- deliveries ---------------------------------------------------------------------------------------------


def fan_out(
    session: Session,
    *,
    application_id: int | None,
    company_id: int,
    publisher: str,
    event_id: str,
    body: dict,
    headers: dict[str, str] | None = None,
    now: datetime,
) -> list[WebhookDelivery]:
    """One delivery, queued, per subscription of the application that wants the event from this company;
    `headers` (a caller's own, e.g. the background API's `subscription:<k>=<v>`) go with each."""
    if application_id is None:
        return []
    application = session.get(ConnectApplication, application_id)
    company = session.get(Company, company_id)
    if application is None or company is None:
        return []
    raw = _raw(body)
    made = []
    for subscription in list_subscriptions(session, application):
        wanted = subscription.publisher == publisher and event_id in subscription.event_types
        if not wanted or subscription.company_id not in (None, company_id):
            continue
        made.append(_queue(session, subscription, application, company, event_id, raw, str(uuid.uuid4()), headers, now))
    return made


def _raw(body: dict) -> bytes:
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _queue(
    session: Session,
    subscription: WebhookSubscription,
    application: ConnectApplication,
    company: Company,
    event_id: str,
    raw: bytes,
    notification_id: str,
    headers: dict[str, str] | None,
    now: datetime,
) -> WebhookDelivery:
    """A delivery, logged and queued in the caller's transaction (the outbox: it is sent iff the caller commits)."""
    delivery = WebhookDelivery(
        subscription_id=subscription.id,
        notification_id=notification_id,
        company_id=company.id,
        event_id=event_id,
        headers={
            **(headers or {}),
            "x-vwd-event-id": event_id,
            "x-vwd-notification-id": notification_id,
            "x-vwd-subscription-id": subscription.id,
            "x-vwd-tenant-id": company.tenant_guid,
            "x-vwd-application-id": application.client_id,
        },
        body=raw,
        status=DeliveryStatus.PENDING,
        created_at=now,
    )
    session.add(delivery)
    session.flush()
    queue.enqueue(session, DELIVERY, str(delivery.id))
    return delivery


# The subscriptions that may want a company's events, with their applications (built once: every writing
# transaction that changes records reads it).
_SUBSCRIBERS = (
    select(WebhookSubscription, ConnectApplication)
    .join(ConnectApplication, ConnectApplication.id == WebhookSubscription.application_id)
    .join(
        ApplicationGrant,
        and_(
            ApplicationGrant.application_id == WebhookSubscription.application_id,
            ApplicationGrant.company_id == bindparam("company_id"),
        ),
    )
    .where(
        WebhookSubscription.publisher == FINANCIALS,
        or_(WebhookSubscription.company_id.is_(None), WebhookSubscription.company_id == bindparam("company_id")),
        ConnectApplication.disabled_at.is_(None),
    )
    .order_by(WebhookSubscription.created_at, WebhookSubscription.id)
)
# Whether the company has a subscriber at all, on the driver's cursor (db/prepared.py): most have none, and the
# subscriptions' full read was a twentieth of a customer's create.
_ANY_SUBSCRIBER = Prepared(_SUBSCRIBERS.with_only_columns(WebhookSubscription.id).order_by(None).limit(1))
_SUBSCRIBED = "nettfin.webhooks.subscribed"  # company id -> whether it has a subscriber, for the transaction


def _subscribed(session: Session, company_id: int) -> bool:
    """Whether the company has a subscriber, read once in the transaction: a create reads it before its number
    series' row is locked (`events.read_ahead`), and its events are published with that answer."""
    known = session.info.setdefault(_SUBSCRIBED, {})
    if company_id not in known:
        known[company_id] = _ANY_SUBSCRIBER.first(session.connection(), {"company_id": company_id}) is not None
    return known[company_id]


def publish_events(session: Session, made: list[events.Event]) -> None:
    """The business events of a writing transaction, queued for every subscription that wants them: those to
    "Visma Net Financial" of the applications the event's company approved (and not disabled), whose company filter
    admits it. The body is the thin "what changed" document of reference §6.3 (docs/compatibility.md, Webhooks)."""
    now = utcnow()
    by_company: dict[int, list[events.Event]] = {}
    for one in made:
        by_company.setdefault(one.company_id, []).append(one)
    subscribed = {company_id: _subscribed(session, company_id) for company_id in by_company}
    session.info.pop(_SUBSCRIBED, None)
    for company_id, company_events in by_company.items():
        wanted = {one.event_type for one in company_events}
        if not subscribed[company_id]:
            continue
        rows = session.execute(_SUBSCRIBERS, {"company_id": company_id}).all()
        rows = [
            (subscription, application) for subscription, application in rows if wanted & set(subscription.event_types)
        ]
        if not rows:
            continue
        company = session.get(Company, company_id)
        timestamp = now.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        for subscription, application in rows:
            for one in company_events:
                if one.event_type not in subscription.event_types:
                    continue
                notification_id = str(uuid.uuid4())
                body = {
                    "entity": one.entity,
                    "event": one.event,
                    "tenantId": company.tenant_guid,
                    "id": one.id,
                    **{name: value for name, value in one.details.items() if value is not None},
                    "notificationId": notification_id,
                    "timestamp": timestamp,
                }
                # The event's timestamp is in its company's time; the delivery's log is on the server's.
                _queue(
                    session,
                    subscription,
                    application,
                    company,
                    one.event_type,
                    _raw(body),
                    notification_id,
                    None,
                    wallclock(),
                )


events.publish_with(publish_events, _subscribed)


def deliveries(session: Session, subscription_id: str, *, limit: int = 50) -> list[WebhookDelivery]:
    """The subscription's latest deliveries, newest first."""
    subscription = find_subscription(session, subscription_id)
    return list(
        session.scalars(
            select(WebhookDelivery)
            .where(WebhookDelivery.subscription_id == subscription.id)
            .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc())
            .limit(limit)
        )
    )


def find_delivery(session: Session, notification_id: str) -> WebhookDelivery:
    found = session.scalar(
        select(WebhookDelivery).where(WebhookDelivery.notification_id == notification_id.strip().lower())
    )
    if found is None:
        raise NotFound(f"No webhook delivery with the notification id '{notification_id}'.")
    return found


def redeliver(session: Session, notification_id: str) -> WebhookDelivery:
    """Send a delivery again (the same notification: id, body and signature key), through a new job."""
    delivery = find_delivery(session, notification_id)
    if delivery.status == DeliveryStatus.PENDING:
        raise BusinessError(
            f"The notification '{delivery.notification_id}' is still being delivered (attempt {delivery.attempts}); "
            "redeliver it once it is delivered or failed."
        )
    delivery.status = DeliveryStatus.PENDING
    queue.enqueue(session, DELIVERY, str(delivery.id))
    return delivery


def forget_deliveries(db: Database, now: datetime) -> None:
    """Delete the log's deliveries older than KEEP_DELIVERIES that are no longer being delivered."""
    with db.writing() as session:
        session.execute(
            delete(WebhookDelivery).where(
                WebhookDelivery.created_at < now - KEEP_DELIVERIES, WebhookDelivery.status != DeliveryStatus.PENDING
            )
        )


def outgoing(db: Database, delivery_id: int) -> Outgoing | None:
    """What a delivery job sends; None when the delivery (or its subscription) was removed."""
    with db.reading() as session:
        delivery = session.get(WebhookDelivery, delivery_id)
        subscription = session.get(WebhookSubscription, delivery.subscription_id) if delivery else None
        if delivery is None or subscription is None:
            return None
        return Outgoing(delivery.id, subscription.url, subscription.signing_key, dict(delivery.headers), delivery.body)


def record_attempt(
    db: Database,
    delivery_id: int,
    *,
    status: str,
    now: datetime,
    response_status: int | None = None,
    response_ms: int | None = None,
    error: str | None = None,
) -> None:
    with db.writing() as session:
        delivery = session.get(WebhookDelivery, delivery_id)
        if delivery is None:
            return
        delivery.attempts += 1
        delivery.status = status
        delivery.last_status = response_status
        delivery.response_ms = response_ms
        delivery.last_error = error
        if status == DeliveryStatus.DELIVERED:
            delivery.delivered_at = now


# --- feedback -----------------------------------------------------------------------------------------------


def record_feedback(
    db: Database,
    *,
    company_id: int,
    notification_id: str,
    source: str | None,
    description: str | None,
    is_success: bool | None,
    now: datetime,
) -> None:
    """A receiver's word on a notification, kept with its delivery (the latest word counts)."""
    with db.writing() as session:
        delivery = session.scalar(
            select(WebhookDelivery).where(
                WebhookDelivery.notification_id == notification_id.lower(), WebhookDelivery.company_id == company_id
            )
        )
        if delivery is None:
            raise BusinessError(
                f"No webhook notification '{notification_id}' was sent for this company: 'notificationId' must be "
                "the x-vwd-notification-id header of a notification this company's subscriptions received."
            )
        delivery.feedback_success = is_success
        delivery.feedback_source = source
        delivery.feedback_description = description
        delivery.feedback_at = now
