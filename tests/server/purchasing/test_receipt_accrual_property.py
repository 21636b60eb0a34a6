"""Property (slow, both databases): after any sequence of purchase receipts, returns and supplier invoices billing
receipt lines, the PO accrual account (GRNI) holds the value received and not yet invoiced, and the inventory
account the value of the cost layers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import func, select

from nettfin.server.ledger.invariants import account_balance
from nettfin.server.ledger.posting import ledger_invariants
from nettfin.server.payables.document_models import SupplierDocument, SupplierDocumentLine
from nettfin.server.purchasing.models import PurchaseReceipt, PurchaseReceiptLine
from nettfin.server.stock.models import CostLayer
from tests.conftest import make_tenant
from tests.receipt_factories import add_buying_company, order, receipt_body

ZERO = Decimal(0)


class Purchasing(RuleBasedStateMachine):
    tenant = None  # set per run by the test

    def __init__(self) -> None:
        super().__init__()
        self.api = type(self).tenant
        self.order = order(self.api, ("AVG", 1000, 10, "MAIN"), ("FIFO", 1000, 7, "MAIN"), ("BOK", 1000, 50))
        self.receipts: list[str] = []

    def _receipt(self, line: int, quantity: int, kind: str) -> None:
        response = self.api.post("/PurchaseReceipt", receipt_body(self.order, (line, quantity), receipt_type=kind))
        if response.status_code == 400:
            return
        number = response.headers["Location"].rsplit("/", 1)[-1]
        released = self.api.post(f"/PurchaseReceipt/{number}/action/release")
        assert released.status_code in (200, 400), released.text
        if released.status_code == 200 and kind == "PoReceipt":
            self.receipts.append(number)

    @rule(line=st.sampled_from([1, 2, 3]), quantity=st.integers(min_value=1, max_value=9))
    def receive(self, line, quantity):
        self._receipt(line, quantity, "PoReceipt")

    @rule(line=st.sampled_from([1, 2, 3]), quantity=st.integers(min_value=1, max_value=5))
    def send_back(self, line, quantity):
        self._receipt(line, quantity, "PoReturn")

    @rule(
        pick=st.integers(min_value=0, max_value=50),
        quantity=st.one_of(st.none(), st.integers(min_value=1, max_value=4)),
        cost=st.one_of(st.none(), st.decimals(min_value=1, max_value=80, places=2)),
    )
    def invoice(self, pick, quantity, cost):
        if not self.receipts:
            return
        entry = {
            "poReceiptNumber": {"value": self.receipts[pick % len(self.receipts)]},
            "poReceiptLineNumber": {"value": 1},
        }
        if quantity is not None:
            entry["quantity"] = {"value": quantity}
        if cost is not None:
            entry["unitCostInCurrency"] = {"value": str(cost)}
        body = {
            "documentType": {"value": "Invoice"},
            "supplierNumber": {"value": "50000"},
            "date": {"value": "2020-03-20"},
            "addPOReceiptLines": [entry],
        }
        response = self.api.post("/supplierInvoice", body)
        if response.status_code == 400:
            return
        number = response.headers["Location"].rsplit("/", 1)[-1]
        assert self.api.post(f"/supplierInvoice/{number}/action/release").status_code == 200

    @invariant()
    def in_step(self):
        company = self.api.company_id
        with self.api.database.reading() as session:
            signed = func.sum(PurchaseReceiptLine.value)
            received = {
                kind: value or ZERO
                for kind, value in session.execute(
                    select(PurchaseReceipt.receipt_type, signed)
                    .join(PurchaseReceipt, PurchaseReceipt.id == PurchaseReceiptLine.receipt_id)
                    .where(PurchaseReceipt.company_id == company, PurchaseReceipt.status == "Released")
                    .group_by(PurchaseReceipt.receipt_type)
                )
            }
            billed = (
                session.scalar(
                    select(func.sum(SupplierDocumentLine.receipt_value))
                    .join(SupplierDocument, SupplierDocument.id == SupplierDocumentLine.document_id)
                    .where(SupplierDocument.company_id == company, SupplierDocument.released)
                )
                or ZERO
            )
            grni = received.get("PoReceipt", ZERO) - received.get("PoReturn", ZERO) - billed
            assert account_balance(session, company, "2490") == -grni
            layers = session.scalar(select(func.sum(CostLayer.value)).where(CostLayer.company_id == company)) or ZERO
            assert account_balance(session, company, "1400") == layers
            assert not ledger_invariants(session, company)


@pytest.mark.slow
def test_grni_is_what_was_received_and_not_invoiced_and_inventory_is_the_cost_layers(database, client):
    def run_once():
        tenant = make_tenant(database, client)
        add_buying_company(tenant)
        Purchasing.tenant = tenant

    run_state_machine_as_test(
        lambda: (run_once(), Purchasing())[1],
        settings=settings(
            max_examples=8, stateful_step_count=10, deadline=None, suppress_health_check=list(HealthCheck)
        ),
    )
