"""Suppliers' purchase order balances (`/supplier/POBalance`, `/supplier/{supplierCd}/POBalance`) through the
app on both databases, against the real Supplier document's `SupplierPOBalanceDto`: orders on hold, open and
closed, each state's order and line totals."""

from __future__ import annotations

from tests.factories import new_number
from tests.party_factories import assert_real
from tests.sales_factories import add_trading_company, order_body


def test_po_balance_totals_orders_on_hold_open_and_closed(tenant):
    add_trading_company(tenant)
    new_number(tenant.post("/purchaseorder", order_body()))  # open: lines 560, total 610
    new_number(tenant.post("/purchaseorder", {**order_body(), "hold": {"value": True}}))
    closed = new_number(tenant.post("/purchaseorder", order_body()))
    lines = [{"operation": "Update", "lineNumber": {"value": n}, "completed": {"value": True}} for n in (1, 2)]
    assert tenant.put(f"/purchaseorder/{closed}", {"lines": lines}).status_code == 204
    response = tenant.get("/supplier/50000/POBalance")
    assert response.status_code == 200, response.text
    body = response.json()
    assert_real(body, "supplier", "SupplierPOBalanceDto")
    assert body["supplier"]["number"] == "50000"
    assert (body["totalOpenPOOrderTotal"], body["totalOpenPOLineTotal"]) == (610, 560)
    assert (body["totalPOOnHoldOrderTotal"], body["totalPOOnHoldLineTotal"]) == (610, 560)
    assert (body["totalClosedPOOrderTotal"], body["totalClosedPOLineTotal"]) == (610, 560)
    listed = tenant.get("/supplier/POBalance")
    assert listed.status_code == 200, listed.text
    for element in listed.json():
        assert_real(element, "supplier", "SupplierPOBalanceDto")
    assert body in listed.json()


def test_po_balance_of_a_supplier_without_orders_is_zero_and_an_unknown_one_404(tenant):
    add_trading_company(tenant)
    listed = tenant.get("/supplier/POBalance").json()
    assert all(e["totalOpenPOOrderTotal"] == 0 for e in listed)
    after = tenant.get("/supplier/POBalance", params={"greaterThanValue": "50000"}).json()
    assert all(e["supplier"]["number"] > "50000" for e in after)
    missing = tenant.get("/supplier/NOPE/POBalance")
    assert missing.status_code == 404
    assert missing.json()["message"].endswith("Supplier 'NOPE' not found.")
    bad = tenant.get("/supplier/POBalance", params={"lastModifiedDateTime": "2020-01-01"})
    assert bad.status_code == 400
