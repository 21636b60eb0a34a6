"""nettfin's employee wire format against the REAL 2026 Employee OpenAPI document
(`visma-openapi/visma-employee-api-openapi.yml`): responses validated closed against `EmployeeDto` and
`MetadataDto`; write models, enums and query names compared."""

from __future__ import annotations

import pytest

from nettfin.server.timecards import schemas as nettfin
from nettfin.server.timecards.employees import CONTACT, EMPLOYEE
from tests.party_factories import (
    NULLS_NETTFIN_EMITS,
    add_employee_reference_data,
    assert_real,
    contract_problems,
    insert_employees,
    link_user,
    minimal_employee,
    query_names,
    real_enum,
    real_query_names,
    schemas,
    write_kind_mismatches,
)
from tests.timecard_factories import add_group


def rich_employee() -> dict:
    return minimal_employee(
        "RICH",
        status={"value": "HoldPayments"},
        address={
            "addressLine1": {"value": "Storgata 1"},
            "addressLine2": {"value": "Oppgang B"},
            "addressLine3": {"value": "3. etasje"},
            "postalCode": {"value": "0150"},
            "city": {"value": "Oslo"},
            "countryId": {"value": "NO"},
            "county": {"value": "03"},
        },
        contact={
            "firstName": {"value": "Ola"},
            "middleName": {"value": "Johan"},
            "lastName": {"value": "Nordmann"},
            "email": {"value": "ola@example.no"},
            "phone1": {"value": "+47 22 00 00 01"},
            "phone2": {"value": "+47 22 00 00 02"},
            "phone3": {"value": "+47 900 00 000"},
            "fax": {"value": "+47 22 00 00 03"},
        },
    )


def test_minimal_employee_read_back_is_a_valid_real_employee_dto(tenant):
    add_employee_reference_data(tenant)
    assert tenant.post("/employee", minimal_employee("E001")).status_code == 201
    assert_real(tenant.get("/employee/E001").json(), "employee", "EmployeeDto")


def test_rich_linked_employee_is_a_valid_real_employee_dto_with_its_members_filled(tenant):
    add_employee_reference_data(tenant)
    assert tenant.post("/employee", rich_employee()).status_code == 201
    add_group(tenant, "Utvikling")
    tree = [{"operation": "Insert", "workGroupID": {"value": "Utvikling"}, "owner": {"value": True}}]
    assert tenant.put("/employee/RICH", {"companyTreeInfo": tree}).status_code == 204
    link_user(tenant, "RICH", "ola@example.test")
    body = tenant.get("/employee/RICH").json()
    assert_real(body, "employee", "EmployeeDto")
    assert all(value is not None for value in body["address"].values())
    for member in ("firstName", "midName", "lastName", "phone1", "phone2", "phone3", "fax", "email", "name"):
        assert body["contact"][member] is not None, member
    assert body["status"] == "HoldPayments" and body["employeeLogin"] == "ola@example.test"


def test_every_list_element_is_a_valid_real_employee_dto_with_real_metadata(tenant):
    add_employee_reference_data(tenant)
    insert_employees(tenant, 3)
    elements = tenant.get("/employee").json()
    assert len(elements) == 3
    for element in elements:
        assert_real(element, "employee", "EmployeeDto")
        assert_real(element["metadata"], "employee", "MetadataDto")


def test_the_one_null_nettfin_emits_against_the_converters_rule_is_the_courtesy_title():
    # The title is an enum (a .NET value type) that no write model sets; nettfin leaves it null rather than
    # invent one. Every other value-type member is filled.
    assert {("employee", "contactInEmployeeDto", "title")} == NULLS_NETTFIN_EMITS
    assert not contract_problems({"contact": {"title": None}}, "employee", "EmployeeDto")
    assert contract_problems({"contact": {"title": "Sir"}}, "employee", "EmployeeDto")
    assert contract_problems({"status": None}, "employee", "EmployeeDto")


@pytest.mark.parametrize(
    ("enum", "component", "member"),
    [
        (nettfin.EmployeeStatus, "EmployeeDto", "status"),
        (nettfin.EmployeeWriteStatus, "EmployeeCreateDTO", "status"),
        (nettfin.EmployeeWriteStatus, "EmployeeUpdateDto", "status"),
        (nettfin.ContactTitle, "contactInEmployeeDto", "title"),
    ],
)
def test_nettfins_enums_are_exactly_the_real_ones(enum, component, member):
    assert {value.value for value in enum} == real_enum("employee", component, member)


@pytest.mark.parametrize(
    ("model", "component"),
    [
        (EMPLOYEE.create_model, "EmployeeCreateDTO"),
        (EMPLOYEE.write_model, "EmployeeUpdateDto"),
        (nettfin.EmployeeContactUpdateDto, "EmployeeContactUpdateDto"),
        (nettfin.CompanyTreeInfoDto, "CompanyTreeInfoDto"),
        (EMPLOYEE.read_model, "EmployeeDto"),
        (CONTACT.read_model, "contactInEmployeeDto"),
    ],
)
def test_nettfins_models_have_exactly_the_real_member_names(model, component):
    real = set(schemas("employee")[component]["properties"])
    ours = set(model.model_fields)
    # contactId is the real contact record's id: nettfin keeps contacts on the employee and does not emit it.
    assert ours == real - {"contactId"}, (sorted(ours - real), sorted(real - ours))


@pytest.mark.parametrize(
    ("model", "component"),
    [(EMPLOYEE.create_model, "EmployeeCreateDTO"), (EMPLOYEE.write_model, "EmployeeUpdateDto")],
)
def test_nettfins_write_members_are_wrapped_and_typed_as_the_real_ones(model, component):
    assert not write_kind_mismatches(model, "employee", component)


def test_the_list_query_parameters_are_the_real_ones(client):
    assert query_names(client, "/employee") == real_query_names("employee", "/employee") - {"erp-api-background"}


def test_the_bodies_used_here_are_valid_real_create_dtos():
    assert_real(minimal_employee(), "employee", "EmployeeCreateDTO")
    assert_real(rich_employee(), "employee", "EmployeeCreateDTO")
    assert contract_problems({"employeeCd": {"value": "E1"}}, "employee", "EmployeeCreateDTO")
