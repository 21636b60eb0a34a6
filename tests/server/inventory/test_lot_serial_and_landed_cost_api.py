"""Lot/serial classes (IN207000, `/v1/lotserialclass`) and landed cost codes (PO202000, `/v1/landedCostCode`):
read-only lists and gets through the app on both databases, validated against the real documents, with the
real lists' filters."""

from __future__ import annotations

import pytest

from nettfin.server.inventory.models import LandedCostCode, LotSerialClass
from nettfin.server.kit.changes import bump_version
from tests.party_factories import assert_real, query_names, real_query_names
from tests.server.inventory.test_warehouse_api import message_of


@pytest.fixture
def classes(tenant):
    with tenant.database.writing() as session:
        session.add_all(
            [
                LotSerialClass(
                    company_id=tenant.company_id,
                    class_cd="LOT",
                    description="Lots",
                    tracking_method="LotNumbered",
                    auto_generate_next_number=True,
                    segments=[{"type": "FixedConst", "value": "L"}, {"type": "NumericVal", "value": "0001"}],
                ),
                LotSerialClass(
                    company_id=tenant.company_id,
                    class_cd="SER",
                    description="Serials",
                    tracking_method="SerialNumbered",
                    track_expiration=True,
                ),
                LandedCostCode(
                    company_id=tenant.company_id,
                    code="FREIGHT",
                    description="Freight",
                    allocation_method="ByWeight",
                    supplier_number="50000",
                    accrual_account="2490",
                ),
                LandedCostCode(
                    company_id=tenant.company_id, code="DUTY", description="Duty", landed_cost_type="CustomDuties"
                ),
            ]
        )
        for resource in ("lot_serial_class", "landed_cost_code"):
            bump_version(session, company_id=tenant.company_id, resource=resource)
    return tenant


def _ids(response, key) -> list[str]:
    assert response.status_code == 200, response.text
    return [element[key] for element in response.json()]


def test_lot_serial_classes_are_the_real_dto(classes):
    body = classes.get("/lotserialclass", params={"pageSize": 10}).json()
    assert [c["id"] for c in body] == ["LOT", "SER"]
    for element in body:
        assert_real(element, "lotserialclass", "LotSerialClassDto")
    one = classes.get("/lotserialclass/LOT").json()
    assert_real(one, "lotserialclass", "LotSerialClassDto")
    assert one["trackingMethod"] == "LotNumbered" and one["autoGenerateNextNumber"] is True
    assert one["details"] == [
        {"id": "LOT", "segmentNumber": 1, "type": "FixedConst", "value": "L"},
        {"id": "LOT", "segmentNumber": 2, "type": "NumericVal", "value": "0001"},
    ]
    assert classes.get("/lotserialclass/SER").json()["details"] == []


def test_lot_serial_class_filters(classes, client):
    real = real_query_names("lotserialclass", "/lotserialclass") - {"erp-api-background"}
    assert query_names(client, "/lotserialclass") >= real
    assert _ids(classes.get("/lotserialclass", params={"trackingMethod": "SerialNumbered"}), "id") == ["SER"]
    assert _ids(classes.get("/lotserialclass", params={"trackExpirationDate": "true"}), "id") == ["SER"]
    assert _ids(classes.get("/lotserialclass", params={"autoGenerateNextNumber": "true"}), "id") == ["LOT"]
    assert _ids(classes.get("/lotserialclass", params={"description": "Lots"}), "id") == ["LOT"]
    refused = classes.get("/lotserialclass", params={"trackingMethod": "Bogus"})
    assert refused.status_code == 400


def test_an_unknown_class_or_code_is_404(classes):
    missing = classes.get("/lotserialclass/NOPE")
    assert missing.status_code == 404 and message_of(missing) == "Lot/serial class 'NOPE' not found."
    missing = classes.get("/landedCostCode/NOPE")
    assert missing.status_code == 404 and message_of(missing) == "Landed cost code 'NOPE' not found."


def test_landed_cost_codes_are_the_real_dto(classes, client):
    real = real_query_names("landedcostcode", "/landedCostCode") - {"erp-api-background"}
    assert query_names(client, "/landedCostCode") >= real
    body = classes.get("/landedCostCode", params={"pageSize": 10}).json()
    assert [c["landedCostCodeId"] for c in body] == ["DUTY", "FREIGHT"]
    for element in body:
        assert_real(element, "landedcostcode", "LandedCostCodeDto")
    freight = classes.get("/landedcostcode/FREIGHT").json()
    assert_real(freight, "landedcostcode", "LandedCostCodeDto")
    assert freight == {
        "landedCostCodeId": "FREIGHT",
        "description": "Freight",
        "landedCostType": "FreightAndMisOriginCharges",
        "applicationMethod": "FromBoth",
        "allocationMethod": "ByWeight",
        "supplierId": "50000",
        "landedCostAccrualAccount": "2490",
    }
    assert _ids(classes.get("/landedCostCode", params={"code": "DUTY"}), "landedCostCodeId") == ["DUTY"]
    assert _ids(classes.get("/landedCostCode", params={"greaterThanValue": "DUTY"}), "landedCostCodeId") == ["FREIGHT"]


def test_the_real_api_has_no_writes(classes):
    assert classes.post("/lotserialclass", {"id": {"value": "X"}}).status_code == 405
    assert classes.put("/landedCostCode/DUTY", {"description": {"value": "X"}}).status_code == 405
