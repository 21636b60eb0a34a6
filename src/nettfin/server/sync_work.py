"""Where a call's synchronous work runs: on SQLite, on the worker's event loop; on PostgreSQL, in the thread pool.

FastAPI hands every synchronous dependency and endpoint to a thread of its pool and back. Measured on this
machine (docs/performance.md), a hand-off costs about 0.3 ms of CPU, and a call paid two (the authentication,
then the endpoint): a third of what a list page cost in all. With PostgreSQL the hand-off pays for itself: a
call's queries wait for another process, and other calls' Python runs meanwhile. SQLite is a library inside the
process: a read never waits for a lock (WAL), and writes queue for the one write lock whichever thread makes them
(db/engine.py, `Database.writing`). So on SQLite a worker runs each call's synchronous work on its event loop,
one call at a time, without a hand-off; reading a request's body, waiting out an injected latency and the job
runner's work still interleave with it. The setting `inline_calls` decides it otherwise (True, False).

FastAPI has no option for this: `use_inline_calls` points the two places that hand synchronous work to the pool
(FastAPI's endpoint runner and its dependency solver) at `run_sync`, which runs the work in place when the call
was marked inline (`InlineCalls`, a middleware of each app that has it) and hands it over as before otherwise.
One process may serve apps of both kinds (the test suite serves SQLite and PostgreSQL): the mark is the call's.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

import fastapi.dependencies.utils
import fastapi.routing
from starlette.concurrency import run_in_threadpool

from .kit.call_flags import CallFlag

T = TypeVar("T")

_inline: ContextVar[bool] = ContextVar("inline_calls", default=False)


async def run_sync(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`func(*args, **kwargs)`: in place in an inline call, in the thread pool otherwise."""
    if _inline.get():
        return func(*args, **kwargs)
    return await run_in_threadpool(func, *args, **kwargs)


def use_inline_calls() -> None:
    """Makes FastAPI run synchronous dependencies and endpoints through `run_sync` (idempotent)."""
    for module in (fastapi.routing, fastapi.dependencies.utils):
        if module.run_in_threadpool not in (run_in_threadpool, run_sync):
            raise RuntimeError(f"{module.__name__}.run_in_threadpool is not Starlette's: FastAPI changed")
        module.run_in_threadpool = run_sync


class InlineCalls(CallFlag):
    """Marks every call of the app inline (see the module's docstring)."""

    flag = _inline
