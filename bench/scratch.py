"""Scratch databases for the benchmarks: a SQLite file in a temporary directory, or a uniquely named database on a
PostgreSQL server, dropped at the end (even with connections left open). A bench never writes to the database a
URL names."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from nettfin.server.db.engine import normalise_url


@contextmanager
def sqlite_url() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="nettfin-bench-") as directory:
        yield f"sqlite:///{Path(directory) / 'nettfin.db'}"


@contextmanager
def postgres_url(server_url: str) -> Iterator[str]:
    server = make_url(normalise_url(server_url))
    name = f"nettfin_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
