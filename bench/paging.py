"""Paging benchmark for the customer list: deep pages, a full sequential crawl, and framework overhead.

One run loads N customers (default 100,000) into a fresh SQLite database, and into a fresh PostgreSQL
database when `--postgres URL` or NETTFIN_TEST_POSTGRES_URL names a server, then drives the real app in
process and prints medians and the ratios docs/performance.md compares with its targets:

    .venv/bin/python bench/paging.py                      # or: make bench
    .venv/bin/python bench/paging.py --customers 2000     # smoke run, seconds
    .venv/bin/python bench/paging.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres --explain

This is a measurement, not a test: nothing here asserts on time. It only checks that each page holds the
customers it should, so a fast wrong answer cannot pass for a fast right one.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from scratch import postgres_url, sqlite_url
from sqlalchemy import create_engine, event, insert, text
from sqlalchemy.engine import make_url
from starlette.testclient import TestClient

from nettfin.server.app import LEGACY_PREFIX, create_app
from nettfin.server.db.engine import Database, normalise_url
from nettfin.server.db.migrate import upgrade
from nettfin.server.identity.service import create_company, create_user, grant_company, issue_token
from nettfin.server.kit.changes import bump_version
from nettfin.server.receivables.models import Customer
from nettfin.server.settings import Settings

PAGE_SIZE = 100
LOAD_BATCH = 5_000
EDGE_PAGES = 20  # pages averaged at each end of the crawl
DEEP_TARGET = 2.0
CRAWL_TARGET = 1.5
LIST_PATH = f"{LEGACY_PREFIX}/v1/customer"


@dataclass(frozen=True)
class Plan:
    """How much to repeat: medians need enough samples to shrug off a GC pause or a scheduler hiccup."""

    page_reps: int
    crawls: int
    throughput_rounds: int
    throughput_requests: int


FULL = Plan(page_reps=15, crawls=5, throughput_rounds=5, throughput_requests=60)
QUICK = Plan(page_reps=5, crawls=1, throughput_rounds=3, throughput_requests=20)


@dataclass
class Results:
    backend: str
    customers: int
    load_s: float = 0.0
    ms: dict[str, float] = field(default_factory=dict)
    ratios: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


# --- databases -------------------------------------------------------------------------------------------


def postgres_reachable(server_url: str) -> str | None:
    """None when the server answers, else why not."""
    engine = create_engine(normalise_url(server_url))
    try:
        with engine.connect():
            return None
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "not reachable"
        return f"{exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    finally:
        engine.dispose()


# --- data ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tenant:
    company_id: int
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "ipp-company-id": str(self.company_id)}


def make_tenant(db: Database) -> Tenant:
    with db.writing() as session:
        company = create_company(session, name="Bench company")
        user = create_user(session, email=f"bench-{uuid.uuid4().hex[:8]}@example.test")
        grant_company(session, user=user, company=company)
        token = issue_token(session, user=user)
    return Tenant(company.id, token)


def customer_number(position: int) -> str:
    # Zero-padded so string order (the list's order) is the insertion order, up to 9,999,999 customers.
    return f"C{position:07d}"


def customer_row(company_id: int, position: int, base: datetime) -> dict:
    """Every column the model declares NOT NULL, explicitly (Core would apply the Column defaults, but
    spelling them out keeps the load free of per-row default callables and independent of model changes)."""
    moment = base + timedelta(seconds=position)
    row = {
        "company_id": company_id,
        "number": customer_number(position),
        "name": f"Customer {position}",
        "status": "Active",
        "currency_id": "NOK",
        "credit_verification": "Disabled",
        "credit_limit": Decimal(10_000),
        "credit_days_past_due": 0,
        "statement_type": "OpenItem",
        "created_at": moment,
        "last_modified_at": moment,
        "row_version": 1,
    }
    for flag in _FLAGS:
        row[flag] = flag == "invoice_to_default_location"
    for document in _DOCUMENTS:
        row[document] = {}
    return row


_FLAGS = (
    "invoice_orders_separately",
    "print_invoices",
    "accept_auto_invoices",
    "send_invoices_by_email",
    "send_dunning_letters_via_email",
    "print_dunning_letters",
    "print_statements",
    "send_statements_by_email",
    "print_multi_currency_statements",
    "invoice_to_default_location",
    "exclude_debt_collection",
)
_DOCUMENTS = (
    "main_address",
    "main_contact",
    "invoice_address",
    "invoice_contact",
    "delivery_address",
    "delivery_contact",
)


def load_customers(db: Database, company_id: int, count: int) -> None:
    """Core executemany in batches, one transaction per batch, then one data version bump."""
    base = datetime(2020, 1, 1, tzinfo=UTC)
    statement = insert(Customer.__table__)
    for start in range(1, count + 1, LOAD_BATCH):
        stop = min(start + LOAD_BATCH, count + 1)
        with db.writing() as session:
            session.execute(statement, [customer_row(company_id, p, base) for p in range(start, stop)])
    with db.writing() as session:
        bump_version(session, company_id=company_id, resource="customer")


def settle(db: Database) -> None:
    """PostgreSQL: VACUUM ANALYZE, which autovacuum would do minutes after a bulk load anyway; without it the
    visibility map is empty and no index-only scan is possible. SQLite is left as the app leaves it (the app
    never runs ANALYZE)."""
    if db.dialect != "postgresql":
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE customer"))


# --- requests --------------------------------------------------------------------------------------------


class Driver:
    """Sends list requests to one app and checks each page holds the customers it should (untimed)."""

    def __init__(self, client: TestClient, tenant: Tenant, customers: int) -> None:
        self.client = client
        self.headers = tenant.headers
        self.customers = customers

    def get(self, page: int):
        params = {"pageSize": PAGE_SIZE, "pageNumber": page}
        return self.client.get(LIST_PATH, params=params, headers=self.headers)

    def timed(self, page: int) -> float:
        started = time.perf_counter()
        response = self.get(page)
        elapsed = (time.perf_counter() - started) * 1000
        self.check(page, response)
        return elapsed

    def check(self, page: int, response) -> None:
        if response.status_code != 200:
            raise SystemExit(f"page {page}: HTTP {response.status_code}: {response.text[:300]}")
        items = response.json()
        first = (page - 1) * PAGE_SIZE + 1
        expected = max(0, min(PAGE_SIZE, self.customers - first + 1))
        if len(items) != expected or (items and items[0]["number"] != customer_number(first)):
            raise SystemExit(f"page {page}: {len(items)} items starting {items[:1]}; expected {expected}")
        if items and items[0]["metadata"]["totalCount"] != self.customers:
            raise SystemExit(f"page {page}: totalCount {items[0]['metadata']['totalCount']} != {self.customers}")


def new_version(db: Database, company_id: int) -> None:
    """A write as far as the paging caches are concerned: both of them miss afterwards."""
    with db.writing() as session:
        bump_version(session, company_id=company_id, resource="customer")


def deep_page_order(pages: int, reps: int) -> list[int]:
    """Page 1, the last page and a decoy, repeated. The decoys sit between, never next to, the timed pages:
    the keyset shortcut for page N needs page N-1 fetched in the same data version, and page `pages - 1`
    never is, so every timed deep page takes the OFFSET path a random jump takes."""
    decoys = [max(2, round(pages * f)) for f in (0.7, 0.4, 0.85, 0.25, 0.55, 0.1)]
    decoys = [d for d in decoys if d not in (1, 2, pages - 1, pages)] or [None]
    order = []
    for rep in range(reps):
        order += [pages, 1]
        decoy = decoys[rep % len(decoys)]
        if decoy is not None:
            order.append(decoy)
    return order


def warm_up(driver: Driver, pages: int) -> None:
    """One request of each statement shape (OFFSET, keyset, count) so that SQLAlchemy's compilation and the
    first request's imports are not charged to whichever measurement happens to come first."""
    for page in (1, 2, pages):
        driver.check(page, driver.get(page))


