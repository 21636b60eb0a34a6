"""Cash sales (`/v1/cashsale`, `/v1/customer/{customerNumber}/cashSale`): entered with `cashSaleLines`, priced and
taxed as invoices, released as they are created unless on hold, posted to the cash account against revenue and
VAT, and leaving the customer's balance (and the customer ledger control account) where it was."""

from __future__ import annotations

from nettfin.server.receivables.balances import reconciliation
from tests.factories import new_number
from tests.party_factories import assert_real
from tests.sales_factories import add_trading_company, invoice_body
from tests.server.receivables.test_customer_note_api import posted

CASH = "cashsale"


def cash_sale_body(**extra) -> dict:
    body = invoice_body(**extra)
    body["cashSaleLines"] = body.pop("invoiceLines")
    return body


def ar_reconciles(tenant) -> float:
    """The customer ledger's open items equal the AR control account's balance; returns it."""
    with tenant.database.reading() as session:
        items, ledger = reconciliation(session, tenant.company_id)
    assert items == ledger
    return float(ledger)


def test_a_cash_sale_is_released_as_it_is_created_and_posts_cash_not_receivables(tenant):
    add_trading_company(tenant)
    response = tenant.post("/cashsale", cash_sale_body(cashAccount={"value": "1920"}))
    assert response.status_code == 201, response.text
    assert "/cashsale/" in response.headers["Location"] and response.headers["ETag"]
    number = new_number(response)
    sale = tenant.get(f"/cashsale/{number}").json()
    assert (sale["documentType"], sale["status"], sale["amount"], sale["vatTotal"], sale["balance"]) == (
        "CashSale",
        "Closed",
        847.88,
        148.88,
        0.0,
    )
    assert sale["cashAccount"] == "1920"
    assert [line["inventoryNumber"] for line in sale["cashSaleLines"]] == ["VARE", "BOK"]
    assert "invoiceLines" not in sale and "documentDueDate" not in sale
    assert_real(sale, CASH, "CashSaleDto")
    (batch,) = posted(tenant)
    assert ("1920", 847.88, 0.0) in batch and ("3000", 0.0, 699.0) in batch
    assert not [line for line in batch if line[0] == "1500"]
    assert tenant.get("/customer/10000/balance").json()["balance"] == 0.0
    assert ar_reconciles(tenant) == 0.0
    listed = tenant.get("/cashsale").json()
    assert [x["referenceNumber"] for x in listed] == [number]
    assert_real(listed[0], CASH, "CashSaleDto")
    assert [x["referenceNumber"] for x in tenant.get("/customer/10000/cashSale").json()] == [number]
    assert tenant.get("/customer/20000/cashSale").json() == []
    assert tenant.get("/customer/99999/cashSale").status_code == 404


def test_a_cash_sale_without_a_cash_account_takes_the_companys_first_and_counts_as_sales(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/cashsale", cash_sale_body()))
    assert tenant.get(f"/cashsale/{number}").json()["cashAccount"] == "1920"
    balance = tenant.get("/customer/10000/balance").json()
    assert balance["balance"] == 0.0
    # An invoice beside it: only the invoice is owed.
    invoice = new_number(tenant.post("/customerinvoice", invoice_body()))
    tenant.post(f"/customerinvoice/{invoice}/action/release")
    assert tenant.get("/customer/10000/balance").json()["balance"] == 847.88
    assert ar_reconciles(tenant) == 847.88


def test_a_held_cash_sale_is_changed_and_released_when_taken_off_hold(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/cashsale", cash_sale_body(hold={"value": True})))
    held = tenant.get(f"/cashsale/{number}").json()
    assert (held["status"], held["balance"]) == ("Hold", 847.88)
    assert posted(tenant) == []
    change = {"cashSaleLines": [{"operation": "Delete", "lineNumber": {"value": 2}}]}
    assert tenant.put(f"/cashsale/{number}", change).status_code == 204
    assert posted(tenant) == []
    response = tenant.put(f"/cashsale/{number}", {"hold": {"value": False}})
    assert response.status_code == 204, response.text
    sale = tenant.get(f"/cashsale/{number}").json()
    assert (sale["status"], sale["amount"], sale["balance"]) == ("Closed", 625.0, 0.0)
    (batch,) = posted(tenant)
    assert ("1920", 625.0, 0.0) in batch
    refused = tenant.put(f"/cashsale/{number}", {"invoiceText": {"value": "x"}})
    assert refused.status_code == 400 and "is released and cannot be changed" in refused.text
    assert ar_reconciles(tenant) == 0.0


def test_a_cash_sale_refuses_an_account_that_is_not_cash_and_writes_nothing(tenant):
    add_trading_company(tenant)
    response = tenant.post("/cashsale", cash_sale_body(cashAccount={"value": "3000"}))
    assert response.status_code == 400
    assert "'3000' is not a cash account" in response.json()["message"]
    response = tenant.post("/cashsale", cash_sale_body(cashAccount={"value": "9999"}))
    assert response.status_code == 400 and "9999" in response.json()["message"]
    assert tenant.get("/cashsale").json() == []
    assert posted(tenant) == []


def test_cash_sale_endpoints_find_only_cash_sales(tenant):
    add_trading_company(tenant)
    invoice = new_number(tenant.post("/customerinvoice", invoice_body()))
    assert tenant.get(f"/cashsale/{invoice}").status_code == 404
    assert tenant.put(f"/cashsale/{invoice}", {"hold": {"value": True}}).status_code == 404
    sale = new_number(tenant.post("/cashsale", cash_sale_body()))
    response = tenant.client.get(f"/v1/cashsale/{sale}", headers=tenant.headers)
    assert response.status_code == 200 and response.json()["referenceNumber"] == sale
