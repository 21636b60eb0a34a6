"""`nettfin login` and `nettfin logout`: Visma Connect (client credentials with `tenant_id`, or the authorization
code flow with PKCE through the browser), the legacy OAuth 2.0 flow through the browser, or a token given; the
redirect is caught on the loopback address, and what the other commands need is saved under the user's config
directory (mode 0600)."""

from __future__ import annotations

import webbrowser
from urllib.parse import urlsplit

import typer

from nettfin.client import (
    LOGIN_SCOPES,
    NETTFIN_URL,
    SERVICE_SCOPES,
    VISMA_CONNECT_URL,
    Client,
    ConnectTokens,
    NettfinError,
    Tokens,
    VismaConnect,
    login_loopback,
)

from . import credentials
from .api import BaseUrlOption, errors, reports_errors

# The demo company's OAuth client (`make run`); a real client's values come from its registration.
DEMO_CLIENT_ID = "nettfin-demo-client"
DEMO_CLIENT_SECRET = "demo-secret"
DEMO_REDIRECT_URI = "http://localhost:5000/callback"
# A Connect login without --base-url talks to a local nettfin on the current surface's paths (`/v1/...`).
NETTFIN_CONNECT_URL = "http://127.0.0.1:8080"
CLIENT_CREDENTIALS, AUTHORIZATION_CODE = "client_credentials", "authorization_code"


def _show(url: str) -> None:
    errors.print("Log in and allow access in the browser; if it does not open, open this URL:", markup=False)
    errors.print(url, markup=False, soft_wrap=True)


def _show_and_open(url: str) -> None:
    _show(url)
    webbrowser.open(url)


@reports_errors
def login(
    ctx: typer.Context,
    base_url: str | None = BaseUrlOption,
    client_credentials: bool = typer.Option(
        False, "--client-credentials", help="Visma Connect's service flow: a token for --tenant-id, no browser."
    ),
    connect: bool = typer.Option(
        False, "--connect", help="Visma Connect's interactive flow: authorization code with PKCE in the browser."
    ),
    client_id: str | None = typer.Option(
        None, "--client-id", envvar="NETTFIN_CLIENT_ID", help=f"Default for the legacy flow: {DEMO_CLIENT_ID}."
    ),
    client_secret: str | None = typer.Option(
        None,
        "--client-secret",
        envvar="NETTFIN_CLIENT_SECRET",
        help="Asked for when --client-credentials needs it and it is not given (better: the environment variable).",
    ),
    tenant_id: str | None = typer.Option(
        None, "--tenant-id", envvar="NETTFIN_TENANT_ID", help="The company tenant's GUID (--client-credentials)."
    ),
    issuer: str | None = typer.Option(
        None,
        "--issuer",
        envvar="NETTFIN_ISSUER",
        help=f"The Connect issuer (default: {VISMA_CONNECT_URL} for Visma's API, else the base URL's origin).",
    ),
    scope: list[str] = typer.Option([], "--scope", help="A scope to ask for (repeatable; default: every API scope)."),
    redirect_uri: str = typer.Option(
        DEMO_REDIRECT_URI, "--redirect-uri", help="A loopback URI registered for the client, with its port."
    ),
    token: str | None = typer.Option(None, "--token", help="Save this bearer token instead of logging in."),
    company: int | None = typer.Option(None, "--company", help="The company to use (default: the only one)."),
    no_browser: bool = typer.Option(False, "--no-browser", help="Print the URL instead of opening a browser."),
    timeout: float = typer.Option(300.0, "--timeout", help="Seconds to wait for the browser."),
) -> None:
    """Log in (Visma Connect, the legacy OAuth 2.0 flow in the browser, or --token) and save it for the other
    commands."""
    injected = ctx.obj or {}
    open_browser = injected.get("open_browser") or (_show if no_browser else _show_and_open)
    if client_credentials and connect:
        raise typer.BadParameter("give --client-credentials or --connect, not both")
    if client_credentials or connect:
        base = (base_url or credentials.load().base_url or NETTFIN_CONNECT_URL).rstrip("/")
        issuer = (issuer or _issuer_for(base)).rstrip("/")
        if not client_id:
            raise typer.BadParameter("a Connect login needs the application's --client-id", param_hint="--client-id")
        with VismaConnect(issuer, transport=injected.get("transport")) as provider:
            if client_credentials:
                if not tenant_id:
                    raise typer.BadParameter("the service flow needs the company's --tenant-id")
                if not client_secret:
                    client_secret = typer.prompt(f"Client secret of {client_id}", hide_input=True, err=True)
                scopes = " ".join(scope) or " ".join(SERVICE_SCOPES)
                tokens = provider.client_credentials(client_id, client_secret, tenant_id, scopes)
                flow = CLIENT_CREDENTIALS
            else:
                scopes = " ".join(scope) or " ".join(LOGIN_SCOPES)
                tokens = provider.login_loopback(
                    client_id=client_id,
                    redirect_uri=redirect_uri,
                    client_secret=client_secret,
                    scopes=scopes,
                    open_browser=open_browser,
                    timeout=timeout,
                )
                flow = AUTHORIZATION_CODE
        _save_connect(base, issuer, flow, client_id, client_secret, scopes, tokens)
        return
    base = (base_url or credentials.load().base_url or NETTFIN_URL).rstrip("/")
    oauth_client = (None, None)
    if token:
        tokens = Tokens(token)
    else:
        client_id, client_secret = client_id or DEMO_CLIENT_ID, client_secret or DEMO_CLIENT_SECRET
        tokens = login_loopback(
            client_id=client_id,
            client_secret=client_secret,
            redirect_uri=redirect_uri,
            base_url=base,
            open_browser=open_browser,
            timeout=timeout,
            transport=injected.get("transport"),
        )
        if tokens.refresh_token:
            oauth_client = (client_id, client_secret)  # kept only to refresh the token
    with Client(base_url=base, token=tokens.token, transport=injected.get("transport")) as api:
        companies = api.context()
    if company is None and len(companies) == 1:
        company = companies[0].id
    saved = credentials.Credentials(base, tokens.token, tokens.refresh_token, company, *oauth_client)
    _report(credentials.save(saved), base, company, companies)


