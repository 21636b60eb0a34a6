"""Inventory issues under real concurrency (a server with two worker processes, both databases): issues of the
last units of an item released at once: exactly one is released, the others are refused as negative stock, and
the stock and the books stay in step."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import httpx2
import pytest

from tests.conftest import make_tenant
from tests.inventory_document_factories import body, create, enter_and_release, line, on_hand_value, quantities, read
from tests.stock_factories import add_stock_setup
from tests.supplier_ledger_factories import account_balance, assert_sound_books

PARALLEL = 8


@pytest.fixture
def company(database, client):
    tenant = make_tenant(database, client)
    add_stock_setup(tenant)
    return tenant


def test_concurrent_issues_of_the_last_units_release_exactly_one(server, company):
    enter_and_release(company, "Receipt", body("Receipt", line("FIFO", 5, unitCost="3")))
    issues = [create(company, "Issue", body("Issue", line("FIFO", 4))) for _ in range(PARALLEL)]
    urls = [f"{server}/API/controller/api/v1/inventoryissue/{number}/action/release" for number in issues]
    with httpx2.Client(timeout=120) as http, ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        responses = list(pool.map(lambda url: http.post(url, headers=company.headers), urls))
    assert sorted(r.status_code for r in responses) == [200] + [400] * (PARALLEL - 1), [r.text for r in responses]
    assert all("negative quantity on hand" in r.json()["message"] for r in responses if r.status_code == 400)
    statuses = sorted(read(company, "Issue", number)["status"] for number in issues)
    assert statuses == ["Balanced"] * (PARALLEL - 1) + ["Released"]
    assert sum(quantities(company)) == 1
    assert on_hand_value(company) == account_balance(company, "1400") == Decimal("3.00")
    assert_sound_books(company)
