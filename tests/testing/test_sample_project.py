"""The pytest plugin as its users meet it: tests/sample_project is a project of theirs (its own code and tests,
its own pytest.ini) that reaches nettfin only through the plugin. Run here in a pytest process of its own with
pytest-xdist, on both databases, and against a server of its own given by URL."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from nettfin.testing.server import InProcessServer
from tests.conftest import new_postgres_database

SAMPLE = Path(__file__).parents[1] / "sample_project"
SAMPLE_TESTS = 200


def run_sample(*arguments: str, cache: Path) -> tuple[str, dict[str, int]]:
    """Run the sample project's tests; its output and the counts of its summary line."""
    env = {**os.environ, "NETTFIN_TEST_CACHE": str(cache)}
    env.pop("NETTFIN_URL", None)
    finished = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--confcutdir", str(SAMPLE), *arguments],
        cwd=SAMPLE,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    output = finished.stdout + finished.stderr
    counts = {word: int(n) for n, word in re.findall(r"(\d+) (passed|failed|errors?|skipped)", output)}
    return output, counts


def test_every_sample_test_gets_a_company_of_its_own_under_xdist(database_url, tmp_path):
    arguments = ["-n", "2"]
    if database_url.startswith("postgresql"):
        with new_postgres_database() as url:
            output, counts = run_sample(*arguments, "--nettfin-database-url", url, cache=tmp_path)
    else:
        output, counts = run_sample(*arguments, cache=tmp_path)
    assert counts == {"passed": SAMPLE_TESTS}, output[-3000:]


def test_the_sample_against_a_server_given_by_url_deletes_each_company_after_its_test(tmp_path):
    with InProcessServer(tmp_path / "server") as server:
        database = server.data_dir / "nettfin.db"
        before = companies(database)
        output, counts = run_sample(
            "-k",
            "not shopper or shopper and 7",
            "--nettfin-url",
            server.base_url,
            "--nettfin-admin-key",
            server.admin_key,
            cache=tmp_path,
        )
        assert set(counts) == {"passed"} and counts["passed"] >= 6, output[-3000:]
        # Every test's company is gone; the second company one test made for itself stays.
        assert companies(database) == before + 1


def companies(database: Path) -> int:
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute("SELECT count(*) FROM company").fetchone()[0]


def test_an_in_process_servers_admin_key_never_starts_with_a_dash_that_pytest_would_read_as_an_option(tmp_path):
    # `--nettfin-admin-key -abc...` is an argparse error ("expected one argument"): one random key in 64 began so.
    keys = [InProcessServer(tmp_path).admin_key for _ in range(1000)]
    assert not [key for key in keys if key.startswith("-")] and len(set(keys)) == 1000
