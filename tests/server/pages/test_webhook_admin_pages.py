"""The admin panel's webhook subscriptions (/admin/apps/{client_id}/webhooks) through the app, on both databases:
the owner tenant's administrator adds one (its signing key shown once), lists, removes, reads the delivery log and
sends a finished notification again; another tenant's administrator, or one whose tenant only approved the
application, is refused; every refusal shows the use case's message and writes nothing."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from html import unescape

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.db.base import utcnow
from nettfin.server.db.engine import Database
from nettfin.server.identity.connect.models import ConnectApplication
from nettfin.server.identity.connect.service import create_application, find_application, grant_application
from nettfin.server.identity.models import Company
from nettfin.server.settings import Settings
from nettfin.server.webhooks import service
from nettfin.server.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from tests.conftest import own_database
from tests.oauth_helpers import log_in
from tests.server.pages.test_connect_admin_pages import error_of, make_organisation, post, registered

HOOK = "https://hooks.example/in"


@pytest.fixture(scope="module")
def database(database_url, tmp_path_factory) -> Iterator[Database]:
    """This module's own database: its app runs no job workers, so a queued delivery stays as the test left it,
    and the suite's app, whose workers run on the shared database, must not send it either."""
    with own_database(database_url, tmp_path_factory) as db:
        yield db


@pytest.fixture(scope="module")
def quiet_app(database, tmp_path_factory):
    """The app without job workers: a queued delivery stays as the test left it."""
    return create_app(Settings(data_dir=tmp_path_factory.mktemp("data"), job_workers=0), database=database)


@pytest.fixture
def org(database):
    return make_organisation(database)


def _signed_in(app, email: str) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        assert log_in(test_client, email).status_code == 303
        yield test_client


@pytest.fixture
def browser(quiet_app, org):
    yield from _signed_in(quiet_app, org.admin)


@pytest.fixture
def client_id(database, browser) -> str:
    made, _secret = registered(database, browser)
    return made


def _page(client_id: str) -> str:
    return f"/admin/apps/{client_id}/webhooks"


def _add(browser: TestClient, client_id: str, **form):
    fields = {"publisher": "Visma net", "event_types": "BACKGROUND_API_RESPONSE", "url": HOOK, "company_id": ""}
    return post(browser, _page(client_id), _page(client_id), **{**fields, **form})


def _subscriptions(database, client_id: str) -> list[WebhookSubscription]:
    with database.reading() as session:
        return service.list_subscriptions(session, find_application(session, client_id))


def _key_shown(response) -> tuple[str, str]:
    subscription = re.search(r'<code id="subscription-id">([^<]+)</code>', response.text).group(1)
    return subscription, re.search(r'<code id="signing-key">([^<]+)</code>', response.text).group(1)


def test_the_application_page_links_its_webhooks_page(browser, client_id):
    page = browser.get(f"/admin/apps/{client_id}")
    assert f'href="/admin/apps/{client_id}/webhooks"' in page.text
    empty = browser.get(_page(client_id))
    assert empty.status_code == 200 and 'id="no-subscriptions"' in empty.text


def test_an_administrator_adds_a_subscription_and_sees_its_key_once(database, browser, client_id, org):
    company_id = org.companies[1][0]
    response = _add(
        browser,
        client_id,
        publisher="Visma Net Financial",
        event_types="Customer Created, customer_changed,\n AR Invoice Status Changed ",
        company_id=str(company_id),
    )
    assert response.status_code == 200, response.text
    subscription_id, key = _key_shown(response)
    (made,) = _subscriptions(database, client_id)
    assert made.id == subscription_id and made.signing_key == key
    assert made.publisher == "Visma Net Financial" and made.event_types == [
        "customer_created",
        "customer_changed",
        "arinvoice_statuschanged",
    ]
    assert made.company_id == company_id and made.url == HOOK

    page = browser.get(_page(client_id))
    assert page.status_code == 200 and key not in page.text
    assert subscription_id in page.text and "customer_created, customer_changed, arinvoice_statuschanged" in page.text
    assert "Org company 2" in page.text and HOOK in page.text


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"publisher": "Visma Spam"}, "Unknown publisher 'Visma Spam'"),
        ({"event_types": " , "}, "at least one event type"),
        ({"url": "http://hooks.example/in"}, "https"),
        ({"event_types": "NO_SUCH_EVENT"}, "has no event 'NO_SUCH_EVENT'"),
    ],
)
def test_a_bad_subscription_shows_the_reason_and_writes_nothing(database, browser, client_id, form, words):
    response = _add(browser, client_id, **form)
    assert response.status_code == 400
    assert words in error_of(response)
    assert _subscriptions(database, client_id) == []


def test_another_tenants_company_is_refused_as_a_subscriptions_company(database, browser, client_id):
    other = make_organisation(database, companies=1)
    response = _add(browser, client_id, company_id=str(other.companies[0][0]))
    assert response.status_code == 400 and "not one of your organisation's companies" in error_of(response)
    assert _subscriptions(database, client_id) == []


