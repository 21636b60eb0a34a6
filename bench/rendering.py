"""Rendering benchmark: what leaving null-valued properties out costs a page of 100 customers.

Two apps on one SQLite database seeded with the demo company (and filled to 100 customers with addresses and
contacts): one started with `render_nulls` (bodies keep their nulls: no pass over the payload) and one with the
default (the pass that leaves them out). Requests alternate between the two so both see the same machine, and
the script prints the medians and their ratio, and the same for the rendering step alone:

    .venv/bin/python bench/rendering.py             # or: make bench
    .venv/bin/python bench/rendering.py --reps 50   # smoke run

A measurement, not a test: it only checks that the two bodies say the same apart from the nulls.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson
from starlette.testclient import TestClient

from nettfin.server.app import LEGACY_PREFIX, create_app
from nettfin.server.db.engine import Database
from nettfin.server.db.migrate import upgrade
from nettfin.server.demo.seed import DEMO_TOKEN, ensure_demo
from nettfin.server.kit.render import dumps, without_nulls
from nettfin.server.settings import Settings

PAGE = f"{LEGACY_PREFIX}/v1/customer?pageSize=100&pageNumber=1"
TARGET = 1.0  # the page may not get slower than with explicit nulls


def fill_to_100(client: TestClient) -> None:
    listed = client.get(f"{LEGACY_PREFIX}/v1/customer?pageSize=100").json()
    for position in range(len(listed), 100):
        body = {
            "name": {"value": f"Rendering customer {position}"},
            "customerClassId": {"value": "1"},
            "mainAddress": {"value": {"addressLine1": {"value": f"Gate {position}"}, "city": {"value": "Oslo"}}},
            "mainContact": {"value": {"email": {"value": f"c{position}@example.test"}}},
        }
        response = client.post(f"{LEGACY_PREFIX}/v1/customer", json=body)
        assert response.status_code == 201, response.text


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def alternate(first: Callable[[], object], second: Callable[[], object], reps: int) -> tuple[float, float]:
    a: list[float] = []
    b: list[float] = []
    for _ in range(reps):
        for run, into in ((first, a), (second, b)):
            start = time.perf_counter()
            run()
            into.append(time.perf_counter() - start)
    return median_ms(a), median_ms(b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nettfin-bench-") as directory:
        url = f"sqlite:///{Path(directory) / 'nettfin.db'}"
        upgrade(url)
        database = Database(url)
        demo = ensure_demo(database)
        headers = {"Authorization": f"Bearer {DEMO_TOKEN}", "ipp-company-id": str(demo.company_id)}
        nulls_app = create_app(Settings(data_dir=Path(directory), render_nulls=True), database=database)
        omitted_app = create_app(Settings(data_dir=Path(directory)), database=database)
        with TestClient(nulls_app, headers=headers) as nulls, TestClient(omitted_app, headers=headers) as omitted:
            fill_to_100(omitted)
            with_nulls, without = nulls.get(PAGE), omitted.get(PAGE)
            assert len(with_nulls.json()) == 100 and without_nulls(with_nulls.json()) == without.json()
            payload = orjson.loads(with_nulls.content)
            for _ in range(20):  # warm both
                nulls.get(PAGE), omitted.get(PAGE)
            request_nulls, request_omitted = alternate(lambda: nulls.get(PAGE), lambda: omitted.get(PAGE), args.reps)
            render_nulls, render_omitted = alternate(
                lambda: dumps(payload), lambda: dumps(without_nulls(payload)), args.reps
            )
        database.dispose()
    print(f"page of 100 customers: {len(with_nulls.content):,} bytes with nulls, {len(without.content):,} without")
    print(f"request, nulls rendered  {request_nulls:8.3f} ms")
    print(f"request, nulls left out  {request_omitted:8.3f} ms   ratio {request_omitted / request_nulls:.3f}")
    print(f"render,  nulls rendered  {render_nulls:8.3f} ms")
    print(f"render,  nulls left out  {render_omitted:8.3f} ms   ratio {render_omitted / render_nulls:.3f}")
    print(f"target: request ratio <= {TARGET:.2f}")


if __name__ == "__main__":
    main()
