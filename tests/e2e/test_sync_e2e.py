"""The real client's sync engine against the real server process."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ecabinet.client import outbox
from ecabinet.client.api import ApiClient, DeviceRevoked
from ecabinet.client.check import check_profile
from ecabinet.client.profile import MeetingLocked, Profile, ProfileError
from ecabinet.client.secrets import MemorySecrets
from ecabinet.client.sync import SyncEngine
from ecabinet.server.demo import DEMO_MEETING_ID, DEMO_PASSWORD
from tests.e2e.conftest import RunningServer, http_login, publish_attachment
from tests.support import make_pdf

pytestmark = pytest.mark.slow


@pytest.fixture
def server(run_server: Callable[..., RunningServer]) -> RunningServer:
    return run_server("--demo")


@pytest.fixture
def open_profile(tmp_path: Path) -> Iterator[Callable[[str], Profile]]:
    opened: list[Profile] = []

    def make(name: str) -> Profile:
        profile = Profile(tmp_path / name, secrets=MemorySecrets())
        opened.append(profile)
        return profile

    yield make
    for profile in opened:
        profile.close()


def synced(server: RunningServer, profile: Profile, user: str) -> SyncEngine:
    engine = SyncEngine(profile, ApiClient(server.url))
    engine.login(user, DEMO_PASSWORD)
    return engine


def publish_revision(server: RunningServer, extra: bytes) -> str:
    """Attach a new document to the first agenda item and publish; returns its hash."""
    return publish_attachment(server, DEMO_MEETING_ID, extra, "Bổ sung phụ lục")


def no_plaintext_pdf(directory: Path) -> None:
    for path in directory.rglob("*"):
        if path.is_file():
            assert b"%PDF" not in path.read_bytes(), path


def test_cold_sync_then_unchanged_then_revision(
    server: RunningServer, open_profile: Callable[[str], Profile]
) -> None:
    profile = open_profile("delegate1")
    engine = synced(server, profile, "delegate1")
    seen: list[tuple[int, int]] = []
    engine._progress_cb = lambda p: seen.append((p.bytes_done, p.bytes_total))
    report = engine.sync()
    assert report.ok
    [result] = report.meetings
    assert (result.status, result.version, result.documents_fetched) == ("updated", 1, 4)
    manifest = profile.manifest(DEMO_MEETING_ID)
    assert manifest is not None
    for sha in manifest["documents"]:
        assert hashlib.sha256(profile.read_document(DEMO_MEETING_ID, sha)).hexdigest() == sha
    assert seen and seen[-1][0] == seen[-1][1] == result.bytes_received
    no_plaintext_pdf(profile.directory)

    again = engine.sync()
    assert [(m.status, m.bytes_received) for m in again.meetings] == [("unchanged", 0)]

    new_sha = publish_revision(server, make_pdf(5, "Phụ lục bổ sung"))
    revised = engine.sync()
    [result] = revised.meetings
    assert (result.status, result.version, result.previous_version) == ("updated", 2, 1)
    assert result.documents_fetched == 1
    assert result.bytes_received == len(profile.read_document(DEMO_MEETING_ID, new_sha))
    previous = profile.manifest(DEMO_MEETING_ID, version=1)
    assert previous is not None and new_sha not in previous["documents"]
    assert check_profile(profile).ok


def test_confidential_document_never_reaches_an_uncleared_device(
    server: RunningServer, open_profile: Callable[[str], Profile]
) -> None:
    cleared, uncleared = open_profile("d1"), open_profile("d5")
    synced(server, cleared, "delegate1").sync()
    synced(server, uncleared, "delegate5").sync()
    full, partial = cleared.manifest(DEMO_MEETING_ID), uncleared.manifest(DEMO_MEETING_ID)
    assert full is not None and partial is not None
    [secret] = set(full["documents"]) - set(partial["documents"])
    assert cleared.vault.has(secret)
    assert not uncleared.vault.has(secret)
    assert len(uncleared.vault.stored()) == len(partial["documents"]) == 3


def test_revoked_device_wipes_its_profile(
    server: RunningServer, open_profile: Callable[[str], Profile]
) -> None:
    profile = open_profile("d2")
    engine = synced(server, profile, "delegate2")
    engine.sync()
    assert profile.vault.stored()
    admin = server.cli(
        "admin", "revoke-device", str(profile.setting("device_id")), "--data", str(server.data)
    )
    assert admin.returncode == 0, admin.stderr
    with pytest.raises(DeviceRevoked, match="revoked"):
        engine.sync()
    assert profile.vault.stored() == []
    assert profile.meetings() == []
    assert profile.token() is None
    assert profile.setting("wiped_at")


def test_offline_until_locks_documents_until_a_sync_succeeds(
    server: RunningServer, open_profile: Callable[[str], Profile]
) -> None:
    secretary = http_login(server, "secretary")
    url = f"{server.api}/meetings/{DEMO_MEETING_ID}"
    detail = secretary.get(url, timeout=30).json()
    deadline = datetime.now(UTC) + timedelta(hours=1)
    facts = {k: detail[k] for k in ("title", "starts_at", "location", "video_url", "bridge_sites")}
    facts["participants"] = [
        {"user_id": p["user_id"], "role": p["role"]} for p in detail["participants"]
    ]
    facts["offline_until"] = deadline.isoformat()
    assert secretary.put(url, json=facts, timeout=30).status_code == 200
    assert (
        secretary.post(
            f"{url}/publish", json={"note": "hạn đọc ngoại tuyến"}, timeout=30
        ).status_code
        == 200
    )
    profile = open_profile("d3")
    synced(server, profile, "delegate3").sync()
    profile.check_open(DEMO_MEETING_ID)
    with pytest.raises(MeetingLocked, match="sync"):
        profile.check_open(DEMO_MEETING_ID, now=deadline + timedelta(minutes=1))


def test_outbox_replays_in_order_once_when_the_server_is_back(
    run_server: Callable[..., RunningServer], open_profile: Callable[[str], Profile]
) -> None:
    server = run_server("--demo")
    profile = open_profile("sec")
    engine = synced(server, profile, "secretary")
    engine.sync()
    path = f"/meetings/{DEMO_MEETING_ID}/agenda"
    outbox.enqueue(profile.store, "PUT", path, {"items": [{"title": "Bản nháp 1"}]})
    outbox.enqueue(profile.store, "PUT", path, {"items": [{"title": "Bản nháp 2"}]})
    server.process.terminate()
    server.process.wait(timeout=15)
    offline = ApiClient(server.url, token=profile.token())
    assert outbox.replay_outbox(profile.store, offline) == 0
    assert len(outbox.pending(profile.store)) == 2

    back = run_server(data=server.data)
    online = ApiClient(back.url, token=profile.token())
    assert outbox.replay_outbox(profile.store, online) == 2
    assert outbox.pending(profile.store) == []
    assert outbox.replay_outbox(profile.store, online) == 0
    agenda = online.get_json(f"/meetings/{DEMO_MEETING_ID}")["agenda"]
    assert [item["title"] for item in agenda] == ["Bản nháp 2"]


def test_sync_and_check_commands(server: RunningServer, tmp_path: Path) -> None:
    env = {**os.environ, "ECABINET_VAULT_PASSPHRASE": "cụm mật khẩu"}
    profile = tmp_path / "cli-profile"

    def ecabinet(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ecabinet", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )

    first = ecabinet(
        "sync",
        "--server",
        server.url,
        "--profile",
        str(profile),
        "--user",
        "delegate4",
        "--password-stdin",
        stdin="demo\n",
    )
    assert first.returncode == 0, first.stderr
    assert "updated" in first.stdout and "version 1" in first.stdout
    assert "first contact" in first.stderr
    second = ecabinet("sync", "--server", server.url, "--profile", str(profile))
    assert second.returncode == 0, second.stderr
    assert "unchanged" in second.stdout
    good = ecabinet("check", "--profile", str(profile))
    assert good.returncode == 0, good.stdout + good.stderr
    no_plaintext_pdf(profile)

    victim = sorted((profile / "vault").glob("*.ecv"))[0]
    raw = bytearray(victim.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    victim.write_bytes(bytes(raw))
    bad = ecabinet("check", "--profile", str(profile))
    assert bad.returncode == 1
    assert "damaged" in bad.stdout
    healed = ecabinet("sync", "--server", server.url, "--profile", str(profile))
    assert healed.returncode == 0, healed.stderr
    assert ecabinet("check", "--profile", str(profile)).returncode == 0

    wrong = ecabinet(
        "sync",
        "--server",
        server.url,
        "--profile",
        str(profile),
        "--user",
        "delegate4",
        "--password-stdin",
        stdin="sai\n",
    )
    assert wrong.returncode == 1
    assert wrong.stderr.strip().splitlines()[-1].startswith("ecabinet: ")


def test_first_packet_documents_open_while_others_still_download(
    server: RunningServer, open_profile: Callable[[str], Profile]
) -> None:
    profile = open_profile("early")
    engine = synced(server, profile, "delegate1")
    opened: list[str] = []
    refused: list[str] = []

    def during(progress: Any) -> None:
        if progress.docs_done != 1 or opened or refused:
            return
        manifest = profile.manifest(DEMO_MEETING_ID, first_arriving=True)
        assert manifest is not None
        assert profile.manifest(DEMO_MEETING_ID) is None  # nothing is current yet
        for sha in manifest["documents"]:
            try:
                data = profile.read_document(DEMO_MEETING_ID, sha)
            except ProfileError as exc:
                assert "not downloaded yet" in str(exc)
                refused.append(sha)
            else:
                assert hashlib.sha256(data).hexdigest() == sha
                opened.append(sha)

    engine._progress_cb = during
    assert engine.sync().ok
    assert len(opened) == 1 and len(refused) == 3


def test_a_profile_opened_with_another_secret_store_is_refused_not_wiped(
    server: RunningServer, tmp_path: Path
) -> None:
    secrets = MemorySecrets()
    profile = Profile(tmp_path / "shared", secrets=secrets)
    synced(server, profile, "delegate2").sync()
    stored = profile.vault.stored()
    profile.close()
    with pytest.raises(ProfileError, match="not in this secret store"):
        Profile(tmp_path / "shared", secrets=MemorySecrets())
    assert [p.name for p in stored] == [
        p.name for p in Profile(tmp_path / "shared", secrets=secrets).vault.stored()
    ]


def test_one_sync_of_a_profile_at_a_time(
    server: RunningServer, open_profile: Callable[[str], Profile]
) -> None:
    from filelock import FileLock

    from ecabinet.client.sync import SyncError

    profile = open_profile("busy")
    engine = synced(server, profile, "delegate3")
    with FileLock(profile.directory / "sync.lock"), pytest.raises(SyncError, match="Another sync"):
        engine.sync()
    assert engine.sync().ok  # the lock is free again
