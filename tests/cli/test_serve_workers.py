"""`nettfin serve --workers N` (cli/workers.py): each worker process listens on the port with a socket of its own,
so the kernel spreads a burst of connections over the workers; a worker that dies is replaced, one that cannot start
stops the server as a failure; a port something else listens on is refused. Read from /proc: which process holds
which socket, in which TCP state."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2
import pytest
from uvicorn.config import STARTUP_FAILURE

from nettfin.cli.workers import Supervisor
from tests.servers import free_port, start_server, stop_server

pytestmark = pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads sockets from Linux's /proc")

LISTEN, ESTABLISHED = "0A", "01"


def sockets_on(port: int, state: str) -> set[int]:
    """The inodes of the TCP sockets whose local port is `port`, in `state` (/proc/net/tcp's hex codes)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == state:
                found.add(int(fields[9]))
    return found


def socket_inodes(pid: int) -> set[int]:
    inodes = set()
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except FileNotFoundError:  # the process exited (a killed worker reaped) between the listing and this look
        return inodes
    for fd in fds:
        try:
            target = os.readlink(fd)
        except OSError:  # closed while we looked
            continue
        if target.startswith("socket:["):
            inodes.add(int(target[8:-1]))
    return inodes


def serving_workers(server: subprocess.Popen, port: int) -> dict[int, set[int]]:
    """Each child process of the server that holds a listening socket on the port, with those sockets."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    listening = sockets_on(port, LISTEN)
    held = {int(pid): socket_inodes(int(pid)) & listening for pid in children}
    return {pid: inodes for pid, inodes in held.items() if inodes}


@pytest.fixture(scope="module")
def workers_server(database_url, tmp_path_factory):
    process, base = start_server(database_url, tmp_path_factory.mktemp("workers"))
    port = int(base.rsplit(":", 1)[1])
    deadline = time.monotonic() + 60
    while len(serving_workers(process, port)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)  # the server answers once its first worker listens
    yield process, base, port
    stop_server(process)


def test_each_worker_listens_on_a_socket_of_its_own_and_a_burst_of_connections_reaches_both(workers_server):
    process, base, port = workers_server
    workers = serving_workers(process, port)
    assert len(workers) == 2, workers
    first, second = workers.values()
    assert len(first) == len(second) == 1 and first != second  # one socket each, not one shared
    assert (sockets_on(port, LISTEN) - first - second) == set()  # the supervisor holds the port without listening

    # 32 connections opened at once, as a load generator or a client's pool does: with one shared socket the first
    # worker to wake accepted them all. They are counted before any request is sent: a connection that has had its
    # answer is closed by its worker after uvicorn's keep-alive timeout (5 s), which a loaded machine can pass between
    # the answers and the count; one that has sent nothing stays open.
    connections = [socket.create_connection(("127.0.0.1", port)) for _ in range(32)]
    try:
        deadline = time.monotonic() + 60
        while True:
            established = sockets_on(port, ESTABLISHED)
            served = {pid: len(socket_inodes(pid) & established) for pid in workers}
            if sum(served.values()) == 32 or time.monotonic() > deadline:
                break
            time.sleep(0.1)  # a connection the kernel has queued is established before its worker accepts it
        assert sum(served.values()) == 32 and min(served.values()) > 0, served
        for connection in connections:
            connection.sendall(b"GET /swagger HTTP/1.1\r\nHost: nettfin\r\n\r\n")
        for connection in connections:
            assert connection.recv(12) == b"HTTP/1.1 200"
    finally:
        for connection in connections:
            connection.close()


def test_a_worker_that_dies_is_replaced(workers_server):
    process, base, port = workers_server
    killed = next(iter(serving_workers(process, port)))
    os.kill(killed, signal.SIGKILL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        workers = serving_workers(process, port)
        if len(workers) == 2 and killed not in workers:
            break
        time.sleep(0.2)
    else:
        pytest.fail(f"no worker replaced {killed}: {serving_workers(process, port)}")
    assert process.poll() is None
    assert httpx2.get(f"{base}/swagger", timeout=10).status_code == 200


def test_a_port_another_server_listens_on_is_refused_not_shared(database_url, tmp_path):
    port = free_port()
    with socket.socket() as other:  # another server on the port that also allows SO_REUSEPORT (another nettfin)
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        other.bind(("127.0.0.1", port))
        other.listen()
        command = [sys.executable, "-m", "nettfin.cli.main", "serve", "--database-url", database_url]
        command += ["--port", str(port), "--workers", "2", "--data-dir", str(tmp_path)]
        refused = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 3, refused.stderr[-2000:]  # uvicorn's STARTUP_FAILURE
    assert f"Cannot serve on 127.0.0.1:{port}: Address already in use" in refused.stderr
    assert "Traceback" not in refused.stderr


def exits_as_a_worker_that_cannot_start(host: str, port: int, config: dict) -> None:
    sys.exit(STARTUP_FAILURE)


def dies_once_then_fails_to_start(host: str, port: int, config: dict) -> None:
    """The first start dies (a crash); its replacement cannot start."""
    marker = Path(config["marker"])
    if not marker.exists():
        marker.write_text("died once")
        os._exit(1)
    sys.exit(STARTUP_FAILURE)


def test_a_worker_that_cannot_start_stops_the_supervisor_as_a_failure(tmp_path):
    supervisor = Supervisor("127.0.0.1", free_port(), 1, {}, target=exits_as_a_worker_that_cannot_start)
    supervisor.run()
    assert supervisor.failed
    assert [process.exitcode for process in supervisor.processes] == [STARTUP_FAILURE]


def test_a_worker_that_dies_after_starting_is_replaced_not_failed(tmp_path):
    marker = tmp_path / "marker"
    supervisor = Supervisor("127.0.0.1", free_port(), 1, {"marker": str(marker)}, target=dies_once_then_fails_to_start)
    supervisor.run()
    assert marker.read_text() == "died once"  # the first worker died and was replaced
    assert supervisor.failed  # by one whose exit said it could not start
