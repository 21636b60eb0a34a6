"""Dimensions and segments (reference 3.13, CS202000): GET the dimension, its segments and values, and PUT a
segment's values with `operation`s and the misspelled `segementId`, on both databases, validated against the
real visma-dimension document."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from nettfin.server.ledger.schemas import DtoSegmentUpdateDto, DtoSegmentValueUpdateDtoBase
from tests.ledger_factories import (
    add_dimension,
    assert_real,
    insert_subaccounts,
    real_problems,
    real_properties,
    real_query_parameters,
)


def value_ids(segment: dict) -> list[str]:
    return [v["valueId"] for v in segment["segmentValues"]]


def test_the_dimension_list_is_an_array_of_id_strings(tenant):
    assert tenant.get("/dimension").json() == []
    add_dimension(tenant)
    response = tenant.get("/dimension")
    assert response.status_code == 200
    assert response.json() == ["SUBACCOUNT"]


def test_the_dimension_holds_its_segments_from_1_with_lengths_validation_and_values(tenant):
    add_dimension(tenant, project_validated=False)
    body = tenant.get("/dimension/SUBACCOUNT").json()
    assert body["id"] == "SUBACCOUNT"
    assert body["length"] == 5
    assert [(s["segmentId"], s["description"], s["length"], s["validate"]) for s in body["segments"]] == [
        (1, "Avdeling", 2, True),
        (2, "Prosjekt", 3, False),
    ]
    assert value_ids(body["segments"][0]) == ["00", "10", "20"]
    assert body["segments"][0]["segmentValues"][1]["description"] == "Salg"
    assert_real(body, "dimension", "DtoDimension")


def test_expand_segments_values_false_leaves_the_values_out(tenant):
    add_dimension(tenant)
    body = tenant.get("/dimension/SUBACCOUNT", params={"expandSegmentsValues": "false"}).json()
    assert len(body["segments"]) == 2
    assert all("segmentValues" not in s for s in body["segments"])
    assert_real(body, "dimension", "DtoDimension")


def test_greater_than_value_and_last_modified_select_segment_values(tenant):
    today = datetime.now(UTC).strftime("%Y-%m-%d")  # before anything is created, so every value is on or after it
    add_dimension(tenant)
    body = tenant.get("/dimension/SUBACCOUNT", params={"greaterThanValue": "00"}).json()
    assert value_ids(body["segments"][0]) == ["10", "20"]
    assert value_ids(body["segments"][1]) == ["000", "100"]  # "000" sorts after "00"
    tenant.put("/dimension/SUBACCOUNT/1", {"segmentValues": [{"operation": "Insert", "value": "30"}]})
    later = {"lastModifiedDateTime": today, "lastModifiedDateTimeCondition": ">="}
    body = tenant.get("/dimension/SUBACCOUNT", params=later).json()
    assert value_ids(body["segments"][0]) == ["00", "10", "20", "30"]
    earlier = {"lastModifiedDateTime": "2000-01-01", "lastModifiedDateTimeCondition": "<"}
    assert value_ids(tenant.get("/dimension/SUBACCOUNT", params=earlier).json()["segments"][0]) == []


def test_a_segment_reads_with_an_etag(tenant):
    add_dimension(tenant)
    response = tenant.get("/dimension/SUBACCOUNT/2")
    assert response.status_code == 200
    body = response.json()
    assert body["segmentId"] == 2
    assert body["description"] == "Prosjekt"
    assert response.headers["ETag"] == f'"{body["timeStamp"]}"'
    assert_real(body, "dimension", "DtoSegment")


def test_a_value_reads_by_its_id_by_its_base64_id_and_by_its_public_id(tenant):
    add_dimension(tenant)
    by_id = tenant.get("/dimension/SUBACCOUNT/1/10")
    assert by_id.status_code == 200
    value = by_id.json()
    assert (value["segmentId"], value["valueId"], value["description"], value["active"]) == (1, "10", "Salg", True)
    assert_real(value, "dimension", "DtoSegmentValue")
    encoded = base64.b64encode(b"10").decode().rstrip("=")
    assert tenant.get(f"/dimension/SUBACCOUNT/1/{encoded}").json()["valueId"] == "10"
    assert tenant.get(f"/dimension/SUBACCOUNT/1/publicid/{value['publicId']}").json()["valueId"] == "10"


def test_unknown_dimension_segment_and_value_are_404(tenant):
    add_dimension(tenant)
    assert tenant.get("/dimension/ACCOUNT").status_code == 404
    assert tenant.get("/dimension/SUBACCOUNT/3").status_code == 404
    assert tenant.get("/dimension/SUBACCOUNT/1/99").status_code == 404
    assert tenant.get("/dimension/SUBACCOUNT/1/publicid/00000000-0000-0000-0000-000000000000").status_code == 404


def test_a_segment_id_that_is_not_a_number_is_a_400_naming_it(tenant):
    add_dimension(tenant)
    response = tenant.get("/dimension/SUBACCOUNT/one")
    assert response.status_code == 400
    assert "'segmentId'" in response.json()["message"]


def test_put_inserts_updates_and_deletes_values_and_returns_204_with_a_new_etag(tenant):
    add_dimension(tenant)
    before = tenant.get("/dimension/SUBACCOUNT/1").headers["ETag"]
    body = {
        "dimensionId": "SUBACCOUNT",
        "segementId": 1,
        "description": {"value": "Department"},
        "segmentValues": [
            {"operation": "Insert", "value": "30", "description": {"value": "Administrasjon"}},
            {"operation": "Update", "value": "10", "description": {"value": "Sales"}, "active": {"value": False}},
            {"operation": "Delete", "value": "20"},
        ],
    }
    response = tenant.put("/dimension/SUBACCOUNT/1", body)
    assert response.status_code == 204, response.text
    segment = tenant.get("/dimension/SUBACCOUNT/1").json()
    assert response.headers["ETag"] == f'"{segment["timeStamp"]}"' != before
    assert segment["description"] == "Department"
    values = {v["valueId"]: (v["description"], v["active"]) for v in segment["segmentValues"]}
    assert values == {"00": ("Felles", True), "10": ("Sales", False), "30": ("Administrasjon", True)}


def test_put_with_any_bad_operation_writes_nothing_and_lists_every_problem(tenant):
    add_dimension(tenant)
    insert_subaccounts(tenant, "20-000")
    body = {
        "segmentValues": [
            {"operation": "Insert", "value": "40"},  # fine on its own
            {"operation": "Insert", "value": "10"},
            {"operation": "Insert", "value": "123"},
            {"operation": "Update", "value": "99", "description": {"value": "x"}},
            {"operation": "Delete", "value": "20"},
            {"operation": "Insert", "value": "5-"},
        ]
    }
    response = tenant.put("/dimension/SUBACCOUNT/1", body)
    assert response.status_code == 400
    message = response.json()["message"]
    assert "Error updating the segment. Error: Updating 'Segment' record raised at least one error." in message
    assert "Error: segmentValues[1]: Segment value '10' is already in segment 1.\r\n" in message
    assert "Error: segmentValues[2]: Segment value '123' is longer than the segment's 2 characters.\r\n" in message
    assert "Error: segmentValues[3]: Segment value '99' is not in segment 1.\r\n" in message
    assert "Error: segmentValues[4]: Segment value '20' cannot be deleted: subaccount 20-000 uses it.\r\n" in message
    assert "Error: segmentValues[5]: Segment value '5-' may not contain '-'.\r\n" in message
    assert "segmentValues[0]" not in message
    assert value_ids(tenant.get("/dimension/SUBACCOUNT/1").json()) == ["00", "10", "20"]


def test_put_refuses_a_value_without_its_id(tenant):
    add_dimension(tenant)
    response = tenant.put("/dimension/SUBACCOUNT/1", {"segmentValues": [{"operation": "Insert", "value": " "}]})
    assert response.status_code == 400
    assert "Error: segmentValues[0]: 'Value' cannot be empty.\r\n" in response.json()["message"]


def test_put_may_delete_a_value_and_insert_it_again_in_one_body(tenant):
    add_dimension(tenant)
    public = tenant.get("/dimension/SUBACCOUNT/1/10").json()["publicId"]
    body = {
        "segmentValues": [
            {"operation": "Delete", "value": "10"},
            {"operation": "Insert", "value": "10", "description": {"value": "Sales"}},
        ]
    }
    response = tenant.put("/dimension/SUBACCOUNT/1", body)
    assert response.status_code == 204, response.text
    value = tenant.get("/dimension/SUBACCOUNT/1/10").json()
    assert (value["description"], value["active"], value["publicId"]) == ("Sales", True, public)


def test_put_needs_an_operation_on_every_value(tenant):
    add_dimension(tenant)
    response = tenant.put("/dimension/SUBACCOUNT/1", {"segmentValues": [{"value": "30"}]})
    assert response.status_code == 400
    assert "'segmentValues.0.operation'" in response.json()["message"]


def test_put_whose_body_names_another_segment_is_refused(tenant):
    add_dimension(tenant)
    response = tenant.put("/dimension/SUBACCOUNT/1", {"segementId": 2, "dimensionId": "SUBACCOUNT"})
    assert response.status_code == 400
    assert "'segementId' 2 is not the segment in the URL (1)." in response.json()["message"]


def test_put_with_a_stale_if_match_is_412(tenant):
    add_dimension(tenant)
    stale = tenant.get("/dimension/SUBACCOUNT/1").headers["ETag"]
    assert tenant.put("/dimension/SUBACCOUNT/1", {"description": {"value": "A"}}).status_code == 204
    response = tenant.put("/dimension/SUBACCOUNT/1", {"description": {"value": "B"}}, headers={"If-Match": stale})
    assert response.status_code == 412
    assert tenant.get("/dimension/SUBACCOUNT/1").json()["description"] == "A"


def test_company_b_dimension_is_invisible_to_company_a(tenant, other_tenant):
    add_dimension(other_tenant)
    assert tenant.get("/dimension").json() == []
    assert tenant.get("/dimension/SUBACCOUNT").status_code == 404
    assert tenant.get("/dimension/SUBACCOUNT/1/10").status_code == 404
    response = tenant.put("/dimension/SUBACCOUNT/1", {"segmentValues": [{"operation": "Delete", "value": "10"}]})
    assert response.status_code == 404
    assert "10" in value_ids(other_tenant.get("/dimension/SUBACCOUNT/1").json())


# --- the real document ------------------------------------------------------------------------------------


def test_the_update_models_have_the_real_members_misspelled_segement_id_included():
    assert set(DtoSegmentUpdateDto.model_fields) == real_properties("dimension", "DtoSegmentUpdateDto")
    assert "segementId" in DtoSegmentUpdateDto.model_fields
    assert set(DtoSegmentValueUpdateDtoBase.model_fields) == real_properties(
        "dimension", "DtoSegmentValueUpdateDtoBase"
    )


def test_a_put_body_of_the_real_shape_is_valid_and_a_misspelling_fixed_is_not():
    body = {"segementId": 1, "segmentValues": [{"operation": "Insert", "value": "30", "active": {"value": True}}]}
    assert not real_problems(body, "dimension", "DtoSegmentUpdateDto")
    assert real_problems({"segmentId": 1}, "dimension", "DtoSegmentUpdateDto")


def test_get_dimension_declares_only_real_query_parameters(client):
    path = client.get("/swagger/v1/swagger.json").json()["paths"]["/API/controller/api/v1/dimension/{dimensionId}"]
    ours = {p["name"] for p in path["get"]["parameters"] if p["in"] == "query"}
    assert ours == real_query_parameters("dimension", "/v1/dimension/{dimensionId}")


def test_an_updated_value_gets_a_new_etag(tenant):
    add_dimension(tenant)
    before = tenant.get("/dimension/SUBACCOUNT/1/10").headers["ETag"]
    body = {"segmentValues": [{"operation": "Update", "value": "10", "description": {"value": "Sales"}}]}
    assert tenant.put("/dimension/SUBACCOUNT/1", body).status_code == 204
    after = tenant.get("/dimension/SUBACCOUNT/1/10")
    assert after.json()["description"] == "Sales"
    assert after.headers["ETag"] != before
