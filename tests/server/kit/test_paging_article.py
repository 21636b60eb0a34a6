"""The knowledge base's article "About paging", replayed against the customer list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.factories import insert_customers


def numbers(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["number"] for item in response.json()]


def test_350_customers_in_pages_of_100_take_four_requests_the_last_returning_50(tenant):
    insert_customers(tenant, 350)
    pages = [tenant.get("/customer", params={"pageSize": 100, "pageNumber": n}) for n in (1, 2, 3, 4)]
    assert [len(p.json()) for p in pages] == [100, 100, 100, 50]
    assert numbers(pages[0])[0] == "C00001"
    assert numbers(pages[3])[-1] == "C00350"
    for page in pages:
        assert {item["metadata"]["totalCount"] for item in page.json()} == {350}
        assert {item["metadata"]["maxPageSize"] for item in page.json()} == {1000}
    all_numbers = [n for page in pages for n in numbers(page)]
    assert len(set(all_numbers)) == 350


def test_a_page_past_the_end_is_an_empty_array(tenant):
    insert_customers(tenant, 5)
    response = tenant.get("/customer", params={"pageSize": 100, "pageNumber": 2})
    assert response.status_code == 200
    assert response.json() == []


def test_total_count_counts_all_matches_of_the_filter_not_the_page(tenant):
    insert_customers(tenant, 12)
    response = tenant.get("/customer", params={"name": "customer c0000", "pageSize": 5, "pageNumber": 1})
    # C00001..C00009 contain "Customer C0000"; the count covers every page.
    assert len(response.json()) == 5
    assert response.json()[0]["metadata"]["totalCount"] == 9


def test_a_page_size_above_the_maximum_is_limited_to_the_maximum(tenant):
    insert_customers(tenant, 1005)
    response = tenant.get("/customer", params={"pageSize": 5000, "pageNumber": 1})
    assert len(response.json()) == 1000
    assert response.json()[0]["metadata"] == {"totalCount": 1005, "maxPageSize": 1000}


def test_without_paging_parameters_the_first_page_of_the_maximum_size_is_returned(tenant):
    insert_customers(tenant, 1001)
    items = tenant.get("/customer").json()
    assert len(items) == 1000
    assert items[0]["number"] == "C00001"


def test_active_customers_added_between_pages_grow_the_total_count(tenant):
    """The article's example: 30 active customers, 2 more added while the client pages; 4 requests."""
    insert_customers(tenant, 30, status="Active")
    insert_customers(tenant, 5, start=100, status="Inactive")
    first = tenant.get("/customer", params={"status": "Active", "pageSize": 10, "pageNumber": 1}).json()
    assert first[0]["metadata"]["totalCount"] == 30
    insert_customers(tenant, 2, start=31, status="Active")
    second = tenant.get("/customer", params={"status": "Active", "pageSize": 10, "pageNumber": 2}).json()
    assert second[0]["metadata"]["totalCount"] == 32
    received, page_number, total = len(first) + len(second), 3, 32
    while received < total:
        page = tenant.get("/customer", params={"status": "Active", "pageSize": 10, "pageNumber": page_number}).json()
        received += len(page)
        total = page[0]["metadata"]["totalCount"]
        page_number += 1
    assert page_number - 1 == 4
    assert received == 32


def test_changing_page_size_between_requests_skips_records_as_the_article_shows(tenant):
    start = datetime(2020, 3, 1, tzinfo=UTC)
    insert_customers(tenant, 10, modified=start, step=timedelta(days=1))
    query = {"lastModifiedDateTime": "2020-03-01T00:00:00", "lastModifiedDateTimeCondition": ">="}
    first = numbers(tenant.get("/customer", params={**query, "pageSize": 3, "pageNumber": 1}))
    second = numbers(tenant.get("/customer", params={**query, "pageSize": 5, "pageNumber": 2}))
    assert first == ["C00001", "C00002", "C00003"]
    assert second == ["C00006", "C00007", "C00008", "C00009", "C00010"]  # records 4 and 5 are never returned


def test_the_articles_three_queries_divide_the_result_set_as_shown(tenant):
    start = datetime(2020, 3, 1, tzinfo=UTC)
    insert_customers(tenant, 10, modified=start, step=timedelta(days=1))

    def pages(since: str, size: int) -> list[list[str]]:
        query = {"lastModifiedDateTime": since, "lastModifiedDateTimeCondition": ">=", "pageSize": size}
        result, number = [], 1
        while batch := numbers(tenant.get("/customer", params={**query, "pageNumber": number})):
            result.append(batch)
            number += 1
        return result

    assert [len(p) for p in pages("2020-03-01T00:00:00", 3)] == [3, 3, 3, 1]
    assert [len(p) for p in pages("2020-03-01T00:00:00", 5)] == [5, 5]
    assert [len(p) for p in pages("2020-03-06T00:00:00", 3)] == [3, 2]


def test_repeated_requests_with_the_same_filters_page_deterministically(tenant):
    insert_customers(tenant, 57)
    crawl = [numbers(tenant.get("/customer", params={"pageSize": 10, "pageNumber": n})) for n in range(1, 7)]
    again = [numbers(tenant.get("/customer", params={"pageSize": 10, "pageNumber": n})) for n in (6, 3, 1, 5, 2, 4)]
    assert sorted(again) == sorted(crawl)
    assert [n for page in crawl for n in page] == sorted(f"C{i:05d}" for i in range(1, 58))


def test_a_write_between_pages_is_seen_by_the_next_page(tenant):
    """Sequential pages are served as key seeks; a write must invalidate that shortcut."""
    insert_customers(tenant, 20, start=10)
    assert numbers(tenant.get("/customer", params={"pageSize": 5, "pageNumber": 1}))[-1] == "C00014"
    insert_customers(tenant, 3, start=1)  # sorts before everything seen so far
    second = numbers(tenant.get("/customer", params={"pageSize": 5, "pageNumber": 2}))
    assert second == ["C00012", "C00013", "C00014", "C00015", "C00016"]
