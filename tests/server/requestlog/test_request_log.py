"""The request log through the app, on both databases: an API call is logged with its company, application,
status, latency, Ipp-Request-Id, headers and bodies; secrets are redacted; what a call caused (the journal batch a
release posted, the event a customer create emitted) is on it; a background call's replay is logged as background;
filters, the HAR export, the body cap, the off setting and the retention; the admin API's refusals."""

from __future__ import annotations

import sqlite3
import time
import uuid
from datetime import UTC, datetime, timedelta

import orjson
import pytest
from sqlalchemy import event, func, select

from nettfin.server.requestlog import redaction
from nettfin.server.requestlog.models import LoggedCall
from nettfin.server.requestlog.service import prune
from nettfin.testing.calls import calls
from tests.conftest import Tenant
from tests.connect_helpers import access_token, bearer, make_connected
from tests.server.requestlog.conftest import API, AUTH, logging_client
from tests.supplier_ledger_factories import books, journal_body, journal_line

CUSTOMER = {"name": {"value": "Nordlys AS"}}


def _created_customer(tenant: Tenant) -> str:
    response = tenant.client.post("/v1/customer", json=CUSTOMER, headers=tenant.headers)
    assert response.status_code == 201, response.text
    return response.headers["Location"].rsplit("/", 1)[1]


def test_a_call_is_logged_with_company_application_status_and_bodies(tenant: Tenant, admin):
    number = _created_customer(tenant)
    read = tenant.client.get(f"/v1/customer/{number}", headers=tenant.headers)

    made = calls(admin, company_id=tenant.company_id)

    assert [(call.method, call.path, call.status) for call in made] == [
        ("POST", "/v1/customer", 201),
        (("GET", f"/v1/customer/{number}", 200)),
    ]
    create, get = made
    assert create.application == "development"  # a token made by `nettfin token create` (no client)
    assert create.request_json == CUSTOMER
    assert create.request_headers["authorization"] == "[redacted]"
    assert create.request_headers["ipp-company-id"] == str(tenant.company_id)
    assert create.response_headers["location"].endswith(f"/v1/customer/{number}")
    assert get.response_json["name"] == "Nordlys AS"
    assert get.request_id == read.headers["Ipp-Request-Id"]
    assert get.latency_ms > 0 and not get.background
    assert create.event_types == ["customer_created", "customer_changed"]
    assert create.events[0]["id"] == number and get.events == ()


def test_a_release_shows_the_batch_it_posted_and_a_refused_one_none(tenant: Tenant, admin):
    company = books(tenant)
    body = journal_body(journal_line("6800", debit="100.00"), journal_line("1920", credit="100.00"))
    created = company.post("/journaltransaction", body)
    assert created.status_code == 201, created.text
    number = created.headers["Location"].rsplit("/", 1)[1]
    assert company.post(f"/journaltransaction/{number}/action/release").status_code == 200
    unbalanced = journal_body(journal_line("6800", debit="100.00"), journal_line("1920", credit="99.00"))
    assert company.post("/journaltransaction", unbalanced).status_code == 400

    create, release, refused = calls(admin, company_id=tenant.company_id, path="*/journaltransaction*")

    assert create.batches == (
        {"companyId": tenant.company_id, "batchNumber": number, "module": "GL", "status": "Balanced"},
    )
    assert release.path.endswith("/action/release")
    assert release.batch_numbers == [number] and release.batches[0]["status"] == "Posted"
    assert refused.status == 400 and refused.batches == () and refused.events == ()


def test_connect_token_call_and_its_calls_name_the_application_and_hide_secrets(database, client, admin):
    connected = make_connected(database, client)
    token = access_token(client, connected, basic=False)
    listed = client.get("/v1/customer", headers=bearer(token))
    assert listed.status_code == 200, listed.text

    token_call = calls(admin, path="/connect/token", application=connected.client_id)[-1]
    api_call = calls(admin, company_id=connected.company_id, path="/v1/customer")[-1]

    assert token_call.status == 200 and token_call.company_id is None
    assert "client_secret=%5Bredacted%5D" in token_call.request_body
    assert connected.secret not in token_call.request_body
    assert token_call.response_json is not None, token_call
    assert token_call.response_json["access_token"] == "[redacted]"
    assert token not in token_call.response_body
    assert api_call.application == connected.client_id
    assert api_call.request_headers["authorization"] == "[redacted]"


