"""The `nettfin` API commands against a real nettfin server process (tests/servers.py), over the network, on
both databases: `login` through a browser (the OAuth flow driven over HTTP, the redirect caught by the command
on the loopback address), then `context` and `get --all` with the saved login."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import httpx2
from typer.testing import CliRunner

from nettfin.cli.main import app
from tests.factories import insert_customers
from tests.oauth_helpers import PASSWORD, csrf_of, make_organisation
from tests.servers import free_port

runner = CliRunner()


def browse_and_allow(authorize_url: str, email: str) -> str:
    """A person in a browser: log in, allow, and follow the redirect to the loopback address."""
    with httpx2.Client(follow_redirects=False, trust_env=False, timeout=30) as browser:
        page = browser.get(authorize_url)
        if page.status_code == 303:
            login_url = str(page.url.join(page.headers["location"]))
            next_url = parse_qs(urlsplit(login_url).query)["next"][0]
            form = browser.get(login_url)
            fields = {"csrf": csrf_of(form.text), "email": email, "password": PASSWORD, "next": next_url}
            assert browser.post(str(page.url.join("/login")), data=fields).status_code == 303
            page = browser.get(authorize_url)
        assert page.status_code == 200, page.text
        answer = browser.post(authorize_url, data={"csrf": csrf_of(page.text), "decision": "allow"})
        assert answer.status_code == 302, answer.text
        return browser.get(answer.headers["location"]).text


def test_login_in_a_browser_then_context_and_get_all_over_the_network(server, database, tmp_path):
    redirect_uri = f"http://127.0.0.1:{free_port()}/callback"
    org = make_organisation(database, redirect_uri=redirect_uri)
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    command = [sys.executable, "-m", "nettfin.cli.main", "login", "--base-url", f"{server}/API", "--no-browser"]
    command += ["--client-id", org.client_id, "--client-secret", org.client_secret, "--redirect-uri", redirect_uri]
    login = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = next(line.strip() for line in login.stderr if line.startswith("http"))
        assert "Done." in browse_and_allow(url, org.email)
        assert login.wait(timeout=60) == 0, login.stderr.read()
    finally:
        login.kill()
    saved = tmp_path / "config" / "nettfin" / "credentials.json"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert json.loads(saved.read_text())["company_id"] == org.company_id

    cli_env = {"XDG_CONFIG_HOME": env["XDG_CONFIG_HOME"]}
    companies = runner.invoke(app, ["context", "-o", "json"], env=cli_env)
    assert companies.exit_code == 0, companies.stderr
    assert [c["id"] for c in json.loads(companies.stdout)] == [org.company_id]


def test_get_all_reads_every_page_from_a_real_server(server, tenant, tmp_path):
    insert_customers(tenant, 23)
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    login = runner.invoke(app, ["login", "--base-url", f"{server}/API", "--token", tenant.token], env=env)
    assert login.exit_code == 0, login.stderr
    listed = runner.invoke(app, ["get", "customer", "--all", "--page-size", "5", "-o", "jsonl"], env=env)
    assert listed.exit_code == 0, listed.stderr
    assert [json.loads(line)["number"] for line in listed.stdout.splitlines()] == [f"C{n:05d}" for n in range(1, 24)]
