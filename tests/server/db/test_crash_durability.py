"""A server killed with SIGKILL in the middle of concurrent writes loses nothing it acknowledged: every customer
answered 201 is there after a restart, with the number its Location named, and the numbers stay unique and
without gaps (a number is taken inside the transaction that commits it)."""

from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx2

from nettfin.server.app import LEGACY_PREFIX
from tests.factories import add_reference_data, minimal_customer
from tests.servers import start_server, stop_server

WRITERS = 6
KILL_AFTER_ACKNOWLEDGED = 40


def _write_until_refused(base: str, headers: dict, acknowledged: list, stop: threading.Event, writer: int) -> None:
    with httpx2.Client(base_url=base, headers=headers, timeout=10) as client:
        n = 0
        while not stop.is_set():
            n += 1
            name = f"Krasj {writer}-{n}"
            try:
                response = client.post(f"{LEGACY_PREFIX}/v1/customer", json=minimal_customer(name))
            except httpx2.TransportError:
                return  # the server is gone: this write was never acknowledged
            if response.status_code == 201:
                acknowledged.append((name, response.headers["Location"].rsplit("/", 1)[-1]))


def test_acknowledged_writes_survive_a_kill_9_of_the_server(database_url, tenant, tmp_path):
    add_reference_data(tenant)
    process, base = start_server(database_url, tmp_path)
    acknowledged: list[tuple[str, str]] = []
    stop = threading.Event()
    try:
        with ThreadPoolExecutor(WRITERS) as pool:
            for writer in range(WRITERS):
                pool.submit(_write_until_refused, base, tenant.headers, acknowledged, stop, writer)
            deadline = time.monotonic() + 120
            while len(acknowledged) < KILL_AFTER_ACKNOWLEDGED and time.monotonic() < deadline:
                time.sleep(0.05)
            os.killpg(process.pid, signal.SIGKILL)  # the server and its workers, mid-write
            process.wait(timeout=20)
            stop.set()
    finally:
        if process.poll() is None:
            stop_server(process)
    assert len(acknowledged) >= KILL_AFTER_ACKNOWLEDGED

    process, base = start_server(database_url, tmp_path)
    try:
        stored = httpx2.get(
            f"{base}{LEGACY_PREFIX}/v1/customer", params={"pageSize": 1000}, headers=tenant.headers, timeout=30
        ).json()
    finally:
        stop_server(process)
    by_number = {customer["number"]: customer["name"] for customer in stored}
    assert all(by_number.get(number) == name for name, number in acknowledged)
    numbers = sorted(int(number) for number in by_number)
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