def test_a_background_call_and_its_replay_are_both_logged(tenant: Tenant, admin):
    accepted = tenant.client.post(
        "/v1/customer", json=CUSTOMER, headers={**tenant.headers, "erp-api-background": "none"}
    )
    assert accepted.status_code == 202, accepted.text
    deadline = time.monotonic() + 60
    while True:
        made = calls(admin, company_id=tenant.company_id, method="POST")
        if len(made) == 2 or time.monotonic() > deadline:
            break
        time.sleep(0.05)

    queued, replayed = made
    assert (queued.status, queued.background) == (202, False)
    assert (replayed.status, replayed.background) == (201, True)
    assert replayed.application == "development" and replayed.event_types[0] == "customer_created"


def test_filters_pick_calls_by_method_path_status_and_since(tenant: Tenant, admin):
    before = datetime.now(UTC) - timedelta(seconds=1)
    number = _created_customer(tenant)
    assert tenant.client.get("/v1/customer/NOSUCH", headers=tenant.headers).status_code == 404
    tenant.client.get(f"/API/controller/api/v1/customer/{number}", headers=tenant.headers)

    def paths(**filters) -> list[str]:
        return [call.path for call in calls(admin, company_id=tenant.company_id, **filters)]

    assert paths(method="get") == ["/v1/customer/NOSUCH", f"/API/controller/api/v1/customer/{number}"]
    assert paths(status=404) == ["/v1/customer/NOSUCH"]
    assert paths(status="2xx") == ["/v1/customer", f"/API/controller/api/v1/customer/{number}"]
    assert paths(path="/API/*") == [f"/API/controller/api/v1/customer/{number}"]
    assert paths(path="/V1/CUSTOMER/?OSUCH") == ["/v1/customer/NOSUCH"]
    assert len(paths(since=before.isoformat())) == 3
    assert paths(since=(datetime.now(UTC) + timedelta(hours=1)).isoformat()) == []
    newest = admin.request("GET", "/requests", params={"companyId": tenant.company_id, "limit": 1}).json()
    assert [call["path"] for call in newest] == [f"/API/controller/api/v1/customer/{number}"]


def test_one_call_reads_with_its_bodies_and_what_it_caused(tenant: Tenant, admin):
    _created_customer(tenant)
    listed = admin.request("GET", "/requests", params={"companyId": tenant.company_id}).json()
    assert "request" not in listed[0]

    found = admin.request("GET", f"/requests/{listed[0]['id']}")

    assert found.status_code == 200
    body = found.json()
    assert body["request"]["body"] == {
        "size": len(b'{"name":{"value":"Nordlys AS"}}'),
        "truncated": False,
        "mimeType": "application/json",
        "text": '{"name":{"value":"Nordlys AS"}}',
    }
    assert {"name": "authorization", "value": "[redacted]"} in body["request"]["headers"]
    assert body["events"][0]["eventType"] == "customer_created"


REQUIRED_ENTRY = {"startedDateTime", "time", "request", "response", "cache", "timings"}
REQUIRED_REQUEST = {"method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize"}
REQUIRED_RESPONSE = {
    "status",
    "statusText",
    "httpVersion",
    "cookies",
    "headers",
    "content",
    "redirectURL",
    "headersSize",
    "bodySize",
}


