"""Giving the freed bodies' memory back to the system.

The log holds each call's bodies (up to 64 KB each, 16 MB at most in the buffer) until its writer has written
them; at hundreds of calls a second that is tens of megabytes a second allocated and freed. glibc's allocator keeps
what is freed inside its heaps for reuse and returns it only from a heap's top, so the holes the bodies leave
stay resident: a server's memory rose by 32 MB over 100,000 list pages, and `malloc_trim(0)` run in it then gave
back 54 MB at once (docs/performance.md, "Memory over many requests"). The writer calls `release` after it has
written, at most once every `INTERVAL_SECONDS`: a trim walks the heaps (about a millisecond) holding each one's
lock, so it is not for every flush.

Elsewhere than glibc (musl, macOS) there is no `malloc_trim` and `release` does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
import time

INTERVAL_SECONDS = 10.0


def _trim_function():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


_TRIM = _trim_function()
_lock = threading.Lock()
_last = 0.0


def release(now: float | None = None, *, force: bool = False) -> bool:
    """Return the allocator's free memory to the system, if the last time was `INTERVAL_SECONDS` ago (or `force`: a
    retention sweep has just freed many bodies' pages); whether it ran."""
    global _last
    if _TRIM is None:
        return False
    now = time.monotonic() if now is None else now
    with _lock:
        if now - _last < INTERVAL_SECONDS and not force:
            return False
        _last = now
    _TRIM(0)
    return True
