"""Customer payment methods (AR303010, `/v1/customerpaymentmethod`) and direct debit mandates
(`/customer/{cd}/directdebit`): through the app on both databases, validated against the real documents."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import func, select

from nettfin.server.crm.direct_debits import add_mandate
from nettfin.server.crm.models import CustomerPaymentMethod
from nettfin.server.ledger.models import Account
from nettfin.server.receivables.models import Customer
from nettfin.server.terms.models import PaymentMethod
from tests.party_factories import assert_real

from .conftest import wrapped


def _set_up(tenant) -> None:
    with tenant.database.writing() as session:
        session.add_all(
            [
                PaymentMethod(company_id=tenant.company_id, payment_method_id="KORT", description="Betalingskort"),
                PaymentMethod(
                    company_id=tenant.company_id, payment_method_id="GAMMEL", description="Old", active=False
                ),
                Account(
                    company_id=tenant.company_id, account_cd="1920", type="Asset", description="Bank", cash_account=True
                ),
                Account(company_id=tenant.company_id, account_cd="3000", type="Income", description="Salg"),
            ]
        )


def _methods(tenant) -> int:
    with tenant.database.reading() as session:
        return session.scalar(
            select(func.count(CustomerPaymentMethod.id)).where(CustomerPaymentMethod.company_id == tenant.company_id)
        )


def test_create_read_list_and_update_a_customer_payment_method(accounts):
    _set_up(accounts)
    body = wrapped(customerId=accounts.customer, paymentMethodId="KORT", cashAccountId="1920")
    body["paymentMethodDetails"] = [{"detailId": {"value": "CCDNUM"}, "value": {"value": "****1234"}}]
    response = accounts.post("/customerpaymentmethod", body)
    assert response.status_code == 201, response.text
    assert response.headers["Location"].endswith(f"/v1/customerpaymentmethod/{accounts.customer}/KORT")
    found = accounts.get(f"/customerpaymentmethod/{accounts.customer}/KORT")
    method = found.json()
    assert_real(method, "customerpaymentmethod", "CustomerPaymentMethodDto")
    assert method["customer"] == {"id": accounts.customer, "name": "Kunde AS"}
    assert method["paymentMethod"] == {"id": "KORT", "description": "Betalingskort"}
    assert (method["cashAccount"]["id"], method["cardOrAccountNo"], method["active"]) == ("1920", "****1234", True)
    listed = accounts.get("/customerpaymentmethod").json()
    assert_real(listed[0], "customerpaymentmethod", "CustomerPaymentMethodsDto")
    assert [(e["customerId"], len(e["paymentMethods"])) for e in listed] == [(accounts.customer, 1)]
    of_customer = accounts.get(f"/customerpaymentmethod/{accounts.customer}").json()
    assert [e["paymentMethod"]["id"] for e in of_customer] == ["KORT"]
    update = {
        "active": {"value": False},
        "paymentMethodDetails": [{"detailId": {"value": "ccdnum"}, "value": {"value": "****9999"}}],
    }
    response = accounts.put(
        f"/customerpaymentmethod/{accounts.customer}/KORT", update, headers={"If-Match": found.headers["ETag"]}
    )
    assert response.status_code == 204, response.text
    method = accounts.get(f"/customerpaymentmethod/{accounts.customer}/KORT").json()
    assert (method["active"], method["cardOrAccountNo"], len(method["paymentMethodDetails"])) == (False, "****9999", 1)


def test_bad_payment_methods_are_refused_and_nothing_is_written(accounts):
    _set_up(accounts)
    response = accounts.post(
        "/customerpaymentmethod", wrapped(customerId="NOPE", paymentMethodId="NOPE", cashAccountId="3000")
    )
    assert response.status_code == 400
    message = response.json()["message"]
    assert "Customer 'NOPE' cannot be found in the system." in message
    assert "Payment method 'NOPE' cannot be found in the system." in message
    assert "Cash account '3000' cannot be found in the system." in message
    response = accounts.post("/customerpaymentmethod", wrapped(customerId=accounts.customer, paymentMethodId="GAMMEL"))
    assert "Payment method 'GAMMEL' is inactive." in response.json()["message"]
    assert (
        accounts.post(
            "/customerpaymentmethod", wrapped(customerId=accounts.customer, paymentMethodId="KORT")
        ).status_code
        == 201
    )
    response = accounts.post("/customerpaymentmethod", wrapped(customerId=accounts.customer, paymentMethodId="KORT"))
    assert response.status_code == 400 and "'Payment method' 'KORT' already exists" in response.json()["message"]
    assert _methods(accounts) == 1
    assert accounts.get(f"/customerpaymentmethod/{accounts.customer}/NOPE").status_code == 404
    assert accounts.get("/customerpaymentmethod/NOPE").status_code == 404


def test_a_customers_direct_debit_mandates(accounts):
    with accounts.database.writing() as session:
        customer = session.scalars(
            select(Customer).where(Customer.company_id == accounts.company_id, Customer.number == accounts.customer)
        ).one()
        add_mandate(session, customer, mandate_id="M-1", iban="NO9386011117947", is_default=True)
        add_mandate(
            session,
            customer,
            mandate_id="M-2",
            description="Avtalegiro",
            signed=datetime(2026, 1, 5, tzinfo=UTC),
            bic="DNBANOKK",
            iban="NO9386011117948",
            max_amount=Decimal("5000"),
            is_default=True,
        )
    listed = accounts.get(f"/customer/{accounts.customer}/directdebit").json()
    for element in listed:
        assert_real(element, "customer", "CustomerDirectDebitDto")
    assert [(e["mandateId"], e["isDefault"]) for e in listed] == [("M-2", True), ("M-1", False)]
    assert (listed[0]["maxAmount"], listed[0]["bic"], listed[0]["dateOfSignature"][:10]) == (
        5000,
        "DNBANOKK",
        "2026-01-05",
    )
    assert accounts.get("/customer/NOPE/directdebit").status_code == 404
