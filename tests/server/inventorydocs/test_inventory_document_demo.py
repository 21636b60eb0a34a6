"""The demo company's inventory documents: receipts put stock on hand in both warehouses (lots of 1101, serial
numbers of 1102, the standard-cost 1103), an issue, an adjustment and a transfer are released, one receipt is on
hold; the stock's value is the inventory account's balance."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from nettfin.server.ledger.journal import JournalBatch, JournalLine, Module
from nettfin.server.ledger.models import Account
from nettfin.server.ledger.posting import ledger_invariants
from nettfin.server.stock.models import CostLayer, StockQuantity
from tests.inventory_document_factories import PATHS
from tests.ledger_factories import assert_real
from tests.party_factories import DEMO_API, seeded_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with seeded_demo(tmp_path_factory.mktemp("inventory-document-demo")) as client:
        yield client


def _list(demo, kind: str) -> list[dict]:
    response = demo.get(f"{DEMO_API}{PATHS[kind][0]}")
    assert response.status_code == 200, response.text
    for element in response.json():
        assert_real(element, PATHS[kind][2], PATHS[kind][3])
    return response.json()


def test_the_demo_has_released_documents_of_every_type_and_a_receipt_on_hold(demo):
    receipts = _list(demo, "Receipt")
    assert [r["status"] for r in receipts] == ["Released", "Released", "Released", "Hold"]
    assert {x["inventoryItem"]["number"] for x in receipts[0]["receiptLines"]} == {str(n) for n in range(1001, 1013)}
    lots = receipts[2]["receiptLines"][0]["allocations"]
    assert [a["lotSerialNumber"] for a in lots] == ["P-2019-01", "P-2019-02"]
    for kind in ("Issue", "Adjustment", "Transfer"):
        assert [d["status"] for d in _list(demo, kind)] == ["Released"]
    transfer = _list(demo, "Transfer")[0]
    assert (transfer["warehouse"]["id"], transfer["toWarehouse"]["id"]) == ("1", "2")


def test_the_stock_value_is_what_stock_movements_posted_to_the_inventory_account_and_the_books_are_sound(demo):
    """Inventory documents, kits and counts post in IN, purchase receipts in PO; the demo's journals post to 1400
    too, so only those two modules are summed."""
    with demo.app.state.db.reading() as session:
        company = session.scalar(select(CostLayer.company_id).limit(1))
        value = session.scalar(select(func.sum(CostLayer.value)).where(CostLayer.company_id == company))
        posted = session.scalar(
            select(func.sum(JournalLine.debit - JournalLine.credit))
            .join(JournalBatch, JournalBatch.id == JournalLine.batch_id)
            .join(Account, Account.id == JournalLine.account_id)
            .where(
                JournalBatch.company_id == company,
                JournalBatch.module.in_((Module.IN, Module.PO)),
                Account.account_cd == "1400",
            )
        )
        assert value == posted and value > 0
        assert ledger_invariants(session, company) == []
        negative = select(func.count()).select_from(StockQuantity).where(StockQuantity.on_hand < 0)
        assert session.scalar(negative) == 0
    batch = _list(demo, "Receipt")[0]["batchNumber"]
    assert demo.get(f"{DEMO_API}/journaltransaction/{batch}").json()["module"] == "ModuleIN"
