"""Property (slow, both databases): one state machine over every way stock moves through the API — inventory
receipts, issues, adjustments and transfers, kit assemblies (production and disassembly), purchase receipts and
returns of a purchase order's stock lines, and supplier invoices billing released receipt lines. After every step
no quantity on hand is below 0, the cost layers are worth what the inventory account (1400) holds, the ledger is
sound and the PO accrual account (2490) holds what was received and not yet billed; a refused release changes
nothing. At the end, billing every receipt (invoices) and every return (debit adjustments) clears the accrual."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import func, select

from nettfin.server.ledger.posting import account_balance, ledger_invariants
from nettfin.server.payables.document_models import SupplierDocument, SupplierDocumentLine
from nettfin.server.purchasing.models import PurchaseReceipt, PurchaseReceiptLine
from tests.conftest import make_tenant
from tests.factories import new_number
from tests.inventory_document_factories import (
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
from tests.kit_factories import add_kit_items, specification
from tests.receipt_factories import add_buying_company, order, receipt_body
from tests.supplier_ledger_factories import wrap

ZERO = Decimal(0)
ITEMS = ("AVG", "FIFO", "STD")
WAREHOUSES = ("MAIN", "SIDE")
amounts = st.integers(min_value=1, max_value=9)
costs = st.decimals(min_value=0, max_value=500, places=2)
# Purchase order lines: (item, quantity, unit cost, warehouse); line numbers 1.. in this order.
ORDER_LINES = (("AVG", 1000, 10, "MAIN"), ("FIFO", 1000, 7, "MAIN"), ("STD", 1000, 12, "MAIN"))
KIT_PATH = "/kitassembly"


class StockMoves(RuleBasedStateMachine):
    tenant = None  # set per run by the test

    def __init__(self) -> None:
        super().__init__()
        self.api = type(self).tenant
        self.order = order(self.api, *ORDER_LINES)
        self.receipts: list[str] = []
        self.returns: list[str] = []

    # -- what a refused release must leave as it was

    def _state(self) -> tuple:
        with self.api.database.reading() as session:
            company = self.api.company_id
            books = tuple(account_balance(session, company, account) for account in ("1400", "2490"))
        return stock_snapshot(self.api), books

    def _released(self, response, before: tuple) -> bool:
        if response.status_code == 200:
            return True
        assert response.status_code == 400, response.text
        assert self._state() == before
        return False

    # -- inventory documents

    def _document(self, kind: str, payload: dict) -> None:
        number = create(self.api, kind, payload)
        before = self._state()
        released = self._released(release(self.api, kind, number), before)
        assert read(self.api, kind, number)["status"] == ("Released" if released else "Balanced")

    @rule(item=st.sampled_from(ITEMS), quantity=amounts, cost=costs, wh=st.sampled_from(WAREHOUSES))
    def receipt(self, item, quantity, cost, wh):
        self._document("Receipt", body("Receipt", line(item, quantity, warehouse=wh, unitCost=str(cost))))

    @rule(item=st.sampled_from(ITEMS + ("KIT",)), quantity=amounts, wh=st.sampled_from(WAREHOUSES))
    def issue(self, item, quantity, wh):
        self._document("Issue", body("Issue", line(item, quantity, warehouse=wh)))

    @rule(
        item=st.sampled_from(ITEMS),
        quantity=st.integers(min_value=-9, max_value=9).filter(bool),
        cost=costs,
        wh=st.sampled_from(WAREHOUSES),
    )
    def adjustment(self, item, quantity, cost, wh):
        members = {"unitCost": str(cost)} if quantity > 0 else {}
        self._document("Adjustment", body("Adjustment", line(item, quantity, warehouse=wh, **members)))

    @rule(item=st.sampled_from(ITEMS + ("KIT",)), quantity=amounts, to=st.sampled_from(WAREHOUSES))
    def transfer(self, item, quantity, to):
        source = "SIDE" if to == "MAIN" else "MAIN"
        self._document("Transfer", transfer_body(transfer_line(item, quantity), source=source, to=to))

    # -- kit assemblies: KIT is one AVG and two FIFO

    @rule(kind=st.sampled_from(["P", "D"]), quantity=st.integers(min_value=1, max_value=4))
    def assemble(self, kind, quantity):
        payload = {
            "type": kind,
            **wrap(itemId="KIT", warehouse="MAIN", quantity=quantity, date="2020-03-05T00:00:00", description="Kit"),
        }
        response = self.api.post(KIT_PATH, payload)
        assert response.status_code == 201, response.text
        number = new_number(response)
        before = self._state()
        released = self._released(self.api.post(f"{KIT_PATH}/{kind}/{number}/action/release"), before)
        status = self.api.get(f"{KIT_PATH}/{kind}/{number}").json()["status"]
        assert (status == "R") if released else (status == "B"), status

    # -- purchasing

    def _purchase(self, order_line: int, quantity: int, kind: str) -> None:
        response = self.api.post(
            "/PurchaseReceipt", receipt_body(self.order, (order_line, quantity), receipt_type=kind)
        )
        if response.status_code == 400:  # e.g. returning more than was received
            return
        assert response.status_code == 201, response.text
        number = new_number(response)
        before = self._state()
        if self._released(self.api.post(f"/PurchaseReceipt/{number}/action/release"), before):
            (self.receipts if kind == "PoReceipt" else self.returns).append(number)

    @rule(order_line=st.sampled_from([1, 2, 3]), quantity=amounts)
    def purchase_receipt(self, order_line, quantity):
        self._purchase(order_line, quantity, "PoReceipt")

    @rule(order_line=st.sampled_from([1, 2, 3]), quantity=st.integers(min_value=1, max_value=5))
    def purchase_return(self, order_line, quantity):
        self._purchase(order_line, quantity, "PoReturn")

    def _bill(
        self, receipt: str, quantity: int | None = None, cost: Decimal | None = None, kind: str = "Invoice"
    ) -> bool:
        entry = {"poReceiptNumber": {"value": receipt}, "poReceiptLineNumber": {"value": 1}}
        if quantity is not None:
            entry["quantity"] = {"value": quantity}
        if cost is not None:
            entry["unitCostInCurrency"] = {"value": str(cost)}
        invoice = {
            **wrap(documentType=kind, supplierNumber="50000", date="2020-03-20"),
            "addPOReceiptLines": [entry],
        }
        response = self.api.post("/supplierInvoice", invoice)
        if response.status_code == 400:  # nothing (or not that much) left to bill
            return False
        assert response.status_code == 201, response.text
        released = self.api.post(f"/supplierInvoice/{kind}/{new_number(response)}/action/release")
        assert released.status_code == 200, released.text
        return True

    @rule(
        pick=st.integers(min_value=0, max_value=50),
        quantity=st.one_of(st.none(), st.integers(min_value=1, max_value=4)),
        cost=st.one_of(st.none(), st.decimals(min_value=1, max_value=80, places=2)),
    )
    def invoice(self, pick, quantity, cost):
        if self.receipts:
            self._bill(self.receipts[pick % len(self.receipts)], quantity, cost)

    # -- invariants

    def _accrual(self) -> tuple[Decimal, Decimal]:
        """(received and not yet billed, returned): receipt lines released, less returns, less what was billed."""
        company = self.api.company_id
        with self.api.database.reading() as session:
            received = {
                kind: value or ZERO
                for kind, value in session.execute(
                    select(PurchaseReceipt.receipt_type, func.sum(PurchaseReceiptLine.value))
                    .join(PurchaseReceipt, PurchaseReceipt.id == PurchaseReceiptLine.receipt_id)
                    .where(PurchaseReceipt.company_id == company, PurchaseReceipt.status == "Released")
                    .group_by(PurchaseReceipt.receipt_type)
                )
            }
            billed = {
                kind: value or ZERO
                for kind, value in session.execute(
                    select(SupplierDocument.document_type, func.sum(SupplierDocumentLine.receipt_value))
                    .join(SupplierDocument, SupplierDocument.id == SupplierDocumentLine.document_id)
                    .where(SupplierDocument.company_id == company, SupplierDocument.released)
                    .group_by(SupplierDocument.document_type)
                )
            }
        returned = received.get("PoReturn", ZERO) - billed.get("DebitAdj", ZERO)
        return received.get("PoReceipt", ZERO) - billed.get("Invoice", ZERO) - returned, returned

    @invariant()
    def in_step(self):
        assert all(q >= 0 for q in quantities(self.api))
        company = self.api.company_id
        unbilled, _ = self._accrual()
        with self.api.database.reading() as session:
            assert account_balance(session, company, "1400") == on_hand_value(self.api)
            assert account_balance(session, company, "2490") == -unbilled
            assert ledger_invariants(session, company) == []

    def teardown(self):
        """Bill every receipt line still unbilled (an invoice) and every return (a debit adjustment): the PO
        accrual (GRNI) is then exactly zero."""
        for receipt in self.receipts:
            self._bill(receipt)
        for returned in self.returns:
            self._bill(returned, kind="DebitAdj")
        assert self._accrual() == (ZERO, ZERO)
        with self.api.database.reading() as session:
            assert account_balance(session, self.api.company_id, "2490") == ZERO
            assert ledger_invariants(session, self.api.company_id) == []


@pytest.mark.slow
def test_every_way_stock_moves_keeps_quantities_value_and_grni_in_step(database, client):
    def fresh():
        tenant = make_tenant(database, client)
        add_buying_company(tenant)
        add_kit_items(tenant)
        response = tenant.post("/KitSpecifications", specification("KIT", "1", ("AVG", 1), ("FIFO", 2)))
        assert response.status_code == 201, response.text
        StockMoves.tenant = tenant
        return StockMoves()

    run_state_machine_as_test(
        fresh,
        settings=settings(
            max_examples=10, stateful_step_count=12, deadline=None, suppress_health_check=list(HealthCheck)
        ),
    )
