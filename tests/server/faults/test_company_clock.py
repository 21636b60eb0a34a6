"""A company's movable clock, on both databases: set, advanced, frozen or back to real time through the admin API;
what the company's calls do by it (stamps, document dates and the dates that follow from them, postings, its
Visma Connect tokens' lifetimes, its background calls' retention) while another company keeps real time; and the
refusals (a move before the latest posting, an instant without a time zone, an unknown company), which change
nothing."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.db.clock import wallclock
from nettfin.server.faults import clock
from nettfin.server.ledger.journal import JournalBatch
from nettfin.server.settings import Settings
from nettfin.server.terms.models import CreditTerms
from tests.conftest import make_tenant
from tests.connect_helpers import access_token, bearer, make_connected
from tests.factories import new_number
from tests.ledger_factories import add_years
from tests.sales_factories import add_trading_company, invoice_body

from .conftest import ADMIN, AUTH, KEY

MARCH_17 = "2020-03-17T09:30:00Z"


@pytest.fixture(scope="module")
def clock_app(database, tmp_path_factory):
    """The admin API on, and a job worker for background calls."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("clock"), job_workers=1, admin_api_key=KEY)
    return create_app(settings, database=database)


@pytest.fixture(scope="module")
def http(clock_app):
    with TestClient(clock_app) as client:
        yield client


@pytest.fixture
def tenant(database, http):
    return make_tenant(database, http)


def set_clock(http, company_id: int, **body) -> dict:
    response = http.put(f"{ADMIN}/companies/{company_id}/clock", json=body, headers=AUTH)
    assert response.status_code == 200, response.text
    return response.json()


def read_clock(http, company_id: int) -> dict:
    response = http.get(f"{ADMIN}/companies/{company_id}/clock", headers=AUTH)
    assert response.status_code == 200, response.text
    return response.json()


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_a_company_runs_by_its_clock_while_another_keeps_real_time(database, http, tenant):
    other = make_tenant(database, http)
    assert read_clock(http, tenant.company_id)["moved"] is False

    shown = set_clock(http, tenant.company_id, now=MARCH_17, frozen=True)
    assert (shown["now"], shown["frozen"], shown["moved"]) == ("2020-03-17T09:30:00.000Z", True, True)
    mine = tenant.get(f"/customer/{new_number(tenant.post('/customer', json={'name': {'value': 'Then AS'}}))}")
    theirs = other.get(f"/customer/{new_number(other.post('/customer', json={'name': {'value': 'Now AS'}}))}")

    assert mine.json()["createdDateTime"] == mine.json()["lastModifiedDateTime"] == "2020-03-17T09:30:00"
    assert abs(instant(theirs.json()["createdDateTime"] + "Z") - wallclock()) < timedelta(minutes=5)
    assert read_clock(http, other.company_id)["moved"] is False


def test_a_running_clock_moves_on_and_is_advanced_by_a_duration(http, tenant):
    target = wallclock() + timedelta(days=3)
    shown = set_clock(http, tenant.company_id, now=target.isoformat())
    assert shown["frozen"] is False and abs(shown["offsetSeconds"] - 3 * 86400) < 60

    advanced = http.post(f"{ADMIN}/companies/{tenant.company_id}/clock/advance", json={"days": 31}, headers=AUTH)

    assert advanced.status_code == 200, advanced.text
    now = instant(read_clock(http, tenant.company_id)["now"])
    assert abs(now - (wallclock() + timedelta(days=34))) < timedelta(minutes=1)
    assert http.delete(f"{ADMIN}/companies/{tenant.company_id}/clock", headers=AUTH).status_code == 204
    assert read_clock(http, tenant.company_id)["moved"] is False


def test_a_frozen_clock_stands_still_and_resumes_where_it_stood(http, tenant):
    set_clock(http, tenant.company_id, now="2020-03-17")
    frozen = set_clock(http, tenant.company_id, frozen=True)
    time.sleep(0.01)
    assert read_clock(http, tenant.company_id)["now"] == frozen["now"]

    resumed = set_clock(http, tenant.company_id, frozen=False)

    assert resumed["frozen"] is False and resumed["now"] == frozen["now"]
    assert instant(read_clock(http, tenant.company_id)["now"]) >= instant(frozen["now"])


