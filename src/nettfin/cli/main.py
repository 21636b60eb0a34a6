"""The `nettfin` command: run the server, migrate, and manage companies, users, tokens and Connect applications."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console

from . import api, login
from .background import background_app
from .clock import clock_app
from .faults import faults_app, throttle_app
from .webhooks import webhooks_app

app = typer.Typer(help="nettfin: a self-hostable Visma.net Financials API.", no_args_is_help=True)
db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
token_app = typer.Typer(help="Bearer tokens for development.", no_args_is_help=True)
admin_app = typer.Typer(help="Tenants, companies, users, roles and API clients.", no_args_is_help=True)
company_app = typer.Typer(help="Companies.", no_args_is_help=True)
user_app = typer.Typer(help="Users.", no_args_is_help=True)
tenant_app = typer.Typer(help="Tenants (Visma.net customers).", no_args_is_help=True)
role_app = typer.Typer(help="Financials roles per company.", no_args_is_help=True)
client_app = typer.Typer(help="API clients (OAuth 2.0).", no_args_is_help=True)
tree_app = typer.Typer(help="The company tree (EP204060): work groups, members, delegations.", no_args_is_help=True)
timecard_app = typer.Typer(help="Time cards (EP305000).", no_args_is_help=True)
asset_app = typer.Typer(help="Fixed assets (FA): depreciation runs and book figures.", no_args_is_help=True)
receivables_app = typer.Typer(help="Customer ledger processes (AR): credit write-offs.", no_args_is_help=True)
stocktake_app = typer.Typer(help="Physical inventory counts (IN): prepare and complete them.", no_args_is_help=True)
overdue_app = typer.Typer(
    help="Overdue charges (AR): set a customer class's charge, calculate the charges.", no_args_is_help=True
)
contracts_app = typer.Typer(help="Customer contracts (CT): run contract billing.", no_args_is_help=True)
connect_app = typer.Typer(
    help="Visma Connect applications: registration, client secrets, and the companies that approved them.",
    no_args_is_help=True,
)
key_app = typer.Typer(help="Visma Connect signing keys (RS256).", no_args_is_help=True)
subscriptions_app = typer.Typer(
    help="Webhook subscriptions of Connect applications (the Developer Portal's), and their delivery log.",
    no_args_is_help=True,
)
app.add_typer(db_app, name="db")
app.add_typer(token_app, name="token")
app.add_typer(admin_app, name="admin")
admin_app.add_typer(company_app, name="company")
admin_app.add_typer(user_app, name="user")
admin_app.add_typer(tenant_app, name="tenant")
admin_app.add_typer(role_app, name="role")
admin_app.add_typer(client_app, name="client")
admin_app.add_typer(tree_app, name="tree")
admin_app.add_typer(timecard_app, name="timecard")
admin_app.add_typer(asset_app, name="asset")
admin_app.add_typer(stocktake_app, name="stocktake")
admin_app.add_typer(receivables_app, name="receivables")
admin_app.add_typer(overdue_app, name="overdue-charges")
admin_app.add_typer(contracts_app, name="contracts")
admin_app.add_typer(connect_app, name="app")
admin_app.add_typer(key_app, name="key")
admin_app.add_typer(subscriptions_app, name="webhooks")
admin_app.add_typer(faults_app, name="faults")
admin_app.add_typer(throttle_app, name="throttle")
admin_app.add_typer(clock_app, name="clock")

console = Console(soft_wrap=True)
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
    workers: int = typer.Option(
        1, "--workers", min=1, help="Server processes; each listens on the port with a socket of its own."
    ),
    throttle: str = typer.Option(
        "production", "--throttle", help="off, production (15,000 calls/hour for everyone) or test (per client type)."
    ),
    behind_tls: bool = typer.Option(
        False, "--behind-tls", help="Served over HTTPS (e.g. behind a TLS proxy): HSTS and a Secure session cookie."
    ),
    public_url: str | None = typer.Option(
        None,
        "--public-url",
        help="The address clients use (https://erp.example.com): issuer and audience of Visma Connect tokens.",
    ),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Migrate the database and serve the API."""
    import uvicorn

    from nettfin.server.demo.seed import demo_company, ensure_demo

    settings = _settings(database_url, data_dir)
    db = _migrated_database(settings)
    if demo:
        from nettfin.server.demo.seed import DEMO_ADMIN_API_KEY

        ensure_demo(db)
        found = demo_company(db)
        # A demo server's admin API is on, with the documented demo key unless the environment names one.
        os.environ.setdefault("NETTFIN_ADMIN_API_KEY", DEMO_ADMIN_API_KEY)
        if found:
            _print_demo(found, host, port)
    db.dispose()
    os.environ["NETTFIN_DATABASE_URL"] = settings.resolved_database_url()
    os.environ["NETTFIN_THROTTLE"] = throttle
    if behind_tls:
        os.environ["NETTFIN_BEHIND_TLS"] = "true"
    if public_url:
        os.environ["NETTFIN_PUBLIC_URL"] = public_url
    from .workers import APP, serve_workers

    if workers > 1:
        serve_workers(host, port, workers, log_level="info")
    else:
        uvicorn.run(APP, factory=True, host=host, port=port, log_level="info")


