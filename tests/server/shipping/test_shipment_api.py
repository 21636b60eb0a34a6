"""Shipments (SO302000) through the app on both databases: made from a sales order, confirmed (stock out through
the stock engine, COGS against inventory), corrected (all of it back), cancelled, and the refusals: more than
ordered, more than on hand, changes after confirmation. Bodies validated against the real ShipmentDto."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.party_factories import assert_real
from tests.shipping_factories import add_order, add_shipping_company, books, vare_on_hand


@pytest.fixture
def company(tenant):
    add_shipping_company(tenant)
    return tenant


def _create(tenant, order: str, **extra) -> str:
    body = {"orderType": "SO", "shipmentDate": "2020-03-05", "shipmentWarehouse": "1", **extra}
    answer = tenant.post(f"/salesorder/{order}/action/createShipment", body)
    assert answer.status_code == 200, answer.text
    return answer.json()["referenceNumber"]


def _order_line(tenant, order: str) -> tuple:
    from sqlalchemy import select

    from nettfin.server.sales.models import SalesOrder

    with tenant.database.reading() as session:
        found = (
            session.scalars(
                select(SalesOrder).where(SalesOrder.company_id == tenant.company_id, SalesOrder.order_nbr == order)
            )
            .unique()
            .one()
        )
        line = found.lines[0]
        return found.status, line.shipped_qty, line.qty_on_shipments


def _message(answer) -> str:
    return answer.json()["message"]


def test_a_shipment_from_an_order_confirms_and_corrects_with_stock_and_books(company):
    order = add_order(company, 3)
    number = _create(company, order)
    shipment = company.get(f"/shipment/{number}").json()
    assert_real(shipment, "shipment", "ShipmentDto")
    assert shipment["status"] == "Open" and shipment["customer"]["number"] == "10000"
    (line,) = shipment["shipmentDetailLines"]
    assert (line["orderNbr"], line["inventoryNumber"], line["shippedQty"], line["orderedQty"]) == (order, "VARE", 3, 3)
    assert _order_line(company, order) == ("Shipping", Decimal(0), Decimal(3))
    assert books(company) == (Decimal(0), Decimal(0))

    confirmed = company.post(f"/shipment/{number}/action/confirmShipment", None)
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["actionResult"] == "Done"
    assert vare_on_hand(company) == Decimal(7)
    assert books(company) == (Decimal(-300), Decimal(300))
    assert _order_line(company, order) == ("Completed", Decimal(3), Decimal(0))
    shown = company.get(f"/shipment/{number}").json()
    assert shown["status"] == "Confirmed" and shown["shipmentOrderLines"][0]["inventoryRefNbr"]
    refused = company.put(f"/shipment/{number}", {"note": {"value": "x"}})
    assert refused.status_code == 400 and "is confirmed and cannot be changed" in _message(refused)
    refused = company.post(f"/shipment/{number}/action/cancelShipment", None)
    assert refused.status_code == 400 and "cannot be cancelled" in _message(refused)

    corrected = company.post(f"/shipment/{number}/action/correctShipment", None)
    assert corrected.status_code == 200, corrected.text
    assert vare_on_hand(company) == Decimal(10)
    assert books(company) == (Decimal(0), Decimal(0))
    assert company.get(f"/shipment/{number}").json()["status"] == "Open"
    assert _order_line(company, order) == ("Shipping", Decimal(0), Decimal(3))

    assert company.post(f"/shipment/{number}/action/cancelShipment", None).status_code == 200
    assert company.get(f"/shipment/{number}").json()["status"] == "Cancelled"
    assert _order_line(company, order) == ("Open", Decimal(0), Decimal(0))


def test_shipping_more_than_ordered_is_refused_naming_the_line(company):
    order = add_order(company, 3)
    number = _create(company, order)
    refused = company.put(
        f"/shipment/{number}", {"shipmentDetailLines": [{"lineNumber": {"value": 1}, "shippedQty": {"value": 4}}]}
    )
    assert refused.status_code == 400
    assert "Line 1: the shipped quantity (4.00) of sales order SO " in _message(refused)
    assert "exceeds its open quantity (3.00)" in _message(refused)
    assert company.get(f"/shipment/{number}").json()["shipmentDetailLines"][0]["shippedQty"] == 3
    assert _order_line(company, order) == ("Shipping", Decimal(0), Decimal(3))
    # A second shipment finds nothing open.
    again = company.post(
        f"/salesorder/{order}/action/createShipment",
        {"orderType": "SO", "shipmentDate": "2020-03-05", "shipmentWarehouse": "1"},
    )
    assert again.status_code == 400 and "has no open lines to ship" in _message(again)


def test_an_order_line_with_an_overship_allowance_ships_up_to_it(company):
    order = add_order(company, 2, overshipThreshold=Decimal(150))
    number = _create(company, order)
    ok = company.put(
        f"/shipment/{number}", {"shipmentDetailLines": [{"lineNumber": {"value": 1}, "shippedQty": {"value": 3}}]}
    )
    assert ok.status_code == 204, ok.text
    refused = company.put(
        f"/shipment/{number}", {"shipmentDetailLines": [{"lineNumber": {"value": 1}, "shippedQty": {"value": 4}}]}
    )
    assert refused.status_code == 400 and "overshipment allowed 150 %" in _message(refused)


def test_shipping_more_than_on_hand_is_refused_and_nothing_moves(company):
    order = add_order(company, 12)
    number = _create(company, order)
    refused = company.post(f"/shipment/{number}/action/confirmShipment", None)
    assert refused.status_code == 400, refused.text
    assert "12" in _message(refused) and "10" in _message(refused)
    assert vare_on_hand(company) == Decimal(10)
    assert books(company) == (Decimal(0), Decimal(0))
    assert company.get(f"/shipment/{number}").json()["status"] == "Open"


def test_line_actions_and_printouts(company):
    order = add_order(company, 3)
    created = company.post(
        "/shipment", {"customer": {"value": "10000"}, "fromWarehouse": {"value": "1"}, "shipVia": {"value": "X"}}
    )
    assert created.status_code == 400 and "Ship via 'X' cannot be found in the system." in _message(created)
    created = company.post("/shipment", {"customer": {"value": "10000"}, "fromWarehouse": {"value": "1"}})
    assert created.status_code == 201, created.text
    number = created.headers["Location"].rsplit("/", 1)[1]
    answer = company.post(f"/shipment/{number}/action/addSOOrder", {"orderType": "SO", "orderNumber": order})
    assert answer.status_code == 204, answer.text
    answer = company.post(
        f"/shipment/{number}/action/addLine", {"inventoryNumber": {"value": "VARE"}, "shippedQty": {"value": 1}}
    )
    assert answer.status_code == 204, answer.text
    lines = company.get(f"/shipment/{number}").json()["shipmentDetailLines"]
    assert [(x["lineNumber"], x.get("orderNbr"), x["shippedQty"]) for x in lines] == [(1, order, 3), (2, None, 1)]
    answer = company.post(f"/shipment/{number}/action/deleteLine/1", {"deleteSOLine": {"value": False}})
    assert answer.status_code == 204, answer.text
    assert _order_line(company, order) == ("Open", Decimal(0), Decimal(0))
    answer = company.post(
        f"/shipment/{number}/action/addSOLine", {"orderType": "SO", "orderNumber": order, "orderLineNumber": 1}
    )
    assert answer.status_code == 204, answer.text
    assert _order_line(company, order) == ("Shipping", Decimal(0), Decimal(3))
    for report in ("printPickList", "printShipmentConfirmation"):
        pdf = company.get(f"/shipment/{number}/{report}")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    listed = company.get("/shipment", params={"customerNumber": "10000"}).json()
    assert [x["shipmentNumber"] for x in listed] == [number]
    assert_real(listed[0], "shipment", "ShipmentDto")
    assert company.get("/shipment/NOPE").status_code == 404


def test_a_confirmed_shipment_is_invoiced_and_an_open_one_is_refused(company):
    from nettfin.server.kit.errors import ApiError
    from nettfin.server.shipping.invoicing import invoice_shipment

    order = add_order(company, 3)
    number = _create(company, order)
    with pytest.raises(ApiError) as refused:
        invoice_shipment(company.database, company_id=company.company_id, number=number)
    assert f"The shipment '{number}' cannot be invoiced: its status is Open" in str(refused.value)
    assert company.get("/customerinvoice").json() == []
    assert company.post(f"/shipment/{number}/action/confirmShipment", None).status_code == 200
    invoice = invoice_shipment(company.database, company_id=company.company_id, number=number)
    body = company.get(f"/customerinvoice/{invoice.reference_number}").json()
    (line,) = body["invoiceLines"]
    assert (line["soShipmentNbr"], line["soOrderType"], line["soOrderNbr"]) == (number, "SO", order)
    # 3 x 250 at the order line's price, 25 % VAT.
    assert line["quantity"] == 3 and body["amount"] == 937.5
    shown = company.get(f"/shipment/{number}").json()
    assert shown["status"] == "Invoiced" and shown["shipmentOrderLines"][0]["invoiceNbr"] == invoice.reference_number
    assert _order_line(company, order)[0] == "Invoiced"
    refused = company.post(f"/shipment/{number}/action/correctShipment", None)
    assert refused.status_code == 400 and "is invoiced and cannot be corrected" in _message(refused)
    assert books(company) == (Decimal(-300), Decimal(300))


def test_prepare_invoice_of_an_order_that_ships_invoices_its_confirmed_shipments(company):
    from tests.supplier_ledger_factories import account_balance

    order = add_order(company, 3)
    number = _create(company, order)
    path = f"/v2/salesorder/SO/{order}/action/prepareInvoice"
    refused = company.client.post(path, headers=company.headers)
    assert refused.status_code == 400 and "has no confirmed shipment to invoice" in _message(refused)
    assert company.get("/customerinvoice").json() == []

    assert company.post(f"/shipment/{number}/action/confirmShipment", None).status_code == 200
    prepared = company.client.post(path, headers=company.headers)
    assert prepared.status_code == 200, prepared.text
    (invoice,) = company.get("/customerinvoice").json()
    (line,) = invoice["invoiceLines"]
    assert (line["soShipmentNbr"], line["soOrderNbr"], line["quantity"]) == (number, order, 3)
    assert company.get(f"/shipment/{number}").json()["status"] == "Invoiced"
    assert _order_line(company, order)[0] == "Invoiced"
    # Released, the invoice posts the customer's debt (3 x 250 and 25 % VAT) beside the shipment's COGS.
    released = company.post(f"/customerinvoice/{invoice['referenceNumber']}/action/release", None)
    assert released.status_code == 200, released.text
    assert account_balance(company, "1500") == Decimal("937.50")
    assert books(company) == (Decimal(-300), Decimal(300))
    again = company.client.post(path, headers=company.headers)
    assert again.status_code == 400


def test_the_inventory_summary_counts_what_shipments_set_aside_and_took_out(company):
    def summary() -> tuple:
        (row,) = company.get("/inventorysummary/VARE").json()
        assert_real(row, "inventorysummary", "InventorySummaryDto")
        members = ("onHand", "available", "availableForShipment", "soBooked", "soAllocated", "soShipped")
        return tuple(row[member] for member in members)

    order = add_order(company, 3)
    assert summary() == (10, 10, 10, 3, 0, 0)
    number = _create(company, order)
    # Set aside on the open shipment: still on hand and booked, no longer available for another shipment.
    assert summary() == (10, 10, 7, 3, 3, 0)
    assert company.post(f"/shipment/{number}/action/confirmShipment", None).status_code == 200
    # Confirmed: out of stock, shipped but not invoiced, no longer booked.
    assert summary() == (7, 7, 7, 0, 0, 3)
    prepared = company.client.post(f"/v2/salesorder/SO/{order}/action/prepareInvoice", headers=company.headers)
    assert prepared.status_code == 200, prepared.text
    assert summary() == (7, 7, 7, 0, 0, 0)
