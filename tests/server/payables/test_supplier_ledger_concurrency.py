"""The supplier ledger and the journal under real concurrency (a server with two worker processes, both
databases): document and batch numbers stay unique under parallel POSTs, and concurrent releases of one
supplier invoice or one supplier payment post it once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest

from tests.conftest import make_tenant
from tests.supplier_ledger_factories import (
    assert_sound_books,
    batch_count,
    books,
    create_invoice,
    invoice_body,
    journal_body,
    journal_line,
    payment_body,
    released_invoice,
)

PARALLEL = 20


@pytest.fixture
def company(database, client):
    return books(make_tenant(database, client))


def _parallel(base: str, tenant, path: str, bodies: list) -> list[httpx2.Response]:
    url = f"{base}/API/controller/api/v1{path}"
    with httpx2.Client(timeout=120) as http, ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        return list(pool.map(lambda body: http.post(url, json=body, headers=tenant.headers), bodies))


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/supplierInvoice", invoice_body()),
        ("/supplierPayment", payment_body(paymentAmount={"value": 1})),
        ("/journaltransaction", journal_body(journal_line("6800", debit="1"), journal_line("1920", credit="1"))),
    ],
    ids=["supplierInvoice", "supplierPayment", "journaltransaction"],
)
def test_parallel_posts_get_distinct_consecutive_numbers(server, company, path, body):
    responses = _parallel(server, company, path, [body] * PARALLEL)
    assert [r.status_code for r in responses] == [201] * PARALLEL, [r.text for r in responses if r.status_code != 201]
    numbers = sorted(r.headers["Location"].rsplit("/", 1)[-1] for r in responses)
    assert numbers == [f"{n:06d}" for n in range(1, PARALLEL + 1)]


def test_concurrent_releases_of_one_invoice_post_it_once(server, company):
    number = create_invoice(company)
    responses = _parallel(server, company, f"/supplierInvoice/{number}/action/release", [None] * 10)
    assert sorted(r.status_code for r in responses) == [200] + [400] * 9
    assert all("is already released" in r.json()["message"] for r in responses if r.status_code == 400)
    assert batch_count(company) == 1
    assert company.get(f"/supplierInvoice/{number}").json()["balance"] == 125
    assert_sound_books(company)


def test_concurrent_releases_of_one_payment_apply_and_post_it_once(server, company):
    invoice = released_invoice(company)
    body = payment_body(invoice)
    body["paymentLines"][0]["amountPaid"] = {"value": 100}
    payment = company.post("/supplierPayment", body).headers["Location"].rsplit("/", 1)[-1]
    responses = _parallel(
        server, company, f"/supplierPayment/{payment}/action/release", [{"type": {"value": "Payment"}}] * 10
    )
    assert sorted(r.status_code for r in responses) == [200] + [400] * 9
    assert company.get(f"/supplierInvoice/{invoice}").json()["balance"] == 25
    assert batch_count(company) == 2
    assert_sound_books(company)


def test_concurrent_payments_of_one_invoice_never_overdraw_it(server, company):
    invoice = released_invoice(company)
    payments = [
        company.post("/supplierPayment", payment_body(invoice)).headers["Location"].rsplit("/", 1)[-1] for _ in range(6)
    ]
    url = f"{server}/API/controller/api/v1/supplierPayment/{{}}/action/release"
    with httpx2.Client(timeout=120) as http, ThreadPoolExecutor(max_workers=6) as pool:
        responses = list(pool.map(lambda n: http.post(url.format(n), headers=company.headers), payments))
    assert sorted(r.status_code for r in responses) == [200] + [400] * 5
    assert company.get(f"/supplierInvoice/{invoice}").json()[("status")] == "Closed"
    assert_sound_books(company)
