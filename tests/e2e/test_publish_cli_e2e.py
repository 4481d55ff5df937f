"""``ecabinet publish`` against the real server process: all files or nothing."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ecabinet.client.convert import find_soffice
from ecabinet.server.demo import DEMO_MEETING_ID
from tests.client.test_convert import write_rtf
from tests.conftest import IN_CI
from tests.e2e.conftest import RunningServer, http_login
from tests.support import make_pdf

pytestmark = pytest.mark.slow


@pytest.fixture
def server(run_server: Callable[..., RunningServer]) -> RunningServer:
    return run_server("--demo")


def publish(server: RunningServer, *args: str, stdin: str | None = "demo\n") -> Any:
    login = ("--user", "secretary", "--password-stdin") if stdin is not None else ()
    return server.cli(
        "publish", "--server", server.url, "--meeting", DEMO_MEETING_ID, *login, *args, stdin=stdin
    )


def secretary_view(server: RunningServer) -> dict[str, Any]:
    with http_login(server, "secretary") as http:
        return dict(http.get(f"{server.api}/meetings/{DEMO_MEETING_ID}", timeout=30).json())


def delegate_manifest(server: RunningServer, who: str = "delegate5") -> dict[str, Any]:
    with http_login(server, who) as http:
        response = http.get(f"{server.api}/meetings/{DEMO_MEETING_ID}/manifest", timeout=30)
        return dict(response.json()["manifest"])


def test_publish_pdfs_to_a_new_item_named_after_the_first_file(
    server: RunningServer, tmp_path: Path
) -> None:
    first = tmp_path / "Kế hoạch đầu tư công.pdf"
    first.write_bytes(make_pdf(2, "Kế hoạch"))
    second = tmp_path / "phu-luc.pdf"
    second.write_bytes(make_pdf(1, "Phụ lục"))
    done = publish(server, str(first), str(second), "--note", "Thêm kế hoạch đầu tư")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "published version 2 with 2 files attached to a new item “Kế hoạch đầu tư công”"
    )
    manifest = delegate_manifest(server)
    assert manifest["packet_version"] == 2
    assert manifest["note"] == "Thêm kế hoạch đầu tư"
    new = manifest["agenda"][-1]
    assert new["title"] == "Kế hoạch đầu tư công"
    hashes = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (first, second)]
    assert new["documents"] == hashes
    assert manifest["documents"][hashes[0]]["title"] == "Kế hoạch đầu tư công"
    # The same files again change nothing: refused, and the agenda is as it was.
    before = secretary_view(server)
    again = publish(server, str(first), "--item", new["number"], "--note", "lại")
    assert again.returncode == 1
    assert "nothing new to publish" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    view = secretary_view(server)
    assert view["packet_version"] == 2
    assert view["agenda"] == before["agenda"]
    assert view["draft_revision"] == before["draft_revision"]


def test_any_failing_file_leaves_the_packet_and_draft_unchanged(
    server: RunningServer, tmp_path: Path
) -> None:
    good = tmp_path / "tốt.pdf"
    good.write_bytes(make_pdf(1))
    bad = tmp_path / "hỏng.pdf"
    bad.write_bytes(b"%PDF-1.7 this is not really a PDF")
    before = secretary_view(server)
    failed = publish(server, str(good), str(bad), "--item", "1", "--note", "x")
    assert failed.returncode == 1
    lines = failed.stderr.strip().splitlines()
    assert lines[-1].startswith("ecabinet publish: hỏng.pdf: ")
    assert not any(line.startswith("ecabinet publish") for line in lines[:-1])
    for args, reason in (
        ((str(good), "--item", "9.9"), "no agenda item 9.9 (items: 1, 2,"),
        ((str(good), str(tmp_path / "missing.pdf")), "missing.pdf: no such file"),
        ((str(tmp_path / "ghi chú.txt"),), "unsupported file type"),
    ):
        (tmp_path / "ghi chú.txt").write_text("x")
        result = publish(server, *args)
        assert result.returncode == 1, args
        assert reason in result.stderr, result.stderr
    wrong = publish(server, str(good), stdin="wrong password\n")
    assert wrong.returncode == 1 and "ecabinet publish:" in wrong.stderr
    unauthenticated = publish(server, str(good), stdin=None)
    assert unauthenticated.returncode == 1 and "--password-stdin" in unauthenticated.stderr
    after = secretary_view(server)
    assert after["packet_version"] == before["packet_version"] == 1
    assert after["agenda"] == before["agenda"]
    assert after["draft_revision"] == before["draft_revision"]
    assert delegate_manifest(server)["packet_version"] == 1


def test_office_files_are_converted_and_a_stored_profile_login_is_reused(
    server: RunningServer, tmp_path: Path
) -> None:
    if find_soffice() is None:
        if IN_CI:
            pytest.fail("CI must run the conversion tests, but LibreOffice (soffice) is missing")
        pytest.skip("LibreOffice (soffice) is not installed: conversion test skipped")
    env = {**server.env, "ECABINET_VAULT_PASSPHRASE": "cụm mật khẩu"}
    profile = tmp_path / "profile"

    def ecabinet(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ecabinet", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )

    synced = ecabinet(
        "sync", "--server", server.url, "--profile", str(profile), "--user", "secretary",
        "--password-stdin", stdin="demo\n",
    )  # fmt: skip
    assert synced.returncode == 0, synced.stderr
    rtf = write_rtf(tmp_path / "Tờ trình bổ sung.rtf", "Tờ trình bổ sung nhân sự")
    done = ecabinet(
        "publish", "--server", server.url, "--meeting", DEMO_MEETING_ID, "--profile",
        str(profile), "--item", "2", "--note", "Bổ sung tờ trình", str(rtf),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "attached to item 2 " in done.stdout
    manifest = delegate_manifest(server, "delegate1")
    item = manifest["agenda"][1]
    added = [s for s in item["documents"] if manifest["documents"][s]["title"] == rtf.stem]
    assert len(added) == 1
    assert manifest["documents"][added[0]]["media_type"] == "application/pdf"
