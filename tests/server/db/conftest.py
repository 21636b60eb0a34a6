"""What the migration tests share: an empty database of each kind (`old_database`, a URL), and `scaffold.py`'s
helpers for a schema upgraded to before a migration with companies on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import new_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def old_database(request, tmp_path) -> Iterator[str]:
    """An empty database (its URL) on SQLite, and on PostgreSQL when one is available."""
    if request.param == "postgresql":
        request.getfixturevalue("postgres_available")
        with new_postgres_database() as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / 'old.db'}"
