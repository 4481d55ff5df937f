"""The sync engine against a real server through a fault-injecting proxy.

Every case starts from a profile holding version 1 of the demo packet, has the secretary
publish version 2 with a new, larger document, and breaks the sync of version 2: the
connection is cut, the server dies, bytes are spoiled, the manifest is forged or signed by
another key, the disk fills up, a vault file is damaged.  Each must end with a clear message,
no corrupt document accepted, version 1 still readable, and a later sync completing normally.

Cost: starting a server is most of each test, and the file must stay near 90 s.  Faults that
live in the network or the client and cost seconds of retry back-off (cuts, a dying server,
a full disk) run on SQLite only: the server's database plays no part in them.  Spoiled bytes,
the forged manifest, the changed key (on PostgreSQL a different case: both servers share the
database) and the damaged file run on both.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import pymupdf
import pytest

from ecabinet.client.api import ApiClient, ServerUnreachable
from ecabinet.client.check import check_profile
from ecabinet.client.profile import Profile, ProfileError
from ecabinet.client.secrets import MemorySecrets
from ecabinet.client.sync import (
    MeetingResult,
    Progress,
    ServerKeyChanged,
    SyncEngine,
    SyncError,
    SyncReport,
)
from ecabinet.client.vault import CHUNK_SIZE, HEADER, TAG, VaultWriter
from ecabinet.server.demo import DEMO_MEETING_ID, DEMO_PASSWORD
from tests.e2e.conftest import RunningServer, publish_attachment
from tests.faultproxy import FaultProxy

pytestmark = pytest.mark.slow
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
MEETING = DEMO_MEETING_ID
NOTE = "Bổ sung phụ lục — annex added, ref ABC123"


@pytest.fixture(scope="module")
def annex() -> bytes:
    """A 7 MiB PDF of incompressible bytes: seven vault chunks, so resuming can be measured."""
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Phụ lục — annex")
    doc.embfile_add("annex.bin", os.urandom(7 * CHUNK_SIZE), filename="annex.bin")
    data = bytes(doc.tobytes())
    doc.close()
    return data


@dataclass
class World:
    """A real server, the proxy in front of it, and a profile holding packet version 1."""

    server: RunningServer
    proxy: FaultProxy
    profile: Profile
    api: ApiClient
    engine: SyncEngine
    v1: set[str]
    on_progress: list[Callable[[Progress], None]] = field(default_factory=list)

    def sync(self) -> tuple[SyncReport, MeetingResult]:
        report = self.engine.sync()
        result = next(m for m in report.meetings if m.meeting_id == MEETING)
        return report, result


@pytest.fixture
def world(run_server: Callable[..., RunningServer], tmp_path: Path) -> Iterator[World]:
    server = run_server("--demo")
    hooks: list[Callable[[Progress], None]] = []

    def progress(state: Progress) -> None:
        for hook in hooks:
            hook(state)

    with FaultProxy("127.0.0.1", port_of(server)) as proxy:
        profile = Profile(tmp_path / "profile", secrets=MemorySecrets())
        api = ApiClient(proxy.url)
        try:
            engine = SyncEngine(profile, api, progress=progress)
            engine.login("delegate1", DEMO_PASSWORD)
            assert engine.sync().ok
            manifest = profile.manifest(MEETING)
            assert manifest is not None and manifest["packet_version"] == 1
            yield World(server, proxy, profile, api, engine, set(manifest["documents"]), hooks)
        finally:
            api.close()
            profile.close()


def port_of(server: RunningServer) -> int:
    port = urlsplit(server.url).port
    assert port is not None
    return port


def publish_v2(server: RunningServer, pdf: bytes) -> str:
    """The secretary uploads ``pdf``, attaches it to item 1 and publishes version 2."""
    return publish_attachment(server, MEETING, pdf, NOTE)


def assert_version_1_intact(world: World, new_sha: str | None = None) -> None:
    """Version 1 is current and every one of its documents reads back with its hash."""
    manifest = world.profile.manifest(MEETING)
    assert manifest is not None and manifest["packet_version"] == 1
    for sha in world.v1:
        assert hashlib.sha256(world.profile.read_document(MEETING, sha)).hexdigest() == sha
    if new_sha is not None:
        assert not world.profile.vault.has(new_sha)
        with pytest.raises(ProfileError):
            world.profile.read_document(MEETING, new_sha)


def assert_sync_completes(world: World, new_sha: str, *, clear: bool = True) -> MeetingResult:
    if clear:
        world.proxy.clear()
    report, result = world.sync()
    assert report.ok, result.error
    assert (result.status, result.version, result.previous_version) == ("updated", 2, 1)
    manifest = world.profile.manifest(MEETING)
    assert manifest is not None and manifest["packet_version"] == 2
    data = world.profile.read_document(MEETING, new_sha)
    assert hashlib.sha256(data).hexdigest() == new_sha
    for sha in world.v1:
        world.profile.read_document(MEETING, sha)
    check = check_profile(world.profile)
    assert check.ok, check.problems
    return result


def assert_no_plaintext_on_disk(directory: Path) -> None:
    for path in directory.rglob("*"):
        if path.is_file():
            assert b"%PDF" not in path.read_bytes(), f"plaintext PDF in {path}"


# --- the connection is cut -------------------------------------------------------------------


@SQLITE_ONLY
def test_cuts_that_keep_nothing_fail_quickly_then_the_next_sync_resumes(
    world: World, annex: bytes
) -> None:
    """Every attempt is cut inside the first chunk: nothing is kept, so the sync gives up after
    NO_PROGRESS_ATTEMPTS tries instead of hammering the server, and keeps version 1."""
    new_sha = publish_v2(world.server, annex)
    world.proxy.cut_after(700_000, "/blobs/", times=None)
    started = time.monotonic()
    report, result = world.sync()
    assert time.monotonic() - started < 10
    assert not report.ok and result.status == "failed"
    assert result.error is not None and "connection was cut" in result.error
    assert_version_1_intact(world, new_sha)

    before = world.proxy.bytes_to_client
    resumed = assert_sync_completes(world, new_sha)
    assert resumed.bytes_received == len(annex)
    assert world.proxy.bytes_to_client - before < len(annex) + 100_000


@SQLITE_ONLY
def test_cuts_that_keep_chunks_are_resumed_until_the_document_is_whole(
    world: World, annex: bytes
) -> None:
    """Every attempt is cut 1.5 MB in: each keeps one more whole chunk, so one sync finishes
    the document, and only the cut tails are fetched twice."""
    new_sha = publish_v2(world.server, annex)
    world.proxy.cut_after(1_500_000, "/blobs/", times=None)
    before = world.proxy.bytes_to_client
    report, result = world.sync()
    assert report.ok, result.error
    assert result.version == 2
    assert hashlib.sha256(world.profile.read_document(MEETING, new_sha)).hexdigest() == new_sha
    attempts = -(-len(annex) // CHUNK_SIZE)
    assert world.proxy.bytes_to_client - before < len(annex) + attempts * 1_500_000
    world.proxy.clear()
    assert check_profile(world.profile).ok


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("offset", "kept_chunks"),
    [pytest.param(150, 0, id="in-headers"), pytest.param(2_500_000, 2, id="in-chunk-3")],
)
def test_one_cut_is_resumed_within_the_same_sync(
    world: World, annex: bytes, offset: int, kept_chunks: int
) -> None:
    """A cut in the headers is retried at once; one in the body resumes after the last chunk."""
    new_sha = publish_v2(world.server, annex)
    world.proxy.cut_after(offset, "/blobs/")
    before = world.proxy.bytes_to_client
    result = assert_sync_completes(world, new_sha, clear=False)
    wire = world.proxy.bytes_to_client - before
    # The report counts the attempt that succeeded: the document less the chunks kept before.
    assert result.bytes_received == len(annex) - kept_chunks * CHUNK_SIZE
    assert wire < offset + len(annex) - kept_chunks * CHUNK_SIZE + 100_000
    assert_no_plaintext_on_disk(world.profile.directory)


@SQLITE_ONLY
def test_server_dies_mid_download_then_comes_back(
    world: World, annex: bytes, run_server: Callable[..., RunningServer]
) -> None:
    new_sha = publish_v2(world.server, annex)

    # The proxy holds the response after 1.2 MB, so the server still has most of it when it is
    # killed (loopback buffers would otherwise take the whole document at once).  SIGKILL is
    # a crash or power cut; on SIGTERM uvicorn finishes the response in flight, which is
    # right but tests nothing.
    world.proxy.hold_after(CHUNK_SIZE + 200_000, "/blobs/")

    def kill_after_first_megabyte(state: Progress) -> None:
        if state.bytes_done >= CHUNK_SIZE and world.server.process.poll() is None:
            world.server.process.kill()
            world.server.process.wait(timeout=15)
            world.proxy.release()

    world.on_progress.append(kill_after_first_megabyte)
    report, result = world.sync()
    world.on_progress.clear()
    assert not report.ok and result.status == "failed"
    assert result.error is not None
    assert "connection was cut" in result.error or "cannot be reached" in result.error
    assert_version_1_intact(world, new_sha)

    restarted = run_server("--demo", data=world.server.data)
    world.proxy.retarget("127.0.0.1", port_of(restarted))
    resumed = assert_sync_completes(world, new_sha)
    kept = len(annex) - resumed.bytes_received  # whole chunks received before the crash
    assert kept >= CHUNK_SIZE and kept % CHUNK_SIZE == 0


@SQLITE_ONLY
def test_manifest_cut_midway_changes_nothing(world: World, annex: bytes) -> None:
    new_sha = publish_v2(world.server, annex)
    world.proxy.cut_after(1000, "/manifest", times=None)
    before = world.proxy.bytes_to_client
    with pytest.raises(ServerUnreachable, match="cannot be reached"):
        world.engine.sync()
    assert world.proxy.bytes_to_client - before < 100_000  # no document was asked for
    assert_version_1_intact(world, new_sha)
    assert_sync_completes(world, new_sha)


# --- the bytes or the signature are wrong ------------------------------------------------------


def test_bytes_not_matching_their_hash_are_discarded(world: World, annex: bytes) -> None:
    new_sha = publish_v2(world.server, annex)
    world.proxy.corrupt_at(3_000_000, "/blobs/")
    report, result = world.sync()
    assert not report.ok and result.status == "failed"
    assert result.error is not None and "different from its signed hash" in result.error
    assert_version_1_intact(world, new_sha)
    assert not any(world.profile.vault.root.glob("*.part")), "spoiled bytes kept for resuming"

    resumed = assert_sync_completes(world, new_sha)
    assert resumed.bytes_received == len(annex)
    assert_no_plaintext_on_disk(world.profile.directory)


def test_forged_manifest_is_refused(world: World, annex: bytes) -> None:
    new_sha = publish_v2(world.server, annex)
    world.proxy.replace_in_response(b"ABC123", b"XYZ789", "/manifest")
    before = world.proxy.bytes_to_client
    report, result = world.sync()
    assert not report.ok and result.status == "failed"
    assert result.error is not None and "was refused" in result.error
    assert result.version == 1
    assert world.profile.meetings()[0].last_error == result.error
    assert_version_1_intact(world, new_sha)
    assert world.proxy.bytes_to_client - before < 100_000, "a refused packet's document was fetched"

    assert_sync_completes(world, new_sha)
    assert world.profile.meetings()[0].last_error is None


def test_changed_server_key_is_refused(
    world: World, annex: bytes, run_server: Callable[..., RunningServer], tmp_path: Path
) -> None:
    """Another server with the same database but a new organisation key: nothing is trusted."""
    new_sha = publish_v2(world.server, annex)
    data = world.server.data
    impostor_data = tmp_path / "impostor"
    shutil.copytree(data, impostor_data, ignore=shutil.ignore_patterns("org-key.pem", "*.sqlite3*"))
    if (data / "ecabinet.sqlite3").exists():  # SQLite: a consistent copy of the live database
        with (
            sqlite3.connect(data / "ecabinet.sqlite3") as source,
            sqlite3.connect(impostor_data / "ecabinet.sqlite3") as target,
        ):
            source.backup(target)
        source.close()
        target.close()
    impostor = run_server(data=impostor_data)
    world.proxy.retarget("127.0.0.1", port_of(impostor))

    report, result = world.sync()
    assert not report.ok and result.status == "failed"
    assert result.error is not None and "was refused" in result.error
    assert_version_1_intact(world, new_sha)
    with pytest.raises(ServerKeyChanged, match="signing key changed"):
        world.engine.login("delegate1", DEMO_PASSWORD)
    assert_version_1_intact(world, new_sha)

    world.proxy.retarget("127.0.0.1", port_of(world.server))
    assert_sync_completes(world, new_sha)


# --- the client's own disk ---------------------------------------------------------------------


class FullDisk:
    """A file that takes ``room`` more bytes, then fails like a full disk (a short write)."""

    def __init__(self, handle: BinaryIO, room: int) -> None:
        self.handle = handle
        self.room = room

    def write(self, data: bytes) -> int:
        if len(data) > self.room:
            self.handle.write(data[: self.room])
            self.room = 0
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return self.handle.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)


def fill_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The vault's next file takes its header, one sealed chunk and half the next, no more."""
    room = HEADER.size + CHUNK_SIZE + TAG + CHUNK_SIZE // 2
    original = VaultWriter._open
    monkeypatch.setattr(VaultWriter, "_open", lambda self: FullDisk(original(self), room))