def measure_deep(driver: Driver, db: Database, tenant: Tenant, pages: int, plan: Plan, results: Results) -> None:
    warm_up(driver, pages)
    new_version(db, tenant.company_id)
    # The first full page of a new data version also runs the COUNT(*) that the rest of the version reuses.
    results.ms[f"page {pages}, first after a write"] = driver.timed(pages)
    samples: dict[int, list[float]] = {1: [], pages: []}
    for page in deep_page_order(pages, plan.page_reps):
        elapsed = driver.timed(page)
        if page in samples:
            samples[page].append(elapsed)
    results.ms["page 1"] = statistics.median(samples[1])
    results.ms[f"page {pages} (random jump)"] = statistics.median(samples[pages])
    results.ratios["deep/first"] = results.ms[f"page {pages} (random jump)"] / results.ms["page 1"]


def crawl(driver: Driver, db: Database, tenant: Tenant, pages: int) -> list[float]:
    """Pages 1..N in order after a fresh data version. The totalCount of that version is paid by an untimed
    first request, so the first pages of the crawl are not charged for a count the later ones reuse."""
    new_version(db, tenant.company_id)
    driver.check(1, driver.get(1))
    return [driver.timed(page) for page in range(1, pages + 1)]


def measure_crawl(driver: Driver, db: Database, tenant: Tenant, pages: int, plan: Plan, results: Results) -> None:
    runs = [crawl(driver, db, tenant, pages) for _ in range(plan.crawls)]
    # Median per page position over the crawls, then the mean over each end.
    per_page = [statistics.median(times) for times in zip(*runs, strict=True)]
    edge = max(1, min(EDGE_PAGES, pages // 2))
    results.ms[f"crawl: first {edge} pages, per page"] = statistics.fmean(per_page[:edge])
    results.ms[f"crawl: last {edge} pages, per page"] = statistics.fmean(per_page[-edge:])
    results.ms[f"crawl: all {pages} pages, total"] = sum(per_page)
    results.ratios["crawl last/first"] = statistics.fmean(per_page[-edge:]) / statistics.fmean(per_page[:edge])


# --- framework overhead ----------------------------------------------------------------------------------


def bare_app(status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> Callable:
    """A raw ASGI callable answering every request with one fixed response: the floor any framework adds to."""

    async def app(scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            await lifespan(receive, send)
            return
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


async def lifespan(receive, send) -> None:
    while True:
        message = await receive()
        await send({"type": message["type"] + ".complete"})
        if message["type"] == "lifespan.shutdown":
            return


def requests_per_second(driver: Driver, count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        driver.get(1)
    return count / (time.perf_counter() - started)


def measure_overhead(driver: Driver, tenant: Tenant, plan: Plan, results: Results) -> None:
    captured = driver.get(1)
    driver.check(1, captured)
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in captured.headers.multi_items()]
    bare = bare_app(captured.status_code, headers, captured.content)
    with TestClient(bare) as bare_client:
        bare_driver = Driver(bare_client, tenant, driver.customers)
        bare_driver.check(1, bare_driver.get(1))
        # Alternating rounds, so drift (thermal, other load) hits both alike; the median round counts.
        nettfin_rps, bare_rps = [], []
        for _ in range(plan.throughput_rounds):
            nettfin_rps.append(requests_per_second(driver, plan.throughput_requests))
            bare_rps.append(requests_per_second(bare_driver, plan.throughput_requests))
    nettfin, floor = statistics.median(nettfin_rps), statistics.median(bare_rps)
    results.ms["page 1, nettfin, per request"] = 1000 / nettfin
    results.ms["page 1, bare ASGI, per request"] = 1000 / floor
    # The difference is the server's own work; the bare figure is mostly the test client's.
    results.ms["page 1, nettfin minus bare"] = 1000 / nettfin - 1000 / floor
    results.ratios["throughput nettfin/bare"] = nettfin / floor
    results.notes.append(f"throughput: nettfin {nettfin:.0f} req/s, bare ASGI {floor:.0f} req/s")


# --- query plans (--explain) -----------------------------------------------------------------------------


@contextmanager
def captured_sql(db: Database) -> Iterator[list[tuple[str, object]]]:
    statements: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _executemany) -> None:
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)


def explain(db: Database, statement: str, parameters) -> str:
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if db.dialect == "postgresql" else "EXPLAIN QUERY PLAN "
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(prefix + statement, parameters).all()
    # SQLite: (id, parent, notused, detail); PostgreSQL: one text column.
    return "\n".join(f"    {row[-1]}" for row in rows)


def print_plans(driver: Driver, db: Database, tenant: Tenant, pages: int) -> None:
    """The SQL of one request and its plan: a random jump (OFFSET, and the count of a new version), then the
    same page as the next page of a crawl (keyset)."""
    new_version(db, tenant.company_id)
    show_plans(driver, db, pages, "random jump")
    driver.get(pages - 1)
    show_plans(driver, db, pages, "next page of a crawl")


def show_plans(driver: Driver, db: Database, page: int, label: str) -> None:
    with captured_sql(db) as statements:
        driver.get(page)
    print(f"\n{db.dialect}: page {page}, {label}")
    for statement, parameters in statements:
        if "FROM customer" in statement:
            print("  " + " ".join(statement.split())[:300] + " ...")
            print(explain(db, statement, parameters))


# --- one backend -----------------------------------------------------------------------------------------


def run_backend(backend: str, url: str, args: argparse.Namespace) -> Results:
    plan = QUICK if args.quick else FULL
    results = Results(backend, args.customers)
    # Other processes skew every figure; the load average says how much to trust a run.
    results.notes.append("load average at start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    pages = math.ceil(args.customers / PAGE_SIZE)
    upgrade(url)
    db = Database(url)
    try:
        tenant = make_tenant(db)
        started = time.perf_counter()
        load_customers(db, tenant.company_id, args.customers)
        settle(db)
        results.load_s = time.perf_counter() - started
        print(f"{backend}: loaded {args.customers} customers in {results.load_s:.1f} s", flush=True)
        with tempfile.TemporaryDirectory(prefix="nettfin-bench-data-") as data_dir:
            # Throttling off whatever the environment says: the bench repeats identical requests on purpose.
            settings = Settings(data_dir=Path(data_dir), throttle="off")
            app = create_app(settings, database=db)
            with TestClient(app) as client:
                driver = Driver(client, tenant, args.customers)
                measure_deep(driver, db, tenant, pages, plan, results)
                measure_crawl(driver, db, tenant, pages, plan, results)
                measure_overhead(driver, tenant, plan, results)
                if args.explain:
                    print_plans(driver, db, tenant, pages)
    finally:
        db.dispose()
    results.notes.append("load average at end:   {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return results


# --- report ----------------------------------------------------------------------------------------------


def print_results(results: Results) -> None:
    print(f"\n{results.backend}, {results.customers} customers, pageSize {PAGE_SIZE}")
    for label, value in results.ms.items():
        print(f"  {label:<42} {value:>10.2f} ms")
    targets = {"deep/first": DEEP_TARGET, "crawl last/first": CRAWL_TARGET}
    for label, value in results.ratios.items():
        target = targets.get(label)
        verdict = f"(target <= {target:g}x: {'met' if value <= target else 'NOT met'})" if target else ""
        print(f"  {label:<42} {value:>10.2f} x  {verdict}")
    for note in results.notes:
        print(f"  {note}")


def print_summary(all_results: list[Results]) -> None:
    if len(all_results) < 2:
        return
    print("\nsummary")
    print(f"  {'':<26}" + "".join(f"{r.backend:>12}" for r in all_results))
    for label in all_results[0].ratios:
        print(f"  {label:<26}" + "".join(f"{r.ratios[label]:>11.2f}x" for r in all_results))


# --- main ------------------------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000, help="customers to load (default 100000)")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="a PostgreSQL server to benchmark too (a database is created there and dropped); "
        "default: $NETTFIN_TEST_POSTGRES_URL",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="benchmark PostgreSQL only")
    parser.add_argument("--explain", action="store_true", help="print the query plans of the list's SQL")
    args = parser.parse_args(argv)
    if args.customers < 2 * PAGE_SIZE:
        parser.error(f"--customers must be at least {2 * PAGE_SIZE}")
    return args


def postgres_server(args: argparse.Namespace) -> str | None:
    """--postgres must work; the environment variable (which `make` always sets) is used only if it answers."""
    if args.postgres:
        return args.postgres
    url = os.environ.get("NETTFIN_TEST_POSTGRES_URL")
    if not url:
        return None
    reason = postgres_reachable(url)
    if reason:
        print(f"postgresql: skipped, {make_url(url).render_as_string()} is not reachable ({reason})")
        return None
    return url


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    server = postgres_server(args)
    if args.no_sqlite and not server:
        raise SystemExit("--no-sqlite leaves nothing to run without --postgres or NETTFIN_TEST_POSTGRES_URL")
    all_results = []
    if not args.no_sqlite:
        with sqlite_url() as url:
            all_results.append(run_backend("sqlite", url, args))
        print_results(all_results[-1])
    if server:
        with postgres_url(server) as url:
            all_results.append(run_backend("postgresql", url, args))
        print_results(all_results[-1])
    print_summary(all_results)


if __name__ == "__main__":
    main(sys.argv[1:])
