"""What attachments cost: a large multipart upload and its download through a real nettfin server (uvicorn, one
worker, the demo company on SQLite), against a bare ASGI app on the same uvicorn that only drains the upload to
a file and serves a file back; and how much the nettfin worker's peak memory grows while the file passes.

    .venv/bin/python bench/attachments.py              # 100 MB, three rounds
    .venv/bin/python bench/attachments.py --size 200   # MB
    .venv/bin/python bench/attachments.py --quick      # 10 MB, one round

Ratios are taken in the same run; the load average is printed with them. A measurement, not a test: it checks
that every upload answered 201 and every download gave back the bytes sent, and asserts nothing on time.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from servers import free_port  # noqa: E402 - the tests' helper, shared rather than repeated

DEMO_TOKEN = "de300000-0000-4000-8000-00000000d3e0"
MEGABYTE = 1024 * 1024
BOUNDARY = "bench-boundary"


async def bare_app(scope, receive, send):
    """Drains an upload into a file, or serves that file back: the least any server must do."""
    if scope["type"] != "http":
        return
    path = Path(os.environ["BARE_FILE"])
    if scope["method"] == "POST":
        with path.open("wb") as sink:
            while True:
                message = await receive()
                sink.write(message.get("body", b""))
                if not message.get("more_body"):
                    break
        await send({"type": "http.response.start", "status": 201, "headers": [(b"location", b"/file")]})
        await send({"type": "http.response.body", "body": b""})
        return
    size = path.stat().st_size
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", str(size).encode())]})
    with path.open("rb") as source:
        while chunk := source.read(64 * 1024):
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b""})


def _start(command: list[str], env: dict, probe: str) -> subprocess.Popen:
    process = subprocess.Popen(command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx2.get(probe, timeout=1)
            return process
        except httpx2.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"server did not start: {process.stderr.read().decode()[-2000:]}")


def _body(size: int, digest, *, whole: bool) -> tuple[int, object]:
    """The multipart body, and `digest` fed with what the server should give back: the file, or for the bare
    app (which keeps what it receives) the whole body."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    block = hashlib.sha256(b"bench").digest() * (MEGABYTE // 32)

    def chunks():
        if whole:
            digest.update(head)
        yield head
        for index in range(size // MEGABYTE):
            chunk = index.to_bytes(8, "big") + block[8:]
            digest.update(chunk)
            yield chunk
        if whole:
            digest.update(tail)
        yield tail

    return len(head) + size + len(tail), chunks()


def _round(http: httpx2.Client, upload_url: str, read_url, headers: dict, size: int, *, bare: bool) -> tuple:
    sent = hashlib.sha256()
    length, chunks = _body(size, sent, whole=bare)
    started = time.perf_counter()
    response = http.post(
        upload_url,
        content=chunks,
        headers={**headers, "Content-Type": f"multipart/form-data; boundary={BOUNDARY}", "Content-Length": str(length)},
    )
    uploaded = time.perf_counter() - started
    assert response.status_code == 201, response.text
    received = hashlib.sha256()
    started = time.perf_counter()
    with http.stream("GET", read_url(response), headers=headers) as download:
        assert download.status_code == 200
        for chunk in download.iter_bytes():
            received.update(chunk)
    downloaded = time.perf_counter() - started
    return uploaded, downloaded, sent.hexdigest(), received.hexdigest()


def _peak(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100, help="MB per upload")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    size, rounds = (10 * MEGABYTE, 1) if args.quick else (args.size * MEGABYTE, args.rounds)

    with tempfile.TemporaryDirectory() as scratch:
        nettfin_port, bare_port = free_port(), free_port()
        nettfin = _start(
            [sys.executable, "-m", "nettfin.cli.main", "serve", "--demo", "--port", str(nettfin_port)],
            {"NETTFIN_DATA_DIR": scratch, "NETTFIN_ATTACHMENT_MAX_BYTES": str(size + MEGABYTE)},
            f"http://127.0.0.1:{nettfin_port}/swagger",
        )
        bare = _start(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(__file__).parent), "--port", str(bare_port)]
            + ["--log-level", "warning", "attachments:bare_app"],
            {"BARE_FILE": str(Path(scratch) / "bare.bin")},
            f"http://127.0.0.1:{bare_port}/",
        )
        try:
            api = f"http://127.0.0.1:{nettfin_port}/API/controller/api/v1"
            headers = {"Authorization": f"Bearer {DEMO_TOKEN}", "ipp-company-id": "1"}
            results = {"nettfin": [], "bare": []}
            with httpx2.Client(timeout=600) as http:
                peak_before = _peak(nettfin.pid)
                for _ in range(rounds):
                    nettfin_round = _round(
                        http,
                        f"{api}/supplierInvoice/000001/attachment",
                        lambda response: response.headers["Location"],
                        headers,
                        size,
                        bare=False,
                    )
                    bare_round = _round(
                        http,
                        f"http://127.0.0.1:{bare_port}/",
                        lambda _: f"http://127.0.0.1:{bare_port}/",
                        {},
                        size,
                        bare=True,
                    )
                    for name, (up, down, sent, received) in (("nettfin", nettfin_round), ("bare", bare_round)):
                        assert sent == received, f"{name}: the download differs from the upload"
                        results[name].append((up, down))
                peak_after = _peak(nettfin.pid)
        finally:
            for process in (nettfin, bare):
                process.terminate()
                process.wait(timeout=20)

    megabytes = size / MEGABYTE
    print(f"load average {os.getloadavg()[0]:.2f}; {megabytes:.0f} MB per file, {rounds} round(s), median")
    medians = {
        name: (statistics.median(u for u, _ in times), statistics.median(d for _, d in times))
        for name, times in results.items()
    }
    for name, (up, down) in medians.items():
        print(f"  {name:8} upload {megabytes / up:7.0f} MB/s   download {megabytes / down:7.0f} MB/s")
    (n_up, n_down), (b_up, b_down) = medians["nettfin"], medians["bare"]
    print(f"  nettfin / bare time: upload {n_up / b_up:.2f}x, download {n_down / b_down:.2f}x")
    print(
        f"  nettfin worker peak resident memory: {peak_before / MEGABYTE:.0f} MB before, {peak_after / MEGABYTE:.0f} MB"
        f" after {rounds} x {megabytes:.0f} MB up and down"
    )


if __name__ == "__main__":
    main()
