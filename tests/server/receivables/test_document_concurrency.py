"""Documents under real concurrency (a server with two worker processes, both databases): purchase order,
invoice and payment numbers stay unique under parallel POSTs, and concurrent releases of one invoice or one
payment post it once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest
from sqlalchemy import func, select

from nettfin.server.ledger.journal import JournalBatch
from nettfin.server.ledger.posting import ledger_invariants
from nettfin.server.receivables.balances import reconciliation
from tests.conftest import make_tenant
from tests.factories import new_number
from tests.sales_factories import add_trading_company, invoice_body, order_body, payment_body

PARALLEL = 20


@pytest.fixture
def company(database, client):
    tenant = make_tenant(database, client)
    add_trading_company(tenant)
    return tenant


def _parallel(base: str, tenant, method: str, path: str, bodies: list) -> list[httpx2.Response]:
    url = f"{base}/API/controller/api/v1{path}"
    with httpx2.Client(timeout=120) as http, ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        return list(pool.map(lambda body: http.request(method, url, json=body, headers=tenant.headers), bodies))


def _batches(tenant) -> int:
    with tenant.database.reading() as session:
        statement = select(func.count()).select_from(JournalBatch).where(JournalBatch.company_id == tenant.company_id)
        return session.scalar(statement)


@pytest.mark.parametrize("path", ["/purchaseorder", "/customerinvoice", "/customerPayment"])
def test_parallel_posts_get_distinct_consecutive_numbers(server, company, path):
    body = {
        "/purchaseorder": order_body(),
        "/customerinvoice": invoice_body(),
        "/customerPayment": payment_body(amount="1"),
    }
    responses = _parallel(server, company, "POST", path, [body[path]] * PARALLEL)
    assert [r.status_code for r in responses] == [201] * PARALLEL, [r.text for r in responses if r.status_code != 201]
    numbers = sorted(r.headers["Location"].rsplit("/", 1)[-1] for r in responses)
    assert numbers == [f"{n:06d}" for n in range(1, PARALLEL + 1)]


def test_concurrent_releases_of_one_invoice_post_it_once(server, company):
    number = new_number(company.post("/customerinvoice", invoice_body()))
    responses = _parallel(server, company, "POST", f"/customerinvoice/{number}/action/release", [None] * 10)
    assert sorted(r.status_code for r in responses) == [200] + [400] * 9
    assert all("is already released" in r.json()["message"] for r in responses if r.status_code == 400)
    assert _batches(company) == 1
    with company.database.reading() as session:
        assert ledger_invariants(session, company.company_id) == []


def test_concurrent_releases_of_one_payment_apply_and_post_it_once(server, company):
    invoice = new_number(company.post("/customerinvoice", invoice_body()))
    assert company.post(f"/customerinvoice/{invoice}/action/release").status_code == 200
    payment = new_number(
        company.post("/customerPayment", payment_body(amount="100", lines=[("Invoice", invoice, "100")]))
    )
    body = {"type": {"value": "Payment"}}
    responses = _parallel(server, company, "POST", f"/customerPayment/{payment}/action/release", [body] * 10)
    assert sorted(r.status_code for r in responses) == [200] + [400] * 9
    assert company.get(f"/customerinvoice/{invoice}").json()["balance"] == 747.88
    assert _batches(company) == 2
    with company.database.reading() as session:
        ledger, control = reconciliation(session, company.company_id)
        assert ledger == control