def test_the_har_export_is_a_har_1_2_log(tenant: Tenant, admin):
    number = _created_customer(tenant)
    tenant.client.get(f"/v1/customer/{number}?expandAddress=true", headers=tenant.headers)

    response = admin.request("GET", "/requests.har", params={"companyId": tenant.company_id})

    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    log = response.json()["log"]
    assert log["version"] == "1.2" and set(log["creator"]) >= {"name", "version"}
    create, read = log["entries"]
    for entry in log["entries"]:
        assert set(entry) >= REQUIRED_ENTRY
        assert set(entry["request"]) >= REQUIRED_REQUEST
        assert set(entry["response"]) >= REQUIRED_RESPONSE
        assert set(entry["response"]["content"]) >= {"size", "mimeType"}
        assert set(entry["timings"]) >= {"send", "wait", "receive"}
        datetime.fromisoformat(entry["startedDateTime"].replace("Z", "+00:00"))
    assert create["request"]["url"] == "http://testserver/v1/customer"
    assert create["request"]["postData"] == {"mimeType": "application/json", "text": '{"name":{"value":"Nordlys AS"}}'}
    assert (create["response"]["status"], create["response"]["statusText"]) == (201, "Created")
    assert read["request"]["queryString"] == [{"name": "expandAddress", "value": "true"}]
    assert read["request"]["url"].endswith(f"/v1/customer/{number}?expandAddress=true")
    assert '"Nordlys AS"' in read["response"]["content"]["text"]
    assert read["response"]["content"]["size"] == len(read["response"]["content"]["text"].encode())


@pytest.fixture(scope="module")
def capped(database, tmp_path_factory):
    yield from logging_client(database, tmp_path_factory.mktemp("capped"), request_log_body_max_bytes=16)


def test_bodies_are_cut_at_the_cap_and_marked(tenant: Tenant, capped):
    tenant.client = capped
    _created_customer(tenant)

    made = calls(capped_admin(capped), company_id=tenant.company_id)

    assert made[0].request_body == '{"name":{"value"'
    assert made[0].request_truncated and made[0].request_json is None
    found = capped.get(f"{API}/requests/{made[0].id}", headers=AUTH).json()
    assert found["request"]["body"]["size"] == 31 and found["request"]["body"]["truncated"] is True


def capped_admin(client):
    from tests.server.requestlog.conftest import Admin

    return Admin(client)


@pytest.fixture(scope="module")
def unlogged(database, tmp_path_factory):
    yield from logging_client(database, tmp_path_factory.mktemp("off"), request_log=False)


def test_the_off_setting_logs_nothing(tenant: Tenant, unlogged):
    tenant.client = unlogged
    _created_customer(tenant)

    assert calls(capped_admin(unlogged), company_id=tenant.company_id) == []


def test_retention_prunes_old_calls_and_all_but_the_newest(database, tenant: Tenant, admin):
    for _ in range(3):
        assert tenant.client.get("/v1/customer", headers=tenant.headers).status_code == 200
    made = calls(admin, company_id=tenant.company_id)
    assert len(made) == 3

    prune(database, datetime.now(UTC) + timedelta(hours=2), max_age=timedelta(hours=1), max_rows=None)
    assert calls(admin, company_id=tenant.company_id) == []

    for _ in range(3):
        tenant.client.get("/v1/customer", headers=tenant.headers)
    newest = calls(admin, company_id=tenant.company_id)[-1]
    prune(database, datetime.now(UTC), max_age=None, max_rows=1)
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(LoggedCall)) == 1
        assert session.scalar(select(LoggedCall.id)) == newest.id


def test_on_sqlite_the_sweep_deletes_with_fast_secure_delete_and_leaves_the_setting_as_it_was(
    database, tenant: Tenant, admin
):
    # Debian's SQLite overwrites every freed page with zeros (secure_delete on): 64 KB written per list page's
    # call deleted, with the one write lock held, while API writes waited.
    tenant.client.get("/v1/customer", headers=tenant.headers)
    calls(admin, company_id=tenant.company_id)
    sent: list[str] = []

    def note(_connection, _cursor, statement, *_):
        sent.append(statement)

    event.listen(database.engine, "before_cursor_execute", note)
    try:
        prune(database, datetime.now(UTC) + timedelta(hours=2), max_age=timedelta(hours=1), max_rows=None)
    finally:
        event.remove(database.engine, "before_cursor_execute", note)

    assert calls(admin, company_id=tenant.company_id) == []
    pragmas = [statement for statement in sent if "secure_delete" in statement]
    if database.dialect == "sqlite":
        with sqlite3.connect(":memory:") as fresh:
            build = fresh.execute("PRAGMA secure_delete").fetchone()[0]
        # Each chunk's transaction: read the setting, FAST for the delete, then the setting as it was.
        assert pragmas[:3] == ["PRAGMA secure_delete", "PRAGMA secure_delete=FAST", f"PRAGMA secure_delete={build}"]
    else:
        assert pragmas == []


