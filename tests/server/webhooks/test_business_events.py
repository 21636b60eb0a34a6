"""Business events (reference §6.2: Customer Created, AR Invoice Status Changed, ...): noticed in the transaction of
the change, queued as deliveries in it (an outbox), sent signed to the subscriptions of the applications the
company approved; nothing when the change does not commit."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.db.base import utcnow
from nettfin.server.db.prepared import Prepared
from nettfin.server.identity.connect.models import ConnectApplication
from nettfin.server.jobs.models import Job
from nettfin.server.kit import events
from nettfin.server.kit.errors import BusinessError
from nettfin.server.ledger.models import Account
from nettfin.server.numbering.models import NumberSeries
from nettfin.server.receivables.models import Customer
from nettfin.server.settings import Settings
from nettfin.server.webhooks import service
from nettfin.server.webhooks.models import WebhookDelivery
from tests.connect_helpers import Connected, make_connected
from tests.delivery_helpers import receiving
from tests.factories import new_number
from tests.sales_factories import add_trading_company, invoice_body

FINANCIAL = "Visma Net Financial"


@pytest.fixture
def quick_client(database, tmp_path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path, job_retry_base_seconds=0.05, job_poll_seconds=0.05)
    with TestClient(create_app(settings, database=database), raise_server_exceptions=False) as client:
        yield client


def _subscribe(database, connected: Connected, url: str, event_types: list[str], **kwargs) -> tuple[str, str]:
    with database.writing() as session:
        application = session.get(ConnectApplication, connected.application_id)
        subscription, key = service.create_subscription(
            session, application, publisher=FINANCIAL, event_types=event_types, url=url, **kwargs
        )
        return subscription.id, key


def _queued(database, company_id: int) -> list[tuple[str, dict]]:
    """The company's deliveries, oldest first: (event type, body)."""
    with database.reading() as session:
        rows = session.scalars(
            select(WebhookDelivery).where(WebhookDelivery.company_id == company_id).order_by(WebhookDelivery.id)
        )
        return [(row.event_id, json.loads(row.body)) for row in rows]


def _signature(key: str, raw: bytes) -> str:
    return base64.b64encode(hmac.new(key.encode(), raw, hashlib.sha256).digest()).decode()


def test_a_customer_made_through_the_api_is_announced_created_and_changed_signed(database, quick_client):
    connected = make_connected(database, quick_client)
    with receiving() as receiver:
        subscription_id, key = _subscribe(
            database, connected, receiver.url, ["Customer Created", "customer_changed", "customer_updated"]
        )
        made = connected.tenant.post("/customer", {"name": {"value": "Evented AS"}})
        assert made.status_code == 201, made.text
        number = new_number(made)
        receiver.wait_for(2)

    assert sorted(body["event"] for _headers, body in receiver.received) == ["Changed", "Created"]
    for (headers, body), raw in zip(receiver.received, receiver.raw, strict=True):
        assert headers["X-VWD-Signature-V1"] == _signature(key, raw)
        assert headers["x-vwd-subscription-id"] == subscription_id
        assert headers["x-vwd-tenant-id"] == connected.tenant_id
        assert headers["x-vwd-event-id"] == f"customer_{body['event'].lower()}"
        assert headers["x-vwd-notification-id"] == body["notificationId"]
        assert {key: body[key] for key in ("entity", "id", "tenantId")} == {
            "entity": "Customer",
            "id": number,
            "tenantId": connected.tenant_id,
        }
        assert body["timestamp"].endswith("Z")
    with database.reading() as session:
        stored = service.find_subscription(session, subscription_id)
        assert stored.event_types == ["customer_created", "customer_changed", "customer_updated"]


