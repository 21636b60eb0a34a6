"""Features (`/v1/featuresset`): the features of the company's set-up, enabled where nettfin serves the module,
with the real filters; validated against the real visma-featuresset document."""

from __future__ import annotations

from tests.ledger_factories import real_query_parameters
from tests.party_factories import assert_real


def names(body: dict) -> set[str]:
    return {feature["name"] for feature in body["features"]}


def test_the_features_say_what_nettfin_serves(tenant):
    response = tenant.get("/featuresset")
    assert response.status_code == 200, response.text
    body = response.json()
    assert_real(body, "featuresset", "FeaturesSetDto")
    enabled = {feature["name"]: feature["isEnabled"] for feature in body["features"]}
    assert enabled["SubAccount"] is True
    assert enabled["Inventory"] is True
    assert enabled["ProjectAccounting"] is True
    assert enabled["Branch"] is True
    assert enabled["Multicurrency"] is True
    assert enabled["MultipleUnitMeasure"] is False
    parents = {feature["name"]: feature.get("parentName") for feature in body["features"]}
    assert parents["SubAccount"] == "FinancialModule"
    assert "parentName" not in next(f for f in body["features"] if f["name"] == "FinancialModule")


def test_the_real_filters(tenant):
    assert {"featureName", "featureEnabled"} == real_query_parameters("featuresset", "/v1/featuresset")
    assert names(tenant.get("/featuresset", params={"featureName": "branch"}).json()) == {"Branch"}
    disabled = tenant.get("/featuresset", params={"featureEnabled": "false"}).json()
    assert disabled["features"] and all(not feature["isEnabled"] for feature in disabled["features"])
    assert tenant.get("/featuresset", params={"featureName": "Nothing"}).json() == {"features": []}


def test_an_invalid_flag_is_400_naming_the_parameter(tenant):
    response = tenant.get("/featuresset", params={"featureEnabled": "maybe"})
    assert response.status_code == 400
    assert "featureEnabled" in response.text
