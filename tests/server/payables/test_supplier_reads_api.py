"""The supplier's read-only endpoints over the supplier ledger, through the app on both databases and against the
real documents: every supplier document (`/supplierdocument`, `/supplier/{number}/document`), a supplier's
contacts, balances by period (`/v2/supplier/balance`), expense accounts (`/supplieraccount/{id}`) and the inbox
rules export."""

from __future__ import annotations

import pytest

from tests.factories import new_number
from tests.party_factories import assert_real
from tests.supplier_ledger_factories import (
    LEGACY_V2,
    books,
    invoice_body,
    invoice_line,
    payment_body,
    released_invoice,
)


@pytest.fixture
def company(tenant):
    return books(tenant)


def released_payment(tenant, *invoices: str, date: str = "2019-12-01") -> str:
    number = new_number(tenant.post("/supplierPayment", payment_body(*invoices, date=date)))
    response = tenant.post(f"/supplierPayment/{number}/action/release")
    assert response.status_code == 200, response.text
    return number


# --- every supplier document --------------------------------------------------------------------------------


def test_supplier_documents_list_invoices_and_payments_together(company):
    paid = released_invoice(company)
    open_invoice = released_invoice(company, invoice_body(invoice_line(unit_cost="40.00")))
    payment = released_payment(company, paid)
    response = company.get("/supplierdocument")
    assert response.status_code == 200, response.text
    body = response.json()
    for element in body:
        assert_real(element, "supplierdocument", "SupplierDocumentDto")
        assert element["metadata"]["totalCount"] == len(body)
    kinds = {(e["documentType"], e["referenceNumber"]) for e in body}
    assert {("Invoice", paid), ("Invoice", open_invoice), ("Check", payment)} <= kinds
    invoice = next(e for e in body if e["referenceNumber"] == open_invoice and e["documentType"] == "Invoice")
    assert (invoice["status"], invoice["balance"], invoice["amount"]) == ("Open", 50, 50)
    assert invoice["account"]["number"] == "2400"
    check = next(e for e in body if e["documentType"] == "Check")
    assert (check["amount"], check["status"]) == (125, "Closed")


def test_supplier_documents_filter_by_type_and_the_supplier_route_scopes(company):
    invoice = released_invoice(company)
    payment = released_payment(company, invoice)
    payments = company.get("/supplierdocument", params={"documentType": "Payment"}).json()
    assert [(e["documentType"], e["referenceNumber"]) for e in payments] == [("Check", payment)]
    invoices = company.get("/supplierdocument", params={"documentType": "Invoice", "released": 1}).json()
    assert [e["referenceNumber"] for e in invoices] == [invoice]
    assert company.get("/supplierdocument", params={"documentType": "Refund"}).json() == []
    scoped = company.get("/supplier/50000/document")
    assert scoped.status_code == 200, scoped.text
    for element in scoped.json():
        assert_real(element, "supplier", "SupplierDocumentDto")
    assert len(scoped.json()) == 2
    assert company.get("/supplier/50001/document").json() == []
    missing = company.get("/supplier/NOPE/document")
    assert missing.status_code == 404


def test_supplier_documents_pages_over_both_tables(company):
    invoices = [released_invoice(company) for _ in range(3)]
    released_payment(company, *invoices)
    first = company.get("/supplierdocument", params={"pageSize": 3, "pageNumber": 1}).json()
    second = company.get("/supplierdocument", params={"pageSize": 3, "pageNumber": 2}).json()
    assert (len(first), len(second)) == (3, 1)
    assert first[0]["metadata"] == {"totalCount": 4, "maxPageSize": 500}
    assert len({(e["documentType"], e["referenceNumber"]) for e in first + second}) == 4


def test_supplier_documents_bad_filters_are_400(company):
    response = company.get("/supplierdocument", params={"released": 2})
    assert response.status_code == 400
    assert "'released'" in response.json()["message"]
    response = company.get("/supplierdocument", params={"dueDate": "2019-01-01"})
    assert response.status_code == 400


