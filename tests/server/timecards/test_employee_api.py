"""Employees (reference 3.8, EP203000): list, get, create and update, through the app on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import new_number
from tests.party_factories import (
    add_employee_reference_data,
    insert_employees,
    link_user,
    minimal_employee,
)
from tests.timecard_factories import add_group


def numbers(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["employeeNumber"] for item in response.json()]


@pytest.fixture
def staff(tenant):
    add_employee_reference_data(tenant)
    return tenant


# --- create -------------------------------------------------------------------------------------------------


def test_the_real_create_dtos_required_members_give_201_with_location_of_the_employee_id(staff):
    response = staff.post("/employee", minimal_employee("E001"))
    assert response.status_code == 201
    assert response.content == b""
    assert response.headers["Location"] == "http://testserver/API/controller/api/v1/employee/E001"
    assert response.headers["ETag"]


def test_created_employee_reads_back_with_name_contact_and_references(staff):
    body = minimal_employee(
        "E001",
        address={
            "addressLine1": {"value": "Storgata 1"},
            "postalCode": {"value": "0150"},
            "countryId": {"value": "no"},
        },
    )
    body["contact"]["middleName"] = {"value": "Marie"}
    body["contact"]["phone3"] = {"value": "+47 900 00 000"}
    new_number(staff.post("/employee", body))
    response = staff.get("/employee/E001")
    read = response.json()
    assert (read["employeeNumber"], read["employeeName"], read["status"]) == ("E001", "Kari Marie Nordmann", "Active")
    assert read["department"] == "ADM"
    assert read["employeeClass"] == {"id": "EMPL", "description": "Ansatte"}
    assert read["branch"] == {"number": "1"} and read["calendarID"] == "STANDARD"
    contact = read["contact"]
    assert (contact["firstName"], contact["midName"], contact["lastName"]) == ("Kari", "Marie", "Nordmann")
    assert (contact["email"], contact["phone3"], contact["name"]) == (
        "e001@example.no",
        "+47 900 00 000",
        read["employeeName"],
    )
    assert read["address"]["country"] == {"id": "NO", "name": "Norway"}
    assert read["employeeUserId"] == "00000000-0000-0000-0000-000000000000" and "employeeLogin" not in read
    assert read["workGroupDescription"] == []
    assert response.headers["ETag"] == f'"{read["timeStamp"]}"' and "metadata" not in read


def test_the_write_status_hold_is_read_back_as_on_hold(staff):
    new_number(staff.post("/employee", minimal_employee("E001", status={"value": "hold"})))
    assert staff.get("/employee/E001").json()["status"] == "OnHold"
    response = staff.post("/employee", minimal_employee("E002", status={"value": "OnHold"}))
    assert response.status_code == 400
    assert "status.value" in response.json()["message"] and "Hold" in response.json()["message"]


def test_missing_required_members_are_all_reported_in_the_services_wording(staff):
    response = staff.post("/employee", {"branch": {"value": "1"}})
    assert response.status_code == 400
    message = response.json()["message"]
    assert "Error inserting the employee. Error: Inserting 'Employee' record raised at least one error." in message
    for label in ("Employee ID", "Department", "Employee class", "Last name", "Email"):
        assert f"Error: '{label}' cannot be empty.\r\n" in message, label


def test_unknown_department_and_class_are_refused_and_nothing_is_written(staff):
    body = minimal_employee("E001", department={"value": "SALG"}, employeeClass={"value": "X"})
    message = staff.post("/employee", body).json()["message"]
    assert "Error: Department 'SALG' cannot be found in the system.\r\n" in message
    assert "Error: Employee class 'X' cannot be found in the system.\r\n" in message
    assert staff.get("/employee").json() == []


def test_a_duplicate_employee_id_is_refused(staff):
    assert staff.post("/employee", minimal_employee("E001")).status_code == 201
    response = staff.post("/employee", minimal_employee("E001"))
    assert response.status_code == 400
    assert "Error: 'Employee ID' 'E001' already exists; choose another.\r\n" in response.json()["message"]


def test_too_long_values_and_unknown_countries_name_the_field(staff):
    body = minimal_employee("E" * 31, calendar={"value": "C" * 11}, address={"countryId": {"value": "XX"}})
    message = staff.post("/employee", body).json()["message"]
    assert "'Employee ID' is too long: 31 characters, at most 30" in message
    assert "'Calendar' is too long: 11 characters, at most 10" in message
    assert "address: Country 'XX' cannot be found in the system." in message


def test_a_wrapped_contact_holder_is_a_400_naming_its_members(staff):
    body = minimal_employee("E001")
    body["contact"] = {"value": body["contact"]}
    response = staff.post("/employee", body)
    # `contact` is a plain holder: a `value` member is unknown, so last name and email are missing.
    assert response.status_code == 400
    assert "'Last name' cannot be empty." in response.json()["message"]


# --- update -------------------------------------------------------------------------------------------------


def test_put_changes_only_the_fields_sent(staff):
    new_number(staff.post("/employee", minimal_employee("E001", address={"city": {"value": "Oslo"}})))
    before = staff.get("/employee/E001").json()
    update = {"contact": {"lastName": {"value": "Hansen"}}, "department": {"value": "PROD"}}
    response = staff.put("/employee/E001", update)
    assert response.status_code == 204 and response.content == b""
    after = staff.get("/employee/E001").json()
    assert (after["employeeName"], after["department"]) == ("Kari Hansen", "PROD")
    assert after["contact"]["email"] == "e001@example.no" and after["address"]["city"] == "Oslo"
    changed = {"employeeName", "department", "contact", "lastModifiedDateTime", "timeStamp"}
    assert {k: v for k, v in after.items() if k not in changed} == {k: v for k, v in before.items() if k not in changed}


def test_a_put_cannot_clear_what_an_employee_must_have(staff):
    new_number(staff.post("/employee", minimal_employee("E001")))
    update = {"department": {"value": None}, "contact": {"email": {"value": None}}}
    message = staff.put("/employee/E001", update).json()["message"]
    assert "Error updating the employee. Error: Updating 'Employee' record" in message
    assert "'Department' cannot be empty." in message and "'Email' cannot be empty." in message
    assert staff.get("/employee/E001").json()["department"] == "ADM"


def test_the_employee_id_cannot_be_changed_by_a_put_and_is_named_as_ignored(staff):
    new_number(staff.post("/employee", minimal_employee("E001")))
    response = staff.put("/employee/E001", {"employeeCd": {"value": "E999"}})
    assert response.status_code == 204 and response.headers["X-Nettfin-Ignored-Fields"] == "employeeCd"
    assert staff.get("/employee/E999").status_code == 404


def test_company_tree_info_is_kept_as_work_groups(staff):
    new_number(staff.post("/employee", minimal_employee("E001")))
    add_group(staff, "Utvikling")
    add_group(staff, "Support")
    lines = [
        {"operation": "Insert", "workGroupID": {"value": "Utvikling"}, "owner": {"value": True}},
        {"operation": "Insert", "workGroupID": {"value": "Support"}, "active": {"value": False}},
    ]
    assert staff.put("/employee/E001", {"companyTreeInfo": lines}).status_code == 204
    assert staff.get("/employee/E001").json()["workGroupDescription"] == ["Utvikling"]
    lines = [
        {"operation": "Delete", "workGroupID": {"value": "Utvikling"}},
        {"operation": "Update", "workGroupID": {"value": "Support"}, "active": {"value": True}},
    ]
    assert staff.put("/employee/E001", {"companyTreeInfo": lines}).status_code == 204
    assert staff.get("/employee/E001").json()["workGroupDescription"] == ["Support"]
    bad = [
        {"operation": "Update", "workGroupID": {"value": "Nope"}},
        {"operation": "Insert", "workGroupID": {"value": "Support"}},
    ]
    message = staff.put("/employee/E001", {"companyTreeInfo": bad}).json()["message"]
    assert "companyTreeInfo[0]: Work group 'Nope' is not among the employee's work groups." in message
    assert "companyTreeInfo[1]: Work group 'Support' is already among the employee's work groups." in message


def test_put_with_stale_if_match_is_412_and_changes_nothing(staff):
    new_number(staff.post("/employee", minimal_employee("E001")))
    etag = staff.get("/employee/E001").headers["ETag"]
    first = {"calendar": {"value": "SKIFT"}}
    assert staff.put("/employee/E001", first, headers={"If-Match": etag}).status_code == 204
    stale = staff.put("/employee/E001", {"calendar": {"value": "X"}}, headers={"If-Match": etag})
    assert (stale.status_code, stale.content) == (412, b"")
    assert staff.get("/employee/E001").json()["calendarID"] == "SKIFT"


def test_unknown_employee_is_404(staff):
    for response in (staff.get("/employee/NOPE"), staff.put("/employee/NOPE", {"calendar": {"value": "X"}})):
        assert response.status_code == 404
        assert response.json()["message"].endswith("Employee 'NOPE' not found.")


# --- users --------------------------------------------------------------------------------------------------


def test_an_employee_linked_to_a_user_shows_a_stable_user_guid_and_login(staff):
    insert_employees(staff, 2)
    user_id = link_user(staff, "E00002", "kari@example.test")
    first = staff.get("/employee/E00002").json()
    assert first["employeeLogin"] == "kari@example.test"
    assert first["employeeUserId"] != "00000000-0000-0000-0000-000000000000"
    assert staff.get("/employee/E00002").json()["employeeUserId"] == first["employeeUserId"]
    assert user_id > 0


def test_the_linked_to_user_filter(staff):
    insert_employees(staff, 3)
    link_user(staff, "E00002", "linked@example.test")
    assert numbers(staff.get("/employee", params={"linkedToUser": "true"})) == ["E00002"]
    assert numbers(staff.get("/employee", params={"linkedToUser": "false"})) == ["E00001", "E00003"]
    assert staff.get("/employee", params={"linkedToUser": "maybe"}).status_code == 400


# --- list ---------------------------------------------------------------------------------------------------


def test_list_is_paged_with_metadata_on_every_element(staff):
    insert_employees(staff, 5)
    page = staff.get("/employee", params={"pageSize": 2, "pageNumber": 2})
    assert numbers(page) == ["E00003", "E00004"]
    assert {item["metadata"]["totalCount"] for item in page.json()} == {5}
    assert page.json()[0]["metadata"]["maxPageSize"] == 1000


def test_greater_than_and_last_modified_filters(staff):
    insert_employees(staff, 4, modified=datetime(2020, 1, 12, tzinfo=UTC), step=timedelta(days=1))
    assert numbers(staff.get("/employee", params={"greaterThanValue": "E00002"})) == ["E00003", "E00004"]
    window = {"lastModifiedDateTime": "2020-01-14", "lastModifiedDateTimeCondition": ">="}
    assert numbers(staff.get("/employee", params=window)) == ["E00003", "E00004"]


# --- isolation and authentication ---------------------------------------------------------------------------


def test_another_companys_employees_and_departments_are_invisible(staff, other_tenant):
    new_number(staff.post("/employee", minimal_employee("E001")))
    assert other_tenant.get("/employee").json() == []
    assert other_tenant.get("/employee/E001").status_code == 404
    assert other_tenant.put("/employee/E001", {"calendar": {"value": "X"}}).status_code == 404
    message = other_tenant.post("/employee", minimal_employee("E001")).json()["message"]
    assert "Department 'ADM' cannot be found in the system." in message


EMPLOYEE_CALLS = [
    ("GET", "/employee", None),
    ("GET", "/employee/E001", None),
    ("POST", "/employee", minimal_employee()),
    ("PUT", "/employee/E001", {"calendar": {"value": "X"}}),
]


@pytest.mark.parametrize(("method", "path", "body"), EMPLOYEE_CALLS)
def test_every_employee_route_needs_a_token_and_a_company_the_user_may_use(tenant, other_tenant, method, path, body):
    url = tenant.url(path)
    no_token = tenant.client.request(method, url, json=body, headers={"ipp-company-id": str(tenant.company_id)})
    assert no_token.status_code == 401 and no_token.json()["ExceptionType"] == "IPPException"
    foreign = {"Authorization": f"Bearer {tenant.token}", "ipp-company-id": str(other_tenant.company_id)}
    assert tenant.client.request(method, url, json=body, headers=foreign).json()["ExceptionFaultCode"] == "12002"
