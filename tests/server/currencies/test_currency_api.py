"""Currencies (CM202000, `/v1/currency`), rate types (`/v2/currencyratetype`) and rates (`/v2/currencyrate`)
through the app on both databases, validated against the real currency, currencyratetype and currencyrate
documents; and `rate_on`, the rate in effect on a day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from nettfin.server.currencies.models import CurrencyRate
from nettfin.server.currencies.resources import CURRENCY_RATE, RATE_TYPE
from nettfin.server.currencies.service import add_currency, rate_on
from tests.ledger_factories import real_query_parameters
from tests.party_factories import assert_real, write_kind_mismatches


def v2(tenant, method: str, path: str, json=None, **kwargs):
    headers = {**tenant.headers, **kwargs.pop("headers", {})}
    return tenant.client.request(method, f"/v2{path}", json=json, headers=headers, **kwargs)


def add_currencies(tenant, *codes: str) -> None:
    with tenant.database.writing() as session:
        for code in codes:
            add_currency(session, tenant.company_id, code)


def rate_type(tenant, rate_type_id: str = "SPOT", days: int = 1):
    body = {"id": {"value": rate_type_id}, "description": {"value": "Spot rate"}, "daysEffective": {"value": days}}
    return v2(tenant, "POST", "/currencyratetype", body)


def rate(from_currency="EUR", to_currency="NOK", rate_type_id="SPOT", day="2026-01-01T00:00:00", value=11.5, **extra):
    return {
        "fromCurrencyId": {"value": from_currency},
        "toCurrencyId": {"value": to_currency},
        "rateType": {"value": rate_type_id},
        "effectiveDate": {"value": day},
        "rate": {"value": value},
        **extra,
    }


def rate_count(tenant) -> int:
    with tenant.database.reading() as session:
        statement = select(func.count()).select_from(CurrencyRate).where(CurrencyRate.company_id == tenant.company_id)
        return session.scalar(statement)


def test_the_write_bodies_are_the_real_ones():
    assert write_kind_mismatches(RATE_TYPE.create_model, "currencyratetype", "CreateCurrencyRateTypeDto") == {}
    assert write_kind_mismatches(CURRENCY_RATE.create_model, "currencyrate", "CreateCurrencyRateDto") == {}
    assert write_kind_mismatches(CURRENCY_RATE.write_model, "currencyrate", "UpdateCurrencyRateDto") == {}


# --- currencies -------------------------------------------------------------------------------------------


def test_a_new_company_has_its_base_currency(tenant):
    listed = tenant.get("/currency")
    assert listed.status_code == 200, listed.text
    body = listed.json()
    assert [c["id"] for c in body] == ["NOK"]
    nok = tenant.get("/currency/NOK").json()
    assert_real(nok, "currency", "CurrencyDto")
    assert nok == {
        "id": "NOK",
        "description": "Norwegian krone",
        "symbol": "kr",
        "isBaseCurrency": True,
        "decimalPrecision": 2,
        "isUsedForAccounting": True,
    }
    assert body == [nok]


def test_the_currencies_a_company_uses_are_not_its_base_currency(tenant):
    add_currencies(tenant, "EUR", "ISK")
    body = tenant.get("/currency").json()
    for currency in body:
        assert_real(currency, "currency", "CurrencyDto")
    assert [(c["id"], c["isBaseCurrency"]) for c in body] == [("EUR", False), ("ISK", False), ("NOK", True)]
    assert tenant.get("/currency/ISK").json()["decimalPrecision"] == 0


def test_an_unknown_currency_is_404_and_another_companys_are_not_seen(tenant, other_tenant):
    add_currencies(other_tenant, "EUR")
    response = tenant.get("/currency/EUR")
    assert response.status_code == 404
    assert response.json()["message"].endswith("Currency 'EUR' not found.")


# --- rate types -------------------------------------------------------------------------------------------


def test_a_rate_type_is_created_and_listed(tenant):
    created = rate_type(tenant, "SPOT", 3)
    assert created.status_code == 201, created.text
    assert rate_type(tenant, "BANK").status_code == 201
    listed = v2(tenant, "GET", "/currencyratetype")
    assert listed.status_code == 200
    for row in listed.json():
        assert_real(row, "currencyratetype", "CurrencyRateTypeDto")
    assert listed.json() == [
        {"id": "BANK", "description": "Spot rate", "daysEffective": 1},
        {"id": "SPOT", "description": "Spot rate", "daysEffective": 3},
    ]


def test_a_rate_type_needs_a_new_id(tenant):
    rate_type(tenant, "SPOT")
    again = rate_type(tenant, "SPOT")
    assert again.status_code == 400
    assert "'Currency rate type' 'SPOT' already exists" in again.json()["message"]
    empty = v2(tenant, "POST", "/currencyratetype", {"description": {"value": "No id"}})
    assert empty.status_code == 400
    assert "'Currency rate type' cannot be empty." in empty.json()["message"]


# --- rates ------------------------------------------------------------------------------------------------


def test_a_rate_is_created_read_and_updated(tenant):
    add_currencies(tenant, "EUR")
    rate_type(tenant)
    created = v2(tenant, "POST", "/currencyrate", rate(value=11.5))
    assert created.status_code == 201, created.text
    assert created.headers["Location"].endswith("/v2/currencyrate/1")
    listed = v2(tenant, "GET", "/currencyrate").json()
    assert len(listed) == 1
    assert_real(listed[0], "currencyrate", "CurrencyRateDto")
    row = listed[0]
    assert {k: v for k, v in row.items() if k != "timeStamp"} == {
        "id": 1,
        "fromCurrencyId": "EUR",
        "toCurrencyId": "NOK",
        "rateType": "SPOT",
        "rate": 11.5,
        "effectiveDate": "2026-01-01T00:00:00",
        "multDiv": "Multiply",
        "rateReciprocal": 0.08695652,
    }
    assert created.headers["ETag"] == f'"{row["timeStamp"]}"'
    updated = v2(
        tenant,
        "PUT",
        "/currencyrate/1",
        {"rate": {"value": 0.1}, "multDiv": {"value": "Divide"}},
        headers={"If-Match": created.headers["ETag"]},
    )
    assert updated.status_code == 204, updated.text
    row = v2(tenant, "GET", "/currencyrate").json()[0]
    assert (row["rate"], row["multDiv"], row["rateReciprocal"]) == (0.1, "Divide", 10)
    stale = v2(tenant, "PUT", "/currencyrate/1", {"rate": {"value": 2}}, headers={"If-Match": created.headers["ETag"]})
    assert stale.status_code == 412


def test_an_unknown_currency_or_rate_type_names_the_member_and_writes_nothing(tenant):
    add_currencies(tenant, "EUR")
    rate_type(tenant)
    response = v2(tenant, "POST", "/currencyrate", rate(from_currency="XXX", rate_type_id="NOPE"))
    assert response.status_code == 400
    message = response.json()["message"]
    assert "From currency 'XXX' cannot be found in the system." in message
    assert "Rate type 'NOPE' cannot be found in the system." in message
    assert "To currency" not in message
    missing = v2(tenant, "POST", "/currencyrate", {"fromCurrencyId": {"value": "EUR"}})
    assert missing.status_code == 400
    for label in ("To currency", "Rate type", "Effective date", "Rate"):
        assert f"'{label}' cannot be empty." in missing.json()["message"]
    same = v2(tenant, "POST", "/currencyrate", rate(to_currency="EUR"))
    assert "'To currency' must differ from 'From currency' (EUR)." in same.json()["message"]
    negative = v2(tenant, "POST", "/currencyrate", rate(value=0))
    assert negative.status_code == 400
    assert rate_count(tenant) == 0


def test_a_second_rate_on_the_same_day_is_refused(tenant):
    add_currencies(tenant, "EUR")
    rate_type(tenant)
    assert v2(tenant, "POST", "/currencyrate", rate()).status_code == 201
    again = v2(tenant, "POST", "/currencyrate", rate(value=12))
    assert again.status_code == 400
    assert "A rate from EUR to NOK of type SPOT effective 2026-01-01 already exists." in again.json()["message"]
    assert rate_count(tenant) == 1


def test_an_unknown_rate_is_404(tenant):
    for key in ("7", "abc"):
        response = v2(tenant, "PUT", f"/currencyrate/{key}", {"rate": {"value": 2}})
        assert response.status_code == 404
        assert response.json()["message"].endswith(f"Currency rate '{key}' not found.")


def test_rates_are_filtered_by_currency_type_and_effective_date(tenant):
    add_currencies(tenant, "EUR", "SEK")
    rate_type(tenant, "SPOT")
    rate_type(tenant, "BANK")
    for body in (
        rate(day="2026-01-01"),
        rate(day="2026-02-01"),
        rate(day="2026-02-01", rate_type_id="BANK"),
        rate(from_currency="SEK", day="2026-03-01", value=0.95),
    ):
        assert v2(tenant, "POST", "/currencyrate", body).status_code == 201
    assert set(real_query_parameters("currencyrate", "/v2/currencyrate")) == {
        "fromDate",
        "toDate",
        "fromCurrency",
        "toCurrency",
        "rateType",
    }

    def ids(**params) -> list[int]:
        response = v2(tenant, "GET", "/currencyrate", params=params)
        assert response.status_code == 200, response.text
        return [row["id"] for row in response.json()]

    assert ids() == [1, 2, 3, 4]
    assert ids(fromCurrency="SEK") == [4]
    assert ids(rateType="BANK") == [3]
    assert ids(fromDate="2026-02-01", toDate="2026-02-28") == [2, 3]
    assert ids(toCurrency="EUR") == []
    bad = v2(tenant, "GET", "/currencyrate", params={"fromDate": "yesterday"})
    assert bad.status_code == 400
    assert "fromDate" in bad.json()["message"]


def test_rate_on_is_the_latest_rate_effective_on_or_before_the_day(tenant):
    add_currencies(tenant, "EUR")
    rate_type(tenant)
    v2(tenant, "POST", "/currencyrate", rate(day="2026-01-01", value=11.5))
    v2(tenant, "POST", "/currencyrate", rate(day="2026-02-01", value=11.25, multDiv={"value": "Divide"}))
    with tenant.database.reading() as session:

        def on(day: date, **kwargs):
            return rate_on(session, tenant.company_id, "EUR", "NOK", day, kwargs.get("rate_type", "SPOT"))

        assert on(date(2025, 12, 31)) is None
        assert on(date(2026, 1, 1)).rate == Decimal("11.5")
        assert on(date(2026, 1, 31)).effective_date == date(2026, 1, 1)
        in_effect = on(date(2026, 6, 1))
        assert (in_effect.rate, in_effect.mult_div) == (Decimal("11.25"), "Divide")
        assert in_effect.convert(Decimal("22.5")) == Decimal("2")
        assert on(date(2026, 1, 1)).convert(Decimal("2")) == Decimal("23.0")
        assert on(date(2026, 6, 1), rate_type="BANK") is None
        assert rate_on(session, tenant.company_id, "NOK", "EUR", date(2026, 6, 1), "SPOT") is None
