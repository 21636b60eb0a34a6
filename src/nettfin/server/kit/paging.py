"""One paging engine for every list endpoint (reference section 4, the knowledge base's paging article).

A page is `pageNumber` (1-based) and `pageSize` (clamped silently to the endpoint's `maxPageSize`). The
response is a bare array whose every element carries `metadata: {totalCount, maxPageSize}`; totalCount counts
every record matching the filters at the moment of the request.

Deep pages stay cheap three ways. Every page served notes where it began and ended: the places in the list
(its filters, its data version) of its first row and of the row after its last, with the (key, id) of its first
and last rows. A page starts from the nearest noted place at or before its offset, as a key seek from the noted
row plus an OFFSET of the rows between: a sequential crawl (page N+1 right after page N) is a plain key seek, a
client jumping back to a deep page it saw walks nothing, and one jumping near it walks only the distance.
Otherwise it is an OFFSET over the narrow ordering index, in a subquery that joins back only the page's rows.
And totalCount is skipped when the page itself proves it, otherwise counted once per data version. A list whose
records' JSON is kept rendered (kit/rendered.py) asks only for its page's ids (`fetch_page_ids`), and those are
kept too: a page asked for again is no query at all. The caches are keyed by the company's data version for the
resource, so they can never serve a stale answer.
"""

from __future__ import annotations

import bisect
import inspect
import threading
from array import array
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import Query
from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from .changes import Lru, current_version, database_of
from .checks import INT32_MAX

MASTER_DATA_MAX_PAGE_SIZE = 1000
DOCUMENT_MAX_PAGE_SIZE = 500


@dataclass(frozen=True)
class Page:
    number: int
    size: int
    max_size: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def paging(max_page_size: int):
    """A dependency reading `pageNumber` and `pageSize`; the deprecated parameters are accepted and ignored.

    Dependencies that only parse the request are coroutines, though they await nothing: FastAPI runs a plain
    function in the thread pool, and under load each hop there and back (a thread switch, the event loop woken
    from the worker, both waiting for the GIL) cost more than the parsing (docs/performance.md, "HTTP
    throughput"). Only what blocks (the database) belongs in the thread pool."""

    async def page(
        pageNumber: int | None = Query(
            None, le=INT32_MAX, ge=1, description="Pagination parameter. Page number (from 1)."
        ),
        pageSize: int | None = Query(
            None,
            le=INT32_MAX,
            ge=1,
            description=(
                "Pagination parameter. Number of items to be collected. A page size greater than the maximum "
                f"({max_page_size}, returned as metadata.maxPageSize) is limited to the maximum."
            ),
        ),
        numberToRead: int | None = Query(None, le=INT32_MAX, deprecated=True, description="Deprecated; ignored."),
        skipRecords: int | None = Query(None, le=INT32_MAX, deprecated=True, description="Deprecated; ignored."),
        orderBy: str | None = Query(None, deprecated=True, description="Deprecated; has no effect."),
    ) -> Page:
        return page_from({"pageNumber": pageNumber, "pageSize": pageSize}, max_page_size)

    return page


def page_parameters(max_page_size: int) -> list[inspect.Parameter]:
    """`paging`'s query parameters, for a route that reads its whole query at once (kit/query_params.py)."""
    return list(inspect.signature(paging(max_page_size)).parameters.values())


def page_from(values: Mapping[str, Any], max_page_size: int) -> Page:
    """The page that `pageNumber` and `pageSize` (as parsed) ask for."""
    size = min(values["pageSize"] or max_page_size, max_page_size)
    return Page(number=values["pageNumber"] or 1, size=size, max_size=max_page_size)


_cache = Lru(50_000)
# Pages of ids (`fetch_page_ids`), 8 bytes an id: at most 32 MB when every page kept is of 1,000 records.
_id_pages = Lru(4_096)
# The places a list (its filters, its data version) keeps noted, at most (`_Places.note`).
MAX_PLACES = 10_000


class _Places:
    """Places in one list that pages began or ended at (0-based), each with a row that finds it: the page's first
    row, which is at the place, or its last, which is just before it. In place order; shared by the requests of
    a process, hence the lock."""

    def __init__(self) -> None:
        self._places: list[int] = []
        self._rows: dict[int, tuple[tuple[Any, int], bool]] = {}
        self._lock = threading.Lock()

    def note(self, place: int, row: tuple[Any, int], *, at: bool) -> None:
        """`at`: `row` is at the place; otherwise it is the row before it. Past `MAX_PLACES`, the place noted
        first is forgotten: a crawl beyond 10,000 pages still finds the page before."""
        with self._lock:
            if place in self._rows:
                return
            if len(self._places) >= MAX_PLACES:
                oldest = next(iter(self._rows))
                del self._rows[oldest]
                del self._places[bisect.bisect_left(self._places, oldest)]
            bisect.insort(self._places, place)
            self._rows[place] = (row, at)

    def nearest(self, offset: int) -> tuple[int, tuple[Any, int], bool] | None:
        """The noted place closest to `offset` from below (or at it), its row, and whether the row is at it."""
        with self._lock:
            index = bisect.bisect_right(self._places, offset) - 1
            if index < 0:
                return None
            place = self._places[index]
            return (place, *self._rows[place])


