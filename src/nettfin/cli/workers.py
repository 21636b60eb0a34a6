"""`nettfin serve --workers N`: N server processes, each listening on a socket of its own on one port.

uvicorn's own workers share one listening socket, and asyncio accepts every connection waiting on it at each
wake-up: a burst of connections (a load generator, a test suite's connection pool) lands on whichever worker
woke first, and keep-alive keeps it there. Measured with 16 connections and two workers: 16/0 most runs, so
the second worker idled. Here each worker binds the port with SO_REUSEPORT and the kernel spreads new
connections over the workers' sockets by address hash.

The supervisor holds the port with a bound socket that never listens (so it is not one of the sockets the
kernel picks from), starts the workers, replaces one that dies, and stops them on SIGINT or SIGTERM. A worker
joins only once its app has started (asyncio listens when it starts serving), so no connection waits on a
worker that is still starting; connections waiting in a stopping worker's queue are reset (a Linux limit of
SO_REUSEPORT), which a client sees as any server restart.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import signal
import socket
import sys
import threading
from collections.abc import Callable
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE

logger = logging.getLogger("uvicorn.error")

APP = "nettfin.server.app:served_app"


def serve_workers(host: str, port: int, workers: int, **config: Any) -> None:
    """Serve the app with `workers` processes until SIGINT or SIGTERM; exit with uvicorn's STARTUP_FAILURE (3) when
    the port is taken or a worker cannot start."""
    uvicorn.Config(APP, factory=True, **config)  # making one configures uvicorn's logging in this process
    try:
        held = hold_port(host, port)
    except OSError as exc:
        logger.error("Cannot serve on %s:%d: %s", host, port, exc.strerror or exc)
        sys.exit(STARTUP_FAILURE)
    try:
        supervisor = Supervisor(host, port, workers, config)
        supervisor.run()
    finally:
        held.close()
    if supervisor.failed:
        sys.exit(STARTUP_FAILURE)


def hold_port(host: str, port: int) -> socket.socket:
    """A bound, non-listening SO_REUSEPORT socket on the port, refused when anything else listens there.

    Every socket on a SO_REUSEPORT port must set the option, so a plain bind first proves the port is free: a
    server of the same user with SO_REUSEPORT (another nettfin) would otherwise share the port with this one."""
    with _socket(host) as probe:
        probe.bind((host, port))
    held = _socket(host, reuse_port=True)
    try:
        held.bind((host, port))
    except OSError:
        held.close()
        raise
    return held


def _socket(host: str, *, reuse_port: bool = False) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart does not wait out TIME_WAIT
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    return sock


class Supervisor:
    """Runs `workers` processes of `target(host, port, config)` (a server worker) until stopped or one of them
    exits with STARTUP_FAILURE (`failed`); one that dies otherwise is replaced."""

    def __init__(
        self, host: str, port: int, workers: int, config: dict[str, Any], target: Callable[..., None] | None = None
    ) -> None:
        self.host, self.port, self.workers, self.config = host, port, workers, config
        self.target = target or _worker
        self.context = multiprocessing.get_context("spawn")  # a worker imports the app afresh, as uvicorn's do
        self.processes: list[multiprocessing.process.BaseProcess] = []
        self.stopping = threading.Event()
        self.failed = False

    def _start(self) -> multiprocessing.process.BaseProcess:
        process = self.context.Process(target=self.target, args=(self.host, self.port, self.config))
        process.start()
        return process

    def run(self) -> None:
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        shown_host = f"[{self.host}]" if ":" in self.host else self.host
        logger.info(
            "nettfin running on http://%s:%d with %d workers (Press CTRL+C to quit)",
            shown_host,
            self.port,
            self.workers,
        )
        try:
            self.processes = [self._start() for _ in range(self.workers)]
            while not self.stopping.wait(0.5):
                self._replace_the_dead()
        finally:
            for process in self.processes:
                if process.is_alive():
                    process.terminate()  # SIGTERM: uvicorn stops accepting and finishes the calls it has
            for process in self.processes:
                process.join()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _stop(self, signum: int, frame: object) -> None:
        logger.info("Received %s, stopping the workers.", signal.Signals(signum).name)
        self.stopping.set()

    def _replace_the_dead(self) -> None:
        for index, process in enumerate(self.processes):
            if process.is_alive() or self.stopping.is_set():
                continue
            process.join()
            if process.exitcode == STARTUP_FAILURE:
                # It failed before it served (the app, the database, the port): every replacement would too.
                logger.error("Worker [%s] failed to start; stopping.", process.pid)
                self.failed = True
                self.stopping.set()
                return
            logger.info("Worker [%s] died (exit code %s); starting another.", process.pid, process.exitcode)
            self.processes[index] = self._start()


def _worker(host: str, port: int, config: dict[str, Any]) -> None:
    """One worker process: its own socket on the port, listening once the app has started."""
    server = uvicorn.Server(uvicorn.Config(APP, factory=True, host=host, port=port, **config))
    sock = _socket(host, reuse_port=True)
    try:
        sock.bind((host, port))
    except OSError as exc:
        logger.error("Worker cannot bind %s:%d: %s", host, port, exc.strerror or exc)
        sys.exit(STARTUP_FAILURE)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C reaches the whole process group; the supervisor stops it
        server.run([sock])