def test_a_subscription_is_removed(database, browser, client_id):
    subscription_id, _key = _key_shown(_add(browser, client_id))
    removed = post(browser, f"{_page(client_id)}/remove", _page(client_id), subscription_id=subscription_id)
    assert removed.status_code == 303 and removed.headers["location"] == _page(client_id)
    assert _subscriptions(database, client_id) == []
    again = post(browser, f"{_page(client_id)}/remove", _page(client_id), subscription_id=subscription_id)
    assert again.status_code == 400 and f"No webhook subscription '{subscription_id}'" in error_of(again)


def test_another_tenants_administrator_is_refused(database, quiet_app, browser, client_id, org):
    subscription_id, _key = _key_shown(_add(browser, client_id))
    other = make_organisation(database, companies=1)
    for theirs in _signed_in(quiet_app, other.admin):
        assert theirs.get(_page(client_id)).status_code == 404
        own_page = "/admin/apps"
        refused = post(theirs, _page(client_id), own_page, publisher="Visma net", event_types="X", url=HOOK)
        assert refused.status_code == 404
        gone = post(theirs, f"{_page(client_id)}/remove", own_page, subscription_id=subscription_id)
        assert gone.status_code == 404
    assert [row.id for row in _subscriptions(database, client_id)] == [subscription_id]


def test_an_application_only_approved_by_the_tenant_has_its_webhooks_refused(database, browser, org):
    with database.writing() as session:
        operator = create_application(session, name=f"Operator {uuid.uuid4().hex[:6]}", app_type="service")
        grant_application(session, operator, session.get(Company, org.companies[0][0]), granted_by="test")
        client_id = operator.client_id
    assert browser.get(_page(client_id)).status_code == 403
    assert f"/admin/apps/{client_id}/webhooks" not in browser.get(f"/admin/apps/{client_id}").text
    refused = post(browser, _page(client_id), "/admin/apps", publisher="Visma net", event_types="X", url=HOOK)
    assert refused.status_code == 403
    assert _subscriptions(database, client_id) == []


def test_a_subscription_of_another_application_cannot_be_removed_here(database, browser, client_id):
    other_id, _secret = registered(database, browser)
    subscription_id, _key = _key_shown(_add(browser, other_id))
    refused = post(browser, f"{_page(client_id)}/remove", _page(client_id), subscription_id=subscription_id)
    assert refused.status_code == 400 and "belongs to this application" in error_of(refused)
    assert [row.id for row in _subscriptions(database, other_id)] == [subscription_id]


def test_the_delivery_log_is_shown_and_a_finished_notification_is_sent_again(database, browser, client_id, org):
    subscription_id, _key = _key_shown(_add(browser, client_id))
    with database.writing() as session:
        application_id = session.scalar(select(ConnectApplication.id).where(ConnectApplication.client_id == client_id))
        made = []
        for _ in range(2):
            (delivery,) = service.fan_out(
                session,
                application_id=application_id,
                company_id=org.companies[0][0],
                publisher=service.VISMA_NET,
                event_id=service.BACKGROUND_API_RESPONSE,
                body={"id": str(uuid.uuid4())},
                now=utcnow(),
            )
            made.append((delivery.id, delivery.notification_id))
    (done_id, done), (_pending_id, pending) = made
    service.record_attempt(
        database,
        done_id,
        status=DeliveryStatus.FAILED,
        now=utcnow(),
        response_status=410,
        response_ms=37,
        error="The receiver refused it: 410.",
    )

    page = browser.get(_page(client_id))
    assert page.status_code == 200
    text = unescape(page.text)
    assert done in text and pending in text and "37 ms" in text and "The receiver refused it: 410." in text
    buttons = re.findall(r'name="notification_id" value="([^"]+)"', page.text)
    assert buttons == [done]  # the pending one is still being delivered: no button

    again = post(browser, f"{_page(client_id)}/redeliver", _page(client_id), notification_id=done)
    assert again.status_code == 303
    with database.reading() as session:
        assert service.find_delivery(session, done).status == DeliveryStatus.PENDING
    refused = post(browser, f"{_page(client_id)}/redeliver", _page(client_id), notification_id=pending)
    assert refused.status_code == 400 and "still being delivered" in error_of(refused)
    unknown = post(browser, f"{_page(client_id)}/redeliver", _page(client_id), notification_id=str(uuid.uuid4()))
    assert unknown.status_code == 400 and "No webhook delivery with the notification id" in error_of(unknown)
    with database.reading() as session:
        total = session.scalar(
            select(func.count()).select_from(WebhookDelivery).where(WebhookDelivery.subscription_id == subscription_id)
        )
    assert total == 2


def test_the_forms_need_a_fresh_csrf_token(database, browser, client_id):
    response = browser.post(
        _page(client_id),
        data={"csrf": "stale", "publisher": "Visma net", "event_types": "BACKGROUND_API_RESPONSE", "url": HOOK},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert _subscriptions(database, client_id) == []
