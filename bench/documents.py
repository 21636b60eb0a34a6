"""What supplier invoices cost: POST of a 5-line supplier invoice (items, VAT determination, subaccount
validation, totals) and its release (posting through the ledger's engine), as requests per second against a
bare ASGI app answering the same bytes; and a page of 500 invoices with their lines, timed and counted in SQL
statements against a page of 50 (lines are loaded with one query per page, not one per document).

    .venv/bin/python bench/documents.py                 # SQLite
    .venv/bin/python bench/documents.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    .venv/bin/python bench/documents.py --quick         # smoke run, seconds

Each backend gets a fresh database seeded with the demo company. Ratios are measured in the same run; the
machine's load average is printed with them. A measurement, not a test: nothing asserts on time; it only checks
that every request got the answer it should, so a fast wrong answer cannot pass for a fast right one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from scratch import postgres_url, sqlite_url
from sqlalchemy import event
from starlette.testclient import TestClient

from nettfin.server.app import LEGACY_PREFIX, create_app
from nettfin.server.db.engine import Database
from nettfin.server.db.migrate import upgrade
from nettfin.server.demo.seed import DEMO_TOKEN, ensure_demo
from nettfin.server.settings import Settings

API = f"{LEGACY_PREFIX}/v1/supplierInvoice"
SEGMENTS = [{"segmentId": 1, "segmentValue": "20"}, {"segmentId": 2, "segmentValue": "200"}]
# Five lines, five VAT outcomes: categories 03 (25 %), 31 (15 %), 33 (12 %), 03 on a stock item, 05 (none).
LINES = [
    ("test*test", 3, "100.00"),
    ("2001", 2, "160.00"),
    ("4003", 1, "300.00"),
    ("1001", 1, "1450.00"),
    ("4002", 4, "600.00"),
]


def invoice_body(index: int) -> dict:
    lines = [
        {
            "operation": "Insert",
            "inventoryNumber": {"value": item},
            "quantity": {"value": quantity},
            "unitCostInCurrency": {"value": cost},
            "subaccount": SEGMENTS,
        }
        for item, quantity, cost in LINES
    ]
    return {
        "supplierNumber": {"value": "50000"},
        "date": {"value": "2020-01-15"},
        "supplierReference": {"value": f"BENCH-{index}"},
        "invoiceLines": lines,
    }


# --- databases ---------------------------------------------------------------------------------------------


# --- measuring ---------------------------------------------------------------------------------------------


def bare_app(status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> Callable:
    """A raw ASGI callable answering every request with one fixed response: the floor any framework adds to."""

    async def app(scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                await send({"type": message["type"] + ".complete"})
                if message["type"] == "lifespan.shutdown":
                    return
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


def rate(send: Callable[[object], object], items: list) -> float:
    """Requests per second of `send` over the items, one request each."""
    started = time.perf_counter()
    for item in items:
        send(item)
    return len(items) / (time.perf_counter() - started)


class Bench:
    def __init__(self, client: TestClient, db: Database) -> None:
        self.client, self.db = client, db
        self.created: list[str] = []

    def create(self, index: int) -> str:
        response = self.client.post(API, json=invoice_body(index))
        assert response.status_code == 201, response.text
        number = response.headers["Location"].rsplit("/", 1)[-1]
        self.created.append(number)
        return number

    def release(self, number: str) -> None:
        response = self.client.post(f"{API}/{number}/action/release")
        assert response.status_code == 200, response.text

    def page(self, size: int) -> tuple[float, int]:
        """(ms, SQL statements) of one GET of the first page of `size` invoices."""
        statements: list[str] = []

        def count(_conn, _cursor, statement, *_args) -> None:
            statements.append(statement)

        event.listen(self.db.engine, "before_cursor_execute", count)
        started = time.perf_counter()
        # After the demo's own five documents: the page holds the bench's 5-line invoices only.
        response = self.client.get(API, params={"pageSize": size, "greaterThanValue": "000005"})
        elapsed = (time.perf_counter() - started) * 1000
        event.remove(self.db.engine, "before_cursor_execute", count)
        listed = response.json()
        assert len(listed) == size and all(len(d["invoiceLines"]) == 5 for d in listed), response.text[:200]
        return elapsed, len(statements)


def measure(url: str, label: str, quick: bool) -> dict[str, float]:
    rounds, per_round = (2, 10) if quick else (5, 40)
    upgrade(url)
    db = Database(url)
    ensure_demo(db)
    results: dict[str, float] = {}
    try:
        with tempfile.TemporaryDirectory() as data_dir:
            app = create_app(Settings(data_dir=Path(data_dir), throttle="off"), database=db)
            with TestClient(app, headers={"Authorization": f"Bearer {DEMO_TOKEN}", "ipp-company-id": "1"}) as client:
                bench = Bench(client, db)
                results |= throughput(bench, rounds, per_round)
                results |= pages(bench, quick)
    finally:
        db.dispose()
    print_results(label, results)
    return results


def throughput(bench: Bench, rounds: int, per_round: int) -> dict[str, float]:
    """Creation, release and the bare app, in alternating rounds so drift hits all alike."""
    captured = bench.client.post(API, json=invoice_body(0))
    bench.release(captured.headers["Location"].rsplit("/", 1)[-1])
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in captured.headers.multi_items()]
    creates, releases, bares = [], [], []
    with TestClient(bare_app(201, headers, captured.content)) as bare:
        for round_number in range(rounds):
            first = len(bench.created)
            creates.append(
                rate(bench.create, list(range(round_number * per_round + 1, (round_number + 1) * per_round + 1)))
            )
            releases.append(rate(bench.release, bench.created[first:]))
            bares.append(rate(lambda index: bare.post(API, json=invoice_body(index)), list(range(per_round))))
    create, release, floor = (statistics.median(x) for x in (creates, releases, bares))
    return {
        "POST 5-line invoice, req/s": create,
        "release, req/s": release,
        "bare ASGI, req/s": floor,
        "POST ms minus bare ms": 1000 / create - 1000 / floor,
        "POST nettfin/bare": create / floor,
    }


def pages(bench: Bench, quick: bool) -> dict[str, float]:
    """A page of 500 invoices with their lines against a page of 50: time and SQL statements."""
    while len(bench.created) < 500:
        bench.create(len(bench.created) + 1)
    repeats = 2 if quick else 7
    small = [bench.page(50) for _ in range(repeats)]
    large = [bench.page(500) for _ in range(repeats)]
    return {
        "page of 50, ms": statistics.median(ms for ms, _ in small),
        "page of 500, ms": statistics.median(ms for ms, _ in large),
        "page of 50, SQL statements": small[-1][1],
        "page of 500, SQL statements": large[-1][1],
        "page 500/50 time": statistics.median(ms for ms, _ in large) / statistics.median(ms for ms, _ in small),
    }


def print_results(label: str, results: dict[str, float]) -> None:
    print(f"\n{label}")
    for name, value in results.items():
        print(f"  {name:<34} {value:>10.2f}")
    print("  load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL server URL; a scratch database is created and dropped")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: a smoke run")
    args = parser.parse_args()
    measured = {}
    with sqlite_url() as url:
        measured["SQLite"] = measure(url, "SQLite", args.quick)
    server = args.postgres or os.environ.get("NETTFIN_TEST_POSTGRES_URL")
    if server:
        with postgres_url(server) as url:
            measured["PostgreSQL"] = measure(url, "PostgreSQL", args.quick)
    if len(measured) == 2:
        sqlite, postgres = measured["SQLite"], measured["PostgreSQL"]
        print("\nPostgreSQL / SQLite")
        for name in ("POST 5-line invoice, req/s", "release, req/s", "page of 500, ms"):
            print(f"  {name:<34} {postgres[name] / sqlite[name]:>10.2f} x")


if __name__ == "__main__":
    main()
