"""Resources: a `ResourceSpec` says where one lives, what its key is and what it can do; two small classes (sync
and async) turn it into `client.<name>.list/iterate/get/create/update/delete/<action>`. The specs themselves
are declared in `_catalog.py`, one line per resource.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic.alias_generators import to_snake

from . import models
from ._errors import NettfinError
from ._paging import DEFAULT_PAGE_SIZE, Crawl, Page
from ._wire import Update, key_from_location, key_path, query_params

if TYPE_CHECKING:
    from ._client import AsyncClient, Client

T = TypeVar("T")
_VERBS = {"list": "listed", "get": "read", "create": "created", "update": "updated", "delete": "deleted"}


@dataclass(frozen=True)
class ResourceSpec:
    """Where a resource lives and what it can do.

    `path` is under the API root (`v1/customer`); `item` the path of one record, `{key}` standing for the key
    (default `<path>/{key}`); `key` the read DTO's member holding the key (dotted for a nested one);
    `paged` whether lists take pageNumber/pageSize; `actions` the names under `<item>/action/`; `create` the
    path of POST when it is not `path` (customer invoices are created through v2); `attachment` the record
    path attachments take for a composite key (`documentType/{key}` for (documentType, number)); `envelope`:
    the member of an object holding the list, where the list is not a bare array (credit terms' `records`, with
    `pageNumber`, `pageSize` and `totalCount` beside it; the features set's `features`).
    """

    name: str
    path: str
    key: str
    model: type[models.Record] | None
    operations: frozenset[str] = frozenset({"list", "get"})
    item: str | None = None
    paged: bool = True
    actions: tuple[str, ...] = ()
    create: str | None = None
    attachment: str | None = None
    envelope: str | None = None

    def item_path(self, key: Any) -> str:
        return (self.item or f"{self.path}/{{key}}").replace("{key}", key_path(key))

    def attachment_path(self, key: Any) -> str:
        """The record's path for `.../attachment` uploads."""
        if isinstance(key, tuple) and self.attachment:
            return self.attachment.replace("{key}", key_path(key))
        return self.item_path(key)

    def key_of(self, record: Any) -> Any:
        """The record's key: the member `key` names (dots go into objects); a key of several members, named
        separated by spaces ("baccount.number locationId"), is the tuple of their values."""
        if not isinstance(record, dict):
            return record
        parts = [_member(record, path) for path in self.key.split()]
        return parts[0] if len(parts) == 1 else tuple(parts)


def _member(record: dict, path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


@dataclass
class _Request:
    """A request a resource method needs, built once for the sync and the async client."""

    method: str
    path: str
    params: list[tuple[str, str]] = field(default_factory=list)
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


class _ResourceBase(Generic[T]):
    def __init__(self, client: Any, spec: ResourceSpec) -> None:
        self._client = client
        self.spec = spec
        for action in spec.actions:
            setattr(self, to_snake(action), partial(self.action, action))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.spec.name} at {self.spec.path}>"

    def _check(self, operation: str) -> None:
        if operation not in self.spec.operations:
            raise NettfinError(f"{self.spec.name} cannot be {_VERBS[operation]} through the API")

    def _list_request(self, filters: Mapping[str, Any], page_number: int | None, page_size: int | None) -> _Request:
        self._check("list")
        params = query_params(filters)
        # Paging given among the filters (`pageSize=3`) counts as paging, not as a second parameter.
        given = {name.lower(): value for name, value in params}
        params = [(name, value) for name, value in params if name.lower() not in ("pagenumber", "pagesize")]
        page_number = page_number or int(given.get("pagenumber", 0)) or None
        page_size = page_size or int(given.get("pagesize", 0)) or None
        if self.spec.paged:
            # The article: always send both, or the service's default (which may change) decides.
            params += [("pageNumber", str(page_number or 1)), ("pageSize", str(page_size or DEFAULT_PAGE_SIZE))]
        return _Request("GET", self.spec.path, params)

    def _write_request(
        self, operation: str, method: str, path: str, body: Update | Mapping | None, if_match: str | None
    ) -> _Request:
        self._check(operation)
        payload = body.to_wire() if isinstance(body, Update) else body
        headers = {"If-Match": if_match} if if_match else {}
        return _Request(method, path, body=payload, headers=headers)

    def _page_items(self, data: Any) -> tuple[Any, int | None]:
        """A list response's records, and the totalCount an envelope gives (None: each element's metadata)."""
        if self.spec.envelope and isinstance(data, dict):
            return data.get(self.spec.envelope) or [], data.get("totalCount")
        return data, None

    def _records(self, data: Any) -> list[Any]:
        data = self._page_items(data)[0]
        if not isinstance(data, list):
            raise NettfinError(f"{self.spec.path} answered {type(data).__name__}, not a list")
        return [self._record(item) for item in data]

    def _record(self, data: Any) -> Any:
        if self.spec.model is None or not isinstance(data, dict):
            return data
        return self.spec.model.from_wire(data)

    def _page(self, page: Page[Any]) -> Page[Any]:
        return Page(page.number, self._records(page.items), page.total_count, page.max_page_size)

    def _crawl(self, page_size: int, max_pages: int | None) -> Crawl:
        return Crawl(page_size=page_size, max_pages=max_pages)


class Resource(_ResourceBase[T]):
    """A resource through the sync client: `client.customers.iterate(status="Active")`."""

    _client: Client

    def list(self, *, page_number: int | None = None, page_size: int | None = None, **filters: Any) -> list[T]:
        """One page (or the whole list where the endpoint is not paged). Filters take their wire names or
        snake_case; `(">=", datetime)` sets a filter with its `...Condition`."""
        return self._records(self._client._json(self._list_request(filters, page_number, page_size)))

    def pages(
        self, *, page_size: int = DEFAULT_PAGE_SIZE, concurrency: int = 1, max_pages: int | None = None, **filters
    ) -> Iterator[Page[T]]:
        """Every page, in order; `concurrency` > 1 reads up to that many pages at a time."""
        if not self.spec.paged:
            items = self.list(**filters)
            yield Page(1, items, len(items), None)
            return
        crawl = self._crawl(page_size, max_pages)

        def read(number: int) -> list[Any]:
            return self._client._json(self._list_request(filters, number, page_size))

        with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
            while not crawl.finished:
                numbers = crawl.batch(concurrency)
                for number, items in zip(numbers, list(pool.map(read, numbers)), strict=True):
                    page = crawl.accept(number, *self._page_items(items))
                    if page is None:
                        break
                    yield self._page(page)

    def iterate(
        self, *, page_size: int = DEFAULT_PAGE_SIZE, concurrency: int = 1, max_pages: int | None = None, **filters
    ) -> Iterator[T]:
        """Every record matching the filters, across all pages."""
        for page in self.pages(page_size=page_size, concurrency=concurrency, max_pages=max_pages, **filters):
            yield from page.items

    def get(self, key: Any, **params: Any) -> T:
        """One record by its key (a tuple for a composite key)."""
        self._check("get")
        return self._record(self._client._json(_Request("GET", self.spec.item_path(key), query_params(params))))

    def create(self, body: Update | Mapping) -> str:
        """Creates a record and returns its key, taken from `Location`. A Mapping is sent as it is."""
        path = self.spec.create or self.spec.path
        response = self._client._send(self._write_request("create", "POST", path, body, None))
        return key_from_location(response.headers["Location"])

    def update(self, key: Any, body: Update | Mapping, *, if_match: str | None = None) -> str | None:
        """Updates a record (PUT: only the fields sent change); returns the new ETag."""
        path = self.spec.item_path(key)
        return self._client._send(self._write_request("update", "PUT", path, body, if_match)).headers.get("ETag")

    def delete(self, key: Any, *, if_match: str | None = None) -> None:
        self._client._send(self._write_request("delete", "DELETE", self.spec.item_path(key), None, if_match))

    def action(self, name: str, key: Any, body: Update | Mapping | None = None) -> models.ActionResult | None:
        """Runs `<item>/action/<name>`; returns its result, or None when it answers without a body."""
        payload = body.to_wire() if isinstance(body, Update) else body
        request = _Request("POST", f"{self.spec.item_path(key)}/action/{name}", body=payload)
        data = self._client._json(request)
        return models.ActionResult.from_wire(data) if isinstance(data, dict) else None

    def upload_attachment(self, key: Any, file: Any, *, line_number: int | None = None, filename: str | None = None):
        """Attaches a file (a path or a binary file object, streamed) to a record; returns the attachment id."""
        return self._client.upload_attachment(self.spec, key, file, line_number=line_number, filename=filename)


class AsyncResource(_ResourceBase[T]):
    """A resource through the async client: `async for c in client.customers.iterate(status="Active")`."""

    _client: AsyncClient

    async def list(self, *, page_number: int | None = None, page_size: int | None = None, **filters: Any) -> list[T]:
        return self._records(await self._client._json(self._list_request(filters, page_number, page_size)))

    async def pages(
        self, *, page_size: int = DEFAULT_PAGE_SIZE, concurrency: int = 1, max_pages: int | None = None, **filters
    ) -> AsyncIterator[Page[T]]:
        if not self.spec.paged:
            items = await self.list(**filters)
            yield Page(1, items, len(items), None)
            return
        crawl = self._crawl(page_size, max_pages)

        async def read(number: int) -> list[Any]:
            return await self._client._json(self._list_request(filters, number, page_size))

        while not crawl.finished:
            numbers = crawl.batch(concurrency)
            results = await asyncio.gather(*(read(number) for number in numbers))
            for number, items in zip(numbers, results, strict=True):
                page = crawl.accept(number, *self._page_items(items))
                if page is None:
                    break
                yield self._page(page)

    async def iterate(
        self, *, page_size: int = DEFAULT_PAGE_SIZE, concurrency: int = 1, max_pages: int | None = None, **filters
    ) -> AsyncIterator[T]:
        async for page in self.pages(page_size=page_size, concurrency=concurrency, max_pages=max_pages, **filters):
            for item in page.items:
                yield item

    async def get(self, key: Any, **params: Any) -> T:
        self._check("get")
        path = self.spec.item_path(key)
        return self._record(await self._client._json(_Request("GET", path, query_params(params))))

    async def create(self, body: Update | Mapping) -> str:
        path = self.spec.create or self.spec.path
        response = await self._client._send(self._write_request("create", "POST", path, body, None))
        return key_from_location(response.headers["Location"])

    async def update(self, key: Any, body: Update | Mapping, *, if_match: str | None = None) -> str | None:
        path = self.spec.item_path(key)
        response = await self._client._send(self._write_request("update", "PUT", path, body, if_match))
        return response.headers.get("ETag")

    async def delete(self, key: Any, *, if_match: str | None = None) -> None:
        await self._client._send(self._write_request("delete", "DELETE", self.spec.item_path(key), None, if_match))

    async def action(self, name: str, key: Any, body: Update | Mapping | None = None) -> models.ActionResult | None:
        payload = body.to_wire() if isinstance(body, Update) else body
        data = await self._client._json(_Request("POST", f"{self.spec.item_path(key)}/action/{name}", body=payload))
        return models.ActionResult.from_wire(data) if isinstance(data, dict) else None

    async def upload_attachment(
        self, key: Any, file: Any, *, line_number: int | None = None, filename: str | None = None
    ):
        return await self._client.upload_attachment(self.spec, key, file, line_number=line_number, filename=filename)
