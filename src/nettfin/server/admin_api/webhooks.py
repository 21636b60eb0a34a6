"""The admin API's webhook subscriptions: what `nettfin admin webhooks add|list|remove|deliveries|redeliver` does,
on the same use cases (webhooks/service.py).

A subscription's signing key is in the answer to its creation only (201), never in a list or a read, as in the
Developer Portal; the delivery log is read newest first, and a delivered or failed notification sent again (202).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.responses import Response

from ..identity.connect.models import ConnectApplication
from ..kit.errors import NotFound
from ..kit.render import format_instant, json_response
from ..webhooks import service
from ..webhooks.models import WebhookDelivery, WebhookSubscription
from .auth import admin_key

PREFIX = "/admin/api"
router = APIRouter(prefix=PREFIX, dependencies=[Depends(admin_key)], include_in_schema=False)

Int32 = Annotated[int, Field(ge=1, le=2**31 - 1)]


class NewSubscription(BaseModel):
    publisher: str = Field(description="Visma net, Visma Net Financial, ...")
    eventTypes: list[str] = Field(description="e.g. BACKGROUND_API_RESPONSE")
    url: str = Field(description="https, or http to localhost / 127.0.0.1 / ::1 only")
    companyId: Int32 | None = Field(None, description="Only this company's events; none: every company's")


def subscription_body(subscription: WebhookSubscription, client_id: str) -> dict:
    body = {
        "id": subscription.id,
        "clientId": client_id,
        "publisher": subscription.publisher,
        "eventTypes": list(subscription.event_types),
        "url": subscription.url,
        "createdAt": format_instant(subscription.created_at),
    }
    if subscription.company_id is not None:
        body["companyId"] = subscription.company_id
    return body


def delivery_body(delivery: WebhookDelivery) -> dict:
    body = {
        "notificationId": delivery.notification_id,
        "eventId": delivery.event_id,
        "status": delivery.status,
        "attempts": delivery.attempts,
        "lastStatus": delivery.last_status,
        "lastError": delivery.last_error,
        "responseMs": delivery.response_ms,
        "createdAt": format_instant(delivery.created_at),
        "deliveredAt": format_instant(delivery.delivered_at),
    }
    if delivery.feedback_at is not None:
        body["feedback"] = {
            "isSuccess": delivery.feedback_success,
            "source": delivery.feedback_source,
            "description": delivery.feedback_description,
            "at": format_instant(delivery.feedback_at),
        }
    return body


def _application(session: Session, client_id: str) -> ConnectApplication:
    found = session.scalar(select(ConnectApplication).where(ConnectApplication.client_id == client_id))
    if found is None:
        raise NotFound(
            f"No Connect application has the client id '{client_id[:100]}'; `nettfin admin app list` shows them."
        )
    return found


def _client_id(session: Session, subscription: WebhookSubscription) -> str:
    return session.get(ConnectApplication, subscription.application_id).client_id


def _subscription(session: Session, subscription_id: str) -> WebhookSubscription:
    try:
        return service.find_subscription(session, subscription_id)
    except NotFound:
        raise NotFound(
            f"No webhook subscription '{subscription_id[:100]}'; GET {PREFIX}/applications/{{clientId}}/webhooks "
            "lists an application's subscriptions."
        ) from None


def _location(request: Request, subscription_id: str) -> str:
    return f"{str(request.base_url).rstrip('/')}{PREFIX}/webhooks/{subscription_id}"


@router.get("/applications/{clientId}/webhooks")
def list_webhooks(request: Request, clientId: str) -> Response:
    with request.app.state.db.reading() as session:
        application = _application(session, clientId)
        found = service.list_subscriptions(session, application)
        return json_response([subscription_body(row, application.client_id) for row in found])


@router.post("/applications/{clientId}/webhooks")
def create_webhook(request: Request, clientId: str, body: NewSubscription) -> Response:
    with request.app.state.db.writing() as session:
        application = _application(session, clientId)
        subscription, key = service.create_subscription(
            session,
            application,
            publisher=body.publisher,
            event_types=body.eventTypes,
            url=body.url,
            company_id=body.companyId,
        )
        made = {**subscription_body(subscription, application.client_id), "signingKey": key}
    return json_response(made, status_code=201, headers={"Location": _location(request, made["id"])})


@router.get("/webhooks/{subscriptionId}")
def read_webhook(request: Request, subscriptionId: str) -> Response:
    with request.app.state.db.reading() as session:
        subscription = _subscription(session, subscriptionId)
        return json_response(subscription_body(subscription, _client_id(session, subscription)))


@router.delete("/webhooks/{subscriptionId}")
def delete_webhook(request: Request, subscriptionId: str) -> Response:
    with request.app.state.db.writing() as session:
        subscription = _subscription(session, subscriptionId)
        service.remove_subscription(session, subscription.id)
    return Response(status_code=204)


@router.get("/webhooks/{subscriptionId}/deliveries")
def list_deliveries(
    request: Request, subscriptionId: str, limit: Annotated[int, Query(ge=1, le=1000)] = 50
) -> Response:
    with request.app.state.db.reading() as session:
        subscription = _subscription(session, subscriptionId)
        rows = service.deliveries(session, subscription.id, limit=limit)
        return json_response([delivery_body(row) for row in rows])


@router.post("/webhooks/deliveries/{notificationId}/redeliver")
def redeliver(request: Request, notificationId: str) -> Response:
    with request.app.state.db.writing() as session:
        try:
            delivery = service.redeliver(session, notificationId)
        except NotFound:
            raise NotFound(
                f"No webhook delivery with the notification id '{notificationId[:100]}'; "
                f"GET {PREFIX}/webhooks/{{subscriptionId}}/deliveries lists a subscription's notifications."
            ) from None
        session.flush()
        return json_response(delivery_body(delivery), status_code=202)
