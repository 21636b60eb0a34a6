"""`faults(admin, company_id, **rule)`: a fault rule for the duration of a `with` block.

    with faults(admin, company_id, status=503, path="/v1/customer*", times=1):
        ...  # the next matching call gets the gateway's 503

`admin` is any object with `request(method, path, json=None) -> httpx2.Response` whose `path` is relative to
`/admin/api`; the rule's fields are the admin API's (`latencyMs`, `status`, `retryAfter`, `drop`,
`probability`, `times`, `method`, `path`, `clientId`). The rule is made on entry (the block gets its body, with
its `id`) and removed on exit, even when the block raises; a rule already used up or removed is no error then.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from .admin import AdminApiError, checked

__all__ = ["AdminApiError", "faults"]


class AdminClient(Protocol):
    def request(self, method: str, path: str, json: dict | None = None) -> Any: ...


@contextmanager
def faults(admin: AdminClient, company_id: int, **rule: Any) -> Iterator[dict]:
    path = f"/companies/{company_id}/faults"
    made = checked(admin.request("POST", path, json=rule), "POST", path).json()
    try:
        yield made
    finally:
        gone = f"{path}/{made['id']}"
        checked(admin.request("DELETE", gone), "DELETE", gone, missing_ok=True)
