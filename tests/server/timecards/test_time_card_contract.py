"""nettfin's time cards against the REAL 2026 Time Card OpenAPI document
(`visma-openapi/visma-time-card-api-openapi.yml`) and the Employee document's timecards route: responses
validated closed against `TimeCardDto` and the action result DTOs with the converter of `test_visma_contract`;
write models, enums and query names compared."""

from __future__ import annotations

import pytest
from pydantic import create_model

from nettfin.server.kit.wire import WireModel
from nettfin.server.timecards import schemas as nettfin
from tests.party_factories import (
    assert_real,
    contract_problems,
    insert_items,
    openapi,
    query_names,
    real_enum,
    real_query_names,
    schemas,
    write_kind_mismatches,
)
from tests.project_factories import add_project
from tests.timecard_factories import add_group, add_member, created_ref, delegate, link, release, staffed, time_card

DOCUMENT = "time-card"
# nettfin's one addition to the real write model (docs/compatibility.md): the card's ISO week.
ADDED_WRITE_MEMBERS = {"week"}


@pytest.fixture
def rich(tenant) -> tuple:
    """A corrected, released card with regular and overtime lines, projects and a material line."""
    staffed(tenant, "E001", "E002")
    link(tenant, "E001")
    add_group(tenant, "Ledelse")
    add_group(tenant, "Kontor", "Ledelse")
    add_member(tenant, "Ledelse", "E001", owner=True)
    add_member(tenant, "Kontor", "E002")
    delegate(tenant, "Ledelse")
    add_project(tenant, "PRJ1", "T1")
    (item,) = insert_items(tenant, 1)
    overtime = {"operation": "Insert", "earningType": {"value": "OT"}, "mon": {"value": 60}}
    project = {"project": {"value": "PRJ1"}, "projectTask": {"value": "T1"}, "description": {"value": "Kunde"}}
    materials = [{"operation": "Insert", "itemId": {"value": item}, "mon": {"value": 1.25}, **project}]
    body = time_card("E002", "202415", {"operation": "Insert", "tue": {"value": 450}, **project}, overtime)
    ref = created_ref(tenant.post("/timeCard", {**body, "materials": materials}))
    for action in ("submit", "approval"):
        assert tenant.post(f"/timeCard/{ref}/action/{action}").status_code == 200
    release(tenant, ref)
    correction = created_ref(tenant.post("/timeCard", {"refNbr": {"value": ref}}))
    return tenant, ref, correction


def test_a_full_time_card_and_its_correction_are_valid_real_time_card_dtos(rich):
    tenant, ref, correction = rich
    for key in (ref, correction):
        body = tenant.get(f"/timeCard/{key}").json()
        assert_real(body, DOCUMENT, "TimeCardDto")
    corrected = tenant.get(f"/timeCard/{correction}").json()
    assert corrected["origRefNbr"] == ref and corrected["materials"][0]["project"]["id"] == "PRJ1"
    assert tenant.get(f"/timeCard/{ref}").json()["summary"][0]["approver"] == "E001"


def test_every_list_element_and_the_employees_time_cards_are_valid_real_dtos(rich):
    tenant, _ref, _correction = rich
    listed = tenant.get("/timeCard", params={"employeeCd": "E002"}).json()
    by_employee = tenant.get("/employee/E002/timecards").json()
    assert len(listed) == len(by_employee) == 2
    for element in listed + by_employee:
        assert_real(element, DOCUMENT, "TimeCardDto")
        assert_real(element, "employee", "TimeCardDto")


@pytest.mark.parametrize(
    ("action", "component"),
    [
        ("submit", "SubmitTimeCardActionResultDto"),
        ("approval", "SendTimeCardToApprovalActionResultDto"),
        ("hold", "PutTimeCardOnHoldActionResultDto"),
    ],
)
def test_action_results_are_the_real_action_result_dtos(tenant, action, component):
    staffed(tenant, "E001")
    link(tenant, "E001")
    ref = created_ref(tenant.post("/timeCard", time_card("E001")))
    if action != "submit":
        assert tenant.post(f"/timeCard/{ref}/action/submit").status_code == 200
    response = tenant.post(f"/timeCard/{ref}/action/{action}")
    assert response.status_code == 200
    assert_real(response.json(), DOCUMENT, component)


