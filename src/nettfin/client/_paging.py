"""Reading a whole list page by page, as the knowledge base's article "About paging" intends.

The same filters and page size on every request; totalCount re-read from every page, so records added
meanwhile are fetched too; stop when the records received reach totalCount, or on an empty page. A server
that ignores `pageNumber` (the same page again) raises `PagingError` instead of looping for ever.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ._errors import PagingError

T = TypeVar("T")
# Sent when the caller gives no page size: the largest maxPageSize of master data. Endpoints with a smaller
# maximum clamp it, the same way on every request, so the pages stay consistent.
DEFAULT_PAGE_SIZE = 1000


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its records, and the totalCount and maxPageSize its metadata reported."""

    number: int
    items: list[T]
    total_count: int | None
    max_page_size: int | None


def check_page_size(page_size: int) -> int:
    if isinstance(page_size, bool) or not isinstance(page_size, int) or page_size < 1:
        raise ValueError(f"page_size must be a positive integer, not {page_size!r}")
    return page_size


class Crawl:
    """The paging loop as a state machine, shared by the sync and the async client.

    `batch()` says which page numbers to read next (several when reading in parallel, never past what
    totalCount promises); `accept()` takes each page, in order.
    """

    def __init__(self, *, page_size: int, max_pages: int | None) -> None:
        self.page_size = check_page_size(page_size)
        self.max_pages = max_pages
        self.next_number = 1
        self.received = 0
        self.total: int | None = None
        self.max_page_size: int | None = None
        self._ended = False
        self._previous: tuple | None = None

    @property
    def finished(self) -> bool:
        if self._ended or (self.max_pages is not None and self.next_number > self.max_pages):
            return True
        return self.total is not None and self.received >= self.total

    def batch(self, concurrency: int) -> list[int]:
        """The page numbers to read next: at least one, at most `concurrency`."""
        count = 1
        if concurrency > 1 and self.total is not None:
            size = min(self.page_size, self.max_page_size or self.page_size)
            promised = -(-self.total // size)
            count = max(1, min(concurrency, promised - self.next_number + 1))
        if self.max_pages is not None:
            count = max(1, min(count, self.max_pages - self.next_number + 1))
        return list(range(self.next_number, self.next_number + count))

    def accept(self, number: int, items: list[Any], total: int | None = None) -> Page[Any] | None:
        """Takes the page read for `number`; None when it is empty, which ends the crawl. `total`: the
        totalCount of an envelope, where the elements carry no metadata."""
        self.next_number = number + 1
        if not items:
            self._ended = True
            return None
        signature = (_content(items[0]), _content(items[-1]), len(items))
        if signature == self._previous:
            raise PagingError(
                f"page {number} repeats page {number - 1}: the server ignores pageNumber on this list, "
                "so it cannot be read page by page"
            )
        self._previous = signature
        metadata = items[0].get("metadata") if isinstance(items[0], dict) else None
        if isinstance(metadata, dict):
            self.total = metadata.get("totalCount", self.total)
            self.max_page_size = metadata.get("maxPageSize", self.max_page_size)
        self.total = self.total if total is None else total
        self.received += len(items)
        return Page(number, items, self.total, self.max_page_size)


def _content(item: Any) -> Any:
    """A record without its metadata (whose totalCount may change between two reads of the same page)."""
    return {k: v for k, v in item.items() if k != "metadata"} if isinstance(item, dict) else item
