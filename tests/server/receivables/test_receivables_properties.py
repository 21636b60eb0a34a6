"""Property-based test of the customer ledger (hypothesis): random sequences, over the API, of invoices, credit
notes and debit notes for two customers (released at once or later), partial and full payments (some leaving
money unapplied), credit notes applied to invoices and debit notes, refused over-applications, voided
payments and reversed invoices. After every step it asserts:
- every posted journal batch balances (debits = credits) and the trial balance is zero (`ledger_invariants`);
- the customers' balances (`/customer/balance`) sum to the balance of the customer ledger control account(s);
- no document's balance is negative or above its amount, and no payment has more left than it paid;
- a refused request changed nothing.
(`test_sales_ledger_properties.py` covers invoice editing and deletes; this one is about notes and settling.)
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from sqlalchemy import func, select

from nettfin.server.ledger.journal import JournalBatch
from nettfin.server.ledger.models import Account
from nettfin.server.ledger.posting import account_balance, ledger_invariants
from tests.conftest import make_tenant
from tests.sales_factories import add_trading_company

CUSTOMERS = ("10000", "20000")
# Items without stock (a customer document of a stock item moves none either, but keeps the test to AR).
ITEMS = ("BOK", "FRI", "TJENESTE")
# Document type -> the path that enters and releases it, and its write body's lines member.
KINDS = {
    "Invoice": ("/customerinvoice", "invoiceLines"),
    "CreditNote": ("/customerCreditNote", "lines"),
    "DebitNote": ("/customerDebitNote", "lines"),
}
DEBITS = ("Invoice", "DebitNote")
CENT = Decimal("0.01")
ZERO = Decimal(0)

prices = st.decimals(min_value=1, max_value=2000, places=2)
lines = st.lists(
    st.tuples(st.sampled_from(ITEMS), st.integers(min_value=1, max_value=5), prices), min_size=1, max_size=3
)
shares = st.sampled_from([Decimal(1), Decimal("0.5"), Decimal("0.3"), Decimal("0.01")])


def _money(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


def _number(response) -> str:
    assert response.status_code == 201, response.text
    return response.headers["Location"].rsplit("/", 1)[-1]


class CustomerLedger(RuleBasedStateMachine):
    tenant = None  # set per run by the test

    def __init__(self) -> None:
        super().__init__()
        self.api = type(self).tenant

    # --- reads ---------------------------------------------------------------------------------------------

    def documents(self) -> list[dict]:
        return self.api.get("/customerinvoice").json()

    def payments(self) -> list[dict]:
        return self.api.get("/customerPayment").json()

    def snapshot(self) -> tuple:
        with self.api.database.reading() as session:
            batches = session.scalar(
                select(func.count()).select_from(JournalBatch).where(JournalBatch.company_id == self.api.company_id)
            )
        bare = [
            [{k: v for k, v in x.items() if k != "metadata"} for x in found]
            for found in (self.documents(), self.payments())
        ]
        return *bare, self.api.get("/customer/balance").json(), batches

    def pick(self, data, predicate) -> dict | None:
        found = [d for d in self.documents() if predicate(d)]
        return data.draw(st.sampled_from(found)) if found else None

    def apply(self, customer: str, amount: Decimal, applied: list[tuple[str, str, Decimal]]):
        body = {
            "type": {"value": "Payment"},
            "customer": {"value": customer},
            "applicationDate": {"value": "2020-03-20"},
            "paymentAmount": {"value": str(amount)},
            "paymentLines": [
                {
                    "operation": "Insert",
                    "documentType": {"value": kind},
                    "refNbr": {"value": number},
                    "amountPaid": {"value": str(paid)},
                }
                for kind, number, paid in applied
            ],
        }
        return self.api.post("/customerPayment", body)

    def release_payment(self, response) -> None:
        number = _number(response)
        released = self.api.post(f"/customerPayment/{number}/action/release", {"type": {"value": "Payment"}})
        assert released.status_code == 200, released.text

    # --- rules ---------------------------------------------------------------------------------------------

    # Every run starts with released documents of both customers, so the settling rules have work from step 1.
    @initialize(
        content=st.lists(
            st.tuples(st.sampled_from(["Invoice", "Invoice", "CreditNote", "DebitNote"]), lines),
            min_size=3,
            max_size=5,
        )
    )
    def released_documents(self, content):
        for index, (kind, items) in enumerate(content):
            self.enter_document(kind, CUSTOMERS[index % 2], items, True)

    @rule(
        kind=st.sampled_from(["Invoice", "Invoice", "CreditNote", "DebitNote"]),
        customer=st.sampled_from(CUSTOMERS),
        content=lines,
        release=st.sampled_from([True, True, False]),
    )
    def enter_document(self, kind, customer, content, release):
        path, member = KINDS[kind]
        body = {
            "customerNumber": {"value": customer},
            "documentDate": {"value": "2020-03-10"},
            member: [
                {
                    "operation": "Insert",
                    "inventoryNumber": {"value": item},
                    "quantity": {"value": quantity},
                    "unitPriceInCurrency": {"value": str(price)},
                }
                for item, quantity, price in content
            ],
        }
        number = _number(self.api.post(path, body))
        if release:
            released = self.api.post(f"{path}/{number}/action/release")
            assert released.status_code == 200, released.text

    @rule(data=st.data())
    def release_later(self, data):
        found = self.pick(data, lambda d: d["status"] == "Balanced")
        if found is not None:
            path = KINDS[found["documentType"]][0]
            released = self.api.post(f"{path}/{found['referenceNumber']}/action/release")
            assert released.status_code == 200, released.text

    @rule(data=st.data(), share=shares, unapplied=st.sampled_from([ZERO, ZERO, Decimal("50.00")]))
    def pay(self, data, share, unapplied):
        found = self.pick(data, lambda d: d["status"] == "Open" and d["documentType"] in DEBITS)
        if found is None:
            return
        paid = max(CENT, (_money(found["balance"]) * share).quantize(CENT))
        applied = [(found["documentType"], found["referenceNumber"], paid)]
        self.release_payment(self.apply(found["customer"]["number"], paid + unapplied, applied))

    @rule(data=st.data(), share=shares)
    def apply_credit_note(self, data, share):
        """First more than the note or the document has left (refused, nothing changes), then a share of it."""
        note = self.pick(data, lambda d: d["status"] == "Open" and d["documentType"] == "CreditNote")
        if note is None:
            return
        customer = note["customer"]["number"]
        debit = self.pick(
            data,
            lambda d: d["status"] == "Open" and d["documentType"] in DEBITS and d["customer"]["number"] == customer,
        )
        if debit is None:
            return
        left = min(_money(note["balance"]), _money(debit["balance"]))
        before = self.snapshot()
        for amount, accepted in ((left + CENT, False), (max(CENT, (left * share).quantize(CENT)), True)):
            applied = [
                (debit["documentType"], debit["referenceNumber"], amount),
                ("CreditNote", note["referenceNumber"], amount),
            ]
            response = self.apply(customer, ZERO, applied)
            if accepted:
                self.release_payment(response)
            else:
                assert response.status_code == 400, response.text
                assert self.snapshot() == before

    @rule(data=st.data())
    def void_payment(self, data):
        """A released payment voids; a credit note's application may be refused, and then nothing changes."""
        found = [p for p in self.payments() if p["status"] in ("Open", "Closed")]
        if not found:
            return
        payment = data.draw(st.sampled_from(found))
        before = self.snapshot()
        response = self.api.post(f"/payment/{payment['refNbr']}/action/void", {"type": payment["type"]})
        if payment["type"] == "Payment" or response.status_code != 400:
            assert response.status_code == 200, response.text
        else:
            assert self.snapshot() == before

    @rule(data=st.data())
    def reverse_invoice(self, data):
        found = self.pick(data, lambda d: d["documentType"] == "Invoice" and d["status"] in ("Open", "Closed"))
        if found is None:
            return
        before = self.snapshot()
        response = self.api.post(
            f"/customerinvoice/{found['referenceNumber']}/action/reverse", {"returnCreditNote": True}
        )
        if response.status_code == 200:
            note = response.json()["referenceNumber"]
            released = self.api.post(f"/customerinvoice/{note}/action/release")
            assert released.status_code == 200, released.text
        else:
            assert "already reversed" in response.json()["message"], response.text
            assert self.snapshot() == before

    # --- invariants ----------------------------------------------------------------------------------------

    @invariant()
    def the_books_balance_and_reconcile_and_no_balance_is_out_of_bounds(self):
        with self.api.database.reading() as session:
            assert ledger_invariants(session, self.api.company_id) == []
            controls = session.scalars(
                select(Account.account_cd).where(
                    Account.company_id == self.api.company_id, Account.control_account_module == "AR"
                )
            ).all()
            ledger = sum((account_balance(session, self.api.company_id, a) for a in controls), ZERO)
        customers = sum((_money(b["balance"]) for b in self.api.get("/customer/balance").json()), ZERO)
        assert customers == ledger
        CHECKED.append(ledger)
        for document in self.documents():
            assert ZERO <= _money(document["balance"]) <= _money(document["amount"]), document
        for payment in self.payments():
            if payment["type"] == "Payment":
                assert ZERO <= _money(payment["availableBalance"]) <= _money(payment["paymentAmount"]), payment


# The control accounts' balance after each step, over every run: proof that the runs post what they check.
CHECKED: list[Decimal] = []


@pytest.mark.slow
def test_random_customer_ledger_sequences_keep_the_books_balanced_and_reconciled(database, client):
    def fresh_company_per_run():
        tenant = make_tenant(database, client)
        add_trading_company(tenant)
        CustomerLedger.tenant = tenant
        return CustomerLedger()

    run_state_machine_as_test(
        fresh_company_per_run,
        settings=settings(
            max_examples=5,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
    assert any(CHECKED)
