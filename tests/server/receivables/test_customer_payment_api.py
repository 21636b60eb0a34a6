"""Customer payments (AR302000) and customer balances through the API: payment lines apply amounts to open
documents, release reduces their balances, closes the fully paid ones and posts (cash debit, customer ledger
control credit); `/customer/balance` and `/customer/{number}/balance` reconcile with the control account."""

from __future__ import annotations

from decimal import Decimal

from nettfin.server.ledger.posting import ledger_invariants
from nettfin.server.receivables.balances import reconciliation
from tests.factories import new_number
from tests.sales_factories import add_trading_company, invoice_body, payment_body


def released_invoice(tenant, **extra) -> str:
    number = new_number(tenant.post("/customerinvoice", invoice_body(**extra)))
    assert tenant.post(f"/customerinvoice/{number}/action/release").status_code == 200
    return number


def release(tenant, number: str, kind: str = "Payment"):
    return tenant.post(f"/customerPayment/{number}/action/release", {"type": {"value": kind}})


def assert_reconciles(tenant) -> None:
    with tenant.database.reading() as session:
        ledger, control = reconciliation(session, tenant.company_id)
        assert ledger == control
        assert ledger_invariants(session, tenant.company_id) == []


def test_a_full_payment_closes_the_invoice_and_posts_cash_against_the_control_account(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    response = tenant.post("/customerPayment", payment_body(amount="847.88", lines=[("Invoice", invoice, "847.88")]))
    payment = new_number(response)
    assert response.headers["Location"].endswith(f"/customerPayment/{payment}")
    before = tenant.get(f"/customerPayment/{payment}").json()
    assert (before["status"], before["appliedToDocuments"], before["availableBalance"]) == ("Balanced", 847.88, 0.0)
    assert before["paymentLines"][0]["balance"] == 0.0
    assert tenant.get(f"/customerinvoice/{invoice}").json()["balance"] == 847.88
    response = release(tenant, payment)
    assert response.status_code == 200, response.text
    assert tenant.get(f"/customerinvoice/{invoice}").json()[("status")] == "Closed"
    after = tenant.get(f"/customerPayment/{payment}").json()
    assert (after["status"], after["cashAccount"]) == ("Closed", "1920")
    assert tenant.get("/customer/10000/balance").json()["balance"] == 0.0
    assert_reconciles(tenant)


def test_a_partial_payment_leaves_the_invoice_open_with_its_balance(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    payment = new_number(
        tenant.post("/customerPayment", payment_body(amount="500", lines=[("Invoice", invoice, "300")]))
    )
    assert release(tenant, payment).status_code == 200
    document = tenant.get(f"/customerinvoice/{invoice}?expandApplications=true").json()
    assert (document["status"], document["balance"]) == ("Open", 547.88)
    (application,) = document["applications"]
    assert (application["refNbr"], application["amountPaid"], application["docType"]) == (payment, 300.0, "Payment")
    assert tenant.get(f"/customerPayment/{payment}").json()["availableBalance"] == 200.0
    # Owed: 547.88 on the invoice, less the 200 the payment left unapplied.
    assert tenant.get("/customer/10000/balance").json()["balance"] == 347.88
    assert_reconciles(tenant)


def test_an_invoice_and_its_credit_note_settle_each_other_in_a_zero_payment(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    note = tenant.post(f"/customerinvoice/{invoice}/action/reverse", {"returnCreditNote": True}).json()[
        "referenceNumber"
    ]
    assert tenant.post(f"/customerinvoice/{note}/action/release").status_code == 200
    assert tenant.get("/customer/10000/balance").json()["balance"] == 0.0
    lines = [("Invoice", invoice, "847.88"), ("CreditNote", note, "847.88")]
    payment = new_number(tenant.post("/customerPayment", payment_body(amount="0", lines=lines)))
    assert release(tenant, payment).status_code == 200
    statuses = {tenant.get(f"/customerinvoice/{n}").json()["status"] for n in (invoice, note)}
    assert statuses == {"Closed"}
    assert_reconciles(tenant)


def test_payment_lines_are_checked_against_the_documents(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    unreleased = new_number(tenant.post("/customerinvoice", invoice_body()))
    other = released_invoice(tenant, customerNumber={"value": "20000"})
    lines = [
        ("Invoice", invoice, "900"),
        ("Invoice", unreleased, "1"),
        ("Invoice", other, "1"),
        ("Invoice", "NOPE", "1"),
    ]
    response = tenant.post("/customerPayment", payment_body(amount="2000", lines=lines))
    assert response.status_code == 400
    message = response.json()["message"]
    for problem in (
        "paymentLines[0]: 'Amount paid' (900.00) cannot exceed the document's balance (847.88).",
        f"paymentLines[1]: Invoice {unreleased} is not open: only released documents with a balance can be paid.",
        f"paymentLines[2]: Invoice {other} belongs to customer 20000, not 10000.",
        "paymentLines[3]: Invoice 'NOPE' cannot be found in the system.",
    ):
        assert f"Error: {problem}\r\n" in message
    too_much = tenant.post("/customerPayment", payment_body(amount="100", lines=[("Invoice", invoice, "200")]))
    assert "The lines apply 200.00, more than the payment amount 100.00." in too_much.json()["message"]
    assert tenant.get("/customerPayment").json() == []


def test_a_second_payment_cannot_release_more_than_the_balance_the_first_left(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    first = new_number(tenant.post("/customerPayment", payment_body(amount="800", lines=[("Invoice", invoice, "800")])))
    second = new_number(
        tenant.post("/customerPayment", payment_body(amount="800", lines=[("Invoice", invoice, "800")]))
    )
    assert release(tenant, first).status_code == 200
    response = release(tenant, second)
    assert response.status_code == 400
    assert f"Invoice {invoice}: 'Amount paid' (800.00) exceeds its balance (47.88)." in response.json()["message"]
    assert tenant.get(f"/customerPayment/{second}").json()["status"] == "Balanced"
    assert_reconciles(tenant)


def test_a_released_payment_refuses_updates_with_the_services_words(tenant):
    add_trading_company(tenant)
    payment = new_number(tenant.post("/customerPayment", payment_body(amount="100")))
    assert release(tenant, payment).status_code == 200
    response = tenant.put(f"/customerPayment/{payment}", {"paymentRef": {"value": "x"}})
    assert response.status_code == 400
    assert "Error: Payment can't be updated because it is already released.\r\n" in response.json()["message"]
    assert release(tenant, payment).status_code == 400
    # An unapplied payment is a credit on the customer's account.
    assert tenant.get("/customer/10000/balance").json()["balance"] == -100.0
    assert_reconciles(tenant)


def test_release_names_the_payment_type_and_a_wrong_one_is_404(tenant):
    add_trading_company(tenant)
    payment = new_number(tenant.post("/customerPayment", payment_body(amount="10")))
    assert release(tenant, payment, "Prepayment").status_code == 404
    assert tenant.get(f"/customerPayment/{payment}").json()["status"] == "Balanced"


def test_put_changes_lines_of_an_unreleased_payment(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    payment = new_number(
        tenant.post("/customerPayment", payment_body(amount="847.88", lines=[("Invoice", invoice, "100")]))
    )
    body = {
        "paymentLines": [
            {
                "operation": "Update",
                "documentType": {"value": "Invoice"},
                "refNbr": {"value": invoice},
                "amountPaid": {"value": 847.88},
            }
        ]
    }
    assert tenant.put(f"/customerPayment/{payment}", body).status_code == 204
    assert tenant.get(f"/customerPayment/{payment}").json()["appliedToDocuments"] == 847.88
    delete = {
        "paymentLines": [{"operation": "Delete", "documentType": {"value": "Invoice"}, "refNbr": {"value": invoice}}]
    }
    assert tenant.put(f"/customerPayment/{payment}", delete).status_code == 204
    assert tenant.get(f"/customerPayment/{payment}").json()["paymentLines"] == []


def test_payment_list_filters(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    first = new_number(tenant.post("/customerPayment", payment_body(amount="10", lines=[("Invoice", invoice, "10")])))
    second = new_number(tenant.post("/customerPayment", payment_body(customer="20000", amount="5")))
    release(tenant, second)

    def numbers(query: str) -> list[str]:
        response = tenant.get(f"/customerPayment?{query}")
        assert response.status_code == 200, response.text
        return [p["refNbr"] for p in response.json()]

    assert numbers("customer=10000") == [first]
    assert numbers("status=Closed") == []
    assert numbers("status=Open") == [second]
    assert numbers(f"invoiceRefNbr={invoice}") == [first]
    assert numbers("financialPeriod=202003") == [first, second]
    assert tenant.get("/customerPayment").json()[0]["metadata"]["maxPageSize"] == 500


def test_customer_balances_list_every_customer_and_reconcile(tenant):
    add_trading_company(tenant)
    released_invoice(tenant)
    released_invoice(tenant, customerNumber={"value": "20000"})
    balances = {b["customer"]["number"]: b for b in tenant.get("/customer/balance").json()}
    assert balances["10000"]["balance"] == 847.88
    # Zone 02 with categories 03 and 33 gives VAT ID 52 (0 %): 699 without VAT.
    assert balances["20000"]["balance"] == 699.0
    assert balances["10000"]["totalOrder"] == 0.0 and "metadata" not in balances["10000"]
    with tenant.database.reading() as session:
        ledger, control = reconciliation(session, tenant.company_id)
    assert ledger == control == Decimal("1546.88")
    assert [b["customer"]["number"] for b in tenant.get("/customer/balance?greaterThanValue=10000").json()] == ["20000"]
    assert tenant.get("/customer/NOPE/balance").status_code == 404


def test_another_companys_payments_and_balances_are_invisible(tenant, other_tenant):
    add_trading_company(tenant)
    add_trading_company(other_tenant)
    payment = new_number(tenant.post("/customerPayment", payment_body(amount="10")))
    assert other_tenant.get(f"/customerPayment/{payment}").status_code == 404
    assert other_tenant.get("/customerPayment").json() == []
    assert release(other_tenant, payment).status_code == 404
    released_invoice(tenant)
    assert other_tenant.get("/customer/10000/balance").json()["balance"] == 0.0


def test_a_stale_if_match_stops_a_release_or_reversal_and_changes_nothing(tenant):
    """The real document lets these three actions be conditional: a stale ETag is 412, a fresh one works."""
    add_trading_company(tenant)
    invoice = new_number(tenant.post("/customerinvoice", invoice_body()))
    stale = {"If-Match": '"AAAAAAAAJxA="'}  # version 10000: not the invoice's or the payment's
    assert tenant.post(f"/customerinvoice/{invoice}/action/release", headers=stale).status_code == 412
    assert tenant.get(f"/customerinvoice/{invoice}").json()["status"] != "Open"
    fresh = {"If-Match": tenant.get(f"/customerinvoice/{invoice}").headers["ETag"]}
    assert tenant.post(f"/customerinvoice/{invoice}/action/release", headers=fresh).status_code == 200
    assert tenant.get(f"/customerinvoice/{invoice}").json()["status"] == "Open"

    payment = new_number(
        tenant.post("/customerPayment", payment_body(amount="100", lines=[("Invoice", invoice, "100")]))
    )
    refused = tenant.post(f"/customerPayment/{payment}/action/release", {"type": {"value": "Payment"}}, headers=stale)
    assert refused.status_code == 412
    assert tenant.get(f"/customerPayment/{payment}").json()["status"] != "Closed"
    assert tenant.post(f"/customerinvoice/{invoice}/action/reverse", headers=stale).status_code == 412
    listed = tenant.get("/customerinvoice", params={"documentType": "CreditNote"}).json()
    assert listed == []
    assert_reconciles(tenant)
