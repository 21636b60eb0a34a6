"""Real nettfin servers in subprocesses, for tests that need real concurrency or a real browser."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

import httpx2
import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(database_url: str, data_dir, *, throttle: str = "off", **env_overrides):
    port = free_port()
    env = {**os.environ, "NETTFIN_DATA_DIR": str(data_dir), **env_overrides}
    command = ["serve", "--database-url", database_url, "--port", str(port), "--workers", "2", "--throttle", throttle]
    process = subprocess.Popen(
        [sys.executable, "-m", "nettfin.cli.main", *command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a process group of its own, so a test can kill the server and its workers at once
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"{base}/swagger", timeout=1).status_code == 200:
                break
        except httpx2.TransportError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail(f"server did not start: {process.stderr.read().decode()[-2000:]}")
    return process, base


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=20)


@dataclass
class LiveServer:
    """A running server and what it has logged so far (read continuously: a full pipe would block its workers)."""

    base: str
    log: list[str] = field(default_factory=list)

    def logged_since(self, mark: int) -> list[str]:
        """The lines logged after `mark` (an earlier `len(server.log)`)."""
        return self.log[mark:]


def serve_with_log(database_url: str, data_dir, **options) -> tuple[subprocess.Popen, LiveServer]:
    process, base = start_server(database_url, data_dir, **options)
    server = LiveServer(base)
    reader = threading.Thread(target=lambda: server.log.extend(line.decode() for line in process.stderr), daemon=True)
    reader.start()
    return process, server
