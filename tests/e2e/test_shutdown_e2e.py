"""The server stops promptly on SIGTERM even while delegates hold event streams open."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
import requests

from ecabinet.server.demo import DEMO_MEETING_ID
from tests.e2e.conftest import RunningServer, http_login

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_open_event_streams_end_when_the_server_is_stopped(
    run_server: Callable[..., RunningServer],
) -> None:
    server = run_server("--demo")
    http = http_login(server, "delegate1")
    lines: list[bytes] = []
    ended = threading.Event()

    def listen() -> None:
        url = f"{server.api}/meetings/{DEMO_MEETING_ID}/events"
        try:
            with http.get(url, stream=True, timeout=(10, 60)) as response:
                for line in response.iter_lines():
                    lines.append(line)
        except requests.exceptions.RequestException:
            pass
        ended.set()

    threading.Thread(target=listen, daemon=True).start()
    deadline = time.monotonic() + 10
    while b": connected" not in lines and time.monotonic() < deadline:
        time.sleep(0.05)
    assert b": connected" in lines
    # An event while the stream is open (the stream has then been woken once).
    assert http.post(f"{server.api}/meetings/{DEMO_MEETING_ID}/attendance", json={}).ok
    started = time.monotonic()
    server.process.terminate()
    server.process.wait(timeout=15)
    assert time.monotonic() - started < 3, "the server waited for the open stream"
    assert ended.wait(5)
    assert "Traceback" not in server.log.read_text()
