"""Every posting path at once, under real concurrency (a server with two worker processes, both databases):
80 releases of journal transactions, supplier invoices and payments, customer invoices and payments of one
company, 8 at a time, all succeed without a deadlock between the data versions and the GL balances (the lock
order: `kit.changes.write_pending_versions`), and the books still balance. And what backs the lock order up:
`retrying_write` runs a service again after a deadlock or a serialization failure, never after anything else;
data versions are written at commit, and a cache never keeps what a transaction built from its own changes."""

from __future__ import annotations

import random
import sqlite3
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest
from psycopg import errors as pg_errors
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from nettfin.server.db import engine
from nettfin.server.db.engine import retrying_write
from nettfin.server.kit.changes import bump_version
from nettfin.server.kit.errors import BusinessError
from nettfin.server.ledger.journal import BatchStatus, JournalBatch
from nettfin.server.receivables.balances import reconciliation
from nettfin.server.receivables.models import Customer
from nettfin.server.tax.models import VatZone
from nettfin.server.tax.service import load_vat_setup
from tests.conftest import make_tenant
from tests.factories import new_number
from tests.supplier_ledger_factories import (
    assert_sound_books,
    books,
    create_invoice,
    journal_body,
    journal_line,
    payment_body,
    released_invoice,
    wrap,
)

THREADS = 8
# Releases per kind: 80 in all.
JOURNALS, SUPPLIER_INVOICES, SUPPLIER_PAYMENTS, CUSTOMER_INVOICES, CUSTOMER_PAYMENTS = 20, 20, 10, 20, 10


@pytest.fixture
def company(database, client):
    tenant = books(make_tenant(database, client))
    with database.writing() as session:
        zone = session.scalar(select(VatZone).where(VatZone.company_id == tenant.company_id, VatZone.zone_id == "01"))
        session.add(
            Customer(company_id=tenant.company_id, number="10000", name="Kunde AS", currency_id="NOK", vat_zone=zone)
        )
        bump_version(session, company_id=tenant.company_id, resource="customer")
    return tenant


def _journal(index: int) -> dict:
    """Manual entries over three accounts, their lines in different orders (the balances' lock order must not
    depend on them)."""
    amount = f"{index + 1}.00"
    lines = [journal_line("6800", debit=amount, segments=[{"segmentId": 1, "segmentValue": "30"}])]
    lines += [journal_line("4300", debit=amount), journal_line("1920", credit=f"{2 * (index + 1)}.00")]
    return journal_body(*(lines if index % 2 else lines[::-1]))


def _customer_invoice() -> dict:
    line = {"operation": "Insert", **wrap(inventoryNumber="test*test", quantity=1)}
    return {**wrap(customerNumber="10000", documentDate="2019-11-08"), "invoiceLines": [line]}


def _customer_payment(invoice: str) -> dict:
    line = {"operation": "Insert", **wrap(documentType="Invoice", refNbr=invoice, amountPaid=100)}
    return {
        **wrap(type="Payment", customer="10000", applicationDate="2019-12-01", paymentAmount=100),
        "paymentLines": [line],
    }


def _releases(company) -> list[tuple[str, dict | None]]:
    """(path, body) of each release, the documents created (and what payments apply to released) beforehand."""
    releases = []
    for index in range(JOURNALS):
        number = new_number(company.post("/journaltransaction", _journal(index)))
        releases.append((f"/journaltransaction/{number}/action/release", None))
    for _ in range(SUPPLIER_INVOICES):
        releases.append((f"/supplierInvoice/{create_invoice(company)}/action/release", None))
    for _ in range(SUPPLIER_PAYMENTS):
        body = payment_body(released_invoice(company))
        body["paymentLines"][0]["amountPaid"] = {"value": 100}
        payment = new_number(company.post("/supplierPayment", body))
        releases.append((f"/supplierPayment/{payment}/action/release", {"type": {"value": "Payment"}}))
    for _ in range(CUSTOMER_INVOICES):
        number = new_number(company.post("/customerinvoice", _customer_invoice()))
        releases.append((f"/customerinvoice/{number}/action/release", None))
    for _ in range(CUSTOMER_PAYMENTS):
        invoice = new_number(company.post("/customerinvoice", _customer_invoice()))
        assert company.post(f"/customerinvoice/{invoice}/action/release").status_code == 200
        payment = new_number(company.post("/customerPayment", _customer_payment(invoice)))
        releases.append((f"/customerPayment/{payment}/action/release", {"type": {"value": "Payment"}}))
    random.Random(80).shuffle(releases)
    return releases


