"""API commands of `nettfin`, on the SDK: `context`, `get`, `create`, `update`, `attach`, `download`.

They talk to any Visma.net Financials API (nettfin or the real service) with the login saved by `nettfin login`,
or with `--base-url`, `--token` and `--company` (also `NETTFIN_BASE_URL`, `NETTFIN_TOKEN`, `NETTFIN_COMPANY_ID`).
Data goes to stdout (a table, JSON, or JSON lines), progress and errors to stderr.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from nettfin.client import (
    NETTFIN_URL,
    RESOURCES,
    SERVICE_SCOPES,
    VISMA_CONNECT_URL,
    ApiError,
    Client,
    ClientCredentials,
    ConnectTokens,
    NettfinError,
    Record,
    RefreshingConnectToken,
    RefreshingToken,
    Tokens,
)
from nettfin.client._wire import dumps

from . import credentials

errors = Console(stderr=True, highlight=False, soft_wrap=True)
BaseUrlOption = typer.Option(
    None,
    "--base-url",
    envvar="NETTFIN_BASE_URL",
    help=f"The API's /API root, or its address for /v1 paths (default: the saved one, or {NETTFIN_URL}).",
)
TokenOption = typer.Option(None, "--token", envvar="NETTFIN_TOKEN", help="A bearer token (default: the saved one).")
CompanyOption = typer.Option(
    None, "--company", envvar="NETTFIN_COMPANY_ID", help="The ipp-company-id (default: the saved one)."
)
_FILTER = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(>=|<=|=|>|<)(.*)$", re.DOTALL)


class Output(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def reports_errors(command):
    """Turns the SDK's errors into one line on stderr and exit status 1."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except NettfinError as error:
            errors.print(f"error: {_describe(error)}", markup=False)
            raise typer.Exit(1) from None

    return run


def _describe(error: NettfinError) -> str:
    if not isinstance(error, ApiError):
        return str(error)
    text = f"{error.status} {type(error).__name__}: {error.message.strip() or 'no message'}"
    return f"{text} (VismaId {error.visma_id})" if error.visma_id else text


def connect(ctx: typer.Context, base_url: str | None, token: str | None, company: int | None) -> Client:
    """A client from the options, else from the saved login. `ctx.obj["transport"]` (tests) replaces the network."""
    saved = credentials.load()
    base = (base_url or saved.base_url or NETTFIN_URL).rstrip("/")
    same_server = saved.base_url is None or saved.base_url.rstrip("/") == base
    auth: Any = token
    if auth is None and saved.token and same_server:
        auth = _saved_auth(saved, base)
    if auth is None:
        raise NettfinError(f"not logged in to {base}: run `nettfin login`, or give --token")
    company_id = company if company is not None else (saved.company_id if same_server else None)
    return Client(base_url=base, token=auth, company_id=company_id, transport=(ctx.obj or {}).get("transport"))


def _saved_auth(saved: credentials.Credentials, base: str) -> Any:
    if saved.flow:
        return _saved_connect_auth(saved)
    if not (saved.refresh_token and saved.client_id and saved.client_secret):
        return saved.token

    def keep(tokens: Tokens) -> None:
        credentials.save(credentials.load().updated(token=tokens.token, refresh_token=tokens.refresh_token))

    return RefreshingToken(
        Tokens(saved.token, saved.refresh_token),
        client_id=saved.client_id,
        client_secret=saved.client_secret,
        base_url=base,
        on_refresh=keep,
    )


def _saved_connect_auth(saved: credentials.Credentials) -> Any:
    """A Connect login: the saved token until shortly before it expires, then a new one (client credentials again,
    or the refresh token), saved for the next command."""

    def keep(tokens: ConnectTokens) -> None:
        changes = {"token": tokens.access_token, "expires_at": tokens.expires_at}
        credentials.save(credentials.load().updated(**changes, refresh_token=tokens.refresh_token))

    tokens = ConnectTokens(saved.token, saved.expires_at or 0.0, refresh_token=saved.refresh_token)
    if saved.flow == "client_credentials" and saved.client_id and saved.client_secret:
        return ClientCredentials(
            saved.client_id,
            saved.client_secret,
            saved.tenant_id,
            saved.scope or SERVICE_SCOPES,
            issuer=saved.issuer or VISMA_CONNECT_URL,
            tokens=tokens,
            on_token=keep,
        )
    return RefreshingConnectToken(
        tokens,
        client_id=saved.client_id or "",
        client_secret=saved.client_secret,
        issuer=saved.issuer or VISMA_CONNECT_URL,
        on_token=keep,
    )


