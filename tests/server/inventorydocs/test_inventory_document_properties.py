"""Property (slow, both databases): any sequence of inventory receipts, issues, adjustments and transfers entered
and released through the API keeps the quantities on hand at or above 0, the stock's value (its cost layers) equal
to the inventory account's balance and the ledger sound; a refused release or a refused body changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from nettfin.server.ledger.posting import account_balance, ledger_invariants
from tests.conftest import make_tenant
from tests.inventory_document_factories import (
    PATHS,
    allocation,
    body,
    create,
    line,
    on_hand_value,
    quantities,
    read,
    release,
    stock_snapshot,
    transfer_body,
    transfer_line,
)
from tests.stock_factories import add_stock_setup

ITEMS = ("AVG", "FIFO", "STD", "LOT")
WAREHOUSES = ("MAIN", "SIDE")
amounts = st.integers(min_value=1, max_value=9)
costs = st.decimals(min_value=0, max_value=500, places=2)


class InventoryDocuments(RuleBasedStateMachine):
    tenant = None  # set per run by the test

    def __init__(self) -> None:
        super().__init__()
        self.api = type(self).tenant

    def _enter_and_release(self, kind: str, payload: dict) -> None:
        number = create(self.api, kind, payload)
        before = stock_snapshot(self.api)
        balance = self._balance()
        response = release(self.api, kind, number)
        if response.status_code == 200:
            assert read(self.api, kind, number)["status"] == "Released"
            return
        assert response.status_code == 400, response.text
        assert stock_snapshot(self.api) == before
        assert self._balance() == balance
        assert read(self.api, kind, number)["status"] == "Balanced"

    def _balance(self) -> Decimal:
        with self.api.database.reading() as session:
            return account_balance(session, self.api.company_id, "1400")

    @staticmethod
    def _line(item: str, quantity: int, wh: str, lot: str, **members) -> dict:
        if item == "LOT":
            if quantity > 0 and "unitCost" in members:
                return line(item, None, warehouse=wh, allocations=[allocation(quantity, lot=lot)], **members)
            members["lotSerialNumber"] = lot
        return line(item, quantity, warehouse=wh, **members)

    @rule(
        item=st.sampled_from(ITEMS),
        quantity=amounts,
        cost=costs,
        wh=st.sampled_from(WAREHOUSES),
        lot=st.sampled_from(["L1", "L2"]),
    )
    def receipt(self, item, quantity, cost, wh, lot):
        self._enter_and_release("Receipt", body("Receipt", self._line(item, quantity, wh, lot, unitCost=str(cost))))

    @rule(
        item=st.sampled_from(ITEMS), quantity=amounts, wh=st.sampled_from(WAREHOUSES), lot=st.sampled_from(["", "L1"])
    )
    def issue(self, item, quantity, wh, lot):
        self._enter_and_release("Issue", body("Issue", self._line(item, quantity, wh, lot or "")))

    @rule(
        item=st.sampled_from(("AVG", "FIFO", "STD")),
        quantity=st.integers(min_value=-9, max_value=9).filter(bool),
        cost=costs,
        wh=st.sampled_from(WAREHOUSES),
    )
    def adjustment(self, item, quantity, cost, wh):
        members = {"unitCost": str(cost)} if quantity > 0 else {}
        self._enter_and_release("Adjustment", body("Adjustment", line(item, quantity, warehouse=wh, **members)))

    @rule(
        item=st.sampled_from(ITEMS), quantity=amounts, to=st.sampled_from(WAREHOUSES), lot=st.sampled_from(["L1", "L2"])
    )
    def transfer(self, item, quantity, to, lot):
        source = "SIDE" if to == "MAIN" else "MAIN"
        members = {"lotSerialNumber": lot} if item == "LOT" else {}
        payload = transfer_body(transfer_line(item, quantity, **members), source=source, to=to)
        self._enter_and_release("Transfer", payload)

    @rule(kind=st.sampled_from(list(PATHS)))
    def refused_body(self, kind):
        before = stock_snapshot(self.api)
        payload = (
            transfer_body(transfer_line("NOPE", 1))
            if kind == "Transfer"
            else body(kind, line("NOPE", 1), line("AVG", 1, warehouse="NOWHERE"))
        )
        response = self.api.post(PATHS[kind][0], payload)
        assert response.status_code == 400
        assert stock_snapshot(self.api) == before

    @invariant()
    def in_step(self):
        assert all(q >= 0 for q in quantities(self.api))
        assert on_hand_value(self.api) == self._balance()
        with self.api.database.reading() as session:
            assert ledger_invariants(session, self.api.company_id) == []


@pytest.mark.slow
def test_random_inventory_documents_keep_stock_and_books_in_step(database, client):
    def fresh():
        tenant = make_tenant(database, client)
        add_stock_setup(tenant)
        InventoryDocuments.tenant = tenant
        return InventoryDocuments()

    run_state_machine_as_test(
        fresh,
        settings=settings(
            max_examples=12, stateful_step_count=10, deadline=None, suppress_health_check=list(HealthCheck)
        ),
    )
