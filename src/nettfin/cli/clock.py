"""`nettfin admin clock show|set|advance|freeze|resume|reset`: a company's movable clock, on the database directly
(as `nettfin admin faults`), through the same use cases as the admin API (server/faults/clock.py). A running
server applies a change on its next call for the company."""

from __future__ import annotations

from pathlib import Path

import typer

from .faults import DatabaseOption, DataDirOption, _writing

clock_app = typer.Typer(
    help="A company's own clock: set or advance its 'now' (document dates, due dates, periods, postings, its "
    "Connect tokens' lifetimes, background retention); other companies keep real time.",
    no_args_is_help=True,
)
CompanyArgument = typer.Argument(..., help="The company id.")


def _show(state) -> None:
    from nettfin.server.kit.render import format_instant

    if not state.moved:
        typer.echo(f"company {state.company_id}: real time, {format_instant(state.now)}")
        return
    how = "frozen" if state.frozen else f"running, {state.offset.total_seconds():+.0f} s from real time"
    typer.echo(f"company {state.company_id}: {format_instant(state.now)} ({how})")


@clock_app.command("show")
def clock_show(
    company: int = CompanyArgument, database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption
) -> None:
    """The company's "now", and whether it is frozen or runs on from where it was set."""
    from nettfin.server.faults.clock import read

    with _writing(database_url, data_dir) as session:
        state = read(session, company)
    _show(state)


@clock_app.command("set")
def clock_set(
    company: int = CompanyArgument,
    now: str = typer.Argument(..., help="A day (2027-01-31: midnight UTC) or an ISO 8601 instant with its zone."),
    frozen: bool = typer.Option(False, "--frozen", help="Stand still there (default: run on from there)."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Set the company's "now"; refused before its latest posting."""
    from nettfin.server.faults.clock import parse_instant, set_clock

    with _writing(database_url, data_dir) as session:
        state = set_clock(session, company, now=parse_instant(now), frozen=frozen)
    _show(state)


@clock_app.command("advance")
def clock_advance(
    company: int = CompanyArgument,
    days: float = typer.Option(0, "--days"),
    hours: float = typer.Option(0, "--hours"),
    minutes: float = typer.Option(0, "--minutes"),
    seconds: float = typer.Option(0, "--seconds"),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Move the company's clock by a duration (negative: back, not before its latest posting)."""
    from nettfin.server.faults.clock import advance, duration

    if not (days or hours or minutes or seconds):
        raise typer.BadParameter("say how far: --days, --hours, --minutes and/or --seconds")
    with _writing(database_url, data_dir) as session:
        state = advance(session, company, duration(days=days, hours=hours, minutes=minutes, seconds=seconds))
    _show(state)


@clock_app.command("freeze")
def clock_freeze(
    company: int = CompanyArgument, database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption
) -> None:
    """Stop the company's clock where it is."""
    _stand(company, True, database_url, data_dir)


@clock_app.command("resume")
def clock_resume(
    company: int = CompanyArgument, database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption
) -> None:
    """Let a frozen clock run on from where it stands."""
    _stand(company, False, database_url, data_dir)


@clock_app.command("reset")
def clock_reset(
    company: int = CompanyArgument, database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption
) -> None:
    """Real time again (refused when the company posted after the real time)."""
    from nettfin.server.faults.clock import reset

    with _writing(database_url, data_dir) as session:
        state = reset(session, company)
    _show(state)


def _stand(company: int, frozen: bool, database_url: str | None, data_dir: Path | None) -> None:
    from nettfin.server.faults.clock import set_clock

    with _writing(database_url, data_dir) as session:
        state = set_clock(session, company, frozen=frozen)
    _show(state)
