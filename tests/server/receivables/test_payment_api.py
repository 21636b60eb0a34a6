"""`/v1/payment`, the deprecated alias of customer payments ("Payment is deprecated, please use CustomerPayment
instead"), and the void of a customer payment at both endpoints: a payment made at one is read at the other;
void reverses the payment's batch, gives the documents their balances back and keeps the customer ledger
reconciled; a refused void writes nothing."""

from __future__ import annotations

from sqlalchemy import select

from nettfin.server import docs
from nettfin.server.app import LEGACY_PREFIX
from nettfin.server.ledger.journal import JournalBatch
from nettfin.server.ledger.posting import ledger_invariants
from nettfin.server.receivables.balances import reconciliation
from tests.factories import new_number
from tests.party_factories import assert_real, openapi
from tests.sales_factories import add_trading_company, invoice_body, payment_body


def released_invoice(tenant) -> str:
    number = new_number(tenant.post("/customerinvoice", invoice_body()))
    assert tenant.post(f"/customerinvoice/{number}/action/release").status_code == 200
    return number


def assert_reconciles(tenant) -> None:
    with tenant.database.reading() as session:
        ledger, control = reconciliation(session, tenant.company_id)
        assert ledger == control
        assert ledger_invariants(session, tenant.company_id) == []


def batches(tenant) -> list[JournalBatch]:
    with tenant.database.reading() as session:
        found = session.scalars(
            select(JournalBatch).where(JournalBatch.company_id == tenant.company_id).order_by(JournalBatch.id)
        ).all()
        return [(b.batch_number, b.original_batch_number, b.module) for b in found]


def state(tenant) -> tuple:
    return tenant.get("/payment").json(), tenant.get("/customerinvoice").json(), batches(tenant)


def test_a_payment_made_at_the_alias_is_a_customer_payment_and_releases_there(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    response = tenant.post("/payment", payment_body(amount="847.88", lines=[("Invoice", invoice, "847.88")]))
    assert response.status_code == 201, response.text
    number = new_number(response)
    assert response.headers["Location"].endswith(f"/v1/payment/{number}")
    alias = tenant.get(f"/payment/{number}")
    assert alias.status_code == 200
    assert alias.json() == tenant.get(f"/customerPayment/{number}").json()
    assert_real(alias.json(), "payment", "PaymentDto")
    listed = tenant.get("/payment").json()
    assert [p["refNbr"] for p in listed] == [number]
    assert_real(listed[0]["metadata"], "payment", "MetadataDto")
    assert tenant.put(f"/payment/{number}", {"paymentRef": {"value": "KID 42"}}).status_code == 204
    assert tenant.get(f"/customerPayment/{number}").json()["paymentRef"] == "KID 42"
    released = tenant.post(f"/payment/{number}/action/release", {"type": {"value": "Payment"}})
    assert released.status_code == 200, released.text
    assert released.json()["actionResult"] == "Done"
    assert tenant.get(f"/customerinvoice/{invoice}").json()["status"] == "Closed"
    assert_reconciles(tenant)


def test_void_reverses_the_payment_and_reopens_what_it_paid(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    number = new_number(
        tenant.post("/customerPayment", payment_body(amount="1000", lines=[("Invoice", invoice, "847.88")]))
    )
    assert tenant.post(f"/customerPayment/{number}/action/release", {"type": {"value": "Payment"}}).status_code == 200
    assert tenant.get("/customer/10000/balance").json()["balance"] == -152.12
    posted = batches(tenant)[-1][0]
    response = tenant.post(f"/payment/{number}/action/void", {"type": "Payment", "returnVoidPayment": False})
    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == f'"{tenant.get(f"/payment/{number}").json()["timeStamp"]}"'
    payment = tenant.get(f"/customerPayment/{number}").json()
    assert (payment["status"], payment["availableBalance"]) == ("Voided", 0)
    document = tenant.get(f"/customerinvoice/{invoice}").json()
    assert (document["status"], document["balance"]) == ("Open", 847.88)
    assert batches(tenant)[-1][1:] == (posted, "AR")
    assert tenant.get("/customer/10000/balance").json()["balance"] == 847.88
    assert_reconciles(tenant)
    before = state(tenant)
    refused = tenant.post(f"/customerPayment/{number}/action/void")
    assert refused.status_code == 400
    assert "is already voided" in refused.json()["message"]
    assert state(tenant) == before


def test_void_refuses_an_unreleased_payment_a_wrong_type_and_a_stale_etag(tenant):
    add_trading_company(tenant)
    invoice = released_invoice(tenant)
    number = new_number(tenant.post("/payment", payment_body(amount="100", lines=[("Invoice", invoice, "100")])))
    before = state(tenant)
    refused = tenant.post(f"/payment/{number}/action/void")
    assert refused.status_code == 400
    assert "is not released: there is nothing to void" in refused.json()["message"]
    assert tenant.post(f"/payment/{number}/action/release").status_code == 200
    before = state(tenant)
    assert tenant.post(f"/payment/{number}/action/void", {"type": "Prepayment"}).status_code == 404
    stale = {"If-Match": '"AAAAAAAAJxA="'}
    assert tenant.post(f"/payment/{number}/action/void", headers=stale).status_code == 412
    assert tenant.post(f"/payment/{number}/action/void", {"type": "Nonsense"}).status_code in (400, 422)
    assert state(tenant) == before


def test_the_alias_is_documented_as_deprecated_with_the_real_operation_ids(client):
    served = client.get(docs.OPENAPI_URL).json()["paths"]
    real = openapi("payment")["paths"]
    for path, operations in real.items():
        ours = f"{LEGACY_PREFIX}{path}"
        for method, operation in operations.items():
            assert served[ours][method]["deprecated"] is True
            assert served[ours][method]["operationId"] == operation["operationId"]
