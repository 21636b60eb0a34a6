"""`nettfin webhooks listen`: a local webhook receiver that prints each delivery as it arrives, until Ctrl-C."""

from __future__ import annotations

import json
import signal
import threading

import typer

from nettfin.client.webhooks import Delivery, WebhookReceiver

webhooks_app = typer.Typer(help="Receive webhook notifications locally.", no_args_is_help=True)
_printing = threading.Lock()


def describe(delivery: Delivery) -> str:
    """The delivery as printed: a header line (time, event id, signature) and the body, pretty JSON when it is."""
    if delivery.signature_valid is None:
        signature = "signed (no --key to check it)" if delivery.signed else "unsigned"
    else:
        signature = "signature valid" if delivery.signature_valid else "signature INVALID"
    when = delivery.received_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    event = delivery.event_id or "(no x-vwd-event-id)"
    if delivery.payload is not None:
        body = json.dumps(delivery.payload, indent=2, ensure_ascii=False)
    else:
        body = delivery.body.decode("utf-8", "replace")
    return f"{when}  --> {event}  POST {delivery.path}  [{signature}]\n{body}"


def _print(delivery: Delivery) -> None:
    with _printing:
        typer.echo(describe(delivery))


@webhooks_app.command("listen")
def listen(
    port: int = typer.Option(0, "--port", min=0, max=65535, help="The port on 127.0.0.1 (default: a free one)."),
    key: str | None = typer.Option(
        None, "--key", envvar="NETTFIN_WEBHOOK_KEY", help="The subscription's signing key: checks X-VWD-Signature-V1."
    ),
) -> None:
    """Listen on 127.0.0.1 for webhook deliveries (answered 200) and print each one, until Ctrl-C. Give the
    printed URL as the background API's notification address (`erp-api-background: <url>`) or a subscription's."""
    with WebhookReceiver(key=key, port=port, on_delivery=_print) as receiver:
        checked = "signatures checked with the key given" if key else "signatures not checked: no --key"
        typer.echo(f"Ready! Listening on {receiver.url} ({checked}). Ctrl-C to stop.", err=True)
        _until_stopped()
        typer.echo(f"Stopped after {len(receiver.received)} deliveries.", err=True)


def _until_stopped() -> None:
    """Wait for Ctrl-C or SIGTERM. The handlers are installed here, not left to Python's defaults: a process started
    with SIGINT ignored (by a test runner's worker, a `nohup`) inherits that, and Python then raises no
    KeyboardInterrupt."""
    stopped = threading.Event()
    previous = {number: signal.signal(number, lambda *_: stopped.set()) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stopped.wait(1.0):
            pass
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