# --- contacts -----------------------------------------------------------------------------------------------


def test_a_suppliers_contacts_read_as_the_real_contact_dto(company):
    response = company.get("/supplier/50000/contact")
    assert response.status_code == 200, response.text
    body = response.json()
    for element in body:
        assert_real(element, "supplier", "ContactDto")
    assert [(c["displayName"], c["contactId"]) for c in body] == [("Kari Nordmann", 1), ("Ola Hansen", 2)]
    assert body[0]["businessAccount"] == "50000" and body[0]["address"]["country"]["id"] == "NO"
    only = company.get("/supplier/50000/contact", params={"lastName": "hansen", "active": "true"}).json()
    assert [c["contactId"] for c in only] == [2]
    assert [
        c["contactId"] for c in company.get("/supplier/50000/contact", params={"greaterThanValue": "1"}).json()
    ] == [2]
    assert company.get("/supplier/50004/contact").json() == []


def test_contact_filters_and_suppliers_are_checked(company):
    assert company.get("/supplier/NOPE/contact").status_code == 404
    response = company.get("/supplier/50000/contact", params={"active": "maybe"})
    assert response.status_code == 400 and "'active'" in response.json()["message"]
    response = company.get("/supplier/50000/contact", params={"greaterThanValue": "x"})
    assert response.status_code == 400 and "'greaterThanValue'" in response.json()["message"]


# --- balances by period -------------------------------------------------------------------------------------


def v2_balance(tenant, **params):
    return tenant.client.get(f"{LEGACY_V2}/supplier/balance", params=params, headers=tenant.headers)


def test_balances_by_period_split_begin_purchases_and_payments(company):
    first = released_invoice(company)  # 125.00 in 201911
    released_invoice(company, invoice_body(invoice_line(unit_cost="40.00"), date="2019-12-05"))  # 50.00 in 201912
    released_payment(company, first, date="2019-12-10")
    response = v2_balance(company, fromFinPeriod="201912", toFinPeriod="201912")
    assert response.status_code == 200, response.text
    (row,) = response.json()
    assert_real(row, "supplierv2", "SupplierBalanceV2Dto")
    assert row["supplier"]["number"] == "50000"
    assert (row["beginBalance"], row["purchases"], row["paymentsAndPrepayments"], row["yearToDateBalance"]) == (
        125,
        50,
        125,
        50,
    )
    assert v2_balance(company, fromFinPeriod="201911", toFinPeriod="201912", supplier="50001").json() == []


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"fromFinPeriod": "2019-12", "toFinPeriod": "201912"}, "'fromFinPeriod'"),
        ({"fromFinPeriod": "201912", "toFinPeriod": "201911"}, "after"),
        ({"toFinPeriod": "201912"}, "fromFinPeriod"),
    ],
)
def test_balances_by_period_need_both_periods_in_order(company, params, problem):
    response = v2_balance(company, **params)
    assert response.status_code == 400, response.text
    assert problem in response.json()["message"]


# --- expense accounts ---------------------------------------------------------------------------------------


def test_supplier_accounts_give_the_expense_account_and_items_accounts(company):
    response = company.get("/supplieraccount/50000", params={"supplierItemId": ["NOPE"]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert_real(body, "supplieraccount", "SupplierAccountsDto")
    assert body["supplierAccount"]["accountID"] == "4300"
    assert body["supplierAccount"]["subaccount"]["subaccountNumber"] == "20-000"
    assert body["supplierItemAccounts"] == [{"supplierItemId": "NOPE"}]
    assert company.get("/supplieraccount/NOPE").status_code == 404


# --- inbox rules --------------------------------------------------------------------------------------------


def test_the_inbox_rules_export_is_an_object_without_rules(company):
    response = company.get("/supplier/inboxrules")
    assert response.status_code == 200, response.text
    assert response.json() == {"inboxRules": []}
