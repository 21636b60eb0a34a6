"""The admin panel's webhook subscriptions of a Connect application (`/admin/apps/{client_id}/webhooks`): what the
Developer Portal's webhook page does, on the same use cases as `nettfin admin webhooks ...` and the admin API
(webhooks/service.py).

Only the administrator of the tenant that registered the application manages its subscriptions, as with its
settings; a subscription may be limited to one of that tenant's companies. The signing key is shown once, on the
page that answers the creation. Every refusal shows the use case's message on the page; nothing is written then.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from ..identity.connect.models import ConnectApplication
from ..identity.models import User
from ..kit.errors import ApiError, BusinessError
from ..webhooks import service
from ..webhooks.models import DeliveryStatus, WebhookSubscription
from .admin_access import administrator, posted_form
from .auth_pages import error_page, render
from .connect_admin_pages import (
    UnknownApplication,
    own_company,
    seen_application,
    tenant_companies,
    unknown_application,
)

router = APIRouter(prefix="/apps/{client_id}/webhooks")
SHOWN_DELIVERIES = 20
# Commas or line breaks: an event may be named as the portal shows it, with spaces ("AR Invoice Status Changed").
_SEPARATORS = re.compile(r"\s*[,\n]\s*")


class _NotOwned(Exception):
    pass


def _owned(session: Session, admin: User, client_id: str) -> ConnectApplication:
    seen = seen_application(session, admin, client_id)
    if not seen.owned:
        raise _NotOwned
    return seen.application


def _not_owned(request: Request, client_id: str) -> Response:
    return error_page(
        request,
        "Not allowed",
        f"Application '{client_id[:64]}' was not registered by your organisation: only its owner manages its "
        "webhook subscriptions.",
        403,
    )


def _of_application(session: Session, application: ConnectApplication, subscription_id: str) -> WebhookSubscription:
    subscription = service.find_subscription(session, subscription_id)
    if subscription.application_id != application.id:
        raise BusinessError(f"No webhook subscription '{subscription_id[:64]}' belongs to this application.")
    return subscription


@router.get("")
def webhooks_page(request: Request, client_id: str) -> Response:
    return _webhooks_page(request, client_id)


def _webhooks_page(
    request: Request,
    client_id: str,
    error: str | None = None,
    shown: dict | None = None,
    status_code: int = 200,
    form: dict | None = None,
) -> Response:
    """The subscriptions with their latest deliveries; a refusal's message (and the form as it was sent), or the
    new subscription's signing key, when there is one."""
    admin, problem = administrator(request)
    if problem:
        return problem
    with request.app.state.db.reading() as session:
        try:
            application = _owned(session, admin, client_id)
        except UnknownApplication:
            return unknown_application(request, client_id)
        except _NotOwned:
            return _not_owned(request, client_id)
        companies = tenant_companies(session, admin)
        names = {company.id: company.name for company in companies}
        rows = [
            {
                "subscription": subscription,
                "company": names.get(subscription.company_id, subscription.company_id),
                "deliveries": service.deliveries(session, subscription.id, limit=SHOWN_DELIVERIES),
            }
            for subscription in service.list_subscriptions(session, application)
        ]
    return render(
        request,
        "admin_app_webhooks.html",
        status_code,
        app=application,
        rows=rows,
        companies=companies,
        publishers=service.PUBLISHERS,
        pending=DeliveryStatus.PENDING,
        error=error,
        shown=shown,
        form=form or {"publisher": service.VISMA_NET},
    )


Change = Callable[[Session, User, ConnectApplication, FormData], dict | None]


async def _change(request: Request, client_id: str, change: Change) -> Response:
    """Run one change in one transaction; a dict answer is shown on the page (a signing key), None goes back to
    the page. A refusal shows the page again with its message and the form as it was sent."""
    admin, problem = await run_in_threadpool(administrator, request)
    form, csrf_problem = await posted_form(request)
    if problem or csrf_problem:
        return problem or csrf_problem

    def apply() -> dict | None:
        with request.app.state.db.writing() as session:
            return change(session, admin, _owned(session, admin, client_id), form)

    try:
        answer = await run_in_threadpool(apply)
    except UnknownApplication:
        return unknown_application(request, client_id)
    except _NotOwned:
        return _not_owned(request, client_id)
    except ApiError as error:
        return await run_in_threadpool(_webhooks_page, request, client_id, error.message, None, 400, dict(form))
    if answer is not None:
        return await run_in_threadpool(_webhooks_page, request, client_id, None, answer)
    return RedirectResponse(f"/admin/apps/{client_id}/webhooks", status_code=303)


def _add(session: Session, admin: User, application: ConnectApplication, form: FormData) -> dict:
    raw_company = str(form.get("company_id") or "").strip()
    company = own_company(session, admin, raw_company) if raw_company else None
    subscription, key = service.create_subscription(
        session,
        application,
        publisher=str(form.get("publisher") or ""),
        event_types=[name for name in _SEPARATORS.split(str(form.get("event_types") or "").strip()) if name],
        url=str(form.get("url") or "").strip(),
        company_id=company.id if company else None,
    )
    return {"subscription_id": subscription.id, "key": key}


def _remove(session: Session, _admin: User, application: ConnectApplication, form: FormData) -> None:
    subscription = _of_application(session, application, str(form.get("subscription_id") or ""))
    service.remove_subscription(session, subscription.id)


def _redeliver(session: Session, _admin: User, application: ConnectApplication, form: FormData) -> None:
    notification_id = str(form.get("notification_id") or "")
    delivery = service.find_delivery(session, notification_id)
    _of_application(session, application, delivery.subscription_id)
    service.redeliver(session, notification_id)


@router.post("")
async def add(request: Request, client_id: str) -> Response:
    return await _change(request, client_id, _add)


@router.post("/remove")
async def remove(request: Request, client_id: str) -> Response:
    return await _change(request, client_id, _remove)


@router.post("/redeliver")
async def redeliver(request: Request, client_id: str) -> Response:
    return await _change(request, client_id, _redeliver)
