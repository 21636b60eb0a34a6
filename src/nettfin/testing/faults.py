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


class AdminClient(Protocol):
    def request(self, method: str, path: str, json: dict | None = None) -> Any: ...


class AdminApiError(RuntimeError):
    """The admin API refused a request: its status and the message of its error body."""

    def __init__(self, method: str, path: str, status_code: int, message: str) -> None:
        super().__init__(f"{method} /admin/api{path} answered {status_code}: {message}")
        self.status_code, self.message = status_code, message


def _message(response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:500]
    if isinstance(body, dict):
        return str(body.get("message") or body.get("ExceptionMessage") or body)
    return str(body)


def _call(admin: AdminClient, method: str, path: str, json: dict | None = None, *, missing_ok: bool = False):
    response = admin.request(method, path, json=json)
    if response.status_code >= 400 and not (missing_ok and response.status_code == 404):
        raise AdminApiError(method, path, response.status_code, _message(response))
    return response


@contextmanager
def faults(admin: AdminClient, company_id: int, **rule: Any) -> Iterator[dict]:
    made = _call(admin, "POST", f"/companies/{company_id}/faults", json=rule).json()
    try:
        yield made
    finally:
        _call(admin, "DELETE", f"/companies/{company_id}/faults/{made['id']}", missing_ok=True)
