"""A page of sales orders is sent from their kept JSON (kit/rendered.py through kit/document_lists.py,
`page_bodies`): the same bytes as rendering the page's rows, the full and the basic order kept apart, and a
change is on the next page."""

from __future__ import annotations

from nettfin.server.sales import orders
from nettfin.server.sales.basic_router import SALES_ORDER_BASICS
from nettfin.server.sales.router import DOCUMENTS
from tests.factories import new_number
from tests.kept_bodies import rows_rendered
from tests.sales_factories import add_trading_company
from tests.server.sales.test_sales_order_api import order_body


def test_full_and_basic_orders_are_the_same_bytes_made_kept_and_as_their_rows_render(tenant):
    add_trading_company(tenant)
    numbers = [new_number(tenant.post("/salesorder", order_body())) for _ in range(2)]

    full = tenant.get("/salesorder?pageSize=10")
    assert full.status_code == 200
    assert [o["orderNo"] for o in full.json()] == numbers
    assert (
        full.content
        == tenant.get("/salesorder?pageSize=10").content
        == rows_rendered(tenant, DOCUMENTS, orders.OrderFilters())
    )

    basic = tenant.get("/salesorderbasic?pageSize=10")
    assert basic.content != full.content
    assert basic.content == tenant.get("/salesorderbasic?pageSize=10").content
    assert basic.content == rows_rendered(tenant, SALES_ORDER_BASICS.documents, orders.OrderFilters())


def test_a_changed_order_is_on_the_next_page(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/salesorder", order_body()))
    tenant.get("/salesorder?pageSize=10")
    changed = tenant.put(f"/salesorder/{number}", {"customerRefNo": {"value": "REF-88"}})
    assert changed.status_code == 204, changed.text
    assert tenant.get("/salesorder?pageSize=10").json()[0]["customerRefNo"] == "REF-88"
