"""`nettfin admin company template|templates|clone|delete|template-delete` on the server's database, both kinds."""

from __future__ import annotations

from contextlib import ExitStack

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from nettfin.cli.main import app as cli
from nettfin.server.db.engine import Database
from nettfin.server.identity.models import Company
from nettfin.testing.server import copy_sqlite
from tests.conftest import new_postgres_database
from tests.party_factories import DEMO_COMPANY_ID, demo_template

runner = CliRunner()


@pytest.fixture
def demo_url(database_url, tmp_path):
    with ExitStack() as stack:
        if database_url.startswith("postgresql"):
            yield stack.enter_context(new_postgres_database(demo_template("postgresql")))
        else:
            copy_sqlite(demo_template("sqlite"), tmp_path / "demo.db")
            yield f"sqlite:///{tmp_path / 'demo.db'}"


def run(*args: str, url: str, ok: bool = True) -> str:
    result = runner.invoke(cli, [*args, "--database-url", url])
    assert (result.exit_code == 0) == ok, result.output
    return result.output


def field(output: str, name: str) -> str:
    return next(line.split(":", 1)[1].strip() for line in output.splitlines() if line.startswith(f"{name}:"))


def companies(url: str) -> int:
    database = Database(url)
    try:
        with database.reading() as session:
            return session.scalar(select(func.count()).select_from(Company))
    finally:
        database.dispose()


def test_a_template_its_clone_and_their_deletion_from_the_command_line(demo_url):
    assert run("admin", "company", "templates", url=demo_url).startswith("demo\tcompany 3\tfrom 1")
    made = run("admin", "company", "template", "mine", "--company", str(DEMO_COMPANY_ID), url=demo_url)
    assert made.startswith("template mine: company ") and "from company 1" in made
    cloned = run("admin", "company", "clone", "--template", "mine", "--grant", "isv_nettfin_demo", url=demo_url)
    company = int(field(cloned, "company_id"))
    assert field(cloned, "applications").split()[1] == "isv_nettfin_demo"
    assert field(cloned, "user") == f"demo+c{company}@nettfin.local" and field(cloned, "client_secret")
    before = companies(demo_url)
    assert f"deleted company {company}" in run("admin", "company", "delete", str(company), url=demo_url)
    assert companies(demo_url) == before - 1
    assert "deleted template mine" in run("admin", "company", "template-delete", "mine", url=demo_url)
    assert "mine" not in run("admin", "company", "templates", url=demo_url)


def test_the_command_line_refuses_what_the_admin_api_refuses(demo_url):
    before = companies(demo_url)
    assert "There is no template named 'nope'" in run(
        "admin", "company", "clone", "--template", "nope", url=demo_url, ok=False
    )
    assert "delete the template instead" in run("admin", "company", "delete", "3", url=demo_url, ok=False)
    assert "lower-case letters" in run(
        "admin", "company", "template", "Bad Name", "--company", "1", url=demo_url, ok=False
    )
    assert companies(demo_url) == before