def test_an_update_is_announced_updated_and_changed_and_a_refused_one_not_at_all(database, client):
    connected = make_connected(database, client)  # no job runner: deliveries stay queued, to be read
    _subscribe(database, connected, "https://receiver.example/hook", ["customer_updated", "customer_changed"])
    number = new_number(connected.tenant.post("/customer", {"name": {"value": "Before AS"}}))
    assert [event for event, _body in _queued(database, connected.company_id)] == ["customer_changed"]

    changed = connected.tenant.put(f"/customer/{number}", {"name": {"value": "After AS"}})
    assert changed.status_code == 204, changed.text
    refused = connected.tenant.put(
        f"/customer/{number}", {"name": {"value": "Refused AS"}, "creditTermsId": {"value": "NO-SUCH"}}
    )
    assert refused.status_code == 400, refused.text
    unchanged = connected.tenant.put(f"/customer/{number}", {"name": {"value": "After AS"}})
    assert unchanged.status_code == 204, unchanged.text

    queued = _queued(database, connected.company_id)
    assert [event for event, _body in queued] == ["customer_changed", "customer_updated", "customer_changed"]
    assert {body["id"] for _event, body in queued} == {number}
    with database.reading() as session:
        jobs = session.scalar(select(func.count()).select_from(Job).where(Job.kind == service.DELIVERY))
        assert jobs >= 3


def test_an_event_is_queued_only_when_its_transaction_commits(database, client):
    connected = make_connected(database, client)
    _subscribe(database, connected, "https://receiver.example/hook", ["customer_created"])

    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), database.writing() as session:
        session.add(Customer(company_id=connected.company_id, number="ROLLED", name="Rolled back", currency_id="NOK"))
        session.flush()
        raise Abandoned
    assert _queued(database, connected.company_id) == []

    with database.writing() as session:
        session.add(Customer(company_id=connected.company_id, number="KEPT", name="Committed", currency_id="NOK"))
    assert [(event, body["id"]) for event, body in _queued(database, connected.company_id)] == [
        ("customer_created", "KEPT")
    ]


def test_releasing_an_invoice_announces_its_status_change_and_the_action(database, client):
    connected = make_connected(database, client)
    add_trading_company(connected.tenant)
    _subscribe(
        database,
        connected,
        "https://receiver.example/hook",
        ["AR Invoice Status Changed", "AR Invoice Action Triggered"],
    )
    number = new_number(connected.tenant.post("/customerinvoice", invoice_body()))
    assert _queued(database, connected.company_id) == []  # made Balanced: no status moved

    released = connected.tenant.post(f"/customerinvoice/{number}/action/release")
    assert released.status_code == 200, released.text

    queued = {event: body for event, body in _queued(database, connected.company_id)}
    assert set(queued) == {"arinvoice_statuschanged", "arinvoice_actiontriggered"}
    status = queued["arinvoice_statuschanged"]
    assert (status["entity"], status["event"], status["id"], status["documentType"]) == (
        "AR Invoice",
        "Status Changed",
        number,
        "Invoice",
    )
    assert (status["previousStatus"], status["status"]) == ("Balanced", "Open")
    assert (queued["arinvoice_actiontriggered"]["event"], queued["arinvoice_actiontriggered"]["action"]) == (
        "Action Triggered",
        "release",
    )


def test_an_account_number_change_is_an_identity_change_and_a_delete_is_announced(database, client):
    connected = make_connected(database, client)
    _subscribe(database, connected, "https://receiver.example/hook", ["account_identitychanged", "account_deleted"])
    with database.writing() as session:
        account = Account(company_id=connected.company_id, account_cd="1920", type="Asset", description="Bank")
        session.add(account)
    with database.writing() as session:
        session.scalar(select(Account).where(Account.company_id == connected.company_id)).account_cd = "1921"
    with database.writing() as session:
        session.delete(session.scalar(select(Account).where(Account.company_id == connected.company_id)))
    queued = _queued(database, connected.company_id)
    assert [(event, body["id"], body.get("previousId")) for event, body in queued] == [
        ("account_identitychanged", "1921", "1920"),
        ("account_deleted", "1921", None),
    ]


