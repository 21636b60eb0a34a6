"""The SDK's one error tree, and how an HTTP answer becomes one of its errors.

    NettfinError                anything this SDK raises on purpose
    ├── TransportError          no answer: connection refused, timeout (`__cause__` is httpx2's error)
    ├── PagingError             a list cannot be crawled safely (the server ignores `pageNumber`)
    ├── OAuthError              the token endpoint refused: `.error`, `.description`
    └── ApiError                an HTTP error answer: `.status`, `.visma_id`, `.message`, `.fault_code`, `.body`
        ├── Unauthorized        401: no token, or an unknown or revoked one
        ├── Forbidden           403, or IPP 12002: the user may not use the company in `ipp-company-id`
        ├── NotFound            404: no record with that key (or no such route)
        ├── ValidationError     400: a business or validation rule; `.problems` lists each `Error: ...` line
        ├── Conflict            412: `If-Match` did not match, the record changed since it was read
        └── Throttled           429: `.retry_after` seconds, `.limit`, `.policy`

Visma.net answers errors in three shapes and nettfin in the same ones: `{"message": "VismaId: <uuid>. <text>"}`,
the IPP shape `{"ExceptionType", "ExceptionMessage", "ExceptionFaultCode", "ExceptionMessageID", ...}`, and
ASP.NET's `{"Message": ...}`; 412 has an empty body. `ApiError` reads all of them.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx2

_VISMA_ID = re.compile(r"^VismaId: ([0-9A-Fa-f-]{36})\.\s*(.*)$", re.DOTALL)
_MESSAGE_ID = re.compile(r"([0-9A-Fa-f-]{36})$")
NO_COMPANY_ACCESS = "12002"


class NettfinError(Exception):
    """Base of every error the SDK raises on purpose."""


class TransportError(NettfinError):
    """The request got no answer (connection refused or reset, timeout). Raised after the retries allowed."""


class PagingError(NettfinError):
    """A list cannot be crawled safely, for example because the server ignores `pageNumber`."""


class OAuthError(NettfinError):
    """The token endpoint refused: `error` is the OAuth 2.0 error code, `description` its explanation."""

    def __init__(self, error: str, description: str = "") -> None:
        super().__init__(f"{error}: {description}" if description else error)
        self.error = error
        self.description = description


class ApiError(NettfinError):
    """An HTTP error answer from the API.

    `status` is the HTTP status, `message` the service's text without its `VismaId: <uuid>.` prefix,
    `visma_id` the id to quote to the service's support (or to find in nettfin's log), `fault_code` the IPP
    fault code when the body has the IPP shape, `body` the parsed body (or the raw text).
    """

    def __init__(
        self,
        message: str,
        *,
        status: int,
        visma_id: str | None = None,
        fault_code: str | None = None,
        body: Any = None,
        method: str = "",
        url: str = "",
    ) -> None:
        where = f" ({method} {url})" if method else ""
        super().__init__(f"{status}{where}: {message}" if message else f"HTTP {status}{where}")
        self.status = status
        self.message = message
        self.visma_id = visma_id
        self.fault_code = fault_code
        self.body = body
        self.method = method
        self.url = url


class Unauthorized(ApiError):
    """401: the bearer token is missing, unknown or revoked."""


class Forbidden(ApiError):
    """403, or IPP fault 12002: the token's user may not use the company named by `ipp-company-id`."""


class NotFound(ApiError):
    """404: no record with that key in the company (or no such route)."""


class ValidationError(ApiError):
    """400: the request breaks a business or validation rule. `problems` holds each `Error: ...` line."""

    @property
    def problems(self) -> list[str]:
        lines = [line.strip() for line in self.message.replace("\r\n", "\n").split("\n")]
        found = [line.removeprefix("Error: ") for line in lines[1:] if line.startswith("Error: ")]
        return found or [self.message]


class Conflict(ApiError):
    """412: `If-Match` did not match; the record changed since it was read and nothing was written."""


class Throttled(ApiError):
    """429: too many calls. `retry_after` is the wait the server asked for, in seconds (None if it gave none)."""

    def __init__(self, message: str, *, retry_after: float | None, limit: int | None, policy: str | None, **kw):
        super().__init__(message, **kw)
        self.retry_after = retry_after
        self.limit = limit
        self.policy = policy


_BY_STATUS: dict[int, type[ApiError]] = {
    400: ValidationError,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    412: Conflict,
    422: ValidationError,
}


def retry_after_seconds(response: httpx2.Response) -> float | None:
    """`Retry-After` as seconds: a number, or an HTTP date."""
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    date = response.headers.get("Date")
    now = parsedate_to_datetime(date) if date else datetime.now(UTC)
    return max(0.0, (moment - now).total_seconds())


def _body(response: httpx2.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


def _message_parts(body: Any) -> tuple[str, str | None, str | None]:
    """(message, VismaId, IPP fault code) from any of the service's error shapes."""
    if not isinstance(body, dict):
        return (body or "").strip() if isinstance(body, str) else "", None, None
    if "ExceptionFaultCode" in body or "ExceptionMessage" in body:
        found = _MESSAGE_ID.search(str(body.get("ExceptionMessageID") or ""))
        text = " ".join(str(body.get(k) or "") for k in ("ExceptionMessage", "ExceptionDetails")).strip()
        return text, found.group(1) if found else None, str(body.get("ExceptionFaultCode") or "") or None
    text = str(body.get("message") or body.get("Message") or "")
    matched = _VISMA_ID.match(text)
    if matched:
        return matched.group(2), matched.group(1), None
    return text, None, None


def error_from(response: httpx2.Response) -> ApiError:
    """The error an HTTP error answer stands for."""
    body = _body(response)
    message, visma_id, fault_code = _message_parts(body)
    context = {
        "status": response.status_code,
        "visma_id": visma_id,
        "fault_code": fault_code,
        "body": body,
        "method": response.request.method,
        "url": str(response.request.url),
    }
    if response.status_code == 429:
        limit = response.headers.get("X-RateLimit-Limit")
        return Throttled(
            message,
            retry_after=retry_after_seconds(response),
            limit=int(limit) if limit and limit.isdigit() else None,
            policy=response.headers.get("X-RateLimit-Policy"),
            **context,
        )
    if fault_code == NO_COMPANY_ACCESS:
        return Forbidden(message, **context)
    return _BY_STATUS.get(response.status_code, ApiError)(message, **context)
