"""Property-based tests of the sales side (hypothesis): random sequences of create / update / release / pay /
void a payment / reverse / delete over the API, some of them refused on purpose, and after every step:
- each journal batch balances and the trial balance is zero (`ledger_invariants`);
- the customer ledger's open items equal the balance of its control account, and so do the balances
  `/customer/balance` reports;
- a refused request changed nothing (documents, payments, balances and batches are as before).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import func, select

from nettfin.server.ledger.journal import JournalBatch
from nettfin.server.ledger.posting import ledger_invariants
from nettfin.server.receivables.balances import reconciliation
from tests.conftest import make_tenant
from tests.sales_factories import add_trading_company

ITEMS = ("VARE", "BOK", "FRI", "TJENESTE")
CUSTOMERS = ("10000", "20000")
prices = st.decimals(min_value=0, max_value=5000, places=2)
lines = st.lists(
    st.tuples(st.sampled_from(ITEMS), st.integers(min_value=-1, max_value=9), prices, st.integers(0, 40)),
    min_size=1,
    max_size=4,
)


def _line(item: str, quantity: int, price: Decimal, discount: int) -> dict:
    return {
        "operation": "Insert",
        "inventoryNumber": {"value": item},
        "quantity": {"value": quantity},
        "unitPriceInCurrency": {"value": str(price)},
        "discountPercent": {"value": discount},
    }


class SalesLedger(RuleBasedStateMachine):
    tenant = None  # set per run by the test

    def __init__(self) -> None:
        super().__init__()
        self.api = type(self).tenant

    # --- helpers -----------------------------------------------------------------------------------------

    def documents(self) -> list[dict]:
        return self.api.get("/customerinvoice").json()

    def snapshot(self) -> tuple:
        with self.api.database.reading() as session:
            batches = session.scalar(
                select(func.count()).select_from(JournalBatch).where(JournalBatch.company_id == self.api.company_id)
            )
        strip = ("metadata",)
        invoices = [{k: v for k, v in d.items() if k not in strip} for d in self.documents()]
        payments = [{k: v for k, v in p.items() if k not in strip} for p in self.api.get("/customerPayment").json()]
        return invoices, payments, self.api.get("/customer/balance").json(), batches

    def refused(self, response, before: tuple) -> None:
        assert response.status_code == 400, response.text
        assert self.snapshot() == before

    def pick(self, data, predicate) -> dict | None:
        found = [d for d in self.documents() if predicate(d)]
        return data.draw(st.sampled_from(found)) if found else None

    # --- rules ---------------------------------------------------------------------------------------------

    @rule(customer=st.sampled_from(CUSTOMERS), content=lines, hold=st.sampled_from([False, False, True]))
    def create_invoice(self, customer, content, hold):
        body = {
            "customerNumber": {"value": customer},
            "documentDate": {"value": "2020-03-10"},
            "hold": {"value": hold},
            "invoiceLines": [_line(*line) for line in content],
        }
        response = self.api.post("/customerinvoice", body)
        total_negative = response.status_code == 400 and "cannot be less than 0" in response.text
        assert response.status_code == 201 or total_negative, response.text
        if response.status_code == 201 and not hold:
            number = response.headers["Location"].rsplit("/", 1)[-1]
            assert self.api.post(f"/customerinvoice/{number}/action/release").status_code == 200

    # Creating is what gives the other rules something to work on: it is drawn twice as often.
    @rule(customer=st.sampled_from(CUSTOMERS), content=lines)
    def create_released_invoice(self, customer, content):
        self.create_invoice(customer, content, False)

    @rule(content=lines)
    def refused_create(self, content):
        before = self.snapshot()
        body = {"customerNumber": {"value": "10000"}, "invoiceLines": [_line(*line) for line in content]}
        body["invoiceLines"].append({"operation": "Insert", "inventoryNumber": {"value": "NO-SUCH-ITEM"}})
        self.refused(self.api.post("/customerinvoice", body), before)

    @rule(data=st.data(), quantity=st.integers(1, 5), hold=st.booleans())
    def update_invoice(self, data, quantity, hold):
        found = self.pick(data, lambda d: d["status"] in ("Hold", "Balanced"))
        if found is None:
            return
        body = {
            "hold": {"value": hold},
            "invoiceLines": [{"lineNumber": {"value": 1}, "quantity": {"value": quantity}}],
        }
        if found["invoiceLines"] and found["invoiceLines"][0]["lineNumber"] == 1:
            response = self.api.put(f"/customerinvoice/{found['referenceNumber']}", body)
            assert response.status_code in (204, 400), response.text

    @rule(data=st.data())
    def release_document(self, data):
        found = self.pick(data, lambda d: True)
        if found is None:
            return
        before = self.snapshot()
        response = self.api.post(f"/customerinvoice/{found['referenceNumber']}/action/release")
        if found["status"] == "Balanced" and found["invoiceLines"]:
            assert response.status_code == 200, response.text
        else:
            self.refused(response, before)

    @rule(data=st.data(), share=st.decimals(min_value=Decimal("0.01"), max_value=1, places=2), extra=prices)
    def pay(self, data, share, extra):
        found = self.pick(data, lambda d: d["status"] == "Open" and d["documentType"] == "Invoice")
        if found is None:
            return
        paid = max(Decimal("0.01"), (Decimal(str(found["balance"])) * share).quantize(Decimal("0.01")))
        line = {
            "documentType": {"value": "Invoice"},
            "refNbr": {"value": found["referenceNumber"]},
            "amountPaid": {"value": str(paid)},
        }
        body = {
            "customer": {"value": found["customer"]["number"]},
            "applicationDate": {"value": "2020-03-20"},
            "paymentAmount": {"value": str(paid + extra)},
            "paymentLines": [line],
        }
        response = self.api.post("/customerPayment", body)
        assert response.status_code == 201, response.text
        number = response.headers["Location"].rsplit("/", 1)[-1]
        released = self.api.post(f"/customerPayment/{number}/action/release", {"type": {"value": "Payment"}})
        assert released.status_code == 200, released.text

    @rule(data=st.data())
    def overpay(self, data):
        found = self.pick(data, lambda d: d["status"] == "Open" and d["documentType"] == "Invoice")
        if found is None:
            return
        before = self.snapshot()
        too_much = str(Decimal(str(found["balance"])) + Decimal("0.01"))
        line = {
            "documentType": {"value": "Invoice"},
            "refNbr": {"value": found["referenceNumber"]},
            "amountPaid": {"value": too_much},
        }
        body = {
            "customer": {"value": found["customer"]["number"]},
            "paymentAmount": {"value": too_much},
            "paymentLines": [line],
        }
        self.refused(self.api.post("/customerPayment", body), before)

    @rule(data=st.data())
    def void_payment(self, data):
        payments = self.api.get("/customerPayment").json()
        if not payments:
            return
        found = data.draw(st.sampled_from(payments))
        before = self.snapshot()
        response = self.api.post(f"/payment/{found['refNbr']}/action/void", {"type": found["type"]})
        if found["status"] in ("Open", "Closed"):
            assert response.status_code == 200, response.text
        else:
            self.refused(response, before)

    @rule(data=st.data())
    def reverse(self, data):
        found = self.pick(data, lambda d: d["documentType"] == "Invoice" and d["status"] in ("Open", "Closed"))
        if found is None:
            return
        response = self.api.post(
            f"/customerinvoice/{found['referenceNumber']}/action/reverse", {"returnCreditNote": True}
        )
        if response.status_code == 200:
            note = response.json()["referenceNumber"]
            assert self.api.post(f"/customerinvoice/{note}/action/release").status_code == 200
        else:
            assert "already reversed" in response.json()["message"]

    @rule(data=st.data())
    def delete(self, data):
        found = self.pick(data, lambda d: True)
        if found is None:
            return
        before = self.snapshot()
        response = self.api.client.delete(
            self.api.url(f"/customerinvoice/{found['referenceNumber']}"), headers=self.api.headers
        )
        if found["status"] in ("Hold", "Balanced"):
            assert response.status_code == 204
        else:
            self.refused(response, before)

    # --- invariants ----------------------------------------------------------------------------------------

    @invariant()
    def the_ledger_balances_and_the_customer_ledger_reconciles(self):
        with self.api.database.reading() as session:
            assert ledger_invariants(session, self.api.company_id) == []
            open_items, control = reconciliation(session, self.api.company_id)
        assert open_items == control
        reported = sum((Decimal(str(b["balance"])) for b in self.api.get("/customer/balance").json()), Decimal(0))
        assert reported == control
        POSTED.append(self.snapshot()[3])


# Batches in the company after each step, over every run: proof that the runs post what they check.
POSTED: list[int] = []


@pytest.mark.slow
def test_random_sales_sequences_keep_the_ledger_balanced_and_reconciled(database, client):
    def fresh_company_per_run():
        tenant = make_tenant(database, client)
        add_trading_company(tenant)
        SalesLedger.tenant = tenant
        return SalesLedger()

    run_state_machine_as_test(
        fresh_company_per_run,
        settings=settings(
            max_examples=15,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
    assert max(POSTED) >= 4
