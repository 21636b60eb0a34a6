"""What a fresh company per test costs: cloning the demo template (the clone's one writing transaction, and the
same through the admin API's `POST /admin/api/companies` in process, as the pytest plugin asks), and deleting a
clone, on SQLite and PostgreSQL, against a customer create (`POST /v1/customer`) in the same run as the yardstick
(docs/performance.md, "Company clones"; the target is a median clone of at most 50 ms on both databases).

    .venv/bin/python bench/clones.py                      # SQLite, and PostgreSQL at NETTFIN_BENCH_POSTGRES_URL
    .venv/bin/python bench/clones.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    .venv/bin/python bench/clones.py --quick              # smoke run
    .venv/bin/python bench/clones.py --sample             # also time tests/sample_project (200 tests, -n 2)

A measurement, not a test: nothing asserts on time; each clone is checked to hold the demo's 50 customers.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scratch import postgres_url, sqlite_url
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.db.engine import Database
from nettfin.server.db.migrate import upgrade
from nettfin.server.demo.seed import DEMO_TOKEN, ensure_demo
from nettfin.server.settings import Settings
from nettfin.server.snapshots import service

KEY = "bench-admin-key"
ADMIN = {"Authorization": f"Bearer {KEY}"}
TARGET_MS = 50.0
SAMPLE = Path(__file__).parents[1] / "tests" / "sample_project"


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def measure(url: str, rounds: int) -> dict[str, list[float]]:
    upgrade(url)
    database = Database(url)
    ensure_demo(database)
    settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="nettfin-bench-data-")), admin_api_key=KEY)
    times: dict[str, list[float]] = {"clone": [], "api": [], "delete": [], "customer": []}
    with TestClient(create_app(settings, database=database)) as client:
        demo = {"Authorization": f"Bearer {DEMO_TOKEN}", "ipp-company-id": "1"}

        def create_customer() -> None:
            answer = client.post("/v1/customer", json={"name": {"value": "Bench AS"}}, headers=demo)
            assert answer.status_code == 201, answer.text

        made: list[dict] = []

        def clone_in_transaction() -> None:
            with database.writing() as session:
                made.append({"companyId": service.clone(session, template="demo").company_id})

        def clone() -> None:
            answer = client.post("/admin/api/companies", json={"template": "demo"}, headers=ADMIN)
            assert answer.status_code == 201, answer.text
            made.append(answer.json())

        for _ in range(3):  # warm-up: the template's shape is read once per process
            clone()
            create_customer()
        for _ in range(rounds):  # alternating, so a change of the machine's load touches each alike
            times["clone"].append(timed(clone_in_transaction))
            times["api"].append(timed(clone))
            times["customer"].append(timed(create_customer))
        last = made[-1]
        headers = {"Authorization": f"Bearer {last['token']}", "ipp-company-id": str(last["companyId"])}
        customers = client.get("/v1/customer", params={"pageSize": 500}, headers=headers).json()
        assert len(customers) == 50, len(customers)
        for company in made[-2 * rounds :]:
            times["delete"].append(
                timed(lambda c=company: client.delete(f"/admin/api/companies/{c['companyId']}", headers=ADMIN))
            )
    database.dispose()
    return times


def report(name: str, times: dict[str, list[float]]) -> None:
    def line(label: str, values: list[float]) -> str:
        ordered = sorted(values)
        p90 = ordered[int(len(ordered) * 0.9) - 1] if len(ordered) >= 10 else ordered[-1]
        return f"  {label:<28} median {statistics.median(values):7.1f} ms   p90 {p90:7.1f} ms   ({len(values)} runs)"

    clone = statistics.median(times["clone"])
    print(f"{name}:")
    print(line("clone of the demo", times["clone"]))
    print(line("the same through the admin API", times["api"]))
    print(line("delete of a clone (API)", times["delete"]))
    print(line("POST /v1/customer", times["customer"]))
    verdict = "met" if clone <= TARGET_MS else "NOT met"
    ratio = clone / statistics.median(times["customer"])
    print(f"  clone / customer create: {ratio:.1f}x; clone target {TARGET_MS:.0f} ms {verdict}")


def sample_run() -> None:
    with tempfile.TemporaryDirectory(prefix="nettfin-bench-cache-") as cache:
        env = {**os.environ, "NETTFIN_TEST_CACHE": cache}
        for label in ("first run (seeds the cache)", "second run (cache kept)"):
            started = time.perf_counter()
            finished = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-n", "2", "--confcutdir", str(SAMPLE)],
                cwd=SAMPLE,
                env=env,
                capture_output=True,
                text=True,
            )
            elapsed = time.perf_counter() - started
            summary = (finished.stdout.strip().splitlines() or ["?"])[-1]
            print(f"tests/sample_project, -n 2, {label}: {elapsed:.1f} s  ({summary})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default=os.environ.get("NETTFIN_BENCH_POSTGRES_URL"))
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sample", action="store_true")
    options = parser.parse_args()
    rounds = 5 if options.quick else options.rounds
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    with sqlite_url() as url:
        report("SQLite", measure(url, rounds))
    if options.postgres:
        with postgres_url(options.postgres) as url:
            report("PostgreSQL", measure(url, rounds))
    else:
        print("PostgreSQL: skipped (give --postgres or NETTFIN_BENCH_POSTGRES_URL)")
    if options.sample:
        sample_run()
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