def test_clearing_a_company_leaves_the_others(tenant: Tenant, other_tenant: Tenant, admin):
    tenant.client.get("/v1/customer", headers=tenant.headers)
    other_tenant.client.get("/v1/customer", headers=other_tenant.headers)

    assert admin.request("DELETE", "/requests", params={"companyId": tenant.company_id}).status_code == 204

    assert calls(admin, company_id=tenant.company_id) == []
    assert len(calls(admin, company_id=other_tenant.company_id)) == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"companyId": "abc"}, "companyId"),
        ({"method": "FETCH"}, "method"),
        ({"status": "99"}, "status"),
        ({"status": "6xx"}, "status"),
        ({"since": "yesterday"}, "since"),
        ({"limit": "0"}, "limit"),
        ({"limit": "1001"}, "limit"),
        ({"company": "1"}, "company"),
        ({"bodies": "yes"}, "bodies"),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_field(admin, params, field):
    for path in ("/requests", "/requests.har"):
        if field == "bodies" and path.endswith(".har"):
            continue
        response = admin.request("GET", path, params=params)
        assert response.status_code == 400, response.text
        assert f"'{field}'" in response.json()["message"]


def test_the_admin_api_refuses_without_its_key_and_answers_404_for_an_unknown_call(client, admin):
    assert client.get(f"{API}/requests").status_code == 401
    assert client.get(f"{API}/requests", headers={"Authorization": "Bearer wrong"}).status_code == 401
    missing = admin.request("GET", "/requests/999999999")
    assert missing.status_code == 404 and "999999999" in missing.json()["message"]
    assert admin.request("GET", "/requests/abc").status_code == 400


def test_the_admin_api_itself_and_static_pages_are_not_logged(tenant: Tenant, client, admin):
    marker = uuid.uuid4().hex
    client.get(f"/swagger?{marker}")
    admin.request("GET", "/requests", params={"path": f"*{marker}*"})
    assert calls(admin, path="/admin/*") == [] and calls(admin, path="/swagger*") == []


def test_token_bodies_lose_every_secret_field_and_unreadable_ones_are_dropped():
    answer = b'{"access_token":"a","refresh_token":"r","id_token":"i","token_type":"Bearer","nested":[{"token":"t"}]}'
    form = b"grant_type=refresh_token&refresh_token=r1&client_id=app&client_secret=s&code=c&password=p"

    shown = redaction.body(answer, "application/json", complete=True)
    posted = redaction.body(form, "application/x-www-form-urlencoded", complete=True)

    assert orjson.loads(shown) == {
        "access_token": "[redacted]",
        "refresh_token": "[redacted]",
        "id_token": "[redacted]",
        "token_type": "Bearer",
        "nested": [{"token": "[redacted]"}],
    }
    assert posted == (
        b"grant_type=refresh_token&refresh_token=%5Bredacted%5D&client_id=app&client_secret=%5Bredacted%5D"
        b"&code=%5Bredacted%5D&password=%5Bredacted%5D"
    )
    assert redaction.body(answer[:20], "application/json", complete=False) == b"[redacted]"
    assert redaction.body(b"opaque secret", "text/plain", complete=True) == b"[redacted]"
    assert redaction.headers([(b"Authorization", b"Bearer x"), (b"Cookie", b"s=1"), (b"Accept", b"*/*")]) == [
        ["authorization", "[redacted]"],
        ["cookie", "[redacted]"],
        ["accept", "*/*"],
    ]


def test_a_long_body_is_kept_whole_and_on_postgresql_compressed_with_lz4(database, tenant: Tenant, admin):
    name = "Nordlys " * 1000  # 8,000 characters: past the size where PostgreSQL compresses a value
    refused = tenant.client.post("/v1/customer", json={"name": {"value": name}}, headers=tenant.headers)
    assert refused.status_code == 400, refused.text

    (made,) = calls(admin, company_id=tenant.company_id)

    assert made.request_json == {"name": {"value": name}} and not made.request_truncated
    if database.dialect == "postgresql":
        with database.reading() as session:
            method = session.scalar(
                select(func.pg_column_compression(LoggedCall.request_body)).where(LoggedCall.id == made.id)
            )
        assert method == "lz4"
