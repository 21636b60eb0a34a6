"""Earning types (EP102000) through the app on both databases: the types of hour time cards report in, read-only,
in the real EarningTypeDto's shape, with the real list parameters."""

from __future__ import annotations

from nettfin.server.timecards.earnings import ensure_earning_types
from nettfin.server.timecards.models import EarningType
from tests.party_factories import assert_real, query_names, real_query_names


def with_types(tenant):
    with tenant.database.writing() as session:
        ensure_earning_types(session, company_id=tenant.company_id)
        session.add(EarningType(company_id=tenant.company_id, code="RE", description="Reisetid", is_billable=False))
    return tenant


def test_the_list_holds_the_companys_earning_types_in_the_real_shape(tenant):
    response = with_types(tenant).get("/earningtype")
    assert response.status_code == 200
    types = response.json()
    assert [t["code"] for t in types] == ["OT", "RE", "RG"]
    for body in types:
        assert_real(body, "earningtype", "EarningTypeDto")
        assert "metadata" not in body
    overtime = types[0]
    assert (overtime["isOvertime"], overtime["isActive"], overtime["overtimeMultiplier"]) == (True, True, 1.5)


def test_one_earning_type_by_its_code(tenant):
    response = with_types(tenant).get("/earningtype/RG")
    assert response.status_code == 200
    assert response.json()["description"] == "Regular hours" and response.json()["overtimeMultiplier"] == 1
    assert tenant.get("/earningtype/XX").status_code == 404


def test_greater_than_value_and_the_last_change(tenant):
    with_types(tenant)
    assert [t["code"] for t in tenant.get("/earningtype", params={"greaterThanValue": "RE"}).json()] == ["RG"]
    later = tenant.get(
        "/earningtype", params={"lastModifiedDateTime": "2999-01-01", "lastModifiedDateTimeCondition": ">"}
    )
    assert later.status_code == 200 and later.json() == []


def test_the_list_parameters_are_the_real_ones(tenant):
    real = real_query_names("earningtype", "/earningtype") - {"erp-api-background"}
    assert query_names(tenant.client, "/earningtype") == real


def test_earning_types_are_the_companys_own(tenant, other_tenant):
    with_types(tenant)
    assert other_tenant.get("/earningtype").json() == []
    assert other_tenant.get("/earningtype/RE").status_code == 404


def test_earning_types_cannot_be_written(tenant):
    assert tenant.post("/earningtype", {"code": {"value": "X"}}).status_code == 405