def parse_filters(given: list[str]) -> dict[str, Any]:
    """`name=value`, or `name>=value` (also `>`, `<`, `<=`) for a filter with its `...Condition`; a name given
    twice becomes a list (repeated parameter)."""
    filters: dict[str, Any] = {}
    for text in given:
        matched = _FILTER.match(text)
        if not matched:
            raise typer.BadParameter(f"{text!r} is not name=value or name>=value", param_hint="--filter")
        name, operator, value = matched.groups()
        entry: Any = value if operator == "=" else (operator, value)
        if name in filters:
            previous = filters[name]
            filters[name] = [*previous, entry] if isinstance(previous, list) else [previous, entry]
        else:
            filters[name] = entry
    return filters


# --- output ----------------------------------------------------------------------------------------------


def _plain(record: Any) -> Any:
    return record.raw if isinstance(record, Record) else record


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return dumps(value)
    return str(value)


def _columns(spec_key: str, rows: list[dict]) -> list[str]:
    present = set().union(*(row.keys() for row in rows)) if rows else set()
    wanted = list(dict.fromkeys(path.split(".")[0] for path in spec_key.split()))
    for group in (("name", "description", "employeeName"), ("status",), ("lastModifiedDateTime",)):
        found = next((name for name in group if name in present), None)
        if found and found not in wanted:
            wanted.append(found)
    return wanted


def print_records(records: list[Any], output: Output, spec_key: str) -> None:
    plain = [_plain(record) for record in records]
    if output is Output.json:
        typer.echo(dumps(plain, indent=2))
    elif output is Output.jsonl:
        for item in plain:
            typer.echo(dumps(item))
    elif plain and not isinstance(plain[0], dict):
        for item in plain:
            typer.echo(item)
    else:
        columns = _columns(spec_key, plain)
        table = Table(*columns)
        for row in plain:
            table.add_row(*(_cell(row.get(column)) for column in columns))
        Console().print(table)


def print_record(record: Any, output: Output) -> None:
    plain = _plain(record)
    if output is not Output.table or not isinstance(plain, dict):
        typer.echo(dumps(plain, indent=2 if output is not Output.jsonl else None))
        return
    table = Table("member", "value")
    for name, value in plain.items():
        table.add_row(name, _cell(value))
    Console().print(table)


def _read_body(file: Path) -> Any:
    text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
    try:
        return json.loads(text, parse_float=Decimal)
    except ValueError as error:
        raise typer.BadParameter(f"not JSON: {error}", param_hint="--file") from None


def _key(parts: list[str]) -> Any:
    return parts[0] if len(parts) == 1 else tuple(parts)


# --- commands --------------------------------------------------------------------------------------------


@reports_errors
def context(
    ctx: typer.Context,
    use: int | None = typer.Option(None, "--use", help="Save this company id as the one to use."),
    output: Output = typer.Option(Output.table, "--output", "-o"),
    base_url: str | None = BaseUrlOption,
    token: str | None = TokenOption,
) -> None:
    """List the companies the token may use (Context endpoint); --use saves one for the other commands."""
    with connect(ctx, base_url, token, None) as client:
        companies = client.context()
    if use is not None:
        if use not in {company.id for company in companies}:
            raise NettfinError(f"company {use} is not available to this token")
        credentials.save(credentials.load().updated(company_id=use))
        errors.print(f"company {use} saved as the one to use")
    print_records(companies, output, "id")


def _crawl(resource, filters: dict, page_size: int | None, concurrency: int, output: Output) -> list[Any]:
    """Every page, with a progress bar on stderr driven by totalCount; JSON lines are printed as they come."""
    kept: list[Any] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=errors, transient=True) as progress:
        task = progress.add_task(resource.spec.name, total=None)
        for page in resource.pages(page_size=page_size or 1000, concurrency=concurrency, **filters):
            progress.update(task, total=max(page.total_count or 0, progress.tasks[0].completed + len(page.items)))
            progress.advance(task, len(page.items))
            if output is Output.jsonl:
                for item in page.items:
                    typer.echo(dumps(_plain(item)))
            else:
                kept.extend(page.items)
    return kept


