"""For the tests of deliveries to receivers (the background API's notifications, webhooks): a receiver on
loopback, and waiting for a job to end."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sqlalchemy import select

from nettfin.server.jobs.models import Job


class Receiver:
    """Takes POSTs on loopback and fails the first `failures` of them with 503. `received` holds each one's
    headers and parsed body, `raw` its body as sent (to check a signature)."""

    def __init__(self, failures: int = 0, *, refusal: int = 503) -> None:
        self.failures = failures
        self.received: list[tuple[dict, dict]] = []
        self.raw: list[bytes] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.raw.append(body)
                receiver.received.append((dict(self.headers), json.loads(body)))
                status = refusal if len(receiver.received) <= receiver.failures else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count: int, within: float = 60.0) -> None:
        deadline = time.monotonic() + within
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)


@contextmanager
def receiving(failures: int = 0, **kwargs) -> Iterator[Receiver]:
    receiver = Receiver(failures, **kwargs)
    try:
        yield receiver
    finally:
        receiver.server.shutdown()


def wait_for_job(database, kind: str, ref: str, within: float = 60.0) -> Job:
    """The job (the latest of that kind and ref) once it is done or failed, or as it is after `within`."""
    deadline = time.monotonic() + within
    while True:
        with database.reading() as session:
            job = session.scalars(select(Job).where(Job.kind == kind, Job.ref == ref).order_by(Job.id.desc())).first()
        if (job is not None and job.state in ("done", "failed")) or time.monotonic() > deadline:
            return job
        time.sleep(0.05)
