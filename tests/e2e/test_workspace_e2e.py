"""The secretary's client library against the real server process: drafts, uploads, publish."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from ecabinet.client.api import ApiClient, ApiError, ServerUnreachable
from ecabinet.client.profile import Profile
from ecabinet.client.secrets import MemorySecrets
from ecabinet.client.sync import SyncEngine
from ecabinet.client.workspace import DraftConflict, UploadCancelled, Workspace
from ecabinet.server.demo import DEMO_MEETING_ID, DEMO_PASSWORD
from tests.e2e.conftest import RunningServer, http_login
from tests.faultproxy import FaultProxy
from tests.support import make_pdf

pytestmark = pytest.mark.slow


@pytest.fixture
def server(run_server: Callable[..., RunningServer]) -> RunningServer:
    return run_server("--demo")


def login(url: str, username: str) -> ApiClient:
    api = ApiClient(url)
    api.login(username, DEMO_PASSWORD, "workspace test", base64.b64encode(os.urandom(32)).decode())
    return api


@pytest.fixture
def workspace(server: RunningServer) -> Iterator[Workspace]:
    api = login(server.url, "secretary")
    yield Workspace(api)
    api.close()


def tmp_empty(server: RunningServer) -> bool:
    """Whether the server's incoming-upload directory is empty (waits a little for it)."""
    tmp_dir = server.data / "blobs" / "tmp"
    deadline = time.monotonic() + 10
    while any(tmp_dir.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not any(tmp_dir.iterdir())


def attached(workspace: Workspace) -> set[str]:
    return {d["sha256"] for d in workspace.draft(DEMO_MEETING_ID).detail["documents"]}


def test_drafts_conflicts_preview_publish_and_delivery(
    workspace: Workspace, server: RunningServer, tmp_path: Path
) -> None:
    assert [m["id"] for m in workspace.meetings()] == [DEMO_MEETING_ID]
    directory = {u["username"]: u for u in workspace.directory()}
    assert {"delegate1", "delegate5", "secretary"} <= set(directory)
    draft = workspace.draft(DEMO_MEETING_ID)
    assert draft.revision == draft.detail["draft_revision"]
    pdf = tmp_path / "Phụ lục ngân sách.pdf"
    pdf.write_bytes(make_pdf(2, "Phụ lục"))
    seen: list[tuple[int, int]] = []
    uploaded = workspace.upload(DEMO_MEETING_ID, pdf, progress=lambda d, t: seen.append((d, t)))
    assert uploaded["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert uploaded["title"] == "Phụ lục ngân sách"
    assert seen[0] == (0, pdf.stat().st_size) and seen[-1] == (pdf.stat().st_size,) * 2
    # Uploading does not change the draft revision.
    assert workspace.draft(DEMO_MEETING_ID).revision == draft.revision
    items = draft.detail["agenda"]
    items.append({"title": "Phụ lục", "documents": [uploaded["sha256"]]})
    after = workspace.set_agenda(DEMO_MEETING_ID, items, draft.revision)
    assert after.revision == draft.revision + 1
    assert after.detail["agenda"][-1]["title"] == "Phụ lục"
    # Another edit based on the old revision is refused, saying who did what.
    with pytest.raises(DraftConflict) as refused:
        workspace.set_agenda(DEMO_MEETING_ID, draft.detail["agenda"][:1], draft.revision)
    assert "added “Phụ lục”" in refused.value.message
    assert len(workspace.draft(DEMO_MEETING_ID).detail["agenda"]) == len(items)
    d5 = directory["delegate5"]["id"]
    preview = workspace.preview(DEMO_MEETING_ID, d5)
    assert preview["packet_version"] == 2
    assert uploaded["sha256"] in preview["documents"]
    published = workspace.publish(DEMO_MEETING_ID, "Thêm phụ lục")
    assert published["packet_version"] == 2
    with pytest.raises(ApiError) as unchanged:
        workspace.publish(DEMO_MEETING_ID, "again")
    assert unchanged.value.code == "unchanged"
    status = workspace.delivery(DEMO_MEETING_ID)
    assert status["packet_version"] == 2
    assert not any(p["current"] for p in status["participants"])


def test_a_cancelled_upload_leaves_nothing_attached(
    workspace: Workspace, server: RunningServer, tmp_path: Path
) -> None:
    big = tmp_path / "big.pdf"
    big.write_bytes(os.urandom(8 * 2**20))
    before = attached(workspace)
    sent: list[int] = []

    def cancelled() -> bool:
        return bool(sent) and sent[-1] >= 2 * 2**20

    with pytest.raises(UploadCancelled):
        workspace.upload(
            DEMO_MEETING_ID, big, progress=lambda done, _t: sent.append(done), cancelled=cancelled
        )
    assert 2 * 2**20 <= sent[-1] < 8 * 2**20
    assert tmp_empty(server)
    assert attached(workspace) == before
    # The connection pool still works afterwards.
    small = tmp_path / "small.pdf"
    small.write_bytes(make_pdf(1))
    assert workspace.upload(DEMO_MEETING_ID, small)["pages"] == 1


def test_an_upload_cut_by_the_network_leaves_nothing_attached(
    server: RunningServer, tmp_path: Path
) -> None:
    target = urlsplit(server.url)
    assert target.hostname is not None and target.port is not None
    with FaultProxy(target.hostname, target.port) as proxy:
        api = login(proxy.url, "secretary")
        workspace = Workspace(api)
        before = attached(workspace)
        big = tmp_path / "big.pdf"
        big.write_bytes(os.urandom(8 * 2**20))
        cut: list[bool] = []

        def progress(done: int, _total: int) -> None:
            if done >= 2 * 2**20 and not cut:
                cut.append(True)
                proxy.retarget(target.hostname or "", target.port or 0)  # drops the connection

        with pytest.raises(ServerUnreachable) as failed:
            workspace.upload(DEMO_MEETING_ID, big, progress=progress)
        assert "nothing was attached" in str(failed.value)
        assert tmp_empty(server)
        assert attached(workspace) == before
        api.close()


def test_a_file_the_server_refuses_raises_its_reason(workspace: Workspace, tmp_path: Path) -> None:
    fake = tmp_path / "not-a.pdf"
    fake.write_bytes(b"hello, this is not a PDF at all")
    with pytest.raises(ApiError) as refused:
        workspace.upload(DEMO_MEETING_ID, fake)
    assert refused.value.status == 422
    assert refused.value.message
    with pytest.raises(Exception, match="cannot be read"):
        workspace.upload(DEMO_MEETING_ID, tmp_path / "missing.pdf")


def _current(workspace: Workspace, username: str) -> tuple[bool, int | None]:
    rows = {p["username"]: p for p in workspace.delivery(DEMO_MEETING_ID)["participants"]}
    return rows[username]["current"], rows[username]["delivered_version"]


def _delivery_events(server: RunningServer) -> list[dict[str, object]]:
    """The ``delivery`` events of the demo meeting's live stream, read from its start."""
    found = []
    with http_login(server, "secretary") as http:
        url = f"{server.api}/meetings/{DEMO_MEETING_ID}/events"
        with http.get(url, params={"after": 0}, stream=True, timeout=(10, 2)) as response:
            kind = ""
            try:
                for line in response.iter_lines(decode_unicode=True):
                    if line.startswith("event: "):
                        kind = line.removeprefix("event: ")
                    elif line.startswith("data: ") and kind == "delivery":
                        found.append(json.loads(line.removeprefix("data: "))["data"])
            except requests.exceptions.ConnectionError:
                pass  # the read timeout: no more events for now
    return found


def test_sync_acknowledges_delivery_and_a_new_version_needs_a_new_sync(
    workspace: Workspace, server: RunningServer, tmp_path: Path
) -> None:
    target = urlsplit(server.url)
    assert target.hostname is not None and target.port is not None
    with FaultProxy(target.hostname, target.port) as proxy:
        profile = Profile(tmp_path / "d1", secrets=MemorySecrets())
        api = ApiClient(proxy.url)
        try:
            engine = SyncEngine(profile, api)
            d1_id = engine.login("delegate1", DEMO_PASSWORD).user["id"]
            assert _current(workspace, "delegate1") == (False, None)
            # The answer to the acknowledgement is lost: the sync itself still succeeds ...
            proxy.cut_after(0, "/delivery")
            assert engine.sync().ok
            acked = f"delivered:{DEMO_MEETING_ID}"
            assert profile.setting(acked) is None
            # ... and the next sync sends it again, without downloading anything again.
            again = engine.sync()
            assert again.ok and again.bytes_received == 0
            assert profile.setting(acked) == "1"
            assert _current(workspace, "delegate1") == (True, 1)
            assert _delivery_events(server) == [{"user_id": d1_id, "packet_version": 1}]
            # A new version: not current until the device has it.
            draft = workspace.draft(DEMO_MEETING_ID)
            items = draft.detail["agenda"]
            items[0]["title"] += " (sửa đổi)"
            workspace.set_agenda(DEMO_MEETING_ID, items, draft.revision)
            workspace.publish(DEMO_MEETING_ID, "Sửa tên mục 1")
            assert _current(workspace, "delegate1") == (False, 1)
            assert engine.sync().ok
            assert _current(workspace, "delegate1") == (True, 2)
            # Taken off the meeting: the sync says so plainly.
            draft = workspace.draft(DEMO_MEETING_ID)
            facts = {
                key: draft.detail[key]
                for key in ("title", "starts_at", "location", "bridge_sites", "offline_until")
            }
            facts["video_url"] = draft.detail["video_url"] or None
            facts["participants"] = [
                {"user_id": p["user_id"], "role": p["role"]}
                for p in draft.detail["participants"]
                if p["username"] != "delegate1"
            ]
            workspace.update_meeting(DEMO_MEETING_ID, facts, draft.revision)
            report = engine.sync()
            (gone,) = [m for m in report.meetings if m.meeting_id == DEMO_MEETING_ID]
            assert gone.status == "removed"
            assert gone.error is not None and "no longer a participant" in gone.error
        finally:
            api.close()
            profile.close()


def test_a_file_over_the_servers_limit_gets_its_reason_not_a_cut(
    run_server: Callable[..., RunningServer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ECABINET_MAX_UPLOAD_BYTES", str(2**20))
    server = run_server("--demo")
    api = login(server.url, "secretary")
    try:
        big = tmp_path / "lớn.pdf"
        big.write_bytes(os.urandom(6 * 2**20))
        with pytest.raises(ApiError) as refused:
            Workspace(api).upload(DEMO_MEETING_ID, big)
        assert (refused.value.status, refused.value.code) == (413, "too_large")
        assert tmp_empty(server)
    finally:
        api.close()
