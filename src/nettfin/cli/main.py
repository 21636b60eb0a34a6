"""The `nettfin` command: run the server, migrate, and manage companies, users and tokens."""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.console import Console

app = typer.Typer(help="nettfin: a self-hostable Visma.net Financials API.", no_args_is_help=True)
db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
token_app = typer.Typer(help="Bearer tokens for development.", no_args_is_help=True)
admin_app = typer.Typer(help="Companies and users.", no_args_is_help=True)
company_app = typer.Typer(help="Companies.", no_args_is_help=True)
user_app = typer.Typer(help="Users.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(token_app, name="token")
app.add_typer(admin_app, name="admin")
admin_app.add_typer(company_app, name="company")
admin_app.add_typer(user_app, name="user")

console = Console()
DatabaseOption = typer.Option(None, "--database-url", help="SQLAlchemy URL; default: SQLite in the data dir.")
DataDirOption = typer.Option(None, "--data-dir", help="Where the SQLite file lives (default ./.nettfin).")


def _settings(database_url: str | None, data_dir: Path | None):
    from nettfin.server.settings import Settings

    overrides = {}
    if database_url:
        overrides["database_url"] = database_url
    if data_dir:
        overrides["data_dir"] = data_dir
    settings = Settings(**overrides)
    if not settings.database_url:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    return settings


def _migrated_database(settings):
    from nettfin.server.db.engine import Database
    from nettfin.server.db.migrate import upgrade

    upgrade(settings.resolved_database_url())
    return Database(settings.resolved_database_url())


@app.command()
def serve(
    demo: bool = typer.Option(False, "--demo", help="Seed the demo company into a new database."),
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8080, "--port"),
    workers: int = typer.Option(1, "--workers", min=1),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Migrate the database and serve the API."""
    import uvicorn

    from nettfin.server.demo.seed import demo_company, ensure_demo

    settings = _settings(database_url, data_dir)
    db = _migrated_database(settings)
    if demo:
        ensure_demo(db)
        found = demo_company(db)
        if found:
            _print_demo(found, host, port)
    db.dispose()
    os.environ["NETTFIN_DATABASE_URL"] = settings.resolved_database_url()
    uvicorn.run("nettfin.server.app:create_app", factory=True, host=host, port=port, workers=workers, log_level="info")


def _print_demo(found, host: str, port: int) -> None:
    base = f"http://{host}:{port}"
    console.print(f"[bold]nettfin[/bold] demo company [bold]{found.company_id}[/bold] is ready.")
    console.print(f"  Bearer token:   {found.token}")
    console.print(f"  ipp-company-id: {found.company_id}")
    console.print(f"  Swagger UI:     {base}/swagger")
    console.print("  Try:", style="bold")
    console.print(
        f"  curl -s -H 'Authorization: Bearer {found.token}' -H 'ipp-company-id: {found.company_id}' "
        f"'{base}/API/controller/api/v1/customer?pageSize=2&pageNumber=1'",
        soft_wrap=True,
        highlight=False,
    )


@db_app.command("upgrade")
def db_upgrade(database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption) -> None:
    """Apply every migration to the database."""
    settings = _settings(database_url, data_dir)
    _migrated_database(settings).dispose()
    console.print("database is up to date")


@token_app.command("create")
def token_create(
    user: str = typer.Option(..., "--user", help="The user's e-mail address."),
    description: str = typer.Option("", "--description"),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Issue a bearer token for a user and print it (it is shown only once)."""
    from nettfin.server.identity.service import find_user, issue_token

    db = _migrated_database(_settings(database_url, data_dir))
    with db.writing() as session:
        token = issue_token(session, user=find_user(session, user), description=description)
    typer.echo(token)


@company_app.command("create")
def company_create(
    name: str,
    currency: str = typer.Option("NOK", "--currency"),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Create a company (with a customer number series starting at 10001) and print its id."""
    from nettfin.server.identity.service import create_company
    from nettfin.server.numbering.service import CUSTOMER, create_series

    db = _migrated_database(_settings(database_url, data_dir))
    with db.writing() as session:
        company = create_company(session, name=name, base_currency=currency)
        create_series(session, company_id=company.id, series_id=CUSTOMER, description="Customers", start_after=10000)
    typer.echo(company.id)


@user_app.command("create")
def user_create(
    email: str,
    company: list[int] = typer.Option([], "--company", help="A company id the user may use (repeatable)."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Create a user with access to the given companies."""
    from nettfin.server.identity.models import Company
    from nettfin.server.identity.service import create_user, grant_company

    db = _migrated_database(_settings(database_url, data_dir))
    with db.writing() as session:
        user = create_user(session, email=email)
        for company_id in company:
            found = session.get(Company, company_id)
            if found is None:
                raise typer.BadParameter(f"company {company_id} does not exist", param_hint="--company")
            grant_company(session, user=user, company=found)
    typer.echo(user.id)


if __name__ == "__main__":
    app()
