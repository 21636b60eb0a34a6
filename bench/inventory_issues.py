"""What releasing an inventory issue costs: a 20-line issue (12 average-cost items, each line its own move through
the stock engine, then one batch through the posting engine) released per request, as requests per second against
a bare ASGI app answering the same bytes, in the same run.

    .venv/bin/python bench/inventory_issues.py                 # SQLite
    .venv/bin/python bench/inventory_issues.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    .venv/bin/python bench/inventory_issues.py --quick         # smoke run, seconds

Each backend gets a fresh database seeded with the demo company, and one receipt puts enough of items 1001-1012 on
hand in warehouse 1 for every issue. The issues are created before each round (not timed); the round times their
releases alone. A measurement, not a test: nothing asserts on time; every release must answer 200.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path

from documents import bare_app, postgres_url, rate, sqlite_url  # the supplier invoice bench's helpers
from starlette.testclient import TestClient

from nettfin.server.app import LEGACY_PREFIX, create_app
from nettfin.server.db.engine import Database
from nettfin.server.db.migrate import upgrade
from nettfin.server.demo.seed import DEMO_TOKEN, ensure_demo
from nettfin.server.settings import Settings

API = f"{LEGACY_PREFIX}/v1"
ITEMS = [str(number) for number in range(1001, 1013)]
LINES = 20


def _line(item: str, quantity: int) -> dict:
    return {
        "operation": "Insert",
        "inventoryNumber": {"value": item},
        "warehouseId": {"value": "1"},
        "quantity": {"value": quantity},
    }


def receipt_body(per_item: int) -> dict:
    lines = [{**_line(item, per_item), "unitCost": {"value": 100}} for item in ITEMS]
    return {"date": {"value": "2020-01-10"}, "description": {"value": "Bench stock"}, "receiptLines": lines}


def issue_body() -> dict:
    lines = [_line(ITEMS[index % len(ITEMS)], 1) for index in range(LINES)]
    return {"date": {"value": "2020-01-15"}, "description": {"value": "Bench issue"}, "issueLines": lines}


def measure(url: str, label: str, quick: bool) -> dict[str, float]:
    rounds, per_round = (2, 5) if quick else (5, 30)
    upgrade(url)
    db = Database(url)
    ensure_demo(db)
    try:
        with tempfile.TemporaryDirectory() as data_dir:
            app = create_app(Settings(data_dir=Path(data_dir), throttle="off"), database=db)
            with TestClient(app, headers={"Authorization": f"Bearer {DEMO_TOKEN}", "ipp-company-id": "1"}) as client:
                results = throughput(client, rounds, per_round)
    finally:
        db.dispose()
    print(f"\n{label}")
    for name, value in results.items():
        print(f"  {name:<34} {value:>10.2f}")
    print("  load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return results


def throughput(client: TestClient, rounds: int, per_round: int) -> dict[str, float]:
    needed = (rounds * per_round + 1) * -(-LINES // len(ITEMS)) + 2  # the most lines an item has
    created = client.post(f"{API}/inventoryReceipt", json=receipt_body(needed))
    assert created.status_code == 201, created.text
    receipt = created.headers["Location"].rsplit("/", 1)[-1]
    assert client.post(f"{API}/inventoryReceipt/{receipt}/action/release").status_code == 200

    def create() -> str:
        response = client.post(f"{API}/inventoryissue", json=issue_body())
        assert response.status_code == 201, response.text
        return response.headers["Location"].rsplit("/", 1)[-1]

    def release(number: str) -> None:
        response = client.post(f"{API}/inventoryissue/{number}/action/release")
        assert response.status_code == 200, response.text

    captured = client.post(f"{API}/inventoryissue/{create()}/action/release")
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in captured.headers.multi_items()]
    releases, bares = [], []
    with TestClient(bare_app(200, headers, captured.content)) as bare:
        for _ in range(rounds):
            numbers = [create() for _ in range(per_round)]
            releases.append(rate(release, numbers))
            bares.append(rate(lambda number: bare.post(f"{API}/inventoryissue/{number}/action/release"), numbers))
    released, floor = statistics.median(releases), statistics.median(bares)
    return {
        "release 20-line issue, req/s": released,
        "bare ASGI, req/s": floor,
        "release ms minus bare ms": 1000 / released - 1000 / floor,
        "release nettfin/bare": released / floor,
    }


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
