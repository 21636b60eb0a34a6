"""First time startup (`/v1/firstTimeStartup/status`): a company's financials count as started up once it has a
chart of accounts and financial periods; through the app on both databases, validated against the real document."""

from __future__ import annotations

from nettfin.server.ledger.periods import create_financial_year
from tests.ledger_factories import insert_accounts
from tests.party_factories import assert_real


def status(tenant) -> dict:
    response = tenant.get("/firstTimeStartup/status")
    assert response.status_code == 200, response.text
    assert_real(response.json(), "firsttimestartup", "FirstTimeStartupDto")
    return response.json()


def test_a_new_company_is_not_started_up_until_it_has_accounts_and_periods(tenant):
    assert status(tenant) == {
        "financials": False,
        "message": "The first time startup of financials is not completed: the company has no chart of accounts "
        "and no financial periods.",
    }
    insert_accounts(tenant, "1920")
    assert status(tenant)["message"].endswith("the company has no financial periods.")
    with tenant.database.writing() as session:
        create_financial_year(session, tenant.company_id, 2026)
    assert status(tenant) == {"financials": True, "message": "The first time startup of financials is completed."}