@dataclass(frozen=True)
class Listing:
    """What a list endpoint pages over: a model with `id` and `company_id`, ordered by a key column."""

    resource: str
    model: Any
    key: InstrumentedAttribute


@dataclass(frozen=True)
class PageResult:
    rows: Sequence[Any]
    total_count: int
    max_page_size: int

    @property
    def metadata(self) -> dict[str, int]:
        """What every element of the page carries."""
        return {"totalCount": self.total_count, "maxPageSize": self.max_page_size}


def fetch_page(
    session: Session,
    listing: Listing,
    *,
    company_id: int,
    conditions: Sequence[Any],
    signature: Hashable,
    page: Page,
    options: Sequence[Any] = (),
) -> PageResult:
    """The records of one page in (key, id) order (loaded with `options`), and the exact totalCount for the same
    filters."""
    model = listing.model
    scope = _scope(session, listing, company_id, signature, None)
    where, order, start, skip = _seek(listing, scope, company_id, conditions, page)
    ids = select(model.id).where(*where)
    if start is not None:
        ids = ids.where(start)
    ids = ids.order_by(*order).offset(skip or None).limit(page.size).subquery()
    statement = select(model).join(ids, model.id == ids.c.id).order_by(*order)
    rows = session.scalars(statement.options(*options)).unique().all()
    if rows:
        key = listing.key.key
        first, last = rows[0], rows[-1]
        _note(scope, page, len(rows), (getattr(first, key), first.id), (getattr(last, key), last.id))
    return PageResult(rows, _total_count(session, where, scope, page, len(rows), model), page.max_size)


def fetch_page_ids(
    session: Session,
    listing: Listing,
    *,
    company_id: int,
    conditions: Sequence[Any],
    signature: Hashable,
    page: Page,
    version: int | None = None,
) -> PageResult:
    """`fetch_page` for a list whose records' JSON is kept rendered (kit/rendered.py): the rows are the page's
    record ids. `version`: the resource's data version, when the caller has read it. A page asked for before at
    the same data version is answered from memory."""
    scope = _scope(session, listing, company_id, signature, version)
    kept = _id_pages.get((*scope, page.offset, page.size))
    if kept is not None:
        ids, total = kept
        return PageResult(ids, total, page.max_size)
    model = listing.model
    where, order, start, skip = _seek(listing, scope, company_id, conditions, page)
    statement = select(model.id, listing.key).where(*where)
    if start is not None:
        statement = statement.where(start)
    rows = session.execute(statement.order_by(*order).offset(skip or None).limit(page.size)).all()
    if rows:
        (first_id, first_key), (last_id, last_key) = rows[0], rows[-1]
        _note(scope, page, len(rows), (first_key, first_id), (last_key, last_id))
    ids = array("q", (row[0] for row in rows))
    total = _total_count(session, where, scope, page, len(rows), model)
    _id_pages.put((*scope, page.offset, page.size), (ids, total))
    return PageResult(ids, total, page.max_size)


def _scope(session: Session, listing: Listing, company_id: int, signature: Hashable, version: int | None) -> tuple:
    """What a list's caches are keyed by: the database, the resource, the company, the filters and the resource's
    data version (read here when the caller has not)."""
    if version is None:
        version = current_version(session, company_id=company_id, resource=listing.resource)
    return (database_of(session), listing.resource, company_id, signature, version)


def _seek(
    listing: Listing, scope: tuple, company_id: int, conditions: Sequence[Any], page: Page
) -> tuple[list, tuple, Any, int]:
    """The page's conditions and order, and where its query starts: a key seek from the nearest noted place
    (`start`, None for none) and the rows to skip after it."""
    model = listing.model
    where = [model.company_id == company_id, *conditions]
    order = (listing.key, model.id)
    known = _places(scope).nearest(page.offset) if page.offset else None
    if known is None:
        return where, order, None, page.offset
    place, row, at = known
    start = tuple_(*order) >= tuple_(*row) if at else tuple_(*order) > tuple_(*row)
    return where, order, start, page.offset - place


def _places(scope: tuple) -> _Places:
    places = _cache.get((*scope, "places"))
    if places is None:
        places = _Places()
        _cache.put((*scope, "places"), places)
    return places


def _note(scope: tuple, page: Page, count: int, first: tuple[Any, int], last: tuple[Any, int]) -> None:
    """Notes where the page served (of `count` rows) began and ended, by the (key, id) of its first and last."""
    places = _places(scope)
    if page.offset:
        places.note(page.offset, first, at=True)
    places.note(page.offset + count, last, at=False)


def _total_count(session: Session, where: list, scope: tuple, page: Page, received: int, model: Any) -> int:
    if 0 < received < page.size or (received == 0 and page.number == 1):
        # A short page is the last one: it proves the total without counting.
        return page.offset + received
    total = _cache.get((*scope, "count"))
    if total is None:
        total = session.scalar(select(func.count()).select_from(model).where(*where))
        _cache.put((*scope, "count"), total)
    return total


def with_metadata(items: list[dict], result: PageResult) -> list[dict]:
    metadata = result.metadata
    for item in items:
        item["metadata"] = metadata
    return items
