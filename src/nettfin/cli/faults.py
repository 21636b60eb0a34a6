"""`nettfin admin faults add|list|remove|clear` and `nettfin admin throttle on|off|reset`: a company's fault rules
and its throttle switch, on the database directly (as `nettfin admin webhooks`), through the same use cases as
the admin API (server/faults/rules.py). A running server applies a change on its next call for the company."""

from __future__ import annotations

from pathlib import Path

import typer

faults_app = typer.Typer(
    help="Fault injection per company: latency, the real service's errors, dropped connections.",
    no_args_is_help=True,
)
throttle_app = typer.Typer(
    help="The throttle's real limits for one company, whatever the server's --throttle.", no_args_is_help=True
)
DatabaseOption = typer.Option(None, "--database-url", help="SQLAlchemy URL; default: SQLite in the data dir.")
DataDirOption = typer.Option(None, "--data-dir", help="Where the SQLite file lives (default ./.nettfin).")


def _writing(database_url: str | None, data_dir: Path | None):
    from .main import _writing as writing

    return writing(database_url, data_dir)


def rule_line(rule, client_id: str | None) -> str:
    effects = []
    if rule.latency_ms:
        effects.append(f"latency {rule.latency_ms} ms")
    if rule.status:
        effects.append(f"status {rule.status}" + (f" (Retry-After {rule.retry_after})" if rule.retry_after else ""))
    if rule.drop:
        effects.append(f"drop {rule.drop}")
    scope = f"{rule.method or 'any method'} {rule.path or '*'}" + (f" client {client_id}" if client_id else "")
    times = f"{rule.remaining} of {rule.times} left" if rule.times is not None else "no limit"
    return f"{rule.id}\t{', '.join(effects)}\t{scope}\tprobability {rule.probability:g}\t{times}"


@faults_app.command("add")
def faults_add(
    company: int = typer.Argument(..., help="The company id."),
    latency_ms: int | None = typer.Option(None, "--latency-ms", help="Added latency, 1..60000 ms."),
    status: int | None = typer.Option(None, "--status", help="429, 500, 502, 503, 504 or 12027 (no licence)."),
    retry_after: int | None = typer.Option(None, "--retry-after", help="429 only: Retry-After seconds."),
    drop: str | None = typer.Option(None, "--drop", help="before (nothing handled) or after (handled, committed)."),
    probability: float | None = typer.Option(None, "--probability", help="0 < p <= 1 (default 1)."),
    times: int | None = typer.Option(None, "--times", help="Only the next N matching calls."),
    method: str | None = typer.Option(None, "--method", help="Only this HTTP method."),
    path: str | None = typer.Option(None, "--path", help="Only paths matching this glob (/v1/customer*)."),
    client: str | None = typer.Option(None, "--client", help="Only this Connect client_id or API client id."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Add a fault rule; prints it with its id."""
    from nettfin.server.faults.rules import NewRule, add_rule

    rule = NewRule(
        client_id=client,
        method=method,
        path=path,
        latency_ms=latency_ms,
        status=status,
        retry_after=retry_after,
        drop=drop,
        probability=probability,
        times=times,
    )
    with _writing(database_url, data_dir) as session:
        line = rule_line(add_rule(session, company, rule), client)
    typer.echo(line)


@faults_app.command("list")
def faults_list(
    company: int = typer.Argument(..., help="The company id."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """The company's rules: id, effects, method and path, probability, remaining times."""
    from nettfin.server.faults.rules import client_id_of, list_rules

    with _writing(database_url, data_dir) as session:
        lines = [rule_line(rule, client_id_of(session, rule)) for rule in list_rules(session, company)]
    for line in lines:
        typer.echo(line)


@faults_app.command("remove")
def faults_remove(
    company: int = typer.Argument(..., help="The company id."),
    rule_id: int = typer.Argument(..., help="The rule's id (from `list`)."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Remove one rule."""
    from nettfin.server.faults.rules import remove_rule

    with _writing(database_url, data_dir) as session:
        remove_rule(session, company, rule_id)
    typer.echo(f"fault rule {rule_id} is removed")


@faults_app.command("clear")
def faults_clear(
    company: int = typer.Argument(..., help="The company id."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Remove every rule of the company."""
    from nettfin.server.faults.rules import clear_rules

    with _writing(database_url, data_dir) as session:
        removed = clear_rules(session, company)
    typer.echo(f"{removed} fault rule(s) removed")


def _switch(company: int, enabled: bool, database_url: str | None, data_dir: Path | None) -> None:
    from nettfin.server.faults.rules import switch_throttle

    with _writing(database_url, data_dir) as session:
        switch_throttle(session, company, enabled=enabled)
    state = "on: the real limits apply" if enabled else "off: the server's --throttle applies"
    typer.echo(f"company {company}: throttle {state}")


@throttle_app.command("on")
def throttle_on(
    company: int = typer.Argument(..., help="The company id."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """The real limits for the company's calls (test clients 500/hour, 5 identical requests a minute, 2 repeats
    of a failed request in 5 minutes), even on a server run with --throttle off."""
    _switch(company, True, database_url, data_dir)


@throttle_app.command("off")
def throttle_off(
    company: int = typer.Argument(..., help="The company id."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Back to the server's own throttle policy for the company."""
    _switch(company, False, database_url, data_dir)


@throttle_app.command("reset")
def throttle_reset(
    company: int = typer.Argument(..., help="The company id."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Forget the company's throttle windows (in the database, or Redis with NETTFIN_REDIS_URL)."""
    from nettfin.server.faults.rules import find_company
    from nettfin.server.throttle.policy import company_windows
    from nettfin.server.throttle.setup import counter_store

    from .main import _migrated_database, _settings

    with _writing(database_url, data_dir) as session:
        find_company(session, company)
    settings = _settings(database_url, data_dir)
    db = _migrated_database(settings)
    try:
        counter_store(settings, db).reset(company_windows(company))
    finally:
        db.dispose()
    typer.echo(f"company {company}: throttle windows reset")
