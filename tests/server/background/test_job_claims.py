"""The job runner across real server processes: each queued call runs exactly once when two server processes
(and the test's own) claim jobs from one database, and a server killed with SIGKILL while it runs calls leaves
nothing lost and nothing done twice once it is back (a job whose holder died is claimed again when its lease runs
out; a run that finds the first run's change committed does not make it again)."""

from __future__ import annotations

import os
import signal
import time

import httpx2
from sqlalchemy import func, select

from nettfin.server.background import replay, service
from nettfin.server.background.models import BackgroundRequest
from nettfin.server.jobs.models import Job
from nettfin.server.receivables.models import Customer
from tests.factories import add_reference_data, minimal_customer
from tests.servers import start_server, stop_server

CALLS = 30


def _queue(base: str, headers: dict, prefix: str) -> list[str]:
    with httpx2.Client(base_url=base, headers={**headers, "erp-api-background": "none"}, timeout=30) as client:
        return [client.post("/v1/customer", json=minimal_customer(f"{prefix} {n}")).json()["id"] for n in range(CALLS)]


def _states(database, ids: list[str]) -> list[BackgroundRequest]:
    with database.reading() as session:
        return list(session.scalars(select(BackgroundRequest).where(BackgroundRequest.id.in_(ids))))


def _wait_until_run(database, ids: list[str], *, at_least: int = CALLS, within: float = 240.0) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if sum(state.status != "Started" for state in _states(database, ids)) >= at_least:
            return
        time.sleep(0.1)


def _customers_named(database, company_id: int, prefix: str) -> dict[str, int]:
    with database.reading() as session:
        rows = session.execute(
            select(Customer.name, func.count())
            .where(Customer.company_id == company_id, Customer.name.like(f"{prefix} %"))
            .group_by(Customer.name)
        )
        return dict(rows.all())


def test_two_server_processes_run_each_queued_call_exactly_once(database, database_url, tenant, tmp_path):
    add_reference_data(tenant)
    process, base = start_server(database_url, tmp_path)  # two worker processes, each with its job workers
    try:
        ids = _queue(base, tenant.headers, "Once")
        _wait_until_run(database, ids)
    finally:
        stop_server(process)

    states = _states(database, ids)
    assert [(s.status, s.status_code) for s in states] == [("Finished", 201)] * CALLS
    assert _customers_named(database, tenant.company_id, "Once") == {f"Once {n}": 1 for n in range(CALLS)}
    with database.reading() as session:
        attempts = session.scalars(select(Job.attempts).where(Job.kind == service.CALL, Job.ref.in_(ids))).all()
    assert sorted(attempts) == [1] * CALLS


def test_a_server_killed_while_it_runs_calls_runs_each_of_them_once_after_a_restart(
    database, database_url, tenant, tmp_path
):
    add_reference_data(tenant)
    lease = {"NETTFIN_JOB_LEASE_SECONDS": "2"}
    process, base = start_server(database_url, tmp_path, **lease)
    try:
        ids = _queue(base, tenant.headers, "Killed")
        _wait_until_run(database, ids, at_least=3)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the server and its workers, mid-queue
        process.wait(timeout=20)
    process, base = start_server(database_url, tmp_path, **lease)
    try:
        _wait_until_run(database, ids)
    finally:
        stop_server(process)

    states = _states(database, ids)
    outcomes = {(s.status, s.status_code, s.error_message) for s in states}
    assert outcomes <= {("Finished", 201, None), ("Failed", 0, replay.INTERRUPTED)}
    assert _customers_named(database, tenant.company_id, "Killed") == {f"Killed {n}": 1 for n in range(CALLS)}
