"""Supplier payments (AP302000) and supplier balances through the API on both databases: payment lines apply
amounts to open documents; release reduces their balances, closes the ones paid in full and posts (supplier
ledger account debited, cash credited); `/supplier/balance` reports what is owed and reconciles with the
supplier ledger account."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nettfin.server.payables import document_schemas as ap
from tests.factories import new_number
from tests.party_factories import assert_real, openapi, query_names, real_enum, write_kind_mismatches
from tests.supplier_ledger_factories import (
    account_balance,
    assert_sound_books,
    batch_count,
    books,
    invoice_body,
    invoice_line,
    payment_body,
    released_invoice,
    wrap,
)

DOCUMENT = "supplierpayment"


@pytest.fixture
def company(tenant):
    return books(tenant)


def messages(response) -> str:
    assert response.status_code == 400, response.text
    return response.json()["message"]


def release(tenant, number: str, body: dict | None = None):
    return tenant.post(f"/supplierPayment/{number}/action/release", body)


def owed(tenant, supplier: str = "50000") -> float:
    return tenant.get(f"/supplier/{supplier}/balance").json()["balance"]


def test_a_full_payment_closes_the_invoice_and_posts_the_supplier_account_against_cash(company):
    invoice = released_invoice(company)
    response = company.post("/supplierPayment", payment_body(invoice))
    payment = new_number(response)
    assert response.headers["Location"] == f"http://testserver/API/controller/api/v1/supplierPayment/{payment}"
    before = company.get(f"/supplierPayment/{payment}").json()
    assert (before["status"], before["paymentAmount"], before["appliedAmount"], before["released"]) == (
        "Balanced",
        125,
        125,
        False,
    )
    assert before["paymentLines"][0]["amountPaid"] == 125 and before["paymentLines"][0]["balance"] == 125
    response = release(company, payment, {"type": {"value": "Payment"}})
    assert response.status_code == 200 and response.json()["actionResult"] == "Done"
    after = company.get(f"/supplierPayment/{payment}").json()
    assert (after["status"], after["released"], after["balance"], after["unappliedBalance"]) == ("Closed", True, 0, 0)
    assert after["paymentLines"][0]["batchNumber"] == "000002"
    assert company.get(f"/supplierInvoice/{invoice}").json()[("status")] == "Closed"
    assert owed(company) == 0 and account_balance(company, "2400") == 0
    assert account_balance(company, "1920") == Decimal("-125")
    assert_sound_books(company)


def test_a_partial_payment_leaves_the_invoice_open_and_the_rest_of_the_payment_unapplied(company):
    invoice = released_invoice(company, invoice_body(invoice_line("test*test", "8", "100.00")))
    body = payment_body(invoice, paymentAmount={"value": 500})
    body["paymentLines"][0]["amountPaid"] = {"value": 300}
    payment = new_number(company.post("/supplierPayment", body))
    assert company.get(f"/supplierPayment/{payment}").json()["unappliedBalance"] == 200
    assert release(company, payment).status_code == 200
    document = company.get(f"/supplierInvoice/{invoice}").json()
    assert (document["status"], document["balance"]) == ("Open", 700)
    paid = company.get(f"/supplierPayment/{payment}").json()
    assert (paid["status"], paid["balance"], paid["unappliedBalance"], paid["appliedAmount"]) == ("Open", 200, 200, 300)
    # Owed: 700 on the invoice, less the 200 the payment left unapplied.
    assert owed(company) == 500 and account_balance(company, "2400") == Decimal("-500")
    assert_sound_books(company)


def test_a_debit_adjustment_applied_reduces_what_the_payment_pays(company):
    invoice = released_invoice(company, invoice_body(invoice_line("test*test", "2", "100.00")))
    debit = released_invoice(company, invoice_body(**wrap(documentType="DebitAdj")), kind="DebitAdj")
    payment = new_number(company.post("/supplierPayment", payment_body(invoice, ("DebitAdj", debit))))
    assert company.get(f"/supplierPayment/{payment}").json()["paymentAmount"] == 125
    assert release(company, payment).status_code == 200
    statuses = {
        company.get(f"/supplierInvoice/{kind}/{n}").json()["status"]
        for kind, n in (("Invoice", invoice), ("DebitAdj", debit))
    }
    assert statuses == {"Closed"} and owed(company) == 0
    assert_sound_books(company)


def test_payment_lines_are_checked_against_the_documents_and_every_problem_is_listed(company):
    invoice = released_invoice(company)
    unreleased = new_number(company.post("/supplierInvoice", invoice_body()))
    other = released_invoice(company, invoice_body(supplier="50001"))
    body = payment_body(invoice, unreleased, other, "NOPE")
    body["paymentLines"][0]["amountPaid"] = {"value": 900}
    body["paymentLines"][0]["cashDiscountTaken"] = {"value": 1}
    message = messages(company.post("/supplierPayment", body))
    assert message.split(". ", 1)[1].startswith(
        "Error inserting the supplier payment. Error: Inserting 'Payment' record"
    )
    # Each problem is placed in the body, as every collection's are (the keyed-line engine's rule).
    for problem in (
        f"paymentLines[0]: Invoice '{invoice}': cash discounts are not supported; 'cashDiscountTaken' must be 0.",
        f"paymentLines[0]: Invoice '{invoice}': 'Amount paid' 900.00 exceeds its balance 125.00.",
        f"paymentLines[1]: Invoice '{unreleased}' is not open (its status is Balanced): only open documents can be "
        "paid.",
        f"paymentLines[2]: Invoice '{other}' is a document of supplier 50001, not of 50000.",
        "paymentLines[3]: Invoice 'NOPE' cannot be found in the system.",
    ):
        assert f"Error: {problem}\r\n" in message, problem
    short = payment_body(invoice, paymentAmount={"value": 100})
    assert "'Payment amount' 100.00 is less than the amount applied, 125.00." in messages(
        company.post("/supplierPayment", short)
    )
    assert company.get("/supplierPayment").json() == []


def test_a_second_payment_cannot_release_more_than_the_balance_the_first_left(company):
    invoice = released_invoice(company)
    first = new_number(company.post("/supplierPayment", payment_body(invoice)))
    second = new_number(company.post("/supplierPayment", payment_body(invoice)))
    assert release(company, first).status_code == 200
    message = messages(release(company, second))
    assert f"Invoice '{invoice}' has 0.00 left to pay: it cannot take 125.00." in message
    assert company.get(f"/supplierPayment/{second}").json()["status"] == "Balanced"
    assert batch_count(company) == 2
    assert_sound_books(company)


def test_a_released_payment_refuses_updates_with_the_services_words(company):
    payment = new_number(company.post("/supplierPayment", payment_body(paymentAmount={"value": 100})))
    assert release(company, payment).status_code == 200
    response = company.put(f"/supplierPayment/{payment}", {"paymentRef": {"value": "x"}})
    assert messages(response).endswith("Payment can't be updated because it is already released.")
    assert f"Payment '{payment}' is already released." in messages(release(company, payment))
    # An unapplied payment is what the supplier owes the company back.
    assert owed(company) == -100 and account_balance(company, "2400") == 100
    assert_sound_books(company)


def test_hold_blocks_release_and_a_payment_without_an_amount_pays_nothing(company):
    held = new_number(company.post("/supplierPayment", payment_body(paymentAmount={"value": 10}, hold={"value": True})))
    assert company.get(f"/supplierPayment/{held}").json()["status"] == "Hold"
    assert "is on hold and cannot be released" in messages(release(company, held))
    empty = new_number(company.post("/supplierPayment", payment_body()))
    assert "pays nothing" in messages(release(company, empty))
    assert batch_count(company) == 0


def test_put_changes_the_lines_of_an_unreleased_payment(company):
    first, second = released_invoice(company), released_invoice(company)
    payment = new_number(company.post("/supplierPayment", payment_body(first, paymentAmount={"value": 250})))
    body = {
        "paymentLines": [
            {"operation": "Update", **wrap(documentType="Invoice", refNbr=first, amountPaid=25)},
            {"operation": "Insert", **wrap(refNbr=second)},
        ]
    }
    assert company.put(f"/supplierPayment/{payment}", body).status_code == 204
    lines = company.get(f"/supplierPayment/{payment}").json()["paymentLines"]
    assert [(x["invoiceRefNbr"], x["amountPaid"]) for x in lines] == [(first, 25), (second, 125)]
    removal = {
        "paymentLines": [{"operation": "Delete", **wrap(refNbr=first)}, {"operation": "Delete", **wrap(refNbr="NOPE")}]
    }
    assert "Invoice 'NOPE' is not on the payment." in messages(company.put(f"/supplierPayment/{payment}", removal))
    assert company.put(f"/supplierPayment/{payment}", {"paymentLines": removal["paymentLines"][:1]}).status_code == 204
    assert [x["invoiceRefNbr"] for x in company.get(f"/supplierPayment/{payment}").json()["paymentLines"]] == [second]


def test_the_cash_account_supplier_type_and_period_are_checked(company):
    body = payment_body(cashAccount={"value": "6800"}, type={"value": "Refund"}, applicationPeriod={"value": "012031"})
    message = messages(company.post("/supplierPayment", body))
    assert "'Cash account': Account '6800' is not a cash account." in message
    assert "'Type' Refund is not supported: nettfin enters supplier payments of type Payment." in message
    assert "'Application period': Financial period '203101' does not exist." in message
    unknown = messages(company.post("/supplierPayment", payment_body(supplier="99999")))
    assert "Supplier '99999' cannot be found in the system." in unknown


def test_a_payment_is_read_by_number_or_by_type_and_number(company):
    payment = new_number(company.post("/supplierPayment", payment_body(paymentAmount={"value": 10})))
    assert company.get(f"/supplierPayment/Payment/{payment}").json()["refNbr"] == payment
    assert company.get(f"/supplierPayment/Refund/{payment}").status_code == 404
    assert company.get("/supplierPayment/NOPE").status_code == 404
    assert release(company, payment, {"type": {"value": "Prepayment"}}).status_code == 404


def test_payment_list_filters_including_the_articles_supplier_query(company):
    invoice = released_invoice(company)
    first = new_number(company.post("/supplierPayment", payment_body(invoice)))
    second = new_number(
        company.post("/supplierPayment", payment_body(supplier="50001", paymentAmount={"value": 5}, date="2019-12-20"))
    )
    assert release(company, second).status_code == 200

    def numbers(**params) -> list[str]:
        response = company.get("/supplierPayment", params=params)
        assert response.status_code == 200, response.text
        return [p["refNbr"] for p in response.json()]

    assert numbers(supplier="50000") == numbers(Supplier="50000") == [first]
    assert numbers(status="Open") == [second] and numbers(status="Closed") == []
    assert numbers(paymentType="Payment") == [first, second] and numbers(paymentType="Refund") == []
    assert numbers(invoiceRefNbr=invoice) == [first]
    assert numbers(financialPeriod="201912") == [first, second]
    assert numbers(docDate="2019-12-10", docDateCondition=">") == [second]
    assert numbers(balance=0, balanceCondition=">") == [second]
    assert numbers(greaterThanValue=first) == [second]
    assert numbers(lastModifiedDateTime="2000-01-01", lastModifiedDateTimeCondition=">") == [first, second]
    assert company.get("/supplierPayment").json()[0]["metadata"] == {"totalCount": 2, "maxPageSize": 500}


def test_supplier_balances_report_what_is_owed_and_reconcile_with_the_supplier_ledger_account(company):
    released_invoice(company)
    released_invoice(company, invoice_body(supplier="50001", date="2019-12-02"))
    company.post("/supplierInvoice", invoice_body(supplier="50001"))
    listed = {b["supplier"]["number"]: b for b in company.get("/supplier/balance").json()}
    assert (listed["50000"]["balance"], listed["50001"]["balance"], listed["50030"]["balance"]) == (125, 125, 0)
    assert listed["50001"]["unreleasedPurchasesNotInApproval"] == {"withoutVat": 100, "withVat": 125}
    assert listed["50001"]["totalSentForApproval"] == {"withoutVat": 0, "withVat": 0}
    assert sum(Decimal(str(b["balance"])) for b in listed.values()) == -account_balance(company, "2400")
    assert all("metadata" not in b for b in listed.values())
    assert_sound_books(company)


def test_another_companys_payments_and_balances_are_invisible(company, other_tenant):
    payment = new_number(company.post("/supplierPayment", payment_body(paymentAmount={"value": 10})))
    assert other_tenant.get(f"/supplierPayment/{payment}").status_code == 404
    assert other_tenant.get("/supplierPayment").json() == []
    assert release(other_tenant, payment).status_code == 404
    assert other_tenant.put(f"/supplierPayment/{payment}", {"paymentRef": {"value": "x"}}).status_code == 404
    assert other_tenant.get("/supplier/balance").json() == []
    assert company.get(f"/supplierPayment/{payment}").json()["status"] == "Balanced"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/supplierPayment"),
        ("GET", "/supplierPayment/000001"),
        ("GET", "/supplierPayment/Payment/000001"),
        ("POST", "/supplierPayment"),
        ("PUT", "/supplierPayment/000001"),
        ("POST", "/supplierPayment/000001/action/release"),
    ],
)
def test_every_route_needs_a_token_and_a_company_the_user_may_use(tenant, other_tenant, method, path):
    url, body = tenant.url(path), {"paymentRef": {"value": "x"}}
    no_token = tenant.client.request(method, url, json=body, headers={"ipp-company-id": str(tenant.company_id)})
    assert no_token.status_code == 401
    foreign = {"Authorization": f"Bearer {tenant.token}", "ipp-company-id": str(other_tenant.company_id)}
    assert tenant.client.request(method, url, json=body, headers=foreign).json()["ExceptionFaultCode"] == "12002"


# --- the real documents -------------------------------------------------------------------------------------


def test_payments_before_and_after_release_are_valid_real_supplier_payment_dtos(company):
    invoice = released_invoice(company)
    payment = new_number(
        company.post(
            "/supplierPayment",
            payment_body(
                invoice, paymentAmount={"value": 200}, description={"value": "Bank"}, paymentRef={"value": "R1"}
            ),
        )
    )
    assert_real(company.get(f"/supplierPayment/{payment}").json(), DOCUMENT, "SupplierPaymentDto")
    assert release(company, payment).status_code == 200
    for element in company.get("/supplierPayment").json():
        assert_real(element, DOCUMENT, "SupplierPaymentDto")


def test_balances_are_valid_real_supplier_balance_dtos(company):
    released_invoice(company)
    assert_real(company.get("/supplier/50000/balance").json(), "supplier", "SupplierBalanceDto")
    for element in company.get("/supplier/balance").json()[:3]:
        assert_real(element, "supplier", "SupplierBalanceDto")


def test_the_write_models_have_the_real_members_wrapped_as_the_real_ones():
    assert write_kind_mismatches(ap.SupplierPaymentUpdateDto, DOCUMENT, "SupplierPaymentUpdateDto") == {}
    assert (
        write_kind_mismatches(ap.SupplierPaymentAdjustmentUpdateDto, DOCUMENT, "SupplierPaymentAdjustmentUpdateDto")
        == {}
    )
    assert write_kind_mismatches(ap.ReleaseSupplierPaymentActionDto, DOCUMENT, "ReleaseSupplierPaymentActionDto") == {}


@pytest.mark.parametrize(("enum", "member"), [(ap.SupplierPaymentTypes, "type"), (ap.SupplierPaymentStatus, "status")])
def test_the_enums_are_the_real_ones(enum, member):
    assert {m.value for m in enum} == real_enum(DOCUMENT, "SupplierPaymentDto", member)


def test_the_list_declares_the_real_query_parameters(client):
    ours = query_names(client, "/supplierPayment")
    real = {p["name"] for p in openapi(DOCUMENT)["paths"]["/v1/supplierPayment"]["get"]["parameters"]}
    assert ours == real - {"erp-api-background"} | {"numberToRead", "skipRecords", "orderBy"}
