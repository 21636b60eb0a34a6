"""What the longest write a client may send costs, and what other writers go through meanwhile: a supplier
invoice of 5,000 lines (the most a document takes) is POSTed and released through a real server (two worker
processes), while another client POSTs small customers one after the other and times each.

    .venv/bin/python bench/long_writes.py                 # SQLite, and PostgreSQL when NETTFIN_TEST_POSTGRES_URL is set
    .venv/bin/python bench/long_writes.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    .venv/bin/python bench/long_writes.py --lines 500     # smoke run

On SQLite every writer waits for the one write lock (up to the busy timeout, `db.engine`); on PostgreSQL
writers of different rows do not wait for each other. A measurement, not a test: nothing asserts on time; every
request is checked for the answer it should get, and a small POST that fails is counted and printed.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import httpx2
from documents import LINES, SEGMENTS, postgres_url, sqlite_url

from nettfin.server.app import LEGACY_PREFIX
from nettfin.server.db.engine import SQLITE_BUSY_TIMEOUT_SECONDS, Database
from nettfin.server.db.migrate import upgrade
from nettfin.server.demo.seed import DEMO_TOKEN, ensure_demo

HEADERS = {"Authorization": f"Bearer {DEMO_TOKEN}", "ipp-company-id": "1"}


def big_invoice(lines: int) -> dict:
    """A supplier invoice of `lines` lines, cycling through bench/documents.py's five kinds of line."""
    return {
        "supplierNumber": {"value": "50000"},
        "date": {"value": "2020-01-15"},
        "supplierReference": {"value": f"LONG-{lines}"},
        "invoiceLines": [
            {
                "operation": "Insert",
                "inventoryNumber": {"value": item},
                "quantity": {"value": quantity},
                "unitCostInCurrency": {"value": cost},
                "subaccount": SEGMENTS,
            }
            for item, quantity, cost in (LINES[index % len(LINES)] for index in range(lines))
        ],
    }


def customer(index: int) -> dict:
    return {
        "name": {"value": f"Kunde {index}"},
        "overrideWithClassValues": True,
        "customerClassId": {"value": "1"},
        "mainAddress": {"value": {"addressLine1": {"value": "Storgata 5"}, "countryId": {"value": "NO"}}},
    }


def serve(url: str, data_dir: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = ["serve", "--database-url", url, "--port", str(port), "--workers", "2", "--throttle", "off"]
    process = subprocess.Popen(
        [sys.executable, "-m", "nettfin.cli.main", *command],
        env={**os.environ, "NETTFIN_DATA_DIR": data_dir},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}{LEGACY_PREFIX}/v1"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"{base}/customer", headers=HEADERS, timeout=2).status_code == 200:
                return process, base
        except httpx2.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


class SmallWriter(threading.Thread):
    """Another client: customer POSTs one after another until stopped, each one timed."""

    def __init__(self, http: httpx2.Client, base: str) -> None:
        super().__init__()
        self.http, self.base = http, base
        self.seconds: list[float] = []
        self.failures: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.post_one()

    def post_one(self) -> None:
        started = time.perf_counter()
        try:
            response = self.http.post(f"{self.base}/customer", json=customer(len(self.seconds)), headers=HEADERS)
            if response.status_code != 201:
                self.failures.append(f"{response.status_code}: {response.text[:120]}")
        except httpx2.TransportError as error:
            self.failures.append(repr(error))
        self.seconds.append(time.perf_counter() - started)


def measure(url: str, label: str, lines: int) -> None:
    upgrade(url)
    db = Database(url)
    ensure_demo(db)
    db.dispose()
    with tempfile.TemporaryDirectory() as data_dir:
        process, base = serve(url, data_dir)
        try:
            with httpx2.Client(timeout=300) as http:
                alone = SmallWriter(http, base)
                for _ in range(25):
                    alone.post_one()
                assert not alone.failures, alone.failures
                body = big_invoice(lines)
                other = SmallWriter(http, base)
                other.start()
                time.sleep(0.5)  # the other writer is under way before the long write begins
                started = time.perf_counter()
                response = http.post(f"{base}/supplierInvoice", json=body, headers=HEADERS)
                post_seconds = time.perf_counter() - started
                assert response.status_code == 201, response.text[:300]
                number = response.headers["Location"].rsplit("/", 1)[-1]
                started = time.perf_counter()
                response = http.post(f"{base}/supplierInvoice/{number}/action/release", headers=HEADERS)
                release_seconds = time.perf_counter() - started
                assert response.status_code == 200, response.text[:300]
                other.stop.set()
                other.join()
        finally:
            process.terminate()
            process.wait(timeout=30)
    print(f"\n{label}: a supplier invoice of {lines} lines, through a server with two workers")
    print(f"  POST, s                                  {post_seconds:>8.2f}")
    print(f"  release, s                               {release_seconds:>8.2f}")
    print(f"  small customer POST alone, median ms     {statistics.median(alone.seconds[5:]) * 1000:>8.1f}")
    print(f"  small POSTs meanwhile                    {len(other.seconds):>8d}")
    print(f"  small POST meanwhile, median ms          {statistics.median(other.seconds) * 1000:>8.1f}")
    print(f"  small POST meanwhile, longest s          {max(other.seconds):>8.2f}")
    print(f"  small POSTs that failed                  {len(other.failures):>8d}")
    for failure in other.failures[:5]:
        print(f"    {failure}")
    print("  load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL server URL; a scratch database is created and dropped")
    parser.add_argument("--lines", type=int, default=5000, help="lines of the long invoice (5,000: the most allowed)")
    args = parser.parse_args()
    print(f"SQLite busy timeout: {SQLITE_BUSY_TIMEOUT_SECONDS} s")
    with sqlite_url() as url:
        measure(url, "SQLite", args.lines)
    server = args.postgres or os.environ.get("NETTFIN_TEST_POSTGRES_URL")
    if server:
        with postgres_url(server) as url:
            measure(url, "PostgreSQL", args.lines)


if __name__ == "__main__":
    main()
