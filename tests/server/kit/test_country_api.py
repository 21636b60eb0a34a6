"""Countries (CS20400S, `/v1/country`): the ISO 3166-1 table addresses use, paged as the real list is, with
`metadata` on each element; validated against the real visma-country document."""

from __future__ import annotations

from nettfin.server.kit.countries import COUNTRIES
from tests.ledger_factories import real_query_parameters
from tests.party_factories import assert_real


def test_the_list_pages_over_every_country_in_id_order(tenant):
    assert {"pageNumber", "pageSize"} == real_query_parameters("country", "/v1/country")
    first = tenant.get("/country", params={"pageSize": 2})
    assert first.status_code == 200, first.text
    body = first.json()
    assert [country["id"] for country in body] == sorted(COUNTRIES)[:2]
    for country in body:
        assert_real(country, "country", "CountryDto")
        assert country["metadata"] == {"totalCount": len(COUNTRIES), "maxPageSize": 1000}
    second = tenant.get("/country", params={"pageSize": 2, "pageNumber": 2}).json()
    assert [country["id"] for country in second] == sorted(COUNTRIES)[2:4]
    assert len(tenant.get("/country").json()) == len(COUNTRIES)
    assert tenant.get("/country", params={"pageSize": 0}).status_code == 400


def test_one_country_by_its_id_whatever_its_case(tenant):
    response = tenant.get("/country/NO")
    assert response.status_code == 200
    assert response.json() == {"id": "NO", "name": "Norway"}
    assert_real(response.json(), "country", "CountryDto")
    assert tenant.get("/country/se").json() == {"id": "SE", "name": "Sweden"}


def test_an_unknown_country_is_404(tenant):
    response = tenant.get("/country/XX")
    assert response.status_code == 404
    assert response.json()["message"].endswith("Country 'XX' not found.")
