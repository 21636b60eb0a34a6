"""Payments and purchase orders are listed from their kept JSON (kit/document_lists.py, `page_bodies`): the same
bytes made, kept, and as their use cases' `list` rows render; the basic purchase order kept apart from the full
one."""

from __future__ import annotations

from nettfin.server.payables import document_filters as ap_filters
from nettfin.server.payables.payment_router import SupplierPayments
from nettfin.server.purchasing import service as purchasing
from nettfin.server.purchasing.basic_router import BasicPurchaseOrders
from nettfin.server.purchasing.router import PurchaseOrders
from nettfin.server.receivables import payments as ar_payments
from nettfin.server.receivables.payment_router import CustomerPayments
from tests.factories import new_number
from tests.kept_bodies import rows_rendered
from tests.sales_factories import add_trading_company, invoice_body, order_body, payment_body
from tests.supplier_ledger_factories import books, released_invoice
from tests.supplier_ledger_factories import payment_body as supplier_payment_body


def _same_made_and_kept(tenant, path: str) -> bytes:
    made, kept = tenant.get(path), tenant.get(path)
    assert made.status_code == kept.status_code == 200, made.text
    assert made.json(), path
    assert made.content == kept.content
    return made.content


def test_customer_payments(tenant):
    add_trading_company(tenant)
    invoice = new_number(tenant.post("/customerinvoice", invoice_body()))
    assert tenant.post(f"/customerinvoice/{invoice}/action/release").status_code == 200
    tenant.post("/customerPayment", payment_body(amount="10", lines=[("Invoice", invoice, "10")]))
    page = _same_made_and_kept(tenant, "/customerPayment?pageSize=10")
    assert page == rows_rendered(tenant, CustomerPayments(), ar_payments.PaymentFilters())


def test_supplier_payments(tenant):
    company = books(tenant)
    invoice = released_invoice(company)
    assert company.post("/supplierPayment", supplier_payment_body(invoice)).status_code == 201
    page = _same_made_and_kept(company, "/supplierPayment?pageSize=10")
    assert page == rows_rendered(company, SupplierPayments(), ap_filters.PaymentFilters())


def test_full_and_basic_purchase_orders(tenant):
    add_trading_company(tenant)
    new_number(tenant.post("/purchaseorder", order_body()))
    full = _same_made_and_kept(tenant, "/purchaseorder?pageSize=10")
    assert full == rows_rendered(tenant, PurchaseOrders(), purchasing.OrderFilters())
    basic = _same_made_and_kept(tenant, "/purchaseorderbasic?pageSize=10")
    assert basic != full
    assert basic == rows_rendered(tenant, BasicPurchaseOrders(), purchasing.OrderFilters())