def test_only_the_applications_the_company_approved_hear_its_events_within_their_filter(database, client):
    approved = make_connected(database, client)
    stranger = make_connected(database, client, grant=False)
    other = make_connected(database, client)
    _subscribe(database, approved, "https://approved.example/hook", ["customer_created"])
    # Stranger's application asks for every company's events, but the company never approved it.
    _subscribe(database, stranger, "https://stranger.example/hook", ["customer_created"])
    # Approved by the company too, but filtered to another one.
    with database.writing() as session:
        from nettfin.server.identity.connect.service import grant_application
        from nettfin.server.identity.models import Company

        application = session.get(ConnectApplication, other.application_id)
        grant_application(session, application, session.get(Company, approved.company_id), granted_by="test")
    _subscribe(database, other, "https://other.example/hook", ["customer_created"], company_id=other.company_id)
    with database.writing() as session:
        disabled = session.get(ConnectApplication, approved.application_id)
    new_number(approved.tenant.post("/customer", {"name": {"value": "Heard AS"}}))
    with database.reading() as session:
        urls = session.scalars(
            select(WebhookDelivery.subscription_id).where(WebhookDelivery.company_id == approved.company_id)
        ).all()
        targets = [service.find_subscription(session, subscription).url for subscription in urls]
    assert targets == ["https://approved.example/hook"]

    with database.writing() as session:
        session.get(ConnectApplication, disabled.id).disabled_at = utcnow()
    new_number(approved.tenant.post("/customer", {"name": {"value": "Unheard AS"}}))
    assert len(_queued(database, approved.company_id)) == 1


def test_a_financial_subscription_names_events_of_the_catalogue(database, client):
    connected = make_connected(database, client)
    with pytest.raises(BusinessError) as refused:
        _subscribe(database, connected, "https://receiver.example/hook", ["Customer Exploded"])
    assert "has no event 'Customer Exploded'" in str(refused.value)
    assert "customer_changed" in str(refused.value)
    catalogue = events.catalogue()
    assert catalogue["arinvoice_statuschanged"] == ("AR Invoice", "Status Changed")
    assert catalogue["account_identitychanged"] == ("Account", "Identity Changed")
    assert catalogue["inventoryitem_changed"] == ("Inventory Item", "Changed")


def test_a_segment_value_added_is_a_dimension_change(database, client):
    from tests.ledger_factories import add_dimension

    connected = make_connected(database, client)
    add_dimension(connected.tenant)
    _subscribe(database, connected, "https://receiver.example/hook", ["Dimension Changed"])
    response = connected.tenant.put(
        "/dimension/SUBACCOUNT/1",
        {"segmentValues": [{"operation": "Insert", "value": "30", "description": {"value": "Sales"}}]},
    )
    assert response.status_code == 204, response.text
    assert [(event, body["entity"], body["id"]) for event, body in _queued(database, connected.company_id)] == [
        ("dimension_changed", "Dimension", "SUBACCOUNT")
    ]


def _prepared_run(monkeypatch) -> list[object]:
    """The fixed statements (db/prepared.py) run from now on, in order: they go to the driver's cursor, past the
    engine's events."""
    ran: list[object] = []
    execute = Prepared._execute

    def noted(self, connection, cursor, params):
        ran.append(self)
        return execute(self, connection, cursor, params)

    monkeypatch.setattr(Prepared, "_execute", noted)
    return ran


@pytest.mark.parametrize(
    ("path", "body", "event_type"),
    [
        ("/customer", {"name": {"value": "Read ahead AS"}}, "customer_created"),  # a declared resource's create
        ("/customerinvoice", None, "arinvoice_changed"),  # a document's entry
    ],
)
def test_a_new_record_asks_for_subscribers_before_it_takes_its_number_and_is_still_announced(
    database, client, monkeypatch, path, body, event_type
):
    """The number series' row is locked from the number to the commit, and the other creates of the series wait for
    it: the one subscriber question a create's events ask is asked before, not in that window."""
    connected = make_connected(database, client)
    add_trading_company(connected.tenant)
    _subscribe(database, connected, "https://receiver.example/hook", [event_type])
    ran = _prepared_run(monkeypatch)
    series_table = NumberSeries.__table__

    made = connected.tenant.post(path, body or invoice_body())
    assert made.status_code == 201, made.text

    asked = [index for index, statement in enumerate(ran) if statement is service._ANY_SUBSCRIBER]
    numbered = [
        index for index, prepared in enumerate(ran) if getattr(prepared.statement, "table", None) is series_table
    ]
    assert len(asked) == 1 and numbered, (asked, numbered)
    assert asked[0] < numbered[0]
    assert [event for event, body in _queued(database, connected.company_id)] == [event_type]
