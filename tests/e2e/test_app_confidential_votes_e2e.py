"""The desktop app and a motion on the demo meeting's confidential item, against the real
server: a cleared delegate's app shows the motion and its result (read from the state, as
the result event names only the motion); delegate5's app, not cleared, shows nothing of it.

Saves screenshots of both delegates' main windows under ``test-artifacts/``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from pytestqt.qtbot import QtBot

from ecabinet.client.profile import Profile
from ecabinet.server.demo import DEMO_MEETING_ID
from ecabinet.ui.app import DesktopApp
from ecabinet.ui.mainwindow import MainWindow
from ecabinet.ui.session import AppSession
from ecabinet.ui.votepanel import VotePanel
from tests.e2e.conftest import RunningServer, http_login
from tests.e2e.test_app_e2e import ARTIFACTS, WAIT, desktop_secrets

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]


def start_as(
    desktop: DesktopApp, server: RunningServer, profile_dir: Path, qtbot: QtBot, user: str
) -> tuple[MainWindow, VotePanel]:
    """The app logged in as ``user``, its vote panel up and the user checked in."""
    profile = Profile(profile_dir, secrets=desktop_secrets(profile_dir))
    desktop.profile = profile
    window = desktop.start(AppSession(profile, server.url, desktop.runner), (user, "demo"))
    qtbot.addWidget(window)
    window.resize(1400, 860)
    qtbot.waitUntil(lambda: isinstance(window.side.vote_panel, VotePanel), timeout=WAIT)
    panel = window.side.vote_panel
    assert isinstance(panel, VotePanel)
    qtbot.waitUntil(lambda: panel.check_in_button.isEnabled(), timeout=WAIT)
    panel.check_in_button.click()
    qtbot.waitUntil(lambda: panel.check_in_button.text() == "You are checked in", timeout=WAIT)
    return window, panel


class Chair:
    """The chair (and other members) acting over HTTP on the demo meeting."""

    def __init__(self, server: RunningServer) -> None:
        self.server = server
        self.http = {u: http_login(server, u) for u in ("chair", "delegate2")}
        api = f"{server.api}/meetings/{DEMO_MEETING_ID}"
        manifest = self.http["chair"].get(f"{api}/manifest", timeout=30).json()["manifest"]
        self.secret_item = next(i["id"] for i in manifest["agenda"] if i["confidential"])
        self.public_item = manifest["agenda"][0]["id"]
        for user in self.http:
            assert self.post(user, f"/meetings/{DEMO_MEETING_ID}/attendance").ok

    def post(self, user: str, path: str, body: Any = None) -> requests.Response:
        return self.http[user].post(f"{self.server.api}{path}", json=body or {}, timeout=30)

    def motion(self, item_id: str, title: str) -> str:
        created = self.post(
            "chair",
            f"/meetings/{DEMO_MEETING_ID}/motions",
            {"agenda_item_id": item_id, "title": title, "text": f"Điều 1. {title}."},
        )
        assert created.status_code == 201, created.text
        motion_id = str(created.json()["id"])
        assert self.post("chair", f"/motions/{motion_id}/open").ok
        return motion_id


def test_cleared_delegate_app_shows_the_confidential_result(
    qtbot: QtBot, run_server: Callable[..., RunningServer], desktop: DesktopApp, tmp_path: Path
) -> None:
    server = run_server("--demo")
    window, panel = start_as(desktop, server, tmp_path / "profile", qtbot, "delegate1")
    chair = Chair(server)
    title = "Bổ nhiệm Giám đốc Sở Nội vụ " + uuid.uuid4().hex[:6]
    motion_id = chair.motion(chair.secret_item, title)
    qtbot.waitUntil(lambda: panel.title.text() == title, timeout=WAIT)
    qtbot.waitUntil(lambda: len(panel.option_buttons) == 3, timeout=WAIT)
    qtbot.waitUntil(lambda: panel.option_buttons[0].isEnabled(), timeout=WAIT)
    panel.option_buttons[0].click()
    panel.confirm_button.click()
    qtbot.waitUntil(lambda: "Your vote is recorded." in panel.status.text(), timeout=WAIT)
    for user in ("chair", "delegate2"):
        assert chair.post(user, f"/motions/{motion_id}/ballots", {"choice": "for"}).ok
    assert chair.post("chair", f"/motions/{motion_id}/close").ok
    # Three of the five cleared members present, three for: adopted.
    qtbot.waitUntil(
        lambda: "Result: Adopted — For 3 · Against 0 · Abstain 0" in panel.status.text(),
        timeout=WAIT,
    )
    shown = next(m for m in panel.state["motions"] if m["id"] == motion_id)
    assert shown["result"]["result"]["entitled"]["members"] == 5
    assert shown["result"]["signature"]
    qtbot.wait(200)
    ARTIFACTS.mkdir(exist_ok=True)
    window.grab().save(str(ARTIFACTS / "main-window-confidential-result.png"))


def test_uncleared_delegate_app_shows_nothing_of_it(
    qtbot: QtBot, run_server: Callable[..., RunningServer], desktop: DesktopApp, tmp_path: Path
) -> None:
    server = run_server("--demo")
    window, panel = start_as(desktop, server, tmp_path / "profile", qtbot, "delegate5")
    seen: list[str] = []

    def record(state: dict[str, Any]) -> None:
        # Connected after the panel: its labels already show this state.
        seen.append(json.dumps(state, ensure_ascii=False))
        seen.append(" ".join((panel.title.text(), panel.body.text(), panel.status.text())))

    panel.live.state_changed.connect(record)
    chair = Chair(server)
    title = "Bổ nhiệm Giám đốc Sở Nội vụ " + uuid.uuid4().hex[:6]
    motion_id = chair.motion(chair.secret_item, title)
    assert chair.post("delegate2", f"/motions/{motion_id}/ballots", {"choice": "for"}).ok
    assert chair.post("chair", f"/motions/{motion_id}/close").ok
    # A public motion after it reaches the panel; events arrive in order, so by then every
    # event of the confidential one has been handled.
    public = chair.motion(chair.public_item, "Thông qua chương trình " + uuid.uuid4().hex[:6])
    assert chair.post("chair", f"/motions/{public}/close").ok
    qtbot.waitUntil(lambda: "Result:" in panel.status.text(), timeout=WAIT)
    assert panel.title.text().startswith("Thông qua chương trình")
    assert seen
    assert not [s for s in seen if title in s or motion_id in s]
    assert [m["id"] for m in panel.state["motions"]] == [public]
    qtbot.wait(200)
    ARTIFACTS.mkdir(exist_ok=True)
    window.grab().save(str(ARTIFACTS / "main-window-uncleared-after-votes.png"))