@SQLITE_ONLY
def test_full_disk_stops_the_sync_with_a_clear_message(
    world: World, annex: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    new_sha = publish_v2(world.server, annex)
    fill_the_disk(monkeypatch)
    with pytest.raises(SyncError, match="disk is full") as failure:
        world.engine.sync()
    assert "stay readable" in str(failure.value)
    monkeypatch.undo()  # space was freed
    assert_version_1_intact(world, new_sha)

    resumed = assert_sync_completes(world, new_sha)
    assert resumed.bytes_received == len(annex) - CHUNK_SIZE  # the one whole chunk was kept


@SQLITE_ONLY
def test_a_failed_download_releases_its_connection(
    world: World, annex: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish_v2(world.server, annex)
    fill_the_disk(monkeypatch)
    with pytest.raises(SyncError) as failure:
        world.engine.sync()
    deadline = time.monotonic() + 2
    while world.proxy.open_connections and time.monotonic() < deadline:
        time.sleep(0.05)
    # The error is still held (as an app holding it to show would): the connection must
    # have been closed by the engine, not left to the garbage collector.
    assert failure.value is not None
    assert world.proxy.open_connections == 0


def damage_a_stored_document(world: World) -> str:
    """Flip one bit in the middle of a version-1 document's vault file; returns its hash."""
    sha = sorted(world.v1)[0]
    path = world.profile.vault.path_for(sha)
    spoiled = bytearray(path.read_bytes())
    spoiled[len(spoiled) // 2] ^= 0x01
    path.write_bytes(bytes(spoiled))
    return sha


def test_damaged_vault_file_is_reported_and_fetched_again(world: World) -> None:
    sha = damage_a_stored_document(world)

    check = check_profile(world.profile)
    assert not check.ok
    assert any("damaged" in problem for problem in check.problems), check.problems
    with pytest.raises(ProfileError, match="damaged"):
        world.profile.read_document(MEETING, sha)
    for other in world.v1 - {sha}:
        world.profile.read_document(MEETING, other)

    report, result = world.sync()
    assert report.ok, result.error
    assert result.documents_fetched == 1 and result.version == 1
    assert hashlib.sha256(world.profile.read_document(MEETING, sha)).hexdigest() == sha
    assert check_profile(world.profile).ok
    assert_no_plaintext_on_disk(world.profile.directory)


@SQLITE_ONLY
def test_damaged_file_whose_refetch_is_cut_keeps_the_packet_readable(world: World) -> None:
    sha = damage_a_stored_document(world)
    assert not check_profile(world.profile).ok

    world.proxy.cut_after(2000, "/blobs/", times=None)
    report, result = world.sync()
    assert not report.ok and result.status == "failed"
    manifest = world.profile.manifest(MEETING)  # the other documents of version 1 still open
    assert manifest is not None and manifest["packet_version"] == 1
    for other in world.v1 - {sha}:
        world.profile.read_document(MEETING, other)

    world.proxy.clear()
    report, result = world.sync()
    assert report.ok, result.error
    assert check_profile(world.profile).ok