def _print_demo(found, host: str, port: int) -> None:
    from nettfin.server.demo.seed import (
        DEMO_ADMIN_API_KEY,
        DEMO_CLIENT_ID,
        DEMO_CLIENT_SECRET,
        DEMO_CONNECT_CLIENT_ID,
        DEMO_CONNECT_CLIENT_SECRET,
        DEMO_CONNECT_SCOPES,
        DEMO_CONNECT_WEB_CLIENT_ID,
        DEMO_CONNECT_WEB_CLIENT_SECRET,
        DEMO_EMAIL,
        DEMO_PASSWORD,
    )

    base = f"http://{host}:{port}"
    console.print(f"[bold]nettfin[/bold] demo company [bold]{found.company_id}[/bold] is ready.")
    console.print(f"  Visma Connect:  client_id {DEMO_CONNECT_CLIENT_ID}, client_secret {DEMO_CONNECT_CLIENT_SECRET}")
    console.print(
        f"  Interactive:    client_id {DEMO_CONNECT_WEB_CLIENT_ID}, client_secret {DEMO_CONNECT_WEB_CLIENT_SECRET}"
        " (redirect http://127.0.0.1:5000/callback)"
    )
    console.print(f"  tenant_id:      {found.tenant_id}")
    console.print(f"  Token URL:      {base}/connect/token  (discovery: {base}/.well-known/openid-configuration)")
    console.print(f"  Legacy token:   {found.token}  (with ipp-company-id: {found.company_id})")
    console.print(f"  Swagger UI:     {base}/swagger")
    console.print(f"  Admin panel:    {base}/admin  (log in as {DEMO_EMAIL} / {DEMO_PASSWORD})")
    console.print(f"  OAuth client:   {DEMO_CLIENT_ID} / {DEMO_CLIENT_SECRET}  (legacy flow)")
    admin_key = os.environ.get("NETTFIN_ADMIN_API_KEY", "")
    shown_key = admin_key if admin_key == DEMO_ADMIN_API_KEY else "the NETTFIN_ADMIN_API_KEY you set"
    console.print(f"  Admin API:      {base}/admin/api  (Authorization: Bearer {shown_key})")
    console.print("  Try (a service token, then the API without ipp-company-id):", style="bold")
    for line in (
        f"  TOKEN=$(curl -s -u {DEMO_CONNECT_CLIENT_ID}:{DEMO_CONNECT_CLIENT_SECRET} -d grant_type=client_credentials "
        f"--data-urlencode 'scope={DEMO_CONNECT_SCOPES}' -d tenant_id={found.tenant_id} "
        f"{base}/connect/token | jq -r .access_token)",
        f"  curl -s -H \"Authorization: Bearer $TOKEN\" '{base}/v1/customer?pageSize=2'",
    ):
        console.print(line, soft_wrap=True, highlight=False, markup=False)
    console.print("  Or with the legacy token:", style="bold")
    console.print(
        f"  curl -s -H 'Authorization: Bearer {found.token}' -H 'ipp-company-id: {found.company_id}' "
        f"'{base}/API/controller/api/v1/customer?pageSize=2&pageNumber=1'",
        soft_wrap=True,
        highlight=False,
    )


