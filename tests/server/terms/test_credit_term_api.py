"""Credit terms (CS206500, `/v1/creditTerm`): the company's terms in the real paging envelope, through the app
on both databases, validated against the real visma-creditterm document."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from nettfin.server.terms.models import CreditTerms
from tests.ledger_factories import real_query_parameters
from tests.party_factories import assert_real


def add_terms(tenant, *terms: tuple[str, str, int]) -> None:
    with tenant.database.writing() as session:
        session.add_all(
            CreditTerms(company_id=tenant.company_id, terms_id=terms_id, description=text, due_days=days)
            for terms_id, text, days in terms
        )


def test_the_list_is_the_real_envelope_of_the_company_s_terms(tenant, other_tenant):
    add_terms(tenant, ("30", "30 days", 30), ("14", "14 days", 14))
    add_terms(other_tenant, ("60", "Someone else's", 60))
    response = tenant.get("/creditTerm")
    assert response.status_code == 200, response.text
    body = response.json()
    assert_real(body, "creditterm", "BasePaginationDtoOfCreditTermDto")
    assert body["pageNumber"] == 1
    assert body["totalCount"] == 2
    assert [terms["termsId"] for terms in body["records"]] == ["14", "30"]
    fourteen = body["records"][0]
    assert fourteen["description"] == "14 days"
    assert fourteen["dueDateType"] == "N"
    assert fourteen["dueDay1"] == 14
    assert fourteen["discountPercent"] == 0
    assert fourteen["instalmentType"] == "S"
    assert fourteen["createdDateTime"] and fourteen["lastModifiedDateTime"]


def test_paging_and_the_terms_id_filter(tenant):
    add_terms(tenant, ("14", "14 days", 14), ("30", "30 days", 30), ("60", "60 days", 60))
    assert {"termsId", "pageNumber", "pageSize", "createdDateTime", "lastModifiedDateTime"} <= real_query_parameters(
        "creditterm", "/v1/creditTerm"
    )
    second = tenant.get("/creditTerm", params={"pageNumber": 2, "pageSize": 2}).json()
    assert (second["pageNumber"], second["pageSize"], second["totalCount"]) == (2, 2, 3)
    assert [terms["termsId"] for terms in second["records"]] == ["60"]
    only = tenant.get("/creditTerm", params={"termsId": "30"}).json()
    assert [terms["termsId"] for terms in only["records"]] == ["30"]
    assert only["totalCount"] == 1


def test_the_date_filters(tenant):
    add_terms(tenant, ("30", "30 days", 30))
    future = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%d")
    for name in ("createdDateTime", "lastModifiedDateTime"):
        later = tenant.get("/creditTerm", params={name: future, f"{name}Condition": ">"}).json()
        assert later["records"] == [] and later["totalCount"] == 0
        earlier = tenant.get("/creditTerm", params={name: future, f"{name}Condition": "<="}).json()
        assert len(earlier["records"]) == 1


def test_an_invalid_filter_is_400_naming_the_parameter(tenant):
    response = tenant.get("/creditTerm", params={"createdDateTime": "2020-01-01", "createdDateTimeCondition": "~"})
    assert response.status_code == 400
    assert "createdDateTimeCondition" in response.json()["message"]
    assert tenant.get("/creditTerm", params={"pageSize": 0}).status_code == 400
