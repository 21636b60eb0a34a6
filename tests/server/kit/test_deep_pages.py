"""Pages start from the nearest place an earlier page of the list ended (kit/paging.py): every page, jumped to
in any order, holds the rows an OFFSET over the whole ordered list would, filtered or not, whatever page sizes
came before, and a write is seen by the next jump."""

from __future__ import annotations

import random

from nettfin.server.kit import paging
from tests.factories import insert_customers
from tests.statements import counted


def numbers(tenant, **params) -> list[str]:
    response = tenant.get("/customer", params=params)
    assert response.status_code == 200, response.text
    return [item["number"] for item in response.json()]


def test_every_page_jumped_to_holds_the_rows_an_offset_would(tenant):
    insert_customers(tenant, 60)
    expected = [f"C{n:05d}" for n in range(1, 61)]
    for size in (1, 5, 7, 9, 50):
        pages = list(range(1, 60 // size + 3))
        random.Random(size).shuffle(pages)  # pages of other sizes ended at places in between
        for number in pages:
            got = numbers(tenant, pageSize=size, pageNumber=number)
            assert got == expected[(number - 1) * size : number * size], (size, number)


def test_a_filtered_lists_places_are_its_own(tenant):
    insert_customers(tenant, 40)
    # "Customer C0001" .. "C0003": C00010..C00039, 30 rows, each page from the marks of the filtered list.
    expected = [f"C{n:05d}" for n in range(10, 40)]
    for number in (4, 2, 3, 1, 5):
        got = numbers(tenant, name="customer c0001", pageSize=3, pageNumber=number)
        expected_page = [n for n in expected if n.startswith("C0001")][(number - 1) * 3 : number * 3]
        assert got == expected_page


def test_a_write_forgets_the_places(tenant):
    insert_customers(tenant, 30)
    assert numbers(tenant, pageSize=5, pageNumber=4) == [f"C{n:05d}" for n in range(16, 21)]
    insert_customers(tenant, 1, start=0)  # C00000 sorts first: every later row moves one place
    assert numbers(tenant, pageSize=5, pageNumber=4) == [f"C{n:05d}" for n in range(15, 20)]


def test_a_crawl_past_the_places_bound_still_seeks_from_the_page_before(tenant, monkeypatch):
    monkeypatch.setattr(paging, "MAX_PLACES", 2)
    insert_customers(tenant, 12)
    for number in (1, 2, 3):  # page 3 ends at place 9: place 3, noted first, is forgotten
        numbers(tenant, pageSize=3, pageNumber=number)
    (places,) = [
        value
        for key, value in paging._cache._items.items()
        # Company ids repeat across databases, and one process tests both.
        if key[-1] == "places" and key[:3] == (tenant.database.engine.url, "customer", tenant.company_id)
    ]
    assert places.nearest(9)[0] == 9 and places.nearest(5) is None  # 6 and 9 are kept
    assert numbers(tenant, pageSize=3, pageNumber=4) == ["C00010", "C00011", "C00012"]
    assert numbers(tenant, pageSize=2, pageNumber=2) == ["C00003", "C00004"]  # no place before 2: an OFFSET


def test_a_page_asked_for_again_reads_only_the_data_version_and_a_write_is_seen_by_the_next(tenant):
    insert_customers(tenant, 12)
    assert numbers(tenant, pageSize=5, pageNumber=2) == [f"C{n:05d}" for n in range(6, 11)]
    with counted(tenant.database.engine) as statements:
        assert numbers(tenant, pageSize=5, pageNumber=2) == [f"C{n:05d}" for n in range(6, 11)]
    # The token lookup and the versions: the page's ids, its count and its bodies are kept.
    assert [s for s in statements if "customer" in s.lower() and "data_version" not in s.lower()] == []
    insert_customers(tenant, 1, start=0)  # C00000 sorts first: every later row moves one place
    assert numbers(tenant, pageSize=5, pageNumber=2) == [f"C{n:05d}" for n in range(5, 10)]
    assert tenant.get("/customer", params={"pageSize": 5, "pageNumber": 2}).json()[0]["metadata"]["totalCount"] == 13
