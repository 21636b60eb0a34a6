"""The demo company's ledger and VAT set-up: a Norwegian chart, open periods from 2019, the MVA codes with the
zones the demo already had, a validated SUBACCOUNT dimension, and the seed's walk-throughs working on it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.db.base import utcnow
from nettfin.server.db.engine import Database
from nettfin.server.db.migrate import upgrade
from nettfin.server.demo.seed import DEMO_TOKEN, ensure_demo
from nettfin.server.ledger.periods import LedgerModule, period_open_for
from nettfin.server.ledger.subaccounts import check_subaccount
from nettfin.server.settings import Settings
from nettfin.server.tax.determination import DocumentKind, VatLine, determine_vat
from nettfin.server.tax.service import load_vat_setup, vat_rounding
from tests.ledger_factories import assert_real

API = "/API/controller/api/v1"


def seeded(directory: Path) -> tuple[Database, TestClient, int]:
    url = f"sqlite:///{directory / 'demo.db'}"
    upgrade(url)
    database = Database(url)
    company_id = ensure_demo(database).company_id
    return database, TestClient(create_app(Settings(data_dir=directory), database=database)), company_id


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    database, client, company_id = seeded(tmp_path_factory.mktemp("ledger-demo"))
    with client:
        yield database, client, company_id
    database.dispose()


def get(demo, path: str, **params):
    _, client, company_id = demo
    headers = {"Authorization": f"Bearer {DEMO_TOKEN}", "ipp-company-id": str(company_id)}
    response = client.get(f"{API}{path}", headers=headers, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_chart_follows_ns_4102_with_control_accounts_for_the_sub_ledgers(demo):
    accounts = {a["accountCD"]: a for a in get(demo, "/account")}
    assert len(accounts) >= 40
    assert accounts["1500"]["description"] == "Kundefordringer"
    assert (accounts["1500"]["controlAccountModule"], accounts["1500"]["allowManualEntry"]) == ("AR", False)
    assert accounts["2400"]["description"] == "Leverandørgjeld"
    assert accounts["2400"]["controlAccountModule"] == "AP"
    assert {"2700", "2701", "2702", "2710", "2711", "2712", "2740"} <= set(accounts)
    assert (accounts["3000"]["type"], accounts["3000"]["taxCategory"]) == ("Income", "03")
    assert accounts["4000"]["description"] == "Varekjøp"
    assert accounts["6300"]["description"] == "Leie lokaler"
    assert accounts["7700"]["type"] == "Expense"
    assert accounts["1920"]["cashAccount"] is True
    for account in accounts.values():
        assert_real(account, "account", "AccountDto")


def test_periods_run_monthly_from_2019_to_the_current_year_and_are_all_open(demo):
    periods = get(demo, "/financialPeriod")
    assert periods[0]["period"] == "201901"
    assert periods[-1]["period"] == f"{utcnow().year}12"
    assert len(periods) == 12 * (utcnow().year - 2019 + 1)
    assert all(p["active"] and not any(v for k, v in p.items() if k.startswith("closedIn")) for p in periods)
    database, _, company_id = demo
    with database.reading() as session:
        assert period_open_for(session, company_id, "201911", LedgerModule.SUPPLIER_LEDGER) is None  # not refused


def test_the_zones_are_the_demos_three_with_their_vat_ids_not_duplicated(demo):
    zones = get(demo, "/vatZone")
    assert [(z["id"], z["defaultVatCategory"]) for z in zones] == [("01", "03"), ("02", "05"), ("03", "05")]
    assert zones[0]["metadata"]["totalCount"] == 3
    vats = {v["vatId"]: v for v in get(demo, "/vat")}
    assert [z["id"] for z in vats["3"]["zones"]] == ["01"]
    assert [z["id"] for z in vats["52"]["zones"]] == ["02", "03"]


def test_the_mva_codes_cover_the_rates_exemption_and_the_reverse_charge(demo):
    vats = {v["vatId"]: v for v in get(demo, "/vat")}
    rates = {vat_id: v["schedules"][0]["vatRate"] for vat_id, v in vats.items()}
    assert (rates["3"], rates["31"], rates["33"], rates["5"]) == (25, 15, 12, 0)
    assert vats["6"]["type"] == "ExemptVat"
    assert (vats["86"]["type"], vats["86"]["reverseVat"]) == ("ReverseVat", True)
    assert vats["3"]["glAccounts"]["vatPayableAccount"]["number"] == "2700"
    assert vats["3"]["glAccounts"]["vatPayableSubaccount"]["id"] == "00-000"
    for vat in vats.values():
        assert_real(vat, "vat", "VatInformationDto")


def test_the_articles_vat_walk_through_works_on_the_demo(demo):
    database, _, company_id = demo
    with database.reading() as session:
        setup = load_vat_setup(session, company_id)
        assert vat_rounding(session, company_id).value == "PerDocument"
    day = date(2019, 11, 8)
    assert determine_vat(setup, VatLine(DocumentKind.SALES, "01", "03", day)).vat_id == "3"
    # The seed's supplier invoice sends vatCodeId 1 for a domestic purchase.
    assert determine_vat(setup, VatLine(DocumentKind.PURCHASE, "01", "03", day, "1")).vat_id == "1"
    refused = determine_vat(setup, VatLine(DocumentKind.SALES, "01", "03", day, "01"))
    assert refused.message == "TaxID '01' cannot be found in the system"
    assert determine_vat(setup, VatLine(DocumentKind.PURCHASE, "02", "03", day)).vat_id == "86"


def test_the_seeds_subaccount_segment_1_value_00_is_a_defined_combination(demo):
    database, _, company_id = demo
    with database.reading() as session:
        seed = check_subaccount(session, company_id, [(1, "00")])
        assert (seed.number, seed.problems) == ("00-000", [])
        assert check_subaccount(session, company_id, [(1, "99")]).problems == [
            "An error occurred during processing of the field Subaccount : Error: Avdeling of Subaccount do not exist."
        ]
        # Combinations are required in the demo: 30-100 has defined values but is not a defined subaccount.
        assert check_subaccount(session, company_id, [(1, "30"), (2, "100")]).problems == [
            "An error occurred during processing of the field Subaccount : Error: 30-100 of Subaccount do not exist."
        ]
    dimension = get(demo, "/dimension/SUBACCOUNT")
    assert [(s["description"], s["validate"]) for s in dimension["segments"]] == [
        ("Avdeling", True),
        ("Prosjekt", True),
    ]
    assert len(get(demo, "/subaccount")) == 6


def test_the_ledger_demo_is_deterministic(demo, tmp_path):
    database, client, company_id = seeded(tmp_path)
    paths = ["/account", "/vat", "/vatCategory", "/vatZone", "/dimension/SUBACCOUNT", "/subaccount"]
    headers = {"Authorization": f"Bearer {DEMO_TOKEN}", "ipp-company-id": str(company_id)}
    with client:
        for path in paths:
            again = client.get(f"{API}{path}", headers=headers).content
            assert again == demo[1].get(f"{API}{path}", headers={**headers, "ipp-company-id": str(demo[2])}).content
    database.dispose()
