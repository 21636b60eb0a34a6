"""`nettfin login` and `nettfin logout`: the legacy OAuth 2.0 flow through the browser, with the redirect caught on
the loopback address, and the tokens saved under the user's config directory (mode 0600)."""

from __future__ import annotations

import webbrowser

import typer

from nettfin.client import NETTFIN_URL, Client, NettfinError, Tokens, login_loopback

from . import credentials
from .api import BaseUrlOption, errors, reports_errors

# The demo company's OAuth client (`make run`); a real client's values come from its registration.
DEMO_CLIENT_ID = "nettfin-demo-client"
DEMO_CLIENT_SECRET = "demo-secret"
DEMO_REDIRECT_URI = "http://localhost:5000/callback"


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
    client_id: str = typer.Option(DEMO_CLIENT_ID, "--client-id", envvar="NETTFIN_CLIENT_ID"),
    client_secret: str = typer.Option(DEMO_CLIENT_SECRET, "--client-secret", envvar="NETTFIN_CLIENT_SECRET"),
    redirect_uri: str = typer.Option(
        DEMO_REDIRECT_URI, "--redirect-uri", help="A loopback URI registered for the client, with its port."
    ),
    token: str | None = typer.Option(None, "--token", help="Save this bearer token instead of logging in."),
    company: int | None = typer.Option(None, "--company", help="The company to use (default: the only one)."),
    no_browser: bool = typer.Option(False, "--no-browser", help="Print the URL instead of opening a browser."),
    timeout: float = typer.Option(300.0, "--timeout", help="Seconds to wait for the browser."),
) -> None:
    """Log in (OAuth 2.0 in the browser, or --token) and save the token for the other commands."""
    base = (base_url or credentials.load().base_url or NETTFIN_URL).rstrip("/")
    injected = ctx.obj or {}
    oauth_client = (None, None)
    if token:
        tokens = Tokens(token)
    else:
        tokens = login_loopback(
            client_id=client_id,
            client_secret=client_secret,
            redirect_uri=redirect_uri,
            base_url=base,
            open_browser=injected.get("open_browser") or (_show if no_browser else _show_and_open),
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
    if saved.token and saved.base_url:
        try:
            with Client(base_url=saved.base_url, token=saved.token, transport=(ctx.obj or {}).get("transport")) as api:
                api.revoke_token()
        except NettfinError as error:
            # Forgetting the token locally is what matters; say why the server did not take it back.
            errors.print(f"the server did not revoke the token: {error}", markup=False)
    errors.print("Logged out." if credentials.forget() else "Not logged in.", markup=False)


def register(app: typer.Typer) -> None:
    app.command("login")(login)
    app.command("logout")(logout)
