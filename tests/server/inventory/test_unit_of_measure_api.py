"""Units of measure (CS203100, `/v1/unitofmeasure`): the units the company's items and item classes use, each
as the conversion nettfin applies (none: to itself, times 1), validated against the real document."""

from __future__ import annotations

from nettfin.server.inventory.models import InventoryItem
from tests.party_factories import add_inventory_reference_data, assert_real, insert_items


def test_a_company_without_items_has_no_units(tenant):
    response = tenant.get("/unitofmeasure")
    assert response.status_code == 200
    assert response.json() == []


def test_every_unit_items_and_classes_use_once_in_order(tenant, other_tenant):
    add_inventory_reference_data(tenant)  # classes in STK and TIME
    insert_items(tenant, 1)  # STK
    with tenant.database.writing() as session:
        session.add(
            InventoryItem(
                company_id=tenant.company_id,
                number="BOX1",
                item_type="FinishedGoodItem",
                description="Sold by the box",
                base_unit="STK",
                sales_unit="ESKE",
                purchase_unit="PALL",
            )
        )
    insert_items(other_tenant, 1, start=9)
    body = tenant.get("/unitofmeasure").json()
    assert [unit["fromUnit"] for unit in body] == ["ESKE", "PALL", "STK", "TIME"]
    for unit in body:
        assert_real(unit, "unit-of-measure", "UnitOfMeasureDto")
    assert body[0] == {
        "fromUnit": "ESKE",
        "toUnit": "ESKE",
        "unitMultDiv": "Multiply",
        "unitRate": 1,
        "supplementaryMeasureUnit": "None",
    }
