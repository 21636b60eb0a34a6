"""Running a queued call: its request goes through the whole application again, as its sender, and the response
is stored for the state and content endpoints; then the notification, if the call asked for one.

The request is the one that was sent, less its credentials: it is authenticated by the context stored with it
(identity/auth.py, `REPLAYED_CONTEXT`), so the If-Match check, the validation, the error bodies and the books are
exactly a direct call's. A run after a crash that finds the first run's change committed does not run the call
again (jobs/runner.py): the state says Failed, with why. A run whose change was refused because another run of the
call committed first stores nothing: the call's state and response are that run's.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from urllib.parse import quote, urlsplit

import anyio
import httpx2

from ..db import clock
from ..identity.auth import REPLAYED_CONTEXT
from ..jobs.queue import Superseded
from ..jobs.runner import JobRun, Retry, register, register_periodic, retry_after_seconds
from ..kit.outbound import tls_context
from ..webhooks import service as webhooks
from ..webhooks.service import BACKGROUND_API_RESPONSE
from . import service

INTERRUPTED = (
    "The server stopped after the call's change was committed and before its response was stored; the call was "
    "not run again, so the change was made once. Read the record it changed to see the result."
)
NOTIFY_TIMEOUT_SECONDS = 10.0
RETENTION_SWEEP = timedelta(minutes=1)


async def run_call(run: JobRun) -> None:
    now = run.clock()
    call = await anyio.to_thread.run_sync(lambda: service.start(run.db, run.job.ref, now=now))
    if call is None:
        return
    if run.job.attempts > 1 and await anyio.to_thread.run_sync(run.another_run_wrote):
        await anyio.to_thread.run_sync(lambda: service.fail(run.db, call.id, error=INTERRUPTED, now=run.clock()))
        return
    with run.marking_writes(), clock.scoped():  # the replay's authentication sets its company's clock
        status, headers, body = await _send(run.app, call)
    if await anyio.to_thread.run_sync(run.another_run_wrote):
        raise Superseded(run.job.id)  # the app answered this run's refused commit with a 500: not the call's answer
    await anyio.to_thread.run_sync(
        lambda: service.finish(run.db, call.id, status_code=status, headers=headers, body=body, now=run.clock())
    )


async def _send(app, call: service.Call) -> tuple[int, dict[str, str], bytes]:
    host = next((value for name, value in call.headers if name.lower() == "host"), "localhost")
    parts = urlsplit(f"//{host}")
    port = parts.port or (443 if call.scheme == "https" else 80)
    headers = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in call.headers]
    if call.body:
        headers.append((b"content-length", str(len(call.body)).encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": call.method,
        "scheme": call.scheme,
        "path": call.path,
        "raw_path": quote(call.path).encode("latin-1"),
        "query_string": call.query.encode("latin-1"),
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 0),
        "server": (parts.hostname or "localhost", port),
        "state": {},
        REPLAYED_CONTEXT: call.context,
    }
    sent_body = False
    done = asyncio.Event()
    status = 500
    response_headers: dict[str, str] = {}
    chunks: list[bytes] = []

    async def receive():
        nonlocal sent_body
        if not sent_body:
            sent_body = True
            return {"type": "http.request", "body": call.body, "more_body": False}
        await done.wait()  # nobody hangs up on a queued call before its response is complete
        return {"type": "http.disconnect"}

    async def send(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
            for name, value in message.get("headers", []):
                response_headers[name.decode("latin-1")] = value.decode("latin-1")
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                done.set()

    await app(scope, receive, send)
    done.set()
    return status, response_headers, b"".join(chunks)


async def notify(run: JobRun) -> None:
    """The subscription form: a delivery to each of the calling application's BACKGROUND_API_RESPONSE
    subscriptions (webhooks/, signed and retried there). The legacy URL form: POST `{id, statusCode,
    stateLocation, contentLocation}` with the custom headers; again later (back-off, or the receiver's
    Retry-After) on a network error, a 5xx or a 429."""
    found = await anyio.to_thread.run_sync(lambda: service.notification(run.db, run.job.ref))
    if found is None:
        return
    if found.to_subscriptions:
        await _to_subscriptions(run, found)
        return
    headers = {**found.headers, "x-vwd-event-id": BACKGROUND_API_RESPONSE}
    try:
        async with httpx2.AsyncClient(timeout=NOTIFY_TIMEOUT_SECONDS, verify=tls_context()) as client:
            response = await client.post(found.address, json=found.body, headers=headers)
    except httpx2.HTTPError as error:
        raise Retry(f"{type(error).__name__}: {error}") from error
    if response.status_code == 429 or response.status_code >= 500:
        after = retry_after_seconds(response.headers.get("retry-after"))
        raise Retry(f"The receiver answered {response.status_code}.", after=after)


async def _to_subscriptions(run: JobRun, found: service.Notification) -> None:
    if run.job.attempts > 1 and await anyio.to_thread.run_sync(run.another_run_wrote):
        return  # an earlier run queued the deliveries

    def fan_out() -> None:
        with run.marking_writes(), run.db.writing() as session:
            webhooks.fan_out(
                session,
                application_id=found.application_id,
                company_id=found.company_id,
                publisher=webhooks.VISMA_NET,
                event_id=BACKGROUND_API_RESPONSE,
                body=found.body,
                headers=found.headers,
                now=run.clock(),
            )

    await anyio.to_thread.run_sync(fan_out)


register(service.CALL, run_call, max_attempts=5)
register(service.NOTIFY, notify, max_attempts=8)
register_periodic("background call retention", RETENTION_SWEEP, service.expire)
