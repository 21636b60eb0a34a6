"""The demo company's expenses: claims in each state the flow leaves one in, the released one posted and the
books sound, open receipts, and the pending claim released by its approval with the printed demo token."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nettfin.server.ledger.posting import account_balance, ledger_invariants
from tests.party_factories import DEMO_API, assert_real, seeded_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with seeded_demo(tmp_path_factory.mktemp("expense-demo")) as client:
        yield client


def test_the_demo_has_a_claim_in_each_state_and_open_receipts(demo):
    claims = demo.get(f"{DEMO_API}/expenseClaim").json()
    assert [(c["refNbr"], c["claimedBy"]["number"], c["status"]) for c in claims] == [
        ("000001", "E002", "Released"),
        ("000002", "E003", "PendingApproval"),
        ("000003", "E001", "Hold"),
    ]
    for claim in claims:
        assert_real(claim, "expenseclaim", "ExpenseClaimDto")
    assert claims[0]["claimTotal"] == 3620.0
    receipts = demo.get(f"{DEMO_API}/expenseReceipt", params={"status": "Open"}).json()
    assert [(r["claimedBy"]["employeeNumber"], r.get("expenseClaim")) for r in receipts] == [
        ("E001", {"number": "000003", "description": "Kontorrekvisita"}),
        ("E001", None),
        ("E010", None),
    ]


def test_the_released_claim_is_posted_and_the_books_are_sound(demo):
    with demo.app.state.db.reading() as session:
        assert ledger_invariants(session, 1) == []
        # 2500 at 25 % and 870 + 250 at 12 %: 500 and 120 input VAT, 3620 owed to the employee.
        assert account_balance(session, 1, "2990") == Decimal("-3620.00")
        assert account_balance(session, 1, "2712") == Decimal("120.00")


def test_the_pending_claim_is_released_by_its_approval_and_the_held_one_rejected(demo):
    assert demo.post(f"{DEMO_API}/expenseClaim/000002/action/approval").status_code == 200
    assert demo.get(f"{DEMO_API}/expenseClaim/000002").json()["status"] == "Released"
    assert demo.post(f"{DEMO_API}/expenseClaim/000003/action/submit").status_code == 200
    assert demo.post(f"{DEMO_API}/expenseClaim/000003/action/approval").status_code == 200
    assert demo.get(f"{DEMO_API}/expenseClaim/000003").json()["status"] == "Rejected"
    with demo.app.state.db.reading() as session:
        assert ledger_invariants(session, 1) == []