def test_documents_default_to_the_companys_day_and_post_in_its_period(http, tenant):
    add_trading_company(tenant)  # the periods of 2020
    with tenant.database.writing() as session:
        session.add(CreditTerms(company_id=tenant.company_id, terms_id="30", description="30 days", due_days=30))
    set_clock(http, tenant.company_id, now=MARCH_17, frozen=True)
    body = {**invoice_body(), "creditTermsId": {"value": "30"}}
    del body["documentDate"]

    number = new_number(tenant.post("/customerinvoice", body))
    invoice = tenant.get(f"/customerinvoice/{number}").json()
    assert tenant.post(f"/customerinvoice/{number}/action/release").status_code == 200

    assert invoice["documentDate"].startswith("2020-03-17")
    assert invoice["financialPeriod"] == "202003"
    assert invoice["documentDueDate"].startswith("2020-04-16")
    with tenant.database.reading() as session:
        batch = session.scalars(select(JournalBatch).where(JournalBatch.company_id == tenant.company_id)).one()
    assert batch.posted_at == instant(MARCH_17)


def test_the_clock_cannot_go_back_before_the_latest_posting_and_a_refusal_changes_nothing(http, tenant):
    add_trading_company(tenant)
    next_year = wallclock().year + 1
    add_years(tenant, next_year)
    set_clock(http, tenant.company_id, now=f"{next_year}-03-17T09:30:00Z", frozen=True)
    number = new_number(
        tenant.post("/customerinvoice", {**invoice_body(), "documentDate": {"value": f"{next_year}-03-17"}})
    )
    assert tenant.post(f"/customerinvoice/{number}/action/release").status_code == 200
    before = read_clock(http, tenant.company_id)

    back = http.put(
        f"{ADMIN}/companies/{tenant.company_id}/clock", json={"now": f"{next_year}-03-16T09:30:00Z"}, headers=AUTH
    )
    backwards = http.post(f"{ADMIN}/companies/{tenant.company_id}/clock/advance", json={"hours": -1}, headers=AUTH)
    real = http.delete(f"{ADMIN}/companies/{tenant.company_id}/clock", headers=AUTH)

    for refused in (back, backwards, real):
        assert refused.status_code == 400, refused.text
        message = refused.json()["message"]
        assert "the clock cannot go back before the company's latest posting" in message
        assert f"was posted at {next_year}-03-17T09:30:00.000Z" in message
    assert "Returning to real time is refused" in real.json()["message"]
    after = read_clock(http, tenant.company_id)
    assert (after["now"], after["frozen"]) == (before["now"], True)
    same = set_clock(http, tenant.company_id, now=f"{next_year}-03-17T09:30:00Z")  # at the posting itself: allowed
    assert same["frozen"] is False


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"now": "2020-03-17T09:30:00"}, "Invalid field 'now': '2020-03-17T09:30:00' has no time zone"),
        ({"now": "soon"}, "Invalid field 'now': 'soon' is not a date or an instant"),
        ({"now": "0001-01-01T00:00:00Z"}, "outside the clock's range: give an instant from 1900-01-01"),
        ({"frozen": "yes"}, "Invalid field 'frozen'"),
        ({"now": MARCH_17, "speed": 2}, "Invalid field 'speed': Extra inputs are not permitted"),
    ],
)
def test_bad_settings_are_refused_naming_the_field_and_change_nothing(http, tenant, body, words):
    response = http.put(f"{ADMIN}/companies/{tenant.company_id}/clock", json=body, headers=AUTH)

    assert response.status_code == 400, response.text
    assert response.json()["message"].startswith("VismaId: ") and words in response.json()["message"]
    assert read_clock(http, tenant.company_id)["moved"] is False