@reports_errors
def get(
    ctx: typer.Context,
    resource: str = typer.Argument(..., help="customer, supplier, inventory, account, vat-zone, ... (see --help)"),
    key: list[str] = typer.Argument(None, help="A record's key; two values for a composite key."),
    filter_: list[str] = typer.Option([], "--filter", "-f", help="name=value or name>=value; repeatable."),
    all_pages: bool = typer.Option(False, "--all", help="Read every page (progress on stderr)."),
    page: int | None = typer.Option(None, "--page", min=1, help="The page number (default 1)."),
    page_size: int | None = typer.Option(None, "--page-size", min=1),
    concurrency: int = typer.Option(1, "--concurrency", min=1, max=16, help="Pages read at a time with --all."),
    output: Output = typer.Option(Output.table, "--output", "-o"),
    base_url: str | None = BaseUrlOption,
    token: str | None = TokenOption,
    company: int | None = CompanyOption,
) -> None:
    """Read one record, one page of a list, or (--all) the whole list."""
    filters = parse_filters(filter_)
    with connect(ctx, base_url, token, company) as client:
        endpoint = client.resource(resource)
        if key:
            print_record(endpoint.get(_key(key), **filters), output)
            return
        if all_pages:
            records = _crawl(endpoint, filters, page_size, concurrency, output)
            if output is not Output.jsonl:
                print_records(records, output, endpoint.spec.key)
            return
        records = endpoint.list(page_number=page, page_size=page_size, **filters)
    print_records(records, output, endpoint.spec.key)


@reports_errors
def create(
    ctx: typer.Context,
    resource: str = typer.Argument(...),
    file: Path = typer.Option(..., "--file", help='The body in the write shape ({"value": ...}); - for stdin.'),
    base_url: str | None = BaseUrlOption,
    token: str | None = TokenOption,
    company: int | None = CompanyOption,
) -> None:
    """Create a record from a JSON body; prints the new key (from Location)."""
    body = _read_body(file)
    with connect(ctx, base_url, token, company) as client:
        typer.echo(client.resource(resource).create(body))


@reports_errors
def update(
    ctx: typer.Context,
    resource: str = typer.Argument(...),
    key: list[str] = typer.Argument(..., help="The record's key; two values for a composite key."),
    file: Path = typer.Option(..., "--file", help="The fields to change, in the write shape; - for stdin."),
    if_match: str | None = typer.Option(None, "--if-match", help="The ETag last read; refused (412) if stale."),
    base_url: str | None = BaseUrlOption,
    token: str | None = TokenOption,
    company: int | None = CompanyOption,
) -> None:
    """Update a record with a JSON body (only the fields sent change); prints the new ETag."""
    body = _read_body(file)
    with connect(ctx, base_url, token, company) as client:
        typer.echo(client.resource(resource).update(_key(key), body, if_match=if_match) or "")


@reports_errors
def attach(
    ctx: typer.Context,
    document: str = typer.Argument(..., help="The document's resource or path, e.g. supplierInvoice."),
    number: str = typer.Argument(..., help="The document's number."),
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="The file to attach (streamed)."),
    line: int | None = typer.Option(None, "--line", help="Attach to this line of the document."),
    base_url: str | None = BaseUrlOption,
    token: str | None = TokenOption,
    company: int | None = CompanyOption,
) -> None:
    """Attach a file to a document (multipart upload); prints the attachment id."""
    with connect(ctx, base_url, token, company) as client:
        typer.echo(client.upload_attachment(document, number, file, line_number=line) or "")


@reports_errors
def download(
    ctx: typer.Context,
    attachment_id: str = typer.Argument(..., help="The attachment's id (the last segment of its Location)."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Where to save it; - for stdout. Default: the file's own name, here."
    ),
    base_url: str | None = BaseUrlOption,
    token: str | None = TokenOption,
    company: int | None = CompanyOption,
) -> None:
    """Save the latest revision of an attachment (streamed); prints where it went."""
    with connect(ctx, base_url, token, company) as client:
        if output is not None and str(output) == "-":
            client.download_attachment(attachment_id, sys.stdout.buffer)
            return
        # Without --output the name is known only from the answer: save to a partial file, then rename it.
        target = output or Path(f".{attachment_id}.part")
        try:
            saved = client.download_attachment(attachment_id, target)
        except BaseException:
            if output is None:
                target.unlink(missing_ok=True)
            raise
        if output is None:
            target = target.replace(Path(Path(saved.name or attachment_id).name))
        typer.echo(f"{target} ({saved.size} bytes, {saved.content_type})", err=True)
        typer.echo(str(target))


RESOURCE_HELP = "Resources: " + ", ".join(spec.name.replace("_", "-") for spec in RESOURCES) + "."


def register(app: typer.Typer) -> None:
    app.command("context")(context)
    app.command("get", epilog=RESOURCE_HELP)(get)
    app.command("create", epilog=RESOURCE_HELP)(create)
    app.command("update", epilog=RESOURCE_HELP)(update)
    app.command("attach")(attach)
    app.command("download")(download)
