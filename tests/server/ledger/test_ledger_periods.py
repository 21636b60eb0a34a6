"""Financial years and periods (reference 3.16, GL201000): the read-only endpoints, creating a year, and the
open-period check documents will use, on both databases."""

from __future__ import annotations

import pytest

from nettfin.server.kit.errors import BusinessError
from nettfin.server.ledger.periods import (
    LedgerModule,
    PeriodNotOpen,
    create_financial_year,
    find_period,
    period_open_for,
)
from nettfin.server.ledger.router import FINANCIAL_PERIOD
from tests.ledger_factories import add_years, assert_real, close_period, real_properties, real_query_parameters


def periods(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [p["period"] for p in response.json()]


def test_a_financial_year_is_twelve_open_monthly_periods_with_yyyypp_ids(tenant):
    add_years(tenant, 2020)
    body = tenant.get("/financialPeriod").json()
    assert [p["period"] for p in body] == [f"2020{month:02d}" for month in range(1, 13)]
    february = body[1]
    assert february["year"] == 2020
    assert february["startDate"] == "2020-02-01T00:00:00"
    assert february["endDate"] == "2020-02-29T00:00:00"  # a leap year
    assert february["description"] == "February"
    assert february["active"] is True
    assert not any(value for key, value in february.items() if key.startswith("closedIn"))
    assert all("metadata" not in p for p in body)
    for period in body:
        assert_real(period, "financialperiod", "FinancialPeriodDto")


def test_get_one_period_by_its_id(tenant):
    add_years(tenant, 2019)
    response = tenant.get("/financialPeriod/201911")
    assert response.status_code == 200
    assert response.json()["endDate"] == "2019-11-30T00:00:00"
    assert_real(response.json(), "financialperiod", "FinancialPeriodDto")


@pytest.mark.parametrize("period", ["202013", "2020", "112019"])
def test_an_unknown_or_malformed_period_is_404(tenant, period):
    add_years(tenant, 2020)
    response = tenant.get(f"/financialPeriod/{period}")
    assert response.status_code == 404
    assert f"Financial period '{period}' not found" in response.json()["message"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2019", [f"2020{m:02d}" for m in range(1, 13)]), ("202010", ["202011", "202012"]), ("201912", None)],
)
def test_greater_than_value_is_a_year_or_a_period_and_exclusive(tenant, value, expected):
    add_years(tenant, 2019, 2020)
    expected = expected or [f"2020{m:02d}" for m in range(1, 13)]
    assert periods(tenant.get("/financialPeriod", params={"greaterThanValue": value})) == expected


@pytest.mark.parametrize("value", ["20", "202013", "2020-01", "abcd"])
def test_a_greater_than_value_that_is_neither_is_a_400_naming_the_parameter(tenant, value):
    response = tenant.get("/financialPeriod", params={"greaterThanValue": value})
    assert response.status_code == 400
    message = response.json()["message"]
    assert f"The value '{value}' of parameter 'greaterThanValue'" in message
    assert "YYYY" in message and "YYYYPP" in message


def test_closed_flags_are_per_module(tenant):
    add_years(tenant, 2019)
    close_period(tenant, "201911", closed_in_supplier_ledger=True, closed_in_general_ledger=True)
    body = tenant.get("/financialPeriod/201911").json()
    assert body["closedInSupplierLedger"] is True
    assert body["closedInGeneralLedger"] is True
    assert body["closedInCustomerLedger"] is False


def test_company_b_periods_are_invisible_to_company_a(tenant, other_tenant):
    add_years(other_tenant, 2020)
    assert tenant.get("/financialPeriod").json() == []
    assert tenant.get("/financialPeriod/202001").status_code == 404


def test_creating_a_year_twice_is_refused(tenant):
    add_years(tenant, 2020)
    with tenant.database.writing() as session, pytest.raises(BusinessError, match="Financial year 2020 already exists"):
        create_financial_year(session, tenant.company_id, 2020)


# --- period_open_for: what documents ask before they post ---------------------------------------------------


def test_an_open_period_is_open_for_every_module(tenant):
    add_years(tenant, 2019)
    with tenant.database.reading() as session:
        for module in LedgerModule:
            assert period_open_for(session, tenant.company_id, "201911", module) is None  # not refused


def test_a_period_closed_in_the_supplier_ledger_refuses_supplier_documents_naming_period_and_module(tenant):
    add_years(tenant, 2019)
    close_period(tenant, "201911", closed_in_supplier_ledger=True)
    with tenant.database.reading() as session:
        with pytest.raises(PeriodNotOpen) as refused:
            period_open_for(session, tenant.company_id, "201911", LedgerModule.SUPPLIER_LEDGER)
        assert refused.value.message == "Financial period '201911' is closed in the Supplier ledger."
        # ...while the customer ledger may still post to it.
        assert period_open_for(session, tenant.company_id, "201911", LedgerModule.CUSTOMER_LEDGER) is None


def test_a_missing_or_inactive_period_is_not_open(tenant):
    add_years(tenant, 2019)
    close_period(tenant, "201912", active=False)
    with tenant.database.reading() as session:
        with pytest.raises(PeriodNotOpen, match="Financial period '202001' does not exist."):
            period_open_for(session, tenant.company_id, "202001", LedgerModule.GENERAL_LEDGER)
        with pytest.raises(PeriodNotOpen, match="Financial period '201912' is not active."):
            period_open_for(session, tenant.company_id, "201912", LedgerModule.GENERAL_LEDGER)


def test_a_period_the_transaction_changed_but_has_not_written_is_checked_as_changed(tenant):
    add_years(tenant, 2019)
    with tenant.database.writing() as session, session.no_autoflush:
        period = find_period(session, tenant.company_id, "201911")
        period.closed_in_general_ledger = True
        with pytest.raises(PeriodNotOpen, match="is closed in the General ledger"):
            period_open_for(session, tenant.company_id, "201911", LedgerModule.GENERAL_LEDGER)
        assert period_open_for(session, tenant.company_id, "201911", LedgerModule.CASH_MANAGEMENT) is None
        session.rollback()


def test_every_module_has_a_closed_flag_of_the_real_dto():
    flags = {name for name in real_properties("financialperiod", "FinancialPeriodDto") if name.startswith("closedIn")}
    assert {f"closedIn{module.value}" for module in LedgerModule} == flags


def test_the_read_model_and_the_list_parameters_are_the_real_ones(client):
    assert set(FINANCIAL_PERIOD.read_model.model_fields) == real_properties("financialperiod", "FinancialPeriodDto")
    ours = {
        p["name"]
        for p in client.get("/swagger/v1/swagger.json").json()["paths"]["/API/controller/api/v1/financialPeriod"][
            "get"
        ]["parameters"]
        if p["in"] == "query"
    }
    assert ours == real_query_parameters("financialperiod", "/v1/financialPeriod")
