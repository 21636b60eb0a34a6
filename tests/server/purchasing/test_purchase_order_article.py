"""The knowledge base's Purchase Order article ("Common usage example for Endpoint (ScreenId=PO301000)"),
replayed verbatim against the demo company: its POST body returns 201 Created, its PUT body (which carries
credit-note line fields the purchase order line does not have) returns 204 No Content with those fields
ignored and named, and its GET example (`?Supplier=50000&status=open`) lists the supplier's open orders."""

from __future__ import annotations

import pytest

from tests.factories import new_number
from tests.party_factories import DEMO_API, seeded_demo

ARTICLE_POST = {
    "orderType": {"value": "RegularOrder"},
    "date": {"value": "2019-12-27T09:46:11.202Z"},
    "supplier": {"value": "50000"},
    "lines": [
        {
            "operation": "Insert",
            "inventory": {"value": "teststock"},
            "lineType": {"value": "GoodsForInventory"},
            "warehouse": {"value": "2"},
            "uom": {"value": "PALL"},
            "orderQty": {"value": 2},
            "unitCost": {"value": 2000},
        }
    ],
}
ARTICLE_PUT = {
    "lines": [
        {
            "operation": "Update",
            "lineNumber": {"value": 1},
            "inventoryNumber": {"value": "6"},
            "quantity": {"value": 1},
            "unitPriceInCurrency": {"value": 1},
        }
    ]
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with seeded_demo(tmp_path_factory.mktemp("po-article")) as client:
        yield client


def test_the_articles_post_body_returns_201_created_with_the_new_orders_location(demo):
    response = demo.post(f"{DEMO_API}/purchaseorder", json=ARTICLE_POST)
    assert response.status_code == 201, response.text
    assert response.content == b""
    number = new_number(response)
    order = demo.get(f"{DEMO_API}/purchaseorder/{number}").json()
    assert (order["orderType"], order["date"], order["supplier"]["number"]) == (
        "RegularOrder",
        "2019-12-27T00:00:00",
        "50000",
    )
    (line,) = order["lines"]
    assert (line["lineNbr"], line["inventory"]["number"], line["warehouse"]["id"], line["uom"]) == (
        1,
        "teststock",
        "2",
        "PALL",
    )
    assert (line["orderQty"], line["unitCost"], line["amount"]) == (2.0, 2000.0, 4000.0)
    # The demo's supplier 50000 is in VAT zone 01 and teststock in category 03: VAT ID 1, 25 % on purchases.
    assert [(d["taxId"], d["vatAmount"]) for d in order["taxDetails"]] == [("1", 1000.0)]
    assert order["orderTotal"] == 5000.0


def test_the_articles_put_body_returns_204_and_names_the_fields_a_po_line_does_not_have(demo):
    number = new_number(demo.post(f"{DEMO_API}/purchaseorder", json=ARTICLE_POST))
    before = demo.get(f"{DEMO_API}/purchaseorder/{number}").json()
    response = demo.put(f"{DEMO_API}/purchaseorder/{number}", json=ARTICLE_PUT)
    assert response.status_code == 204, response.text
    assert response.headers["X-Nettfin-Ignored-Fields"] == (
        "lines.inventoryNumber, lines.quantity, lines.unitPriceInCurrency"
    )
    after = demo.get(f"{DEMO_API}/purchaseorder/{number}").json()
    # What the real service does with unknown fields: nothing. The line is as it was.
    assert after["lines"] == before["lines"]


def test_the_articles_get_example_lists_the_suppliers_open_orders(demo):
    number = new_number(demo.post(f"{DEMO_API}/purchaseorder", json=ARTICLE_POST))
    held = new_number(demo.post(f"{DEMO_API}/purchaseorder", json={**ARTICLE_POST, "hold": {"value": True}}))
    other = new_number(demo.post(f"{DEMO_API}/purchaseorder", json={**ARTICLE_POST, "supplier": {"value": "50001"}}))
    response = demo.get(f"{DEMO_API}/purchaseorder?Supplier=50000&status=open")
    assert response.status_code == 200
    found = {o["orderNbr"] for o in response.json()}
    assert number in found and held not in found and other not in found
    assert all(o["supplier"]["number"] == "50000" and o["status"] == "Open" for o in response.json())


@pytest.mark.parametrize(
    ("seed_status", "enum"),
    [
        ("On hold", "Hold"),
        ("Open", "Open"),
        ("Pending approval", "Balanced"),
        ("Rejected", "Voided"),
        ("Pending printing", "PendingPrint"),
        ("Pending e-mail", "PendingEmail"),
        ("Closed", "Closed"),
        ("Cancelled", "Cancelled"),
    ],
)
def test_the_articles_statuses_map_to_the_apis_status_enum(demo, seed_status, enum):
    from nettfin.server.purchasing.service import SEED_STATUSES

    assert SEED_STATUSES[seed_status] == enum
    assert demo.get(f"{DEMO_API}/purchaseorder?orderStatus={enum}").status_code == 200


def test_the_demo_company_invoices_releases_and_takes_payment_for_its_customers(demo):
    # Customer 10002 is domestic (zone 01); item 1001 is category 03 with sales account 3000, subaccount 10-000.
    # The demo has other open documents for 10002 (an invoiced shipment, overdue charges): paying this invoice in
    # full leaves the balance where it was before it.
    balance_before = demo.get(f"{DEMO_API}/customer/10002/balance").json()["balance"]
    body = {
        "customerNumber": {"value": "10002"},
        "documentDate": {"value": "2020-02-03"},
        "invoiceLines": [{"operation": "Insert", "inventoryNumber": {"value": "1001"}, "quantity": {"value": 2}}],
    }
    number = new_number(demo.post(f"{DEMO_API}/customerinvoice", json=body))
    assert demo.post(f"{DEMO_API}/customerinvoice/{number}/action/release").status_code == 200
    invoice = demo.get(f"{DEMO_API}/customerinvoice/{number}").json()
    assert (invoice["amount"], invoice["invoiceLines"][0]["subaccount"]["subaccountNumber"]) == (6225.0, "10-000")
    payment = {
        "customer": {"value": "10002"},
        "applicationDate": {"value": "2020-02-20"},
        "paymentAmount": {"value": 6225},
        "paymentLines": [{"documentType": {"value": "Invoice"}, "refNbr": {"value": number}}],
    }
    paid = new_number(demo.post(f"{DEMO_API}/customerPayment", json=payment))
    assert (
        demo.post(f"{DEMO_API}/customerPayment/{paid}/action/release", json={"type": {"value": "Payment"}}).status_code
        == 200
    )
    assert demo.get(f"{DEMO_API}/customerinvoice/{number}").json()["status"] == "Closed"
    assert demo.get(f"{DEMO_API}/customer/10002/balance").json()["balance"] == balance_before
