"""Real server processes on free ports, for end-to-end tests."""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from ecabinet.server.demo import DEMO_PASSWORD


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


def http_login(
    server: RunningServer, username: str, password: str = DEMO_PASSWORD
) -> requests.Session:
    """A ``requests`` session logged in to ``server`` as ``username`` with a fresh device."""
    public = os.urandom(32)  # any 32 bytes are a well-formed Ed25519 public key to the server
    response = requests.post(
        f"{server.api}/auth/login",
        timeout=30,
        json={
            "username": username,
            "password": password,
            "device_name": "end-to-end test",
            "device_public_key": base64.b64encode(public).decode(),
        },
    )
    assert response.status_code == 200, response.text
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {response.json()['token']}"
    return session


def _agenda_item_in(item: dict[str, Any]) -> dict[str, Any]:
    """An agenda item as the server shows it, turned into what PUT …/agenda accepts."""
    return {
        key: ([_agenda_item_in(c) for c in value] if key == "children" else value)
        for key, value in item.items()
        if key != "number"
    }


def publish_attachment(
    server: RunningServer,
    meeting_id: str,
    pdf: bytes,
    note: str,
    *,
    replacing: str | None = None,
) -> str:
    """As the secretary: upload ``pdf`` and publish it, attached to the first agenda item or
    in place of the document ``replacing``.

    Returns:
        The new document's SHA-256.
    """
    with http_login(server, "secretary") as http:
        base = f"{server.api}/meetings/{meeting_id}"
        upload = http.post(
            f"{base}/documents", timeout=60, files={"file": ("phu-luc.pdf", pdf, "application/pdf")}
        )
        assert upload.status_code == 201, upload.text
        sha = str(upload.json()["sha256"])
        items = [_agenda_item_in(i) for i in http.get(base, timeout=30).json()["agenda"]]
        if replacing is None:
            items[0]["documents"].append(sha)
        else:
            assert _replace(items, replacing, sha), f"{replacing} is not in the agenda"
        response = http.put(f"{base}/agenda", json={"items": items}, timeout=30)
        assert response.status_code == 200, response.text
        published = http.post(f"{base}/publish", json={"note": note}, timeout=30)
        assert published.status_code == 200, published.text
    return sha


def _replace(items: list[dict[str, Any]], old: str, new: str) -> bool:
    for item in items:
        documents = item["documents"]
        if old in documents:
            documents[documents.index(old)] = new
            return True
        if _replace(item.get("children", []), old, new):
            return True
    return False


@pytest.fixture
def desktop(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    """The desktop app, in English with its own settings file; shut down after the test with
    no worker process left behind.  (Qt is imported here, not above: most end-to-end tests
    never start the app.)"""
    import multiprocessing

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ecabinet.ui import prefs
    from ecabinet.ui.app import DesktopApp

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    settings = prefs.Prefs(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.set(prefs.LANGUAGE, "en")
    desktop = DesktopApp(app, settings)
    yield desktop
    if desktop.window is not None:
        desktop.window.close()
    desktop.shutdown()
    assert multiprocessing.active_children() == []
