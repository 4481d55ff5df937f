"""``ecabinet server --workers N``: each worker on its own socket, connections spread evenly.

Several server processes need PostgreSQL (SQLite serves one), so these run there.
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.e2e.conftest import RunningServer, http_login

pytestmark = [
    pytest.mark.slow,
    pytest.mark.parametrize(
        "database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
    ),
]


def _workers(server: RunningServer, count: int) -> list[int]:
    """The server's worker processes, once ``count`` of them listen on its port."""
    port = int(server.url.rsplit(":", 1)[1])
    deadline = time.monotonic() + 60
    while True:
        children = [
            int(pid)
            for path in Path(f"/proc/{server.process.pid}/task").glob("*/children")
            for pid in path.read_text().split()
        ]
        workers = [pid for pid in children if b"spawn_main" in _cmdline(pid)]
        listening = [pid for pid in workers if _sockets(pid, port, state="0A")]
        if len(listening) == count or time.monotonic() > deadline:
            return listening
        time.sleep(0.1)


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _sockets(pid: int, port: int, *, state: str) -> int:
    """TCP sockets of process ``pid`` on local port ``port`` in ``state`` (01 established,
    0A listening, as /proc/net/tcp writes them)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == state:
                inodes.add(fields[9])
    held = 0
    try:
        descriptors = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:  # the process has ended
        return 0
    for fd in descriptors:
        try:
            target = str(fd.readlink())
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            held += 1
    return held


@contextmanager
def _open_connections(port: int, count: int) -> Iterator[list[http.client.HTTPConnection]]:
    """``count`` kept-alive connections, each having been answered once."""
    connections = []
    try:
        for _ in range(count):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/api/v1/health")
            response = connection.getresponse()
            response.read()
            assert response.status == 200
            connections.append(connection)
        yield connections
    finally:
        for connection in connections:
            connection.close()


def test_new_connections_are_spread_over_the_workers(
    run_server: Callable[..., RunningServer],
) -> None:
    server = run_server("--workers", "2")
    port = int(server.url.rsplit(":", 1)[1])
    workers = _workers(server, 2)
    assert len(workers) == 2
    with _open_connections(port, 40):
        held = [_sockets(pid, port, state="01") for pid in workers]
    # Evenly, by the kernel's hash: fewer than 8 of 40 on one side has odds below 1 in 10^4.
    assert sum(held) == 40, held
    assert min(held) >= 8, held


def test_a_worker_that_dies_is_replaced(run_server: Callable[..., RunningServer]) -> None:
    server = run_server("--demo", "--workers", "2")
    first = _workers(server, 2)
    time.sleep(10.5)  # past the start-up window: a death now is not a failed start
    os.kill(first[0], signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        now = _workers(server, 2)
        if len(now) == 2 and first[0] not in now:
            break
        time.sleep(0.2)
    assert first[0] not in now and len(now) == 2
    assert server.process.poll() is None
    assert http_login(server, "chair").get(f"{server.api}/auth/me", timeout=30).status_code == 200


def test_stopping_the_server_stops_every_worker(run_server: Callable[..., RunningServer]) -> None:
    server = run_server("--demo", "--workers", "2")
    workers = _workers(server, 2)
    port = int(server.url.rsplit(":", 1)[1])
    with _open_connections(port, 4):
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=20) == 0
    assert time.monotonic() - started < 15
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or b"spawn_main" not in _cmdline(pid)


def test_a_port_in_use_is_said_plainly(
    run_server: Callable[..., RunningServer], tmp_path: Path
) -> None:
    server = run_server("--workers", "2")
    port = server.url.rsplit(":", 1)[1]
    # A second server on the same port would share it and split the first one's connections:
    # it is refused instead.
    second = subprocess.run(
        [
            sys.executable,
            "-m",
            "ecabinet",
            "server",
            "--port",
            port,
            "--workers",
            "2",
            "--data",
            str(tmp_path / "other"),
        ],
        env=server.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 1, second.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in second.stderr