def test_parallel_releases_of_every_kind_all_post_and_the_books_balance(live_server, company):
    base, mark = live_server.base, len(live_server.log)
    releases = _releases(company)
    assert len(releases) == 80
    before = _posted_batches(company)

    http = httpx2.Client(base_url=f"{base}/API/controller/api/v1", headers=company.headers, timeout=120)
    with http, ThreadPoolExecutor(max_workers=THREADS) as pool:
        responses = list(pool.map(lambda release: http.post(release[0], json=release[1]), releases))

    assert len(responses) == 80
    # Every release is of a document of its own, which nothing else touches: none may be refused (4xx) or fail.
    failed = [
        (path, r.status_code, r.text) for (path, _), r in zip(releases, responses, strict=True) if r.status_code != 200
    ]
    log = live_server.logged_since(mark)
    assert failed == [], "".join(log)[-5000:]
    # Not even a retry was needed: the lock order, not `retrying_write`, keeps the releases apart.
    assert [line for line in log if "running it again" in line] == []
    # Each release posted exactly one batch (a manual entry's was saved unposted).
    assert _posted_batches(company) == before + 80
    assert_sound_books(company)
    with company.database.reading() as session:
        ledger, control = reconciliation(session, company.company_id)
    assert ledger == control


def _posted_batches(tenant) -> int:
    with tenant.database.reading() as session:
        statement = select(func.count()).where(
            JournalBatch.company_id == tenant.company_id, JournalBatch.status == BatchStatus.POSTED.value
        )
        return session.scalar(statement)


# --- what backs the lock order up -------------------------------------------------------------------------


def _failing(*errors: BaseException):
    """A service that raises the errors one by one, then answers "done"; `calls` counts its runs."""
    pending = list(errors)

    @retrying_write
    def service() -> str:
        service.calls += 1
        if pending:
            raise pending.pop(0)
        return "done"

    service.calls = 0
    return service


def _database_error(orig: Exception) -> OperationalError:
    return OperationalError("UPDATE ledger_history ...", {}, orig)


@pytest.fixture
def no_pause(monkeypatch):
    monkeypatch.setattr(engine.time, "sleep", lambda _seconds: None)


def test_a_deadlock_or_a_serialization_failure_runs_the_service_again_and_each_retry_is_logged(no_pause, caplog):
    deadlock = _database_error(pg_errors.DeadlockDetected("deadlock detected"))
    serialization = _database_error(pg_errors.SerializationFailure("could not serialize access"))
    service = _failing(deadlock, serialization)
    assert service() == "done"
    assert service.calls == 3
    retries = [record.getMessage() for record in caplog.records if record.name == "nettfin.server.db.engine"]
    assert len(retries) == 2
    assert "deadlock; running it again" in retries[0] and "(attempt 2 of 3)" in retries[0]
    assert "serialization failure; running it again" in retries[1] and "(attempt 3 of 3)" in retries[1]


def test_three_attempts_at_most(no_pause):
    service = _failing(*[_database_error(pg_errors.DeadlockDetected("deadlock detected")) for _ in range(3)])
    with pytest.raises(OperationalError):
        service()
    assert service.calls == 3


@pytest.mark.parametrize(
    "error",
    [
        BusinessError("The document 000001 is already released."),
        _database_error(pg_errors.UniqueViolation("duplicate key")),
        # SQLite's own wait (the busy timeout) has already run out: waiting again is no cure.
        _database_error(sqlite3.OperationalError("database is locked")),
    ],
    ids=["client error", "unique violation", "sqlite locked"],
)
def test_anything_else_fails_at_once(no_pause, error):
    service = _failing(error)
    with pytest.raises(type(error)):
        service()
    assert service.calls == 1


def test_a_transaction_sees_its_own_changes_through_a_cache_and_no_other_transaction_does(database, client):
    tenant = make_tenant(database, client)
    with database.writing() as session:
        session.add(VatZone(company_id=tenant.company_id, zone_id="01", description="Innenlands"))
        bump_version(session, company_id=tenant.company_id, resource="vatZone")
    with database.reading() as session:
        assert set(load_vat_setup(session, tenant.company_id).zones) == {"01"}

    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), database.writing() as session:
        session.add(VatZone(company_id=tenant.company_id, zone_id="02", description="EU"))
        bump_version(session, company_id=tenant.company_id, resource="vatZone")
        assert set(load_vat_setup(session, tenant.company_id).zones) == {"01", "02"}
        raise Abandoned
    with database.reading() as session:
        assert set(load_vat_setup(session, tenant.company_id).zones) == {"01"}
