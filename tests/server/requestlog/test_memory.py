"""The request log's writer gives the freed bodies' memory back to the system (requestlog/memory.py): glibc's
`malloc_trim`, at most once an interval, however often the writer has written."""

from __future__ import annotations

import pytest

from nettfin.server.requestlog import memory


def test_the_allocator_is_trimmed_at_most_once_an_interval(monkeypatch):
    if memory._TRIM is None:
        pytest.skip("this system's C library has no malloc_trim (not glibc): release does nothing")
    monkeypatch.setattr(memory, "_last", 0.0)  # the process's own writers' last trim, put back after the test
    start = 10.0**6
    assert memory.release(start) is True
    assert memory.release(start + memory.INTERVAL_SECONDS / 2) is False
    assert memory.release(start + memory.INTERVAL_SECONDS) is True
