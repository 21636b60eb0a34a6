"""HTTP throughput: nettfin served by `nettfin serve --demo` against a bare ASGI app answering the same bytes and
headers on the same server software, driven by wrk in alternating rounds (docs/performance.md, "HTTP throughput").

    .venv/bin/python bench/http_throughput.py                  # SQLite, one worker; PostgreSQL, one and two workers
    .venv/bin/python bench/http_throughput.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    .venv/bin/python bench/http_throughput.py --quick          # smoke run: one round of 3 s per side and scenario

Per backend and worker count: nettfin serves a scratch database (throttle off, everything else as `serve` has
it); 74 five-line supplier invoices are posted so the demo holds 100; one request per scenario captures nettfin's
status, headers and body; the bare app (this file, run by the same uvicorn with the same options) answers each
path with those. Then, per scenario, a warm-up on each side and rounds of wrk alternating nettfin and bare. A
measurement, not a test: nothing asserts on time; every round must have every answer 2xx and no socket error.
Calls use the demo's legacy token and `ipp-company-id: 1` on the `/v1/...` paths.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TOKEN = "de300000-0000-4000-8000-00000000d3e0"  # the demo user's legacy token (README)
HEADERS = {"Authorization": f"Bearer {TOKEN}", "ipp-company-id": "1", "Content-Type": "application/json"}
BARE_SPEC = "NETTFIN_BENCH_BARE_SPEC"
ADDED_BY_SERVER = {"date", "server"}  # uvicorn adds these to every answer, nettfin's and the bare app's alike


def invoice_line(account: str, vat: str, quantity: int, cost: str, item: str | None = None) -> dict:
    line = {
        "operation": "Insert",
        "accountNumber": {"value": account},
        "vatCodeId": {"value": vat},
        "quantity": {"value": quantity},
        "unitCostInCurrency": {"value": cost},
        "subaccount": [{"segmentId": 1, "segmentValue": "20"}, {"segmentId": 2, "segmentValue": "000"}],
    }
    if item:
        line["inventoryNumber"] = {"value": item}
    return line


# Five lines of the demo's own kinds (items, expense accounts, VAT codes 1 and 11, subaccount 20-000), in an open
# period of the demo's last year: the supplier, each account, subaccount and VAT code are validated.
SUPPLIER_INVOICE = {
    "supplierNumber": {"value": "50000"},
    "date": {"value": "2020-12-10"},
    "supplierReference": {"value": "bench"},
    "invoiceLines": [
        invoice_line("4300", "1", 2, "100.00", "test*test"),
        invoice_line("4300", "11", 1, "50.00", "2001"),
        invoice_line("6300", "1", 3, "20.00"),
        invoice_line("6340", "1", 1, "75.50"),
        invoice_line("4300", "1", 4, "12.25", "1005"),
    ],
}
# No number: each one gets the next of the customer series, so the same body makes a new customer every time.
CUSTOMER = {"name": {"value": "Bench AS"}}


@dataclass(frozen=True)
class Scenario:
    name: str
    method: str
    path: str
    body: dict | None = None


SCENARIOS = [
    Scenario("GET customer list, 50", "GET", "/v1/customer?pageSize=50&pageNumber=1"),
    Scenario("GET one customer", "GET", "/v1/customer/10001"),
    Scenario("GET 100 supplier invoices", "GET", "/v1/supplierinvoice?pageSize=100&pageNumber=1"),
    Scenario("POST customer", "POST", "/v1/customer", CUSTOMER),
    Scenario("POST supplier invoice, 5 lines", "POST", "/v1/supplierinvoice", SUPPLIER_INVOICE),
]
INVOICES_WANTED = 100


# --- the bare app ---------------------------------------------------------------------------------------------


class Bare:
    """Answers each method and path with the status, headers and body nettfin gave (read from the file the
    environment names), after reading the request's body as a server must."""

    def __init__(self) -> None:
        self.answers: dict[tuple[str, str], tuple[int, list[tuple[bytes, bytes]], bytes]] = {}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    spec = json.loads(Path(os.environ[BARE_SPEC]).read_text())
                    for answer in spec:
                        headers = [
                            (name.encode("latin-1"), value.encode("latin-1")) for name, value in answer["headers"]
                        ]
                        key = (answer["method"], answer["path"])
                        self.answers[key] = (answer["status"], headers, answer["body"].encode("latin-1"))
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        more = True
        while more:
            more = (await receive()).get("more_body", False)
        query = scope["query_string"].decode()
        status, headers, body = self.answers[(scope["method"], scope["path"] + (f"?{query}" if query else ""))]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


bare = Bare()


