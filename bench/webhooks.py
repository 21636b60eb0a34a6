"""How fast a committed change reaches its webhook receiver: a receiver in this process (a threaded HTTP server on
127.0.0.1 that notes when each notification arrives), a subscription of the demo's Connect application to
`customer_created` for it, and customers created over real HTTP through real server processes (`nettfin serve`).

1. Latency: customers created one after another (one server process, on SQLite and on PostgreSQL); per event,
   the receiver's arrival time minus the moment the client had the 201. The commit happened before the 201, so
   this slightly under-states the time from commit to delivery (and can be negative: the job's worker is woken at
   the commit and may deliver before the 201 reaches the client).
2. Throughput (PostgreSQL): customers created concurrently by a pool of clients spread over the server processes;
   deliveries per second at the receiver from the first request to the last delivery, with one server process
   and with two sharing the database, and their ratio.

    .venv/bin/python bench/webhooks.py                 # SQLite, and PostgreSQL when NETTFIN_TEST_POSTGRES_URL is set
    .venv/bin/python bench/webhooks.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    .venv/bin/python bench/webhooks.py --events 200    # smoke run

The load generator, the receiver and the servers share the machine's CPUs: on a small machine the figures are
the machine's, not the delivery path's alone. A measurement, not a test: nothing asserts on time; every creation
is checked for its 201 and every delivery counted.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx2
from documents import postgres_url, sqlite_url
from long_writes import HEADERS

from nettfin.server.app import LEGACY_PREFIX
from nettfin.server.db.engine import Database
from nettfin.server.db.migrate import upgrade
from nettfin.server.demo.seed import DEMO_CONNECT_CLIENT_ID, ensure_demo
from nettfin.server.identity.connect.service import find_application
from nettfin.server.webhooks.service import FINANCIALS, create_subscription

JOB_WORKERS = 2
JOB_POLL_SECONDS = 1.0
CLIENTS = 8
WARM_UP = 10
WAIT_SECONDS = 120.0


class Receiver:
    """A webhook receiver: notes the monotonic time each notification arrives, by the customer it names."""

    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}
        self.changed = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, for a sender that reuses its connection

            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                now = time.monotonic()
                notification = json.loads(body)
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()
                with receiver.changed:
                    receiver.arrived.setdefault(str(notification["id"]), now)
                    receiver.changed.notify_all()

            def log_message(self, *_args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, ids: list[str]) -> list[float | None]:
        """Each id's arrival, waiting up to WAIT_SECONDS for the last ones; None for a notification never seen."""
        deadline = time.monotonic() + WAIT_SECONDS
        with self.changed:
            while not all(one in self.arrived for one in ids) and time.monotonic() < deadline:
                self.changed.wait(timeout=0.5)
            return [self.arrived.get(one) for one in ids]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def prepare(url: str, receiver: Receiver) -> None:
    """The demo company, and a subscription of its approved Connect application to customer_created (customer
    numbers start again in each database: the receiver forgets what it saw)."""
    with receiver.changed:
        receiver.arrived.clear()
    upgrade(url)
    db = Database(url)
    ensure_demo(db)
    with db.writing() as session:
        application = find_application(session, DEMO_CONNECT_CLIENT_ID)
        create_subscription(
            session, application, publisher=FINANCIALS, event_types=["customer_created"], url=receiver.url
        )
    db.dispose()