@app.command()
def seed(
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Seed the demo company into an empty database (what `serve --demo` does before serving)."""
    from nettfin.server.demo.seed import demo_company, ensure_demo

    db = _migrated_database(_settings(database_url, data_dir))
    seeded = ensure_demo(db)
    found = demo_company(db)
    db.dispose()
    if seeded is None and found is None:
        typer.echo("The database already holds companies; the demo is seeded only into an empty one.", err=True)
        raise typer.Exit(1)
    verb = "seeded" if seeded else "already present"
    console.print(f"demo company {found.company_id} {verb}; bearer token {found.token}")


@db_app.command("upgrade")
def db_upgrade(database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption) -> None:
    """Apply every migration to the database."""
    settings = _settings(database_url, data_dir)
    _migrated_database(settings).dispose()
    console.print("database is up to date")


@db_app.command("sweep-attachments")
def db_sweep_attachments(
    older_than: float = typer.Option(24.0, "--older-than", help="Hours: younger files may be uploads in flight."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Remove attachment bytes no revision refers to, and temporaries uploads left behind."""
    from nettfin.server.attachments.blobs import FileBlobStore
    from nettfin.server.attachments.service import sweep_blobs

    settings = _settings(database_url, data_dir)
    db = _migrated_database(settings)
    try:
        store = FileBlobStore(settings.resolved_attachments_dir())
        files, size = sweep_blobs(db, store, older_than=older_than * 3600)
    finally:
        db.dispose()
    console.print(f"removed {files} file(s), {size} bytes")


@db_app.command("sweep-connect")
def db_sweep_connect(database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption) -> None:
    """Delete expired Visma Connect records: authorization codes, refresh tokens, access-token records (the server
    also does it, at most once a minute, when it issues tokens)."""
    from nettfin.server.identity.connect.sweep import sweep

    with _writing(database_url, data_dir) as session:
        swept = sweep(session)
    console.print(
        f"deleted {swept.codes} authorization code(s), {swept.refresh_tokens} refresh token(s), "
        f"{swept.access_tokens} access-token record(s)"
    )


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


@tenant_app.command("create")
def tenant_create(name: str, database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption) -> None:
    """Create a tenant (a Visma.net customer owning companies and users) and print its id."""
    from nettfin.server.identity.service import create_tenant

    with _writing(database_url, data_dir) as session:
        typer.echo(create_tenant(session, name=name).id)


@company_app.command("create")
def company_create(
    name: str,
    tenant: int | None = typer.Option(None, "--tenant", help="The owning tenant; default: a new one."),
    currency: str = typer.Option("NOK", "--currency"),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Create a company (customers numbered from 10001, suppliers from 50001) and print its id."""
    from nettfin.server.identity.models import Tenant
    from nettfin.server.identity.service import create_company
    from nettfin.server.numbering.service import create_standard_series

    with _writing(database_url, data_dir) as session:
        owner = _get(session, Tenant, tenant, "--tenant") if tenant is not None else None
        company = create_company(session, name=name, tenant=owner, base_currency=currency)
        create_standard_series(session, company_id=company.id)
        typer.echo(company.id)


@company_app.command("list")
def company_list(database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption) -> None:
    """List companies with their tenants."""
    from sqlalchemy import select

    from nettfin.server.identity.models import Company

    with _writing(database_url, data_dir) as session:
        for company in session.scalars(select(Company).order_by(Company.id)):
            typer.echo(f"{company.id}\t{company.name}\ttenant {company.tenant_id}\ttenant_id {company.tenant_guid}")


@company_app.command("template")
def company_template(
    name: str,
    company: int = typer.Option(..., "--company", help="The company whose records the template holds."),
    description: str = typer.Option("", "--description"),
    replace: bool = typer.Option(False, "--replace", help="Remake the template if it exists."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Snapshot a company as a named template that clones are made from (`demo` is made with the demo)."""
    from nettfin.server.snapshots.service import snapshot

    with _writing(database_url, data_dir) as session:
        made = snapshot(session, company_id=company, name=name, description=description, replace=replace)
    typer.echo(f"template {made.name}: company {made.company_id}, from company {made.source_company_id}")


@company_app.command("templates")
def company_templates(database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption) -> None:
    """List the templates."""
    from nettfin.server.snapshots.service import templates

    with _writing(database_url, data_dir) as session:
        for found in templates(session):
            typer.echo(f"{found.name}\tcompany {found.company_id}\tfrom {found.source_company_id}\t{found.description}")


@company_app.command("clone")
def company_clone(
    template: str = typer.Option("demo", "--template", help="The template to copy."),
    name: str | None = typer.Option(None, "--name", help="Default: the template's company name."),
    tenant_id: str | None = typer.Option(None, "--tenant-id", help="Its tenant GUID; default: a new random one."),
    grant: list[str] = typer.Option([], "--grant", help="Repeatable: an existing Connect application it approves."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """A new company from a template, in milliseconds: its own tenant, users, token and Connect application."""
    from nettfin.server.snapshots.service import clone

    with _writing(database_url, data_dir) as session:
        made = clone(session, template=template, name=name, tenant_id=tenant_id, applications=tuple(grant))
    typer.echo(f"company_id:    {made.company_id}")
    typer.echo(f"tenant_id:     {made.tenant_id}")
    typer.echo(f"user:          {made.user_email}")
    typer.echo(f"token:         {made.token}")
    typer.echo(f"client_id:     {made.client_id}")
    typer.echo(f"client_secret: {made.client_secret}")
    typer.echo(f"applications:  {' '.join(made.applications)}")


@company_app.command("delete")
def company_delete(
    company: int,
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Delete a company and all its rows; its tenant, users and owned applications when it was the tenant's last."""
    from nettfin.server.attachments.blobs import FileBlobStore
    from nettfin.server.kit.errors import ApiError
    from nettfin.server.snapshots.service import delete_company, deleting

    settings = _settings(database_url, data_dir)
    db = _migrated_database(settings)
    try:
        store = FileBlobStore(settings.resolved_attachments_dir())
        released = deleting(db, store, lambda session: delete_company(session, company))
    except ApiError as error:
        raise typer.BadParameter(error.message) from None
    finally:
        db.dispose()
    typer.echo(f"deleted company {company} ({released} attachment file(s) released)")


@company_app.command("template-delete")
def company_template_delete(
    name: str,
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Delete a template and its company."""
    from nettfin.server.snapshots.service import drop_template

    with _writing(database_url, data_dir) as session:
        drop_template(session, name)
    typer.echo(f"deleted template {name}")


@user_app.command("create")
def user_create(
    email: str,
    tenant: int | None = typer.Option(None, "--tenant", help="The tenant the user belongs to."),
    password: str | None = typer.Option(None, "--password", help="Lets the user log in (OAuth, admin panel)."),
    customer_admin: bool = typer.Option(False, "--customer-admin", help="May manage the tenant's users and clients."),
    company: list[int] = typer.Option([], "--company", help="A company id to give the Financials User role in."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Create a user, optionally with the Financials User role in companies, and print its id."""
    from nettfin.server.identity.models import Company, Tenant
    from nettfin.server.identity.service import create_user, grant_company

    with _writing(database_url, data_dir) as session:
        owner = _get(session, Tenant, tenant, "--tenant") if tenant is not None else None
        user = create_user(session, email=email, tenant=owner, password=password, customer_administrator=customer_admin)
        for company_id in company:
            grant_company(session, user=user, company=_get(session, Company, company_id, "--company"))
        typer.echo(user.id)


@role_app.command("grant")
def role_grant(
    user: str = typer.Option(..., "--user", help="The user's e-mail address."),
    company: int = typer.Option(..., "--company"),
    role: str = typer.Option("Financials User", "--role", help="Financials User or Financials Administrator."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Give a user a Financials role in a company."""
    from nettfin.server.identity.models import Company
    from nettfin.server.identity.service import find_user, grant_company

    with _writing(database_url, data_dir) as session:
        grant_company(
            session, user=find_user(session, user), company=_get(session, Company, company, "--company"), roles=(role,)
        )
    typer.echo(f"{user} holds {role} in company {company}")


@role_app.command("revoke")
def role_revoke(
    user: str = typer.Option(..., "--user"),
    company: int = typer.Option(..., "--company"),
    role: str = typer.Option("Financials User", "--role"),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Take a Financials role in a company away from a user."""
    from nettfin.server.identity.models import Company
    from nettfin.server.identity.service import find_user, revoke_company_role

    with _writing(database_url, data_dir) as session:
        revoke_company_role(
            session, user=find_user(session, user), company=_get(session, Company, company, "--company"), role=role
        )
    typer.echo(f"{user} no longer holds {role} in company {company}")


@client_app.command("register")
def client_register(
    name: str,
    tenant: int = typer.Option(..., "--tenant"),
    redirect_uri: list[str] = typer.Option(..., "--redirect-uri", help="Repeatable; HTTPS for production."),
    client_type: str = typer.Option("test", "--type", help="test or production"),
    activate: bool = typer.Option(False, "--activate", help="Activate at once instead of printing the link code."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Register an API client; prints its id, its secret (shown once) and its activation code."""
    from nettfin.server.identity.models import Tenant
    from nettfin.server.identity.service import activate_client, register_client

    with _writing(database_url, data_dir) as session:
        owner = _get(session, Tenant, tenant, "--tenant")
        client, secret, activation = register_client(
            session, tenant=owner, name=name, redirect_uris=redirect_uri, client_type=client_type
        )
        if activate:
            activate_client(session, activation=activation)
    typer.echo(f"client_id:     {client.client_id}\nclient_secret: {secret}")
    if not activate:
        typer.echo(f"activate at:   /admin/clients/activate/{activation}  (valid 5 days)")


@client_app.command("list")
def client_list(database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption) -> None:
    """List API clients."""
    from sqlalchemy import select

    from nettfin.server.identity.models import ApiClient

    with _writing(database_url, data_dir) as session:
        for client in session.scalars(select(ApiClient).order_by(ApiClient.id)):
            state = "active" if client.active else "not activated"
            typer.echo(f"{client.client_id}\t{client.client_type}\t{state}\t{' '.join(client.redirect_uris)}")


CompanyOption = typer.Option(..., "--company", help="The company id.")


@tree_app.command("add-group")
def tree_add_group(
    name: str,
    company: int = CompanyOption,
    parent: str | None = typer.Option(None, "--parent", help="The group above it; default: the company itself."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Add a work group to a company's tree."""
    from nettfin.server.identity.models import Company
    from nettfin.server.timecards.tree import add_group

    with _writing(database_url, data_dir) as session:
        _get(session, Company, company, "--company")
        add_group(session, company_id=company, name=name, parent=parent)
    typer.echo(f"work group {name} added under {parent or 'the company'}")


@tree_app.command("add-member")
def tree_add_member(
    group: str,
    employee: str,
    company: int = CompanyOption,
    owner: bool = typer.Option(False, "--owner", help="The member owns the group (approves its time)."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Make an employee a member of a work group."""
    from nettfin.server.identity.models import Company
    from nettfin.server.timecards.tree import add_member

    with _writing(database_url, data_dir) as session:
        _get(session, Company, company, "--company")
        add_member(session, company_id=company, group=group, employee=employee, owner=owner)
    typer.echo(f"{employee} is a member of {group}" + (" (owner)" if owner else ""))


@tree_app.command("remove-member")
def tree_remove_member(
    group: str,
    employee: str,
    company: int = CompanyOption,
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Take an employee out of a work group."""
    from nettfin.server.identity.models import Company
    from nettfin.server.timecards.tree import remove_member

    with _writing(database_url, data_dir) as session:
        _get(session, Company, company, "--company")
        remove_member(session, company_id=company, group=group, employee=employee)
    typer.echo(f"{employee} is no longer a member of {group}")


@tree_app.command("delegate")
def tree_delegate(
    group: str,
    user: str = typer.Option(..., "--user", help="The user's e-mail address."),
    company: int = CompanyOption,
    remove: bool = typer.Option(False, "--remove", help="Take the delegation away instead."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """The tree's "=>": give a user transaction access to the members of a group and of the groups below it."""
    from nettfin.server.identity.models import Company
    from nettfin.server.identity.service import find_user
    from nettfin.server.timecards.tree import delegate, remove_delegation

    with _writing(database_url, data_dir) as session:
        _get(session, Company, company, "--company")
        change = remove_delegation if remove else delegate
        change(session, company_id=company, group=group, user=find_user(session, user))
    typer.echo(f"{user} {'no longer has' if remove else 'has'} transaction access below {group}")


@tree_app.command("show")
def tree_show(
    company: int = CompanyOption, database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption
) -> None:
    """Print a company's tree: groups, members (* owner) and delegations (=>)."""
    from nettfin.server.identity.models import Company
    from nettfin.server.timecards.tree import tree_view

    with _writing(database_url, data_dir) as session:
        name = _get(session, Company, company, "--company").name
        nodes = tree_view(session, company)
    typer.echo(name)
    for node in nodes:
        members = ", ".join(f"{m.number}{'*' if m.owner else ''}" for m in node.members if m.active)
        delegated = f"  => {', '.join(node.delegated_to)}" if node.delegated_to else ""
        typer.echo(f"{'  ' * (node.depth + 1)}{node.name} [{members}]{delegated}")


@timecard_app.command("release")
def timecard_release(
    ref_nbr: str,
    company: int = CompanyOption,
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Release an approved time card (Release Time Cards, EP505010: not an API action)."""
    from nettfin.server.identity.models import Company
    from nettfin.server.timecards.cards import release_time_card

    with _writing(database_url, data_dir) as session:
        _get(session, Company, company, "--company")
        release_time_card(session, company_id=company, ref_nbr=ref_nbr)
    typer.echo(f"time card {ref_nbr} is released")


@asset_app.command("depreciate")
def asset_depreciate(
    period: str,
    company: int = CompanyOption,
    asset: list[str] = typer.Option([], "--asset", help="Only this asset (repeat for more); default: every one due."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Post a period's (YYYYPP) straight-line depreciation of the fixed assets due in it (Calculate Depreciation,
    FA502000: not an API action)."""
    from nettfin.server.assets.service import depreciate
    from nettfin.server.identity.models import Company

    with _writing(database_url, data_dir) as session:
        _get(session, Company, company, "--company")
        run = depreciate(session, company, period, asset)
    typer.echo(f"register {run.ref_no}, batch {run.batch_number or '-'}: period {run.period} depreciated")
    for asset_id, amount in run.amounts.items():
        typer.echo(f"  {asset_id}\t{amount}")


@asset_app.command("list")
def asset_list(
    company: int = CompanyOption, database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption
) -> None:
    """Print a company's fixed assets with their book figures: cost, accumulated depreciation, net book value."""
    from sqlalchemy import select

    from nettfin.server.assets.models import FixedAsset
    from nettfin.server.assets.service import figures
    from nettfin.server.identity.models import Company

    with _writing(database_url, data_dir) as session:
        _get(session, Company, company, "--company")
        statement = select(FixedAsset).where(FixedAsset.company_id == company).order_by(FixedAsset.asset_id)
        for found in session.scalars(statement).unique():
            book = figures(found)
            typer.echo(
                f"{found.asset_id}\t{found.status}\tcost {book.acquisition_cost}\t"
                f"depreciated {book.accumulated_depreciation}\tnet {book.net_book_value}\t"
                f"last period {book.last_depreciation_period or '-'}"
            )


@stocktake_app.command("prepare")
def stocktake_prepare(
    company: int = CompanyOption,
    warehouse: str = typer.Option(..., "--warehouse", help="The warehouse to count (its code)."),
    description: str = typer.Option("", "--description"),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Prepare a physical count of a warehouse (Prepare Physical Count, IN502000: not an API action): a line per
    item, location and lot or serial number on hand, the book quantities frozen now."""
    from nettfin.server.identity.models import Company
    from nettfin.server.stocktake.service import prepare

    with _writing(database_url, data_dir) as session:
        _get(session, Company, company, "--company")
        count = prepare(session, company, warehouse, description=description)
        ref_nbr, lines = count.ref_nbr, len(count.lines)
    typer.echo(f"stocktake {ref_nbr}: warehouse {warehouse}, {lines} lines to count")


@stocktake_app.command("complete")
def stocktake_complete(
    ref_nbr: str,
    company: int = CompanyOption,
    on: str | None = typer.Option(None, "--date", help="YYYY-MM-DD: the day the differences are posted (today)."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Complete a count: the counted less the book quantities are received or issued and posted against the
    inventory adjustment account (module IN); lines not counted are skipped. The API cannot complete a count."""
    from datetime import date

    from nettfin.server.identity.models import Company
    from nettfin.server.stocktake.service import complete

    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        raise typer.BadParameter(f"'{on}' is not a date (YYYY-MM-DD)", param_hint="--date") from None
    with _writing(database_url, data_dir) as session:
        _get(session, Company, company, "--company")
        done = complete(session, company, ref_nbr, on=day)
    typer.echo(
        f"stocktake {ref_nbr} completed: {done.gains} gains, {done.losses} losses, batch {done.batch_number or '-'}"
    )


@overdue_app.command("setup")
def overdue_charges_setup(
    company: int = CompanyOption,
    customer_class: str = typer.Option(..., "--class", help="The customer class whose customers are charged."),
    account: str = typer.Option(..., "--account", help="The overdue charge income account."),
    rate: str = typer.Option(..., "--rate", help="Annual rate in percent (e.g. 12.5)."),
    minimum: str = typer.Option("0", "--minimum", help="A customer's charge below it is not made."),
    grace_days: int = typer.Option(0, "--grace-days", help="Days past due before a document is charged."),
    vat_category: str | None = typer.Option(None, "--vat-category", help="The lines' VAT category (none: zone's)."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Set a customer class's overdue charge (AR204500: not in the API)."""
    from decimal import Decimal, InvalidOperation

    from nettfin.server.identity.models import Company
    from nettfin.server.receivables.overdue_charges import configure

    try:
        amounts = Decimal(rate), Decimal(minimum)
    except InvalidOperation:
        raise typer.BadParameter(f"'{rate}' or '{minimum}' is not a number", param_hint="--rate/--minimum") from None
    with _writing(database_url, data_dir) as session:
        _get(session, Company, company, "--company")
        charge = configure(
            session,
            company,
            customer_class=customer_class,
            account=account,
            rate=amounts[0],
            minimum=amounts[1],
            grace_days=grace_days,
            vat_category=vat_category,
        )
        said = f"overdue charge {charge.charge_id}: class {customer_class}, {charge.annual_rate} % a year to {account}"
    typer.echo(said)


@overdue_app.command("calculate")
def overdue_charges_calculate(
    company: int = CompanyOption,
    on: str = typer.Option(..., "--date", help="YYYY-MM-DD: the day the charges are calculated to."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Calculate overdue charges (AR507000: not in the API): one unreleased overdue charge document per customer
    charged, which `/v1/customerOverdueCharge/{number}/action/release` posts."""
    from datetime import date

    from nettfin.server.identity.models import Company
    from nettfin.server.receivables.overdue_charges import calculate

    try:
        day = date.fromisoformat(on)
    except ValueError:
        raise typer.BadParameter(f"'{on}' is not a date (YYYY-MM-DD)", param_hint="--date") from None
    with _writing(database_url, data_dir) as session:
        _get(session, Company, company, "--company")
        made = calculate(session, company, day)
    if not made:
        typer.echo(f"no overdue charges on {day.isoformat()}")
    for charged in made:
        typer.echo(
            f"overdue charge {charged.reference_number}: customer {charged.customer}, {charged.amount}, "
            f"{charged.documents} documents"
        )


@contracts_app.command("bill")
def contracts_bill(
    company: int = CompanyOption,
    on: str = typer.Option(..., "--date", help="YYYY-MM-DD: bill every contract whose next billing date is by then."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Run contract billing (Run contract invoicing, CT501000: not an API action): every active contract whose next
    billing date is on or before the date gets a customer invoice per billing date (recurring fees and usage beyond
    what is included), released when its template says so; the next billing date advances."""
    from datetime import date

    from nettfin.server.contracts.billing import bill
    from nettfin.server.identity.models import Company

    try:
        day = date.fromisoformat(on)
    except ValueError:
        raise typer.BadParameter(f"'{on}' is not a date (YYYY-MM-DD)", param_hint="--date") from None
    with _writing(database_url, data_dir) as session:
        _get(session, Company, company, "--company")
        made = bill(session, company, day)
    for billed in made:
        typer.echo(
            f"{billed.contract_cd}\t{billed.billed_on.isoformat()}\tinvoice {billed.reference_number}\t{billed.amount}"
        )
    typer.echo(f"{len(made)} contract invoices")


# --- Visma Connect ----------------------------------------------------------------------------------------


@connect_app.command("create")
def app_create(
    name: str,
    app_type: str = typer.Option("service", "--type", help="web, native, spa or service."),
    client_id: str | None = typer.Option(None, "--client-id", help="Default: isv_<name>."),
    scope: list[str] = typer.Option([], "--scope", help="Repeatable; default: every scope the type may have."),
    lifetime: int = typer.Option(3600, "--lifetime", help="Access-token lifetime in seconds (60 to 86400)."),
    refresh_policy: str = typer.Option("reuse", "--refresh-policy", help="reuse or one-time (interactive apps)."),
    redirect_uri: list[str] = typer.Option([], "--redirect-uri", help="Repeatable (interactive apps)."),
    post_logout_redirect_uri: list[str] = typer.Option(
        [], "--post-logout-redirect-uri", help="Repeatable: where end session may send the browser afterwards."
    ),
    secret: bool = typer.Option(True, "--secret/--no-secret", help="Make a first client secret (web, service)."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Register an application; prints its client id and (web, service) its first secret, shown only once."""
    from nettfin.server.identity.connect.models import CONFIDENTIAL_TYPES
    from nettfin.server.identity.connect.service import create_application, create_secret

    with _writing(database_url, data_dir) as session:
        application = create_application(
            session,
            name=name,
            app_type=app_type,
            client_id=client_id,
            scopes=scope or None,
            token_lifetime=lifetime,
            refresh_policy=refresh_policy,
            redirect_uris=redirect_uri,
            post_logout_redirect_uris=post_logout_redirect_uri,
        )
        made = None
        if secret and application.app_type in CONFIDENTIAL_TYPES:
            _row, made = create_secret(session, application, description="first secret")
    typer.echo(f"client_id:     {application.client_id}")
    if made:
        typer.echo(f"client_secret: {made}")
        typer.echo("(the secret is shown only this once; `nettfin admin app secret-create` makes another)")
    typer.echo(f"type:          {application.app_type} ({', '.join(application.grants)})")
    typer.echo(f"scopes:        {' '.join(application.allowed_scopes)}")
    typer.echo(f"next:          nettfin admin app grant {application.client_id} --company <id>")


@connect_app.command("update")
def app_update(
    client_id: str,
    name: str | None = typer.Option(None, "--name"),
    scope: list[str] = typer.Option([], "--scope", help="Repeatable; replaces the allowed scopes."),
    lifetime: int | None = typer.Option(None, "--lifetime", help="Access-token lifetime in seconds (60 to 86400)."),
    refresh_policy: str | None = typer.Option(None, "--refresh-policy", help="reuse or one-time."),
    redirect_uri: list[str] = typer.Option([], "--redirect-uri", help="Repeatable; replaces the redirect URIs."),
    post_logout_redirect_uri: list[str] = typer.Option(
        [], "--post-logout-redirect-uri", help="Repeatable; replaces the post-logout redirect URIs."
    ),
    clear_redirect_uris: bool = typer.Option(False, "--clear-redirect-uris", help="Remove every redirect URI."),
    clear_post_logout_redirect_uris: bool = typer.Option(
        False, "--clear-post-logout-redirect-uris", help="Remove every post-logout redirect URI."
    ),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Change an application's settings; what is not given stays as it is. A list given replaces the old one."""
    from nettfin.server.identity.connect.service import find_application, update_application

    with _writing(database_url, data_dir) as session:
        application = update_application(
            session,
            find_application(session, client_id),
            name=name,
            scopes=scope or None,
            token_lifetime=lifetime,
            refresh_policy=refresh_policy,
            redirect_uris=[] if clear_redirect_uris else (redirect_uri or None),
            post_logout_redirect_uris=[] if clear_post_logout_redirect_uris else (post_logout_redirect_uri or None),
        )
        lines = _uri_lines(application)
    typer.echo(f"{client_id} is updated")
    for line in lines:
        typer.echo(line)


def _uri_lines(application) -> list[str]:
    return [
        f"redirect URIs:  {' '.join(application.redirect_uris) or '-'}",
        f"post-logout:    {' '.join(application.post_logout_redirect_uris) or '-'}",
    ]


@connect_app.command("list")
def app_list(database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption) -> None:
    """List applications: client id, type, state, companies granted, name."""
    from nettfin.server.identity.connect.service import grants_of, list_applications

    with _writing(database_url, data_dir) as session:
        for application in list_applications(session):
            state = "disabled" if application.disabled_at else "enabled"
            granted = len(grants_of(session, application))
            typer.echo(
                f"{application.client_id}\t{application.app_type}\t{state}\t{granted} company(ies)\t{application.name}"
            )


@connect_app.command("show")
def app_show(client_id: str, database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption) -> None:
    """Show an application: settings, service principal, secrets and the companies that approved it."""
    from nettfin.server.identity.connect.service import find_application, grants_of, list_secrets
    from nettfin.server.identity.models import User

    with _writing(database_url, data_dir) as session:
        application = find_application(session, client_id)
        principal = session.get(User, application.service_user_id)
        typer.echo(f"client_id:      {application.client_id}")
        typer.echo(f"name:           {application.name}")
        typer.echo(f"type:           {application.app_type}")
        state = f"disabled since {_when(application.disabled_at)}" if application.disabled_at else "enabled"
        typer.echo(f"state:          {state}")
        typer.echo(f"grants:         {' '.join(application.grants)}")
        typer.echo(f"scopes:         {' '.join(application.allowed_scopes)}")
        typer.echo(f"token lifetime: {application.token_lifetime} s")
        typer.echo(f"refresh policy: {application.refresh_policy}")
        for line in _uri_lines(application):
            typer.echo(line)
        typer.echo(f"acts as user:   {principal.email} (id {principal.id})")
        typer.echo("secrets:")
        for row in list_secrets(session, application):
            typer.echo(f"  {_secret_line(row)}")
        typer.echo("companies:")
        for grant in grants_of(session, application):
            typer.echo(
                f"  {grant.company_id}\t{grant.company_name}\ttenant_id {grant.tenant_guid}\t"
                f"granted {_when(grant.granted_at)} by {grant.granted_by or '-'}"
            )


@connect_app.command("secret-create")
def app_secret_create(
    client_id: str,
    description: str = typer.Option("", "--description"),
    expires_days: int | None = typer.Option(None, "--expires-days", min=1, help="Default: never expires."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Make another client secret (to rotate: make one, switch the integration, revoke the old); shown once."""
    from datetime import timedelta

    from nettfin.server.db.base import utcnow
    from nettfin.server.identity.connect.service import create_secret, find_application

    with _writing(database_url, data_dir) as session:
        expires_at = utcnow() + timedelta(days=expires_days) if expires_days else None
        _row, made = create_secret(
            session, find_application(session, client_id), description=description, expires_at=expires_at
        )
    typer.echo(made)


@connect_app.command("secret-list")
def app_secret_list(
    client_id: str, database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption
) -> None:
    """List an application's secrets by their first characters."""
    from nettfin.server.identity.connect.service import find_application, list_secrets

    with _writing(database_url, data_dir) as session:
        for row in list_secrets(session, find_application(session, client_id)):
            typer.echo(_secret_line(row))


@connect_app.command("secret-revoke")
def app_secret_revoke(
    client_id: str,
    prefix: str = typer.Argument(..., help="The secret's first characters, as secret-list shows them."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Revoke a client secret: it authenticates no more token requests (tokens already issued live on)."""
    from nettfin.server.identity.connect.service import find_application, revoke_secret

    with _writing(database_url, data_dir) as session:
        row = revoke_secret(session, find_application(session, client_id), prefix)
    typer.echo(f"secret {row.prefix}… of {client_id} is revoked")


@connect_app.command("grant")
def app_grant(
    client_id: str,
    company: int = typer.Option(..., "--company"),
    by: str = typer.Option("nettfin admin", "--by", help="Who approved it (a user's e-mail address, or words)."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """A company approves an application (Connect's tenant approval); prints the tenant_id it asks tokens for."""
    from sqlalchemy import select

    from nettfin.server.identity.connect.service import find_application, grant_application
    from nettfin.server.identity.models import Company, User

    with _writing(database_url, data_dir) as session:
        found = _get(session, Company, company, "--company")
        user = session.scalar(select(User).where(User.email == by.strip().lower()))
        grant_application(session, find_application(session, client_id), found, granted_by=by, granted_by_user=user)
        typer.echo(f"company {found.id} ({found.name}) approved {client_id}; tenant_id {found.tenant_guid}")


@connect_app.command("revoke")
def app_revoke(
    client_id: str,
    company: int = typer.Option(..., "--company"),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Take a company's approval back: no new tokens, and the tokens issued for it stop working."""
    from nettfin.server.identity.connect.service import find_application, revoke_grant
    from nettfin.server.identity.models import Company

    with _writing(database_url, data_dir) as session:
        removed = revoke_grant(
            session, find_application(session, client_id), _get(session, Company, company, "--company")
        )
    typer.echo(f"{client_id} {'no longer has' if removed else 'had no'} access to company {company}")


@connect_app.command("disable")
def app_disable(
    client_id: str, database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption
) -> None:
    """Disable an application: no tokens, and the tokens it holds stop working."""
    from nettfin.server.identity.connect.service import find_application, set_disabled

    with _writing(database_url, data_dir) as session:
        set_disabled(session, find_application(session, client_id), disabled=True)
    typer.echo(f"{client_id} is disabled")


@connect_app.command("enable")
def app_enable(
    client_id: str, database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption
) -> None:
    """Enable a disabled application again."""
    from nettfin.server.identity.connect.service import find_application, set_disabled

    with _writing(database_url, data_dir) as session:
        set_disabled(session, find_application(session, client_id), disabled=False)
    typer.echo(f"{client_id} is enabled")


@key_app.command("rotate")
def key_rotate(database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption) -> None:
    """Retire the signing key and make a new one; retired keys stay in the JWKS until their tokens have expired.
    Running servers sign with the new key within a minute."""
    from nettfin.server.identity.connect.keys import PUBLISHED_AFTER_RETIREMENT, rotate_signing_key

    with _writing(database_url, data_dir) as session:
        key = rotate_signing_key(session)
    hours = PUBLISHED_AFTER_RETIREMENT.total_seconds() / 3600
    typer.echo(f"signing key {key.kid} (generation {key.generation}); retired keys stay published {hours:.1f} h")


@key_app.command("list")
def key_list(database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption) -> None:
    """List signing keys: generation, kid, created, retired."""
    from sqlalchemy import select

    from nettfin.server.identity.connect.models import SigningKey

    with _writing(database_url, data_dir) as session:
        for key in session.scalars(select(SigningKey).order_by(SigningKey.generation)):
            retired = f"retired {_when(key.retired_at)}" if key.retired_at else "signing"
            typer.echo(f"{key.generation}\t{key.kid}\tcreated {_when(key.created_at)}\t{retired}")


# --- Webhook subscriptions ---------------------------------------------------------------------------------


@subscriptions_app.command("add")
def webhooks_add(
    client_id: str,
    url: str = typer.Option(..., "--url", help="https, or http to localhost / 127.0.0.1 / ::1 only."),
    event: list[str] = typer.Option(
        ...,
        "--event",
        help=(
            "Repeatable: BACKGROUND_API_RESPONSE (publisher 'Visma net'), or a business event of 'Visma Net "
            'Financial\' by its id or its name (customer_changed, "AR Invoice Status Changed"); a wrong one is '
            "refused listing them."
        ),
    ),
    publisher: str = typer.Option("Visma net", "--publisher", help="Visma net, Visma Net Financial, ..."),
    company: int | None = typer.Option(None, "--company", help="Only this company's events (default: every one)."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Subscribe an application to events; prints the subscription id and its signing key, shown only once."""
    from nettfin.server.identity.connect.service import find_application
    from nettfin.server.webhooks.service import create_subscription

    with _writing(database_url, data_dir) as session:
        subscription, key = create_subscription(
            session,
            find_application(session, client_id),
            publisher=publisher,
            event_types=event,
            url=url,
            company_id=company,
        )
        line = _subscription_line(subscription)
    typer.echo(line)
    typer.echo(f"signing key:   {key}")
    typer.echo("(the key is shown only this once: X-VWD-Signature-V1 is base64(HMAC-SHA256(key, raw body)))")


@subscriptions_app.command("list")
def webhooks_list(
    client_id: str | None = typer.Argument(None, help="Only this application's subscriptions."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """List subscriptions: id, application, publisher, events, company filter, URL."""
    from nettfin.server.identity.connect.service import find_application
    from nettfin.server.webhooks.service import list_subscriptions

    with _writing(database_url, data_dir) as session:
        application = find_application(session, client_id) if client_id else None
        for subscription in list_subscriptions(session, application):
            typer.echo(_subscription_line(subscription))


def _subscription_line(subscription) -> str:
    company = subscription.company_id if subscription.company_id is not None else "every company"
    return (
        f"{subscription.id}\tapplication {subscription.application_id}\t{subscription.publisher}\t"
        f"{','.join(subscription.event_types)}\t{company}\t{subscription.url}"
    )


@subscriptions_app.command("remove")
def webhooks_remove(
    subscription_id: str, database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption
) -> None:
    """Remove a subscription and its delivery log."""
    from nettfin.server.webhooks.service import remove_subscription

    with _writing(database_url, data_dir) as session:
        remove_subscription(session, subscription_id)
    typer.echo(f"subscription {subscription_id} is removed")


@subscriptions_app.command("deliveries")
def webhooks_deliveries(
    subscription_id: str,
    limit: int = typer.Option(50, "--limit", min=1, max=1000),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """A subscription's latest deliveries: notification id, event, status, attempts, last response, its time,
    created, delivered, the last error, and the receiver's feedback."""
    from nettfin.server.webhooks.service import deliveries

    with _writing(database_url, data_dir) as session:
        for row in deliveries(session, subscription_id, limit=limit):
            feedback = "-"
            if row.feedback_at:
                feedback = f"{'success' if row.feedback_success else 'failure'} ({row.feedback_source or '-'}: "
                feedback += f"{row.feedback_description or '-'})"
            typer.echo(
                f"{row.notification_id}\t{row.event_id}\t{row.status}\t{row.attempts} attempt(s)\t"
                f"last {row.last_status or '-'} in {row.response_ms if row.response_ms is not None else '-'} ms\t"
                f"created {_when(row.created_at)}\tdelivered {_when(row.delivered_at)}\t"
                f"error {row.last_error or '-'}\tfeedback {feedback}"
            )


@subscriptions_app.command("redeliver")
def webhooks_redeliver(
    notification_id: str, database_url: str | None = DatabaseOption, data_dir: Path | None = DataDirOption
) -> None:
    """Send a delivered or failed notification again (same id, body and signature); a running server sends it
    within its poll interval."""
    from nettfin.server.webhooks.service import redeliver

    with _writing(database_url, data_dir) as session:
        redeliver(session, notification_id)
    typer.echo(f"notification {notification_id} is queued again")


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else "-"


def _secret_line(row) -> str:
    from nettfin.server.db.base import utcnow

    if row.revoked_at:
        state = f"revoked {_when(row.revoked_at)}"
    elif row.expires_at and row.expires_at <= utcnow():
        state = f"expired {_when(row.expires_at)}"
    else:
        state = "active" + (f" until {_when(row.expires_at)}" if row.expires_at else "")
    return f"{row.prefix}…\tcreated {_when(row.created_at)}\t{state}\t{row.description}"


@contextmanager
def _writing(database_url: str | None, data_dir: Path | None):
    from nettfin.server.kit.errors import ApiError

    db = _migrated_database(_settings(database_url, data_dir))
    try:
        with db.writing() as session:
            yield session
    except ApiError as error:
        raise typer.BadParameter(error.message) from None
    finally:
        db.dispose()


def _get(session, model, key: int, option: str):
    found = session.get(model, key)
    if found is None:
        raise typer.BadParameter(f"{model.__name__.lower()} {key} does not exist", param_hint=option)
    return found


login.register(app)
api.register(app)
app.add_typer(webhooks_app, name="webhooks")
app.add_typer(background_app, name="background")

if __name__ == "__main__":
    app()


@receivables_app.command("write-off-credits")
def receivables_write_off_credits(
    company: int = CompanyOption,
    account: str = typer.Option(..., "--account", help="The GL account written off against (the reason's)."),
    limit: str = typer.Option(..., "--limit", help="The largest credit written off (base currency)."),
    customer: str | None = typer.Option(None, "--customer", help="One customer's credits only (its number)."),
    on: str | None = typer.Option(None, "--date", help="YYYY-MM-DD: the write-off date (today)."),
    reason: str = typer.Option("Credit write-off", "--reason", help="The write-offs' description."),
    database_url: str | None = DatabaseOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Write off small credit balances (Write Off Balances and Credits, AR505000, type Credit WO: not an API
    action): every open credit note and unapplied payment up to the limit becomes a released SmallCreditWo, posted
    AR debit against the write-off account; the API reads them at /v1/customerCreditWriteOff."""
    from datetime import date
    from decimal import Decimal, InvalidOperation

    from nettfin.server.identity.models import Company
    from nettfin.server.receivables.credit_write_offs import WriteOff, write_off_credits

    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        raise typer.BadParameter(f"'{on}' is not a date (YYYY-MM-DD)", param_hint="--date") from None
    try:
        most = Decimal(limit)
    except InvalidOperation:
        raise typer.BadParameter(f"'{limit}' is not an amount", param_hint="--limit") from None
    choice = WriteOff(account=account, limit=most, customer=customer, day=day, reason=reason)
    with _writing(database_url, data_dir) as session:
        _get(session, Company, company, "--company")
        made = write_off_credits(session, company, choice)
        written = [(w.reference_number, w.invoice_text, w.amount) for w in made]
    for number, text, amount in written:
        typer.echo(f"credit write-off {number}: {amount:.2f} ({text})")
    typer.echo(f"{len(written)} credits written off")
