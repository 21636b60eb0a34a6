"""Subaccounts (reference 3.12, GL203000) and subaccount validation, replaying the knowledge-base article
"Error: (.*) of Subaccount do not exist.": the endpoints on both databases against the real visma-sub-account
document, the service check documents will use, and the pure validation."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nettfin.server.ledger.segments import DimensionRule, SegmentRule, split_subaccount_number, validate_subaccount
from nettfin.server.ledger.subaccounts import SUBACCOUNT_RESOURCE, check_subaccount
from tests.factories import new_number
from tests.ledger_factories import (
    add_dimension,
    assert_real,
    enforce_combinations,
    insert_subaccounts,
    real_properties,
    real_query_parameters,
)
from tests.statements import counted

# The knowledge base's pattern, and the service's wording around it (ON-IT #77).
ARTICLE = re.compile(r"Error: (.*) of Subaccount do not exist\.")
FIELD = "An error occurred during processing of the field Subaccount : Error: "
FIELD_ERROR = f"Error: {FIELD}"


def subaccount_body(number: str = "10-100", **extra) -> dict:
    return {"subaccountNumber": {"value": number}, "description": {"value": "Salg, nettbutikk"}, **extra}


# --- the endpoints ----------------------------------------------------------------------------------------


def test_create_returns_201_with_location_of_the_subaccount_number(tenant):
    add_dimension(tenant)
    response = tenant.post("/subaccount", subaccount_body("10-100"))
    assert response.status_code == 201, response.text
    assert response.headers["Location"] == "http://testserver/API/controller/api/v1/subaccount/10-100"
    assert response.headers["ETag"]


def test_created_subaccount_reads_back_with_its_segments_described(tenant):
    add_dimension(tenant)
    new_number(tenant.post("/subaccount", subaccount_body("10-100")))
    response = tenant.get("/subaccount/10-100")
    assert response.status_code == 200
    body = response.json()
    assert body["subaccountNumber"] == "10-100"
    assert isinstance(body["subaccountId"], int)
    assert body["description"] == "Salg, nettbutikk"
    assert body["active"] is True
    assert body["segments"] == [
        {"segmentId": 1, "segmentDescription": "Avdeling", "segmentValue": "10", "segmentValueDescription": "Salg"},
        {
            "segmentId": 2,
            "segmentDescription": "Prosjekt",
            "segmentValue": "100",
            "segmentValueDescription": "Nettbutikk",
        },
    ]
    assert response.headers["ETag"] == f'"{body["timeStamp"]}"'
    assert_real(body, "sub-account", "SubAccountDto")


def test_the_full_length_key_without_separators_is_accepted(tenant):
    add_dimension(tenant)
    assert new_number(tenant.post("/subaccount", subaccount_body("10100"))) == "10-100"


def test_the_obsolete_subaccount_id_works_alone_and_is_ignored_next_to_the_number(tenant):
    add_dimension(tenant)
    assert new_number(tenant.post("/subaccount", {"subaccountId": {"value": "20-000"}})) == "20-000"
    response = tenant.post("/subaccount", subaccount_body("10-000", subaccountId={"value": "00-100"}))
    assert new_number(response) == "10-000"
    assert response.headers["X-Nettfin-Ignored-Fields"] == "subaccountId"


def test_a_value_not_defined_in_a_validated_segment_is_refused_with_the_articles_text(tenant):
    add_dimension(tenant)
    response = tenant.post("/subaccount", subaccount_body("99-100"))
    assert response.status_code == 400
    message = response.json()["message"]
    assert "Error inserting the subaccount. Error: Inserting 'Subaccount' record raised at least one error." in message
    assert f"{FIELD_ERROR}Avdeling of Subaccount do not exist.\r\n" in message
    assert ARTICLE.search(message).group(1).endswith("Avdeling")
    assert tenant.get("/subaccount").json() == []


def test_a_free_value_in_an_unvalidated_segment_is_accepted(tenant):
    add_dimension(tenant, project_validated=False)
    assert new_number(tenant.post("/subaccount", subaccount_body("10-777"))) == "10-777"
    segments = tenant.get("/subaccount/10-777").json()["segments"]
    assert segments[1]["segmentValue"] == "777"
    assert "segmentValueDescription" not in segments[1]


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("10", "'Subaccount' '10' does not match the segments of SUBACCOUNT: write it as XX-XXX."),
        ("10-1000", f"{FIELD}Prosjekt '1000' of Subaccount is longer than 3 characters."),
        ("-100", f"{FIELD}Avdeling of Subaccount cannot be empty."),
    ],
)
def test_a_number_that_does_not_fit_the_segments_is_refused(tenant, number, problem):
    add_dimension(tenant, project_validated=False)
    response = tenant.post("/subaccount", subaccount_body(number))
    assert response.status_code == 400
    assert f"Error: {problem}\r\n" in response.json()["message"]


def test_a_duplicate_combination_is_refused(tenant):
    add_dimension(tenant)
    new_number(tenant.post("/subaccount", subaccount_body("10-100")))
    response = tenant.post("/subaccount", subaccount_body("10-100"))
    assert response.status_code == 400
    assert "Error: 'Subaccount' '10-100' already exists.\r\n" in response.json()["message"]


def test_without_the_dimension_a_subaccount_cannot_be_created(tenant):
    response = tenant.post("/subaccount", subaccount_body("10-100"))
    assert response.status_code == 400
    assert f"{FIELD_ERROR}The dimension SUBACCOUNT is not defined (CS202000)." in response.json()["message"]


def test_put_changes_description_and_active_only_and_ignores_a_new_number(tenant):
    add_dimension(tenant)
    new_number(tenant.post("/subaccount", subaccount_body("10-100")))
    before = tenant.get("/subaccount/10-100").json()
    body = {"subaccountNumber": {"value": "20-000"}, "active": {"value": False}, "description": {"value": "Old"}}
    response = tenant.put("/subaccount/10-100", body)
    assert response.status_code == 204, response.text
    assert response.headers["X-Nettfin-Ignored-Fields"] == "subaccountNumber"
    after = tenant.get("/subaccount/10-100").json()
    assert (after["active"], after["description"]) == (False, "Old")
    assert after["timeStamp"] != before["timeStamp"]
    assert tenant.get("/subaccount/20-000").status_code == 404


def test_put_with_a_stale_if_match_is_412(tenant):
    add_dimension(tenant)
    new_number(tenant.post("/subaccount", subaccount_body("10-100")))
    stale = tenant.get("/subaccount/10-100").headers["ETag"]
    assert tenant.put("/subaccount/10-100", {"description": {"value": "A"}}).status_code == 204
    response = tenant.put("/subaccount/10-100", {"description": {"value": "B"}}, headers={"If-Match": stale})
    assert response.status_code == 412


def test_unknown_subaccount_is_404(tenant):
    add_dimension(tenant)
    assert tenant.get("/subaccount/10-100").status_code == 404
    assert tenant.put("/subaccount/10-100", {"description": {"value": "x"}}).status_code == 404


def test_the_list_is_paged_with_metadata_on_every_element(tenant):
    add_dimension(tenant)
    insert_subaccounts(tenant, "20-000", "00-000", "10-000", "10-100")
    first = tenant.get("/subaccount", params={"pageSize": 3, "pageNumber": 1}).json()
    second = tenant.get("/subaccount", params={"pageSize": 3, "pageNumber": 2}).json()
    assert [s["subaccountNumber"] for s in first + second] == ["00-000", "10-000", "10-100", "20-000"]
    assert {str(s["metadata"]) for s in first + second} == {str({"totalCount": 4, "maxPageSize": 1000})}
    for element in first + second:
        assert_real(element, "sub-account", "SubAccountDto")


def test_a_page_describes_its_segments_with_the_same_statements_for_many_subaccounts_as_for_few(tenant):
    add_dimension(tenant)
    insert_subaccounts(tenant, "00-000", "10-000")

    def statements() -> tuple[int, list]:
        tenant.get("/subaccount")  # warms the page's caches
        with counted(tenant.database.engine) as seen:
            body = tenant.get("/subaccount").json()
        return len(seen), body

    few, listed = statements()
    insert_subaccounts(tenant, "10-100", "20-000", "20-100")
    many, more = statements()
    assert (len(listed), len(more)) == (2, 5)
    assert many == few
    assert more[-1]["segments"][1]["segmentValueDescription"] == "Nettbutikk"


def test_the_list_filters_on_active_and_last_modified(tenant):
    add_dimension(tenant)
    insert_subaccounts(tenant, "00-000", modified=datetime(2020, 1, 1, tzinfo=UTC))
    insert_subaccounts(tenant, "10-000", active=False, modified=datetime(2020, 2, 1, tzinfo=UTC))
    listed = tenant.get("/subaccount", params={"active": "false"}).json()
    assert [s["subaccountNumber"] for s in listed] == ["10-000"]
    params = {"lastModifiedDateTime": "2020-01-15", "lastModifiedDateTimeCondition": "<"}
    assert [s["subaccountNumber"] for s in tenant.get("/subaccount", params=params).json()] == ["00-000"]


def test_company_b_subaccounts_are_invisible_to_company_a(tenant, other_tenant):
    add_dimension(other_tenant)
    insert_subaccounts(other_tenant, "10-100")
    assert tenant.get("/subaccount").json() == []
    assert tenant.get("/subaccount/10-100").status_code == 404
    assert tenant.put("/subaccount/10-100", {"active": {"value": False}}).status_code == 404
    assert other_tenant.get("/subaccount/10-100").json()["active"] is True


def test_the_models_and_list_parameters_are_the_real_ones(client):
    assert set(SUBACCOUNT_RESOURCE.write_model.model_fields) == real_properties("sub-account", "SubAccountUpdateDto")
    assert set(SUBACCOUNT_RESOURCE.read_model.model_fields) == real_properties("sub-account", "SubAccountDto")
    path = client.get("/swagger/v1/swagger.json").json()["paths"]["/API/controller/api/v1/subaccount"]
    ours = {p["name"] for p in path["get"]["parameters"] if p["in"] == "query"}
    # numberToRead, skipRecords and orderBy are the shared paging dependency's deprecated no-ops.
    assert ours - {"numberToRead", "skipRecords", "orderBy"} == real_query_parameters("sub-account", "/v1/subaccount")


# --- the check every document line will go through ----------------------------------------------------------


def check(tenant, segments):
    with tenant.database.reading() as session:
        return check_subaccount(session, tenant.company_id, segments)


def test_the_seeds_segment_1_value_00_passes_with_the_project_from_its_default(tenant):
    add_dimension(tenant)
    result = check(tenant, [(1, "00")])
    assert result.number == "00-000"
    assert result.problems == []


def test_an_unknown_value_in_a_validated_segment_names_the_segment_as_the_article_shows(tenant):
    add_dimension(tenant)
    result = check(tenant, [(1, "99"), (2, "100")])
    assert result.problems == [
        "An error occurred during processing of the field Subaccount : Error: Avdeling of Subaccount do not exist."
    ]
    assert ARTICLE.search("Error: " + result.problems[0]).group(1).endswith("Avdeling")


def test_free_values_pass_an_unvalidated_segment(tenant):
    add_dimension(tenant, project_validated=False)
    assert check(tenant, [(1, "10"), (2, "ABC")]).problems == []


def test_when_combinations_are_enforced_an_undefined_one_is_refused_and_a_defined_one_passes(tenant):
    add_dimension(tenant)
    insert_subaccounts(tenant, "00-000", "10-100")
    assert check(tenant, [(1, "10"), (2, "000")]).problems == []  # not enforced yet
    enforce_combinations(tenant)
    assert check(tenant, [(1, "10"), (2, "100")]).problems == []
    refused = check(tenant, [(1, "10"), (2, "000")]).problems
    assert refused == [
        "An error occurred during processing of the field Subaccount : Error: 10-000 of Subaccount do not exist."
    ]
    assert ARTICLE.search("Error: " + refused[0])


def test_an_inactive_combination_is_refused_when_combinations_are_enforced(tenant):
    add_dimension(tenant)
    insert_subaccounts(tenant, "10-100", active=False)
    enforce_combinations(tenant)
    assert check(tenant, [(1, "10"), (2, "100")]).problems == [
        "An error occurred during processing of the field Subaccount : Error: Subaccount '10-100' is inactive."
    ]


def test_a_company_without_the_dimension_refuses_every_subaccount(tenant):
    assert check(tenant, [(1, "00")]).problems == [
        "An error occurred during processing of the field Subaccount : Error: "
        "The dimension SUBACCOUNT is not defined (CS202000)."
    ]


# --- the pure validation ----------------------------------------------------------------------------------

DIMENSION = DimensionRule.of(
    "SUBACCOUNT",
    [
        SegmentRule(1, "Avdeling", 2, True, {"00": True, "10": True, "90": False}, default_value="00"),
        SegmentRule(2, "Prosjekt", 3, False, {}, default_value=None),
    ],
)


def test_every_problem_is_returned_not_only_the_first():
    problems = validate_subaccount(DIMENSION, [(1, "123"), (3, "x"), (1, "10")])
    assert problems == [
        "An error occurred during processing of the field Subaccount : Error: Segment 3 of Subaccount does not exist.",
        "An error occurred during processing of the field Subaccount : Error: Segment 1 of Subaccount is given "
        "more than once.",
        "An error occurred during processing of the field Subaccount : Error: Avdeling '123' of Subaccount is "
        "longer than 2 characters.",
        "An error occurred during processing of the field Subaccount : Error: Prosjekt of Subaccount cannot be empty.",
    ]


def test_an_inactive_value_of_a_validated_segment_is_refused():
    assert validate_subaccount(DIMENSION, [(1, "90"), (2, "1")]) == [
        "An error occurred during processing of the field Subaccount : Error: Avdeling '90' of Subaccount is inactive."
    ]


def test_subaccount_numbers_split_with_separators_or_by_segment_lengths():
    assert split_subaccount_number(DIMENSION, "10-100") == ["10", "100"]
    assert split_subaccount_number(DIMENSION, "10100") == ["10", "100"]
    assert split_subaccount_number(DIMENSION, "10-1-0") is None
    assert split_subaccount_number(DIMENSION, "1010") is None


@given(
    department=st.text(alphabet="0129-", max_size=3),
    project=st.one_of(st.none(), st.text(alphabet="abc12-", max_size=4)),
)
def test_validation_accepts_exactly_defined_departments_and_well_formed_projects(department, project):
    segments = [(1, department)] + ([] if project is None else [(2, project)])
    problems = validate_subaccount(DIMENSION, segments)
    well_formed_project = project is not None and 0 < len(project.strip()) <= 3 and "-" not in project
    assert (problems == []) == (department.strip() in ("00", "10") and well_formed_project)
    assert all(p.startswith("An error occurred during processing of the field Subaccount : Error: ") for p in problems)
