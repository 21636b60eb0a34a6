"""Deep pages start from the list's marks (kit/paging.py, `_nearest_mark`): every page, jumped to at random,
holds the rows an OFFSET over the whole ordered list would, filtered or not, and a write is seen by the next
jump."""

from __future__ import annotations

import random

import pytest

from nettfin.server.kit import paging
from tests.factories import insert_customers


@pytest.fixture
def marks_every_seven(monkeypatch):
    # Small marks so a list of a few dozen rows has several, and pages that straddle them.
    monkeypatch.setattr(paging, "MARK_EVERY", 7)


def numbers(tenant, **params) -> list[str]:
    response = tenant.get("/customer", params=params)
    assert response.status_code == 200, response.text
    return [item["number"] for item in response.json()]


def test_every_page_jumped_to_holds_the_rows_an_offset_would(tenant, marks_every_seven):
    insert_customers(tenant, 60)
    expected = [f"C{n:05d}" for n in range(1, 61)]
    for size in (1, 5, 7, 9, 50):
        pages = list(range(1, 60 // size + 3))
        random.Random(size).shuffle(pages)  # never page N right after N-1: no key seek from the last page
        for number in pages:
            got = numbers(tenant, pageSize=size, pageNumber=number)
            assert got == expected[(number - 1) * size : number * size], (size, number)


def test_a_filtered_lists_marks_are_its_own(tenant, marks_every_seven):
    insert_customers(tenant, 40)
    # "Customer C0001" .. "C0003": C00010..C00039, 30 rows, each page from the marks of the filtered list.
    expected = [f"C{n:05d}" for n in range(10, 40)]
    for number in (4, 2, 3, 1, 5):
        got = numbers(tenant, name="customer c0001", pageSize=3, pageNumber=number)
        expected_page = [n for n in expected if n.startswith("C0001")][(number - 1) * 3 : number * 3]
        assert got == expected_page


def test_a_write_moves_the_marks(tenant, marks_every_seven):
    insert_customers(tenant, 30)
    assert numbers(tenant, pageSize=5, pageNumber=4) == [f"C{n:05d}" for n in range(16, 21)]
    insert_customers(tenant, 1, start=0)  # C00000 sorts first: every later row moves one place
    assert numbers(tenant, pageSize=5, pageNumber=4) == [f"C{n:05d}" for n in range(15, 20)]
