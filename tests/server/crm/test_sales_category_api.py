"""Sales categories (IN204100, `/v1/salescategory`): the tree and the items in a category, through the app on
both databases, validated against the real SalesCategory document."""

from __future__ import annotations

from sqlalchemy import select

from nettfin.server.crm.sales_categories import add_category
from nettfin.server.inventory.models import InventoryItem
from tests.party_factories import assert_real, insert_items


def test_the_tree_and_a_categorys_items(tenant):
    numbers = insert_items(tenant, 3)
    with tenant.database.writing() as session:
        items = session.scalars(
            select(InventoryItem).where(InventoryItem.company_id == tenant.company_id).order_by(InventoryItem.number)
        ).all()
        tools = add_category(session, tenant.company_id, category_id=10, description="Verktøy", sort_order=1)
        add_category(
            session, tenant.company_id, category_id=11, description="Håndverktøy", parent=tools, items=items[:2]
        )
        add_category(session, tenant.company_id, category_id=20, description="Kontor", sort_order=2, items=items[2:])
    listed = tenant.get("/salescategory").json()
    for element in listed:
        assert_real(element, "salescategory", "SalesCategoryDto")
    assert [(c["categoryID"], c["parentID"], [s["categoryID"] for s in c["subCategories"]]) for c in listed] == [
        (10, 0, [11]),
        (20, 0, []),
    ]
    child = tenant.get("/salescategory/11").json()
    assert (child["description"], child["parentID"], child["subCategories"]) == ("Håndverktøy", 10, [])
    found = tenant.get("/salescategory/11/item").json()
    assert [i["inventoryNumber"] for i in found] == numbers[:2]
    for element in found:
        assert_real(element, "salescategory", "InventoryDto")
    assert tenant.get("/salescategory/10/item").json() == []
    assert tenant.get("/salescategory/99").status_code == 404
    assert tenant.get("/salescategory/abc/item").status_code == 404


def test_an_items_sales_categories_and_the_item_lists_filter(tenant):
    numbers = insert_items(tenant, 3)
    with tenant.database.writing() as session:
        items = session.scalars(
            select(InventoryItem).where(InventoryItem.company_id == tenant.company_id).order_by(InventoryItem.number)
        ).all()
        tools = add_category(session, tenant.company_id, category_id=30, description="Verktøy", sort_order=1)
        add_category(session, tenant.company_id, category_id=31, description="Sager", parent=tools, items=items[:1])
        add_category(session, tenant.company_id, category_id=40, description="Tilbud", sort_order=2, items=items[:2])

    item = tenant.get(f"/inventory/{numbers[0]}").json()
    assert_real(item, "inventory", "InventoryDto")
    assert item["salesCategories"] == [
        {"categoryId": 31, "description": "Sager"},
        {"categoryId": 40, "description": "Tilbud"},
    ]
    assert tenant.get(f"/inventory/{numbers[2]}").json()["salesCategories"] == []

    listed = {i["inventoryNumber"]: i for i in tenant.get("/inventory", params={"pageSize": 500}).json()}
    assert [c["categoryId"] for c in listed[numbers[1]]["salesCategories"]] == [40]
    plain = tenant.get("/inventory", params={"expandSalesCategories": False}).json()
    assert plain and all("salesCategories" not in i for i in plain)

    in_offer = tenant.get("/inventory", params={"salesCategory": 40}).json()
    assert [i["inventoryNumber"] for i in in_offer] == numbers[:2]
    assert [i["inventoryNumber"] for i in tenant.get("/inventory", params={"salesCategory": 30}).json()] == []
    assert tenant.get("/inventory", params={"salesCategory": 99}).json() == []
