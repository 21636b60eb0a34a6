"""Sales orders at /v2/salesorder: the v1 use cases, and v2's actions. prepareInvoice makes the customer
invoice of an invoice-type order (whose release then posts AR, revenue and VAT of the order's amounts) and refuses
orders that ship or are quotes; sendbymail marks the order e-mailed; createPurchaseOrders orders the lines marked
for PO from their items' suppliers."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from nettfin.server.inventory.models import InventoryItem, ItemCrossReference
from nettfin.server.purchasing.models import PurchaseOrder
from tests.factories import new_number
from tests.party_factories import assert_real
from tests.sales_factories import add_trading_company
from tests.server.sales.test_sales_order_api import order_body
from tests.supplier_ledger_factories import account_balance, batch_count

V2 = "salesorderv2"


def v2_post(tenant, path: str, body=None):
    return tenant.client.post(f"/v2{path}", json=body, headers=tenant.headers)


def v2_get(tenant, path: str, **kwargs):
    return tenant.client.get(f"/v2{path}", headers=tenant.headers, **kwargs)


def test_v2_creates_reads_and_lists_the_same_orders(tenant):
    add_trading_company(tenant)
    response = v2_post(tenant, "/salesorder", order_body())
    number = new_number(response)
    assert response.headers["Location"].endswith(f"/v2/salesorder/{number}")
    order = v2_get(tenant, f"/salesorder/{number}").json()
    assert_real(order, V2, "SalesOrderDto")
    assert order == tenant.get(f"/salesorder/{number}").json()
    listed = v2_get(tenant, "/salesorder", params={"orderType": "SO"}).json()
    assert [o["orderNo"] for o in listed] == [number] and listed[0]["metadata"]["totalCount"] == 1


def test_prepare_invoice_makes_the_customer_invoice_of_an_invoice_order(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/salesorder", order_body(order_type="IN")))
    batches = batch_count(tenant)
    response = v2_post(tenant, f"/salesorder/IN/{number}/action/prepareInvoice")
    assert response.status_code == 200, response.text
    reference = response.json()["referenceNumber"]
    assert response.headers["Location"].endswith(f"/v1/customerinvoice/{reference}")
    invoice = tenant.get(f"/customerinvoice/{reference}").json()
    assert (invoice["amount"], invoice["vatTotal"], invoice["customer"]["number"]) == (725.8, 135.8, "10000")
    assert [(x["inventoryNumber"], x["quantity"], x["amount"]) for x in invoice["invoiceLines"]] == [
        ("VARE", 2.0, 500.0),
        ("BOK", 1.0, 90.0),
    ]
    # Preparing posts nothing; the invoice's release posts the order's amounts.
    assert batch_count(tenant) == batches
    order = tenant.get(f"/salesorder/{number}").json()
    assert (order["status"], order["invoiceNbr"]) == ("Invoiced", reference)
    assert all(line["unbilledAmount"] == 0 for line in order["lines"])
    assert tenant.post(f"/customerinvoice/{reference}/action/release").status_code == 200
    assert account_balance(tenant, "1500") == Decimal("725.80")
    assert account_balance(tenant, "3000") == Decimal("-590.00")
    again = v2_post(tenant, f"/salesorder/IN/{number}/action/prepareInvoice")
    assert again.status_code == 400 and "is invoiced and cannot be invoiced" in again.json()["message"]
    changed = tenant.put(f"/salesorder/{number}", {"description": {"value": "x"}})
    assert changed.status_code == 400


def test_prepare_invoice_refuses_orders_that_ship_and_quotes_and_writes_nothing(tenant):
    add_trading_company(tenant)
    shipped = new_number(tenant.post("/salesorder", order_body()))
    response = v2_post(tenant, f"/salesorder/SO/{shipped}/action/prepareInvoice")
    assert response.status_code == 400 and "invoiced from their shipments" in response.json()["message"]
    quote = new_number(tenant.post("/salesorder", order_body(order_type="QT")))
    response = v2_post(tenant, f"/salesorder/QT/{quote}/action/prepareInvoice")
    assert response.status_code == 400 and "quotes are not invoiced" in response.json()["message"]
    assert tenant.get("/customerinvoice").json() == []
    assert tenant.get(f"/salesorder/{shipped}").json()["status"] == "Open"
    assert v2_post(tenant, f"/salesorder/IN/{shipped}/action/prepareInvoice").status_code == 404


def test_send_by_mail_marks_the_order_emailed(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/salesorder", order_body()))
    assert tenant.get(f"/salesorder/{number}").json()["emailed"] is False
    response = v2_post(tenant, f"/salesorder/SO/{number}/action/sendbymail")
    assert response.status_code == 200 and response.json()["actionResult"] == "Done"
    assert tenant.get(f"/salesorder/{number}").json()["emailed"] is True


def test_create_purchase_orders_orders_the_marked_lines_from_the_items_supplier(tenant):
    add_trading_company(tenant)
    body = order_body()
    body["lines"][0]["markForPO"] = {"value": True}
    number = new_number(tenant.post("/salesorder", body))
    refused = v2_post(tenant, f"/salesorder/{number}/action/createPurchaseOrders", {"orderType": "SO"})
    assert refused.status_code == 400 and "the item 'VARE' names no supplier" in refused.json()["message"]
    with tenant.database.writing() as session:
        item = session.scalar(
            select(InventoryItem).where(InventoryItem.company_id == tenant.company_id, InventoryItem.number == "VARE")
        )
        session.add(
            ItemCrossReference(
                company_id=tenant.company_id, item=item, alternate_type="VPN", alternate_id="L-1", b_account="50000"
            )
        )
    response = v2_post(tenant, f"/salesorder/{number}/action/createPurchaseOrders", {"orderType": "SO"})
    assert response.status_code == 200, response.text
    with tenant.database.reading() as session:
        orders = session.scalars(select(PurchaseOrder).where(PurchaseOrder.company_id == tenant.company_id)).all()
        assert [(o.supplier.number, [(x.item.number, x.order_qty) for x in o.lines]) for o in orders] == [
            ("50000", [("VARE", Decimal(2))])
        ]
    again = v2_post(tenant, f"/salesorder/{number}/action/createPurchaseOrders", {"orderType": "SO"})
    assert again.status_code == 400 and "no open line marked for PO" in again.json()["message"]


def test_a_customers_balance_counts_what_its_open_orders_have_left_to_invoice(tenant):
    """`totalOrder`: the unbilled amounts (VAT excluded) of open invoice-on-account orders; a quote counts nothing,
    and an invoiced order no longer does."""
    add_trading_company(tenant)
    number = new_number(tenant.post("/salesorder", order_body(order_type="IN")))
    new_number(tenant.post("/salesorder", order_body(order_type="QT")))

    assert tenant.get("/customer/10000/balance").json()["totalOrder"] == 590.0
    assert v2_post(tenant, f"/salesorder/IN/{number}/action/prepareInvoice").status_code == 200
    assert tenant.get("/customer/10000/balance").json()["totalOrder"] == 0.0
