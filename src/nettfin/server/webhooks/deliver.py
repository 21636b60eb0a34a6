"""The `webhook_delivery` job: POST a delivery's notification to its subscription's URL, signed as the Visma
Webhook Dispatcher signs (`X-VWD-Signature-V1`: base64 of HMAC-SHA256 of the raw body with the subscription's
key), and log how it went. A network error, a 5xx or a 429 is tried again with back-off (a 429's or 503's
Retry-After honoured) until the attempts are spent; any other answer ends it: 2xx delivered, 4xx failed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from datetime import datetime, timedelta

import anyio
import httpx2

from ..jobs.runner import JobRun, Retry, register, register_periodic, retry_after_seconds
from ..kit.outbound import tls_context
from . import service
from .models import DeliveryStatus

SIGNATURE = "X-VWD-Signature-V1"
TIMEOUT_SECONDS = 10.0
MAX_ATTEMPTS = 8


def signature(key: str, body: bytes) -> str:
    return base64.b64encode(hmac.new(key.encode("utf-8"), body, hashlib.sha256).digest()).decode("ascii")


def signed_headers(outgoing: service.Outgoing, now: datetime) -> dict[str, str]:
    epoch_ms = str(int(now.timestamp() * 1000))
    return {
        **outgoing.headers,
        "Content-Type": "application/json",
        "x-vwd-notification-timestamp": epoch_ms,
        "x-vwd-webhook-timestamp": epoch_ms,
        SIGNATURE: signature(outgoing.key, outgoing.body),
    }


async def deliver(run: JobRun) -> None:
    found = await anyio.to_thread.run_sync(lambda: service.outgoing(run.db, int(run.job.ref)))
    if found is None:
        return
    last = run.job.attempts >= MAX_ATTEMPTS
    again = DeliveryStatus.FAILED if last else DeliveryStatus.PENDING

    async def log(status: str, **outcome) -> None:
        await anyio.to_thread.run_sync(
            lambda: service.record_attempt(run.db, found.delivery_id, status=status, now=run.clock(), **outcome)
        )

    started = time.monotonic()
    try:
        async with httpx2.AsyncClient(timeout=TIMEOUT_SECONDS, verify=tls_context()) as client:
            response = await client.post(found.url, content=found.body, headers=signed_headers(found, run.clock()))
    except httpx2.HTTPError as error:
        reason = f"{type(error).__name__}: {error}"
        await log(again, error=reason)
        raise Retry(reason) from error
    elapsed = round((time.monotonic() - started) * 1000)
    code = response.status_code
    if code == 429 or code >= 500:
        reason = f"The receiver answered {code}."
        await log(again, response_status=code, response_ms=elapsed, error=reason)
        raise Retry(reason, after=retry_after_seconds(response.headers.get("retry-after")))
    if 200 <= code < 300:
        await log(DeliveryStatus.DELIVERED, response_status=code, response_ms=elapsed)
    else:
        await log(
            DeliveryStatus.FAILED, response_status=code, response_ms=elapsed, error=f"The receiver refused it: {code}."
        )


register(service.DELIVERY, deliver, max_attempts=MAX_ATTEMPTS)
register_periodic("webhook delivery log clean-up", timedelta(hours=1), service.forget_deliveries)
