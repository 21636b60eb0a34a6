"""Payment methods (CA204000, `/v1/paymentmethod`): a read-only declaration over the company's payment methods,
list and get through the app on both databases, validated against the real visma-payment-method document."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from nettfin.server.terms.models import PaymentMethod
from tests.ledger_factories import real_query_parameters
from tests.party_factories import assert_real


def add_methods(tenant, *methods: tuple[str, str, str | None, bool]) -> None:
    with tenant.database.writing() as session:
        session.add_all(
            PaymentMethod(
                company_id=tenant.company_id,
                payment_method_id=code,
                description=text,
                means_of_payment=means,
                use_in_ap=in_ap,
            )
            for code, text, means, in_ap in methods
        )


def test_the_list_is_the_company_s_payment_methods_in_id_order_shaped_as_the_real_dto(tenant, other_tenant):
    add_methods(tenant, ("KORT", "Card", "CreditCard", False), ("BANK", "Bank transfer", "DirectDeposit", True))
    add_methods(other_tenant, ("OTHER", "Someone else's", None, True))
    response = tenant.get("/paymentmethod")
    assert response.status_code == 200, response.text
    body = response.json()
    assert [method["paymentMethodID"] for method in body] == ["BANK", "KORT"]
    for method in body:
        assert_real(method, "payment-method", "PaymentMethodDto")
    assert body[0] == {
        "paymentMethodID": "BANK",
        "active": True,
        "meansOfPayment": "DirectDeposit",
        "description": "Bank transfer",
        "useInAP": True,
    }
    assert body[1]["useInAP"] is False


def test_one_payment_method_by_its_number_and_an_unknown_one_is_404(tenant):
    add_methods(tenant, ("BANK", "Bank transfer", None, True))
    read = tenant.get("/paymentmethod/BANK")
    assert read.status_code == 200
    assert_real(read.json(), "payment-method", "PaymentMethodDto")
    assert read.json() == {"paymentMethodID": "BANK", "active": True, "description": "Bank transfer", "useInAP": True}
    missing = tenant.get("/paymentmethod/NONE")
    assert missing.status_code == 404
    assert missing.json()["message"].endswith("Payment method 'NONE' not found.")


def test_the_list_takes_the_real_filters(tenant):
    add_methods(tenant, ("BANK", "Bank", None, True), ("KORT", "Card", None, False))
    assert {"greaterThanValue", "lastModifiedDateTime", "lastModifiedDateTimeCondition"} <= real_query_parameters(
        "payment-method", "/v1/paymentmethod"
    )
    after = tenant.get("/paymentmethod", params={"greaterThanValue": "BANK"}).json()
    assert [method["paymentMethodID"] for method in after] == ["KORT"]
    future = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%d")
    since = {"lastModifiedDateTime": future, "lastModifiedDateTimeCondition": ">="}
    assert tenant.get("/paymentmethod", params=since).json() == []
    before = {"lastModifiedDateTime": future, "lastModifiedDateTimeCondition": "<"}
    assert len(tenant.get("/paymentmethod", params=before).json()) == 2


def test_an_invalid_date_filter_is_400_naming_the_parameter(tenant):
    response = tenant.get(
        "/paymentmethod", params={"lastModifiedDateTime": "yesterday", "lastModifiedDateTimeCondition": ">"}
    )
    assert response.status_code == 400
    assert "lastModifiedDateTime" in response.json()["message"]


def test_payment_methods_are_read_only(tenant):
    assert tenant.post("/paymentmethod", {"paymentMethodID": "NEW"}).status_code == 405
