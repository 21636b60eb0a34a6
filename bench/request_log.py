"""What the request log costs: the customer list (`GET /v1/customer?pageSize=50&pageNumber=1` on the demo company)
with the log on and off, in alternating rounds of the same run, as requests per second and their ratio
(docs/performance.md, "Request log"; the target is on/off >= 0.90).

    .venv/bin/python bench/request_log.py                 # SQLite
    .venv/bin/python bench/request_log.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    .venv/bin/python bench/request_log.py --quick         # smoke run, seconds

Two apps serve one database seeded with the demo company, one with the log on (defaults: 64 KB body cap, flushed
every 0.25 s), one with it off. A log-on round ends with a flush of what is still buffered, so every call it
made is written inside the time measured. A measurement, not a test: nothing asserts on time; it checks that every
answer is the page it should be and that the log holds every call of the log-on rounds and none of the others.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from scratch import postgres_url, sqlite_url
from sqlalchemy import func, select
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.db.engine import Database
from nettfin.server.db.migrate import upgrade
from nettfin.server.demo.seed import DEMO_TOKEN, ensure_demo
from nettfin.server.requestlog.models import LoggedCall
from nettfin.server.settings import Settings

LIST = "/v1/customer"
PARAMS = {"pageSize": 50, "pageNumber": 1}
TARGET = 0.90


def logged(db: Database) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(LoggedCall))


def round_rate(client: TestClient, requests: int, expected: bytes | None) -> tuple[float, float, bytes]:
    """Requests per second of wall time and per second of this process's CPU time (all its threads: the
    writer's included), which a busy machine disturbs less."""
    started, cpu = time.perf_counter(), time.process_time()
    body = b""
    for _ in range(requests):
        response = client.get(LIST, params=PARAMS)
        assert response.status_code == 200, response.text
        body = response.content
        assert expected is None or body == expected, "the page changed between requests"
    if client.app.state.request_log.enabled:
        client.app.state.request_log.flush()
    return requests / (time.perf_counter() - started), requests / (time.process_time() - cpu), body


def measure(url: str, label: str, quick: bool) -> dict[str, float]:
    rounds, per_round = (4, 50) if quick else (12, 200)
    upgrade(url)
    db = Database(url)
    ensure_demo(db)
    headers = {"Authorization": f"Bearer {DEMO_TOKEN}", "ipp-company-id": "1"}  # the demo, a fresh database's first
    try:
        with tempfile.TemporaryDirectory() as data_dir:
            on_app = create_app(Settings(data_dir=Path(data_dir), job_workers=0), database=db)
            off_app = create_app(Settings(data_dir=Path(data_dir), job_workers=0, request_log=False), database=db)
            with TestClient(on_app, headers=headers) as on, TestClient(off_app, headers=headers) as off:
                *_, expected = round_rate(off, 5, None)  # warm both up
                assert len(expected) > 1000 and b'"number"' in expected
                round_rate(on, 5, expected)
                before = logged(db)
                ons, offs = [], []
                for round_number in range(rounds):
                    pair = [(on, ons), (off, offs)]
                    for client, rates in pair if round_number % 2 == 0 else reversed(pair):
                        rates.append(round_rate(client, per_round, expected)[:2])
                written = logged(db) - before
                assert written == rounds * per_round, f"the log holds {written} calls, not {rounds * per_round}"
    finally:
        db.dispose()
    on_rate, off_rate = (statistics.median(wall for wall, _ in rates) for rates in (ons, offs))
    on_cpu, off_cpu = (statistics.median(cpu for _, cpu in rates) for rates in (ons, offs))
    results = {
        "log off, req/s": off_rate,
        "log on, req/s": on_rate,
        "ms added per call": 1000 / on_rate - 1000 / off_rate,
        "log off, req per CPU s": off_cpu,
        "log on, req per CPU s": on_cpu,
        "response body, KB": len(expected) / 1024,
        "on/off (CPU time)": on_cpu / off_cpu,
        "on/off": on_rate / off_rate,
    }
    print(f"\n{label}")
    for name, value in results.items():
        print(f"  {name:<34} {value:>10.2f}")
    print(f"  target on/off >= {TARGET:.2f}: {'met' if results['on/off'] >= TARGET else 'NOT met'}")
    print("  load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL server URL; a scratch database is created and dropped")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: a smoke run")
    args = parser.parse_args()
    with sqlite_url() as url:
        measure(url, "SQLite", args.quick)
    server = args.postgres or os.environ.get("NETTFIN_TEST_POSTGRES_URL")
    if server:
        with postgres_url(server) as url:
            measure(url, "PostgreSQL", args.quick)


if __name__ == "__main__":
    main()
