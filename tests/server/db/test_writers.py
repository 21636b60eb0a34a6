"""SQLite's writers in one process queue for its one write lock (db/engine.py, `Database.writing`): a second
writer waits its turn without a connection rather than in SQLite's busy handler, and a writing block opened
inside another in one thread is not held up by the queue."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from nettfin.server.db.engine import Database
from nettfin.server.db.migrate import upgrade
from nettfin.server.identity.models import Company
from nettfin.server.identity.service import create_company


@pytest.fixture
def sqlite_database(tmp_path) -> Iterator[Database]:
    url = f"sqlite:///{tmp_path / 'writers.db'}"
    upgrade(url)
    database = Database(url)
    yield database
    database.dispose()


def _names(database: Database) -> set[str]:
    with database.reading() as session:
        return set(session.scalars(select(Company.name)))


def _second_writer_waits_in_the_queue(first_database: Database, second_database: Database) -> None:
    """A writer through `first_database` holds SQLite's write lock; one through `second_database` then waits for it
    in the queue, without a connection of its own (not inside SQLite's busy handler), and both commit."""
    first_writing, first_may_end = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with first_database.writing() as session:
                create_company(session, name="First AS")
                session.flush()  # holds SQLite's write lock from here
                first_writing.set()
                first_may_end.wait(10)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    def second() -> None:
        try:
            with second_database.writing() as session:
                create_company(session, name="Second AS")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    writer = threading.Thread(target=first)
    writer.start()
    assert first_writing.wait(10)
    waiting = threading.Thread(target=second)
    waiting.start()
    try:
        waiting.join(0.3)  # time for the second writer to reach the lock, or (were there no queue) SQLite
        assert waiting.is_alive()  # waiting behind the first writer
        # Only the first writer's connection is out: the second waits in the queue, not inside SQLite.
        first_out = 1 if second_database is first_database else 0
        assert second_database.engine.pool.checkedout() == first_out
    finally:
        first_may_end.set()
        writer.join(10)
        waiting.join(10)
    assert not errors
    assert {"First AS", "Second AS"} <= _names(first_database)


def test_a_second_writer_waits_for_the_first_without_a_connection_then_commits(sqlite_database):
    _second_writer_waits_in_the_queue(sqlite_database, sqlite_database)


def test_a_writing_block_inside_another_in_one_thread_is_not_held_by_the_queue(sqlite_database):
    def nested() -> None:
        with sqlite_database.writing() as outer:
            with sqlite_database.writing() as inner:
                create_company(inner, name="Inner AS")
            create_company(outer, name="Outer AS")

    thread = threading.Thread(target=nested)
    thread.start()
    thread.join(20)  # the queue's own wait would be the busy timeout, 60 s
    assert not thread.is_alive()
    assert {"Inner AS", "Outer AS"} <= _names(sqlite_database)


def test_two_databases_on_one_file_queue_in_one_line(sqlite_database):
    # The request log's writer has an engine of its own on the app's file: it waits its turn in the same queue
    # rather than in SQLite's busy handler.
    other = Database(str(sqlite_database.engine.url))
    try:
        _second_writer_waits_in_the_queue(sqlite_database, other)
    finally:
        other.dispose()
