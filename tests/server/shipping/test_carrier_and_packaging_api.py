"""Carriers (CS207500, `/v1/carrier`) and packaging types (CS207600, `/v1/packagingType`): read-only lists and
gets through the app on both databases, validated against the real documents, with the real lists' filters."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nettfin.server.kit.changes import bump_version
from nettfin.server.shipping.models import Carrier, PackagingType
from tests.party_factories import assert_real, query_names, real_query_names
from tests.server.inventory.test_warehouse_api import message_of


@pytest.fixture
def shipping(tenant):
    with tenant.database.writing() as session:
        session.add_all(
            [
                Carrier(company_id=tenant.company_id, code="POSTEN", description="Posten Norge"),
                Carrier(company_id=tenant.company_id, code="BRING", description="Bring"),
                PackagingType(
                    company_id=tenant.company_id,
                    box_id="SMALL",
                    description="Small box",
                    box_weight=Decimal("0.2"),
                    max_weight=Decimal(5),
                    weight_uom="KG",
                    max_volume=Decimal("0.012"),
                    volume_uom="M3",
                    length=30,
                    width=20,
                    height=20,
                    active_by_default=True,
                ),
                PackagingType(company_id=tenant.company_id, box_id="LARGE", description="Large box"),
            ]
        )
        for resource in ("carrier", "packaging_type"):
            bump_version(session, company_id=tenant.company_id, resource=resource)
    return tenant


def test_carriers_are_the_real_dto(shipping, client):
    real = real_query_names("carrier", "/carrier") - {"erp-api-background"}
    assert query_names(client, "/carrier") >= real
    body = shipping.get("/carrier", params={"pageSize": 10}).json()
    assert [c["carrierId"] for c in body] == ["BRING", "POSTEN"]
    for element in body:
        assert_real(element, "carrier", "CarrierDto")
        assert element["metadata"]["totalCount"] == 2
    posten = shipping.get("/carrier/POSTEN").json()
    assert_real(posten, "carrier", "CarrierDto")
    assert posten["carrierDescription"] == "Posten Norge" and "lastModifiedDateTime" in posten
    later = shipping.get(
        "/carrier", params={"lastModifiedDateTime": "2999-01-01", "lastModifiedDateTimeCondition": ">"}
    )
    assert later.status_code == 200 and later.json() == []


def test_packaging_types_are_the_real_dto(shipping, client):
    real = real_query_names("packagingtype", "/packagingType") - {"erp-api-background"}
    assert query_names(client, "/packagingType") >= real
    body = shipping.get("/packagingType", params={"pageSize": 10}).json()
    assert [p["boxId"] for p in body] == ["LARGE", "SMALL"]
    for element in body:
        assert_real(element, "packagingtype", "PackagingTypeDto")
    small = shipping.get("/packagingtype/SMALL").json()
    assert_real(small, "packagingtype", "PackagingTypeDto")
    small.pop("lastModifiedDateTime")
    assert small == {
        "boxId": "SMALL",
        "description": "Small box",
        "boxWeight": 0.2,
        "maxWeight": 5,
        "weightUoM": "KG",
        "maxVolume": 0.012,
        "volumeUoM": "M3",
        "length": 30,
        "width": 20,
        "height": 20,
        "activeByDefault": True,
    }
    after = shipping.get("/packagingType", params={"greaterThanValue": "LARGE"}).json()
    assert [p["boxId"] for p in after] == ["SMALL"]


def test_an_unknown_carrier_or_box_is_404(shipping):
    missing = shipping.get("/carrier/NOPE")
    assert missing.status_code == 404 and message_of(missing) == "Carrier 'NOPE' not found."
    missing = shipping.get("/packagingType/NOPE")
    assert missing.status_code == 404 and message_of(missing) == "Packaging type 'NOPE' not found."


def test_the_real_api_has_no_writes(shipping):
    assert shipping.post("/carrier", {"carrierId": {"value": "X"}}).status_code == 405
    assert shipping.put("/packagingType/SMALL", {"description": {"value": "X"}}).status_code == 405
