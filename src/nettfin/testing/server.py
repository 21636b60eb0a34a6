"""nettfin served from inside a test process: uvicorn in a thread on a free port of 127.0.0.1, real HTTP, so the
code under test reaches it with whatever HTTP client it uses.

Its database is a SQLite file in a directory of the caller's (or a PostgreSQL database given by URL) holding the
demo company and the `demo` template. Seeding the demo takes seconds, so a seeded file is kept in a cache
(`$NETTFIN_TEST_CACHE`, else `~/.cache/nettfin`) under a key made from nettfin's code, seeded once (under a file
lock, so parallel test processes seed it once between them) and copied for each server in milliseconds.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import socket
import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import uvicorn

START_TIMEOUT = 120.0
_SEED_LOCK = 0x6E657474  # "nett": the advisory lock seeding a PostgreSQL database takes


def cache_dir() -> Path:
    configured = os.environ.get("NETTFIN_TEST_CACHE")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "nettfin"


def code_key() -> str:
    """A digest of the server's code (its models, migrations and the demo seed among it): a seeded file made by
    other code is never used."""
    import nettfin.server

    root = Path(nettfin.server.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def copy_sqlite(source: Path | str, target: Path | str) -> None:
    """Copy a SQLite database with SQLite's backup API: a consistent copy whatever the source's WAL still holds."""
    with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(target)) as copy:
        origin.backup(copy)


def seeded_demo_file(target: Path) -> None:
    """Write a SQLite database holding the demo company and its template to `target`."""
    cached = cache_dir() / f"demo-{code_key()}.db"
    if not cached.exists():
        with _locked(cached.with_suffix(".lock")):
            if not cached.exists():
                fresh = cached.with_suffix(f".{os.getpid()}.seeding")
                fresh.unlink(missing_ok=True)
                _seed(f"sqlite:///{fresh}")
                partial = cached.with_suffix(f".{os.getpid()}.partial")
                copy_sqlite(fresh, partial)
                os.replace(partial, cached)
                for leftover in fresh.parent.glob(f"{fresh.name}*"):
                    leftover.unlink(missing_ok=True)
    copy_sqlite(cached, target)


def _seed(url: str) -> None:
    """Migrate and seed the demo into an empty database. On PostgreSQL an advisory lock makes parallel test
    processes given one database take turns: the first seeds, the others find the demo there."""
    from sqlalchemy import text

    from nettfin.server.db.engine import Database
    from nettfin.server.db.migrate import upgrade
    from nettfin.server.demo.seed import ensure_demo

    database = Database(url)
    try:
        with contextlib.ExitStack() as stack:
            if database.dialect == "postgresql":
                connection = stack.enter_context(database.autocommit.connect())
                connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _SEED_LOCK})
                stack.callback(connection.execute, text("SELECT pg_advisory_unlock(:key)"), {"key": _SEED_LOCK})
            upgrade(url)
            ensure_demo(database)
    finally:
        database.dispose()


class InProcessServer:
    """Start with `start()` (or as a context manager); `base_url` and `admin_key` once started."""

    def __init__(self, data_dir: Path, *, database_url: str | None = None, log_level: str = "warning") -> None:
        self.data_dir = Path(data_dir)
        self.database_url = database_url
        self.log_level = log_level
        from nettfin.server.identity.service import typeable_secret

        self.admin_key = typeable_secret(24)  # given to `--nettfin-admin-key`: never starts with '-'
        self.base_url = ""
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> InProcessServer:
        from nettfin.server.app import create_app
        from nettfin.server.settings import Settings

        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.database_url is None:
            file = self.data_dir / "nettfin.db"
            if not file.exists():
                seeded_demo_file(file)
            url = f"sqlite:///{file}"
        else:
            url = self.database_url
            _seed(url)  # migrates; seeds the demo only into an empty database
        settings = Settings(data_dir=self.data_dir, database_url=url, throttle="off", admin_api_key=self.admin_key)
        app = create_app(settings)
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        config = uvicorn.Config(app, log_level=self.log_level, lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [listener]}, name="nettfin-server", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("nettfin's in-process server did not start (see the log above)")
            time.sleep(0.02)
        self.base_url = f"http://127.0.0.1:{port}"
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=30)
        self._server = self._thread = None

    def __enter__(self) -> InProcessServer:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()
