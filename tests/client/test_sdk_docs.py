"""docs/sdk.md and docs/cli.md run as written: every Python block and every shell block, in order, against a
real nettfin server with the demo company (what `make run` serves), the base URL pointed at that server.
Among them the corrected version of the paging article's sample."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from nettfin.client import RESOURCES, Client
from nettfin.server.db.engine import Database
from nettfin.server.db.migrate import upgrade
from nettfin.server.demo.seed import DEMO_TOKEN, ensure_demo
from tests.paths import REPO
from tests.servers import start_server, stop_server

DOCS = REPO / "docs"
NOT_RUN = "Not run by the tests"


def pointed(block: str, server: str) -> str:
    """The block with its BASE_URL pointed at the server: the legacy `/API` root, or the server's own address for a
    block written for the current surface (`BASE_URL = "http://127.0.0.1:8080"`, a Visma Connect example, where
    the base URL is the issuer too)."""

    def base(found: re.Match) -> str:
        current = found.group(1).startswith('"http://127.0.0.1:8080"')
        return f'BASE_URL = "{server}{"" if current else "/API"}"'

    return re.sub(r"^BASE_URL = (.*)$", base, block, flags=re.MULTILINE)


def blocks(document: str, language: str) -> list[str]:
    text = (DOCS / document).read_text(encoding="utf-8")
    return [block for block in re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL) if NOT_RUN not in block]


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """A fresh SQLite database with the demo company, served by a real nettfin process."""
    directory = tmp_path_factory.mktemp("docs")
    url = f"sqlite:///{directory / 'demo.db'}"
    upgrade(url)
    database = Database(url)
    ensure_demo(database)
    database.dispose()
    process, base = start_server(url, directory)
    yield base
    stop_server(process)


def test_the_docs_have_examples_to_run():
    assert len(blocks("sdk.md", "python")) >= 4
    assert len(blocks("cli.md", "sh")) >= 3
    assert any("pageNumber" in block and "pageNum'" not in block for block in blocks("sdk.md", "python"))


def test_the_sdk_guide_names_every_resource_the_clients_serve():
    text = (DOCS / "sdk.md").read_text(encoding="utf-8")
    served = text[text.index("Served today:") : text.index("Time cards and journal transactions, as on")]
    # The actions the guide names beside their resources: as the service spells them, or as the SDK's methods do.
    actions = {
        spelling
        for spec in RESOURCES
        for action in spec.actions or ()
        for spelling in (action.lower(), re.sub(r"(?<!^)(?=[A-Z])", "_", action).lower())
    }
    assert set(re.findall(r"`([a-z0-9_]+)`", served)) - actions == {spec.name for spec in RESOURCES}


def test_every_python_example_in_the_sdk_guide_runs(demo_server):
    for number, block in enumerate(blocks("sdk.md", "python"), start=1):
        code = pointed(block, demo_server)
        assert code != block, f"block {number} does not set BASE_URL"
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, f"docs/sdk.md block {number}", "exec"), {"__name__": "docs_example"})  # noqa: S102
        assert printed.getvalue().strip(), f"block {number} printed nothing"


def test_the_corrected_paging_sample_returns_every_active_customer(demo_server):
    (sample,) = [block for block in blocks("sdk.md", "python") if "def get_all_active_customers" in block]
    code = re.sub(r"^BASE_URL = .*$", f'BASE_URL = "{demo_server}/API"', sample, flags=re.MULTILINE)
    code = code.replace("print(len(get_all_active_customers()))", "")
    namespace: dict = {}
    exec(compile(code, "docs/sdk.md paging sample", "exec"), namespace)  # noqa: S102
    customers = namespace["get_all_active_customers"]()
    with Client(f"{demo_server}/API", DEMO_TOKEN, 1) as client:
        expected = [c.number for c in client.customers.iterate(status="Active")]
    assert [c["number"] for c in customers] == expected
    assert len(expected) > 10  # more than one page of the sample's 10


def test_every_shell_example_in_the_cli_guide_runs(demo_server, tmp_path):
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    for number, block in enumerate(blocks("cli.md", "sh"), start=1):
        script = block.replace("http://127.0.0.1:8080", demo_server)
        result = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, f"docs/cli.md block {number}:\n{result.stdout}\n{result.stderr}"
        assert result.stdout.strip(), f"docs/cli.md block {number} printed nothing"
