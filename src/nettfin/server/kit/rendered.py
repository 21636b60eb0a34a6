"""Rendered records: a declared resource's records as JSON, kept while nothing in their company changes.

A list page or a GET of a declared resource reads the company's version of everything (`ANY_RECORD`,
kit/changes.py) and the keys it shows, and sends each record's JSON from here; only the records missing are
loaded, prepared and rendered, then kept. Every writing transaction that changes a row of the company moves its
version, in the database, so no process (and no other worker) can send a record as it was before a change, and a
change to a related record (a VAT zone's description a customer shows) is seen like a change to the record.

Keyed by database, resource, company, record id, the view (the list flags) and whether nulls are rendered;
bounded by the bodies' bytes (the setting `render_cache_mb`), least recently used first out. Declared resources
(kit/resource.py) and the document types whose use cases have `list_bodies` (kit/document_routes.py) keep theirs
here, through `kept_bodies`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence

# The bound a server has unless set (`render_cache_mb`): about 25,000 customers of the demo's size.
RENDER_CACHE_BYTES = 32 * 1024 * 1024
# What a body held costs beyond its bytes (the key's tuple, the map's entry): counted so a bound of many small
# bodies stays near what it says.
_ENTRY_OVERHEAD = 200


class RenderedRecords:
    """A thread-safe map of rendered bodies, bounded by their total size in bytes (0 keeps nothing)."""

    def __init__(self, max_bytes: int) -> None:
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._size = 0
        self.max_bytes = max_bytes

    def get_many(self, keys: Sequence[Hashable]) -> list[bytes | None]:
        with self._lock:
            items = self._items
            found = []
            for key in keys:
                body = items.get(key)
                if body is not None:
                    items.move_to_end(key)
                found.append(body)
            return found

    def put_many(self, entries: Sequence[tuple[Hashable, bytes]]) -> None:
        if self.max_bytes <= 0:
            return
        with self._lock:
            items = self._items
            for key, body in entries:
                old = items.pop(key, None)
                if old is not None:
                    self._size -= len(old) + _ENTRY_OVERHEAD
                items[key] = body
                self._size += len(body) + _ENTRY_OVERHEAD
            while self._size > self.max_bytes and items:
                _, dropped = items.popitem(last=False)
                self._size -= len(dropped) + _ENTRY_OVERHEAD

    def resize(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.put_many(())
        if max_bytes <= 0:
            with self._lock:
                self._items.clear()
                self._size = 0

    @property
    def size(self) -> int:
        """The bytes held, by the bound's count."""
        return self._size

    def __len__(self) -> int:
        return len(self._items)


def kept_bodies(
    rendered: RenderedRecords,
    ids: Sequence[int],
    key: Callable[[int], Hashable],
    version: int,
    make: Callable[[list[int]], dict[int, bytes]],
) -> list[bytes]:
    """The JSON of the records `ids`, in their order: the kept ones as they are, the others made (`make(missing)`:
    each found record's body by its id) and kept. `key(id)` names a record's body, with `version` in it: the
    company's `ANY_RECORD` version read before the ids (0: none yet, keep nothing). A record deleted since the
    ids were read is left out."""
    keys = [key(id_) for id_ in ids]
    found = rendered.get_many(keys) if version else [None] * len(ids)
    missing = [id_ for id_, body in zip(ids, found, strict=True) if body is None]
    if not missing:
        return found  # type: ignore[return-value]
    made = make(missing)
    if version:
        rendered.put_many(
            [(k, made[id_]) for k, id_, body in zip(keys, ids, found, strict=True) if body is None and id_ in made]
        )
    bodies = (body if body is not None else made.get(id_) for id_, body in zip(ids, found, strict=True))
    return [body for body in bodies if body is not None]