# --- servers --------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def call(port: int, scenario: Scenario) -> tuple[int, list[tuple[str, str]], bytes]:
    data = json.dumps(scenario.body).encode() if scenario.body is not None else None
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{scenario.path}", data=data, method=scenario.method, headers=HEADERS
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, list(response.getheaders()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, list(error.headers.items()), error.read()


def wait_until_up(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 180  # a new database is migrated and seeded first
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.5)
    raise SystemExit(f"the server did not answer in time:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def server(command: list[str], env: dict[str, str], port: int, log: Path) -> Iterator[subprocess.Popen]:
    """One server process (uvicorn logs every request at level info, to a file: both sides pay it alike)."""
    with log.open("w") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_until_up(port, process, log)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# --- wrk ------------------------------------------------------------------------------------------------------

LUA = """
wrk.method = "{method}"
{headers}
{body}
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d\\n", summary.requests, summary.duration, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout, latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass(frozen=True)
class Round:
    rate: float  # requests per second
    p50_ms: float
    p99_ms: float
    requests: int


def wrk_script(directory: Path, scenario: Scenario) -> Path:
    headers = "\n".join(f'wrk.headers["{name}"] = "{value}"' for name, value in HEADERS.items())
    body = f"wrk.body = [==[{json.dumps(scenario.body)}]==]" if scenario.body is not None else ""
    script = directory / (re.sub(r"\W+", "_", scenario.name) + ".lua")
    script.write_text(LUA.format(method=scenario.method, headers=headers, body=body))
    return script


def wrk(
    port: int, scenario: Scenario, script: Path, seconds: int, connections: int, threads: int, warm_up: bool = False
) -> Round:
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "-s", str(script)]
        + [f"http://127.0.0.1:{port}{scenario.path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"^BENCH (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", output, re.MULTILINE)
    if not found:
        raise SystemExit(f"wrk said:\n{output}")
    requests, duration_us, bad_status, socket_errors, p50, p99 = map(int, found.groups())
    if bad_status or socket_errors or not (requests or warm_up):
        raise SystemExit(f"{scenario.name}: {bad_status} answers not 2xx, {socket_errors} socket errors:\n{output}")
    return Round(requests / (duration_us / 1e6), p50 / 1000, p99 / 1000, requests)


# --- a run ----------------------------------------------------------------------------------------------------


def stack() -> str:
    """What uvicorn's `loop="auto", http="auto"` pick here: uvloop and httptools when importable."""
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    parser = "httptools" if importlib.util.find_spec("httptools") else "h11"
    return f"{parser} + {loop}"


def capture(port: int, directory: Path) -> Path:
    """Fill the supplier invoice page, then record one answer per scenario for the bare app."""
    invoices = SCENARIOS[2]
    status, _, body = call(port, invoices)
    assert status == 200, body
    for _ in range(INVOICES_WANTED - len(json.loads(body))):
        status, _, body = call(port, SCENARIOS[4])
        assert status == 201, body
    answers = []
    for scenario in SCENARIOS:
        status, headers, body = call(port, scenario)
        assert status == (201 if scenario.method == "POST" else 200), (scenario.name, status, body[:500])
        if scenario is invoices:
            assert len(json.loads(body)) == INVOICES_WANTED and b'"invoiceLines"' in body
        kept = [(name.lower(), value) for name, value in headers if name.lower() not in ADDED_BY_SERVER]
        answers.append(
            {
                "method": scenario.method,
                "path": scenario.path,
                "status": status,
                "headers": kept,
                "body": body.decode("latin-1"),
            }
        )
    spec = directory / "bare.json"
    spec.write_text(json.dumps(answers))
    return spec


@dataclass(frozen=True)
class Side:
    name: str  # "nettfin" or "bare"
    workers: int
    port: int


def started(stack: contextlib.ExitStack, url: str, workers: int) -> tuple[Side, Side]:
    """nettfin with `workers` processes on the database `url`, and the bare app with as many answering what it
    answered; both stop when the stack closes."""
    directory = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nettfin-bench-http-")))
    nettfin_port, bare_port = free_port(), free_port()
    env = {**os.environ, "NETTFIN_DATABASE_URL": url}
    nettfin = [str(Path(sys.executable).with_name("nettfin")), "serve", "--demo", "--throttle", "off"]
    nettfin += ["--port", str(nettfin_port), "--workers", str(workers), "--data-dir", str(directory / "data")]
    stack.enter_context(server(nettfin, env, nettfin_port, directory / "nettfin.log"))
    spec = capture(nettfin_port, directory)
    # The same options as `serve` gives uvicorn.run: host, port, workers, log level info.
    bare_command = [sys.executable, "-m", "uvicorn", "--app-dir", str(bare_app_dir(directory))]
    bare_command += ["http_bare:bare", "--port", str(bare_port), "--workers", str(workers)]
    bare_env = {**env, BARE_SPEC: str(spec)}
    stack.enter_context(server(bare_command + ["--log-level", "info"], bare_env, bare_port, directory / "bare.log"))
    return Side("nettfin", workers, nettfin_port), Side("bare", workers, bare_port)


def measure(urls: dict[int, str], label: str, args: argparse.Namespace) -> list[dict]:
    """Every worker count's servers started side by side (one database each), and each scenario's rounds run on
    them in turn: what drifts on the machine over a run (another guest, the database's checkpoints) falls on every
    side alike, so the ratios between worker counts are taken in the same run, as those against bare are."""
    seconds, rounds = (3, 1) if args.quick else (args.duration, args.rounds)
    results = []
    with contextlib.ExitStack() as stack, tempfile.TemporaryDirectory(prefix="nettfin-bench-wrk-") as scripts:
        sides = [side for workers, url in urls.items() for side in started(stack, url, workers)]
        for scenario in SCENARIOS:
            if args.only and args.only.lower() not in scenario.name.lower():
                continue
            script = wrk_script(Path(scripts), scenario)
            taken: dict[Side, list[Round]] = {side: [] for side in sides}
            for side in sides:  # warm-up, not counted
                wrk(side.port, scenario, script, 2, args.connections, args.threads, warm_up=True)
            for number in range(rounds):
                for side in sides if number % 2 == 0 else reversed(sides):
                    taken[side].append(wrk(side.port, scenario, script, seconds, args.connections, args.threads))
            rows = {}
            for nettfin, bare in zip(sides[::2], sides[1::2], strict=True):
                rows[nettfin.workers] = summary(label, nettfin.workers, scenario, taken[nettfin], taken[bare])
                print_row(rows[nettfin.workers], flush=True)
            results += rows.values()
            fewest = min(rows)
            for workers in sorted(rows)[1:]:
                print_scaling(rows[workers], rows[fewest])
    return results


def bare_app_dir(directory: Path) -> Path:
    """uvicorn imports the bare app by name (its workers do too): this file, copied under a name of its own."""
    app_dir = directory / "app"
    app_dir.mkdir()
    shutil.copy(__file__, app_dir / "http_bare.py")
    return app_dir


def summary(label: str, workers: int, scenario: Scenario, ours: list[Round], theirs: list[Round]) -> dict:
    def median(rounds: list[Round], field: str) -> float:
        return statistics.median(getattr(one, field) for one in rounds)

    return {
        "backend": label,
        "workers": workers,
        "scenario": scenario.name,
        "nettfin": median(ours, "rate"),
        "bare": median(theirs, "rate"),
        "ratio": median(ours, "rate") / median(theirs, "rate"),
        "nettfin p50/p99": (median(ours, "p50_ms"), median(ours, "p99_ms")),
        "bare p50/p99": (median(theirs, "p50_ms"), median(theirs, "p99_ms")),
        "requests": sum(one.requests for one in ours),
    }


HEADER = (
    f"{'backend':<11}{'w':>2}  {'scenario':<31}{'nettfin/s':>10}{'bare/s':>9}{'ratio':>8}"
    f"{'nettfin p50/p99 ms':>21}{'bare p50/p99 ms':>17}"
)


def print_row(row: dict, flush: bool = False) -> None:
    ours, theirs = row["nettfin p50/p99"], row["bare p50/p99"]
    print(
        f"{row['backend']:<11}{row['workers']:>2}  {row['scenario']:<31}{row['nettfin']:>10.1f}{row['bare']:>9.0f}"
        f"{row['ratio']:>8.3f}{ours[0]:>12.1f} /{ours[1]:>7.1f}{theirs[0]:>9.1f} /{theirs[1]:>6.1f}",
        flush=flush,
    )


def print_scaling(more: dict, fewer: dict) -> None:
    """How much more the added workers served, nettfin's and bare's (the machine's own) in the same rounds."""
    ratio = f"{more['workers']} / {fewer['workers']} workers"
    print(
        f"{more['backend']:<11}{'':>2}  {ratio:<31}{more['nettfin'] / fewer['nettfin']:>9.2f}x"
        f"{more['bare'] / fewer['bare']:>8.2f}x",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL server URL; a scratch database is created and dropped")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL alone")
    parser.add_argument("--quick", action="store_true", help="one round of 3 s per side: a smoke run")
    parser.add_argument("--duration", type=int, default=10, help="seconds per round (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per side and scenario (default 3)")
    parser.add_argument("--connections", type=int, default=16, help="wrk's open connections (default 16)")
    parser.add_argument("--threads", type=int, default=1, help="wrk's threads (default 1: the machine has 2 cores)")
    parser.add_argument("--workers", help="worker counts, e.g. 1,2 (default: 1 on SQLite, 1 and 2 on PostgreSQL)")
    parser.add_argument("--only", help="the scenarios whose name contains this text (default: all)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (`make bench` installs Debian's where it may)")
    from scratch import postgres_url, sqlite_url

    chosen = [int(count) for count in args.workers.split(",")] if args.workers else None
    print(f"uvicorn {stack()}, wrk -t{args.threads} -c{args.connections}; load average at the start", end=" ")
    print("{:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(HEADER, flush=True)
    if not args.no_sqlite:
        with contextlib.ExitStack() as databases:
            measure({workers: databases.enter_context(sqlite_url()) for workers in chosen or [1]}, "SQLite", args)
    server_url = args.postgres or os.environ.get("NETTFIN_TEST_POSTGRES_URL")
    if server_url:
        with contextlib.ExitStack() as databases:
            urls = {workers: databases.enter_context(postgres_url(server_url)) for workers in chosen or [1, 2]}
            measure(urls, "PostgreSQL", args)
    print("load average at the end {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