def test_the_validator_refuses_what_the_real_document_does_not_have():
    assert contract_problems({"status": "Draft"}, DOCUMENT, "TimeCardDto")
    assert contract_problems({"timeSpent": "1"}, DOCUMENT, "TimeCardDto")
    assert contract_problems({"weekNumber": "202415"}, DOCUMENT, "TimeCardDto")
    assert contract_problems({"summary": [{"approvalStatus": None}]}, DOCUMENT, "TimeCardDto")


@pytest.mark.parametrize(
    ("enum", "component", "member"),
    [
        (nettfin.TimeCardStatus, "TimeCardDto", "status"),
        (nettfin.TimeCardType, "TimeCardDto", "type"),
        (nettfin.ApprovalStatus, "TimeCardDto", "approvalStatus"),
        (nettfin.ApprovalStatus, "TimeCardSummaryDto", "approvalStatus"),
        (nettfin.ActionResult, "SubmitTimeCardActionResultDto", "actionResult"),
    ],
)
def test_nettfins_enums_are_exactly_the_real_ones(enum, component, member):
    assert {value.value for value in enum} == real_enum(DOCUMENT, component, member)


@pytest.mark.parametrize(
    ("model", "component", "added"),
    [
        (nettfin.TimeCardUpdateDto, "TimeCardUpdateDto", ADDED_WRITE_MEMBERS),
        (nettfin.TimeCardSummaryUpdateDto, "TimeCardSummaryUpdateDto", set()),
        (nettfin.TimeCardMaterialsUpdateDto, "TimeCardMaterialsUpdateDto", set()),
        (nettfin.TimeCardDto, "TimeCardDto", set()),
        (nettfin.TimeCardSummaryDto, "TimeCardSummaryDto", set()),
        (nettfin.TimeCardMaterialsDto, "TimeCardMaterialsDto", set()),
        (nettfin.EarningTypeDto, "earningTypeInTimeCardSummaryDto", set()),
        (nettfin.TimeCardActionResultDto, "SubmitTimeCardActionResultDto", set()),
    ],
)
def test_nettfins_models_have_exactly_the_real_member_names(model, component, added):
    real = set(schemas(DOCUMENT)[component]["properties"])
    # metadata belongs to paged lists; the time card list is not paged (reference section 4).
    expected = real - {"metadata"} | added
    assert set(model.model_fields) == expected, (sorted(set(model.model_fields) - real), sorted(real - expected))


@pytest.mark.parametrize("model", [nettfin.TimeCardSummaryUpdateDto, nettfin.TimeCardMaterialsUpdateDto])
def test_nettfins_line_write_members_are_wrapped_and_typed_as_the_real_ones(model):
    assert not write_kind_mismatches(model, DOCUMENT, model.__name__)


def test_the_card_write_members_are_wrapped_and_typed_as_the_real_ones_apart_from_the_added_week():
    fields = nettfin.TimeCardUpdateDto.model_fields
    real_members_only = create_model(
        "RealMembersOnly",
        __base__=WireModel,
        **{name: (field.annotation, None) for name, field in fields.items() if name not in ADDED_WRITE_MEMBERS},
    )
    assert not write_kind_mismatches(real_members_only, DOCUMENT, "TimeCardUpdateDto")


def test_the_bodies_used_here_are_valid_real_write_dtos_apart_from_the_week():
    body = time_card("E002", None)
    assert not contract_problems(body, DOCUMENT, "TimeCardUpdateDto")
    assert contract_problems(time_card("E002", "202415"), DOCUMENT, "TimeCardUpdateDto")


def test_the_list_query_parameters_are_the_real_ones(client):
    real = real_query_names(DOCUMENT, "/timeCard") - {"erp-api-background"}
    assert query_names(client, "/timeCard") == real


def test_the_employee_time_card_route_takes_the_real_filters(client):
    document = openapi("employee")["paths"]["/v1/employee/{EmployeeCd}/timecards"]["get"]
    real = {p["name"] for p in document["parameters"] if p["in"] == "query"}
    # The real document declares the employee twice, in the path and as a query parameter: the path decides.
    assert query_names(client, "/employee/{EmployeeCd}/timecards") == real
