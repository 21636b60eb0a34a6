"""Departments (EP201500, `/v1/department`), a resource that is nothing but a `kit.resource` declaration:
list, get, create and update through the app on both databases, validated against the real
visma-department document."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from nettfin.server.ledger.models import Subaccount
from nettfin.server.timecards.models import Department
from tests.ledger_factories import (
    add_dimension,
    assert_real,
    insert_accounts,
    real_properties,
    real_query_parameters,
)


def department(department_id: str = "PROD", **members) -> dict:
    return {"departmentId": department_id, "description": {"value": f"Department {department_id}"}, **members}


def count(tenant, model) -> int:
    with tenant.database.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.company_id == tenant.company_id))


def test_create_is_201_with_the_location_of_the_department_and_an_etag(tenant):
    response = tenant.post("/department", department("PROD"))
    assert response.status_code == 201, response.text
    assert response.content == b""
    assert response.headers["Location"] == "http://testserver/API/controller/api/v1/department/PROD"
    read = tenant.get("/department/PROD")
    assert read.status_code == 200
    assert response.headers["ETag"] == read.headers["ETag"] == f'"{read.json()["timeStamp"]}"'


def test_a_department_reads_back_as_the_real_document_shapes_it(tenant):
    insert_accounts(tenant, "7000", type="Expense")
    add_dimension(tenant)
    body = department(
        "PROD",
        expenseAccount={"value": "7000"},
        expenseSubaccount=[{"segmentId": 1, "segmentValue": "10"}, {"segmentId": 2, "segmentValue": "100"}],
    )
    assert tenant.post("/department", body).status_code == 201
    read = tenant.get("/department/PROD").json()
    assert_real(read, "department", "DepartmentDto")
    assert read["departmentId"] == "PROD"
    assert read["description"] == "Department PROD"
    assert read["expenseAccount"]["number"] == "7000"
    assert read["expenseAccount"]["type"] == "Expense"
    assert read["expenseSubaccount"] == {"active": True, "id": "10-100"}
    assert len(read["publicId"]) == 36
    assert set(read) == real_properties("department", "DepartmentDto")


def test_members_without_a_value_are_left_out(tenant):
    assert tenant.post("/department", {"departmentId": "BARE"}).status_code == 201
    read = tenant.get("/department/BARE").json()
    assert set(read) == {"departmentId", "publicId", "lastModifiedDateTime", "timeStamp"}


def test_subaccount_segments_not_sent_keep_their_value_and_an_empty_list_clears_it(tenant):
    add_dimension(tenant)
    segments = [{"segmentId": 1, "segmentValue": "20"}, {"segmentId": 2, "segmentValue": "100"}]
    tenant.post("/department", department("PROD", expenseSubaccount=segments))
    tenant.put("/department/PROD", {"expenseSubaccount": [{"segmentId": 2, "segmentValue": "000"}]})
    assert tenant.get("/department/PROD").json()["expenseSubaccount"]["id"] == "20-000"
    assert tenant.put("/department/PROD", {"expenseSubaccount": []}).status_code == 204
    assert "expenseSubaccount" not in tenant.get("/department/PROD").json()


def test_update_changes_only_what_is_sent_and_gives_the_new_etag(tenant):
    insert_accounts(tenant, "7000")
    tenant.post("/department", department("PROD", expenseAccount={"value": "7000"}))
    before = tenant.get("/department/PROD")
    response = tenant.put("/department/PROD", {"description": {"value": "Produksjon"}})
    assert response.status_code == 204, response.text
    after = tenant.get("/department/PROD")
    assert after.json()["description"] == "Produksjon"
    assert after.json()["expenseAccount"]["number"] == "7000"
    assert response.headers["ETag"] == after.headers["ETag"] != before.headers["ETag"]
    assert after.json()["lastModifiedDateTime"] >= before.json()["lastModifiedDateTime"]


def test_a_value_of_null_clears_a_member(tenant):
    insert_accounts(tenant, "7000")
    tenant.post("/department", department("PROD", expenseAccount={"value": "7000"}))
    response = tenant.put("/department/PROD", {"expenseAccount": {"value": None}, "description": {"value": None}})
    assert response.status_code == 204, response.text
    read = tenant.get("/department/PROD").json()
    assert "expenseAccount" not in read
    assert "description" not in read


def test_a_stale_if_match_is_412_and_changes_nothing(tenant):
    tenant.post("/department", department("PROD"))
    stale = tenant.get("/department/PROD").headers["ETag"]
    tenant.put("/department/PROD", {"description": {"value": "First"}})
    response = tenant.put("/department/PROD", {"description": {"value": "Second"}}, headers={"If-Match": stale})
    assert response.status_code == 412
    assert tenant.get("/department/PROD").json()["description"] == "First"
    current = tenant.get("/department/PROD").headers["ETag"]
    ok = tenant.put("/department/PROD", {"description": {"value": "Third"}}, headers={"If-Match": current})
    assert ok.status_code == 204


def test_a_different_key_in_an_update_body_is_ignored_and_named(tenant):
    tenant.post("/department", department("PROD"))
    response = tenant.put("/department/PROD", {"departmentId": "OTHER", "description": {"value": "Kept key"}})
    assert response.status_code == 204
    assert response.headers["X-Nettfin-Ignored-Fields"] == "departmentId"
    assert tenant.get("/department/PROD").json()["description"] == "Kept key"
    assert tenant.get("/department/OTHER").status_code == 404


def test_every_problem_is_reported_at_once_and_nothing_is_written(tenant):
    add_dimension(tenant)
    body = department(
        "PROD",
        description={"value": "x" * 61},
        expenseAccount={"value": "9999"},
        expenseSubaccount=[{"segmentId": 1, "segmentValue": "99"}],
    )
    response = tenant.post("/department", body)
    assert response.status_code == 400
    message = response.json()["message"]
    assert "Error inserting the department. Error: Inserting 'Department' record raised" in message
    assert "'Description' is too long: 61 characters, at most 60 are allowed." in message
    assert "Expense account '9999' cannot be found in the system." in message
    assert "Avdeling of Subaccount do not exist." in message
    assert count(tenant, Department) == 0
    assert count(tenant, Subaccount) == 0


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"description": {"value": "No key"}}, "'Department ID' cannot be empty."),
        ({"departmentId": "  "}, "'Department ID' cannot be empty."),
        ({"departmentId": "ELEVENCHARS"}, "'Department ID' is too long: 11 characters, at most 10 are allowed."),
    ],
)
def test_a_missing_or_too_long_key_is_refused(tenant, body, problem):
    response = tenant.post("/department", body)
    assert response.status_code == 400
    assert problem in response.json()["message"]
    assert count(tenant, Department) == 0


def test_a_taken_key_is_refused(tenant):
    tenant.post("/department", department("PROD"))
    response = tenant.post("/department", department("PROD"))
    assert response.status_code == 400
    assert "'Department ID' 'PROD' already exists; choose another." in response.json()["message"]
    assert count(tenant, Department) == 1


def test_an_unwrapped_member_is_a_400_naming_the_field(tenant):
    response = tenant.post("/department", {"departmentId": "PROD", "description": "plain"})
    assert response.status_code == 400
    assert "description" in response.json()["message"]
    assert 'wrapped as {"value": ...}' in response.json()["message"]


def test_an_unknown_department_is_404_in_the_service_wording(tenant):
    assert tenant.get("/department/NONE").json()["message"].endswith(". Department 'NONE' not found.")
    response = tenant.put("/department/NONE", {"description": {"value": "x"}})
    assert response.status_code == 404


def test_the_list_is_in_key_order_unpaged_and_filters_as_the_real_document_says(tenant):
    for department_id in ("SALG", "ADM", "LAGER"):
        tenant.post("/department", department(department_id))
    listed = tenant.get("/department")
    assert listed.status_code == 200
    assert [d["departmentId"] for d in listed.json()] == ["ADM", "LAGER", "SALG"]
    assert all("metadata" not in d for d in listed.json())
    after = tenant.get("/department", params={"greaterThanValue": "ADM"}).json()
    assert [d["departmentId"] for d in after] == ["LAGER", "SALG"]
    for item in listed.json():
        assert_real(item, "department", "DepartmentDto")


def test_the_last_change_filter_finds_what_changed_since(tenant):
    tenant.post("/department", department("OLD"))
    with tenant.database.writing() as session:
        old = session.scalar(select(Department).where(Department.company_id == tenant.company_id))
        old.last_modified_at = datetime(2020, 1, 1, tzinfo=UTC)
    tenant.post("/department", department("NEW"))
    since = (datetime.now(UTC) - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S")
    found = tenant.get("/department", params={"lastModifiedDateTime": since, "lastModifiedDateTimeCondition": ">="})
    assert [d["departmentId"] for d in found.json()] == ["NEW"]
    half = tenant.get("/department", params={"lastModifiedDateTime": since})
    assert half.status_code == 400
    assert "lastModifiedDateTimeCondition" in half.json()["message"]


def test_the_list_takes_the_real_documents_query_parameters(client):
    served = client.app.openapi()["paths"]["/API/controller/api/v1/department"]["get"]["parameters"]
    names = {p["name"] for p in served if p["in"] == "query"}
    assert names == real_query_parameters("department", "/v1/department")


def test_a_company_sees_only_its_own_departments(tenant, other_tenant):
    tenant.post("/department", department("MINE"))
    assert other_tenant.get("/department").json() == []
    assert other_tenant.get("/department/MINE").status_code == 404
    assert other_tenant.post("/department", department("MINE")).status_code == 201
