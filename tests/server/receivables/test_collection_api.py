"""Collecting overdue receivables: the overdue charge calculation (a use case, not in the API) makes documents of
type FinCharge that `/v1/customerOverdueCharge` lists, changes and releases (AR debited, the income account
credited, the customer's balance raised); `createDunningLetter` names a customer's overdue documents at their next
level; `/v2/customer/balance` shows each customer's balance moving by period. The AR control account equals the
customer ledger after every step."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from nettfin.server.ledger.models import Account
from nettfin.server.receivables import overdue_charges
from nettfin.server.receivables.collection_models import DunningLetter
from nettfin.server.receivables.models import Customer, CustomerClass
from tests.conftest import LEGACY_PREFIX
from tests.factories import new_number
from tests.party_factories import assert_real
from tests.sales_factories import add_trading_company, invoice_body, payment_body
from tests.server.receivables.test_cash_sale_api import ar_reconciles, cash_sale_body
from tests.server.receivables.test_customer_note_api import posted

CHARGE = "customeroverduecharge"


def add_overdue_charge_setup(tenant, rate="12") -> None:
    """Class LATE for customer 10000, charged `rate` % a year to income account 8050."""
    with tenant.database.writing() as session:
        session.add(
            Account(
                company_id=tenant.company_id,
                account_cd="8050",
                description="Renteinntekt, kunder",
                type="Income",
                allow_manual_entry=True,
            )
        )
        klass = CustomerClass(company_id=tenant.company_id, class_id="LATE", description="Purres")
        session.add(klass)
        session.flush()
        customer = session.scalars(
            select(Customer).where(Customer.company_id == tenant.company_id, Customer.number == "10000")
        ).one()
        customer.customer_class = klass
        overdue_charges.configure(
            session,
            tenant.company_id,
            customer_class="LATE",
            account="8050",
            rate=Decimal(rate),
            minimum=Decimal(1),
            vat_category="05",
        )


def released_invoice(tenant, **extra) -> str:
    number = new_number(tenant.post("/customerinvoice", invoice_body(**extra)))
    assert tenant.post(f"/customerinvoice/{number}/action/release").status_code == 200
    return number


def calculate(tenant, on: date):
    with tenant.database.writing() as session:
        return overdue_charges.calculate(session, tenant.company_id, on)


def test_the_calculation_charges_overdue_invoices_and_the_release_raises_the_balance(tenant):
    add_trading_company(tenant)
    add_overdue_charge_setup(tenant)
    invoice = released_invoice(tenant, documentDueDate={"value": "2020-03-10"})
    released_invoice(tenant, customer="20000", documentDueDate={"value": "2020-03-10"})  # its class charges nothing
    assert calculate(tenant, date(2020, 3, 10)) == []  # not yet past due
    (made,) = calculate(tenant, date(2020, 4, 9))
    # 847.88 x 12 % x 30 / 365 = 8.36
    assert (made.customer, made.amount, made.documents) == ("10000", Decimal("8.36"), 1)
    charge = tenant.get(f"/customerOverdueCharge/{made.reference_number}").json()
    assert (charge["documentType"], charge["status"], charge["amount"], charge["vatTotal"]) == (
        "FinCharge",
        "Balanced",
        8.36,
        0.0,
    )
    assert charge["lines"][0]["account"]["number"] == "8050"
    assert invoice in charge["lines"][0]["description"]
    assert_real(charge, CHARGE, "CustomerOverdueChargeDto")
    listed = tenant.get("/customerOverdueCharge").json()
    assert [x["referenceNumber"] for x in listed] == [made.reference_number]
    assert_real(listed[0], CHARGE, "CustomerOverdueChargeDto")
    assert tenant.get("/customer/10000/balance").json()["balance"] == 847.88
    before = len(posted(tenant))

    assert (
        tenant.put(f"/customerOverdueCharge/{made.reference_number}", {"note": {"value": "Purring"}}).status_code == 204
    )
    response = tenant.post(f"/customerOverdueCharge/{made.reference_number}/action/release")
    assert response.status_code == 200, response.text
    assert response.json()["actionResult"] == "Done"
    batches = posted(tenant)
    assert len(batches) == before + 1
    assert batches[-1] == {("1500", 8.36, 0.0), ("8050", 0.0, 8.36)}
    assert tenant.get("/customer/10000/balance").json()["balance"] == 856.24
    assert ar_reconciles(tenant) == 1555.24  # 856.24 and customer 20000's 699.00 (no VAT abroad)
    refused = tenant.post(f"/customerOverdueCharge/{made.reference_number}/action/release")
    assert refused.status_code == 400 and "already released" in refused.text

    # Run again later: only the days since the last charge.
    (again,) = calculate(tenant, date(2020, 4, 19))
    assert again.amount == Decimal("2.79")  # 847.88 x 12 % x 10 / 365
    # The endpoint finds overdue charges only.
    assert tenant.get(f"/customerOverdueCharge/{invoice}").status_code == 404


def test_a_charge_below_the_minimum_is_not_made_and_a_paid_invoice_is_not_charged(tenant):
    add_trading_company(tenant)
    add_overdue_charge_setup(tenant)
    invoice = released_invoice(tenant, documentDueDate={"value": "2020-03-10"})
    assert calculate(tenant, date(2020, 3, 12)) == []  # 0.56: below the minimum of 1
    payment = new_number(
        tenant.post("/customerpayment", payment_body(amount="847.88", lines=[("Invoice", invoice, "847.88")]))
    )
    assert tenant.post(f"/customerpayment/{payment}/action/release").status_code == 200
    assert calculate(tenant, date(2020, 6, 1)) == []
    assert tenant.get("/customerOverdueCharge").json() == []
    assert ar_reconciles(tenant) == 0.0


def test_a_dunning_letter_names_the_overdue_documents_at_their_next_level(tenant):
    add_trading_company(tenant)
    first = released_invoice(tenant, documentDueDate={"value": "2020-03-10"})
    later = released_invoice(tenant, documentDueDate={"value": "2020-05-10"})
    action = "/customer/10000/action/createDunningLetter"
    response = tenant.post(action, {"dunningLetterDate": "2020-04-01"})
    assert response.status_code == 200, response.text
    assert response.json()["actionResult"] == "Done"
    dunned = tenant.get(f"/customerinvoice/{first}").json()
    assert (dunned["dunningLetterLevel"], dunned["dunningLetterDate"][:10]) == (1, "2020-04-01")
    assert tenant.get(f"/customerinvoice/{later}").json()["dunningLetterLevel"] == 0
    response = tenant.post(action, {"dunningLetterDate": "2020-06-01"})
    assert response.status_code == 200
    assert tenant.get(f"/customerinvoice/{first}").json()["dunningLetterLevel"] == 2
    assert tenant.get(f"/customerinvoice/{later}").json()["dunningLetterLevel"] == 1
    with tenant.database.reading() as session:
        letters = session.scalars(
            select(DunningLetter).where(DunningLetter.company_id == tenant.company_id).order_by(DunningLetter.id)
        ).all()
        assert [(x.level, len(x.documents), float(x.total_overdue)) for x in letters] == [
            (1, 1, 847.88),
            (2, 2, 1695.76),
        ]
    # Only level 3 asked for: only the first invoice goes on.
    assert tenant.post(action, {"dunningLetterDate": "2020-07-01", "levelFrom": 3}).status_code == 200
    assert tenant.get(f"/customerinvoice/{later}").json()["dunningLetterLevel"] == 1
    assert ar_reconciles(tenant) == 1695.76


def test_a_dunning_letter_with_nothing_to_dun_is_refused_and_not_stored(tenant):
    add_trading_company(tenant)
    released_invoice(tenant, documentDueDate={"value": "2020-03-10"})
    response = tenant.post("/customer/10000/action/createDunningLetter", {"dunningLetterDate": "2020-03-01"})
    assert response.status_code == 400
    assert "no documents overdue on 2020-03-01" in response.json()["message"]
    response = tenant.post("/customer/10000/action/createDunningLetter", {"levelFrom": 3, "levelTo": 1})
    assert response.status_code == 400 and "levelFrom" in response.json()["message"]
    assert tenant.post("/customer/99999/action/createDunningLetter", {}).status_code == 404
    with tenant.database.reading() as session:
        assert session.scalars(select(DunningLetter).where(DunningLetter.company_id == tenant.company_id)).all() == []


def v2_balance(tenant, **params):
    return tenant.client.get(f"{LEGACY_PREFIX}/v2/customer/balance", params=params, headers=tenant.headers)


def test_balances_by_period_move_with_sales_charges_payments_and_credits(tenant):
    add_trading_company(tenant)
    add_overdue_charge_setup(tenant)
    invoice = released_invoice(tenant, documentDueDate={"value": "2020-03-10"})
    new_number(tenant.post("/cashsale", cash_sale_body()))
    payment = new_number(
        tenant.post(
            "/customerpayment",
            payment_body(amount="500", lines=[("Invoice", invoice, "500")], applicationDate={"value": "2020-04-15"}),
        )
    )
    assert tenant.post(f"/customerpayment/{payment}/action/release").status_code == 200
    # Charged on what is left open: 347.88 x 12 % x 30 / 365.
    (made,) = calculate(tenant, date(2020, 4, 9))
    assert made.amount == Decimal("3.43")
    assert tenant.post(f"/customerOverdueCharge/{made.reference_number}/action/release").status_code == 200
    march = v2_balance(tenant, fromFinPeriod="202003", toFinPeriod="202003").json()
    assert march == [
        {
            "customer": {"internalId": march[0]["customer"]["internalId"], "number": "10000", "name": "Kunde AS"},
            "beginBalance": 0.0,
            "sales": 847.88,
            "overdueCharges": 0.0,
            "paymentsAndPrepayments": 0.0,
            "adjustmentsAndDiscounts": 0.0,
            "yearToDateBalance": 847.88,
        }
    ]
    (april,) = v2_balance(tenant, fromFinPeriod="202004", toFinPeriod="202012", customer="10000").json()
    assert (april["beginBalance"], april["overdueCharges"], april["paymentsAndPrepayments"]) == (847.88, 3.43, 500.0)
    assert april["yearToDateBalance"] == tenant.get("/customer/10000/balance").json()["balance"] == 351.31
    assert_real(april, "customerv2", "CustomerBalanceV2Dto")
    assert ar_reconciles(tenant) == 351.31
    refused = v2_balance(tenant, fromFinPeriod="202005", toFinPeriod="202004")
    assert refused.status_code == 400 and "fromFinPeriod" in refused.text
    assert v2_balance(tenant, fromFinPeriod="2020-5", toFinPeriod="202004").status_code == 400
