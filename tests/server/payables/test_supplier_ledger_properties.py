"""Property-based tests of the supplier ledger (hypothesis): random sequences of create / update / release /
pay / void / delete / prebook / reverse / write-off over the API, some refused on purpose, on a company with the
demo's books; after every step:
- each journal batch balances, the trial balance is zero and the GL balances equal the posted lines
  (`ledger_invariants`);
- the supplier ledger's open items equal its accounts' balances (`reconcile_supplier_ledger`), and so does
  the sum of the balances `/supplier/balance` reports;
- a refused request changed nothing (documents, payments, balances and batches are as they were).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from nettfin.server.ledger.posting import ledger_invariants
from nettfin.server.payables.balances import reconcile_supplier_ledger
from tests.conftest import make_tenant
from tests.supplier_ledger_factories import account_balance, batch_count, books, delete, wrap

ITEMS = ("test*test", "2001", "4002", "4003")  # VAT categories 03 (25 %), 31 (15 %), 05 (none), 33 (12 %)
SUPPLIERS = ("50000", "50001")
costs = st.decimals(min_value=0, max_value=5000, places=2)
lines = st.lists(
    st.tuples(st.sampled_from(ITEMS), st.integers(min_value=-1, max_value=9), costs, st.integers(0, 40)),
    min_size=1,
    max_size=4,
)


def _line(item: str, quantity: int, cost: Decimal, discount: int) -> dict:
    return {
        "operation": "Insert",
        **wrap(inventoryNumber=item, quantity=quantity, unitCostInCurrency=str(cost), discountPercent=discount),
    }


class SupplierLedger(RuleBasedStateMachine):
    tenant = None  # set per run by the test

    def __init__(self) -> None:
        super().__init__()
        self.api = type(self).tenant

    # --- helpers -----------------------------------------------------------------------------------------

    def documents(self) -> list[dict]:
        return self.api.get("/supplierInvoice", params={"expandNote": True}).json()

    def snapshot(self) -> tuple:
        def strip(elements):
            return [{k: v for k, v in e.items() if k != "metadata"} for e in elements]

        payments = strip(self.api.get("/supplierPayment").json())
        return strip(self.documents()), payments, self.api.get("/supplier/balance").json(), batch_count(self.api)

    def refused(self, response, before: tuple) -> None:
        assert response.status_code == 400, response.text
        assert self.snapshot() == before

    def pick(self, data, predicate) -> dict | None:
        found = [d for d in self.documents() if predicate(d)]
        return data.draw(st.sampled_from(found)) if found else None

    def path(self, document: dict) -> str:
        return f"/supplierInvoice/{document['documentType']}/{document['referenceNumber']}"

    # --- rules ---------------------------------------------------------------------------------------------

    @rule(
        supplier=st.sampled_from(SUPPLIERS),
        content=lines,
        kind=st.sampled_from(["Invoice", "Invoice", "CreditAdj", "DebitAdj"]),
        hold=st.sampled_from([False, False, True]),
    )
    def create(self, supplier, content, kind, hold):
        self.enter(supplier, content, kind, hold)

    def enter(self, supplier, content, kind, hold):
        body = {
            **wrap(supplierNumber=supplier, date="2019-11-20", documentType=kind, hold=hold),
            "invoiceLines": [_line(*line) for line in content],
        }
        response = self.api.post("/supplierInvoice", body)
        negative = response.status_code == 400 and "cannot be less than 0" in response.text
        assert response.status_code == 201 or negative, response.text
        return response

    # Released documents are what payments and voids work on: they get a rule of their own.
    @rule(supplier=st.sampled_from(SUPPLIERS), content=lines, kind=st.sampled_from(["Invoice", "DebitAdj"]))
    def create_released(self, supplier, content, kind):
        response = self.enter(supplier, content, kind, False)
        if response.status_code == 201:
            number = response.headers["Location"].rsplit("/", 1)[-1]
            released = self.api.post(f"/supplierInvoice/{kind}/{number}/action/release")
            assert released.status_code == 200, released.text

    @rule(content=lines)
    def refused_create(self, content):
        before = self.snapshot()
        body = {**wrap(supplierNumber="50000"), "invoiceLines": [_line(*line) for line in content]}
        body["invoiceLines"].append({"operation": "Insert", **wrap(inventoryNumber="NO-SUCH-ITEM")})
        self.refused(self.api.post("/supplierInvoice", body), before)

    @rule(data=st.data(), quantity=st.integers(1, 5), hold=st.booleans())
    def update(self, data, quantity, hold):
        found = self.pick(data, lambda d: d["status"] in ("Hold", "Balanced") and d["invoiceLines"])
        if found is None:
            return
        number = found["invoiceLines"][0]["lineNumber"]
        body = {**wrap(hold=hold), "invoiceLines": [{"lineNumber": {"value": number}, **wrap(quantity=quantity)}]}
        response = self.api.put(self.path(found), body)
        assert response.status_code in (204, 400), response.text

    @rule(data=st.data())
    def release(self, data):
        found = self.pick(data, lambda d: True)
        if found is None:
            return
        before = self.snapshot()
        response = self.api.post(f"{self.path(found)}/action/release")
        if found["status"] in ("Balanced", "Prebooked") and found["invoiceLines"]:
            assert response.status_code == 200, response.text
        else:
            self.refused(response, before)

    @rule(data=st.data(), share=st.decimals(min_value=Decimal("0.01"), max_value=1, places=2), extra=costs)
    def pay(self, data, share, extra):
        found = self.pick(data, lambda d: d["status"] == "Open" and d["documentType"] != "DebitAdj")
        if found is None:
            return
        paid = max(Decimal("0.01"), (Decimal(str(found["balanceInCurrency"])) * share).quantize(Decimal("0.01")))
        line = {
            "operation": "Insert",
            **wrap(documentType=found["documentType"], refNbr=found["referenceNumber"], amountPaid=str(paid)),
        }
        body = {
            **wrap(
                supplier=found["supplier"]["number"],
                applicationDate="2019-12-01",
                cashAccount="1920",
                paymentAmount=str(paid + extra),
            ),
            "paymentLines": [line],
        }
        response = self.api.post("/supplierPayment", body)
        assert response.status_code == 201, response.text
        number = response.headers["Location"].rsplit("/", 1)[-1]
        released = self.api.post(f"/supplierPayment/{number}/action/release", {"type": {"value": "Payment"}})
        assert released.status_code == 200, released.text

    @rule(data=st.data())
    def overpay(self, data):
        found = self.pick(data, lambda d: d["status"] == "Open" and d["documentType"] != "DebitAdj")
        if found is None:
            return
        before = self.snapshot()
        too_much = str(Decimal(str(found["balanceInCurrency"])) + Decimal("0.01"))
        line = {
            "operation": "Insert",
            **wrap(documentType=found["documentType"], refNbr=found["referenceNumber"], amountPaid=too_much),
        }
        body = {
            **wrap(supplier=found["supplier"]["number"], cashAccount="1920", paymentAmount=too_much),
            "paymentLines": [line],
        }
        self.refused(self.api.post("/supplierPayment", body), before)

    @rule(data=st.data())
    def void(self, data):
        found = self.pick(data, lambda d: True)
        if found is None:
            return
        before = self.snapshot()
        response = self.api.post(f"{self.path(found)}/action/voidinvoice")
        unpaid = found["status"] == "Open" and found["balanceInCurrency"] == found["amount"]
        if unpaid or found["status"] == "Prebooked":
            assert response.status_code == 200, response.text
        else:
            self.refused(response, before)

    @rule(data=st.data())
    def delete(self, data):
        found = self.pick(data, lambda d: True)
        if found is None:
            return
        before = self.snapshot()
        response = delete(self.api, self.path(found))
        if found["status"] in ("Hold", "Balanced"):
            assert response.status_code == 204
        else:
            self.refused(response, before)

    @rule(data=st.data(), account=st.sampled_from(["2990", "2990", "2400"]))
    def prebook(self, data, account):
        found = self.pick(data, lambda d: True)
        if found is None:
            return
        before = self.snapshot()
        body = {"accountNumber": {"value": account}}
        response = self.api.post(f"{self.path(found)}/action/prebook", body)
        nonzero = found["invoiceLines"] and found["amount"] != 0
        if found["status"] == "Balanced" and nonzero and account != "2400":
            assert response.status_code == 200, response.text
        else:
            self.refused(response, before)

    @rule(data=st.data())
    def reverse(self, data):
        found = self.pick(data, lambda d: True)
        if found is None:
            return
        reversible = found["status"] in ("Open", "Closed") and found["documentType"] != "Prepayment"
        reversed_already = any(
            d.get("originalReferenceNumber") == found["referenceNumber"] and d["documentType"] != found["documentType"]
            for d in self.documents()
        )
        before = self.snapshot()
        response = self.api.post(f"{self.path(found)}/action/reverse")
        if reversible and not reversed_already:
            assert response.status_code == 200, response.text
        else:
            self.refused(response, before)

    @rule(data=st.data())
    def write_off(self, data):
        found = self.pick(data, lambda d: True)
        if found is None:
            return
        before = self.snapshot()
        response = self.api.post(f"{self.path(found)}/action/writeoff")
        if found["status"] == "Open" and abs(Decimal(str(found["balance"]))) <= 10:
            assert response.status_code == 200, response.text
        else:
            self.refused(response, before)

    # --- invariants ----------------------------------------------------------------------------------------

    @invariant()
    def the_ledger_balances_and_the_supplier_ledger_reconciles(self):
        with self.api.database.reading() as session:
            assert ledger_invariants(session, self.api.company_id) == []
            assert reconcile_supplier_ledger(session, self.api.company_id) == []
        reported = sum((Decimal(str(b["balance"])) for b in self.api.get("/supplier/balance").json()), Decimal(0))
        assert reported == -account_balance(self.api, "2400")
        POSTED.append(batch_count(self.api))


# Batches in the company after each step, over every run: proof that the runs post what they check.
POSTED: list[int] = []


@pytest.mark.slow
def test_random_supplier_ledger_sequences_keep_the_ledger_balanced_and_reconciled(database, client):
    def fresh_company_per_run():
        SupplierLedger.tenant = books(make_tenant(database, client))
        return SupplierLedger()

    run_state_machine_as_test(
        fresh_company_per_run,
        settings=settings(
            max_examples=10,
            stateful_step_count=18,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
    assert max(POSTED) >= 3
