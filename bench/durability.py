"""What durability costs on SQLite: `synchronous=FULL` (the WAL is synced at every commit, so an acknowledged
write survives a power loss) against `NORMAL` (synced at checkpoints only: it survives a process crash, and a
power loss can take the last acknowledged writes). Measured in the same run, in alternating rounds: POSTs of a
5-line supplier invoice, their releases, and bare one-row commits (what a throttle counter costs per request).

    .venv/bin/python bench/durability.py            # on a temporary directory of the working directory's disk
    .venv/bin/python bench/durability.py --quick    # smoke run, seconds
    .venv/bin/python bench/durability.py --dir /var/lib/nettfin   # on the disk the data will live on

The cost is the disk's fsync latency, so measure it on the disk that will hold the data. A measurement, not a
test: nothing asserts on time; every request is checked for the answer it should get.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from documents import API, invoice_body, rate
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.db.engine import Database
from nettfin.server.db.migrate import upgrade
from nettfin.server.demo.seed import DEMO_TOKEN, ensure_demo
from nettfin.server.settings import Settings

MODES = ("NORMAL", "FULL")


class Backend:
    """A demo database on SQLite with one `synchronous` mode, served in-process."""

    def __init__(self, directory: Path, mode: str, stack: ExitStack) -> None:
        self.mode, self.path = mode, directory / f"{mode.lower()}.db"
        url = f"sqlite:///{self.path}"
        upgrade(url)
        self.db = Database(url, sqlite_synchronous=mode)
        stack.callback(self.db.dispose)
        ensure_demo(self.db)
        app = create_app(Settings(data_dir=directory / mode.lower(), throttle="off"), database=self.db)
        headers = {"Authorization": f"Bearer {DEMO_TOKEN}", "ipp-company-id": "1"}
        self.client = stack.enter_context(TestClient(app, headers=headers))
        self.created: list[str] = []
        self.count = 0

    def create(self, _item) -> None:
        self.count += 1
        response = self.client.post(API, json=invoice_body(self.count))
        assert response.status_code == 201, response.text
        self.created.append(response.headers["Location"].rsplit("/", 1)[-1])

    def release(self, number: str) -> None:
        response = self.client.post(f"{API}/{number}/action/release")
        assert response.status_code == 200, response.text


@contextmanager
def one_row_commits(path: Path, mode: str) -> Iterator[sqlite3.Connection]:
    """A connection set up as nettfin's are, on a table of its own in the same file."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(f"PRAGMA synchronous={mode}")
    connection.execute("CREATE TABLE IF NOT EXISTS bench_counter (key TEXT PRIMARY KEY, count INTEGER)")
    try:
        yield connection
    finally:
        connection.close()


def commit_one(connection: sqlite3.Connection) -> None:
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(
        "INSERT INTO bench_counter VALUES ('k', 1) ON CONFLICT (key) DO UPDATE SET count = bench_counter.count + 1"
    )
    connection.execute("COMMIT")


def measure(directory: Path, quick: bool) -> dict[str, dict[str, float]]:
    rounds, per_round, commits = (2, 10, 50) if quick else (5, 40, 300)
    samples: dict[str, dict[str, list[float]]] = {mode: {} for mode in MODES}
    with ExitStack() as stack:
        backends = {mode: Backend(directory, mode, stack) for mode in MODES}
        connections = {mode: stack.enter_context(one_row_commits(backends[mode].path, mode)) for mode in MODES}
        for backend in backends.values():  # warm up: the first request of each pays for imports and caches
            backend.create(None)
            backend.release(backend.created[-1])
        for _ in range(rounds):
            for mode, backend in backends.items():
                first = len(backend.created)
                found = samples[mode]
                found.setdefault("POST 5-line invoice, req/s", []).append(rate(backend.create, [None] * per_round))
                found.setdefault("release, req/s", []).append(rate(backend.release, backend.created[first:]))
                connection = connections[mode]
                found.setdefault("one-row commit, commits/s", []).append(
                    rate(lambda _item, c=connection: commit_one(c), [None] * commits)
                )
    return {
        mode: {name: statistics.median(values) for name, values in found.items()} for mode, found in samples.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=Path.cwd(), help="where the scratch databases go (its disk)")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: a smoke run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nettfin-durability-", dir=args.dir) as directory:
        results = measure(Path(directory), args.quick)
    for mode in MODES:
        print(f"\nSQLite, synchronous={mode}")
        for name, value in results[mode].items():
            print(f"  {name:<34} {value:>10.1f}")
    print("\nFULL / NORMAL")
    for name in results["FULL"]:
        print(f"  {name:<34} {results['FULL'][name] / results['NORMAL'][name]:>10.2f} x")
    print("  load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
