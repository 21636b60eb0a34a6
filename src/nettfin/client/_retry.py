"""When the client waits and tries again, and how it slows down before the rate limit is reached.

Pure decisions, shared by the sync and the async client; each client does its own sleeping.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx2

from ._errors import retry_after_seconds

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Errors raised before a byte of the request left: repeating them cannot apply a write twice.
_NEVER_SENT = (httpx2.ConnectError, httpx2.ConnectTimeout, httpx2.PoolTimeout)
# An X-RateLimit-Reset above this is epoch seconds (the legacy service), below it seconds left (APIM).
_EPOCH_THRESHOLD = 1_000_000_000


@dataclass(frozen=True)
class RetryPolicy:
    """How the client handles throttling and failures.

    - 429: wait `Retry-After` and try again, for every method (a throttled request was not executed); a wait
      longer than `max_retry_after` seconds raises `Throttled` at once instead of blocking for an hour.
    - The connection could not be made: back off and try again, for every method (nothing was sent).
    - Other connection errors, timeouts and 5xx: back off and try again for GET, HEAD and OPTIONS only. A write
      that failed may have been applied, and repeating a failed request trips the service's ClientErrorLimit.
    - `X-RateLimit-Remaining` at or below `slow_down_below`: the next requests are spaced out over what is
      left of the window, so the limit is not hit at all (unless that needs pauses longer than
      `max_retry_after`; then the requests go and a 429 is handled as above).
    `retries` counts the attempts after the first; backoff doubles from `backoff` up to `max_backoff`, with
    jitter. `sleep` replaces `time.sleep` (or `asyncio.sleep` in the async client), for tests and schedulers.
    """

    retries: int = 3
    backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0
    slow_down_below: int = 10
    sleep: Callable[[float], Any] | None = None

    def after_response(self, method: str, response: httpx2.Response, attempt: int) -> float | None:
        """Seconds to wait before trying again, or None to hand the response back."""
        if attempt >= self.retries:
            return None
        if response.status_code == 429:
            wait = retry_after_seconds(response)
            if wait is None:
                return self._backoff(attempt)
            return wait if wait <= self.max_retry_after else None
        if response.status_code >= 500 and method in SAFE_METHODS:
            return self._backoff(attempt)
        return None

    def after_error(self, method: str, error: httpx2.TransportError, attempt: int) -> float | None:
        """Seconds to wait before trying again after a transport error, or None to raise it."""
        if attempt >= self.retries:
            return None
        if isinstance(error, _NEVER_SENT) or method in SAFE_METHODS:
            return self._backoff(attempt)
        return None

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self.max_backoff, self.backoff * 2**attempt)
        return ceiling / 2 + random.uniform(0, ceiling / 2)


class RateWindow:
    """What the last answer said about the rate-limit window, and the pause that keeps clear of its limit."""

    def __init__(self, policy: RetryPolicy) -> None:
        self._policy = policy
        self._lock = threading.Lock()
        self._remaining: int | None = None
        self._resets_at: float | None = None

    def observe(self, response: httpx2.Response) -> None:
        remaining = response.headers.get("X-RateLimit-Remaining")
        reset = response.headers.get("X-RateLimit-Reset")
        if remaining is None or reset is None:
            return
        try:
            left, ends = int(remaining), float(reset)
        except ValueError:
            return
        with self._lock:
            self._remaining = left
            self._resets_at = ends if ends > _EPOCH_THRESHOLD else time.time() + ends

    def pause(self) -> float:
        """Seconds to wait before the next request: the rest of the window shared by the calls left."""
        with self._lock:
            remaining, resets_at = self._remaining, self._resets_at
        if remaining is None or resets_at is None or remaining > self._policy.slow_down_below:
            return 0.0
        seconds_left = resets_at - time.time()
        if seconds_left <= 0:
            return 0.0
        pause = seconds_left / (remaining + 1)
        # A pause longer than a 429's acceptable wait cannot keep clear of the limit: let the server decide.
        return pause if pause <= self._policy.max_retry_after else 0.0
