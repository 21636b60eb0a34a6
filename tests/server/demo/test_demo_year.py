"""The demo company's year of activity (src/nettfin/server/demo/activity.py) as a client reads it: the ledger
balances in every period of the demo year, the trial balance is zero, the customer and supplier balances are the
balances of their control accounts, and documents in EUR and USD were posted at the demo's rates."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from nettfin.server.demo.activity import DEMO_YEAR
from nettfin.server.demo.currencies import demo_rate
from nettfin.server.ledger.posting import ledger_invariants
from tests.party_factories import DEMO_API, DEMO_COMPANY_ID, seeded_demo

V2 = "/API/controller/api/v2"
PERIODS = [f"{DEMO_YEAR}{month:02d}" for month in range(1, 13)]


@pytest.fixture(scope="module")
def demo(database_url, tmp_path_factory):
    with seeded_demo(tmp_path_factory.mktemp("demo-year"), database_url) as client:
        yield client


def balances(demo, **params) -> list[dict]:
    response = demo.get(f"{V2}/generalLedgerBalance", params={"pageSize": 500, **params})
    assert response.status_code == 200, response.text
    return response.json()


def money(value) -> Decimal:
    return Decimal(str(value))


def test_every_period_of_the_demo_year_has_balances_and_its_debits_equal_its_credits(demo):
    for period in PERIODS:
        rows = balances(demo, periodId=period)
        accounts = {row["account"]["number"] for row in rows}
        # Sales, VAT, the bank and salaries move in every month.
        assert {"1920", "3000", "2700", "5000", "6000"} <= accounts, period
        debits = sum(money(row["periodToDateDebit"]) for row in rows)
        credits = sum(money(row["periodToDateCredit"]) for row in rows)
        assert debits == credits and debits > 0, period


def test_the_ledger_keeps_its_invariants_and_the_year_ends_in_profit(demo):
    with demo.app.state.db.reading() as session:
        assert ledger_invariants(session, DEMO_COMPANY_ID) == []
    december = balances(demo, periodId=PERIODS[-1], toggleBalanceSigns="true")
    result = sum(money(row["yearToDateBalance"]) for row in december if row["account"]["type"] in ("Income", "Expense"))
    assert result < 0  # debit minus credit: income exceeds expenses


def control_balance(demo, account: str) -> Decimal:
    """The account's balance at the demo year's end, in its normal sign (every control account moves in December)."""
    rows = balances(demo, periodId=PERIODS[-1], account=account)
    assert rows, account
    return sum((money(row["yearToDateBalance"]) for row in rows), Decimal(0))


def test_the_customer_balances_are_the_customer_ledger_account(demo):
    owed = demo.get(f"{DEMO_API}/customer/balance")
    assert owed.status_code == 200, owed.text
    total = sum((money(row["balance"]) for row in owed.json()), Decimal(0))
    assert total > 0  # a few invoices are still open at the year's end
    assert total == control_balance(demo, "1500")


def test_the_supplier_balances_are_the_supplier_ledger_account(demo):
    owed = demo.get(f"{DEMO_API}/supplier/balance")
    assert owed.status_code == 200, owed.text
    total = sum((money(row["balance"]) for row in owed.json()), Decimal(0))
    assert total > 0
    assert total == control_balance(demo, "2400")


def test_the_journal_holds_the_years_documents_and_manual_transactions(demo):
    batches = demo.get(f"{V2}/journaltransaction", params={"periodId": "202006", "pageSize": 200}).json()
    assert {batch["module"] for batch in batches} == {"ModuleAR", "ModuleAP", "ModuleGL"}
    payroll = [batch for batch in batches if batch["description"] == f"Lønn 06.{DEMO_YEAR}"]
    assert len(payroll) == 1 and payroll[0]["status"] == "Posted"
    lines = demo.get(f"{DEMO_API}/GeneralLedgerTransactions", params={"ledger": "ACTUAL", "fromPeriod": "202006"})
    assert lines.status_code == 200 and len(lines.json()) > 20


def test_foreign_supplier_invoices_are_posted_at_the_rate_of_their_date(demo):
    invoices = demo.get(f"{DEMO_API}/supplierInvoice", params={"pageSize": 200}).json()
    foreign = [invoice for invoice in invoices if invoice["currencyId"] != "NOK"]
    assert {invoice["currencyId"] for invoice in foreign} == {"EUR", "USD"}
    for invoice in foreign:
        rate = demo_rate(invoice["currencyId"], date.fromisoformat(invoice["date"][:10]))
        assert money(invoice["exchangeRate"]) == rate
        in_nok = (money(invoice["detailTotalInCurrency"]) * rate).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert money(invoice["detailTotal"]) == in_nok > money(invoice["detailTotalInCurrency"])


def test_the_demo_contracts_were_billed_through_the_customer_ledger(demo):
    contracts = demo.get(f"{DEMO_API}/customerContract", params={"expandSummary": "true"}).json()
    assert [(c["contractId"], c["status"]) for c in contracts] == [("K0001", "Active"), ("K0002", "Draft")]
    active = contracts[0]
    assert (active["summary"]["lastInvoicingDate"], active["summary"]["nextInvoicingDate"]) == (
        "2020-10-01T00:00:00",
        "2020-11-01T00:00:00",
    )
    invoices = [
        x
        for x in demo.get(f"{DEMO_API}/customerinvoice", params={"pageSize": 500}).json()
        if x.get("invoiceText", "").startswith("Contract K0001")
    ]
    # Activation: installation 950 + September's support 2500; October: support 2500 and 2.5 hours beyond the 5
    # included at 1350; all at 25 % VAT, released.
    assert [(x["documentDate"][:10], x["amount"], x["status"]) for x in invoices] == [
        ("2020-09-01", 4312.5, "Open"),
        ("2020-10-01", 7343.75, "Open"),
    ]
    assert active["balance"] == sum(x["balance"] for x in invoices)
    usage = demo.get(f"{DEMO_API}/contractUsage/K0001").json()["transaction"]
    assert [(t["quantity"], t["billed"]) for t in usage] == [(4, True), (3.5, True), (2, False)]
