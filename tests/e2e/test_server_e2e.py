"""The real server process, driven over HTTP: demo packet, confidentiality, cut uploads, CLI."""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from sqlalchemy import create_engine, text

from ecabinet.core.signing import public_key_from_b64, verify_record
from ecabinet.server.demo import DEMO_MEETING_ID
from tests.e2e.conftest import RunningServer, http_login
from tests.support import make_pdf

pytestmark = pytest.mark.slow


def manifest(server: RunningServer, session: requests.Session) -> dict[str, Any]:
    key = public_key_from_b64(
        requests.get(f"{server.api}/server-key", timeout=10).json()["public_key"]
    )
    record = session.get(f"{server.api}/meetings/{DEMO_MEETING_ID}/manifest", timeout=30).json()
    return verify_record(record, "manifest", key)


def titles(items: list[dict[str, Any]]) -> list[str]:
    return [i["title"] for i in items] + [t for i in items for t in titles(i["children"])]


def test_demo_packet_over_http_with_confidentiality(
    run_server: Callable[..., RunningServer],
) -> None:
    server = run_server("--demo")
    cleared, uncleared = http_login(server, "delegate1"), http_login(server, "delegate5")
    full, partial = manifest(server, cleared), manifest(server, uncleared)
    assert full["packet_version"] == 1
    assert len(full["agenda"]) == 3 and len(partial["agenda"]) == 2
    hidden = set(full["documents"]) - set(partial["documents"])
    assert len(hidden) == 1
    assert not any("MẬT" in t for t in titles(partial["agenda"]))
    for sha, info in full["documents"].items():
        body = cleared.get(f"{server.api}/blobs/{sha}", timeout=60)
        assert body.status_code == 200
        assert hashlib.sha256(body.content).hexdigest() == sha
        assert len(body.content) == info["size"] and info["pages"] > 1
    assert uncleared.get(f"{server.api}/blobs/{hidden.pop()}", timeout=30).status_code == 404


def test_demo_seed_is_idempotent_across_restarts(run_server: Callable[..., RunningServer]) -> None:
    first = run_server("--demo")
    before = manifest(first, http_login(first, "delegate1"))
    first.process.terminate()
    first.process.wait(timeout=15)
    second = run_server("--demo", data=first.data)
    after = manifest(second, http_login(second, "delegate1"))
    assert after["packet_version"] == 1
    assert after["documents"] == before["documents"]
    meetings = http_login(second, "secretary").get(f"{second.api}/meetings", timeout=30).json()
    assert [m["id"] for m in meetings] == [DEMO_MEETING_ID]


def test_upload_cut_mid_body_leaves_nothing_behind(
    run_server: Callable[..., RunningServer],
) -> None:
    server = run_server("--demo")
    secretary = http_login(server, "secretary")
    token = secretary.headers["Authorization"]
    data = make_pdf(3)
    boundary = "cutcutcut"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="x.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
    ).encode()
    body = head + data + f"\r\n--{boundary}--\r\n".encode()
    parts = urlsplit(server.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(
            (
                f"POST /api/v1/meetings/{DEMO_MEETING_ID}/documents HTTP/1.1\r\n"
                f"Host: {parts.netloc}\r\nAuthorization: {token}\r\n"
                f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode()
            + body[: len(body) // 2]
        )
        time.sleep(0.5)
    tmp_dir = server.data / "blobs" / "tmp"
    deadline = time.monotonic() + 10
    while any(tmp_dir.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert list(tmp_dir.iterdir()) == []
    documents = secretary.get(
        f"{server.api}/meetings/{DEMO_MEETING_ID}/documents", timeout=30
    ).json()
    assert hashlib.sha256(data).hexdigest() not in {d["sha256"] for d in documents}
    # The same upload, whole, then succeeds.
    whole = secretary.post(
        f"{server.api}/meetings/{DEMO_MEETING_ID}/documents",
        timeout=60,
        files={"file": ("x.pdf", data, "application/pdf")},
    )
    assert whole.status_code == 201, whole.text
    assert whole.json()["pages"] == 3


def test_admin_cli_users_and_audit_verify(
    run_server: Callable[..., RunningServer], database_url: str | None
) -> None:
    server = run_server("--demo")
    created = server.cli(
        "admin",
        "create-user",
        "thu.ky2",
        "--role",
        "secretary",
        "--password-stdin",
        "--data",
        str(server.data),
        stdin="mat-khau\n",
    )
    assert created.returncode == 0, created.stderr
    no_password = server.cli(
        "admin", "create-user", "x", "--role", "delegate", "--data", str(server.data), stdin=""
    )
    assert no_password.returncode == 1
    assert no_password.stderr.startswith("ecabinet: ") and len(no_password.stderr.splitlines()) == 1
    bad_role = server.cli(
        "admin", "set-role", "thu.ky2", "--role", "king", "--data", str(server.data)
    )
    assert bad_role.returncode != 0
    response = requests.post(
        f"{server.api}/auth/login",
        timeout=30,
        json={
            "username": "thu.ky2",
            "password": "mat-khau",
            "device_name": "cli",
            "device_public_key": base64.b64encode(b"\x01" * 32).decode(),
        },
    )
    assert response.status_code == 200, response.text

    intact = server.cli("admin", "audit-verify", "--data", str(server.data))
    assert intact.returncode == 0, intact.stdout + intact.stderr
    assert "intact" in intact.stdout
    engine = create_engine(database_url or f"sqlite:///{server.data / 'ecabinet.sqlite3'}")
    with engine.begin() as db:
        db.execute(text("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3"))
    engine.dispose()
    broken = server.cli("admin", "audit-verify", "--data", str(server.data))
    assert broken.returncode == 1
    assert "entry 3" in broken.stdout


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_several_workers_on_sqlite_are_refused(tmp_path: Path, database_url: str | None) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ECABINET_DATABASE_URL"}
    refused = subprocess.run(
        [sys.executable, "-m", "ecabinet", "server", "--workers", "2", "--data", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 1
    assert "several server processes need PostgreSQL" in refused.stderr
