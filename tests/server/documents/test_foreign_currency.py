"""Documents in another currency (`documents.currency`): a document sent without `exchangeRate` takes the rate
in effect on its date, keeps it when rates change later, shows its amounts in both currencies, and posts to the
ledger in the base currency, the total converted whole, each VAT and line on its own, the rounding onto the
last line, every batch balanced. An unknown currency and a missing rate are refused, nothing written."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select

from nettfin.server.ledger.journal import JournalBatch
from nettfin.server.ledger.posting import ledger_invariants
from nettfin.server.receivables.balances import reconciliation
from tests.factories import new_number
from tests.sales_factories import add_trading_company, invoice_body, order_body, payment_body
from tests.supplier_ledger_factories import books, invoice_line, wrap
from tests.supplier_ledger_factories import invoice_body as supplier_invoice_body
from tests.supplier_ledger_factories import payment_body as supplier_payment_body

EUR_2020 = Decimal("11.2345")  # the trading company's SPOT rate from 2020-01-01


def nok(amount) -> Decimal:
    return (Decimal(str(amount)) * EUR_2020).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def batch(tenant, number: str) -> list[tuple[str, Decimal, Decimal]]:
    with tenant.database.reading() as session:
        found = session.scalars(
            select(JournalBatch).where(
                JournalBatch.company_id == tenant.company_id, JournalBatch.batch_number == number
            )
        ).one()
        return [(x.account.account_cd, x.debit, x.credit) for x in found.lines]


def assert_balanced_books(tenant) -> None:
    with tenant.database.reading() as session:
        assert ledger_invariants(session, tenant.company_id) == []


def message(response) -> str:
    assert response.status_code == 400, response.text
    return response.json()["message"]


def released_customer_invoice(tenant, body: dict) -> dict:
    number = new_number(tenant.post("/customerinvoice", body))
    response = tenant.post(f"/customerinvoice/{number}/action/release")
    assert response.status_code == 200, response.text
    return tenant.get(f"/customerinvoice/{number}").json()


def test_a_eur_invoice_without_a_rate_takes_the_rate_of_its_date_and_posts_nok_that_balance(tenant):
    add_trading_company(tenant)
    invoice = released_customer_invoice(tenant, invoice_body(currencyId={"value": "EUR"}))
    assert (invoice["currencyId"], invoice["exchangeRate"]) == ("EUR", float(EUR_2020))
    # 2 x VARE at 250 (25 % VAT) and 1 x BOK at 199 (12 %): 847.88 EUR.
    assert (invoice["amountInCurrency"], invoice["vatTotalInCurrency"]) == (847.88, 148.88)
    assert (invoice["amount"], invoice["balance"]) == (float(nok("847.88")), float(nok("847.88")))
    first = invoice["invoiceLines"][0]
    assert (first["amountInCurrency"], first["amount"], first["unitPriceInCurrency"]) == (500.0, 5617.25, 250.0)
    lines = batch(tenant, "000001")
    vat = {nok("125.00"), nok("23.88")}
    assert ("1500", nok("847.88"), 0) in lines
    assert {credit for account, _, credit in lines if account.startswith("27")} == vat
    assert sum(d for _, d, _ in lines) == sum(c for _, _, c in lines) == nok("847.88")
    assert_balanced_books(tenant)
    # The customer ledger's open items, in NOK, reconcile with its control account.
    assert tenant.get("/customer/10000/balance").json()["balance"] == float(nok("847.88"))
    with tenant.database.reading() as session:
        assert reconciliation(session, tenant.company_id) == (nok("847.88"), nok("847.88"))


def test_a_rate_entered_after_the_document_changes_neither_it_nor_its_posting(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/customerinvoice", invoice_body(currencyId={"value": "EUR"})))
    assert tenant.post(f"/customerinvoice/{number}/action/release").status_code == 200
    before = tenant.get(f"/customerinvoice/{number}").json()
    rate = {
        "fromCurrencyId": {"value": "EUR"},
        "toCurrencyId": {"value": "NOK"},
        "rateType": {"value": "SPOT"},
        "effectiveDate": {"value": "2020-03-01"},
        "rate": {"value": 12},
        "multDiv": {"value": "Multiply"},
    }
    created = tenant.client.post("/v2/currencyrate", json=rate, headers=tenant.headers)
    assert created.status_code == 201, created.text
    after = tenant.get(f"/customerinvoice/{number}").json()
    assert (after["exchangeRate"], after["amount"]) == (before["exchangeRate"], before["amount"])
    assert batch(tenant, "000001")[0] == ("1500", nok("847.88"), 0)
    # Its balance is in EUR at its rate: a customer payment (posting base amounts) may not apply it.
    paying = payment_body(amount="100", lines=[("Invoice", number, "100")])
    assert f"Invoice {number} is in EUR at rate 11.2345" in message(tenant.post("/customerPayment", paying))
    # A document made now, of the same date, takes the new rate; moving its date back takes the older one.
    later = new_number(tenant.post("/customerinvoice", invoice_body(currencyId={"value": "EUR"})))
    assert tenant.get(f"/customerinvoice/{later}").json()["exchangeRate"] == 12
    assert tenant.put(f"/customerinvoice/{later}", {"documentDate": {"value": "2020-02-28"}}).status_code == 204
    assert tenant.get(f"/customerinvoice/{later}").json()["exchangeRate"] == float(EUR_2020)
    # A rate the client sends is kept.
    assert tenant.put(f"/customerinvoice/{later}", {"exchangeRate": {"value": 11}}).status_code == 204
    assert tenant.get(f"/customerinvoice/{later}").json()["exchangeRate"] == 11


def test_many_lines_round_onto_the_last_line_and_the_batch_balances(tenant):
    add_trading_company(tenant)
    lines = [
        {
            "operation": "Insert",
            "inventoryNumber": {"value": "TJENESTE"},
            "quantity": {"value": 1},
            "unitPriceInCurrency": {"value": 0.33},
        }
        for _ in range(7)
    ]
    invoice = released_customer_invoice(tenant, invoice_body(currencyId={"value": "EUR"}, invoiceLines=lines))
    # 7 x 0.33 = 2.31 EUR, VAT 25 % 0.58, total 2.89 EUR: 32.47 NOK whole, where the lines make 7 x 3.71.
    assert (invoice["amountInCurrency"], invoice["vatTotalInCurrency"]) == (2.89, 0.58)
    total, vat = nok("2.89"), nok("0.58")
    assert (total, vat) == (Decimal("32.47"), Decimal("6.52"))
    assert sorted(batch(tenant, "000001")) == [("1500", total, 0), ("2700", 0, vat), ("3000", 0, total - vat)]
    assert 7 * nok("0.33") != total - vat  # the rounding the last line took
    assert_balanced_books(tenant)


def test_an_unknown_currency_or_a_missing_rate_is_refused_and_nothing_is_written(tenant):
    add_trading_company(tenant)
    unknown = message(tenant.post("/customerinvoice", invoice_body(currencyId={"value": "USD"})))
    assert "Currency 'USD' cannot be found in the system." in unknown
    early = invoice_body(currencyId={"value": "EUR"}, documentDate={"value": "2018-12-31"})
    missing = message(tenant.post("/customerinvoice", early))
    assert "'Exchange rate' cannot be empty: no SPOT rate from EUR to NOK is in effect on 2018-12-31" in missing
    assert "'Exchange rate' must be greater than 0" in message(
        tenant.post("/customerinvoice", invoice_body(currencyId={"value": "EUR"}, exchangeRate={"value": 0}))
    )
    assert "'Exchange rate' must be 1" in message(
        tenant.post("/customerinvoice", invoice_body(exchangeRate={"value": 2}))
    )
    assert tenant.get("/customerinvoice").json() == []
    payment = payment_body(amount="100", currency={"value": "USD"})
    assert "Currency 'USD' cannot be found in the system." in message(tenant.post("/customerPayment", payment))
    assert tenant.get("/customerPayment").json() == []
    number = new_number(tenant.post("/customerinvoice", invoice_body()))
    assert "Currency 'USD'" in message(tenant.put(f"/customerinvoice/{number}", {"currencyId": {"value": "USD"}}))
    assert tenant.get(f"/customerinvoice/{number}").json()["currencyId"] == "NOK"


def test_a_credit_note_in_eur_posts_the_mirror_in_nok(tenant):
    add_trading_company(tenant)
    body = invoice_body(currencyId={"value": "EUR"})
    body["lines"] = body.pop("invoiceLines")
    number = new_number(tenant.post("/customercreditnote", body))
    assert tenant.post(f"/customercreditnote/{number}/action/release").status_code == 200
    assert ("1500", 0, nok("847.88")) in batch(tenant, "000001")
    assert_balanced_books(tenant)


def test_a_supplier_invoice_in_eur_without_a_rate_takes_the_demo_rate_of_its_date(tenant):
    books(tenant)
    body = supplier_invoice_body(invoice_line("3001", "3", "33.33"), supplier="50005", date="2019-11-08")
    number = new_number(tenant.post("/supplierInvoice", body))
    invoice = tenant.get(f"/supplierInvoice/{number}").json()
    rate = Decimal("9.7843")  # the demo's EUR rate from 2019-07-01
    assert (invoice["currencyId"], invoice["exchangeRate"]) == ("EUR", float(rate))
    assert tenant.post(f"/supplierInvoice/Invoice/{number}/action/release").status_code == 200
    invoice = tenant.get(f"/supplierInvoice/{number}").json()
    # 3 x 33.33 = 99.99 EUR (no VAT in zone 02): the balance is the total converted whole.
    assert invoice["amount"] == 99.99
    assert Decimal(str(invoice["balance"])) == (Decimal("99.99") * rate).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert_balanced_books(tenant)
    refused = supplier_invoice_body(invoice_line("3001"), supplier="50005", date="2018-06-01")
    assert "no SPOT rate from EUR to NOK is in effect on 2018-06-01" in message(
        tenant.post("/supplierInvoice", refused)
    )
    sek = supplier_invoice_body(invoice_line("3001"), **wrap(currencyId="XYZ"))
    assert "Currency 'XYZ' cannot be found in the system." in message(tenant.post("/supplierInvoice", sek))
    payment = supplier_payment_body(**wrap(paymentAmount="100", currency="XYZ"))
    assert "Currency 'XYZ' cannot be found in the system." in message(tenant.post("/supplierPayment", payment))


def test_a_purchase_order_in_eur_takes_the_rate_and_shows_base_amounts(tenant):
    add_trading_company(tenant)
    number = new_number(tenant.post("/purchaseorder", order_body(supplier="50001")))
    order = tenant.get(f"/purchaseorder/{number}").json()
    assert (order["currency"], order["exchangeRate"]) == ("EUR", float(EUR_2020))
    assert order["orderTotalInBaseCurrency"] == float(nok(order["orderTotal"]))
    assert "Currency 'USD'" in message(tenant.post("/purchaseorder", order_body(currency={"value": "USD"})))


def test_the_rounding_difference_goes_onto_the_last_line_with_an_amount():
    from nettfin.server.documents.currency import balance_on_last, to_base

    rate = Decimal("11.2345")
    lines = [to_base(Decimal("0.33"), rate)] * 7 + [Decimal(0)]
    assert balance_on_last(Decimal("32.47"), lines, Decimal("6.52")) == [Decimal("3.71")] * 6 + [
        Decimal("3.69"),
        Decimal(0),
    ]
    assert balance_on_last(Decimal("10.00"), [Decimal("4.00"), Decimal("6.00")]) == [Decimal("4.00"), Decimal("6.00")]
    assert balance_on_last(Decimal("0.01"), [Decimal(0), Decimal(0)]) == [Decimal(0), Decimal("0.01")]
    assert to_base(Decimal("0.005"), Decimal(1)) == Decimal("0.01")  # half up
