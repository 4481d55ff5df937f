"""Real server processes on free ports, for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RunningServer:
    url: str
    data: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def api(self) -> str:
        return self.url + "/api/v1"

    def cli(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run ``ecabinet ARGS`` against this server's data directory and database."""
        return subprocess.run(
            [sys.executable, "-m", "ecabinet", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=120,
            check=False,
        )


def start_server(data: Path, database_url: str | None, *extra: str) -> RunningServer:
    port = free_port()
    env = {**os.environ, "ECABINET_ARGON2_MEMORY_KIB": "1024", "ECABINET_ARGON2_TIME_COST": "1"}
    env.pop("ECABINET_DATABASE_URL", None)
    if database_url:
        env["ECABINET_DATABASE_URL"] = database_url
    log = data.parent / f"server-{port}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ecabinet",
                "server",
                "--port",
                str(port),
                "--data",
                str(data),
                *extra,
            ],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
        )
    server = RunningServer(f"http://127.0.0.1:{port}", data, env, process, log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()}")
        try:
            if requests.get(server.api + "/health", timeout=1).status_code == 200:
                return server
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("server did not answer /health within 90 s")


def stop_server(server: RunningServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture
def run_server(tmp_path: Path, database_url: str | None) -> Iterator[Callable[..., RunningServer]]:
    """Start (and at the end stop) real ``ecabinet server`` processes."""
    started: list[RunningServer] = []

    def run(*extra: str, data: Path | None = None) -> RunningServer:
        server = start_server(data or tmp_path / "data", database_url, *extra)
        started.append(server)
        return server

    yield run
    for server in started:
        stop_server(server)
