"""`nettfin background get ID` and `nettfin background content ID`: a queued call's state and stored response."""

from __future__ import annotations

import sys

import typer

from nettfin.client import BackgroundCall

from .api import BaseUrlOption, CompanyOption, Output, TokenOption, connect, print_record, reports_errors

background_app = typer.Typer(
    help="Calls queued with the background API (erp-api-background): state and stored response.",
    no_args_is_help=True,
)


def _handle(client, request_id: str) -> BackgroundCall:
    return BackgroundCall(client, "GET", {"id": request_id})


@background_app.command("get")
@reports_errors
def get(
    ctx: typer.Context,
    request_id: str = typer.Argument(..., help="The id the 202 answer gave."),
    wait: bool = typer.Option(False, "--wait", help="Poll until the call is Finished or Failed."),
    timeout: float = typer.Option(60.0, "--timeout", min=0, help="With --wait: give up after this many seconds."),
    output: Output = typer.Option(Output.table, "--output", "-o"),
    base_url: str | None = BaseUrlOption,
    token: str | None = TokenOption,
    company: int | None = CompanyOption,
) -> None:
    """The state of a queued call: Started, Finished (with the call's status code) or Failed; --wait polls until
    it is no longer Started."""
    with connect(ctx, base_url, token, company) as client:
        call = _handle(client, request_id)
        state = call.until_done(timeout) if wait else call.state()
    print_record(state.raw, output)


@background_app.command("content")
@reports_errors
def content(
    ctx: typer.Context,
    request_id: str = typer.Argument(..., help="The id the 202 answer gave."),
    base_url: str | None = BaseUrlOption,
    token: str | None = TokenOption,
    company: int | None = CompanyOption,
) -> None:
    """The stored response body of a finished call, as it was sent, to stdout."""
    with connect(ctx, base_url, token, company) as client:
        body = _handle(client, request_id).content()
    sys.stdout.buffer.write(body)
    sys.stdout.buffer.flush()