def serve(url: str, data_dir: str, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """One server process (`nettfin serve`, one uvicorn worker), the throttle off; its API's base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = ["serve", "--database-url", url, "--port", str(port), "--workers", "1", "--throttle", "off"]
    process = subprocess.Popen(
        [sys.executable, "-m", "nettfin.cli.main", *command],
        env={**os.environ, "NETTFIN_DATA_DIR": data_dir, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}{LEGACY_PREFIX}/v1"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"{base}/customer", headers=HEADERS, params={"pageSize": 1}, timeout=2).status_code == 200:
                return process, base
        except httpx2.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


class Servers:
    """`count` server processes (one uvicorn worker each) on the same database, each on a port of its own."""

    def __init__(self, url: str, count: int, data_dir: str) -> None:
        env = {"NETTFIN_JOB_WORKERS": str(JOB_WORKERS), "NETTFIN_JOB_POLL_SECONDS": str(JOB_POLL_SECONDS)}
        self.processes: list[subprocess.Popen] = []
        self.bases: list[str] = []
        try:
            for _ in range(count):  # one after the other: each migrates the database as it starts
                process, base = serve(url, data_dir, env)
                self.processes.append(process)
                self.bases.append(base)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=30)


def create_customer(http: httpx2.Client, base: str, index: int) -> tuple[str, float]:
    """A new customer: its number (the notification's `id`) and when the client had the 201."""
    response = http.post(f"{base}/customer", json={"name": {"value": f"Webhook {index}"}}, headers=HEADERS)
    received = time.monotonic()
    assert response.status_code == 201, f"{response.status_code}: {response.text[:300]}"
    return response.headers["Location"].rsplit("/", 1)[-1], received


def latency(url: str, label: str, events: int, receiver: Receiver) -> dict[str, float]:
    """Customers created one after another through one server process; ms from each 201 to its delivery."""
    with tempfile.TemporaryDirectory() as data_dir:
        servers = Servers(url, 1, data_dir)
        try:
            with httpx2.Client(timeout=60) as http:
                base = servers.bases[0]
                warm = [create_customer(http, base, -n)[0] for n in range(1, WARM_UP + 1)]
                receiver.wait_for(warm)
                created = [create_customer(http, base, n) for n in range(events)]
            arrivals = receiver.wait_for([number for number, _ in created])
        finally:
            servers.stop()
    delays = [(arrived - at) * 1000 for (_, at), arrived in zip(created, arrivals, strict=True) if arrived is not None]
    missing = events - len(delays)
    delays.sort()
    result = {
        "median": statistics.median(delays),
        "p99": delays[min(len(delays) - 1, round(0.99 * len(delays)) - 1)],
        "max": delays[-1],
        "min": delays[0],
        "missing": missing,
    }
    print(f"\n{label}, one server process: {events} customers created one after another")
    print("  latency from the 201 to the delivery, ms:", end=" ")
    print(f"median {result['median']:.1f}, p99 {result['p99']:.1f}, max {result['max']:.1f} (min {result['min']:.1f})")
    print(f"  notifications not delivered within {WAIT_SECONDS:.0f} s: {missing}")
    return result


def throughput(url: str, label: str, events: int, processes: int, receiver: Receiver) -> dict[str, float]:
    """Customers created by CLIENTS concurrent clients spread over `processes` server processes; deliveries per
    second at the receiver from the first request to the last delivery."""
    with tempfile.TemporaryDirectory() as data_dir:
        servers = Servers(url, processes, data_dir)
        local = threading.local()
        clients: list[httpx2.Client] = []

        def one(index: int) -> tuple[str, float]:
            if not hasattr(local, "http"):
                local.http = httpx2.Client(timeout=60)
                clients.append(local.http)
            return create_customer(local.http, servers.bases[index % processes], index)

        try:
            with ThreadPoolExecutor(CLIENTS) as pool:
                warm = [number for number, _ in pool.map(one, range(-WARM_UP * processes, 0))]
                receiver.wait_for(warm)
                started = time.monotonic()
                created = list(pool.map(one, range(events)))
            arrivals = receiver.wait_for([number for number, _ in created])
        finally:
            for http in clients:
                http.close()
            servers.stop()
    delivered = [arrived for arrived in arrivals if arrived is not None]
    last_201 = max(at for _, at in created)
    result = {
        "created_per_s": events / (last_201 - started),
        "delivered_per_s": len(delivered) / (max(delivered) - started),
        "missing": events - len(delivered),
        "lag_ms": (max(delivered) - last_201) * 1000,
    }
    plural = "es" if processes > 1 else ""
    print(f"\n{label}, {processes} server process{plural}: {events} customers from {CLIENTS} concurrent clients")
    print(f"  created (201s) per second                 {result['created_per_s']:>8.1f}")
    print(f"  delivered per second (first request to last delivery) {result['delivered_per_s']:>8.1f}")
    print(f"  last delivery after the last 201, ms      {result['lag_ms']:>8.1f}")
    print(f"  notifications not delivered within {WAIT_SECONDS:.0f} s: {result['missing']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL server URL; scratch databases are created and dropped")
    parser.add_argument("--events", type=int, default=1000, help="customers created per measurement (1,000)")
    args = parser.parse_args()
    print(f"job_workers={JOB_WORKERS} per process, job_poll_seconds={JOB_POLL_SECONDS}, throttle off,", end=" ")
    print(f"{CLIENTS} clients")
    print(f"{os.cpu_count()} CPUs, shared by the load generator, the receiver and the servers")
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    receiver = Receiver()
    try:
        with sqlite_url() as url:
            prepare(url, receiver)
            latency(url, "SQLite", args.events, receiver)
        server = args.postgres or os.environ.get("NETTFIN_TEST_POSTGRES_URL")
        if server:
            with postgres_url(server) as url:
                prepare(url, receiver)
                latency(url, "PostgreSQL", args.events, receiver)
            rates = {}
            for processes in (1, 2):
                with postgres_url(server) as url:
                    prepare(url, receiver)
                    rates[processes] = throughput(url, "PostgreSQL", args.events, processes, receiver)
            ratio = rates[2]["delivered_per_s"] / rates[1]["delivered_per_s"]
            print(f"\nPostgreSQL deliveries per second, two processes / one: {ratio:.2f} x")
    finally:
        receiver.close()
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
