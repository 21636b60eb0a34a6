"""Attributes (CS205000, `/v1/attribute`): a `kit.resource` declaration with its combo values on
`kit.keyed_lines`; list, get, create, update and delete through the app on both databases, validated against the
real visma-attribute document."""

from __future__ import annotations

from sqlalchemy import func, select

from nettfin.server.attributes.models import Attribute, AttributeValue
from nettfin.server.attributes.resources import ATTRIBUTE
from tests.ledger_factories import real_query_parameters
from tests.party_factories import assert_real, write_kind_mismatches


def attribute(attribute_id: str = "COLOR", control_type: str = "Combo", **members) -> dict:
    return {
        "attributeID": {"value": attribute_id},
        "description": {"value": f"Attribute {attribute_id}"},
        "controlType": {"value": control_type},
        **members,
    }


def value(value_id: str, description: str = "", sort_order: int | None = None, **extra) -> dict:
    body = {"valueId": {"value": value_id}, "description": {"value": description or value_id.title()}, **extra}
    if sort_order is not None:
        body["sortOrder"] = {"value": sort_order}
    return body


def count(tenant, model=Attribute) -> int:
    with tenant.database.reading() as session:
        if model is AttributeValue:
            statement = select(func.count()).select_from(AttributeValue).join(Attribute)
            return session.scalar(statement.where(Attribute.company_id == tenant.company_id))
        return session.scalar(select(func.count()).select_from(model).where(model.company_id == tenant.company_id))


def test_the_write_body_and_list_parameters_are_the_real_ones(tenant):
    assert write_kind_mismatches(ATTRIBUTE.write_model, "attribute", "AttributeUpdateDto") == {}
    ours = {
        p["name"]
        for p in tenant.client.get("/swagger/v1/swagger.json").json()["paths"]["/API/controller/api/v1/attribute"][
            "get"
        ]["parameters"]
    }
    assert real_query_parameters("attribute", "/v1/attribute") <= ours


def test_an_attribute_with_its_values_is_created_and_reads_back_as_the_real_dto(tenant):
    body = attribute("COLOR", details=[value("RED", sort_order=2), value("BLUE", sort_order=1)])
    created = tenant.post("/attribute", body)
    assert created.status_code == 201, created.text
    assert created.headers["Location"] == "http://testserver/API/controller/api/v1/attribute/COLOR"
    read = tenant.get("/attribute/COLOR")
    assert read.status_code == 200
    assert created.headers["ETag"] == read.headers["ETag"]
    got = read.json()
    assert_real(got, "attribute", "AttributeDto")
    assert {k: got[k] for k in ("attributeID", "description", "controlType", "internal")} == {
        "attributeID": "COLOR",
        "description": "Attribute COLOR",
        "controlType": "Combo",
        "internal": False,
    }
    assert got["details"] == [
        {"valueId": "BLUE", "description": "Blue", "sortOrder": 1, "disabled": False},
        {"valueId": "RED", "description": "Red", "sortOrder": 2, "disabled": False},
    ]
    assert "createdDateTime" in got and "lastModifiedDateTime" in got
    listed = tenant.get("/attribute")
    assert listed.status_code == 200
    for row in listed.json():
        assert_real(row, "attribute", "AttributeDto")
    assert [row["attributeID"] for row in listed.json()] == ["COLOR"]
    assert listed.json()[0]["metadata"]["totalCount"] == 1


def test_values_are_inserted_updated_and_deleted_by_value_id(tenant):
    tenant.post("/attribute", attribute("SIZE", details=[value("S"), value("M"), value("L")]))
    changes = {
        "details": [
            {"operation": "Delete", "valueId": {"value": "S"}},
            {"operation": "Update", "valueId": {"value": "M"}, "disabled": {"value": True}},
            {"operation": "Insert", "valueId": {"value": "XL"}, "sortOrder": {"value": 5}},
        ]
    }
    updated = tenant.put("/attribute/SIZE", changes)
    assert updated.status_code == 204, updated.text
    details = {d["valueId"]: d for d in tenant.get("/attribute/SIZE").json()["details"]}
    assert set(details) == {"M", "L", "XL"}
    assert details["M"]["disabled"] is True
    assert details["XL"]["sortOrder"] == 5


def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(tenant):
    tenant.post("/attribute", attribute("SIZE", details=[value("S")]))
    version = tenant.get("/attribute/SIZE").headers["ETag"]
    bad = tenant.put(
        "/attribute/SIZE",
        {
            "description": {"value": ""},
            "details": [
                {"operation": "Update", "valueId": {"value": "NOPE"}},
                {"operation": "Insert", "valueId": {"value": "S"}},
                {"valueId": {"value": "M"}, "sortOrder": {"value": 40000}},
            ],
        },
    )
    assert bad.status_code == 400, bad.text
    message = bad.json()["message"]
    assert "'Description' cannot be empty." in message
    assert "details[0]: Value 'NOPE' is not on the attribute." in message
    assert "details[1]: Value 'S' is already on the attribute." in message
    assert "details[2]: 'Sort order' 40000 is out of range" in message
    assert tenant.get("/attribute/SIZE").headers["ETag"] == version
    assert count(tenant, AttributeValue) == 1

    text_with_values = tenant.post("/attribute", attribute("NOTE", "Text", details=[value("A")]))
    assert text_with_values.status_code == 400
    assert "only a Combo or MultiSelectCombo attribute has details" in text_with_values.json()["message"]
    unknown_type = tenant.post("/attribute", attribute("NOTE", "Slider"))
    assert unknown_type.status_code == 400
    assert "controlType" in unknown_type.json()["message"]
    too_long = tenant.post("/attribute", attribute("A" * 11, "Text"))
    assert too_long.status_code == 400
    assert count(tenant) == 1

    again = tenant.post("/attribute", attribute("SIZE"))
    assert again.status_code == 400
    assert "already exists" in again.json()["message"]


def test_the_list_filters_and_delete(tenant, other_tenant):
    tenant.post("/attribute", attribute("COLOR", details=[value("RED")]))
    tenant.post("/attribute", attribute("NOTE", "Text", internal={"value": True}))
    other_tenant.post("/attribute", attribute("OTHER", "Text"))
    ids = lambda query: [row["attributeID"] for row in tenant.get(f"/attribute{query}").json()]  # noqa: E731
    assert ids("") == ["COLOR", "NOTE"]
    assert ids("?controlType=Text") == ["NOTE"]
    assert ids("?internal=true") == ["NOTE"]
    assert ids("?attributeID=COLOR") == ["COLOR"]
    assert ids("?greaterThanValue=COLOR") == ["NOTE"]

    deleted = tenant.client.delete(tenant.url("/attribute/COLOR"), headers=tenant.headers)
    assert deleted.status_code == 204
    assert tenant.get("/attribute/COLOR").status_code == 404
    assert count(tenant, AttributeValue) == 0
    missing = tenant.client.delete(tenant.url("/attribute/COLOR"), headers=tenant.headers)
    assert missing.status_code == 404
    assert "Attribute 'COLOR' not found." in missing.json()["message"]
    assert tenant.get("/attribute/OTHER").status_code == 404
