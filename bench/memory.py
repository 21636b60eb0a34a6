"""A server's memory over many list requests: the resident set of `nettfin serve --demo` (one worker) after the
first 1,000 list pages and after 100,000, which should be within 20 MB of each other (docs/performance.md,
"Memory over many requests").

The requests are the HTTP bench's list page (`GET /v1/customer?pageSize=50&pageNumber=1`, 16 connections, wrk),
sent in rounds of a few seconds; after each round the server's VmRSS is read from /proc. Nothing asserts.

    .venv/bin/python bench/memory.py                      # SQLite, 100,000 requests
    .venv/bin/python bench/memory.py --requests 10000     # a shorter run
    .venv/bin/python bench/memory.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from http_throughput import SCENARIOS, free_port, server, wrk, wrk_script

LIST_PAGE = SCENARIOS[0]
BASELINE_REQUESTS = 1_000
TARGET_MB = 20.0


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit(f"no VmRSS for process {pid}")


def run(url: str, label: str, args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="nettfin-bench-memory-") as scratch_dir:
        directory = Path(scratch_dir)
        port = free_port()
        env = {**os.environ, "NETTFIN_DATABASE_URL": url}
        command = [str(Path(sys.executable).with_name("nettfin")), "serve", "--demo", "--throttle", "off"]
        command += ["--port", str(port), "--data-dir", str(directory / "data")]
        with server(command, env, port, directory / "nettfin.log") as process:
            script = wrk_script(directory, LIST_PAGE)
            sent, baseline, started = 0, None, resident_mb(process.pid)
            print(f"{label}: {started:.1f} MB before the first request", flush=True)
            while sent < args.requests:
                seconds = 2 if baseline is None else args.round_seconds
                # Before the baseline a round may answer nothing yet (the first request builds the route tree).
                sent += wrk(port, LIST_PAGE, script, seconds, args.connections, 1, warm_up=baseline is None).requests
                now = resident_mb(process.pid)
                if baseline is None and sent >= BASELINE_REQUESTS:
                    baseline = now
                    print(f"{label}: {now:.1f} MB after {sent:,} requests (the baseline)", flush=True)
                elif baseline is not None:
                    print(f"{label}: {now:.1f} MB after {sent:,} requests ({now - baseline:+.1f} MB)", flush=True)
            grown = resident_mb(process.pid) - (baseline or started)
            verdict = "within" if grown <= TARGET_MB else "over"
            print(f"{label}: {grown:+.1f} MB from {BASELINE_REQUESTS:,} to {sent:,} requests", end=" ")
            print(f"({verdict} the {TARGET_MB:.0f} MB target)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL server URL; a scratch database is created and dropped")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL alone")
    parser.add_argument("--requests", type=int, default=100_000, help="list requests in all (default 100,000)")
    parser.add_argument("--round-seconds", type=int, default=20, help="seconds between readings (default 20)")
    parser.add_argument("--connections", type=int, default=16, help="wrk's open connections (default 16)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (`make bench` installs Debian's where it may)")
    from scratch import postgres_url, sqlite_url

    print("load average at the start {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()), flush=True)
    if not args.no_sqlite:
        with sqlite_url() as url:
            run(url, "SQLite", args)
    if args.postgres:
        with postgres_url(args.postgres) as url:
            run(url, "PostgreSQL", args)
    print("load average at the end {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