def _issuer_for(base: str) -> str:
    """Visma Connect for Visma's API; for anything else the base URL's origin (nettfin is both in one)."""
    parts = urlsplit(base)
    if parts.hostname and parts.hostname.endswith("finance.visma.net"):
        return VISMA_CONNECT_URL
    return f"{parts.scheme}://{parts.netloc}"


def _save_connect(
    base: str, issuer: str, flow: str, client_id: str, secret: str | None, scope: str, tokens: ConnectTokens
) -> None:
    """Saves what renews the token without asking again: for the service flow the application's secret (the
    file is the user's only, as for the legacy flow's refresh client), for the interactive one the refresh token."""
    saved = credentials.Credentials(
        base_url=base,
        token=tokens.access_token,
        refresh_token=tokens.refresh_token,
        company_id=None,  # the token names the company; no ipp-company-id is sent
        client_id=client_id,
        client_secret=secret,
        flow=flow,
        issuer=issuer,
        tenant_id=tokens.claims().get("tenant_id") if tokens.access_token.count(".") == 2 else None,
        scope=scope,
        expires_at=tokens.expires_at,
    )
    path = credentials.save(saved)
    errors.print(f"Logged in to {base} through {issuer} ({flow}); saved in {path}.", markup=False)
    if saved.tenant_id:
        errors.print(f"The token is for the company with tenant_id {saved.tenant_id}.", markup=False)
    if flow == AUTHORIZATION_CODE and not tokens.refresh_token:
        errors.print("No refresh token was issued (offline_access): log in again when the token expires.", markup=False)


def _report(path, base: str, company: int | None, companies: list) -> None:
    errors.print(f"Logged in to {base}; saved in {path}.", markup=False)
    if company is None:
        listed = ", ".join(f"{c.id} ({c.name})" for c in companies) or "none"
        errors.print(f"Companies: {listed}. Choose one with `nettfin context --use ID`.", markup=False)
    else:
        errors.print(f"Using company {company}.", markup=False)


@reports_errors
def logout(ctx: typer.Context) -> None:
    """Revoke the saved token and forget it."""
    saved = credentials.load()
    if saved.flow:
        _revoke_connect(ctx, saved)
    elif saved.token and saved.base_url:
        try:
            with Client(base_url=saved.base_url, token=saved.token, transport=(ctx.obj or {}).get("transport")) as api:
                api.revoke_token()
        except NettfinError as error:
            # Forgetting the token locally is what matters; say why the server did not take it back.
            errors.print(f"the server did not revoke the token: {error}", markup=False)
    errors.print("Logged out." if credentials.forget() else "Not logged in.", markup=False)


def _revoke_connect(ctx: typer.Context, saved: credentials.Credentials) -> None:
    """A Connect login: the refresh token is revoked where the issuer has a revocation endpoint; a service
    token (no refresh token) just expires."""
    if not (saved.refresh_token and saved.issuer and saved.client_id):
        return
    try:
        with VismaConnect(saved.issuer, transport=(ctx.obj or {}).get("transport")) as provider:
            provider.revoke(saved.refresh_token, client_id=saved.client_id, client_secret=saved.client_secret)
    except NettfinError as error:
        errors.print(f"the server did not revoke the refresh token: {error}", markup=False)


def register(app: typer.Typer) -> None:
    app.command("login")(login)
    app.command("logout")(logout)