def test_an_advance_needs_a_duration_and_an_unknown_company_is_404(http, tenant):
    empty = http.post(f"{ADMIN}/companies/{tenant.company_id}/clock/advance", json={}, headers=AUTH)
    huge = http.post(f"{ADMIN}/companies/{tenant.company_id}/clock/advance", json={"days": 10**9}, headers=AUTH)
    unknown = http.get(f"{ADMIN}/companies/2000000000/clock", headers=AUTH)

    assert empty.status_code == 400 and "Say how far to move the clock" in empty.json()["message"]
    assert huge.status_code == 400 and "outside the clock's range" in huge.json()["message"]
    assert unknown.status_code == 404 and "No company has the id 2000000000" in unknown.json()["message"]
    assert http.get(f"{ADMIN}/companies/{tenant.company_id}/clock").status_code == 401


def test_a_companys_connect_tokens_live_by_its_clock(database, http):
    connected = make_connected(database, http)
    other = make_connected(database, http)
    token, others = access_token(http, connected), access_token(http, other)
    assert http.get("/v1/customer", headers=bearer(token)).status_code == 200

    moved = http.post(f"{ADMIN}/companies/{connected.company_id}/clock/advance", json={"hours": 2}, headers=AUTH)
    assert moved.status_code == 200, moved.text

    expired = http.get("/v1/customer", headers=bearer(token))
    assert expired.status_code == 401 and "it expired at" in expired.json()["ExceptionMessage"]
    assert http.get("/v1/customer", headers=bearer(others)).status_code == 200
    renewed = access_token(http, connected)
    assert http.get("/v1/customer", headers=bearer(renewed)).status_code == 200


def test_a_background_calls_retention_runs_out_by_its_companys_clock(http, tenant):
    """Queued by a company a week ahead, the call still runs now (the job queue keeps real time)."""
    with tenant.database.writing() as session:
        clock.advance(session, tenant.company_id, timedelta(days=7))
    accepted = tenant.client.post(
        "/v1/customer", json={"name": {"value": "Queued AS"}}, headers={**tenant.headers, "erp-api-background": "none"}
    )
    assert accepted.status_code == 202, accepted.text
    state = f"/v1/background/{accepted.json()['id']}"
    deadline = time.monotonic() + 60
    while tenant.client.get(state, headers=tenant.headers).json()["status"] == "Started":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    ran = tenant.client.get(state, headers=tenant.headers).json()
    assert ran["status"] == "Finished"
    assert abs(instant(ran["receivedUtc"] + "Z") - (wallclock() + timedelta(days=7))) < timedelta(minutes=5)

    with tenant.database.writing() as session:
        clock.advance(session, tenant.company_id, timedelta(hours=25))  # retention: 24 hours

    gone = tenant.client.get(state, headers=tenant.headers)
    assert gone.status_code == 404 and "has been removed" in gone.json()["message"]
    assert tenant.client.get(f"{state}/content", headers=tenant.headers).status_code == 410


def test_a_clock_is_read_by_every_process_after_a_change(database, http, tenant, tmp_path):
    """A second app on the same database (another server process) sees the change on the company's next call."""
    second = create_app(Settings(data_dir=tmp_path, job_workers=0), database=database)
    with TestClient(second) as other_process:
        before = other_process.get(
            f"/v1/customer/{new_number(tenant.post('/customer', json={'name': {'value': 'A'}}))}",
            headers=tenant.headers,
        )
        set_clock(http, tenant.company_id, now=MARCH_17, frozen=True)
        number = new_number(
            other_process.post("/API/controller/api/v1/customer", json={"name": {"value": "B"}}, headers=tenant.headers)
        )
        after = other_process.get(f"/v1/customer/{number}", headers=tenant.headers)

    assert before.json()["createdDateTime"][:4] == str(date.today().year)
    assert after.json()["createdDateTime"] == "2020-03-17T09:30:00"


def test_the_clock_follows_iso_instants_with_an_offset(http, tenant):
    shown = set_clock(http, tenant.company_id, now="2020-03-17T10:30:00+01:00", frozen=True)

    assert shown["now"] == "2020-03-17T09:30:00.000Z"
    assert instant(shown["now"]).tzinfo == UTC
