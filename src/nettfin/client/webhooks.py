"""Receiving Visma.net webhook notifications: the signature check, the parsed notification, and a local receiver.

The dispatcher signs each delivery with `X-VWD-Signature-V1`: base64(HMAC-SHA256(the subscription's signing key,
the raw body)). `verify_signature` checks it (in constant time), `parse_notification` checks it and returns the
payload with the `x-vwd-*` headers, and `WebhookReceiver` is a small HTTP server on 127.0.0.1 that keeps what it
receives, for tests and for `nettfin webhooks listen`:

    with WebhookReceiver(key="...") as receiver:
        client.background("POST", "v1/customer", json=body, notify=receiver.url)
        (delivery,) = receiver.wait_for(1, timeout=30)
        print(delivery.payload, delivery.signature_valid)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ._errors import NettfinError

SIGNATURE_HEADER = "x-vwd-signature-v1"
EVENT_HEADER = "x-vwd-event-id"


class SignatureError(NettfinError):
    """A notification's `X-VWD-Signature-V1` is missing or does not match its body under the key given."""


def sign(body: bytes, key: str) -> str:
    """The signature the dispatcher sends for `body`: base64(HMAC-SHA256(key, body))."""
    return base64.b64encode(hmac.new(key.encode(), body, hashlib.sha256).digest()).decode("ascii")


def verify_signature(body: bytes, signature: str, key: str) -> bool:
    """Whether `signature` (the `X-VWD-Signature-V1` value) is the body's HMAC-SHA256 under `key`; constant time."""
    return hmac.compare_digest(sign(body, key).encode("ascii"), (signature or "").strip().encode("ascii", "replace"))


@dataclass(frozen=True)
class Notification:
    """A verified delivery: the parsed JSON `payload`, the `x-vwd-*` headers (lower-case names) in `vwd`, and
    every header in `headers` (lower-case names: the caller's own `subscription:<h>=<v>` pairs are there)."""

    payload: Any
    vwd: dict[str, str]
    headers: dict[str, str]

    @property
    def event_id(self) -> str | None:
        return self.vwd.get(EVENT_HEADER)


def _lower(headers: Mapping[str, str]) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}


def parse_notification(body: bytes, headers: Mapping[str, str], key: str) -> Notification:
    """Checks the signature and parses the body; raises `SignatureError` when it is missing or wrong."""
    lowered = _lower(headers)
    signature = lowered.get(SIGNATURE_HEADER)
    if signature is None:
        raise SignatureError(f"the notification has no {SIGNATURE_HEADER} header: it is not signed")
    if not verify_signature(body, signature, key):
        raise SignatureError(f"the {SIGNATURE_HEADER} header does not match the body under this key")
    vwd = {name: value for name, value in lowered.items() if name.startswith("x-vwd-")}
    return Notification(json.loads(body) if body.strip() else None, vwd, lowered)


@dataclass(frozen=True)
class Delivery:
    """One POST the receiver took: when, the path, the headers (lower-case names), the raw body, and
    `signature_valid`: True or False when the receiver has a key and the delivery a signature, else None."""

    received_at: datetime
    path: str
    headers: dict[str, str]
    body: bytes
    signature_valid: bool | None = None
    payload: Any = field(default=None)

    @property
    def event_id(self) -> str | None:
        return self.headers.get(EVENT_HEADER)

    @property
    def signed(self) -> bool:
        return SIGNATURE_HEADER in self.headers


class WebhookReceiver:
    """A threading HTTP server on 127.0.0.1 (a free port unless `port` is given) that answers every POST 200 and
    keeps it in `received`; `url` is where to send. With `key`, each delivery's signature is checked
    (`Delivery.signature_valid`); `on_delivery(delivery)` is called for each as it arrives. A context manager."""

    def __init__(self, *, key: str | None = None, port: int = 0, path: str = "/webhook", on_delivery=None) -> None:
        self.key = key
        self.received: list[Delivery] = []
        self._on_delivery = on_delivery
        self._arrived = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._server.daemon_threads = True
        self.port: int = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}{path}"
        self._thread: threading.Thread | None = None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver._take(self.path, {k: v for k, v in self.headers.items()}, body)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    def _take(self, path: str, headers: dict[str, str], body: bytes) -> None:
        lowered = _lower(headers)
        signature = lowered.get(SIGNATURE_HEADER)
        valid = None if self.key is None or signature is None else verify_signature(body, signature, self.key)
        try:
            payload = json.loads(body) if body.strip() else None
        except ValueError:
            payload = None
        delivery = Delivery(datetime.now(UTC), path, lowered, body, valid, payload)
        with self._arrived:
            self.received.append(delivery)
            self._arrived.notify_all()
        if self._on_delivery is not None:
            self._on_delivery(delivery)

    def start(self) -> WebhookReceiver:
        self._thread = threading.Thread(target=self._server.serve_forever, name="webhook-receiver", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> WebhookReceiver:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def wait_for(self, count: int = 1, timeout: float = 30.0) -> list[Delivery]:
        """The first `count` deliveries, once they have arrived; `TimeoutError` after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self.received) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(self.received)} of {count} deliveries arrived in {timeout:g} seconds")
                self._arrived.wait(left)
            return self.received[:count]
